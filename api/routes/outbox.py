"""/api/v1/outbox: the channels (the Telegram bridges) claim the messages to push, mark them
delivered or give them back. Service token only."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import NowDep, RowId, ServiceAuth, SessionDep, SettingsDep
from api.repositories import outbox
from api.schemas.outbox import OutboxClaimIn, OutboxMessageOut, OutboxReleaseIn
from vocabulary.channels import SENDER_PREFIXES, PushChannel

router = APIRouter(prefix="/outbox", tags=["outbox"], dependencies=[ServiceAuth])


@router.get("", response_model=list[OutboxMessageOut])
def undelivered(
    session: SessionDep,
    channel: Annotated[
        PushChannel, Query(description="whose conversations: telegram = 'tg-' keys")
    ],
) -> list[OutboxMessageOut]:
    """The oldest undelivered messages for the channel's conversations, at most 100, claimed
    or not (what is waiting; a channel delivers what it claims)."""
    rows = outbox.undelivered(session, SENDER_PREFIXES[channel])
    return [OutboxMessageOut.model_validate(row) for row in rows]


@router.post("/claim", response_model=list[OutboxMessageOut])
def claim(
    body: OutboxClaimIn, session: SessionDep, now: NowDep, settings: SettingsDep
) -> list[OutboxMessageOut]:
    """The oldest undelivered messages for the channel's conversations that no other claimant
    holds, at most 100, now the claimant's for OUTBOX_CLAIM_FOR (its own claims renewed): with
    several bridges, each message goes to one."""
    rows = outbox.claim(
        session,
        SENDER_PREFIXES[body.channel],
        body.claimant,
        now=now,
        until=now + settings.outbox_claim_for,
    )
    return [OutboxMessageOut.model_validate(row) for row in rows]


@router.post("/release", status_code=status.HTTP_204_NO_CONTENT)
def release(body: OutboxReleaseIn, session: SessionDep) -> Response:
    """The claimant cannot deliver these now (unknown chats, Telegram refused): another bridge
    may take them at once. Other claimants' claims and unknown ids are left alone."""
    outbox.release(session, body.ids, body.claimant)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{message_id}/delivered", status_code=status.HTTP_204_NO_CONTENT)
def delivered(message_id: RowId, session: SessionDep, now: NowDep) -> Response:
    """Idempotent; 404 for an unknown id."""
    if outbox.mark_delivered(session, message_id, now=now) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such message")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
