"""/api/v1/outbox: the channels (the Telegram bridge) fetch the messages to push and mark them
delivered. Service token only."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import NowDep, RowId, ServiceAuth, SessionDep
from api.repositories import outbox
from api.schemas.outbox import OutboxMessageOut
from vocabulary.channels import SENDER_PREFIXES, PushChannel

router = APIRouter(prefix="/outbox", tags=["outbox"], dependencies=[ServiceAuth])


@router.get("", response_model=list[OutboxMessageOut])
def undelivered(
    session: SessionDep,
    channel: Annotated[
        PushChannel, Query(description="whose conversations: telegram = 'tg-' keys")
    ],
) -> list[OutboxMessageOut]:
    """The oldest undelivered messages for the channel's conversations, at most 100."""
    rows = outbox.undelivered(session, SENDER_PREFIXES[channel])
    return [OutboxMessageOut.model_validate(row) for row in rows]


@router.post("/{message_id}/delivered", status_code=status.HTTP_204_NO_CONTENT)
def delivered(message_id: RowId, session: SessionDep, now: NowDep) -> Response:
    """Idempotent; 404 for an unknown id."""
    if outbox.mark_delivered(session, message_id, now=now) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such message")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
