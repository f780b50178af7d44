import json
import re
import threading
from collections import deque
from typing import Any

import pytest
import rasa.core.run
from jsonschema import ValidationError
from pydantic import SecretStr
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.nlg import interpolator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components import rasa_cli
from vocabulary.deployment import UnsafeForProduction
from vocabulary.messages import MAX_MESSAGE_LENGTH, too_long_text

VALID: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "language", "value": "fi"}],
        "responses": [{"text": "moi"}],
    },
    {},
]
INVALID: list[dict[str, Any]] = [
    {"events": "not a list"},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["not an object"]},
]


def original(result: dict[str, Any]) -> None:
    RemoteAction._validate_action_result(RemoteAction("action_x", None), result)


def kept(result: dict[str, Any]) -> None:
    rasa_cli.validate_action_result(RemoteAction("action_x", None), result)


@pytest.mark.parametrize("result", VALID)
def test_a_valid_response_passes_as_in_rasa(result: dict[str, Any]) -> None:
    original(result)
    kept(result)


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_response_fails_with_rasas_error(result: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as theirs:
        original(result)
    with pytest.raises(ValidationError) as ours:
        kept(result)
    assert ours.value.message == theirs.value.message
    assert list(ours.value.path) == list(theirs.value.path)


def test_install_replaces_the_check_of_every_remote_action(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction._validate_action_result
    )
    monkeypatch.setattr(RemoteAction, "run", RemoteAction.run)
    # What else install() replaces, put back after the test.
    monkeypatch.setattr(MessageProcessor, "parse_message", MessageProcessor.parse_message)
    monkeypatch.setattr(interpolator, "interpolate_text", interpolator.interpolate_text)
    limits: list[dict[str, Any]] = []
    monkeypatch.setattr(rasa_cli, "threadpool_limits", lambda **given: limits.append(given))
    rasa_cli.install(rasa_cli.LauncherSettings())
    assert RemoteAction._validate_action_result is rasa_cli.validate_action_result
    assert limits == [{"limits": 1, "user_api": "blas"}]  # numpy's BLAS on one thread


def test_the_schema_is_checked_once() -> None:
    assert rasa_cli.response_validator() is rasa_cli.response_validator()


def test_telemetry_is_off_whatever_rasas_config_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa import telemetry

    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    ran: list[bool] = []
    monkeypatch.setattr("rasa.__main__.main", lambda: ran.append(telemetry.is_telemetry_enabled()))
    rasa_cli.main()
    assert ran == [False]


def body(**fields: Any) -> bytes:
    return json.dumps({"sender": "s-1", "message": "hei", **fields}).encode()


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        b'"text"',
        body(message=None),
        body(message=["a"]),
        body(message={"text": "a"}),
        body(sender=5),
        body(sender=""),
        body(sender="s" * (rasa_cli.MAX_SENDER_LENGTH + 1)),
        body(metadata="fi"),
        body(metadata=[1]),
    ],
)
def test_a_malformed_webhook_body_is_a_400(raw: bytes) -> None:
    passed, answer = rasa_cli.checked_message(raw)
    assert passed is None
    assert answer is not None and answer[0] == 400


@pytest.mark.parametrize(
    ("language", "words"), [("fi", "enintään 2\u00a0000 merkkiä"), ("en", "at most 2,000")]
)
def test_a_long_message_is_answered_politely_in_the_clients_language(
    language: str, words: str
) -> None:
    raw = body(message="x" * (MAX_MESSAGE_LENGTH + 1), metadata={"language": language})
    passed, answer = rasa_cli.checked_message(raw)
    assert passed is None and answer is not None
    status, replies = answer
    assert status == 200
    assert replies == [{"recipient_id": "s-1", "text": too_long_text(language)}]  # type: ignore[arg-type]
    assert words in replies[0]["text"]


def test_a_long_message_without_a_language_is_answered_in_all_three() -> None:
    _, answer = rasa_cli.checked_message(body(message="x" * 100_000, metadata={"language": 7}))
    assert answer is not None
    assert answer[1][0]["text"] == too_long_text(None)
    assert "2\u00a0000" in answer[1][0]["text"] and "2,000" in answer[1][0]["text"]


