"""bot.chats: the bridge's own map from sender ids to Telegram chats."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.chats import ChatDirectory


def test_the_chat_map_is_kept_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "chats.db"
    chats = ChatDirectory(path)
    chats.remember("tg-a", 101)
    chats.remember("tg-a", 102)  # the same person in another chat: the latest wins
    chats.remember("tg-b", 201)
    chats.close()
    again = ChatDirectory(path)
    assert (again.chat_of("tg-a"), again.chat_of("tg-b"), again.chat_of("tg-c")) == (102, 201, None)
    again.close()


def test_it_notes_when_a_chat_was_last_seen(tmp_path: Path) -> None:
    seen = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    chats = ChatDirectory(tmp_path / "chats.db", clock=lambda: seen)
    chats.remember("tg-a", 101)
    chats.close()
    with sqlite3.connect(tmp_path / "chats.db") as db:
        rows = db.execute("SELECT sender_id, chat_id, seen_at FROM chats").fetchall()
    assert rows == [("tg-a", 101, "2026-12-01T08:00:00+00:00")]


def test_a_forgotten_chat_is_gone_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "chats.db"
    chats = ChatDirectory(path)
    chats.remember("tg-a", 101)
    chats.remember("tg-b", 201)
    chats.forget("tg-a")
    assert chats.chat_of("tg-a") is None
    chats.close()
    again = ChatDirectory(path)
    assert (again.chat_of("tg-a"), again.chat_of("tg-b")) == (None, 201)
    again.close()
