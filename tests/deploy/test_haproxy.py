"""deploy.haproxy: the configuration from the template and the settings, and Debian's HAProxy
(`make haproxy`; the test fails without it) finds it valid."""

from pathlib import Path

from deploy import haproxy
from deploy.settings import DeploySettings


def test_one_checked_server_line_per_instance_and_the_frontends_ports() -> None:
    settings = DeploySettings(rasa_instances=3, rasa_port=6005, haproxy_stats_port=9404)
    written = haproxy.render(settings)
    assert "bind 127.0.0.1:6005" in written and "bind 127.0.0.1:9404" in written
    for number, port in enumerate((5101, 5102, 5103), start=1):
        assert f"    server rasa-{number} 127.0.0.1:{port} check maxconn 8\n" in written
    assert "server rasa-4" not in written and "server api-2 127.0.0.1:8102 check" in written
    # Rasa answers its root, the action servers /health; an API instance stays in while its
    # database answers, even when /health is 503 because Rasa is down.
    backends = {part.split("\n", 1)[0]: part for part in written.split("backend ")[1:]}
    assert "option httpchk GET /\n" in backends["rasa"]
    assert "option httpchk GET /health" in backends["actions"]
    assert 'http-check expect rstring "\\"database\\": *\\"ok\\""' in backends["api"]
    assert "$" not in written  # every placeholder filled


def test_haproxy_finds_the_written_configuration_valid(tmp_path: Path) -> None:
    settings = DeploySettings(production_dir=tmp_path)
    path = haproxy.write(settings)  # raises ConfigRefused with HAProxy's words otherwise
    assert path == tmp_path / "haproxy.cfg" and path.is_file()
