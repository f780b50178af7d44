"""The production profile against the real PostgreSQL, Redis, HAProxy and Rasa: started once
for this module with `python -m deploy run` (what `make run-production` runs: two Rasa
servers, two action servers, two API instances behind HAProxy, under supervisord).

- one conversation whose messages alternate between the two Rasa servers stays one
  conversation, and two of its messages sent to both servers at once are handled one after the
  other (Redis's lock), never interleaved;
- a model that the training worker swaps in reaches both Rasa servers;
- a Rasa server killed (SIGKILL) under load loses no conversation: every message is answered,
  through HAProxy, while its health check takes the dead one out. A client sends a request
  that failed once more, as the web chat's user and the Telegram bridge would (a request the
  dead server had taken gets no answer); supervisord then starts the server again, and it
  serves the model the others serve.
"""

from __future__ import annotations

import itertools
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from api.services.faq import publishing
from publisher.settings import PublisherSettings
from publisher.training import RasaTrainer
from tests.support.production import ProductionProfile, running_profile
from tests.support.publishing import edit, editor, publish, wait
from tests.support.replies import new_sender, texts
from tests.support.staff import create_user, login, new_meeting

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

# (what the client sends, words the reply must hold): the meeting preparation in Finnish,
# each reply the question that follows the answer before.
PREPARATION = [
    ("/affirm", "Millainen tilanteesi on nyt?"),
    ("Olen ollut työttömänä kolme kuukautta ja etsin varastotyötä.", "Mistä haluaisit puhua"),
    ("Koulutus", "Mihin pyrit?"),
    ("Haluaisin trukkikortin ja vakituisen työn.", "Onko jotain, mikä huolettaa"),
    ("/skip", "Mikä auttaisi sinua?"),
    ("Työnhakuun voisi olla ilta-aikoja.", "Onko sinulla kysymyksiä"),
    ("Miten työkokeilu toimii?", "/confirm_preparation"),
    ("/confirm_preparation", "Kiitos!"),
]
SECTIONS = {"situation", "topics", "goals", "proposals", "questions"}  # the concerns skipped
# The same, as a client who answers the question asked: its words -> the answer.
ANSWERS = {"Saanko tallentaa": PREPARATION[0][0]} | {
    asked: answer for (_, asked), (answer, _) in itertools.pairwise(PREPARATION)
}


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProductionProfile]:
    with running_profile(tmp_path_factory.mktemp("production")) as running:
        yield running


@pytest.fixture(scope="module")
def advisor(profile: ProductionProfile) -> Iterator[httpx.Client]:
    create_user(profile, "tuotanto@example.test", "advisor", "Tuula Tuotanto")
    client = login(profile, "tuotanto@example.test")
    yield client
    client.close()


def reply_words(replies: list[dict[str, Any]]) -> str:
    """The texts and the buttons' payloads (a step's buttons say which step it is)."""
    return (
        texts(replies)
        + "\n"
        + "\n".join(b["payload"] for r in replies for b in r.get("buttons", []))
    )


def stored_sections(profile: ProductionProfile, meeting_id: str) -> list[str]:
    rows = profile.rows(
        "SELECT section FROM meeting_answers WHERE meeting_id = %s ORDER BY section", meeting_id
    )
    return [row["section"] for row in rows]


