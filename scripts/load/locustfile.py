"""Locust's simulated clients for `make bench-load` (run by scripts/bench_load.py, in the load
environment .venvs/load: only Locust and the standard library here).

Each client takes one invitation code from BENCH_LOAD_CODES (a JSON list), opens it over
Rasa's REST channel, consents, answers the meeting preparation's questions, confirms, and
then answers the pulse survey on request; every reply is checked for what must come next, so
a wrong turn counts as an error, not only an HTTP failure. One scenario per client
(scripts/load/run.py waits until every client has done its one).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from typing import Any

from locust import HttpUser, constant, task

CODES: list[str] = json.loads(os.environ.get("BENCH_LOAD_CODES", "[]"))
_next = itertools.count()
_lock = threading.Lock()
_finished = 0  # scenarios done, however they ended


def finished() -> int:
    return _finished


# (what the client sends, words the assistant's reply must hold): the preparation in Finnish.
PREPARATION = [
    ("/affirm", "Millainen tilanteesi on nyt?"),
    ("Olen ollut työttömänä kolme kuukautta ja etsin varastotyötä.", ""),
    ("Koulutus", ""),
    ("Haluaisin trukkikortin ja vakituisen työn.", ""),
    ("/skip", ""),
    ("Työnhakuun voisi olla ilta-aikoja.", ""),
    ("Miten työkokeilu toimii?", "/confirm_preparation"),
    ("/confirm_preparation", "Kiitos!"),
]
PULSE = [
    ("haluan antaa palautetta", "Mitä palautteesi koskee?"),
    ('/pulse_answer{"service_step": "assistant"}', "Saitko hoidettua"),
    ('/pulse_answer{"outcome": "yes"}', "Kuinka hyvin"),
    ('/pulse_answer{"rating": 4}', "Voit lopettaa tähän"),
    ("/skip", "Mitä pitäisi parantaa?"),
    ("/skip", "Kiitos vastauksestasi!"),
]
# The answers a confirmed preparation stores (the worries were skipped): bench_load checks.
STORED_SECTIONS = 5


def reply_text(messages: list[dict[str, Any]]) -> str:
    """The reply's texts and button payloads, to look for the expected words in."""
    parts = [m.get("text", "") for m in messages]
    parts += [b.get("payload", "") for m in messages for b in m.get("buttons", [])]
    return "\n".join(parts)


class Client(HttpUser):  # type: ignore[misc]
    wait_time = constant(0)

    def say(self, sender: str, text: str, expect: str, name: str, metadata: Any = None) -> bool:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        with self.client.post(
            "/webhooks/rest/webhook", json=body, name=name, catch_response=True, timeout=120
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return False
            got = reply_text(response.json())
            if expect not in got:
                # What came instead (the assistant's own words, never a client's).
                response.failure(f"after {text[:40]!r} expected {expect!r}, got {got[:160]!r}")
                return False
            response.success()
            return True

    @task
    def prepare_then_answer_the_survey(self) -> None:
        """One scenario, then the client stops (a finished client does nothing more)."""
        global _finished
        with _lock:
            index = next(_next)
        if index >= len(CODES):
            self.stop()
            return
        try:
            self.scenario(f"load-{index}", CODES[index])
        finally:
            with _lock:
                _finished += 1

    def scenario(self, sender: str, code: str) -> None:
        opened = self.say(
            sender,
            "moi",
            "Saanko tallentaa",
            "open the invitation",
            {"invite_code": code, "language": "fi"},
        )
        if not opened:
            return
        for text, expect in PREPARATION:
            if not self.say(sender, text, expect, "preparation"):
                return
        for text, expect in PULSE:
            if not self.say(sender, text, expect, "pulse survey"):
                return
