"""Which client texts the API's redactor returns unchanged, so that nobody needs to ask it.

The redactor (api/services/redaction) finds identity codes, phone numbers, IBANs and street
addresses only where there are digits, e-mail addresses only with an "@", and names only when
they are capitalised or, in lower case, right after a word that names them ("nimeni on matti",
"jag heter anna", "i am john": NAMING_CUE_WORDS, which its name recogniser reads from here). A
text of lower-case letters, whitespace and plain punctuation without such a word holds nothing
it would find: Rasa's tracker store stores it as it is instead of sending it to be redacted
("thanks, bye", "på svenska tack"). tests/api/services/redaction checks that the redactor
returns every such text unchanged, names and cue words among them.
"""

from __future__ import annotations

import re

# Cues that name the name: after them a lower-case word is taken too ("nimeni on matti",
# "i am john"), if the name lists know it.
NAMING_CUE_WORDS = frozenset(
    {
        "nimeni",
        "nimi",
        "nimeltä",
        "nimeltään",
        "nimeltäni",
        "olen",
        "oon",
        "heter",
        "hette",
        "namn",
        "namnet",
        "name",
        "named",
        "called",
        "am",
        "i'm",
        "im",
    }
)
_PLAIN = frozenset(" \t\n.,!?;:'’\"()-–")
# A word as the name recogniser reads one: letters, joined by hyphens or apostrophes.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_JOINERS = re.compile(r"[-'’]")


def may_hold_personal_data(text: str) -> bool:
    """False only for a text the redactor would return unchanged (see the module's docstring):
    anything but lower-case letters and plain punctuation (a capital, a digit, an "@", any
    other sign), or a naming cue, and the text goes to the redactor."""
    if not all(character.islower() or character in _PLAIN for character in text):
        return True
    for word in _WORD.findall(text.replace("’", "'")):
        # The word and its parts: the recogniser reads "am's" as "am" (a possessive).
        if {word, *_JOINERS.split(word)} & NAMING_CUE_WORDS:
            return True
    return False
