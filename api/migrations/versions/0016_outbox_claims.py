"""outbox claims: which channel process delivers a message, until when

With several Telegram bridges, each outbox message is claimed by one of them for a while
(`claimed_by`, `claimed_until`), so that two never deliver the same message; a claim that runs
out (its bridge died) lets another bridge take the message.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox_messages", sa.Column("claimed_by", sa.String(length=64), nullable=True))
    op.add_column(
        "outbox_messages", sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column in place.
    op.execute("ALTER TABLE outbox_messages DROP COLUMN claimed_until")
    op.execute("ALTER TABLE outbox_messages DROP COLUMN claimed_by")
