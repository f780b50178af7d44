"""Street addresses as Finns, Swedes and English speakers write them, and look-alikes."""

import pytest

from api.services.redaction import Redactor


@pytest.mark.parametrize(
    "address",
    [
        "Mannerheimintie 12 B 34",
        "Mannerheimintie 12b34",
        "Hämeenkatu 5 A",
        "Storgatan 3",
        "Esplanadi 1 as. 4",
        "Kungsvägen 12 lgh 1102",
        "Mannerheimintie 12 B 34, 00100 Helsinki",
        "Hämeenkatu 5 A 12, 33100 Tampere",
        "Esplanadi 1, 00100 Helsinki",
        "Bulevardi 5 A 3, 00120 Helsinki",
        "Kauppakaari 7-9",
        "221B Baker Street",
        "10 Downing Street",
    ],
)
def test_address_is_redacted_whole(redactor: Redactor, address: str) -> None:
    assert redactor.redact(f"Osoite: {address}. Kiitos", "fi") == "Osoite: <ADDRESS>. Kiitos"


def test_address_in_a_locative_case(redactor: Redactor) -> None:
    assert redactor.redact("Asun Hämeenkadulla 5 A.", "fi") == "Asun <ADDRESS>."


def test_city_without_a_postal_code_stays(redactor: Redactor) -> None:
    assert redactor.redact("jag bor på Storgatan 3 i Vasa", "sv") == "jag bor på <ADDRESS> i Vasa"


@pytest.mark.parametrize(
    "text",
    [
        "Hämeenkatu on pitkä katu ja Mannerheimintien varrella on kauppoja.",
        "Storgatan är lång.",
        "Kirjauduin Työmarkkinatorille 3 kertaa.",
        "Työmarkkinatori 2 kertaa viikossa",
        "Julkinen sektori 3 vuotta, moottori 2 litraa, monitori 24 tuumaa.",
        "olin tiellä 5 vuotta kuljettajana",
        "I walked 5 blocks down the road.",
    ],
)
def test_street_like_words_without_an_address_stay(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, "fi") == text
