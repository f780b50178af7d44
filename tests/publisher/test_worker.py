"""The training worker: a publish that needs training is trained, checked and swapped into
every Rasa server, then live; a model below the floors is rejected and one that does not load
fails, the live model and content unchanged either way; a job whose worker died is queued again
(then failed); a rollback swaps the kept model back without training."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from api.orm import FaqPublishJob, User
from api.repositories import faq_publish_jobs, faq_topic_versions
from api.services.faq import publishing, store
from publisher.worker import Worker
from tests.api.conftest import Clock
from tests.publisher.conftest import SERVERS, FakeRasa, FakeTrainer

CHECKING = publishing.Checking(Clock().now().date(), 12)


def publish_new_example(db: Session, editor: User, faq_dir: Path, clock: Clock) -> int:
    head = store.head(db, "alpha")
    document: dict[str, Any] = copy.deepcopy(head.document)
    document["examples"]["en"].append("how do I ask about alpha now")
    store.save(db, "alpha", document, base=head.version, author=editor, now=clock.now())
    job = publishing.publish(db, author=editor, now=clock.now(), checking=CHECKING, faq_dir=faq_dir)
    assert job.kind == "finetune"
    return job.id


def job_of(sessions: sessionmaker[Session], job_id: int) -> FaqPublishJob:
    with sessions() as session:
        job = faq_publish_jobs.get(session, job_id)
        assert job is not None
        return job


def live_examples(sessions: sessionmaker[Session], topic: str) -> list[str]:
    with sessions() as session:
        row = {r.topic: r for r in faq_topic_versions.live(session)}[topic]
        examples: list[str] = row.document["examples"]["en"]
        return examples


def test_a_new_example_is_trained_checked_swapped_and_live(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
) -> None:
    before = dict(rasa.models)
    job_id = publish_new_example(db, editor, faq_dir, clock)
    assert worker.run_once() == job_id

    job = job_of(sessions, job_id)
    assert (job.state, job.reason, job.progress["fraction"]) == ("live", None, 1.0)
    [name] = trainer.trained
    assert job.model == f"{name}.tar.gz" and trainer.checked == [job.model]
    assert trainer.finetuned_from == [None]  # FINETUNE off: the cached training is as fast
    assert rasa.models == dict.fromkeys(SERVERS, job.model)
    assert rasa.parses == SERVERS  # each warmed up before the job is live
    assert (worker.settings.models_dir / job.model).is_file()
    # The model before is kept, for a rollback.
    assert all((worker.settings.models_dir / m).is_file() for m in before.values() if m)
    assert "how do I ask about alpha now" in live_examples(sessions, "alpha")
    assert "how do I ask about alpha now" in (faq_dir / "alpha.yml").read_text()
    assert not (worker.settings.work_dir / f"job-{job_id}").exists()
    assert worker.run_once() is None  # nothing left


def test_progress_and_an_estimate_from_the_previous_run(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    sessions: sessionmaker[Session],
) -> None:
    worker.durations.record("training finetune", 100.0)
    worker.durations.record("checking", 30.0)
    worker.durations.record("swapping", 5.0)
    trainer.seconds = 40.0  # halfway: 20 s of the previous run's 100
    seen: list[dict[str, Any]] = []
    job_id = publish_new_example(db, editor, faq_dir, clock)
    trainer.during = lambda: seen.append(job_of(sessions, job_id).progress)
    worker.run_once()
    [progress] = seen
    assert progress["stage"] == "training"
    assert progress["component"] == "SentenceEmbeddingFeaturizer"
    assert progress["eta_seconds"] == 80 + 30 + 5  # the rest of training, then check and swap
    assert 0.05 < progress["fraction"] < 0.75
    assert job_of(sessions, job_id).state == "live"
    assert worker.durations.seconds["training finetune"] == 40.0  # the next estimate


def test_below_the_floors_is_rejected_and_the_live_model_stays(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
) -> None:
    before = dict(rasa.models)
    trainer.passes = False
    job_id = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    job = job_of(sessions, job_id)
    assert job.state == "rejected"
    assert job.reason is not None and "fi topic accuracy 0.900 (floor 0.96)" in job.reason
    assert rasa.puts == [] and rasa.models == before
    assert "how do I ask about alpha now" not in live_examples(sessions, "alpha")
    [name] = trainer.trained
    assert not (worker.settings.models_dir / f"{name}.tar.gz").exists()  # never reused


def test_a_server_that_does_not_load_it_fails_the_job_and_the_others_go_back(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
) -> None:
    before = dict(rasa.models)
    rasa.refuse = {SERVERS[1]}
    job_id = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    job = job_of(sessions, job_id)
    assert job.state == "failed"
    assert job.reason is not None and f"Rasa at {SERVERS[1]} did not load" in job.reason
    assert rasa.models == before  # the first one swapped back
    assert "how do I ask about alpha now" not in live_examples(sessions, "alpha")


def test_a_training_that_fails_says_why(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    sessions: sessionmaker[Session],
) -> None:
    trainer.fails = "training failed: InvalidConfigException: no"
    job_id = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    job = job_of(sessions, job_id)
    assert job.state == "failed"
    assert job.reason == (
        "training failed: InvalidConfigException: no; the live model and content are unchanged"
    )


def test_a_job_whose_worker_died_is_queued_again_then_failed(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    sessions: sessionmaker[Session],
) -> None:
    job_id = publish_new_example(db, editor, faq_dir, clock)

    def die() -> None:  # a worker claims it and is never heard of again
        with sessions() as session:
            assert faq_publish_jobs.claim_next(session, worker="dead:1", now=clock.now())

    die()
    clock.advance(timedelta(minutes=1))
    assert worker.recover() == []  # still alive as far as anyone knows
    assert worker.run_once() is None  # one job trains at a time
    clock.advance(timedelta(minutes=2))
    assert worker.recover() == [job_id]
    job = job_of(sessions, job_id)
    assert (job.state, job.claimed_by, job.progress["attempts"]) == ("queued", None, 2)

    die()
    clock.advance(timedelta(minutes=3))
    worker.recover()
    job = job_of(sessions, job_id)
    assert job.state == "failed"
    assert job.reason is not None and "stopped 2 times" in job.reason


def test_a_job_taken_over_by_another_worker_is_left_to_it(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
) -> None:
    before = dict(rasa.models)

    def taken() -> None:
        with sessions() as session:
            job = faq_publish_jobs.get(session, job_id)
            assert job is not None
            job.claimed_by = "other:2"
            session.commit()

    trainer.during = taken
    worker.settings.heartbeat_seconds = 1.0
    job_id = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    job = job_of(sessions, job_id)
    assert (job.state, job.claimed_by) == ("training", "other:2")
    assert rasa.models == before


def test_a_rollback_swaps_the_kept_model_back_without_training(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    trainer: FakeTrainer,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
) -> None:
    first = dict(rasa.models)
    published = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    assert rasa.models != first

    with sessions() as session:
        rollback = publishing.rollback(
            session, author=editor, now=clock.now(), checking=CHECKING, faq_dir=faq_dir
        )
        rollback_id = rollback.id
    assert worker.run_once() == rollback_id
    job = job_of(sessions, rollback_id)
    assert (job.state, job.kind, job.rollback_of) == ("live", "finetune", published)
    assert len(trainer.trained) == 1  # only the publish trained
    assert rasa.models == first  # the model of the content before
    assert "how do I ask about alpha now" not in live_examples(sessions, "alpha")
    assert "how do I ask about alpha now" not in (faq_dir / "alpha.yml").read_text()


def test_no_job_is_started_while_rasa_cannot_be_reached(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    rasa: FakeRasa,
    trainer: FakeTrainer,
    sessions: sessionmaker[Session],
) -> None:
    job_id = publish_new_example(db, editor, faq_dir, clock)
    rasa.down = True
    assert worker.run_once() is None
    assert job_of(sessions, job_id).state == "queued" and trainer.trained == []
    rasa.down = False
    assert worker.run_once() == job_id
    assert job_of(sessions, job_id).state == "live"
