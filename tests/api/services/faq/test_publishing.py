"""Publishing by what changed: text-only changes are live at once (versions, generation,
files), changed examples and new or retired topics wait for the worker; publishes never race,
and a publish with check errors is refused."""

import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, User
from api.repositories import faq_live_state, faq_publish_jobs, faq_topic_versions
from api.services.faq import publishing, store
from tests.api.conftest import MakeUser
from tests.api.faq_fixtures import topic, write

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CHECKING = publishing.Checking(date(2026, 12, 1), 12)


@pytest.fixture
def editor(make_user: MakeUser) -> User:
    return make_user("content_editor")


@pytest.fixture
def faq_dir(db: Session, tmp_path: Path) -> Path:
    folder = write(tmp_path / "files", topic("alpha", ["beta"]), topic("beta"))
    store.import_folder(db, folder, author=None, now=NOW)
    return folder


def edit(db: Session, editor: User, name: str, change: Any) -> int:
    head = store.head(db, name)
    document = copy.deepcopy(head.document)
    change(document)
    return store.save(db, name, document, base=head.version, author=editor, now=NOW).version


def new_answer(document: dict[str, Any]) -> None:
    document["variants"][1]["answer"]["en"] = "The newest rule."


def new_example(document: dict[str, Any]) -> None:
    document["examples"]["en"].append("how does the new rule work")


def publish(db: Session, editor: User, faq_dir: Path) -> Any:
    return publishing.publish(db, author=editor, now=NOW, checking=CHECKING, faq_dir=faq_dir)


def test_a_text_change_is_live_at_once_with_its_file(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_answer)
    job = publish(db, editor, faq_dir)
    assert (job.kind, job.state, job.versions, job.progress) == (
        "text",
        "live",
        {"alpha": 2},
        {"fraction": 1.0},
    )
    assert [(r.topic, r.version) for r in faq_topic_versions.live(db)] == [
        ("alpha", 2),
        ("beta", 1),
    ]
    assert store.version(db, "alpha", 1).state == "past"
    assert store.version(db, "alpha", 2).publish_job_id == job.id
    assert faq_live_state.generation(db) == 2
    assert "The newest rule." in (faq_dir / "alpha.yml").read_text()
    assert (faq_dir / "alpha.yml").read_text() == store.version(db, "alpha", 2).file_text
    audit = db.scalars(select(AuditEntry).where(AuditEntry.action == "faq_publish")).one()
    assert audit.subject == f"faq_publish {job.id} text"


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        (new_example, "finetune"),
        (lambda d: d["examples"]["fi"].reverse(), "text"),  # the same examples
        (lambda d: d.update(reviewed="2026-12-01", sources=["https://example.org/x"]), "text"),
    ],
)
def test_what_changed_decides_the_kind(
    db: Session, editor: User, faq_dir: Path, change: Any, kind: str
) -> None:
    edit(db, editor, "alpha", change)
    assert publish(db, editor, faq_dir).kind == kind


def test_new_and_retired_topics_need_full_training(
    db: Session, editor: User, faq_dir: Path
) -> None:
    store.create(db, topic("gamma"), author=editor, now=NOW)
    store.retire(db, "beta", base=1, author=editor, now=NOW)
    edit(db, editor, "alpha", lambda d: d.update(related=[]))  # beta is retired
    job = publish(db, editor, faq_dir)
    assert (job.kind, job.state, job.versions) == (
        "full",
        "queued",
        {"alpha": 2, "beta": 2, "gamma": 1},
    )
    assert [r.topic for r in faq_topic_versions.live(db)] == ["alpha", "beta"]  # the worker's turn
    assert not (faq_dir / "gamma.yml").exists()

    publishing.finish(db, job.id, now=NOW, checking=CHECKING, faq_dir=faq_dir, model="m.tar.gz")
    assert [r.topic for r in faq_topic_versions.live(db)] == ["alpha", "gamma"]
    assert store.version(db, "beta", 2).state == "retired"
    assert sorted(p.name for p in faq_dir.glob("*.yml")) == ["alpha.yml", "gamma.yml"]
    assert faq_publish_jobs.get(db, job.id).model == "m.tar.gz"  # type: ignore[union-attr]


def test_nothing_to_publish(db: Session, editor: User, faq_dir: Path) -> None:
    with pytest.raises(publishing.NothingToPublish):
        publish(db, editor, faq_dir)
    edit(db, editor, "alpha", new_answer)
    publish(db, editor, faq_dir)
    with pytest.raises(publishing.NothingToPublish):
        publish(db, editor, faq_dir)


def test_a_publish_with_check_errors_is_refused(db: Session, editor: User, faq_dir: Path) -> None:
    edit(db, editor, "alpha", lambda d: d["examples"].update(fi=["vain yksi"]))
    edit(db, editor, "beta", lambda d: d.update(related=["gone"]))
    with pytest.raises(publishing.PublishRefused) as refused:
        publish(db, editor, faq_dir)
    assert [(f.topic, f.check) for f in refused.value.findings] == [
        ("alpha", "examples"),
        ("beta", "related"),
    ]
    assert faq_publish_jobs.newest(db, 5) == []
    assert faq_live_state.generation(db) == 1
    actions = [e.action for e in db.scalars(select(AuditEntry))]
    assert actions[-1] == "faq_publish_refused"


def test_a_retired_topic_still_related_is_an_error(
    db: Session, editor: User, faq_dir: Path
) -> None:
    store.retire(db, "beta", base=1, author=editor, now=NOW)
    with pytest.raises(publishing.PublishRefused, match="1 check errors"):
        publish(db, editor, faq_dir)


