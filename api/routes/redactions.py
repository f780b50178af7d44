"""/api/v1/redactions: internal services (Rasa's tracker store) redact client texts here."""

import logging

from fastapi import APIRouter

from api.deps import RedactorDep, ServiceAuth
from api.schemas.redactions import RedactedItem, RedactionRequest, RedactionResponse

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/redactions", tags=["redactions"], dependencies=[ServiceAuth])


@router.post("", response_model=RedactionResponse)
def redact(body: RedactionRequest, redactor: RedactorDep) -> RedactionResponse:
    """Each text with personal data replaced by placeholders such as <HETU>; nothing is stored.

    A plain `def`: Presidio is CPU-bound, so FastAPI runs it in its thread pool.
    """
    items = [RedactedItem(text=redactor.redact(i.text, i.language)) for i in body.items]
    logger.debug("redacted %d texts", len(items))
    return RedactionResponse(items=items)
