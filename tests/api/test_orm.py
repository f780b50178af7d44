"""The tables' promises that a schema can keep: the anonymous ones have no column that could
hold a conversation key, a sender, a meeting or a time finer than the week."""

from sqlalchemy import Date, String

from api.orm import Proposal, PulseAnswer, PulseAsk, PulseOffer

IDENTIFYING = ("conversation", "sender", "key", "meeting", "user", "client", "_at", "email")


def test_the_anonymous_tables_have_no_column_for_a_key_or_a_time() -> None:
    for table in (PulseAnswer, PulseOffer, Proposal):
        for column in table.__table__.columns:
            assert not any(word in column.name for word in IDENTIFYING), (table, column.name)
            assert not column.foreign_keys, (table, column.name)
        assert isinstance(table.__table__.columns["week_start"].type, Date)


def test_their_short_text_columns_are_too_short_for_a_conversation_key() -> None:
    """Keys are up to 128 characters; step, channel, language, theme ... are far shorter."""
    for table in (PulseAnswer, PulseOffer, Proposal):
        for column in table.__table__.columns:
            if isinstance(column.type, String) and column.type.length is not None:
                assert column.type.length <= 32, (table, column.name)


def test_the_offer_times_are_kept_under_a_hash_with_no_link() -> None:
    columns = {column.name for column in PulseAsk.__table__.columns}
    assert columns == {"client_hash", "last_offered_at"}
    assert not any(column.foreign_keys for column in PulseAsk.__table__.columns)
