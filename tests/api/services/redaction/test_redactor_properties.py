"""Properties of the redactor over generated text (hypothesis): whatever the client writes
around it, a detected identity code, phone number or e-mail address never comes back; a
redacted text redacted again is the same; no text makes it fail."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.services.redaction import Redactor
from tests.api.services.redaction.test_recognizers import CHECK_CHARACTERS
from vocabulary.languages import LANGUAGES
from vocabulary.redaction import NAMING_CUE_WORDS, may_hold_personal_data

# The redactor is built once per session: hypothesis may reuse the fixture.
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Words around the personal data: letters of the three languages and others, punctuation,
# emoji, right-to-left script, markup; no digits or @, which would join the data they touch.
WORD = st.text(
    alphabet=st.sampled_from(
        [
            *"aäöåbcdefghijklmnopqrstuvwxyzÄÖÅABC,.!?;:()'\"<>/&-_",
            *["😀", "👍", "\U0001f3fd", "م", "ر", "ح", "ש", "ל", "ו", "ם", "\u200f", "\t", "\n"],
        ]
    ),
    min_size=1,
    max_size=12,
)
FILLER = st.lists(WORD, max_size=8).map(" ".join)


@st.composite
def identity_codes(draw: st.DrawFn) -> str:
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    sign = draw(st.sampled_from("+-UVWXYABCDEF"))
    individual = draw(st.integers(2, 899))
    digits = f"{day:02d}{month:02d}{year:02d}"
    check = CHECK_CHARACTERS[int(f"{digits}{individual:03d}") % 31]
    return f"{digits}{sign}{individual:03d}{check}"


PHONES = st.builds(
    lambda prefix, a, b, spaced: (
        f"{prefix} {a:03d} {b:04d}" if spaced else f"{prefix}{a:03d}{b:04d}"
    ),
    st.sampled_from(["040", "041", "044", "045", "050", "+358 40", "+35840"]),
    st.integers(100, 999),
    st.integers(1000, 9999),
    st.booleans(),
)
EMAILS = st.builds(
    lambda user, host, suffix: f"{user}@{host}.{suffix}",
    st.from_regex(r"[a-z][a-z0-9._-]{0,10}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["fi", "org", "com", "example"]),
)
PERSONAL_DATA = st.one_of(identity_codes(), PHONES, EMAILS)


@PROPERTIES
@given(before=FILLER, data=PERSONAL_DATA, after=FILLER, language=st.sampled_from(LANGUAGES))
def test_detected_personal_data_never_comes_back(
    redactor: Redactor, before: str, data: str, after: str, language: str
) -> None:
    redacted = redactor.redact(f"{before} {data} {after}", language)
    assert data not in redacted


@PROPERTIES
@given(text=st.one_of(FILLER, st.text(max_size=300)), language=st.sampled_from(LANGUAGES))
def test_redacting_twice_is_redacting_once(redactor: Redactor, text: str, language: str) -> None:
    once = redactor.redact(text, language)
    assert redactor.redact(once, language) == once


@PROPERTIES
@given(text=st.text(max_size=2000), language=st.text(max_size=5))
def test_no_text_or_language_makes_it_fail(redactor: Redactor, text: str, language: str) -> None:
    assert isinstance(redactor.redact(text, language), str)


@pytest.mark.parametrize(
    "text",
    ["x" * 10_000, "1" * 10_000, "@" * 10_000, "a@" * 5_000, "040 " * 2_500, "FI" + "1" * 9_998],
)
def test_long_adversarial_texts_are_redacted(redactor: Redactor, text: str) -> None:
    assert isinstance(redactor.redact(text, "fi"), str)


# What Rasa's tracker store stores without asking (vocabulary.redaction): lower-case words,
# names and the cue words that name them among them, street words, plain punctuation.
LOWER_WORDS = st.sampled_from(
    [
        *("matti", "virtanen", "anna", "karin", "lindqvist", "john", "smith", "zorbek"),
        *sorted(NAMING_CUE_WORDS),
        *("nimeni", "on", "is", "my", "advisor", "neuvojani", "jag", "i", "met", "with"),
        *("mannerheimintie", "hämeenkatu", "kadulla", "thanks", "bye", "på", "svenska", "tack"),
        *("mitä", "sä", "osaat", "kiitos", "hei", "hej", "hello", "dear", "terveisin"),
    ]
)
PUNCTUATION = st.sampled_from(["", ",", ".", "!", "?", " -", ":", "'", "’s"])
LOWER_TEXTS = st.lists(st.tuples(LOWER_WORDS, PUNCTUATION).map("".join), max_size=8).map(" ".join)


@settings(PROPERTIES, max_examples=300)
@given(text=LOWER_TEXTS, language=st.sampled_from(LANGUAGES))
def test_what_the_tracker_store_keeps_unasked_the_redactor_returns_unchanged(
    redactor: Redactor, text: str, language: str
) -> None:
    if not may_hold_personal_data(text):
        assert redactor.redact(text, language) == text


def test_a_naming_cue_sends_a_lower_case_name_to_the_redactor(redactor: Redactor) -> None:
    for text in ("nimeni on matti", "jag heter anna", "i am john", "mä oon pekka"):
        assert may_hold_personal_data(text)
        assert redactor.redact(text, "fi") != text
