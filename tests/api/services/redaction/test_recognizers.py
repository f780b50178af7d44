"""Each kind of personal data alone: identity codes, phone numbers, e-mail addresses, IBANs."""

import pytest

from api.services.redaction import Redactor
from api.services.redaction.recognizers import offline_suffix_list

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(birth_date: str, century_sign: str, individual_number: str) -> str:
    """A made-up personal identity code with a correct check character (DDMMYY, sign, NNN)."""
    check = CHECK_CHARACTERS[int(birth_date + individual_number) % 31]
    return f"{birth_date}{century_sign}{individual_number}{check}"


def wrong_check(code: str) -> str:
    right = code[-1]
    return code[:-1] + next(c for c in CHECK_CHARACTERS if c != right)


# One code per century sign: + (1800s), - and U-Y (1900s), A-F (2000s).
VALID_CODES = [
    hetu("010185", "+", "246"),
    hetu("131052", "-", "308"),
    *(hetu("240795", sign, "123") for sign in "UVWXY"),
    *(hetu("150312", sign, "456") for sign in "ABCDEF"),
    hetu("290200", "A", "902"),  # 29 February 2000: a leap day
]


def test_the_test_codes_are_computed_right() -> None:
    # The example code of the Digital and Population Data Services Agency (dvv.fi).
    assert hetu("131052", "-", "308") == "131052-308T"


@pytest.mark.parametrize("code", VALID_CODES)
def test_identity_code_with_each_century_sign(redactor: Redactor, code: str) -> None:
    assert redactor.redact(f"Hetuni on {code}, kiitos.", "fi") == "Hetuni on <HETU>, kiitos."


@pytest.mark.parametrize("code", [wrong_check(c) for c in VALID_CODES])
def test_identity_code_with_a_wrong_check_character_stays(redactor: Redactor, code: str) -> None:
    text = f"Hetuni on {code}, kiitos."
    assert redactor.redact(text, "fi") == text


@pytest.mark.parametrize(
    "code",
    [
        hetu("310295", "-", "123"),  # 31 February
        hetu("290201", "A", "123"),  # 29 February 2001: no leap year
        hetu("290200", "+", "123"),  # 29 February 1800: no leap year either
        hetu("011395", "-", "123"),  # month 13
    ],
)
def test_identity_code_with_an_impossible_date_stays(redactor: Redactor, code: str) -> None:
    text = f"tunnus {code}"
    assert redactor.redact(text, "fi") == text


@pytest.mark.parametrize(
    "number",
    [
        "040 123 4567",
        "0401234567",
        "+358 40 123 4567",
        "+358401234567",
        "050-123 4567",
        "044-1234567",
        "09 123 4567",
        "(09) 1234 567",
    ],
)
def test_finnish_phone_numbers(redactor: Redactor, number: str) -> None:
    assert redactor.redact(f"Soita numeroon {number} huomenna.", "fi") == (
        "Soita numeroon <PHONE> huomenna."
    )


@pytest.mark.parametrize("number", ["+46 8 123 456 78", "+44 20 7946 0958"])
def test_foreign_phone_numbers_with_a_country_code(redactor: Redactor, number: str) -> None:
    assert redactor.redact(f"Ring {number}.", "sv") == "Ring <PHONE>."


@pytest.mark.parametrize(
    "address",
    [
        "matti.meikalainen@esimerkki.fi",
        "anna-liisa_virtanen+tyo@posti.example.com",
        "kalle@yritys.co.uk",
        # A suffix that is not public (an intranet, a typo) is still redacted.
        "tiimi@palvelin.sisainen",
    ],
)
def test_email_addresses(redactor: Redactor, address: str) -> None:
    assert redactor.redact(f"Sähköpostini: {address}.", "fi") == "Sähköpostini: <EMAIL>."


def test_email_check_never_fetches_the_suffix_list(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the public suffix list was fetched")

    monkeypatch.setattr("requests.Session.send", no_network)
    monkeypatch.setattr("tldextract.tldextract.extract", no_network)  # Presidio's own check
    assert offline_suffix_list()("kalle@yritys.co.uk").fqdn == "yritys.co.uk"
    assert redactor.redact("uusi.osoite@example.org", "fi") == "<EMAIL>"


@pytest.mark.parametrize("iban", ["FI21 1234 5600 0007 85", "FI2112345600000785"])
def test_ibans_with_and_without_spaces(redactor: Redactor, iban: str) -> None:
    assert redactor.redact(f"Tilinumero {iban}.", "fi") == "Tilinumero <IBAN>."


def test_iban_with_wrong_check_digits_stays(redactor: Redactor) -> None:
    text = "Tilinumero FI21 1234 5600 0007 86."
    assert redactor.redact(text, "fi") == text
