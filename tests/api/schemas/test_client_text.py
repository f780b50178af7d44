"""The client-text type, over any text (hypothesis): it is either refused with a validation
error or taken without control characters, trimmed, within the limit; nothing else."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from api.schemas.client_text import ClientText
from vocabulary.messages import MAX_MESSAGE_LENGTH, without_control_characters

ADAPTER: TypeAdapter[str] = TypeAdapter(ClientText)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=300),  # controls often
    st.text(min_size=MAX_MESSAGE_LENGTH - 5, max_size=MAX_MESSAGE_LENGTH + 5),
)


@settings(max_examples=200, deadline=None, database=None)
@given(text=TEXTS)
def test_a_client_text_is_refused_or_taken_clean(text: str) -> None:
    try:
        taken = ADAPTER.validate_python(text)
    except ValidationError:
        cleaned = without_control_characters(text).strip()
        assert not cleaned or len(cleaned) > MAX_MESSAGE_LENGTH
        return
    assert taken == without_control_characters(text).strip()
    assert 1 <= len(taken) <= MAX_MESSAGE_LENGTH
    assert without_control_characters(taken) == taken


@pytest.mark.parametrize("value", [None, 5, ["a"], {"a": 1}])
def test_a_client_text_that_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(value)
