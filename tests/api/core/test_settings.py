"""The API's settings: what they refuse, and the periods clients are told."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from api.core.settings import ApiSettings


@pytest.mark.parametrize(
    "origins", ["https://a.fi; script-src *", "*", "https://a.fi/path", "javascript:x"]
)
def test_embed_origins_must_be_bare_origins(origins: str) -> None:
    with pytest.raises(ValidationError):
        ApiSettings(embed_origins=origins)


def test_embed_origins_are_normalised_to_single_spaces() -> None:
    settings = ApiSettings(embed_origins="  https://a.fi\thttp://localhost:8080 ")
    assert settings.embed_origins == "https://a.fi http://localhost:8080"


def test_the_retention_is_told_in_whole_days() -> None:
    settings = ApiSettings(answer_retention="P45D")
    assert settings.answer_retention == timedelta(days=45)
    assert (settings.answer_retention_days, settings.faq_topic_retention_days) == (45, 45)
    assert ApiSettings().answer_retention_days == 30


@pytest.mark.parametrize("period", ["PT36H", "PT1H", "P0D", "-P1D"])
def test_a_retention_clients_cannot_be_told_in_days_is_refused(period: str) -> None:
    with pytest.raises(ValidationError, match="whole number of days"):
        ApiSettings(answer_retention=period)


def test_the_retention_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANSWER_RETENTION", "P14D")
    assert ApiSettings().answer_retention_days == 14


def test_the_pulse_survey_is_offered_unasked_at_most_weekly_by_default() -> None:
    settings = ApiSettings()
    assert settings.pulse_min_interval == timedelta(days=7)
    assert settings.pulse_min_interval_days == 7
    assert ApiSettings(pulse_min_interval="P14D").pulse_min_interval_days == 14


@pytest.mark.parametrize("period", ["PT36H", "P0D"])
def test_a_pulse_interval_not_in_whole_days_is_refused(period: str) -> None:
    with pytest.raises(ValidationError, match="whole number of days"):
        ApiSettings(pulse_min_interval=period)


def test_the_pulse_ask_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSE_ASK_KEY", "a made-up key")
    assert ApiSettings().pulse_ask_key.get_secret_value() == "a made-up key"


def test_the_panels_consent_version_and_min_group_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert (ApiSettings().panel_consent_version, ApiSettings().min_group) == ("1", 5)
    monkeypatch.setenv("PANEL_CONSENT_VERSION", "2027-01")
    monkeypatch.setenv("MIN_GROUP", "10")
    assert (ApiSettings().panel_consent_version, ApiSettings().min_group) == ("2027-01", 10)
    monkeypatch.setenv("PANEL_CONSENT_VERSION", "")
    with pytest.raises(ValidationError):
        ApiSettings()
