"""faq content: the FAQ's topic versions, its publish jobs, the live generation; audit subjects

The database becomes the source of the FAQ: every save is a version (the whole topic as JSON
and its file), publishing makes versions live (text-only at once in the API, the others by
the training worker that claims queued jobs), and `faq_live_state.generation` tells every API
instance when to reload. The audit log names what an entry is about (`subject`).

The topics themselves are not copied here: the API imports data/faq/ on its first start on a
database without versions (or `make import-content`), so that the migration reads no files.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLISHED = "state IN ('live', 'retired')"


def upgrade() -> None:
    # api.orm.UtcDateTime in the models: the same column type, converted to UTC in Python.
    op.create_table(
        "faq_publish_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("model", sa.String(255), nullable=True),
        sa.CheckConstraint("kind IN ('text', 'finetune', 'full')", name="ck_faq_publish_jobs_kind"),
        sa.CheckConstraint(
            "state IN ('queued', 'training', 'checking', 'live', 'rejected', 'failed')",
            name="ck_faq_publish_jobs_state",
        ),
    )
    op.create_index("ix_faq_publish_jobs_state_id", "faq_publish_jobs", ["state", "id"])
    op.create_table(
        "faq_topic_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("file_text", sa.Text(), nullable=False),
        sa.Column("retires", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "publish_job_id", sa.Integer(), sa.ForeignKey("faq_publish_jobs.id"), nullable=True
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("topic", "version", name="uq_faq_topic_versions_topic_version"),
        sa.CheckConstraint(
            "state IN ('draft', 'live', 'retired', 'past')", name="ck_faq_topic_versions_state"
        ),
    )
    op.create_index("ix_faq_topic_versions_state", "faq_topic_versions", ["state"])
    # At most one published (live or retired) version per topic, whoever writes.
    op.create_index(
        "ix_faq_topic_versions_published_topic",
        "faq_topic_versions",
        ["topic"],
        unique=True,
        sqlite_where=sa.text(PUBLISHED),
        postgresql_where=sa.text(PUBLISHED),
    )
    live_state = op.create_table(
        "faq_live_state",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_faq_live_state_one_row"),
    )
    op.bulk_insert(live_state, [{"id": 1, "generation": 0, "updated_at": None}])
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("subject", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("subject")
    op.drop_table("faq_live_state")
    op.drop_index("ix_faq_topic_versions_published_topic", table_name="faq_topic_versions")
    op.drop_index("ix_faq_topic_versions_state", table_name="faq_topic_versions")
    op.drop_table("faq_topic_versions")
    op.drop_index("ix_faq_publish_jobs_state_id", table_name="faq_publish_jobs")
    op.drop_table("faq_publish_jobs")
