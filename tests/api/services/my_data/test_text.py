"""The copy as text: in the client's language, every period from the settings it was given."""

from datetime import UTC, date, datetime

import pytest

from api.schemas.my_data import MyData, Retention, StoredPanelMembership
from api.services.my_data.text import STRINGS, render
from vocabulary.languages import LANGUAGES, Language

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def data(**changes: object) -> MyData:
    base = MyData(
        conversation=None,
        meetings=[],
        panel=None,
        faq_topics=[],
        pulse_survey_open=False,
        retention=Retention(
            answer_retention_days=45, conversation_retention_days=21, faq_topic_retention_days=45
        ),
    )
    return base.model_copy(update=changes)


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_stored_still_tells_the_logs_period_and_the_anonymous_answers(
    language: Language,
) -> None:
    text = render(data(), language, now=NOW)
    assert text.startswith(STRINGS[language]["title"].format(now="01.12.2026 10.00"))
    assert "21" in text and "30" not in text
    assert STRINGS[language]["anonymous"] in text
    assert STRINGS[language]["no_meetings"] in text and STRINGS[language]["no_panel"] in text


def test_the_panel_in_words() -> None:
    panel = StoredPanelMembership(
        interests=["training", "immigrant_services"],
        languages=["fi", "sv"],
        contact_channel="email",
        email="matti@example.fi",
        joined_on=date(2026, 11, 3),
        consent_version="2",
    )
    text = render(data(panel=panel, pulse_survey_open=True), "fi", now=NOW)
    assert "liittynyt 3.11.2026, suostumusteksti versio 2" in text
    assert "Kiinnostuksen kohteet: koulutus, maahanmuuttajien palvelut" in text
    assert "Yhteydenotto: sähköposti matti@example.fi" in text
    assert STRINGS["fi"]["pulse_open"] in text
