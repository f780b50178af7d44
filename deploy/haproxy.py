"""HAProxy's configuration from deploy/haproxy.cfg.template and the settings, and HAProxy's
own check of it (`haproxy -c`)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from string import Template

from deploy.settings import LOOPBACK, DeploySettings

TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
KINDS = ("rasa", "actions", "api")


class ConfigRefused(RuntimeError):
    """HAProxy found the written configuration wrong (its own words)."""


def servers(settings: DeploySettings, kind: str) -> str:
    """One checked `server` line per instance: `rasa-1 127.0.0.1:5101 check maxconn 8`."""
    limit = f" maxconn {settings.rasa_server_maxconn}" if kind == "rasa" else ""
    return "\n".join(
        f"    server {kind}-{number} {LOOPBACK}:{port} check{limit}"
        for number, port in enumerate(settings.instance_ports(kind), start=1)
    )


def render(settings: DeploySettings, template: Path = TEMPLATE) -> str:
    return Template(template.read_text(encoding="utf-8")).substitute(
        bind=settings.haproxy_bind,
        rasa_port=settings.rasa_port,
        actions_port=settings.actions_port,
        api_port=settings.api_port,
        stats_port=settings.haproxy_stats_port,
        rasa_maxconn=settings.rasa_server_maxconn,
        **{f"{kind}_servers": servers(settings, kind) for kind in KINDS},
    )


def write(settings: DeploySettings) -> Path:
    """Writes the configuration into the profile's folder and has HAProxy check it."""
    settings.production_dir.mkdir(parents=True, exist_ok=True)
    path = settings.production_dir / "haproxy.cfg"
    path.write_text(render(settings), encoding="utf-8")
    checked = subprocess.run(  # noqa: S603 - Debian's haproxy, our own file
        [str(settings.haproxy), "-c", "-q", "-f", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.returncode != 0:
        raise ConfigRefused(f"{path}: {(checked.stderr or checked.stdout).strip()}")
    return path
