"""analytics: pulse answers and offers counted per week and group by the database's triggers

The analytics read these margins instead of scanning every answer (a million answers over two
years are under two thousand rows). Triggers on pulse_answers and pulse_offers keep them equal to the stored
rows in the same transaction, whoever writes: on PostgreSQL once per statement (transition
tables, so bulk inserts stay fast), on SQLite once per row. Existing rows are counted on
upgrade. Partial indexes find the newest free texts of a language for the themes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Drivers are bit masks over vocabulary.service_steps.DRIVERS; every bit an int can hold is
# counted, so a driver added to the vocabulary needs no new migration.
BITS = range(31)
# Each answer is counted once per dimension: its week's margins by outcome ('' = skipped),
# step, channel, language and kind of offer (what the dashboard shows; a cross-table would
# need margins of its own, and secondary suppression in two directions).
DIMENSIONS = ("outcome", "step", "channel", "language", "offer_kind")
COUNTS = "answers, rated, rating_sum, went_well_texts, to_improve_texts"


def _margins_from(rows: str, sign: str, dimension: str, conflict_target: str) -> str:
    """An upsert that adds (sign "") or takes away ("-") the answers of `rows`, grouped."""
    return f"""
        INSERT INTO pulse_answer_margins (week_start, dimension, value, {COUNTS})
        SELECT week_start, '{dimension}', COALESCE({dimension}, ''),
               {sign}COUNT(*), {sign}COUNT(rating), {sign}COALESCE(SUM(rating), 0),
               {sign}SUM(CASE WHEN went_well_text <> '' THEN 1 ELSE 0 END),
               {sign}SUM(CASE WHEN to_improve_text <> '' THEN 1 ELSE 0 END)
        FROM {rows} WHERE TRUE
        GROUP BY week_start, COALESCE({dimension}, '')
        ON CONFLICT (week_start, dimension, value) DO UPDATE SET
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
    margins, drivers = conflict
    return [
        *(_margins_from(rows, sign, dimension, margins) for dimension in DIMENSIONS),
        _drivers_from(rows, sign, "went_well", bits, drivers),
        _drivers_from(rows, sign, "to_improve", bits, drivers),
    ]


VALUES = ", ".join(f"({bit})" for bit in BITS)
POSTGRES_BITS = f"(VALUES {VALUES}) AS b(bit)"
SQLITE_BITS = f"(SELECT column1 AS bit FROM (VALUES {VALUES})) AS b"  # noqa: S608 - constant
CONFLICT = ("pulse_answer_margins", "pulse_driver_cells")


def _offers_from(rows: str, sign: str) -> str:
    return f"""
        INSERT INTO pulse_offer_cells (week_start, offer_kind, offers)
        SELECT week_start, offer_kind, {sign}COUNT(*) FROM {rows} WHERE TRUE
        GROUP BY week_start, offer_kind
        ON CONFLICT (week_start, offer_kind) DO UPDATE SET
            offers = pulse_offer_cells.offers + excluded.offers
    """  # noqa: S608 - our own constant SQL, no input


def _postgres_function(name: str, take: list[str], add: list[str]) -> str:
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                {";".join(take)};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {";".join(add)};
            END IF;
            RETURN NULL;
        END
        $$
    """


def _postgres_triggers() -> list[str]:
    referencing = {
        "INSERT": "NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    }
    functions = {
        "pulse_answers": (
            _all("old_rows", "-", POSTGRES_BITS, CONFLICT),
            _all("new_rows", "", POSTGRES_BITS, CONFLICT),
        ),
        "pulse_offers": ([_offers_from("old_rows", "-")], [_offers_from("new_rows", "")]),
    }
    statements = []
    for table, (take, add) in functions.items():
        statements.append(_postgres_function(f"{table}_count_cells", take, add))
        statements += [
            f"CREATE TRIGGER {table}_cells_{event.lower()} AFTER {event} ON {table}"
            f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {table}_count_cells()"
            for event, tables in referencing.items()
        ]
    return statements


ANSWER_COLUMNS = (
    "week_start, step, channel, language, offer_kind, outcome, rating, went_well,"
    " to_improve, went_well_text, to_improve_text"
)
OFFER_COLUMNS = "week_start, offer_kind"


def _sqlite_row(alias: str, columns: str = ANSWER_COLUMNS) -> str:
    """The one row a SQLite row trigger sees, as a table (SQLite has no transition tables)."""
    values = ", ".join(
        f"{alias}.{column.strip()} AS {column.strip()}" for column in columns.split(",")
    )
    return f"(SELECT {values})"


def _sqlite_triggers() -> list[str]:
    # In a trigger, SQLite names the upserted table without a schema: the same names apply.
    statements = []
    for table, take, add in (
        (
            "pulse_answers",
            _all(_sqlite_row("OLD"), "-", SQLITE_BITS, CONFLICT),
            _all(_sqlite_row("NEW"), "", SQLITE_BITS, CONFLICT),
        ),
        (
            "pulse_offers",
            [_offers_from(_sqlite_row("OLD", OFFER_COLUMNS), "-")],
            [_offers_from(_sqlite_row("NEW", OFFER_COLUMNS), "")],
        ),
    ):
        bodies = {"INSERT": add, "DELETE": take, "UPDATE": take + add}
        statements += [
            f"CREATE TRIGGER {table}_cells_{event.lower()} AFTER {event} ON {table}"
            f" FOR EACH ROW BEGIN {'; '.join(body)}; END"
            for event, body in bodies.items()
        ]
    return statements


def upgrade() -> None:
    op.create_table(
        "pulse_answer_margins",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("went_well_texts", sa.Integer(), nullable=False),
        sa.Column("to_improve_texts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week_start", "dimension", "value"),
    )
    op.create_table(
        "pulse_driver_cells",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("bit", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week_start", "side", "bit"),
    )
    op.create_table(
        "pulse_offer_cells",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("offer_kind", sa.String(length=32), nullable=False),
        sa.Column("offers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week_start", "offer_kind"),
    )
    for side in ("went_well", "to_improve"):
        where = sa.text(f"{side}_text <> ''")
        op.create_index(
            f"ix_pulse_answers_{side}_texts",
            "pulse_answers",
            ["language", "week_start", "id"],
            sqlite_where=where,
            postgresql_where=where,
        )
    postgres = op.get_bind().dialect.name == "postgresql"
    bits = POSTGRES_BITS if postgres else SQLITE_BITS
    # The rows stored before this migration.
    for statement in [*_all("pulse_answers", "", bits, CONFLICT), _offers_from("pulse_offers", "")]:
        op.execute(statement)
    for statement in _postgres_triggers() if postgres else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in ("pulse_answers", "pulse_offers"):
        for event in ("insert", "delete", "update"):
            on_table = f" ON {table}" if postgres else ""
            op.execute(f"DROP TRIGGER IF EXISTS {table}_cells_{event}{on_table}")
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {table}_count_cells()")
    for side in ("went_well", "to_improve"):
        op.drop_index(f"ix_pulse_answers_{side}_texts", table_name="pulse_answers")
    op.drop_table("pulse_offer_cells")
    op.drop_table("pulse_driver_cells")
    op.drop_table("pulse_answer_margins")
