"""The redacting tracker store on a real SQLite file, against a stand-in API on localhost."""

from __future__ import annotations

import logging
import socket
import threading
import time
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestServer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.redacting_tracker_store import RedactingSQLTrackerStore, mask_locally
from vocabulary.meetings import FREE_TEXT_SLOTS
from vocabulary.my_data import ERASE_SLOT

pytestmark = pytest.mark.anyio

# Rasa 3.6 warns about "slot auto-fill" for every domain with slots.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Slot auto-fill", UserWarning)
    DOMAIN = Domain.from_yaml(
        """
version: "3.1"
slots:
  language:
    type: categorical
    values: [fi, sv, en]
    influence_conversation: false
    mappings: [{type: custom}]
  situation:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
  proposals:
    type: list
    influence_conversation: false
    mappings: [{type: custom}]
  menu_choice:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
  my_data_erased:
    type: any
    influence_conversation: false
    mappings: [{type: custom}]
"""
    )
# Made up; 131052-308T is the example code of dvv.fi.
PHONE, CODE, EMAIL = "040 123 4567", "131052-308T", "matti@esimerkki.fi"
SECRETS = {PHONE: "<PHONE>", CODE: "<HETU>", EMAIL: "<EMAIL>"}


class FakeApi:
    """Answers POST /api/v1/redactions as the API does, replacing the made-up secrets."""

    def __init__(self) -> None:
        self.requests: list[tuple[str | None, dict[str, Any]]] = []
        self.status = 200

    async def redact(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append((request.headers.get("Authorization"), body))
        if self.status != 200:
            return web.json_response({"detail": "broken"}, status=self.status)
        return web.json_response(
            {"items": [{"text": fake_redact(i["text"])} for i in body["items"]]}
        )


def fake_redact(text: str) -> str:
    for secret, placeholder in SECRETS.items():
        text = text.replace(secret, placeholder)
    return text


@asynccontextmanager
async def running(api: FakeApi) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/api/v1/redactions", api.redact)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url(""))
    finally:
        await server.close()


def closed_port_url() -> str:
    """A localhost URL nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


StoreFactory = Callable[[str], RedactingSQLTrackerStore]


@pytest.fixture
async def make_store(tmp_path: Path) -> AsyncIterator[StoreFactory]:
    made: list[RedactingSQLTrackerStore] = []

    def make(api_url: str) -> RedactingSQLTrackerStore:
        store = RedactingSQLTrackerStore(
            domain=DOMAIN,
            dialect="sqlite",
            db=str(tmp_path / "rasa-tracker.db"),
            api_url=api_url,
            service_token="test-service-token",
        )
        made.append(store)
        return store

    yield make
    for store in made:
        await store.close_http()


def user(text: str) -> UserUttered:
    return UserUttered(text, intent={"name": "inform", "confidence": 1.0})


def conversation(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "client-1", [ActionExecuted("action_listen"), *events], slots=DOMAIN.slots
    )


def database_content(store: RedactingSQLTrackerStore) -> str:
    return Path(store.engine.url.database).read_bytes().decode(errors="replace")


def stored_texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


async def test_user_texts_and_listed_slots_are_stored_redacted(make_store: StoreFactory) -> None:
    api = FakeApi()
    tracker = conversation(
        SlotSet("language", "sv"),
        user(f"Ring {PHONE} eller skriv till {EMAIL}"),
        SlotSet("situation", f"Personbeteckning {CODE}"),
        SlotSet("proposals", [f"ring {PHONE}", "mer kurser"]),
        SlotSet("menu_choice", f"option {PHONE}"),  # not a free-text slot: kept as it is
    )
    async with running(api) as url:
        store = make_store(url)
        await store.save(tracker)

    [(authorization, body)] = api.requests
    assert authorization == "Bearer test-service-token"
    assert {item["language"] for item in body["items"]} == {"sv"}
    back = await store.retrieve("client-1")
    assert back is not None
    [said] = [e for e in back.events if isinstance(e, UserUttered)]
    assert said.text == "Ring <PHONE> eller skriv till <EMAIL>"
    assert said.parse_data["text"] == said.text
    assert said.intent_name == "inform"
    assert back.get_slot("situation") == "Personbeteckning <HETU>"
    assert back.get_slot("proposals") == ["ring <PHONE>", "mer kurser"]
    assert back.get_slot("menu_choice") == f"option {PHONE}"
    assert back.get_slot("language") == "sv"
    stored = database_content(store)
    for raw in (CODE, EMAIL, f"Ring {PHONE}", f"ring {PHONE}"):
        assert raw not in stored
    # The tracker of the turn in progress keeps the client's words.
    assert stored_texts(tracker) == [f"Ring {PHONE} eller skriv till {EMAIL}"]


async def test_only_new_events_are_sent_and_stored(make_store: StoreFactory) -> None:
    api = FakeApi()
    tracker = conversation(user(f"soita {PHONE}"))
    async with running(api) as url:
        store = make_store(url)
        await store.save(tracker)
        tracker.update(ActionExecuted("utter_ok"))
        await store.save(tracker)  # nothing to redact: no call
        tracker.update(user(f"hetu {CODE}"))
        await store.save(tracker)

    sent = [[item["text"] for item in body["items"]] for _, body in api.requests]
    assert sent == [[f"soita {PHONE}"], [f"hetu {CODE}"]]
    back = await store.retrieve("client-1")
    assert back is not None
    assert len(back.events) == len(tracker.events)
    assert stored_texts(back) == ["soita <PHONE>", "hetu <HETU>"]


@pytest.mark.parametrize("failure", ["unreachable", "error status"])
async def test_without_the_api_digits_and_emails_are_masked_locally(
    make_store: StoreFactory, caplog: pytest.LogCaptureFixture, failure: str
) -> None:
    raw = f"Soita {PHONE}, hetu {CODE}, posti {EMAIL}."
    tracker = conversation(user(raw), SlotSet("situation", f"olen {CODE}"))
    caplog.set_level(logging.DEBUG)
    if failure == "unreachable":
        store = make_store(closed_port_url())
        await store.save(tracker)
    else:
        api = FakeApi()
        api.status = 500
        async with running(api) as url:
            store = make_store(url)
            await store.save(tracker)

    back = await store.retrieve("client-1")
    assert back is not None
    assert stored_texts(back) == ["Soita <NUMBER> <NUMBER> <NUMBER> hetu <NUMBER> posti <EMAIL>"]
    assert back.get_slot("situation") == "olen <NUMBER>"
    assert "Redaction API unreachable" in caplog.text
    for secret in (PHONE, CODE, EMAIL, "4567", "308T"):
        assert secret not in caplog.text
        assert secret not in database_content(store)


async def test_a_text_over_the_api_limit_is_masked_locally(make_store: StoreFactory) -> None:
    api = FakeApi()
    long_text = f"{CODE} " + "sana " * 1000
    async with running(api) as url:
        store = make_store(url)
        await store.save(conversation(user(long_text), user(f"soita {PHONE}")))

    assert [[i["text"] for i in body["items"]] for _, body in api.requests] == [[f"soita {PHONE}"]]
    back = await store.retrieve("client-1")
    assert back is not None
    assert stored_texts(back) == [mask_locally(long_text), "soita <PHONE>"]


def test_local_masking() -> None:
    assert mask_locally("Asun Hämeenkatu 5 A, puh. +358401234567 (a@b.fi)") == (
        "Asun <NAME> <NUMBER> A, puh. <NUMBER> <EMAIL>"
    )
    assert mask_locally("kiitos, nähdään") == "kiitos, nähdään"


def test_local_masking_of_capitalised_words_inside_a_sentence() -> None:
    # Without the API nothing tells a name from a place: every capitalised word inside a
    # sentence goes; a sentence's first word, words in capitals and placeholders stay.
    assert mask_locally("Nimeni on Matti Virtanen. Soitin Onnille!\nKiitos Anna-Liisa") == (
        "Nimeni on <NAME> <NAME>. Soitin <NAME>!\nKiitos <NAME>"
    )
    assert mask_locally("Olen TE-toimistossa ja I am here, soita 040 123") == (
        "Olen TE-toimistossa ja I am here, soita <NUMBER> <NUMBER>"
    )
    assert mask_locally("x" * 5000 + " Aa-" * 1000).count("<NAME>") == 1000


@pytest.mark.parametrize(
    "text",
    ["", " ", "a@", "@", "\t12\n", "x" * 50 + "@" + "y" * 50, "١٢٣ arabic digits", "a\u00a05"],
)
def test_local_masking_leaves_no_digit_or_at_and_keeps_the_spaces(text: str) -> None:
    masked = mask_locally(text)
    words = [w for w in masked.split() if w not in ("<EMAIL>", "<NUMBER>")]
    assert not any(c.isdecimal() or c == "@" for w in words for c in w)
    assert [c for c in masked if c.isspace()] == [c for c in text if c.isspace()]
    assert mask_locally(masked) == masked


def best_of(runs: int, text: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        mask_locally(text)
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("word", ["x", "1", "@", "x@"])
def test_local_masking_is_linear_in_the_length_of_a_word(word: str) -> None:
    """A pattern like `\\S*@\\S*` retries from every position: ten times the word would take
    a hundred times as long. Sizes are compared, not seconds, so a busy machine passes."""
    small, large = word * 10_000, word * 100_000
    assert mask_locally(large) in (large, "<EMAIL>", "<NUMBER>")
    assert best_of(5, large) < 30 * best_of(5, small) + 0.01


def test_the_free_text_slots_are_redacted_and_any_extra_ones(tmp_path: Path) -> None:
    store = RedactingSQLTrackerStore(
        domain=DOMAIN,
        dialect="sqlite",
        db=str(tmp_path / "rasa-tracker.db"),
        extra_redact_slots="menu_choice",  # one slot, as YAML gives `extra_redact_slots: x`
    )
    assert store.redact_slots == {*FREE_TEXT_SLOTS, "menu_choice"}


async def test_delete_my_data_erases_every_session_and_starts_afresh(
    make_store: StoreFactory,
) -> None:
    """The erasing turn is saved with the conversation held in memory: none of it comes back."""
    api = FakeApi()
    tracker = conversation(SlotSet("language", "en"), user("I want to be a cook"))
    async with running(api) as url:
        store = make_store(url)
        await store.save(tracker)
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(user("what do you know about me"))
        await store.save(tracker)
        other = DialogueStateTracker.from_events(
            "client-2", [ActionExecuted("action_listen"), user("moi")], slots=DOMAIN.slots
        )
        await store.save(other)
        tracker.update(user("yes, delete everything"))
        tracker.update(SlotSet(ERASE_SLOT, True))
        await store.save(tracker)

    back = await store.retrieve_full_tracker("client-1")
    assert back is not None
    assert [e.type_name for e in back.events] == ["action", "session_started", "slot", "action"]
    assert stored_texts(back) == []
    assert back.get_slot("language") == "en"
    assert back.get_slot(ERASE_SLOT) is None
    assert "cook" not in database_content(store) and "know about me" not in database_content(store)
    kept = await store.retrieve("client-2")  # another conversation is untouched
    assert kept is not None and stored_texts(kept) == ["moi"]


async def test_queries_run_in_the_stores_thread_and_a_save_counts_once(
    make_store: StoreFactory,
) -> None:
    api = FakeApi()
    async with running(api) as url:
        store = make_store(url)
        statements: list[tuple[str, str]] = []

        @sa.event.listens_for(store.engine, "before_cursor_execute")
        def record(_c: Any, _cu: Any, statement: str, *_: Any) -> None:
            statements.append((threading.current_thread().name, statement))

        tracker = conversation(user(f"soita {PHONE}"))
        await store.save(tracker)
        saved = list(statements)
        assert await store.retrieve("client-1") is not None

    assert {thread for thread, _ in statements} == {"tracker-store_0"}
    assert sum("count(" in statement for _, statement in saved) == 1
    # One connection, kept: SQLite is opened once, not for every session.
    assert store.engine.pool.checkedin() == 1


async def test_a_text_with_nothing_to_redact_is_stored_without_a_call(
    make_store: StoreFactory,
) -> None:
    api = FakeApi()
    async with running(api) as url:
        store = make_store(url)
        await store.save(conversation(user("thanks, bye"), SlotSet("situation", "en tiedä")))
        tracker = conversation(user("thanks, bye"), user(f"Soita {PHONE}"))
        tracker.sender_id = "client-2"
        await store.save(tracker)

    assert [[i["text"] for i in body["items"]] for _, body in api.requests] == [[f"Soita {PHONE}"]]
    back = await store.retrieve("client-1")
    assert back is not None
    assert stored_texts(back) == ["thanks, bye"]
    assert back.get_slot("situation") == "en tiedä"
