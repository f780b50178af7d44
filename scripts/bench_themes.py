"""`make bench-themes`: how well free texts get their theme, keywords against embeddings.

Reads the made-up, hand-labelled feedback and proposals of tests/themes_labelled/ (fi, sv,
en). Each text is in the tuning half or the reporting half by the first byte of its SHA-256
(even: tuning), so no one chose which. `--tune` searches the thresholds on the tuning half
only and prints the best; without it, the methods are reported on the reporting half with
the constants of api/services/themes/classifier.py. Per language and method: accuracy (a text
labelled "other" is right when left unclassified), the share of texts left unclassified, and
the precision of the texts that got a named theme. A benchmark, not a test.
"""

import argparse
import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from api.services.themes import keywords
from api.services.themes.classifier import (
    NAMED,
    UNCLASSIFIED,
    Decision,
    EmbeddingThemes,
    keyword_hits,
)
from embeddings import E5Embedder
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import THEMES, Theme

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "themes_labelled"
Half = str  # "tune" or "report"


@dataclass(frozen=True)
class Labelled:
    text: str
    theme: Theme
    kind: str
    language: Language

    @property
    def half(self) -> Half:
        return "tune" if hashlib.sha256(self.text.encode()).digest()[0] % 2 == 0 else "report"


def labelled() -> list[Labelled]:
    items = []
    for language in LANGUAGES:
        data = yaml.safe_load((LABELLED / f"{language}.yml").read_text(encoding="utf-8"))
        if data["language"] != language:
            raise ValueError(f"{language}.yml: language {data['language']}")
        for entry in data["texts"]:
            if entry["theme"] not in THEMES:
                raise ValueError(f"{language}.yml: unknown theme {entry['theme']}")
            items.append(Labelled(entry["text"], entry["theme"], entry["kind"], language))
    return items


@dataclass(frozen=True)
class Score:
    texts: int
    correct: int
    unclassified: int
    named_right: int  # of the texts that got a named theme, those right

    @property
    def accuracy(self) -> float:
        return self.correct / self.texts

    @property
    def unclassified_share(self) -> float:
        return self.unclassified / self.texts

    @property
    def precision(self) -> float:
        named = self.texts - self.unclassified
        return self.named_right / named if named else 0.0


def score(items: Sequence[Labelled], predicted: Sequence[Theme]) -> Score:
    pairs = list(zip(items, predicted, strict=True))
    return Score(
        texts=len(pairs),
        correct=sum(item.theme == theme for item, theme in pairs),
        unclassified=sum(theme == UNCLASSIFIED for _, theme in pairs),
        named_right=sum(item.theme == theme != UNCLASSIFIED for item, theme in pairs),
    )


@dataclass
class Prepared:
    """The similarities and keyword hits of some texts, computed once for every setting."""

    items: list[Labelled]
    similarity: np.ndarray
    hits: np.ndarray

    def decide(self, decision: Decision) -> list[Theme]:
        return decision.themes(self.similarity, self.hits)


def prepare(classifier: EmbeddingThemes, items: list[Labelled]) -> Prepared:
    similarity = classifier.similarity([item.text for item in items])
    hits = np.concatenate([keyword_hits([item.text], item.language) for item in items]).reshape(
        len(items), len(NAMED)
    )
    return Prepared(items, similarity, hits)


def tune(prepared: Prepared) -> None:
    """Every setting on the tuning half, best accuracy first (ties: fewer unclassified)."""
    results = []
    for threshold, margin, bonus in itertools.product(
        np.arange(0.78, 0.90, 0.005),
        (0.0, 0.0025, 0.005, 0.01, 0.015, 0.02),
        (0.0, 0.01, 0.02, 0.03, 0.05),
    ):
        decision = Decision(float(threshold), margin, bonus)
        result = score(prepared.items, prepared.decide(decision))
        results.append((result.accuracy, -result.unclassified_share, decision, result))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    print(f"tuning half: {len(prepared.items)} texts; best settings:")
    for accuracy, _, decision, result in results[:12]:
        print(
            f"  threshold {decision.threshold:.3f}  margin {decision.margin:.4f}"
            f"  keyword bonus {decision.keyword_bonus:.2f}:  accuracy {accuracy:.3f}"
            f"  unclassified {result.unclassified_share:.3f}  precision {result.precision:.3f}"
        )
    without = max((r for r in results if r[2].keyword_bonus == 0.0), key=lambda r: r[0])
    print(
        f"  best without the keywords' bonus: threshold {without[2].threshold:.3f}"
        f"  margin {without[2].margin:.4f}:  accuracy {without[0]:.3f}"
    )


def report(prepared: Prepared, half: Half) -> None:
    methods = {
        "keywords": [keywords.suggest(item.text, item.language) for item in prepared.items],
        # The same rule without the keywords' bonus.
        "embeddings": prepared.decide(Decision(keyword_bonus=0.0)),
        "embeddings+keywords": prepared.decide(Decision()),
    }
    print(f"{half} half: {len(prepared.items)} texts ({Decision()})")
    print(
        f"  {'method':22} {'lang':4} {'texts':>5} {'accuracy':>8} {'unclass.':>8} {'precision':>9}"
    )
    for name, predicted in methods.items():
        for language in (*LANGUAGES, "all"):
            chosen = [
                (item, theme)
                for item, theme in zip(prepared.items, predicted, strict=True)
                if language in ("all", item.language)
            ]
            result = score([item for item, _ in chosen], [theme for _, theme in chosen])
            print(
                f"  {name:22} {language:4} {result.texts:5d} {result.accuracy:8.3f}"
                f" {result.unclassified_share:8.3f} {result.precision:9.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tune", action="store_true", help="search the settings (tuning half)")
    parser.add_argument("--errors", action="store_true", help="list the wrong texts too")
    args = parser.parse_args()
    half: Half = "tune" if args.tune else "report"
    items = [item for item in labelled() if item.half == half]
    prepared = prepare(EmbeddingThemes(E5Embedder()), items)
    if args.tune:
        tune(prepared)
    report(prepared, half)
    if args.errors:
        for item, theme in zip(items, prepared.decide(Decision()), strict=True):
            if theme != item.theme:
                print(f"  {item.language} {item.theme:24} -> {theme:24} {item.text}")


if __name__ == "__main__":
    main()
