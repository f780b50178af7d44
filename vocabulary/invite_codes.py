"""Invite codes: 65 random bits in Crockford base32, easy to read aloud and to type.

Shown as `K7QM-4TXD-9RWB-E`; stored and linked without dashes. Input is forgiving: any case,
dashes or spaces, and the letters people confuse with digits (O, I, L) read as 0 and 1.
The API makes and checks codes; Rasa's NLU recognises them typed into the chat.
"""

import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 13  # 13 x 5 bits = 65 bits
GROUP = 4
BITS = LENGTH * 5
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")

# One symbol of the alphabet as a regular-expression class (either case is matched with
# re.IGNORECASE by whoever uses it).
SYMBOL = "[" + "".join(re.escape(char) for char in ALPHABET) + "]"


def from_bits(value: int) -> str:
    """The code of a number below 2**BITS (the API draws the number from `secrets`)."""
    chars = []
    for _ in range(LENGTH):
        value, index = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize(typed: str) -> str | None:
    """The stored form of what the client typed, or None when it cannot be a code."""
    code = _SEPARATORS.sub("", typed).upper().translate(_CONFUSABLE)
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