def test_a_conversation_alternating_between_the_rasa_servers_stays_one(
    profile: ProductionProfile, advisor: httpx.Client
) -> None:
    servers = [profile.instance_url("rasa", 1), profile.instance_url("rasa", 2)]
    meeting = new_meeting(advisor, "fi")
    sender = new_sender("alternating")
    opened = profile.say_to(
        servers[0], sender, "moi", {"invite_code": meeting["invite_code"], "language": "fi"}
    )
    assert "Saanko tallentaa" in texts(opened), opened
    # Each answer to the other server than the one before: each one continues where the
    # other left the conversation (the form's next question, the slots it filled).
    for turn, (message, expected) in enumerate(PREPARATION, start=1):
        replies = profile.say_to(servers[turn % 2], sender, message)
        assert expected in reply_words(replies), (turn, message, replies)
    assert sorted(stored_sections(profile, meeting["id"])) == sorted(SECTIONS)

    # Two questions at the same moment, one to each server: Redis's lock has them handled
    # one after the other, so each is answered after the other's events, never amid them.
    other = new_sender("at-once")
    profile.say_to(servers[0], other, "moi", {"language": "fi"})
    answers: dict[int, list[dict[str, Any]]] = {}
    start = threading.Barrier(2)

    def ask(number: int, question: str) -> None:
        start.wait(timeout=10)
        answers[number] = profile.say_to(servers[number], other, question)

    questions = ["mikä on karenssi?", "miten ilmoittaudun työnhakijaksi?"]
    threads = [threading.Thread(target=ask, args=(n, q)) for n, q in enumerate(questions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answers.get(n) for n in (0, 1)), answers
    tracker = httpx.get(
        f"{servers[1]}/conversations/{other}/tracker", params={"token": "test-rasa-token"}
    ).json()
    kinds = [e["event"] for e in tracker["events"] if e["event"] in ("user", "action")]
    names = [e.get("name") or e.get("text") for e in tracker["events"] if e["event"] == "action"]
    users = [i for i, kind in enumerate(kinds) if kind == "user"]
    assert len(users) == 3, kinds  # "moi" and both questions, each stored once
    # Each message's actions end with action_listen before the next message comes in.
    for after in users[1:]:
        assert kinds[after - 1] == "action", kinds
    assert names.count("action_listen") >= 3, names


def test_a_published_model_reaches_every_rasa_server(profile: ProductionProfile) -> None:
    """The worker swaps a publish's model into both servers. It trains nothing here: a model
    of the job's fingerprint is kept already, as after an earlier publish of the same content
    (training is tested in tests/integration/test_publishing.py)."""
    servers = [profile.instance_url("rasa", n) for n in (1, 2)]
    before = {url: profile.model_file(url) for url in servers}
    assert set(before.values()) == {profile.first_model.name}
    profile.supervisorctl("stop", "publisher")  # so that the job waits for its model file
    client = editor(profile)
    try:
        edit(client, "register", lambda d: d["examples"]["en"].append("whence the jobseeker desk"))
        job = publish(client)
        name = job_model_name(profile, job)
        shutil.copy2(profile.first_model, profile.workdir / "models" / f"{name}.tar.gz")
        profile.supervisorctl("start", "publisher")
        status = wait(client, job, timeout=180)
    finally:
        client.close()
    assert status["state"] == "live", status
    after = {url: profile.model_file(url) for url in servers}
    assert after == dict.fromkeys(servers, f"{name}.tar.gz")
    for url in servers:  # and each answers with it
        assert texts(profile.say_to(url, new_sender("swapped"), "moi", {"language": "fi"}))


def job_model_name(profile: ProductionProfile, job: int) -> str:
    """The fingerprint the worker will name the job's model by: the same preparation of the
    job's content (publisher.training.RasaTrainer.prepare)."""
    engine = create_engine(profile.database_url)
    try:
        with Session(engine) as session:
            files = publishing.files_after(session, job)
    finally:
        engine.dispose()
    settings = PublisherSettings(database_url=profile.database_url, faq_dir=profile.workdir / "faq")
    project = profile.workdir / "fingerprint-project"
    return RasaTrainer(settings).prepare(files, project)


def next_message(reply: str) -> str | None:
    """The client's answer to the question the reply asks (None: the preparation is done)."""
    if "Kiitos!" in reply:
        return None
    asked = [question for question in ANSWERS if question in reply]
    assert len(asked) == 1, f"not one question of the preparation: {reply[:300]!r}"
    return ANSWERS[asked[0]]


def test_a_rasa_server_killed_under_load_loses_no_conversation(
    profile: ProductionProfile, advisor: httpx.Client
) -> None:
    """Six clients prepare their meetings through HAProxy; a third of the way in, rasa-1 is
    killed. A client answers the question it is asked: a message the dead server had already
    handled (and stored) before it could answer is handled again when sent once more, since
    Rasa has no idempotency for messages; the client is then asked the next question."""
    clients = 6
    meetings = [new_meeting(advisor, "fi") for _ in range(clients)]
    answered: list[str] = []
    retried: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    url = f"{profile.rasa_url}/webhooks/rest/webhook"  # HAProxy's frontend

    def send(http: httpx.Client, sender: str, message: str, metadata: dict[str, Any]) -> str:
        body = {"sender": sender, "message": message, "metadata": metadata}
        for attempt in (1, 2):  # a failed request is sent once more, as a client would
            try:
                reply = http.post(url, json=body)
                if reply.status_code == 200:
                    with lock:
                        answered.append(sender)
                    return reply_words(reply.json())
                failure = f"HTTP {reply.status_code}"
            except httpx.TransportError as error:
                failure = type(error).__name__
            if attempt == 1:
                with lock:
                    retried.append(f"{message[:20]!r}: {failure}")
        raise AssertionError(f"{message!r} failed twice: {failure}")

    def client(number: int) -> None:
        sender, meeting = new_sender(f"load{number}"), meetings[number]
        opening = {"invite_code": meeting["invite_code"], "language": "fi"}
        try:
            with httpx.Client(timeout=90) as http:
                reply = send(http, sender, "moi", opening)
                sent: list[str] = []
                while (message := next_message(reply)) is not None:
                    # The same question at most twice (once more after a retry): no loop.
                    assert sent.count(message) < 2, (message, sent)
                    sent.append(message)
                    reply = send(http, sender, message, {})
        except AssertionError as error:
            with lock:
                errors.append(f"client {number}: {error}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    while len(answered) < clients * len(ANSWERS) // 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    killed = profile.kill_group("rasa:rasa-1")
    seen_down = False
    while any(thread.is_alive() for thread in threads):
        seen_down = seen_down or profile.server_states().get("rasa/rasa-1") != "UP"
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    assert errors == [], (errors, retried)
    assert seen_down, "HAProxy never took the killed server out"
    for meeting in meetings:  # each preparation confirmed, every answer stored
        assert set(stored_sections(profile, meeting["id"])) >= SECTIONS, retried
        [confirmed] = profile.rows(
            "SELECT confirmed_at IS NOT NULL AS yes FROM meetings WHERE id = %s", meeting["id"]
        )
        assert confirmed["yes"], meeting

    # supervisord starts it again; it serves the model the other one serves (the swapped one).
    profile.wait_until_up(180, servers=["rasa/rasa-1"])
    assert int(profile.supervisorctl("pid", "rasa:rasa-1")) != killed
    first, second = (profile.model_file(profile.instance_url("rasa", n)) for n in (1, 2))
    assert first == second, (first, second)


def test_the_profiles_folder_holds_its_haproxy_configuration(profile: ProductionProfile) -> None:
    written = (profile.workdir / "production" / "haproxy.cfg").read_text()
    for kind in ("rasa", "actions", "api"):
        for number in (1, 2):
            assert f"server {kind}-{number} {profile.instance_url(kind, number)[7:]} check" in (
                written
            )
    assert Path(profile.workdir / "production" / "supervisor" / "supervisord.conf").is_file()
