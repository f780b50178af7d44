"""analytics: pulse answers counted per week and group by the database's own triggers

The analytics read these cells instead of scanning every answer (a million answers are a few
thousand cells). Triggers on pulse_answers keep them equal to the stored answers in the same
transaction, whoever writes: on PostgreSQL once per statement (transition tables, so bulk
inserts stay fast), on SQLite once per row. Existing answers are counted on upgrade.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Drivers are bit masks over vocabulary.service_steps.DRIVERS; every bit an int can hold is
# counted, so a driver added to the vocabulary needs no new migration.
BITS = range(31)
CELL_KEY = "week_start, step, channel, language, offer_kind, outcome"
CELL_COUNTS = "answers, rated, rating_sum, went_well_texts, to_improve_texts"


def _cells_from(rows: str, sign: str, conflict_target: str) -> str:
    """An upsert that adds (sign "+") or takes away ("-") the answers of `rows`, grouped."""
    return f"""
        INSERT INTO pulse_answer_cells ({CELL_KEY}, {CELL_COUNTS})
        SELECT week_start, step, channel, language, offer_kind, COALESCE(outcome, ''),
               {sign}COUNT(*), {sign}COUNT(rating), {sign}COALESCE(SUM(rating), 0),
               {sign}SUM(CASE WHEN went_well_text <> '' THEN 1 ELSE 0 END),
               {sign}SUM(CASE WHEN to_improve_text <> '' THEN 1 ELSE 0 END)
        FROM {rows} WHERE TRUE
        GROUP BY week_start, step, channel, language, offer_kind, COALESCE(outcome, '')
        ON CONFLICT ({CELL_KEY}) DO UPDATE SET
            answers = {conflict_target}.answers + excluded.answers,
            rated = {conflict_target}.rated + excluded.rated,
            rating_sum = {conflict_target}.rating_sum + excluded.rating_sum,
            went_well_texts = {conflict_target}.went_well_texts + excluded.went_well_texts,
            to_improve_texts = {conflict_target}.to_improve_texts + excluded.to_improve_texts
    """  # noqa: S608 - our own constant SQL, no input


def _drivers_from(rows: str, sign: str, side: str, bits: str, conflict_target: str) -> str:
    return f"""
        INSERT INTO pulse_driver_cells (week_start, side, bit, answers)
        SELECT r.week_start, '{side}', b.bit, {sign}COUNT(*)
        FROM {rows} AS r JOIN {bits} ON (r.{side} >> b.bit) & 1 = 1 WHERE TRUE
        GROUP BY r.week_start, b.bit
        ON CONFLICT (week_start, side, bit) DO UPDATE SET
            answers = {conflict_target}.answers + excluded.answers
    """  # noqa: S608 - our own constant SQL, no input


def _all(rows: str, sign: str, bits: str, conflict: tuple[str, str]) -> list[str]:
    cells, drivers = conflict
    return [
        _cells_from(rows, sign, cells),
        _drivers_from(rows, sign, "went_well", bits, drivers),
        _drivers_from(rows, sign, "to_improve", bits, drivers),
    ]


VALUES = ", ".join(f"({bit})" for bit in BITS)
POSTGRES_BITS = f"(VALUES {VALUES}) AS b(bit)"
SQLITE_BITS = f"(SELECT column1 AS bit FROM (VALUES {VALUES})) AS b"  # noqa: S608 - constant
CONFLICT = ("pulse_answer_cells", "pulse_driver_cells")


def _postgres_triggers() -> list[str]:
    take = ";\n".join(_all("old_rows", "-", POSTGRES_BITS, CONFLICT))
    add = ";\n".join(_all("new_rows", "", POSTGRES_BITS, CONFLICT))
    function = f"""
        CREATE FUNCTION pulse_answers_count_cells() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                {take};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {add};
            END IF;
            RETURN NULL;
        END
        $$
    """
    referencing = {
        "INSERT": "NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    }
    return [function] + [
        f"CREATE TRIGGER pulse_answers_cells_{event.lower()} AFTER {event} ON pulse_answers"
        f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION pulse_answers_count_cells()"
        for event, tables in referencing.items()
    ]


def _sqlite_row(alias: str) -> str:
    """The one row a SQLite row trigger sees, as a table (SQLite has no transition tables)."""
    columns = (
        "week_start, step, channel, language, offer_kind, outcome, rating, went_well,"
        " to_improve, went_well_text, to_improve_text"
    )
    values = ", ".join(
        f"{alias}.{column.strip()} AS {column.strip()}" for column in columns.split(",")
    )
    return f"(SELECT {values})"


def _sqlite_triggers() -> list[str]:
    # In a trigger, SQLite names the upserted table without a schema: the same names apply.
    take = _all(_sqlite_row("OLD"), "-", SQLITE_BITS, CONFLICT)
    add = _all(_sqlite_row("NEW"), "", SQLITE_BITS, CONFLICT)
    bodies = {"INSERT": add, "DELETE": take, "UPDATE": take + add}
    return [
        f"CREATE TRIGGER pulse_answers_cells_{event.lower()} AFTER {event} ON pulse_answers"
        f" FOR EACH ROW BEGIN {'; '.join(statements)}; END"
        for event, statements in bodies.items()
    ]


def upgrade() -> None:
    op.create_table(
        "pulse_answer_cells",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("offer_kind", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("went_well_texts", sa.Integer(), nullable=False),
        sa.Column("to_improve_texts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "week_start", "step", "channel", "language", "offer_kind", "outcome"
        ),
    )
    op.create_table(
        "pulse_driver_cells",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("bit", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week_start", "side", "bit"),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    bits = POSTGRES_BITS if postgres else SQLITE_BITS
    # The answers stored before this migration.
    for statement in _all("pulse_answers", "", bits, CONFLICT):
        op.execute(statement)
    for statement in _postgres_triggers() if postgres else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in ("insert", "delete", "update"):
        on_table = " ON pulse_answers" if postgres else ""
        op.execute(f"DROP TRIGGER IF EXISTS pulse_answers_cells_{event}{on_table}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS pulse_answers_count_cells()")
    op.drop_table("pulse_driver_cells")
    op.drop_table("pulse_answer_cells")
