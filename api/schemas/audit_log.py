"""Response body of /api/v1/audit-log."""

from datetime import datetime

from pydantic import BaseModel


class AuditEntryOut(BaseModel):
    id: int
    user_id: int
    user_email: str
    action: str
    meeting_id: str | None
    subject: str | None
    at: datetime


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    page: int
    page_size: int
    total: int
