"""idempotency keys: the stored answer of each write the action server sent with a key

A write and its key commit in one transaction (api.core.idempotency), so a request tried
again (after a timeout, from the action server's queue) gets the first answer instead of
being done twice. Only hashes of the key and the request are kept, with the route's
template, the status and body of the answer, and when; the retention job deletes them
IDEMPOTENCY_RETENTION after.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("route", sa.String(length=200), nullable=False),
        sa.Column("conversation_hash", sa.String(length=64), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_hash"),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])
    op.create_index(
        "ix_idempotency_keys_conversation_hash", "idempotency_keys", ["conversation_hash"]
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
