"""The bridge's own map from Rasa sender ids to Telegram chats, in a small SQLite file.

Rasa and the API know a client only by the keyed hash of their Telegram id (the sender id),
which cannot be turned back; to push a message (a reminder) to a client, the bridge looks
the chat up here. The raw Telegram ids never leave the bridge.
"""

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path


def utc_now() -> datetime:
    return datetime.now(UTC)


class ChatDirectory:
    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS chats ("
            " sender_id TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, seen_at TEXT NOT NULL)"
        )
        self._db.commit()
        self._known: dict[str, int] = {}

    def remember(self, sender: str, chat_id: int) -> None:
        if self._known.get(sender) == chat_id:
            return
        self._db.execute(
            "INSERT INTO chats (sender_id, chat_id, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT (sender_id) DO UPDATE SET chat_id = excluded.chat_id,"
            " seen_at = excluded.seen_at",
            (sender, chat_id, self._clock().isoformat()),
        )
        self._db.commit()
        self._known[sender] = chat_id

    def chat_of(self, sender: str) -> int | None:
        if sender in self._known:
            return self._known[sender]
        row = self._db.execute(
            "SELECT chat_id FROM chats WHERE sender_id = ?", (sender,)
        ).fetchone()
        if row is None:
            return None
        self._known[sender] = int(row[0])
        return self._known[sender]

    def forget(self, sender: str) -> None:
        """The client's "delete my data": the bridge's record of the chat goes too (a later
        message from the client makes a new one)."""
        self._db.execute("DELETE FROM chats WHERE sender_id = ?", (sender,))
        self._db.commit()
        self._known.pop(sender, None)

    def close(self) -> None:
        self._db.close()
