"""Invite codes: the API draws them; their alphabet and forms are `vocabulary.invite_codes`
(Rasa's NLU recognises the same codes typed into the chat)."""

import secrets

from vocabulary.invite_codes import BITS, display, from_bits, normalize

__all__ = ["display", "new_code", "normalize"]


def new_code() -> str:
    """A code of BITS random bits from `secrets`."""
    return from_bits(secrets.randbits(BITS))