def test_a_text_publish_waits_behind_a_training_one_on_the_same_topic(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_example)
    training = publish(db, editor, faq_dir)
    edit(db, editor, "beta", new_answer)  # another topic: at once
    other = publish(db, editor, faq_dir)
    assert (other.kind, other.state) == ("text", "live")
    edit(db, editor, "alpha", new_answer)  # the same topic: behind it
    behind = publish(db, editor, faq_dir)
    assert (behind.kind, behind.state, behind.versions) == ("text", "queued", {"alpha": 3})

    publishing.finish(db, training.id, now=NOW, checking=CHECKING, faq_dir=faq_dir, model=None)
    db.refresh(behind)
    assert behind.state == "live"
    assert store.version(db, "alpha", 3).state == "live"
    assert "how does the new rule work" in (faq_dir / "alpha.yml").read_text()
    assert "The newest rule." in (faq_dir / "alpha.yml").read_text()


def test_when_the_training_fails_the_waiting_text_publish_must_train(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_example)
    training = publish(db, editor, faq_dir)
    edit(db, editor, "alpha", new_answer)
    behind = publish(db, editor, faq_dir)
    publishing.refuse(
        db,
        training.id,
        state="rejected",
        reason="the new model missed the floors",
        now=NOW,
        checking=CHECKING,
        faq_dir=faq_dir,
    )
    db.refresh(behind)
    # Its version has the untrained example too: it is the worker's now.
    assert (behind.kind, behind.state) == ("finetune", "queued")
    assert store.version(db, "alpha", 1).state == "live"
    assert faq_publish_jobs.get(db, training.id).reason == "the new model missed the floors"  # type: ignore[union-attr]


def test_a_version_is_never_made_live_over_a_newer_one(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_example)
    old = publish(db, editor, faq_dir)
    edit(db, editor, "alpha", new_answer)
    newer = faq_publish_jobs.add(db, kind="text", versions={"alpha": 3}, created_by=None, now=NOW)
    publishing.make_live(db, newer, now=NOW, model=None)
    publishing.make_live(db, faq_publish_jobs.get(db, old.id), now=NOW, model=None)  # type: ignore[arg-type]
    assert store.version(db, "alpha", 3).state == "live"
    assert store.version(db, "alpha", 2).state == "draft"


def test_a_text_publish_left_queued_is_done_on_the_next_start(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_answer)
    job = faq_publish_jobs.add(db, kind="text", versions={"alpha": 2}, created_by=None, now=NOW)
    faq_publish_jobs.update(db, job, now=NOW, state="checking")  # the process died here
    db.commit()
    assert publishing.run_ready_text_jobs(db, now=NOW, checking=CHECKING, faq_dir=faq_dir) == [
        job.id
    ]
    db.refresh(job)
    assert job.state == "live"


def test_a_rollback_restores_what_was_live_before_the_newest_training_publish(
    db: Session, editor: User, faq_dir: Path
) -> None:
    """A topic the undone publish brought is retired again, one it changed gets its version
    from before, and a text publish after it is undone too (back to before, all of it)."""
    store.create(db, topic("gamma"), author=editor, now=NOW)
    edit(db, editor, "alpha", new_example)
    job = publish(db, editor, faq_dir)
    publishing.finish(db, job.id, now=NOW, checking=CHECKING, faq_dir=faq_dir, model="m2")
    edit(db, editor, "beta", new_answer)
    assert publish(db, editor, faq_dir).state == "live"

    undo = publishing.rollback(db, author=editor, now=NOW, checking=CHECKING, faq_dir=faq_dir)
    assert (undo.kind, undo.state, undo.rollback_of) == ("full", "queued", job.id)
    assert undo.versions == {"alpha": 3, "beta": 3, "gamma": 2}
    assert store.version(db, "gamma", 2).retires
    assert store.version(db, "alpha", 3).document == store.version(db, "alpha", 1).document
    assert store.version(db, "beta", 3).restored_from == 1
    with pytest.raises(publishing.PublishBusy):
        publishing.rollback(db, author=editor, now=NOW, checking=CHECKING, faq_dir=faq_dir)

    publishing.finish(db, undo.id, now=NOW, checking=CHECKING, faq_dir=faq_dir, model="m1")
    assert [(r.topic, r.version) for r in faq_topic_versions.live(db)] == [
        ("alpha", 3),
        ("beta", 3),
    ]
    assert sorted(p.name for p in faq_dir.glob("*.yml")) == ["alpha.yml", "beta.yml"]
    # Undo, once more: a rollback of the rollback brings the undone publish back.
    redo = publishing.rollback(db, author=editor, now=NOW, checking=CHECKING, faq_dir=faq_dir)
    assert (redo.kind, redo.rollback_of, redo.versions) == (
        "full",
        undo.id,
        {"alpha": 4, "beta": 4, "gamma": 3},
    )
    assert store.version(db, "alpha", 4).document == store.version(db, "alpha", 2).document
    assert not store.version(db, "gamma", 3).retires


def test_nothing_to_roll_back_before_a_training_publish(
    db: Session, editor: User, faq_dir: Path
) -> None:
    edit(db, editor, "alpha", new_answer)
    publish(db, editor, faq_dir)  # text only: nothing was trained
    with pytest.raises(publishing.NothingToRollBack):
        publishing.rollback(db, author=editor, now=NOW, checking=CHECKING, faq_dir=faq_dir)
