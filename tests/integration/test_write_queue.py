"""The API goes down in the middle of a meeting preparation: the client's answers and the
confirmation wait in the action server's queue, the client is told they are saved, and once
the API is back each reaches the database exactly once (a replay is answered, not stored)."""

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from actions.write_queue import WriteQueue
from tests.support.replies import new_sender, payloads, texts
from tests.support.stack import SERVICE_TOKEN, WRITE_QUEUE_KEY, Stack
from tests.support.staff import create_user, login, new_meeting
from vocabulary.idempotency import HEADER, REPLAYED_HEADER

pytestmark = pytest.mark.integration
SAVED = "vastauksesi on tallessa"  # utter_write_queued, in Finnish
PROPOSAL = "Iltavastaanotot auttaisivat jaksamaan hakemista"
# How long the queue may take once the API is back: its longest pause between tries in the
# stack (WRITE_RETRY_MAX_SECONDS) and a little more.
DELIVERY_SECONDS = 30


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "queue.advisor@example.test", "advisor", "Aino Asiantuntija")
    client = login(stack, "queue.advisor@example.test")
    yield client
    client.close()


def waiting(stack: Stack) -> int:
    if not stack.write_queue_path.exists():
        return 0
    queue = WriteQueue(stack.write_queue_path, WRITE_QUEUE_KEY, time.time)
    try:
        return queue.total()
    finally:
        queue.close()


def test_answers_given_while_the_api_is_down_arrive_once(
    stack: Stack, advisor: httpx.Client, tmp_path: Path
) -> None:
    meeting = new_meeting(advisor, "fi")
    sender = new_sender("outage")
    stack.say(sender, "moi", {"invite_code": meeting["invite_code"], "language": "fi"})
    stack.say(sender, "/affirm")
    stack.say(sender, "Olen ollut työttömänä puoli vuotta.")  # stored at once

    stack.stop_process("api")
    try:
        saved = stack.say(sender, "Koulutus")
        assert SAVED in texts(saved), saved
        assert "Mihin pyrit?" in texts(saved)  # and the form goes on
        behind = stack.say(sender, "haluaisin logistiikka-alalle")
        assert SAVED not in texts(behind)  # told once, not for every answer behind it
        stack.say(sender, "/skip")  # the worries: nothing to store
        stack.say(sender, PROPOSAL)
        review = stack.say(sender, "Voinko opiskella työttömänä?")
        # The read-back shows the answers that wait, from the conversation itself.
        shown = texts(review)
        assert "Tavoitteet: haluaisin logistiikka-alalle" in shown, review
        assert "Aiheet: Koulutus" in shown and "Huolet: (ohitettu)" in shown
        assert "/confirm_preparation" in payloads(review)
        confirmed = stack.say(sender, "/confirm_preparation")
        assert "Kiitos!" in texts(confirmed) and SAVED in texts(confirmed), confirmed
        # Kept by the action server: topics, goals, proposals, questions, the confirmation.
        assert waiting(stack) == 5
        kept = tmp_path / "write-queue-copy.db"
        shutil.copy(stack.write_queue_path, kept)
    finally:
        stack.restart("api")

    deadline = time.monotonic() + DELIVERY_SECONDS
    while waiting(stack) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert waiting(stack) == 0, "the queue did not deliver"

    answers = stack.rows(
        "SELECT section, text FROM meeting_answers WHERE meeting_id = ? ORDER BY id", meeting["id"]
    )
    assert [a["section"] for a in answers] == [
        "situation",
        "topics",
        "goals",
        "proposals",
        "questions",
    ]  # each once, in the order given
    assert answers[1]["text"] == "Koulutus"
    assert answers[2]["text"] == "haluaisin logistiikka-alalle"
    [row] = stack.rows("SELECT confirmed_at FROM meetings WHERE id = ?", meeting["id"])
    assert row["confirmed_at"] is not None
    # The confirmation passed the proposal on to the service developers, once.
    shared = stack.rows("SELECT id FROM proposals WHERE text = ?", PROPOSAL)
    assert len(shared) == 1
    summary = advisor.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert summary["confirmed"] is True

    # The same writes again, as a queue would send them if it had missed the API's reply:
    # each is answered from the first time and nothing is stored twice.
    copy = WriteQueue(kept, WRITE_QUEUE_KEY, time.time)
    replayed: list[tuple[str, object]] = []
    with httpx.Client(base_url=stack.api_url, timeout=30) as api:
        for conversation in copy.conversations():
            while (item := copy.oldest(conversation)) is not None:
                write = item.write
                reply = api.request(
                    write.method,
                    write.path,
                    params=write.params,
                    json=write.json,
                    headers={"Authorization": f"Bearer {SERVICE_TOKEN}", HEADER: write.key},
                )
                assert reply.status_code < 300, reply.text
                assert reply.headers[REPLAYED_HEADER] == "true"
                replayed.append((write.route.rsplit("/", 1)[-1], (write.json or {}).get("section")))
                copy.remove(item.id, conversation)
    copy.close()
    assert replayed == [
        ("answers", "topics"),
        ("answers", "goals"),
        ("answers", "proposals"),
        ("answers", "questions"),
        ("confirm", None),
    ]
    again = stack.rows("SELECT id FROM meeting_answers WHERE meeting_id = ?", meeting["id"])
    assert len(again) == len(answers)
    assert len(stack.rows("SELECT id FROM proposals WHERE text = ?", PROPOSAL)) == 1
