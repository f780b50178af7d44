"""Data access for my_data_links: one-time links to a copy of a client's data (token hashes)."""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.orm import MyDataLink


def add(
    session: Session, token_hash: str, conversation_key: str, language: str, expires_at: datetime
) -> None:
    session.add(
        MyDataLink(
            token_hash=token_hash,
            conversation_key=conversation_key,
            language=language,
            expires_at=expires_at,
        )
    )
    session.commit()


def get_for_update(session: Session, token_hash: str) -> MyDataLink | None:
    """The link, its row locked (PostgreSQL) so that two downloads at once cannot both use it."""
    return session.get(MyDataLink, token_hash, with_for_update=True)


def delete_before(session: Session, cutoff: datetime) -> int:
    """Links that expired before `cutoff`; the caller commits."""
    result = session.execute(delete(MyDataLink).where(MyDataLink.expires_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
