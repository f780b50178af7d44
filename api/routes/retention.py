"""/api/v1/retention: how long what clients tell is kept, from the settings that enforce it.

Public (no client data): the Telegram bridge's /privacy and anything else that tells clients a
period reads it here, so that a changed setting never leaves a text untrue.
"""

from fastapi import APIRouter

from api.deps import SettingsDep
from api.schemas.retention import RetentionOut

router = APIRouter(prefix="/retention", tags=["retention"])


@router.get("", response_model=RetentionOut)
def retention_periods(settings: SettingsDep) -> RetentionOut:
    return RetentionOut(
        answer_retention_days=settings.answer_retention_days,
        faq_topic_retention_days=settings.faq_topic_retention_days,
    )
