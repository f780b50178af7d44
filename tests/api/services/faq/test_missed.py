"""The missed questions: the nearest topic by the FAQ's own keyword match, the list grouped by
topic, one added as an example (a new draft version, audited) or dismissed."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import AuditEntry, FaqMissedQuestion
from api.repositories import faq_missed_questions
from api.services.faq import missed, store
from api.services.faq.content import Topic
from tests.api.conftest import START, MakeUser
from tests.api.fake_redactor import FakeRedactor
from tests.api.faq_fixtures import topic


@pytest.fixture
def imported(db: Session, settings: ApiSettings) -> None:
    """The settings' topics alpha and beta, live (as the API's first start imports them)."""
    store.import_folder(db, settings.faq_dir, author=None, now=START)


def topics(*names: str) -> dict[str, Topic]:
    return {name: Topic.model_validate(topic(name)) for name in names}


def test_the_nearest_topic_shares_the_rarest_words() -> None:
    found = topics("alpha", "beta")
    # "kysymys" is in both topics' examples: "beta" tells them apart.
    assert missed.nearest_topic("Beta-kysymyksiä minulla", "fi", found) == "beta"
    assert missed.nearest_topic("alphan fråga", "sv", found) == "alpha"
    assert missed.nearest_topic("jotain aivan muuta", "fi", found) is None
    assert missed.nearest_topic("12345 !! <PHONE>", "fi", found) is None
    assert missed.nearest_topic("beta", "fi", {}) is None


def test_a_short_example_that_shares_a_word_beats_a_long_one() -> None:
    found = topics("alpha", "beta")
    found["alpha"].examples.root["en"].append("when do I get paid for my days of leave abroad")
    found["beta"].examples.root["en"].append("paid leave")
    assert missed.nearest_topic("is my leave paid", "en", found) == "beta"


def test_a_message_is_stored_redacted_and_on_one_line(db: Session) -> None:
    row = missed.record(
        db,
        text="beta\n  puhelin 0401234567",
        language="fi",
        kind="fallback",
        redactor=FakeRedactor(),
        topics=topics("alpha", "beta"),
        now=START,
    )
    assert row.text == "beta puhelin <NUMBER>"
    assert row.nearest_topic == "beta"


def add(db: Session, text: str, nearest: str | None, minutes: int) -> FaqMissedQuestion:
    return faq_missed_questions.add(
        db,
        text=text,
        language="fi",
        kind="fallback",
        nearest_topic=nearest,
        now=START + timedelta(minutes=minutes),
    )


def test_groups_by_topic_newest_first_and_the_unplaced_last(db: Session) -> None:
    add(db, "a1", "alpha", 1)
    add(db, "n1", None, 5)
    add(db, "b1", "beta", 2)
    add(db, "a2", "alpha", 3)
    found = missed.groups(db)
    assert [(g.topic, [q.text for q in g.questions]) for g in found] == [
        ("alpha", ["a2", "a1"]),
        ("beta", ["b1"]),
        (None, ["n1"]),
    ]


def test_adding_as_an_example_makes_a_draft_and_takes_it_off_the_list(
    db: Session, make_user: MakeUser, imported: None
) -> None:
    editor = make_user("content_editor")
    before = store.head(db, "alpha")
    question = add(db, "saako alphaa lomalla", "alpha", 1)
    saved = missed.add_as_example(db, question.id, "alpha", author=editor, now=START)
    assert saved.version == before.version + 1 and saved.state == "draft"
    assert saved.document["examples"]["fi"][-1] == "saako alphaa lomalla"
    assert db.scalars(select(FaqMissedQuestion)).all() == []
    assert [e.action for e in db.scalars(select(AuditEntry))] == ["faq_save"]
    with pytest.raises(missed.UnknownQuestion):
        missed.add_as_example(db, question.id, "alpha", author=editor, now=START)


def test_an_example_the_topic_has_adds_no_version(
    db: Session, make_user: MakeUser, imported: None
) -> None:
    editor = make_user("content_editor")
    before = store.head(db, "alpha")
    question = add(db, "ALPHA  kysymys 3", "alpha", 1)
    saved = missed.add_as_example(db, question.id, "alpha", author=editor, now=START)
    assert saved.version == before.version
    assert db.scalars(select(FaqMissedQuestion)).all() == []


def test_an_unknown_topic_keeps_the_question(
    db: Session, make_user: MakeUser, imported: None
) -> None:
    editor = make_user("content_editor")
    question = add(db, "x", None, 1)
    with pytest.raises(store.UnknownTopic):
        missed.add_as_example(db, question.id, "nope", author=editor, now=START)
    assert len(db.scalars(select(FaqMissedQuestion)).all()) == 1


def test_dismissing_deletes_it_and_is_audited(db: Session, make_user: MakeUser) -> None:
    editor = make_user("content_editor")
    question = add(db, "x", None, 1)
    missed.dismiss(db, question.id, author=editor, now=START)
    assert db.scalars(select(FaqMissedQuestion)).all() == []
    [entry] = db.scalars(select(AuditEntry)).all()
    assert (entry.action, entry.subject) == ("faq_missed_dismiss", f"faq_missed {question.id}")
