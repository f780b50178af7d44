"""The bridge's commands: the one place a command is added.

Each command is registered as a handler and shown in Telegram's command menu (setMyCommands)
in every language, both from this tuple. A command either sends a payload to Rasa as the
client's message, or is answered by the bridge itself (`reply`, in the client's language).
`/start` is not here: it is Telegram's own entry point (with the invitation's deep link).
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from bot.bridge import Bridge
from bot.texts import text
from vocabulary.languages import DEFAULT_LANGUAGE, Language

Reply = Callable[[Bridge, Language | None], Awaitable[str]]


@dataclass(frozen=True)
class Command:
    name: str
    description: Mapping[Language, str]
    payload: str | None = None
    reply: Reply | None = None

    def __post_init__(self) -> None:
        if (self.payload is None) == (self.reply is None):
            raise ValueError(f"/{self.name}: give either a payload or a reply")


async def privacy(bridge: Bridge, language: Language | None) -> str:
    """The period answers are kept comes from the API (its setting enforces it); without it,
    the privacy notice, which always states it, is pointed to instead."""
    url = f"{bridge.settings.public_base_url.rstrip('/')}/privacy"
    periods = await bridge.retention.periods()
    if periods is None:
        return text("privacy_without_period", language, url=url)
    return text("privacy", language, url=url, days=str(periods.answer_retention_days))


COMMANDS: tuple[Command, ...] = (
    Command(
        "language",
        {"fi": "Vaihda kieltä", "sv": "Byt språk", "en": "Change the language"},
        # Without a language, action_change_language offers the three as buttons.
        payload="/change_language",
    ),
    Command(
        "help",
        {"fi": "Mitä osaan ja miten", "sv": "Vad jag kan och hur", "en": "What I can do and how"},
        payload="/help",
    ),
    Command(
        "feedback",
        {"fi": "Anna palautetta", "sv": "Ge respons", "en": "Give feedback"},
        # The pulse survey, asked for (action_offer_pulse; the API counts the offer).
        payload="/give_feedback",
    ),
    Command(
        "mydata",
        {
            "fi": "Mitä tiedät minusta",
            "sv": "Vad vet du om mig",
            "en": "What do you know about me",
        },
        # action_my_data: what the API has stored for this chat, with a copy and delete.
        payload="/my_data",
    ),
    Command(
        "delete",
        {"fi": "Poista tietoni", "sv": "Radera mina uppgifter", "en": "Delete my data"},
        # Asks for a confirmation that says what goes; then the bridge forgets the chat too.
        payload="/delete_my_data",
    ),
    Command(
        "privacy",
        {
            "fi": "Miten tietojasi käsitellään",
            "sv": "Hur dina uppgifter behandlas",
            "en": "How your data is handled",
        },
        reply=privacy,
    ),
)


def command_list(language: Language | None) -> str:
    """'/language – Vaihda kieltä' lines, for the answer to an unknown command."""
    chosen = language or DEFAULT_LANGUAGE
    return "\n".join(f"/{c.name} – {c.description[chosen]}" for c in COMMANDS)
