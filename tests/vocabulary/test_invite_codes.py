import re

from vocabulary.invite_codes import ALPHABET, BITS, LENGTH, SYMBOL, display, from_bits, normalize


def test_crockford_alphabet_without_confusable_letters() -> None:
    assert len(ALPHABET) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_a_number_becomes_a_code_that_normalizes_to_itself() -> None:
    code = from_bits(2**BITS - 1)
    assert len(code) == LENGTH
    assert normalize(display(code).lower()) == code


def test_confusable_letters_read_as_digits() -> None:
    assert normalize("k7qm-4txd-9rwb-o") == "K7QM4TXD9RWB0"
    assert normalize("too short") is None


def test_symbol_matches_exactly_the_alphabet() -> None:
    pattern = re.compile(SYMBOL)
    assert all(pattern.fullmatch(char) for char in ALPHABET)
    assert not any(pattern.fullmatch(char) for char in "ILOU-")