def test_a_message_at_the_limit_passes_unchanged() -> None:
    for message in ("x" * MAX_MESSAGE_LENGTH, "😀 مرحبا <script>alert(1)</script> '; DROP", ""):
        assert rasa_cli.checked_message(body(message=message)) == (None, None)


def test_unknown_fields_pass_and_control_characters_are_dropped() -> None:
    passed, answer = rasa_cli.checked_message(body(message="a\x00b\x1bc\td\ne\x7f", extra=1))
    assert answer is None
    assert passed == {"sender": "s-1", "message": "abc\td\ne", "extra": 1}


def test_only_the_channels_webhooks_are_checked() -> None:
    def request(method: str, path: str) -> Any:
        return type("R", (), {"method": method, "path": path})()

    assert rasa_cli.is_channel_webhook(request("POST", "/webhooks/rest/webhook"))
    assert rasa_cli.is_channel_webhook(request("POST", "/webhooks/socketio/webhook/"))
    assert not rasa_cli.is_channel_webhook(request("GET", "/webhooks/rest/webhook"))
    assert not rasa_cli.is_channel_webhook(request("POST", "/model/parse"))


def test_the_server_checks_messages_and_limits_bodies(monkeypatch: pytest.MonkeyPatch) -> None:
    class App:
        def __init__(self) -> None:
            self.config = type("C", (), {"REQUEST_MAX_SIZE": 100_000_000})()
            self.middleware: list[tuple[Any, str]] = []

        def register_middleware(self, fn: Any, kind: str) -> None:
            self.middleware.append((fn, kind))

    app = App()
    configure = rasa_cli.guarded(lambda *args, **kwargs: app)  # type: ignore[arg-type]
    assert configure() is app  # type: ignore[comparison-overlap]
    assert app.config.REQUEST_MAX_SIZE == rasa_cli.MAX_BODY_BYTES
    assert app.middleware == [(rasa_cli.check_client_message, "request")]
    monkeypatch.setattr(rasa.core.run, "configure_app", rasa.core.run.configure_app)
    monkeypatch.setattr(RemoteAction, "run", RemoteAction.run)
    # What else install() replaces, put back after the test.
    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction._validate_action_result
    )
    monkeypatch.setattr(MessageProcessor, "parse_message", MessageProcessor.parse_message)
    monkeypatch.setattr(interpolator, "interpolate_text", interpolator.interpolate_text)
    monkeypatch.setattr(rasa_cli, "threadpool_limits", lambda *args, **kwargs: None)
    rasa_cli.install(rasa_cli.LauncherSettings())
    rasa_cli.install(rasa_cli.LauncherSettings())
    assert rasa.core.run.configure_app.__wrapped__.__name__ == "configure_app"
    assert not hasattr(rasa.core.run.configure_app.__wrapped__, "__wrapped__")


SAFE = rasa_cli.LauncherSettings(
    kohtaamo_env="production",
    service_token=SecretStr("s" * 32),
    actions_token=SecretStr("a" * 32),
)
SAFE_RUN = ["run", "--auth-token", "r" * 32, "--cors", "https://chat.example.fi", "--port", "1"]


def test_production_runs_with_strong_secrets_and_a_named_origin() -> None:
    rasa_cli.check_run_arguments(SAFE_RUN, SAFE)
    rasa_cli.check_run_arguments(["train"], rasa_cli.LauncherSettings(kohtaamo_env="production"))


@pytest.mark.parametrize(
    ("argv", "settings", "named"),
    [
        (["run", "--cors", "*"], SAFE, "RASA_TOKEN"),
        (["run", "--auth-token", "local-rasa-token"], SAFE, "RASA_TOKEN"),
        ([*SAFE_RUN, "--cors", "*"], SAFE, "--cors"),
        ([*SAFE_RUN[:5], "--cors=*"], SAFE, "--cors"),
        (SAFE_RUN, rasa_cli.LauncherSettings(kohtaamo_env="production"), "SERVICE_TOKEN"),
        (SAFE_RUN, SAFE.copy(update={"actions_token": SecretStr("short")}), "ACTIONS_TOKEN"),
    ],
)
def test_production_refuses_defaults_and_any_origin(
    argv: list[str], settings: rasa_cli.LauncherSettings, named: str
) -> None:
    with pytest.raises(UnsafeForProduction, match=re.escape(named)):
        rasa_cli.check_run_arguments(argv, settings)
    rasa_cli.check_run_arguments(argv, settings.copy(update={"kohtaamo_env": "development"}))


