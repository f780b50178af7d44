"""The pulse survey end to end on the web (the REST channel), with the real Rasa server,
action server and API: asked for in each language, after a meeting the advisor marks held
(two taps, then the client may leave), and at the end of a conversation that went badly.
What is stored is checked in the API's database: anonymous (week, step, channel, language),
the free text redacted, and the offers counted apart."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.replies import button_titles, new_sender, payloads, texts
from tests.support.stack import Stack
from tests.support.staff import create_user, login, new_meeting
from vocabulary.service_steps import OUTCOMES

pytestmark = pytest.mark.integration

# Every column of an answer: nothing that could tell who gave it (no sender, no meeting).
ANSWER_COLUMNS = {
    "id", "week_start", "step", "channel", "language", "offer_kind", "outcome", "rating",
    "went_well", "to_improve", "went_well_text", "to_improve_text", "went_well_theme",
    "to_improve_theme",
}  # fmt: skip
ASSISTANT = '/pulse_answer{"service_step": "assistant"}'


def answers(stack: Stack) -> list[dict[str, Any]]:
    return stack.rows("SELECT * FROM pulse_answers ORDER BY id")


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "pulse-advisor@example.test", "advisor", "Paula Pulssi")
    client = login(stack, "pulse-advisor@example.test")
    yield client
    client.close()


@pytest.mark.parametrize(
    ("language", "request_words", "step_question", "thanks", "phone"),
    [
        ("fi", "voisinko antaa palautetta tästä palvelusta", "Mitä palautteesi koskee?",
         "Kiitos vastauksestasi!", "040 1234567"),
        ("sv", "jag skulle vilja lämna respons", "Vad gäller din respons?",
         "Tack för ditt svar!", "050 7654321"),
        ("en", "can I leave some feedback?", "What is your feedback about?",
         "Thank you for your answer!", "045 1112223"),
    ],
)  # fmt: skip
def test_asked_for_answered_in_taps_and_words_stored_anonymously(
    stack: Stack, language: str, request_words: str, step_question: str, thanks: str, phone: str
) -> None:
    sender = new_sender(f"pulse-{language}")
    before = len(answers(stack))

    opened = stack.say(sender, request_words, {"language": language})
    assert step_question in texts(opened)
    assert len(button_titles(opened)) == 6  # five service steps and "stop"
    outcome = stack.say(sender, ASSISTANT)
    assert payloads(outcome)[:3] == [f'/pulse_answer{{"outcome": "{o}"}}' for o in OUTCOMES]
    rating = stack.say(sender, '/pulse_answer{"outcome": "partly"}')
    assert [title[0] for title in button_titles(rating)[:5]] == ["1", "2", "3", "4", "5"]
    stack.say(sender, '/pulse_answer{"rating": 4}')
    # What went well in the client's own words (a phone number in it), what should be
    # better with two of the same drivers.
    stack.say(sender, f"the advice was clear, call me at {phone}")
    stack.say(sender, '/pulse_answer{"driver": "quick"}')
    stack.say(sender, '/pulse_answer{"driver": "easy_to_do"}')
    done = stack.say(sender, "/pulse_done")
    assert thanks in texts(done)

    stored = answers(stack)[before:]
    assert len(stored) == 1, stored
    [row] = stored
    assert set(row) == ANSWER_COLUMNS
    assert (row["step"], row["channel"], row["language"], row["offer_kind"]) == (
        "assistant",
        "web",
        language,
        "on_request",
    )
    assert (row["outcome"], row["rating"]) == ("partly", 4)
    assert phone not in row["went_well_text"] and "<PHONE>" in row["went_well_text"]
    assert row["to_improve"] != 0 and row["went_well"] == 0  # bit sets of the drivers

    # Never twice in one conversation: asked again, it says it has been answered.
    again = stack.say(sender, request_words)
    assert step_question not in texts(again)
    assert len(answers(stack)) == before + 1


def test_after_a_held_meeting_two_taps_count_and_the_step_is_the_meetings(
    stack: Stack, advisor: httpx.Client
) -> None:
    meeting = new_meeting(advisor, "sv", kind="job_search_discussion")
    sender = new_sender("pulse-held")
    stack.say(sender, "hej", {"invite_code": meeting["invite_code"], "language": "sv"})
    stack.say(sender, "/deny")  # no preparation this time
    offered = stack.rows("SELECT offer_kind, COUNT(*) AS n FROM pulse_offers GROUP BY offer_kind")
    held = advisor.post(f"/api/v1/meetings/{meeting['id']}/complete")
    assert held.status_code == 200, held.text

    # The web client's next conversation starts with the survey about the meeting.
    opened = stack.say(sender, "/session_start", {"language": "sv"})
    assert "markerat ert möte som hållet" in texts(opened)
    assert "Fick du gjort det du kom för?" in texts(opened)
    stack.say(sender, '/pulse_answer{"outcome": "yes"}')
    stack.say(sender, '/pulse_answer{"rating": 5}')
    # Two taps, and the client leaves: what was answered is kept, with the meeting's step.
    pending = stack.rows("SELECT answer FROM pulse_pending")
    assert any('"job_search_discussion"' in row["answer"] for row in pending)
    before = len(answers(stack))
    stack.say(sender, "hej då")
    [row] = answers(stack)[before:]
    assert (row["step"], row["offer_kind"], row["outcome"], row["rating"]) == (
        "job_search_discussion",
        "after_meeting",
        "yes",
        5,
    )
    counted = stack.rows("SELECT offer_kind, COUNT(*) AS n FROM pulse_offers GROUP BY offer_kind")
    after_meeting = {r["offer_kind"]: r["n"] for r in counted}.get("after_meeting", 0)
    assert after_meeting == {r["offer_kind"]: r["n"] for r in offered}.get("after_meeting", 0) + 1

    # The invitation is used: the next conversation does not ask again.
    later = stack.say(sender, "/session_start", {"language": "sv"})
    assert "Fick du gjort det du kom för?" not in texts(later)


@pytest.mark.parametrize(
    ("language", "failures", "intro"),
    [
        ("fi", ["xyzzy plugh qwerty", "blorp flim flam"], "En taida osata auttaa sinua"),
        ("en", ["xyzzy plugh qwerty", "blorp flim flam"], "I haven't been able to help you"),
    ],
)
def test_a_conversation_that_went_badly_is_asked_about_too(
    stack: Stack, language: str, failures: list[str], intro: str
) -> None:
    sender = new_sender(f"pulse-bad-{language}")
    replies = [stack.say(sender, failures[0], {"language": language})]
    replies += [stack.say(sender, text) for text in failures[1:]]
    assert intro in texts(replies[-1])
    before = len(answers(stack))
    stack.say(sender, '/pulse_answer{"outcome": "no"}')
    stack.say(sender, '/pulse_answer{"rating": 1}')
    stack.say(sender, "/skip")  # nothing went well
    stack.say(sender, '/pulse_answer{"driver": "clear_information"}')
    stack.say(sender, "/pulse_done")
    [row] = answers(stack)[before:]
    assert (row["step"], row["offer_kind"], row["outcome"], row["rating"]) == (
        "assistant",
        "end_of_conversation",
        "no",
        1,
    )


def test_the_analysts_figures_match_the_stored_answers_and_hide_small_groups(
    stack: Stack,
) -> None:
    """After the conversations above (and any other module's): every figure shown equals what
    the stored rows give, and a group below MIN_GROUP is null."""
    create_user(stack, "pulse-analyst@example.test", "analyst", "Aada Analyytikko")
    rows = answers(stack)
    weeks = sorted({row["week_start"] for row in rows})
    analyst = login(stack, "pulse-analyst@example.test")
    try:
        span = {"from": weeks[0], "to": weeks[-1]}
        reply = analyst.get("/api/v1/analytics/pulse", params=span)
    finally:
        analyst.close()
    assert reply.status_code == 200, reply.text
    report = reply.json()
    least = report["min_group"]
    assert len(rows) >= least, "the conversations above give enough answers to show a total"

    assert report["answered"] == len(rows)
    ratings = [row["rating"] for row in rows if row["rating"] is not None]
    assert report["mean"] == pytest.approx(sum(ratings) / len(ratings), abs=0.01)
    for outcome in OUTCOMES:
        count = sum(row["outcome"] == outcome for row in rows)
        assert report["completion"][outcome] in ({None} if 0 < count < least else {count, None})
    steps = {figure["step"]: figure["answered"] for figure in report["by_step"]}
    for step, shown in steps.items():
        count = sum(row["step"] == step for row in rows)
        if 0 < count < least:  # a zero is shown: it tells of nobody
            assert shown is None, (step, count)
        else:
            assert shown in (count, None)  # None only by secondary suppression
    # No hidden step can be recomputed from the total and the steps shown.
    hidden = [step for step, shown in steps.items() if shown is None]
    assert len([s for s in hidden if any(row["step"] == s for row in rows)]) != 1
