"""pulse_pending: a survey's answers so far, under the conversation's keyed hash, until it ends

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_pending",
        sa.Column("client_hash", sa.String(64), primary_key=True),
        sa.Column("answer", sa.JSON(), nullable=False),
        # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pulse_pending_updated_at", "pulse_pending", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_pulse_pending_updated_at", table_name="pulse_pending")
    op.drop_table("pulse_pending")
