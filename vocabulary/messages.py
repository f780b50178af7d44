"""How long a client's message may be, and what every channel answers to a longer one; what
the assistant says when a part of the service behind it (the action server) is down.

The limit is checked at each channel's door (the Rasa launcher for the web chat's REST
channel, the Telegram bridge) before anything is parsed or stored, and the chat page's text
box stops at it; the API's client-text fields take no more either. So the number lives here,
once, for both environments.
"""

import re

from vocabulary.languages import LANGUAGES, Language

MAX_MESSAGE_LENGTH = 2000
# C0 controls but tab, line feed and carriage return; DEL and the C1 controls. PostgreSQL
# stores no NUL, and none of them is anything a client meant to say.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# {limit}: MAX_MESSAGE_LENGTH, written as the language writes numbers.
_TOO_LONG: dict[Language, str] = {
    "fi": "Viestisi on liian pitkä: kirjoita enintään {limit} merkkiä kerrallaan. "
    "Voit jakaa asiasi useampaan viestiin.",
    "sv": "Ditt meddelande är för långt: skriv högst {limit} tecken åt gången. "
    "Du kan dela upp ditt ärende i flera meddelanden.",
    "en": "Your message is too long: please write at most {limit} characters at a time. "
    "You can split it into several messages.",
}
_THOUSANDS: dict[Language, str] = {"fi": "\u00a0", "sv": "\u00a0", "en": ","}


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)


def is_too_long(text: str) -> bool:
    return len(text) > MAX_MESSAGE_LENGTH


def too_long_text(language: Language | None) -> str:
    """The polite refusal in `language`, or in all three (Finnish first) when not known."""
    chosen = (language,) if language is not None else LANGUAGES
    return "\n\n".join(
        _TOO_LONG[each].format(limit=f"{MAX_MESSAGE_LENGTH:,}".replace(",", _THOUSANDS[each]))
        for each in chosen
    )


_PARTS_DOWN: dict[Language, str] = {
    "fi": "Palvelussa on juuri nyt häiriö, enkä voinut käsitellä viestiäsi. "
    "Lähetä se uudelleen hetken päästä – keskustelu jatkuu siitä, mihin jäimme.",
    "sv": "Tjänsten har en störning just nu och jag kunde inte behandla ditt meddelande. "
    "Skicka det igen om en stund – samtalet fortsätter där vi slutade.",
    "en": "The service has a problem right now and I couldn't handle your message. "
    "Please send it again in a moment – we'll go on from where we were.",
}


def parts_down_text(language: Language | None) -> str:
    """Said when the action server cannot be reached: in `language`, or in all three."""
    chosen = (language,) if language is not None else LANGUAGES
    return "\n\n".join(_PARTS_DOWN[each] for each in chosen)
