"""NLU component: adds entities for the language a message is written in and names.

`detected_language` comes from lingua (restricted to our languages) and only when it is sure;
`language` when the text names a language. The slot logic (metadata first, keep the
conversation's language, explicit switches) is in rasa_components/language_policy.py.
"""

from __future__ import annotations

from typing import Any

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.language_names import named_language
from rasa_components.stateless import StatelessComponent
from vocabulary.languages import LANGUAGES

# lingua's language of each of ours (ISO 639-1 codes both).
CODES = {Language.from_iso_code_639_1(IsoCode639_1.from_str(code)): code for code in LANGUAGES}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(StatelessComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # lingua answers "unsure" when its top two languages are closer than this; 0.1 still
        # tells "hi", "hei" and "hej" apart, and the conversation keeps its language anyway.
        return {"min_relative_distance": 0.1}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.detector = (
            LanguageDetectorBuilder.from_languages(*CODES)
            .with_minimum_relative_distance(float(config["min_relative_distance"]))
            .with_preloaded_language_models()
            .build()
        )

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # a button payload names its language itself
            entities = list(message.get(ENTITIES, []))
            detected = self.detect(text)
            if detected is not None:
                entities.append(self._entity("detected_language", detected, text))
            named = named_language(text)
            if named is not None:
                entities.append(self._entity("language", named, text))
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def detect(self, text: str) -> str | None:
        language = self.detector.detect_language_of(text)
        return None if language is None else CODES[language]

    def _entity(self, name: str, value: str, text: str) -> dict[str, Any]:
        return {
            "entity": name,
            "value": value,
            "start": 0,
            "end": len(text),
            "extractor": self.__class__.__name__,
        }
