"""The bridge's commands: the one place a command is added.

Each command is registered as a handler and shown in Telegram's command menu (setMyCommands)
in every language, both from this tuple. A command either sends a payload to Rasa as the
client's message, or is answered by the bridge itself (`reply`, in the client's language).
`/start` is not here: it is Telegram's own entry point (with the invitation's deep link).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.settings import BotSettings
from bot.texts import Language, text


@dataclass(frozen=True)
class Command:
    name: str
    description: Mapping[Language, str]
    payload: str | None = None
    reply: Callable[[Language | None, BotSettings], str] | None = None

    def __post_init__(self) -> None:
        if (self.payload is None) == (self.reply is None):
            raise ValueError(f"/{self.name}: give either a payload or a reply")


def privacy(language: Language | None, settings: BotSettings) -> str:
    return text("privacy", language, url=f"{settings.public_base_url.rstrip('/')}/privacy")


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
    chosen: Language = language or "fi"
    return "\n".join(f"/{c.name} – {c.description[chosen]}" for c in COMMANDS)
