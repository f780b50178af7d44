"""Themes for the pulse texts stored without one: before migration 0010, or by a writer that
did not classify (a bulk load). `python -m api.cli classify-texts` runs it."""

from sqlalchemy.orm import Session

from api.repositories import pulse_answers
from api.services.themes.classifier import ThemeClassifier
from vocabulary.languages import LANGUAGES, as_language

BATCH = 256
SIDES = ("went_well", "to_improve")


def classify_unthemed(session: Session, classifier: ThemeClassifier) -> int:
    """Classifies and stores them a batch at a time (each batch committed); how many."""
    done = 0
    for side in SIDES:
        while rows := pulse_answers.unthemed_texts(session, side=side, limit=BATCH):
            themes: dict[int, str] = {}
            for language in LANGUAGES:
                mine = [(i, text) for i, lang, text in rows if as_language(lang) == language]
                found = classifier.classify([text for _, text in mine], language)
                themes.update((i, theme) for (i, _), theme in zip(mine, found, strict=True))
            pulse_answers.store_themes(session, side=side, themes=themes)
            session.commit()
            done += len(rows)
    return done
