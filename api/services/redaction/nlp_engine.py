"""Presidio's NLP engine on spaCy's blank pipelines: tokens only, nothing to download."""

import spacy
from presidio_analyzer.nlp_engine import SlimSpacyNlpEngine


class BlankSpacyNlpEngine(SlimSpacyNlpEngine):
    """Tokenises with `spacy.blank(language)`.

    Every recogniser here is a pattern or a validator and needs no NER or lemmas, so a trained
    spaCy model (which Presidio would otherwise download) would only cost memory and startup.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        models = [{"lang_code": language, "model_name": "blank"} for language in languages]
        super().__init__(models=models, auto_download=False)
        self.languages = languages

    def load(self) -> None:
        # Presidio annotates the attribute with its initial None.
        self.nlp = {language: spacy.blank(language) for language in self.languages}  # type: ignore[assignment]
