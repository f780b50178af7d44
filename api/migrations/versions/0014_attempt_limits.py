"""attempt limits: wrong invite codes counted per channel too; failed staff logins

A new sender id (a new browser conversation, another Telegram account) no longer starts the
count of wrong invite codes afresh: they are also counted per channel, over all its
conversations. Failed staff logins are kept for the lockout window, under keyed-free hashes
of the account's email and of the source address (never either in the clear).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "invite_attempts",
        sa.Column("channel", sa.String(length=16), nullable=False, server_default="web"),
    )
    # vocabulary.channels.SENDER_PREFIXES: the Telegram bridge's keys start with tg-.
    op.execute("UPDATE invite_attempts SET channel = 'telegram' WHERE conversation_key LIKE 'tg-%'")
    op.create_index("ix_invite_attempts_channel_at", "invite_attempts", ["channel", "at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_hash", sa.String(length=64), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failures_account_hash_at", "login_failures", ["account_hash", "at"])
    op.create_index("ix_login_failures_source_hash_at", "login_failures", ["source_hash", "at"])


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_index("ix_invite_attempts_channel_at", table_name="invite_attempts")
    # SQLite (3.35 and later) drops a column in place.
    op.execute("ALTER TABLE invite_attempts DROP COLUMN channel")
