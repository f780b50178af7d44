"""The live topics' cache: read once per generation, again as soon as a publish advanced it
(so every API instance on the database answers with the new content at once)."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from api.repositories import faq_live_state, faq_topic_versions
from api.services.faq import store
from api.services.faq.live import LiveTopics
from tests.api.faq_fixtures import topic, write

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_the_topics_are_read_again_only_for_a_new_generation(db: Session, tmp_path: Path) -> None:
    store.import_folder(db, write(tmp_path, topic("alpha"), topic("beta")), author=None, now=NOW)
    first, second = LiveTopics(), LiveTopics()  # two API instances
    topics = first.topics(db)
    assert set(topics) == {"alpha", "beta"} and first.generation == 1
    assert first.topics(db) is topics  # the same generation: nothing read

    new_title = {"fi": "Uusi", "sv": "Ny", "en": "New"}
    row = faq_topic_versions.add(
        db,
        topic="alpha",
        version=2,
        document={**store.version(db, "alpha", 1).document, "title": new_title},
        file_text="",
        author_id=None,
        now=NOW,
    )
    faq_topic_versions.set_published(db, row, job_id=None, now=NOW)
    db.commit()
    assert first.topics(db)["alpha"].title.get("en") == "Topic alpha"  # not live until advanced
    faq_live_state.advance(db, now=NOW)
    db.commit()
    for instance in (first, second):
        assert instance.topics(db)["alpha"].title.get("en") == "New"
