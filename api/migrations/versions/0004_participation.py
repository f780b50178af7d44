"""participation: meetings' service step, the outbox's purpose, the anonymous pulse survey,
proposals, "we did"

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=32), nullable=False, server_default="other_meeting")
        )
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(
            sa.Column("purpose", sa.String(length=16), nullable=False, server_default="reminder")
        )
        batch.add_column(sa.Column("step", sa.String(length=32), nullable=True))
    op.create_table(
        "pulse_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("offer_kind", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("went_well", sa.Integer(), nullable=False),
        sa.Column("to_improve", sa.Integer(), nullable=False),
        sa.Column("went_well_text", sa.Text(), nullable=True),
        sa.Column("to_improve_text", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pulse_answers_week_start_step", "pulse_answers", ["week_start", "step"])
    op.create_table(
        "pulse_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("offer_kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pulse_offers_week_start", "pulse_offers", ["week_start"])
    op.create_table(
        "pulse_asks",
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
        sa.Column("last_offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_hash"),
    )
    op.create_table(
        "pulse_invitations",
        sa.Column("conversation_key", sa.String(length=128), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("conversation_key"),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_proposals_theme_week_start", "proposals", ["theme", "week_start"])
    op.create_table(
        "theme_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=32), nullable=False),
        sa.Column("text_fi", sa.Text(), nullable=False),
        sa.Column("text_sv", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_theme_actions_theme_done_on", "theme_actions", ["theme", "done_on"])


def downgrade() -> None:
    op.drop_table("theme_actions")
    op.drop_table("proposals")
    op.drop_table("pulse_invitations")
    op.drop_table("pulse_asks")
    op.drop_table("pulse_offers")
    op.drop_table("pulse_answers")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("step")
        batch.drop_column("purpose")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("kind")
