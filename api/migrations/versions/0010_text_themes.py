"""pulse_answers: the theme of each free text, found once when the answer is stored

The analytics group the texts by these stored themes instead of embedding texts on every
view. NULL: no text, or a text stored before this migration; `python -m api.cli
classify-texts` (which `make migrate` runs) gives those their themes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("went_well_theme", "to_improve_theme")


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch: rebuilding the table on SQLite would drop the triggers
    # of migration 0007.
    for column in COLUMNS:
        op.add_column("pulse_answers", sa.Column(column, sa.String(length=32), nullable=True))


def downgrade() -> None:
    for column in COLUMNS:
        # SQLite (3.35 and later) drops a column in place too, keeping the triggers.
        op.execute(f"ALTER TABLE pulse_answers DROP COLUMN {column}")
