"""Publishing the FAQ: what changed since the live versions decides how.

- Only answers, sources, dates, titles or related topics: kind `text`. The API does it at once
  (checks, the versions live, the live generation advanced, the files of FAQ_DIR written):
  the model does not carry answer texts, so nothing is trained.
- Examples added, changed or removed in existing topics: `finetune`.
- A new topic, or one retired (or brought back): `full`.

`finetune` and `full` jobs wait `queued` for the training worker, which claims the oldest
(`faq_publish_jobs.claim_next`), trains, checks and then calls `finish` (or `refuse`). Jobs
never race: a publish whose topics are in an unfinished job waits behind it (even a text
one, which `run_ready_text_jobs` runs when its turn comes), and a version is never made live
over a newer one. A publish with check errors is refused; warnings do not block it.

A rollback (`rollback`) undoes the newest publish that trained a model, and every publish after
it: each topic they changed gets the version that was current before it again, as a new version
on top (`restored_from`), in one publish with `rollback_of` set. Its content is then exactly what
was live before, so its model is the one that was live before: the worker finds it by its
fingerprint among the kept models and swaps it in without training (README: Rollback).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from api.orm import UNFINISHED_PUBLISH_STATES, FaqPublishJob, FaqTopicVersion, PublishKind, User
from api.repositories import audit_log, faq_live_state, faq_publish_jobs, faq_topic_versions
from api.services.faq.checks import check_topics, errors
from api.services.faq.content import Finding, Topic
from api.services.faq.files import write_folder
from api.services.faq.store import as_topic, subject
from vocabulary.languages import LANGUAGES

logger = logging.getLogger(__name__)

KINDS: tuple[PublishKind, ...] = ("text", "finetune", "full")  # in the order of their cost
DONE = {"fraction": 1.0}


class NothingToPublish(Exception):
    """Every topic's newest version is live already (or waits in a publish)."""


class UnknownJob(LookupError):
    """No publish job has that id."""


class NothingToRollBack(Exception):
    """No publish has trained a model and gone live: nothing a rollback could undo."""


class PublishBusy(Exception):
    """A publish is unfinished: a rollback waits until none is (it undoes live ones only)."""


