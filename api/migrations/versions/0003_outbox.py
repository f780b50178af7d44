"""outbox: messages the channels push to clients (reminders of meetings)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=128), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_outbox_messages_delivered_at_conversation_key",
        "outbox_messages",
        ["delivered_at", "conversation_key"],
    )
    op.create_index("ix_outbox_messages_meeting_id", "outbox_messages", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("outbox_messages")
