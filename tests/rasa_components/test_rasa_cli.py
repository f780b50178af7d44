from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa_components import rasa_cli

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
    rasa_cli.install()
    assert RemoteAction._validate_action_result is rasa_cli.validate_action_result


def test_the_schema_is_checked_once() -> None:
    assert rasa_cli.response_validator() is rasa_cli.response_validator()


def test_telemetry_is_off_whatever_rasas_config_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa import telemetry

    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    ran: list[bool] = []
    monkeypatch.setattr("rasa.__main__.main", lambda: ran.append(telemetry.is_telemetry_enabled()))
    rasa_cli.main()
    assert ran == [False]
