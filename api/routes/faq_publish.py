"""/api/v1/faq/publish: the content team publishes what it saved (content editors and
admins). A text-only change is live when the answer comes; one that needs training waits for
the training worker, and its job says how far it is."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.deps import ContentEditorUser, NowDep, RowId, SessionDep, SettingsDep, TodayDep
from api.orm import FaqPublishJob, User
from api.repositories import faq_publish_jobs
from api.routes.faq_topics import finding_out
from api.schemas.faq_publish import (
    PublishCreated,
    PublishJobOut,
    PublishRefusedOut,
    PublishRefusedResponse,
    PublishStatusOut,
)
from api.services.faq import publishing

router = APIRouter(prefix="/faq/publish", tags=["faq content"])


def status_out(job: FaqPublishJob) -> PublishStatusOut:
    return PublishStatusOut(
        state=job.state,
        kind=job.kind,
        progress=job.progress,
        reason=job.reason,
        rollback_of=job.rollback_of,
    )


# Why a publish or a rollback did not start, as the API says it.
NOT_STARTED: dict[type[Exception], str] = {
    publishing.NothingToPublish: "nothing_to_publish",
    publishing.NothingToRollBack: "nothing_to_roll_back",
    publishing.PublishBusy: "publish_unfinished",
}


def start(
    action: Callable[..., FaqPublishJob],
    editor: User,
    session: Session,
    settings: ApiSettings,
    now: datetime,
    today: date,
) -> PublishCreated:
    """Runs publishing.publish or .rollback; its refusals as 409 (with the reason) or 422
    (with every check finding)."""
    try:
        job = action(
            session,
            author=editor,
            now=now,
            checking=publishing.Checking(today, settings.review_interval),
            faq_dir=settings.faq_dir,
        )
    except tuple(NOT_STARTED) as error:
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail={"reason": NOT_STARTED[type(error)]}
        ) from None
    except publishing.PublishRefused as refused:
        body = PublishRefusedOut(findings=[finding_out(f) for f in refused.findings])
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail=body.model_dump(mode="json")
        ) from None
    return PublishCreated(job=job.id)


@router.post(
    "",
    response_model=PublishCreated,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        409: {"description": "Nothing to publish"},
        422: {"model": PublishRefusedResponse, "description": "The content has check errors"},
    },
)
def publish(
    editor: ContentEditorUser,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
) -> PublishCreated:
    """Publishes every topic's newest version. Text-only changes are live when this
    answers (the job is `live`); examples or topics added or retired wait for training."""
    return start(publishing.publish, editor, session, settings, now, today)


@router.post(
    "/rollback",
    response_model=PublishCreated,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        409: {"description": "Nothing to roll back, or a publish is unfinished"},
        422: {"model": PublishRefusedResponse, "description": "The content has check errors"},
    },
)
def rollback(
    editor: ContentEditorUser,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
) -> PublishCreated:
    """Undoes the newest publish that trained a model (and any publish after it): the topics
    get their versions from before it again and the assistant the model from before it, which
    the training worker swaps in (no training when that model is kept). A publish job with
    `rollback_of`; audited."""
    return start(publishing.rollback, editor, session, settings, now, today)


@router.get("", response_model=list[PublishJobOut])
def list_jobs(
    editor: ContentEditorUser,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[PublishJobOut]:
    """The newest publishes first."""
    return [
        PublishJobOut(
            **status_out(job).model_dump(),
            job=job.id,
            versions=job.versions,
            created_by=job.created_by,
            created_at=job.created_at,
            finished_at=job.finished_at,
            model=job.model,
        )
        for job in faq_publish_jobs.newest(session, limit)
    ]


@router.get("/{job_id}", response_model=PublishStatusOut)
def get_job(job_id: RowId, editor: ContentEditorUser, session: SessionDep) -> PublishStatusOut:
    job = faq_publish_jobs.get(session, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such publish")
    return status_out(job)
