"""faq_publish_jobs.rollback_of: a publish that undoes an earlier one

A rollback is a publish of its own (its versions are the ones live before the publish it
undoes, restored as new versions); `rollback_of` names the publish it undoes, for the
editor's list and the audit log. NULL: an ordinary publish.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch, no foreign key): SQLite would rebuild the table otherwise,
    # which faq_topic_versions' foreign key to it forbids while publishes exist.
    op.add_column("faq_publish_jobs", sa.Column("rollback_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("faq_publish_jobs") as batch:
        batch.drop_column("rollback_of")
