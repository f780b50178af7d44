"""bot.commands: the registry of commands, and the bridge's own answer to /privacy, whose
period comes from the API's retention setting (GET /api/v1/retention), never a literal."""

import re

import pytest

from bot.commands import COMMANDS, Command, command_list, privacy
from bot.settings import BotSettings
from tests.bot.conftest import PUBLIC_BASE_URL, bridge_of, running_bridge
from tests.bot.stubs import StubApi
from vocabulary.languages import LANGUAGES

pytestmark = pytest.mark.anyio


def test_every_command_is_described_in_every_language_as_telegram_requires() -> None:
    for command in COMMANDS:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", command.name)
        for language in LANGUAGES:
            assert 1 <= len(command.description[language]) <= 256
    assert len({c.name for c in COMMANDS}) == len(COMMANDS)
    assert "start" not in {c.name for c in COMMANDS}


def test_a_command_has_a_payload_or_a_reply() -> None:
    with pytest.raises(ValueError, match="either"):
        Command("both", {"fi": "", "sv": "", "en": ""}, payload="/x", reply=privacy)
    with pytest.raises(ValueError, match="either"):
        Command("neither", {"fi": "", "sv": "", "en": ""})


def test_feedback_asks_rasa_for_the_pulse_survey() -> None:
    [feedback] = [c for c in COMMANDS if c.name == "feedback"]
    assert feedback.payload == "/give_feedback"  # on request: domain/menu.yml's intent
    assert feedback.description["sv"] == "Ge respons"


def test_mydata_and_delete_ask_rasa_for_the_clients_own_data() -> None:
    payloads = {c.name: c.payload for c in COMMANDS}
    assert payloads["mydata"] == "/my_data"
    assert payloads["delete"] == "/delete_my_data"


def test_the_command_list_is_in_the_language_and_finnish_by_default() -> None:
    assert command_list("en").splitlines()[0] == "/language – Change the language"
    assert command_list(None) == command_list("fi")


async def test_privacy_tells_the_apis_retention_period_and_links_the_notice(
    settings: BotSettings, api: StubApi
) -> None:
    api.retention = {"answer_retention_days": 45, "faq_topic_retention_days": 90}
    async with running_bridge(
        settings.model_copy(update={"public_base_url": "https://k.example/"})
    ) as app:
        bridge = bridge_of(app)
        english = await privacy(bridge, "en")
        finnish = await privacy(bridge, "fi")
        everyone = await privacy(bridge, None)
    assert "deleted 45 days after the meeting" in english
    assert english.endswith("More: https://k.example/privacy")
    assert "poistetaan 45 päivän kuluttua tapaamisesta" in finnish
    assert everyone.startswith("Tietosuoja lyhyesti") and "raderas 45 dagar efter mötet" in everyone
    assert "30" not in everyone
    assert api.retention_reads == 1  # read once, then kept


async def test_without_the_api_privacy_points_to_the_notice_instead_of_a_number(
    settings: BotSettings, api: StubApi
) -> None:
    api.server.stop()
    async with running_bridge(settings) as app:
        bridge = bridge_of(app)
        answers = {language: await privacy(bridge, language) for language in LANGUAGES}
    assert not any(re.search(r"\d+ (päivän|dagar|days)", answer) for answer in answers.values())
    assert "deleted after the period given in the privacy notice" in answers["en"]
    assert "tietosuojaselosteessa kerrotun ajan kuluttua" in answers["fi"]
    assert "den tid som anges i dataskyddsbeskrivningen" in answers["sv"]
    assert all(a.endswith(f"{PUBLIC_BASE_URL}/privacy") for a in answers.values())
