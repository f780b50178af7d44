"""my_data_links, job_leases; audit entries without a user (the system's retention runs)

The client's one-time links to a copy of their data (only the token's hash), the lease that
lets exactly one API instance run the retention job each round, and audit_log.user_id made
nullable, so that each run is recorded as the system's.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
    op.create_table(
        "my_data_links",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("conversation_key", sa.String(128), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_my_data_links_conversation_key", "my_data_links", ["conversation_key"])
    op.create_index("ix_my_data_links_expires_at", "my_data_links", ["expires_at"])
    leases = op.create_table(
        "job_leases",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
    )
    # The row exists before any instance starts, so that taking it is a plain row lock.
    op.bulk_insert(leases, [{"name": "retention", "holder": None, "until": None}])
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM audit_log WHERE user_id IS NULL")
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("job_leases")
    op.drop_index("ix_my_data_links_expires_at", table_name="my_data_links")
    op.drop_index("ix_my_data_links_conversation_key", table_name="my_data_links")
    op.drop_table("my_data_links")
