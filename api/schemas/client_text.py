"""The type of every text a client writes that the API takes (answers, proposals, the pulse
survey's free texts)."""

from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from vocabulary.messages import MAX_MESSAGE_LENGTH, without_control_characters


def _without_controls(value: object) -> object:
    return without_control_characters(value) if isinstance(value, str) else value


# Control characters dropped first (PostgreSQL stores no NUL, and none of them is anything a
# client meant), then trimmed, then 1 to the channels' limit of characters.
ClientText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_LENGTH),
    BeforeValidator(_without_controls),
]
