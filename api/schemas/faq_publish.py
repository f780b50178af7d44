"""Bodies of /api/v1/faq/publish: a publish job and how far it is."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas.faq_topics import FindingOut

PublishStateOut = Literal["queued", "training", "checking", "live", "rejected", "failed"]
PublishKindOut = Literal["text", "finetune", "full"]


class PublishCreated(BaseModel):
    job: int


class PublishStatusOut(BaseModel):
    state: PublishStateOut
    kind: PublishKindOut = Field(
        description="text: answers, sources, dates, titles only (live at once, no training);"
        " finetune: examples of existing topics; full: a new or retired topic."
    )
    progress: dict[str, Any] = Field(
        description='{"fraction": 0..1}; while training also "stage", "component", "epoch",'
        ' "epochs", "eta_seconds".'
    )
    reason: str | None = Field(description="Why it was rejected or failed.")
    rollback_of: int | None = Field(
        default=None, description="The publish this one undoes (a rollback), else null."
    )


class PublishJobOut(PublishStatusOut):
    job: int
    versions: dict[str, int] = Field(description="The topics it publishes: topic -> version.")
    created_by: int | None
    created_at: datetime
    finished_at: datetime | None
    model: str | None


class PublishRefusedOut(BaseModel):
    """422's detail: the content would have check errors."""

    reason: Literal["check_errors"] = "check_errors"
    findings: list[FindingOut]


class PublishRefusedResponse(BaseModel):
    detail: PublishRefusedOut
