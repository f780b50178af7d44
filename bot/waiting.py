"""The client's messages that wait for Rasa, kept on disk so that a restart of the bridge (or
a crash) loses none of them.

A message is written here when the client sends it and deleted as soon as Rasa has taken it
(answered or refused), before the replies go to Telegram. It is the client's own words before
Rasa's tracker store redacts them, so the text and the button metadata are encrypted (Fernet,
with a key derived from SENDER_ID_KEY, which production requires to be a real secret); the
row holds only the chat, the sender id (a keyed hash), when it came, and the ciphertext.
While Rasa is up a message stays here for the length of one exchange.
"""

import base64
import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


def utc_now() -> datetime:
    return datetime.now(UTC)


def fernet_key(secret: str) -> bytes:
    """Fernet's 32-byte key, derived from the bridge's sender-id key for this one purpose."""
    digest = hashlib.sha256(f"telegram-waiting:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@dataclass(frozen=True)
class Waiting:
    id: int
    chat_id: int
    sender: str
    text: str
    metadata: dict[str, Any] | None


class WaitingStore:
    def __init__(self, path: Path, secret: str, clock: Callable[[], datetime] = utc_now) -> None:
        self._fernet = Fernet(fernet_key(secret))
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS waiting ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,"
            " sender_id TEXT NOT NULL, queued_at TEXT NOT NULL, sealed BLOB NOT NULL)"
        )
        self._db.commit()

    def add(self, chat_id: int, sender: str, text: str, metadata: dict[str, Any] | None) -> int:
        sealed = self._fernet.encrypt(json.dumps({"text": text, "metadata": metadata}).encode())
        cursor = self._db.execute(
            "INSERT INTO waiting (chat_id, sender_id, queued_at, sealed) VALUES (?, ?, ?, ?)",
            (chat_id, sender, self._clock().isoformat(), sealed),
        )
        self._db.commit()
        assert cursor.lastrowid is not None  # noqa: S101 - sqlite3 sets it after an INSERT
        return cursor.lastrowid

    def remove(self, waiting_id: int) -> None:
        self._db.execute("DELETE FROM waiting WHERE id = ?", (waiting_id,))
        self._db.commit()

    def all(self) -> list[Waiting]:
        """Everything still waiting, oldest first; a row that cannot be opened (another key)
        is deleted, since nobody can ever read it."""
        rows = self._db.execute(
            "SELECT id, chat_id, sender_id, sealed FROM waiting ORDER BY id"
        ).fetchall()
        found: list[Waiting] = []
        for waiting_id, chat_id, sender, sealed in rows:
            try:
                content = json.loads(self._fernet.decrypt(sealed))
            except (InvalidToken, ValueError):
                self.remove(int(waiting_id))
                continue
            found.append(
                Waiting(
                    int(waiting_id), int(chat_id), str(sender), content["text"], content["metadata"]
                )
            )
        return found

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM waiting").fetchone()[0])

    def close(self) -> None:
        self._db.close()
