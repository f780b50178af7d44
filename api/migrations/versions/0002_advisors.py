"""advisors: staff accounts and sessions, meetings, answers, FAQ topic asks, invite attempts, audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 22:42:06.649449
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def timestamp(name: str, nullable: bool = False) -> sa.Column[object]:
    # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        timestamp("created_at"),
        sa.CheckConstraint(
            "role IN ('advisor', 'content_editor', 'analyst', 'admin')", name="ck_users_role"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "user_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        timestamp("created_at"),
        timestamp("expires_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])
    op.create_index("ix_user_sessions_expires_at", "user_sessions", ["expires_at"])

    op.create_table(
        "meetings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("client_ref", sa.String(length=64), nullable=False),
        timestamp("starts_at"),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("invite_code", sa.String(length=13), nullable=False),
        timestamp("invite_expires_at"),
        sa.Column("conversation_key", sa.String(length=128), nullable=True),
        timestamp("redeemed_at", nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=True),
        timestamp("consent_at", nullable=True),
        timestamp("confirmed_at", nullable=True),
        timestamp("completed_at", nullable=True),
        timestamp("last_client_change_at", nullable=True),
        timestamp("created_at"),
        sa.ForeignKeyConstraint(["advisor_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invite_code"),
    )
    op.create_index("ix_meetings_advisor_id_starts_at", "meetings", ["advisor_id", "starts_at"])
    op.create_index("ix_meetings_conversation_key", "meetings", ["conversation_key"])

    op.create_table(
        "meeting_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        timestamp("at"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meeting_answers_meeting_id", "meeting_answers", ["meeting_id"])

    op.create_table(
        "faq_topic_asks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=128), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        timestamp("at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_faq_topic_asks_conversation_key_topic", "faq_topic_asks", ["conversation_key", "topic"]
    )

    op.create_table(
        "invite_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=128), nullable=False),
        timestamp("at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_invite_attempts_conversation_key_at", "invite_attempts", ["conversation_key", "at"]
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        timestamp("at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_user_id", "audit_log", ["user_id"])
    op.create_index("ix_audit_log_meeting_id", "audit_log", ["meeting_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes; children before the tables they refer to.
    for table in (
        "audit_log",
        "invite_attempts",
        "faq_topic_asks",
        "meeting_answers",
        "meetings",
        "user_sessions",
        "users",
    ):
        op.drop_table(table)