class PublishRefused(Exception):
    """The content that would be live has check errors: `findings`."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} check errors")
        self.findings = findings


@dataclass(frozen=True)
class Checking:
    """What the checks need besides the content: the day and the review interval."""

    today: date
    review_interval_months: int


def kind_of_change(base: FaqTopicVersion | None, head: FaqTopicVersion) -> PublishKind | None:
    """How publishing `head` over `base` (the topic's live or retired version, or the one a
    publish before it brings; None: never published) must go, or None if it changes nothing."""
    if base is None:
        return None if head.retires else "full"
    if head.retires != base.retires:
        return "full"
    if head.retires or head.document == base.document:
        return None
    before, after = base.document["examples"], head.document["examples"]
    if any(sorted(before[lang]) != sorted(after[lang]) for lang in LANGUAGES):
        return "finetune"
    return "text"


def costliest(kinds: list[PublishKind]) -> PublishKind | None:
    return max(kinds, key=KINDS.index) if kinds else None


@dataclass(frozen=True)
class Plan:
    """A publish of every topic's newest version: the versions that change something, with
    how each must go, whether one waits for an unfinished publish, and the content that is
    live after it (and after the publishes before it)."""

    versions: dict[str, FaqTopicVersion]
    kinds: dict[str, PublishKind]
    waits: bool
    content: dict[str, Topic]

    @property
    def kind(self) -> PublishKind | None:
        return costliest(list(self.kinds.values()))


def _current(session: Session) -> tuple[dict[str, FaqTopicVersion], set[str]]:
    """Each topic's version as it will be when the unfinished publishes are done, and the
    topics they publish."""
    current = faq_topic_versions.published(session)
    waiting: set[str] = set()
    for job in faq_publish_jobs.unfinished(session):
        for topic, number in job.versions.items():
            row = faq_topic_versions.get(session, topic, number)
            if row is not None:
                current[topic] = row
                waiting.add(topic)
    return current, waiting


def _content(current: dict[str, FaqTopicVersion]) -> dict[str, Topic]:
    return {topic: as_topic(row) for topic, row in current.items() if not row.retires}


def plan(session: Session) -> Plan:
    current, waiting = _current(session)
    versions: dict[str, FaqTopicVersion] = {}
    kinds: dict[str, PublishKind] = {}
    for topic, head in faq_topic_versions.heads(session).items():
        kind = kind_of_change(current.get(topic), head)
        if kind is not None:
            versions[topic], kinds[topic] = head, kind
    after = {**current, **versions}
    return Plan(versions, kinds, bool(set(versions) & waiting), _content(after))


def check_errors(content: dict[str, Topic], checking: Checking) -> list[Finding]:
    """The errors that block a publish (no embeddings: a likely conflict only warns)."""
    return errors(
        check_topics(
            content,
            today=checking.today,
            review_interval_months=checking.review_interval_months,
        )
    )


def publish(
    session: Session, *, author: User, now: datetime, checking: Checking, faq_dir: Path
) -> FaqPublishJob:
    """Publishes every topic's newest version: a job, done at once if it is text-only and
    waits for nothing; raises NothingToPublish or PublishRefused."""
    faq_live_state.lock(session)
    planned = plan(session)
    kind = planned.kind
    if kind is None:
        session.rollback()
        raise NothingToPublish()
    found = check_errors(planned.content, checking)
    if found:
        session.rollback()
        audit_log.record(
            session,
            user_id=author.id,
            action="faq_publish_refused",
            meeting_id=None,
            now=now,
            subject=f"faq_publish {len(found)} errors",
        )
        raise PublishRefused(found)
    job = faq_publish_jobs.add(
        session,
        kind=kind,
        versions={topic: row.version for topic, row in planned.versions.items()},
        created_by=author.id,
        now=now,
    )
    audit_log.record(
        session,
        user_id=author.id,
        action="faq_publish",
        meeting_id=None,
        now=now,
        subject=f"faq_publish {job.id} {kind}",
    )
    logger.info("FAQ publish %d (%s): %s", job.id, kind, ", ".join(sorted(job.versions)))
    if kind == "text" and not planned.waits:
        run_text_job(session, job.id, now=now, checking=checking, faq_dir=faq_dir)
    return job


def _job(session: Session, job_id: int) -> FaqPublishJob:
    job = faq_publish_jobs.get(session, job_id)
    if job is None:
        raise UnknownJob(job_id)
    return job


def _rows(session: Session, job: FaqPublishJob) -> dict[str, FaqTopicVersion]:
    rows = {}
    for topic, number in job.versions.items():
        row = faq_topic_versions.get(session, topic, number)
        if row is not None:
            rows[topic] = row
    return rows


def _reason(found: list[Finding]) -> str:
    shown = "; ".join(finding.line() for finding in found[:5])
    more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
    return f"{len(found)} check errors: {shown}{more}"


def files_after(session: Session, job_id: int) -> dict[str, str]:
    """For the training worker: the topic files of the content live once the job is (every
    live topic's file, with the job's versions instead of theirs; no retired topic)."""
    job = _job(session, job_id)
    current = {**faq_topic_versions.published(session), **_rows(session, job)}
    return {topic: row.file_text for topic, row in current.items() if not row.retires}


def make_live(session: Session, job: FaqPublishJob, *, now: datetime, model: str | None) -> None:
    """Makes the job's versions their topics' current ones (none over a newer one), advances
    the live generation and marks the job live; commits. The caller holds the lock."""
    current = faq_topic_versions.published(session)
    for topic, row in sorted(_rows(session, job).items()):
        before = current.get(topic)
        if before is not None and before.version >= row.version:
            continue  # a later publish was faster: never back to an older version
        faq_topic_versions.set_published(session, row, job_id=job.id, now=now)
    faq_live_state.advance(session, now=now)
    if model is not None:
        job.model = model
    faq_publish_jobs.update(session, job, now=now, state="live", progress=DONE)
    session.commit()


def export_live(session: Session, faq_dir: Path) -> list[str]:
    """Writes the live topics' files into FAQ_DIR and removes the retired ones' (only files
    that differ are touched); under the lock, so that the files end as the newest content."""
    faq_live_state.lock(session)
    files = {row.topic: row.file_text for row in faq_topic_versions.live(session)}
    retired = {topic for topic, row in faq_topic_versions.published(session).items() if row.retires}
    try:
        return write_folder(faq_dir, files, retired)
    finally:
        session.commit()


def _export(session: Session, job: FaqPublishJob, faq_dir: Path, now: datetime) -> None:
    try:
        changed = export_live(session, faq_dir)
    except OSError as error:
        logger.exception("FAQ publish %d is live, but its files were not written", job.id)
        faq_publish_jobs.update(
            session,
            job,
            now=now,
            reason=f"live, but the files in {faq_dir} could not be written ({error.strerror})",
        )
        session.commit()
        return
    logger.info("FAQ publish %d: wrote %s", job.id, ", ".join(changed) or "no file")


def run_text_job(
    session: Session, job_id: int, *, now: datetime, checking: Checking, faq_dir: Path
) -> None:
    """Does a queued text publish: checks the content it makes live, then makes it live and
    writes the files. If what it changes is no longer text only (a publish before it failed),
    it becomes a job of that kind and waits for the worker."""
    faq_live_state.lock(session)
    job = _job(session, job_id)
    if job.state not in ("queued", "checking") or job.kind != "text":
        session.rollback()
        return
    rows = _rows(session, job)
    current = faq_topic_versions.published(session)
    kinds = [kind_of_change(current.get(t), row) for t, row in rows.items()]
    kind = costliest([k for k in kinds if k is not None])
    if kind is not None and kind != "text":
        job.kind = kind
        faq_publish_jobs.update(session, job, now=now, state="queued")
        session.commit()
        logger.info("FAQ publish %d waits for the worker: it is %s now", job.id, kind)
        return
    faq_publish_jobs.update(
        session, job, now=now, state="checking", progress={"fraction": 0.5, "stage": "checking"}
    )
    found = check_errors(_content({**current, **rows}), checking)
    if found:
        faq_publish_jobs.update(session, job, now=now, state="rejected", reason=_reason(found))
        session.commit()
        return
    make_live(session, job, now=now, model=None)
    _export(session, job, faq_dir, now)


def run_ready_text_jobs(
    session: Session, *, now: datetime, checking: Checking, faq_dir: Path
) -> list[int]:
    """Runs each queued text publish that waits for nothing any more (after a job before it
    finished, and on the API's start: one left half done is done again); their ids."""
    ran = []
    waiting: set[str] = set()
    for job in faq_publish_jobs.unfinished(session):
        topics = set(job.versions)
        if job.kind == "text" and not topics & waiting:
            run_text_job(session, job.id, now=now, checking=checking, faq_dir=faq_dir)
            ran.append(job.id)
            session.refresh(job)
        if job.state in UNFINISHED_PUBLISH_STATES:
            waiting |= topics
    session.commit()
    return ran


def finish(
    session: Session,
    job_id: int,
    *,
    now: datetime,
    checking: Checking,
    faq_dir: Path,
    model: str | None,
) -> None:
    """For the training worker: its job's model is swapped in; make the versions live, write
    the files, then run the text publishes that waited for it."""
    faq_live_state.lock(session)
    job = _job(session, job_id)
    make_live(session, job, now=now, model=model)
    _export(session, job, faq_dir, now)
    run_ready_text_jobs(session, now=now, checking=checking, faq_dir=faq_dir)


def refuse(
    session: Session,
    job_id: int,
    *,
    state: str,
    reason: str,
    now: datetime,
    checking: Checking,
    faq_dir: Path,
) -> None:
    """For the training worker: its job is `rejected` (the new model missed the floors) or
    `failed`, with the reason in the editor's words; the live content stays as it was."""
    if state not in ("rejected", "failed"):
        raise ValueError(f"a job is refused as rejected or failed, not {state}")
    job = _job(session, job_id)
    faq_publish_jobs.update(session, job, now=now, state=state, reason=reason)
    session.commit()
    run_ready_text_jobs(session, now=now, checking=checking, faq_dir=faq_dir)


def rollback(
    session: Session, *, author: User, now: datetime, checking: Checking, faq_dir: Path
) -> FaqPublishJob:
    """Undoes the newest live publish that trained a model and every publish after it: a job
    (kind by what changes back; `rollback_of` the undone one) whose versions restore, for each
    topic those publishes changed, its version from before them (a topic they brought is
    retired). Raises PublishBusy, NothingToRollBack or PublishRefused; commits."""
    faq_live_state.lock(session)
    if faq_publish_jobs.unfinished(session):
        session.rollback()
        raise PublishBusy()
    undone = faq_publish_jobs.newest_live_training(session)
    if undone is None:
        session.rollback()
        raise NothingToRollBack()
    current = faq_topic_versions.published(session)
    versions: dict[str, FaqTopicVersion] = {}
    for topic, row in current.items():
        if row.publish_job_id is None or row.publish_job_id < undone.id:
            continue
        before = faq_topic_versions.published_before(session, topic, undone.id)
        source = before or row  # none before: it came with the undone publish, retire it
        head = faq_topic_versions.head(session, topic)
        if head is None:  # cannot be: it has a published version
            continue
        versions[topic] = faq_topic_versions.add(
            session,
            topic=topic,
            version=head.version + 1,
            document=source.document,
            file_text=source.file_text,
            author_id=author.id,
            now=now,
            retires=before is None or before.retires,
            restored_from=before.version if before is not None else None,
        )
    if not versions:
        session.rollback()
        raise NothingToRollBack()
    kinds = [kind_of_change(current.get(t), r) for t, r in versions.items()]
    kind = costliest([k for k in kinds if k is not None]) or "text"
    found = check_errors(_content({**current, **versions}), checking)
    if found:
        session.rollback()
        raise PublishRefused(found)
    job = faq_publish_jobs.add(
        session,
        kind=kind,
        versions={topic: row.version for topic, row in versions.items()},
        created_by=author.id,
        now=now,
    )
    job.rollback_of = undone.id
    audit_log.record(
        session,
        user_id=author.id,
        action="faq_rollback",
        meeting_id=None,
        now=now,
        subject=f"faq_publish {job.id} {kind} undoes {undone.id}: "
        + ", ".join(subject(t, r.version) for t, r in sorted(versions.items())),
    )
    logger.info("FAQ publish %d (%s) rolls back publish %d", job.id, kind, undone.id)
    if kind == "text":
        run_text_job(session, job.id, now=now, checking=checking, faq_dir=faq_dir)
    return job
