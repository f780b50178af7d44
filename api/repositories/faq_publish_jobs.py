"""Data access for faq_publish_jobs: the FAQ's publishes, queued, running and done.

Nothing here commits but `claim_next`: the service commits a job with its versions' states."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import UNFINISHED_PUBLISH_STATES, FaqPublishJob

TRAINING_KINDS = ("finetune", "full")


def add(
    session: Session,
    *,
    kind: str,
    versions: dict[str, int],
    created_by: int | None,
    now: datetime,
) -> FaqPublishJob:
    job = FaqPublishJob(
        kind=kind,
        state="queued",
        progress={"fraction": 0.0},
        versions=versions,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    session.flush()
    return job


def get(session: Session, job_id: int) -> FaqPublishJob | None:
    return session.get(FaqPublishJob, job_id)


def unfinished(session: Session) -> list[FaqPublishJob]:
    """The jobs not yet live, rejected or failed, oldest first (the queue)."""
    return list(
        session.scalars(
            select(FaqPublishJob)
            .where(FaqPublishJob.state.in_(UNFINISHED_PUBLISH_STATES))
            .order_by(FaqPublishJob.id)
        )
    )


def live_model(session: Session) -> str | None:
    """The model file's name that the newest live publish swapped in (a rollback's too), or
    None when no publish has swapped one in."""
    return session.scalar(
        select(FaqPublishJob.model)
        .where(FaqPublishJob.state == "live", FaqPublishJob.model.is_not(None))
        .order_by(FaqPublishJob.id.desc())
        .limit(1)
    )


def newest_live_training(session: Session) -> FaqPublishJob | None:
    """The newest publish that trained a model and made it live (what a rollback undoes)."""
    return session.scalar(
        select(FaqPublishJob)
        .where(FaqPublishJob.state == "live", FaqPublishJob.kind.in_(TRAINING_KINDS))
        .order_by(FaqPublishJob.id.desc())
        .limit(1)
    )


def stale(session: Session, *, before: datetime) -> list[FaqPublishJob]:
    """The jobs a worker claimed (training or checking) whose heartbeat is older than
    `before`: their worker died or hangs."""
    return list(
        session.scalars(
            select(FaqPublishJob)
            .where(
                FaqPublishJob.state.in_(("training", "checking")),
                FaqPublishJob.kind.in_(TRAINING_KINDS),
                (FaqPublishJob.heartbeat_at.is_(None)) | (FaqPublishJob.heartbeat_at < before),
            )
            .order_by(FaqPublishJob.id)
        )
    )


def heartbeat(session: Session, job: FaqPublishJob, *, worker: str, now: datetime) -> bool:
    """Marks the job alive for `worker` and commits; False if another worker holds it now
    or it is finished (then this worker must stop working on it)."""
    session.refresh(job)
    if job.claimed_by != worker or job.state not in ("training", "checking"):
        session.rollback()
        return False
    job.heartbeat_at = now
    session.commit()
    return True


def newest(session: Session, limit: int) -> list[FaqPublishJob]:
    return list(
        session.scalars(select(FaqPublishJob).order_by(FaqPublishJob.id.desc()).limit(limit))
    )


def update(
    session: Session,
    job: FaqPublishJob,
    *,
    now: datetime,
    state: str | None = None,
    progress: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    if state is not None:
        job.state = state
        if state in UNFINISHED_PUBLISH_STATES and state != "queued" and job.started_at is None:
            job.started_at = now
        if state not in UNFINISHED_PUBLISH_STATES:
            job.finished_at = now
    if progress is not None:
        job.progress = progress
    if reason is not None:
        job.reason = reason
    job.updated_at = now
    session.flush()


def claim_next(session: Session, *, worker: str, now: datetime) -> FaqPublishJob | None:
    """For the training worker: the oldest unfinished training job (finetune, full), if it
    is queued and no other job is training or checking, marked `training` and claimed by
    `worker`, committed; else None.

    Only the oldest is ever claimed, so that two publishes never train at once. The row lock
    (SKIP LOCKED on PostgreSQL) lets a second worker pass over a job the first is claiming
    instead of waiting for it; it then sees an older unfinished job and claims nothing."""
    training = select(FaqPublishJob).where(
        FaqPublishJob.state.in_(UNFINISHED_PUBLISH_STATES),
        FaqPublishJob.kind.in_(TRAINING_KINDS),
    )
    head = session.scalar(
        training.order_by(FaqPublishJob.id).limit(1).with_for_update(skip_locked=True)
    )
    busy = head is None or head.state != "queued"
    if head is not None and not busy:
        older = training.where(FaqPublishJob.id < head.id).limit(1)
        running = select(FaqPublishJob.id).where(FaqPublishJob.state.in_(("training", "checking")))
        busy = session.scalar(older) is not None or session.scalar(running) is not None
    if head is None or busy:
        session.rollback()
        return None
    head.state = "training"
    head.claimed_by = worker
    head.started_at = head.heartbeat_at = head.updated_at = now
    session.commit()
    return head
