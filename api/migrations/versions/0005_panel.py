"""panel: developer-client panel members, withdrawals (no identity), pilots and their
invitations; outbox messages name their pilot invitation and may wait for e-mail

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("pilot_invitation_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("deliver_by", sa.String(length=16), nullable=True))
        batch.create_index("ix_outbox_messages_pilot_invitation_id", ["pilot_invitation_id"])
    op.create_table(
        "panel_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_key", sa.String(length=128), nullable=False),
        sa.Column("consent_version", sa.String(length=32), nullable=False),
        sa.Column("interests", sa.Integer(), nullable=False),
        sa.Column("languages", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("contact_channel", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_key"),
    )
    op.create_table(
        "panel_withdrawals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "pilots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_fi", sa.String(length=200), nullable=False),
        sa.Column("title_sv", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("text_fi", sa.Text(), nullable=False),
        sa.Column("text_sv", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("interests", sa.Integer(), nullable=False),
        sa.Column("answer_by", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "pilot_invitations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("pilot_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.String(length=3), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["pilot_id"], ["pilots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["panel_members.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pilot_invitations_pilot_id", "pilot_invitations", ["pilot_id"])
    op.create_index("ix_pilot_invitations_member_id", "pilot_invitations", ["member_id"])


def downgrade() -> None:
    op.drop_table("pilot_invitations")
    op.drop_table("pilots")
    op.drop_table("panel_withdrawals")
    op.drop_table("panel_members")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index("ix_outbox_messages_pilot_invitation_id")
        batch.drop_column("deliver_by")
        batch.drop_column("pilot_invitation_id")
