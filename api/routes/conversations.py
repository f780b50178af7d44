"""/api/v1/conversations: the action server records conversations here."""

from fastapi import APIRouter, HTTPException, Response, status

from api.deps import NowDep, ServiceAuth, SessionDep
from api.repositories import conversations as repo
from api.schemas.conversations import ConversationOut, ConversationUpsert

router = APIRouter(prefix="/conversations", tags=["conversations"], dependencies=[ServiceAuth])


@router.put("/{conversation_key}", response_model=ConversationOut)
def put_conversation(
    conversation_key: str,
    body: ConversationUpsert,
    session: SessionDep,
    now: NowDep,
    response: Response,
) -> ConversationOut:
    """Idempotent: the first call records the start, later calls update channel or language."""
    row, created = repo.upsert(
        session, conversation_key, channel=body.channel, language=body.language, now=now
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return ConversationOut.model_validate(row)


@router.get("/{conversation_key}", response_model=ConversationOut)
def get_conversation(conversation_key: str, session: SessionDep) -> ConversationOut:
    row = repo.get(session, conversation_key)
    if row is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="no such conversation")
    return ConversationOut.model_validate(row)
