"""The training worker's loop: claim the oldest training publish, train, check, swap, finish.

For each job: the content it makes live (every live topic's file with the job's versions) is
made into a Rasa project; its model is named by the fingerprint of what it is trained on
(publisher/fingerprint.py). If a model of that name is kept already (content live before, e.g.
a rollback, or trained by `make model`), it is used as it is: it was served before. Otherwise
Rasa trains it (with the training cache) and the NLU check must meet the floors of
scripts/bench_nlu.py, or the job is `rejected` and the live model stays. Then every Rasa server
loads it (PUT /model, verified by GET /status) and the versions go live
(`publishing.finish`), or the job `failed` with the reason. The job's progress says the stage,
the component being trained and an estimate from the previous run's duration.

Never stuck: the worker heartbeats while it works; a claimed job whose heartbeat is older than
STALE_AFTER lost its worker and is queued again (on the next start, or by any worker), and one
that lost its worker ATTEMPTS times fails with that reason.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from api.core.clock import Clock, today_in_finland
from api.orm import FaqPublishJob
from api.repositories import faq_publish_jobs
from api.services.faq import publishing
from publisher.rasa import Fleet, SwapFailed
from publisher.settings import PublisherSettings
from publisher.training import CheckResult, TrainingFailed

logger = logging.getLogger(__name__)

# The share of the job's progress at the start of each stage.
STAGES = {"preparing": 0.0, "training": 0.05, "checking": 0.75, "swapping": 0.9}


class Trainer(Protocol):
    def prepare(self, files: dict[str, str], project: Path) -> str: ...

    def train(
        self,
        project: Path,
        out: Path,
        name: str,
        *,
        finetune_from: Path | None,
        on_progress: Callable[[dict[str, Any]], None],
        tick: Callable[[], bool],
    ) -> Path: ...

    def check(self, model: Path, project: Path, *, tick: Callable[[], bool]) -> CheckResult: ...


class LostClaim(Exception):
    """Another worker holds the job now (this one was taken for dead)."""


@dataclass
class Durations:
    """How long the previous run of each stage took (seconds), for an honest estimate."""

    path: Path
    seconds: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Durations:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        return cls(path, {str(k): float(v) for k, v in stored.items()})

    def record(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = round(seconds, 1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.seconds, indent=1), encoding="utf-8")


@dataclass
class Worker:
    settings: PublisherSettings
    sessions: sessionmaker[Session]
    clock: Clock
    trainer: Trainer
    fleet: Fleet
    name: str = field(default_factory=lambda: f"{os.getpid()}")

    def __post_init__(self) -> None:
        self.name = f"{self.settings.worker_name}:{self.name}"
        self.waiting_for_rasa = False
        self.durations = Durations.load(self.settings.work_dir / "durations.json")

    def checking(self) -> publishing.Checking:
        today = self.settings.today or today_in_finland(self.clock.now())
        return publishing.Checking(today, self.settings.review_interval)

    # --- the queue -------------------------------------------------------------------------

    def recover(self) -> list[int]:
        """Queues again each claimed job whose worker stopped heartbeating (or fails it, after
        ATTEMPTS); their ids."""
        now = self.clock.now()
        found = []
        with self.sessions() as session:
            for job in faq_publish_jobs.stale(session, before=now - self.settings.stale_after):
                attempts = int(job.progress.get("attempts", 1))
                found.append(job.id)
                if attempts >= self.settings.attempts:
                    logger.warning("FAQ publish %d: its worker stopped %d times", job.id, attempts)
                    publishing.refuse(
                        session,
                        job.id,
                        state="failed",
                        reason=f"the training worker stopped {attempts} times while publishing"
                        " this; nothing of it is live. Publish again, or ask the maintainers.",
                        now=now,
                        checking=self.checking(),
                        faq_dir=self.settings.faq_dir,
                    )
                    continue
                logger.warning(
                    "FAQ publish %d lost its worker %s: queued again", job.id, job.claimed_by
                )
                job.claimed_by = None
                faq_publish_jobs.update(
                    session,
                    job,
                    now=now,
                    state="queued",
                    progress={"fraction": 0.0, "attempts": attempts + 1},
                )
                session.commit()
        return found

    def run_once(self) -> int | None:
        """Recovers stale jobs, then does the next job if there is one; its id."""
        self.recover()
        if not self.fleet.reachable():
            # Rasa (re)starting or down: the job waits rather than fails.
            if not self.waiting_for_rasa:
                logger.warning("Rasa cannot be reached: no publish is started until it can")
            self.waiting_for_rasa = True
            return None
        self.waiting_for_rasa = False
        with self.sessions() as session:
            job = faq_publish_jobs.claim_next(session, worker=self.name, now=self.clock.now())
            if job is None:
                return None
            job_id = job.id
            attempts = int(job.progress.get("attempts", 1))
        self.process(job_id, attempts)
        return job_id

    # --- one job ---------------------------------------------------------------------------

    def process(self, job_id: int, attempts: int = 1) -> None:
        run = JobRun(self, job_id, attempts)
        try:
            run.execute()
        except LostClaim:
            logger.warning("FAQ publish %d: another worker holds it now; stopped", job_id)
        except Rejected as rejected:
            run.refuse(
                "rejected",
                "the new model understands clients less well than the floors allow ("
                + "; ".join(rejected.result.missed)
                + "); the live model and content are unchanged",
            )
        except (KeyboardInterrupt, SystemExit):
            run.release()  # stopped (Ctrl-C, supervisord): the next start does it again
            raise
        except (TrainingFailed, SwapFailed) as error:
            run.refuse("failed", f"{error}; the live model and content are unchanged")
        except Exception as error:
            logger.exception("FAQ publish %d failed", job_id)
            run.refuse(
                "failed",
                f"the training worker failed ({type(error).__name__}); the live model and"
                " content are unchanged",
            )
        finally:
            shutil.rmtree(run.folder, ignore_errors=True)


@dataclass
class JobRun:
    worker: Worker
    job_id: int
    attempts: int
    progress: dict[str, Any] = field(default_factory=dict)
    last_beat: datetime | None = None
    stage_started: datetime | None = None

    def __post_init__(self) -> None:
        self.folder = self.worker.settings.work_dir / f"job-{self.job_id}"

    @property
    def settings(self) -> PublisherSettings:
        return self.worker.settings

    def _job(self, session: Session) -> FaqPublishJob:
        job = faq_publish_jobs.get(session, self.job_id)
        if job is None:
            raise LostClaim()
        return job

    def save(self, *, state: str | None = None, force: bool = True) -> None:
        """Writes the progress and the heartbeat (at most every HEARTBEAT_SECONDS unless
        `force`); raises LostClaim if another worker holds the job."""
        now = self.worker.clock.now()
        due = self.last_beat is None or (
            (now - self.last_beat).total_seconds() >= self.settings.heartbeat_seconds
        )
        if not (force or due):
            return
        with self.worker.sessions() as session:
            job = self._job(session)
            if not faq_publish_jobs.heartbeat(session, job, worker=self.worker.name, now=now):
                raise LostClaim()
            faq_publish_jobs.update(session, job, now=now, state=state, progress=self.progress)
            session.commit()
        self.last_beat = now

    def stage(self, name: str, estimate: str | None = None) -> None:
        self.stage_started = self.worker.clock.now()
        self.progress = {"fraction": STAGES[name], "stage": name, "attempts": self.attempts}
        self.estimate(estimate)
        self.save(state="checking" if name == "checking" else None)

    def estimate(self, key: str | None) -> None:
        """The stage's fraction and the seconds left, from the previous run's duration."""
        previous = self.worker.durations.seconds.get(key or "")
        if previous is None or self.stage_started is None:
            return
        elapsed = (self.worker.clock.now() - self.stage_started).total_seconds()
        stages = list(STAGES)
        name = self.progress["stage"]
        start = STAGES[name]
        end = STAGES[stages[stages.index(name) + 1]] if name != stages[-1] else 1.0
        share = min(elapsed / previous, 0.99) if previous > 0 else 0.99
        self.progress["fraction"] = round(start + (end - start) * share, 3)
        # What is left of this stage, and the stages after it as long as they took last time.
        later = {"training": ("checking", "swapping"), "checking": ("swapping",)}.get(name, ())
        after = sum(self.worker.durations.seconds.get(stage, 0.0) for stage in later)
        self.progress["eta_seconds"] = max(0, round(previous - elapsed + after))

    def tick(self, key: str) -> Callable[[], bool]:
        def beat() -> bool:
            self.estimate(key)
            self.save(force=False)
            return True

        return beat

    def refuse(self, state: str, reason: str) -> None:
        now = self.worker.clock.now()
        with self.worker.sessions() as session:
            job = faq_publish_jobs.get(session, self.job_id)
            if job is None or job.claimed_by != self.worker.name:
                return
            publishing.refuse(
                session,
                self.job_id,
                state=state,
                reason=reason,
                now=now,
                checking=self.worker.checking(),
                faq_dir=self.settings.faq_dir,
            )
        logger.warning("FAQ publish %d %s: %s", self.job_id, state, reason)

    def release(self) -> None:
        """Queues the job again at once (this worker is stopping)."""
        with self.worker.sessions() as session:
            job = faq_publish_jobs.get(session, self.job_id)
            if job is None or job.claimed_by != self.worker.name:
                return
            if job.state not in ("training", "checking"):
                return
            job.claimed_by = None
            faq_publish_jobs.update(
                session,
                job,
                now=self.worker.clock.now(),
                state="queued",
                progress={"fraction": 0.0},
            )
            session.commit()
        logger.info("FAQ publish %d queued again: the worker stops", self.job_id)

    def execute(self) -> None:
        worker, settings = self.worker, self.settings
        self.stage("preparing")
        with worker.sessions() as session:
            job = self._job(session)
            kind = job.kind
            files = publishing.files_after(session, self.job_id)
        project = self.folder / "project"
        name = worker.trainer.prepare(files, project)
        model = settings.models_dir / f"{name}.tar.gz"
        live = {url: _path(settings.models_dir, f) for url, f in worker.fleet.live_models().items()}
        if model.is_file():
            # Trained for exactly this content before and kept: it passed then (rejected models
            # are not kept), so it is used as it is.
            logger.info("FAQ publish %d: model %s is kept already", self.job_id, model.name)
        else:
            model = self.train(kind, project, name, live)
        self.stage("swapping", "swapping")
        started = worker.clock.now()
        worker.fleet.swap(model, live)
        worker.durations.record("swapping", (worker.clock.now() - started).total_seconds())
        with worker.sessions() as session:
            job = self._job(session)
            if job.claimed_by != worker.name:
                raise LostClaim()
            publishing.finish(
                session,
                self.job_id,
                now=worker.clock.now(),
                checking=worker.checking(),
                faq_dir=settings.faq_dir,
                model=model.name,
            )
        logger.info("FAQ publish %d is live with %s", self.job_id, model.name)

    def train(self, kind: str, project: Path, name: str, live: dict[str, Path | None]) -> Path:
        worker, settings = self.worker, self.settings
        base = next((m for m in live.values() if m is not None and m.is_file()), None)
        finetune_from = base if kind == "finetune" and settings.finetune else None
        key = f"training {kind}"
        self.stage("training", key)
        started = worker.clock.now()

        def on_progress(update: dict[str, Any]) -> None:
            self.progress.update(update)
            self.estimate(key)
            self.save(force=False)

        out = self.folder / "out"
        candidate = worker.trainer.train(
            project,
            out,
            name,
            finetune_from=finetune_from,
            on_progress=on_progress,
            tick=self.tick(key),
        )
        worker.durations.record(key, (worker.clock.now() - started).total_seconds())
        if settings.check_nlu:
            self.stage("checking", "checking")
            started = worker.clock.now()
            result = worker.trainer.check(candidate, project, tick=self.tick("checking"))
            worker.durations.record("checking", (worker.clock.now() - started).total_seconds())
            if not result.ok:
                raise Rejected(result)
        settings.models_dir.mkdir(parents=True, exist_ok=True)
        model = settings.models_dir / candidate.name
        shutil.move(candidate, model)
        return model


class Rejected(Exception):
    def __init__(self, result: CheckResult) -> None:
        super().__init__("; ".join(result.missed))
        self.result = result


def _path(models_dir: Path, name: str | None) -> Path | None:
    """The kept file of a model a server names (Rasa reports the file's name only)."""
    return None if name is None else models_dir / name
