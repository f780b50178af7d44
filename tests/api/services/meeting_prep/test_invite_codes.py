"""Invite codes as the API draws them (their alphabet and forms: vocabulary.invite_codes)."""

import pytest

from api.services.meeting_prep import invite_codes
from vocabulary.invite_codes import ALPHABET, BITS


def test_a_code_is_13_crockford_characters_shown_in_groups() -> None:
    code = invite_codes.new_code()
    assert len(code) == 13
    assert set(code) <= set(ALPHABET)
    assert not set(code) & set("ILOU")
    shown = invite_codes.display(code)
    assert [len(group) for group in shown.split("-")] == [4, 4, 4, 1]
    assert shown.replace("-", "") == code


def test_codes_do_not_repeat() -> None:
    assert len({invite_codes.new_code() for _ in range(2000)}) == 2000


def test_a_code_is_bits_drawn_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def randbits(k: int) -> int:
        asked.append(k)
        return 0

    monkeypatch.setattr("secrets.randbits", randbits)
    assert invite_codes.new_code() == "0" * 13
    assert asked == [BITS]


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-4TXD-9RWB-E",
        "k7qm4txd9rwbe",
        " k7qm 4txd 9rwb e ",
        "K7QM–4TXD-9RWB-E".replace("–", "-"),
    ],
)
def test_typed_codes_are_forgiving_about_case_dashes_and_spaces(typed: str) -> None:
    assert invite_codes.normalize(typed) == "K7QM4TXD9RWBE"


def test_letters_that_look_like_digits_read_as_digits() -> None:
    assert invite_codes.normalize("OIL0-1111-1111-1") == "0110111111111"


@pytest.mark.parametrize("typed", ["", "K7QM-4TXD-9RWB", "K7QM-4TXD-9RWB-EE", "U7QM-4TXD-9RWB-E"])
def test_what_cannot_be_a_code_is_none(typed: str) -> None:
    assert invite_codes.normalize(typed) is None