def test_main_exits_before_rasa_starts_when_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOHTAAMO_ENV", "production")
    monkeypatch.setattr("sys.argv", ["rasa_cli", "run", "--cors", "*"])
    monkeypatch.setattr("rasa.__main__.main", lambda: pytest.fail("Rasa started"))
    with pytest.raises(SystemExit, match="refusing to start"):
        rasa_cli.main()


class Parsing(MessageProcessor):
    """A MessageProcessor with only what parse_message uses: a stand-in for its NLU graph."""

    def __init__(self) -> None:
        self.http_interpreter = None
        self.domain = Domain.empty()
        self.threads: list[str] = []

    def _parse_message_with_graph(
        self,
        message: UserMessage,
        tracker: DialogueStateTracker,
        only_output_properties: bool = True,
    ) -> dict[str, Any]:
        self.threads.append(threading.current_thread().name)
        return {"text": message.text, "intent": {"name": "greet"}, "entities": [], "seen": tracker}


@pytest.mark.anyio
async def test_the_nlu_runs_in_its_thread_and_parses_as_before() -> None:
    processor = Parsing()
    tracker = DialogueStateTracker.from_events("someone", [])
    parsed = await rasa_cli.parse_message(processor, UserMessage("moi"), tracker)
    assert parsed == {"text": "moi", "intent": {"name": "greet"}, "entities": [], "seen": tracker}
    assert processor.threads[0].startswith("nlu")
    assert processor.threads[0] != threading.current_thread().name
    # Without a tracker (Rasa's HTTP API /model/parse): an empty one, as Rasa makes it.
    assert (await rasa_cli.parse_message(processor, UserMessage("moi")))["seen"].events == deque()


def test_install_parses_in_the_thread_and_keeps_payloads_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(MessageProcessor, "parse_message", MessageProcessor.parse_message)
    monkeypatch.setattr(interpolator, "interpolate_text", interpolator.interpolate_text)
    monkeypatch.setattr(rasa_cli, "threadpool_limits", lambda *args, **kwargs: None)
    monkeypatch.setattr(RemoteAction, "run", RemoteAction.run)
    rasa_cli.install(rasa_cli.LauncherSettings())
    assert MessageProcessor.parse_message is rasa_cli.parse_message
    assert interpolator.interpolate_text is rasa_cli.interpolate_text


class Recorder:
    def __init__(self) -> None:
        self.logged: list[str] = []

    def exception(self, event: str, **values: Any) -> None:
        self.logged.append(event)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ('/pulse_answer{"outcome": "yes"}', {"language": "fi"}),
        ('/change_language{"language": "sv"}', {"language": "fi"}),
        ("Hei {name}, kello on {time}.", {"name": "Aino", "time": "9"}),
        ("Hei {nobody}!", {"name": "Aino"}),  # a missing slot: Rasa's error stays
        ("no placeholders", {}),
    ],
)
def test_interpolation_is_rasas_without_the_false_alarm(
    monkeypatch: pytest.MonkeyPatch, text: str, values: dict[str, Any]
) -> None:
    theirs, ours = Recorder(), Recorder()
    monkeypatch.setattr(interpolator, "structlogger", theirs)
    expected = rasa_cli.RASA_INTERPOLATE_TEXT(text, values)
    monkeypatch.setattr(interpolator, "structlogger", ours)
    assert rasa_cli.interpolate_text(text, values) == expected
    payload = text.startswith("/")
    assert ours.logged == ([] if payload else theirs.logged)
    assert bool(theirs.logged) == (payload or "nobody" in text)
