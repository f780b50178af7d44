"""/api/v1/audit-log: admins inspect who read which summary or changed the FAQ, when."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, SessionDep
from api.repositories import audit_log
from api.schemas.audit_log import AuditEntryOut, AuditPage

router = APIRouter(prefix="/audit-log", tags=["audit log"])


@router.get("", response_model=AuditPage)
def list_entries(
    admin: AdminUser,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> AuditPage:
    """Newest first."""
    rows, total = audit_log.page(session, offset=(page - 1) * page_size, limit=page_size)
    items = [
        AuditEntryOut(
            id=entry.id,
            user_id=entry.user_id,
            user_email=email,
            action=entry.action,
            meeting_id=entry.meeting_id,
            subject=entry.subject,
            at=entry.at,
        )
        for entry, email in rows
    ]
    return AuditPage(items=items, page=page, page_size=page_size, total=total)
