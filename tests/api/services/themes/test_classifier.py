"""The theme of a free text by sentence embeddings (and keyword stems): the decision rule on
given similarities, the lazy loading with a stand-in embedder, and the real model (the pinned
multilingual-e5-small) on made-up texts and the labelled set of tests/themes_labelled."""

import hashlib
from collections.abc import Iterator, Sequence

import numpy as np
import pytest
import yaml
from fastapi.testclient import TestClient

from api.core.settings import REPO_ROOT
from api.deps import get_theme_classifier
from api.services.themes.classifier import NAMED, Decision, EmbeddingThemes, keyword_hits
from api.services.themes.keywords import suggest
from api.services.themes.references import THEME_REFERENCES
from embeddings import DIMENSION, E5Embedder, Vectors
from tests.api.conftest import SERVICE_HEADERS
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import THEMES, Theme

LABELLED = REPO_ROOT / "tests" / "themes_labelled"


class Counting:
    """A stand-in embedder: a fixed pseudo-random unit vector per text; counts what it embeds."""

    identity = "fake"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
            row = np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSION)


def similarity(*rows: Sequence[float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


NO_HITS = np.zeros((1, len(NAMED)), dtype=np.int_)


def test_the_nearest_theme_wins_when_near_enough_and_clearly_ahead() -> None:
    rule = Decision(threshold=0.85, margin=0.01, keyword_bonus=0.0)
    near = similarity([0.80, 0.90, 0.82, 0.80, 0.80, 0.80])
    assert rule.themes(near, NO_HITS) == [NAMED[1]]
    too_far = similarity([0.80, 0.84, 0.82, 0.80, 0.80, 0.80])
    assert rule.themes(too_far, NO_HITS) == ["other"]
    a_tie = similarity([0.80, 0.90, 0.895, 0.80, 0.80, 0.80])
    assert rule.themes(a_tie, NO_HITS) == ["other"]


def test_a_keyword_of_a_theme_adds_its_bonus() -> None:
    rule = Decision(threshold=0.85, margin=0.01, keyword_bonus=0.02)
    close = similarity([0.80, 0.90, 0.895, 0.80, 0.80, 0.80])
    hits = np.zeros((1, len(NAMED)), dtype=np.int_)
    hits[0, 2] = 3  # however many keywords: one bonus
    assert rule.themes(close, hits) == [NAMED[2]]


def test_every_named_theme_has_references_in_every_language_and_other_none() -> None:
    assert tuple(theme for theme in THEMES if theme != "other") == NAMED
    for theme in NAMED:
        assert all(len(THEME_REFERENCES[theme][language]) >= 3 for language in LANGUAGES)
    assert not any(THEME_REFERENCES["other"].values())


def test_nothing_is_embedded_before_the_first_text_and_the_references_only_once() -> None:
    embedder = Counting()
    classifier = EmbeddingThemes(embedder)
    assert embedder.calls == []
    assert classifier.classify([], "fi") == []
    assert embedder.calls == []
    classifier.classify(["yksi"], "fi")
    classifier.classify(["kaksi", "kolme"], "fi")
    references = sum(len(THEME_REFERENCES[t][lang]) for t in NAMED for lang in LANGUAGES)
    assert [len(call) for call in embedder.calls] == [references, 1, 2]
    classifier.warm()
    assert len(embedder.calls) == 3
    assert classifier.method == "embeddings+keywords"
    assert EmbeddingThemes(embedder, Decision(keyword_bonus=0.0)).method == "embeddings"


def test_keyword_hits_are_counted_per_named_theme() -> None:
    hits = keyword_hits(["Lisää kursseja ja koulutusta", "Ei mitään"], "fi")
    assert hits.shape == (2, len(NAMED))
    assert hits[0, NAMED.index("training")] == 2 and hits[1].sum() == 0


# The real model from here on: loaded once for the module.


@pytest.fixture(scope="module")
def real() -> EmbeddingThemes:
    return EmbeddingThemes(E5Embedder())


def test_the_same_proposal_in_three_languages_gets_one_theme(real: EmbeddingThemes) -> None:
    said: list[tuple[Language, str]] = [
        ("fi", "Haluaisin enemmän iltakursseja"),
        ("sv", "Jag vill ha fler kvällskurser"),
        ("en", "I would like more evening courses"),
    ]
    assert {real.classify([text], language)[0] for language, text in said} == {"training"}


def test_english_themes_that_the_keywords_miss(real: EmbeddingThemes) -> None:
    texts = ["More support when I feel burned out", "Help for newcomers who don't speak Finnish"]
    assert [suggest(text, "en") for text in texts] == ["other", "other"]
    assert real.classify(texts, "en") == ["wellbeing_work_ability", "immigrant_services"]


def test_a_text_about_none_of_the_themes_is_unclassified(real: EmbeddingThemes) -> None:
    assert real.classify(["The bus was late", "My favourite colour is blue"], "en") == [
        "other",
        "other",
    ]


def labelled() -> Iterator[tuple[Language, str, Theme]]:
    for language in LANGUAGES:
        data = yaml.safe_load((LABELLED / f"{language}.yml").read_text(encoding="utf-8"))
        assert data["language"] == language
        for entry in data["texts"]:
            yield language, entry["text"], entry["theme"]


def test_the_labelled_set_has_enough_texts_of_every_theme_and_language() -> None:
    items = list(labelled())
    for language in LANGUAGES:
        mine = [theme for lang, _, theme in items if lang == language]
        assert len(mine) >= 20, language
        assert set(mine) == set(THEMES), language


def test_on_the_labelled_set_embeddings_beat_the_keywords(real: EmbeddingThemes) -> None:
    """A floor under `make bench-themes`' figures (README: Themes), on both halves."""
    items = list(labelled())
    right = {"embeddings": 0, "keywords": 0}
    for language in LANGUAGES:
        mine = [(text, theme) for lang, text, theme in items if lang == language]
        found = real.classify([text for text, _ in mine], language)
        right["embeddings"] += sum(
            got == theme for got, (_, theme) in zip(found, mine, strict=True)
        )
        right["keywords"] += sum(suggest(text, language) == theme for text, theme in mine)
    assert right["embeddings"] / len(items) >= 0.75
    assert right["embeddings"] > right["keywords"] + 0.05 * len(items)


def test_the_chat_is_suggested_the_nearest_theme(client: TestClient, real: EmbeddingThemes) -> None:
    client.app.dependency_overrides[get_theme_classifier] = lambda: real  # type: ignore[attr-defined]
    reply = client.post(
        "/api/v1/proposals/theme",
        json={"text": "More support when I feel burned out", "language": "en"},
        headers=SERVICE_HEADERS,
    )
    assert reply.status_code == 200
    assert reply.json() == {"theme": "wellbeing_work_ability"}


def test_the_suggestion_is_made_from_the_redacted_text(client: TestClient) -> None:
    """An e-mail address or a phone number in a proposal pulled the suggestion to "other"; the
    text is redacted first, as it is stored (the fake redactor masks digits)."""
    seen: list[str] = []

    class Recording:
        def classify(self, texts: list[str], language: str) -> list[str]:
            seen.extend(texts)
            return ["digital_services"]

    client.app.dependency_overrides[get_theme_classifier] = Recording  # type: ignore[attr-defined]
    body = {"text": "Ajanvaraus verkkoon, soita 0401234567", "language": "fi"}
    reply = client.post("/api/v1/proposals/theme", json=body, headers=SERVICE_HEADERS)
    assert reply.json() == {"theme": "digital_services"}
    assert seen == ["Ajanvaraus verkkoon, soita <NUMBER>"]
