"""A client's free text gets the theme (vocabulary.participation.THEMES) it is about, or "other".

`EmbeddingThemes`, the method in use:

1. Each theme is described by a few short reference sentences in Finnish, Swedish and English
   (references.py). They and the text are embedded by the multilingual sentence model
   (embeddings/: multilingual-e5-small), so a text is compared with the references of every
   language: texts about the same thing lie close whatever their language.
2. A theme's similarity to the text is the cosine similarity of its nearest reference.
3. A theme whose keyword stems (keywords.py) the text has gets `keyword_bonus` more: the
   benchmark showed that this helps (README: Themes).
4. The text gets the most similar theme if its similarity is at least `threshold` and ahead of
   the next theme's by at least `margin`; otherwise "other" (unclassified).

The thresholds were tuned on half of the labelled texts of tests/themes_labelled and are
reported on the other half (`make bench-themes`). The model is loaded, and the references
embedded, on the first text (or `warm()`), never at import.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from api.services.themes import keywords
from api.services.themes.references import THEME_REFERENCES
from embeddings import Embedder
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import THEMES, Theme

# The themes a text can be near: all but "other", which is what is left.
NAMED: tuple[Theme, ...] = tuple(theme for theme in THEMES if THEME_REFERENCES[theme]["fi"])
UNCLASSIFIED: Theme = "other"

# Tuned on the tuning half of tests/themes_labelled (scripts/bench_themes.py --tune).
THRESHOLD = 0.84
MARGIN = 0.005
KEYWORD_BONUS = 0.02


class ThemeClassifier(Protocol):
    @property
    def method(self) -> str:
        """How the dashboard and the JSON name the method."""
        ...

    def classify(self, texts: Sequence[str], language: Language) -> list[Theme]:
        """Each text's theme, "other" when none is near enough."""
        ...

    def warm(self) -> None:
        """Loads what the first text would (so that no client waits for it)."""
        ...


@dataclass(frozen=True)
class Decision:
    threshold: float = THRESHOLD
    margin: float = MARGIN
    keyword_bonus: float = KEYWORD_BONUS

    def themes(self, similarity: NDArray[np.float32], hits: NDArray[np.int_]) -> list[Theme]:
        """`similarity` and `hits`: a row per text, a column per NAMED theme."""
        scores = similarity + self.keyword_bonus * (hits > 0)
        result: list[Theme] = []
        for row in scores:
            order = np.argsort(-row, kind="stable")
            best, runner_up = row[order[0]], row[order[1]]
            near = best >= self.threshold and best - runner_up >= self.margin
            result.append(NAMED[order[0]] if near else UNCLASSIFIED)
        return result


def keyword_hits(texts: Sequence[str], language: Language) -> NDArray[np.int_]:
    rows = [keywords.hits(text, language) for text in texts]
    return np.array([[row[theme] for theme in NAMED] for row in rows], dtype=np.int_).reshape(
        len(texts), len(NAMED)
    )


class EmbeddingThemes:
    def __init__(self, embedder: Embedder, decision: Decision | None = None) -> None:
        self._embedder = embedder
        self.decision = decision or Decision()
        self._references: NDArray[np.float32] | None = None
        self._owners: NDArray[np.int_] | None = None  # the NAMED index of each reference
        self._lock = threading.Lock()

    @property
    def method(self) -> str:
        return "embeddings+keywords" if self.decision.keyword_bonus else "embeddings"

    def warm(self) -> None:
        self._reference_vectors()

    def classify(self, texts: Sequence[str], language: Language) -> list[Theme]:
        if not texts:
            return []
        return self.decision.themes(self.similarity(texts), keyword_hits(texts, language))

    def similarity(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Each text's similarity to each NAMED theme (its nearest reference)."""
        references, owners = self._reference_vectors()
        pairs = self._embedder.embed(list(texts)) @ references.T
        result = np.full((len(texts), len(NAMED)), -1.0, dtype=np.float32)
        for index in range(len(NAMED)):
            result[:, index] = pairs[:, owners == index].max(axis=1)
        return result

    def _reference_vectors(self) -> tuple[NDArray[np.float32], NDArray[np.int_]]:
        with self._lock:  # the first requests may come at once
            if self._references is None or self._owners is None:
                sentences: list[str] = []
                owners: list[int] = []
                for index, theme in enumerate(NAMED):
                    for language in LANGUAGES:
                        sentences += THEME_REFERENCES[theme][language]
                        owners += [index] * len(THEME_REFERENCES[theme][language])
                self._references = self._embedder.embed(sentences)
                self._owners = np.array(owners, dtype=np.int_)
            return self._references, self._owners
