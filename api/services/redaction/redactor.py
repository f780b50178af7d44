"""The redactor the API applies to every client text before storing it (Presidio, offline)."""

import logging
import time

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_anonymizer import AnonymizerEngine

from api.core.settings import ApiSettings
from api.services.redaction.lexicon import load_lexicon
from api.services.redaction.morphology import Morphology, load_morphology
from api.services.redaction.nlp_engine import BlankSpacyNlpEngine
from api.services.redaction.recognizers import offline_suffix_list, recognizers_for
from vocabulary.languages import DEFAULT_LANGUAGE, LANGUAGES, is_language

logger = logging.getLogger(__name__)

# Validated matches score 1.0, names 0.85, phone numbers 0.4, patterns 0.5-0.6; failed checksums
# drop out.
SCORE_THRESHOLD = 0.35


class Redactor:
    def __init__(
        self, analyzer: AnalyzerEngine, anonymizer: AnonymizerEngine, morphology: Morphology
    ) -> None:
        self.analyzer = analyzer
        self.anonymizer = anonymizer
        # Which Finnish morphology the names are found with: "voikko", or "suffixes" without it.
        self.morphology = morphology

    def redact(self, text: str, language: str) -> str:
        """`text` with personal data replaced by placeholders such as <HETU> or <PHONE>.

        An unknown `language` is treated as Finnish; text without personal data comes back
        unchanged.
        """
        if not is_language(language):
            language = DEFAULT_LANGUAGE
        found = self.analyzer.analyze(text=text, language=language, score_threshold=SCORE_THRESHOLD)
        if not found:
            return text
        # Presidio's default operator replaces each finding with <ENTITY_TYPE>. The analyzer's
        # results are the anonymizer's in all but the class (the two packages do not share it).
        return self.anonymizer.anonymize(text=text, analyzer_results=found).text  # type: ignore[arg-type]


def build_redactor(settings: ApiSettings, morphology: Morphology | None = None) -> Redactor:
    """Build once in the app's lifespan (about a third of a second: spaCy's blank pipelines,
    Faker's name lists, Voikko). `morphology`: Voikko when installed unless one is given (the
    benchmark measures the suffix stripper too)."""
    started = time.perf_counter()
    suffixes = offline_suffix_list()
    lexicon = load_lexicon()
    morphology = morphology or load_morphology()
    registry = RecognizerRegistry(
        recognizers=[
            r
            for language in LANGUAGES
            for r in recognizers_for(language, suffixes, lexicon, morphology)
        ],
        supported_languages=list(LANGUAGES),
    )
    nlp_engine = BlankSpacyNlpEngine(LANGUAGES)
    nlp_engine.load()
    analyzer = AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=list(LANGUAGES)
    )
    redactor = Redactor(analyzer, AnonymizerEngine(), morphology)  # type: ignore[no-untyped-call]
    # The first e-mail check loads the suffix list: do it now, not in a client's request.
    redactor.redact("warm-up@example.fi", DEFAULT_LANGUAGE)
    logger.info(
        "PII redactor ready in %.2f s (Finnish morphology: %s)",
        time.perf_counter() - started,
        morphology.name,
    )
    return redactor
