"""Data access for the developer-client panel's members.

Interests and languages are bit masks (see api.orm.PanelMember); the callers pass masks in.
Nothing here commits: a join, an update or a leave is one transaction the service commits.
"""

from collections.abc import Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from api.orm import PanelMember


def by_conversation(session: Session, conversation_key: str) -> PanelMember | None:
    return session.scalar(
        select(PanelMember).where(PanelMember.conversation_key == conversation_key)
    )


def add(session: Session, member: PanelMember) -> None:
    session.add(member)
    session.flush()


def delete(session: Session, member: PanelMember) -> None:
    session.delete(member)
    session.flush()


def every(session: Session) -> list[PanelMember]:
    """All members, the earliest joined first."""
    return list(session.scalars(select(PanelMember).order_by(PanelMember.id)))


def with_any_interest(session: Session, interests: int) -> list[PanelMember]:
    """The members who chose at least one of the interests in the mask."""
    query = (
        select(PanelMember)
        .where(PanelMember.interests.op("&")(interests) != 0)
        .order_by(PanelMember.id)
    )
    return list(session.scalars(query))


def counts(session: Session, interests: Sequence[int]) -> tuple[int, list[int]]:
    """How many members there are, and how many chose each interest (one mask each), in one
    pass over the table."""
    columns = [
        func.coalesce(func.sum(case((PanelMember.interests.op("&")(mask) != 0, 1), else_=0)), 0)
        for mask in interests
    ]
    row = session.execute(select(func.count(PanelMember.id), *columns)).one()
    return int(row[0]), [int(value) for value in row[1:]]
