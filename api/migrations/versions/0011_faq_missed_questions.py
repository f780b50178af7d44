"""faq_missed_questions: clients' messages the assistant did not understand, redacted

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faq_missed_questions",
        sa.Column("id", sa.Integer(), primary_key=True),
        # Redacted by the API before it is stored: never the client's raw words.
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("nearest_topic", sa.String(64), nullable=True),
        # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('fallback', 'did_you_mean')", name="ck_faq_missed_questions_kind"
        ),
    )
    op.create_index("ix_faq_missed_questions_at", "faq_missed_questions", ["at"])


def downgrade() -> None:
    op.drop_index("ix_faq_missed_questions_at", table_name="faq_missed_questions")
    op.drop_table("faq_missed_questions")
