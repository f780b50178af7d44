"""NLU component: a message that carries an advisor's invite code opens the meeting preparation.

The code comes as `metadata.invite_code` (the web page's `?code=` link, Telegram's
`/start CODE` through the bridge) or typed into the chat. Such a message becomes the intent
`start_preparation` with the entity `invite_code`, whatever the classifiers thought of its
words. The codes' alphabet and shape are vocabulary.invite_codes' (`K7QM-4TXD-9RWB-E`); the
API checks the code itself.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.stateless import StatelessComponent
from vocabulary.invite_codes import GROUP, LENGTH, SYMBOL

INTENT_NAME = "start_preparation"
ENTITY = "invite_code"
# The code's groups as shown to the client: 4 + 4 + 4 + 1 symbols.
_SIZES = [GROUP] * (LENGTH // GROUP) + ([LENGTH % GROUP] if LENGTH % GROUP else [])
_GROUPS = [f"{SYMBOL}{{{size}}}" for size in _SIZES]
# Grouped with dashes as shown to the client ("K7QM-4TXD-9RWB-E"); grouped with spaces or in
# one run only with both letters and digits, so that words and numbers are never taken for one.
_GROUPED = "-".join(_GROUPS)
_LOOSE = r"(?=[A-Z ]*\d)(?=[0-9 ]*[A-Z])" + " ?".join(_GROUPS)
TYPED_CODE = re.compile(rf"(?<![\w-])({_GROUPED}|{_LOOSE})(?![\w-])", re.IGNORECASE)


def find_code(message: Message) -> tuple[str, int, int] | None:
    """(code, start, end) from the metadata or the text; start == end for metadata."""
    metadata = message.get("metadata") or {}
    code = metadata.get(ENTITY) if isinstance(metadata, dict) else None
    if isinstance(code, str) and code.strip():
        return code.strip()[:32], 0, 0
    text = message.get(TEXT) or ""
    if text.startswith("/"):  # a button's payload says what it means itself
        return None
    match = TYPED_CODE.search(text)
    return (match.group(1), match.start(1), match.end(1)) if match else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InviteCodeReader(StatelessComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = find_code(message)
            if found is None:
                continue
            code, start, end = found
            intent = {"name": INTENT_NAME, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
            entity = {
                "entity": ENTITY,
                "value": code,
                "start": start,
                "end": end,
                "confidence_entity": 1.0,
                "extractor": type(self).__name__,
            }
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != ENTITY]
            message.set(ENTITIES, [*entities, entity], add_to_output=True)
        return messages
