"""bot.waiting: the clients' messages not yet taken by Rasa, on disk and encrypted."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.waiting import WaitingStore

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def store_at(path: Path, secret: str = "a-sender-id-key") -> WaitingStore:  # noqa: S107
    return WaitingStore(path, secret, clock=lambda: NOW)


def test_what_waits_is_read_back_in_order_after_a_restart(tmp_path: Path) -> None:
    store = store_at(tmp_path / "waiting.db")
    first = store.add(1, "tg-a", "ensimmäinen", None)
    store.add(2, "tg-b", "/start", {"start": "ABCD"})
    store.close()

    again = store_at(tmp_path / "waiting.db")
    kept = again.all()
    assert [(w.chat_id, w.sender, w.text, w.metadata) for w in kept] == [
        (1, "tg-a", "ensimmäinen", None),
        (2, "tg-b", "/start", {"start": "ABCD"}),
    ]
    again.remove(first)
    assert [w.text for w in again.all()] == ["/start"]


def test_the_clients_words_are_not_on_disk_in_clear(tmp_path: Path) -> None:
    store = store_at(tmp_path / "waiting.db")
    store.add(1, "tg-a", "nimeni on Testi Henkilö ja puhelin 040 000 0000", {"k": "salainen"})
    store.close()
    raw = (tmp_path / "waiting.db").read_bytes()
    assert b"Testi" not in raw and b"040" not in raw and b"salainen" not in raw
    row = sqlite3.connect(tmp_path / "waiting.db").execute("SELECT * FROM waiting").fetchone()
    assert row[1:4] == (1, "tg-a", NOW.isoformat())


def test_rows_sealed_with_another_key_are_dropped(tmp_path: Path) -> None:
    store_at(tmp_path / "waiting.db", "old-key").add(1, "tg-a", "vanha", None)
    store = store_at(tmp_path / "waiting.db", "new-key")
    assert store.all() == []
    assert store.count() == 0
