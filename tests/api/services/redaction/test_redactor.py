"""The redactor as the API uses it: whole messages, several kinds at once, each language."""

import pytest

from api.services.redaction import Redactor
from tests.api.services.redaction.test_recognizers import hetu

CODE = hetu("150312", "A", "456")


def test_several_kinds_in_one_sentence(redactor: Redactor) -> None:
    text = (
        f"Soita 040 123 4567 tai mailaa matti@esimerkki.fi, hetu {CODE}, "
        "tili FI21 1234 5600 0007 85, osoite Hämeenkatu 5 A, 33100 Tampere."
    )
    assert redactor.redact(text, "fi") == (
        "Soita <PHONE> tai mailaa <EMAIL>, hetu <HETU>, tili <IBAN>, osoite <ADDRESS>."
    )


@pytest.mark.parametrize(
    ("language", "text", "redacted"),
    [
        (
            "fi",
            f"Henkilötunnukseni on {CODE} ja puhelin +358 50 765 4321.",
            "Henkilötunnukseni on <HETU> ja puhelin <PHONE>.",
        ),
        (
            "sv",
            f"Mitt personnummer är {CODE}, ring mig på 040 123 4567 eller skriv till "
            "anna.svensson@exempel.se. Jag bor på Kungsvägen 12 lgh 1102.",
            "Mitt personnummer är <HETU>, ring mig på <PHONE> eller skriv till <EMAIL>. "
            "Jag bor på <ADDRESS>.",
        ),
        (
            "en",
            f"My identity code is {CODE}, my IBAN FI2112345600000785 and I live at "
            "10 Downing Street; call +358401234567.",
            "My identity code is <HETU>, my IBAN <IBAN> and I live at <ADDRESS>; call <PHONE>.",
        ),
    ],
)
def test_each_language(redactor: Redactor, language: str, text: str, redacted: str) -> None:
    assert redactor.redact(text, language) == redacted


def test_an_unknown_language_is_redacted_as_finnish(redactor: Redactor) -> None:
    assert redactor.redact("Ruf mich an: 040 123 4567", "de") == "Ruf mich an: <PHONE>"


@pytest.mark.parametrize(
    "text",
    [
        "olen ollut työttömänä 6 kuukautta, 3 hakemusta viikossa",
        "Tapaaminen on 1.3.2026 klo 10.30, seuraava 15.4.",
        "Sain 1 200 euroa ja 350,50 € tukea vuonna 2025.",
        "Haluan 2-3 kurssia, 50 % työaikaa, klo 9-16.",
        "Puhelinnumero ja sähköposti ovat profiilissa.",
        "Jag har sökt 12 jobb sedan 2024 och fått 2 svar.",
        "I have applied for 15 jobs in 3 months, about 1 500 euros a month.",
        "Kiitos! 😊\nNähdään   maanantaina.\t",
        "",
    ],
)
def test_text_without_personal_data_comes_back_unchanged(redactor: Redactor, text: str) -> None:
    for language in ("fi", "sv", "en"):
        assert redactor.redact(text, language) == text
