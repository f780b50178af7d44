"""Which language a client names in a message ("på svenska", "in English", "suomeksi")."""

import re

# Stems in all three languages; the last language named wins ("not Finnish, English please").
_NAMED = re.compile(
    r"\b(?:(?P<fi>suom\w*|finnish|finsk\w*)|(?P<sv>ruots\w*|svensk\w*|swedish|svenska)"
    r"|(?P<en>englan\w*|english|engelsk\w*|enkku\w*|englis\w*))\b",
    re.IGNORECASE,
)


def named_language(text: str) -> str | None:
    """The last of fi/sv/en named in the text, or None."""
    found = None
    for match in _NAMED.finditer(text):
        found = match.lastgroup
    return found
