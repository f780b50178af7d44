"""Response body of /api/v1/audit-log."""

from datetime import datetime

from pydantic import BaseModel, Field


class AuditEntryOut(BaseModel):
    id: int
    user_id: int | None = Field(description="null: the system (a retention run)")
    user_email: str | None
    action: str
    meeting_id: str | None
    subject: str | None
    at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    page: int
    page_size: int
    total: int
