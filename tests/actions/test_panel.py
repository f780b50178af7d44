"""The developer-client panel's actions: opening (member or not, the contact the channel
allows), the form (consent, several picks then done, cancel, the contact, the e-mail that never
becomes a slot value), leaving, and pilot invitations answered by button or in words."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import panel
from tests.actions.conftest import CONSENT_VERSION, RecordingApi, entity, make_tracker
from vocabulary.languages import LANGUAGES
from vocabulary.participation import THEMES

pytestmark = pytest.mark.anyio
FORM = "panel_form"
DOMAIN: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "domain" / "panel.yml").read_text(encoding="utf-8")
)
TG = "tg-0123456789abcdef"
WEB = "rest-test-sender"


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def pick(option: str) -> dict[str, Any]:
    return {
        "text": f'/panel_pick{{"panel_option": "{option}"}}',
        "intent": "panel_pick",
        "entities": [entity("panel_option", option)],
    }


def form_tracker(
    requested: str,
    message: dict[str, Any],
    *,
    sender_id: str = TG,
    slots: dict[str, Any] | None = None,
) -> Any:
    chosen = {
        "requested_slot": requested,
        "panel_consent_version": CONSENT_VERSION,
        "panel_contact_channels": ["telegram", "email"] if sender_id == TG else ["email"],
        **(slots or {}),
    }
    return make_tracker(
        sender_id=sender_id,
        slots=chosen,
        active_loop=FORM,
        slot_candidates={requested: panel.ANSWERED},
        **message,
    )


async def validate(tracker: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    return slots_of(await panel.ValidatePanelForm().run(dispatcher, tracker, DOMAIN))


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [message.get("response") for message in dispatcher.messages]


async def test_opening_explains_and_starts_the_questions_with_the_apis_version(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(sender_id=TG, intent="join_panel")
    got = slots_of(await panel.ActionOpenPanel().run(dispatcher, tracker, DOMAIN))
    assert responses(dispatcher) == ["utter_panel_intro"]
    assert got["panel_stage"] == "form"
    assert got["panel_consent_version"] == CONSENT_VERSION
    assert got["panel_contact_channels"] == ["telegram", "email"]
    assert got["panel_contact"] is None and got["panel_interests"] is None


async def test_on_the_web_the_contact_is_email_without_asking(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(sender_id=WEB, intent="join_panel")
    got = slots_of(await panel.ActionOpenPanel().run(dispatcher, tracker, DOMAIN))
    assert got["panel_contact"] == "email" and got["panel_contact_channels"] == ["email"]


@pytest.mark.parametrize(
    ("member", "down", "response"),
    [(True, False, "utter_panel_already_member"), (False, True, "utter_panel_unavailable")],
)
async def test_a_member_or_an_unreachable_api_opens_nothing(
    api: RecordingApi, dispatcher: CollectingDispatcher, member: bool, down: bool, response: str
) -> None:
    if member:
        api.panel_members[TG] = {"interests": ["training"], "languages": ["fi"],
                                 "contact_channel": "telegram"}  # fmt: skip
    api.down = down
    tracker = make_tracker(sender_id=TG, intent="join_panel")
    got = slots_of(await panel.ActionOpenPanel().run(dispatcher, tracker, DOMAIN))
    assert got == {"panel_stage": "stop"}
    assert responses(dispatcher) == [response]


@pytest.mark.parametrize(("intent", "consent"), [("affirm", True), ("deny", False)])
async def test_consent_yes_or_no(
    api: RecordingApi, dispatcher: CollectingDispatcher, intent: str, consent: bool
) -> None:
    got = await validate(form_tracker("panel_consent", {"text": "x", "intent": intent}), dispatcher)
    assert got["panel_consent"] is consent
    assert api.panel_joins == []  # nothing is stored before the last answer


async def test_an_unclear_consent_is_asked_again(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    got = await validate(
        form_tracker("panel_consent", {"text": "häh", "intent": "greet"}), dispatcher
    )
    assert got["panel_consent"] is None
    assert responses(dispatcher) == ["utter_panel_consent_unclear"]


async def test_several_interests_are_picked_one_taken_back_then_done(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    got = await validate(form_tracker("panel_interests", pick("training")), dispatcher)
    assert got == {"panel_interests": None, "panel_picks": ["training"]}
    slots = {"panel_picks": ["training"]}
    got = await validate(
        form_tracker("panel_interests", pick("digital_services"), slots=slots), dispatcher
    )
    assert got["panel_picks"] == ["digital_services", "training"]  # the vocabulary's order
    slots = {"panel_picks": ["digital_services", "training"]}
    got = await validate(form_tracker("panel_interests", pick("training"), slots=slots), dispatcher)
    assert got["panel_picks"] == ["digital_services"]
    done = {"text": "valmis", "intent": "panel_done"}
    got = await validate(form_tracker("panel_interests", done, slots=got), dispatcher)
    assert got == {"panel_interests": ["digital_services"], "panel_picks": None}


async def test_a_title_typed_in_words_picks_too_in_the_conversations_language(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    typed = {"text": "utbildning", "intent": "nlu_fallback"}
    got = await validate(
        form_tracker("panel_interests", typed, slots={"language": "sv"}), dispatcher
    )
    assert got["panel_picks"] == ["training"]


@pytest.mark.parametrize(
    ("message", "response"),
    [
        ({"text": "en tiedä", "intent": "nlu_fallback"}, "utter_panel_pick_unclear"),
        (pick("fi"), "utter_panel_pick_unclear"),  # a language is no interest
        ({"text": "valmis", "intent": "panel_done"}, "utter_panel_pick_first"),
    ],
)
async def test_what_is_not_an_interest_asks_again(
    api: RecordingApi, dispatcher: CollectingDispatcher, message: dict[str, Any], response: str
) -> None:
    got = await validate(form_tracker("panel_interests", message), dispatcher)
    assert got["panel_interests"] is None
    assert responses(dispatcher) == [response]


@pytest.mark.parametrize(
    "requested", ["panel_interests", "panel_languages", "panel_contact", "panel_email"]
)
async def test_cancel_at_any_question_ends_it_storing_nothing(
    api: RecordingApi, dispatcher: CollectingDispatcher, requested: str
) -> None:
    cancel = {"text": "/deny", "intent": "deny"}
    got = await validate(form_tracker(requested, cancel, slots={"panel_consent": True}), dispatcher)
    assert got["panel_consent"] is False and got[requested] is None
    assert api.panel_joins == []
    required = await panel.ValidatePanelForm().required_slots(
        list(DOMAIN["forms"][FORM]["required_slots"]), dispatcher, make_tracker(slots=got), DOMAIN
    )
    assert required == ["panel_consent"]


async def test_languages_are_picked_like_interests(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    got = await validate(form_tracker("panel_languages", pick("sv")), dispatcher)
    assert got["panel_picks"] == ["sv"]
    done = {"text": "klar", "intent": "panel_done"}
    slots = {"panel_picks": ["sv", "training"]}  # a stale interest is not a language
    got = await validate(form_tracker("panel_languages", done, slots=slots), dispatcher)
    assert got["panel_languages"] == ["sv"]


CHOSEN = {
    "panel_consent": True,
    "panel_interests": ["training"],
    "panel_languages": ["fi", "en"],
}


async def test_this_chat_as_the_contact_joins_at_once(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    got = await validate(form_tracker("panel_contact", pick("telegram"), slots=CHOSEN), dispatcher)
    assert got["panel_joined"] is True and got["panel_contact"] == "telegram"
    assert api.panel_joins == [
        {"consent_version": CONSENT_VERSION, "interests": ["training"], "languages": ["fi", "en"],
         "contact_channel": "telegram", "email": None, "language": "fi"}
    ]  # fmt: skip
    required = await panel.ValidatePanelForm().required_slots(
        list(DOMAIN["forms"][FORM]["required_slots"]), dispatcher, make_tracker(slots=got), DOMAIN
    )
    assert "panel_email" not in required


async def test_this_chat_is_no_contact_on_the_web(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = form_tracker("panel_contact", pick("telegram"), sender_id=WEB, slots=CHOSEN)
    got = await validate(tracker, dispatcher)
    assert got["panel_contact"] is None and api.panel_joins == []


async def test_email_as_the_contact_asks_the_address(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    got = await validate(form_tracker("panel_contact", pick("email"), slots=CHOSEN), dispatcher)
    assert got["panel_contact"] == "email" and "panel_joined" not in got
    assert api.panel_joins == []


async def test_the_address_goes_to_the_api_and_never_into_a_slot(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    typed = {"text": "se on matti@example.fi", "intent": "nlu_fallback"}
    slots = {**CHOSEN, "panel_contact": "email"}
    events = await panel.ValidatePanelForm().run(
        dispatcher, form_tracker("panel_email", typed, sender_id=WEB, slots=slots), DOMAIN
    )
    assert "matti@example.fi" not in str(events)
    got = slots_of(events)
    assert got["panel_email"] == panel.EMAIL_GIVEN and got["panel_joined"] is True
    assert api.panel_joins[0]["email"] == "se on matti@example.fi"
    assert api.panel_joins[0]["contact_channel"] == "email"


async def test_no_address_in_the_message_asks_again(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    typed = {"text": "en muista", "intent": "nlu_fallback"}
    slots = {**CHOSEN, "panel_contact": "email"}
    got = await validate(form_tracker("panel_email", typed, sender_id=WEB, slots=slots), dispatcher)
    assert got["panel_email"] is None and "panel_joined" not in got
    assert responses(dispatcher) == ["utter_panel_email_invalid"]


async def test_a_refused_join_ends_the_form_saying_why(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    slots = {**CHOSEN, "panel_consent_version": "2"}
    got = await validate(form_tracker("panel_contact", pick("telegram"), slots=slots), dispatcher)
    assert got["panel_joined"] is False and got["panel_email"] == panel.NOT_GIVEN
    assert responses(dispatcher) == ["utter_panel_consent_changed"]
    assert api.panel_members == {}


@pytest.mark.parametrize("contact", ["telegram", "email"])
async def test_a_join_the_api_cannot_take_asks_the_last_question_again(
    api: RecordingApi, dispatcher: CollectingDispatcher, contact: str
) -> None:
    """Joining needs the API's answer (the address, the consent's version): nothing is queued,
    the client is told to try again in a moment, and the answers so far stay."""
    api.down = True
    slots = {**CHOSEN, "panel_consent_version": CONSENT_VERSION}
    if contact == "telegram":
        tracker = form_tracker("panel_contact", pick("telegram"), slots=slots)
    else:
        slots["panel_contact"] = "email"
        typed = {"text": "a@b.fi", "intent": "nlu_fallback"}
        tracker = form_tracker("panel_email", typed, sender_id=WEB, slots=slots)
    got = await validate(tracker, dispatcher)
    asked = "panel_contact" if contact == "telegram" else "panel_email"
    assert got == {asked: None}
    assert responses(dispatcher) == ["utter_panel_unavailable"]
    assert api.panel_members == {} and api.queued == []


async def test_a_pilot_answer_the_api_cannot_take_yet_waits_for_it(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.add_invitation("inv-1")
    api.down = True
    tracker = invitation_tracker("inv-1", intent="affirm")
    await panel.ActionAnswerPilotInvitation().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_pilot_yes", "utter_write_queued"]


async def test_slots_set_before_the_question_are_kept(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        sender_id=WEB, slots={"requested_slot": None}, active_loop=FORM,
        slot_candidates={"panel_contact": "email"},
    )  # fmt: skip
    assert await validate(tracker, dispatcher) == {"panel_contact": "email"}


@pytest.mark.parametrize(
    ("slot", "options"), [("panel_interests", THEMES), ("panel_languages", LANGUAGES)]
)
async def test_the_question_marks_what_is_picked(
    dispatcher: CollectingDispatcher, slot: str, options: tuple[str, ...]
) -> None:
    tracker = make_tracker(slots={"panel_picks": [options[1]], "language": "en"})
    await panel.ask_picks(dispatcher, tracker, DOMAIN, slot)
    [message] = dispatcher.messages
    titles = [b["title"] for b in message["buttons"]]
    assert [t for t in titles if t.startswith(panel.CHOSEN_MARK)] == [titles[1]]
    assert message["text"].endswith(f"Picked so far: {titles[1].removeprefix(panel.CHOSEN_MARK)}.")
    assert [panel.option_of(b["payload"]) for b in message["buttons"]][: len(options)] == list(
        options
    )


@pytest.mark.parametrize(
    ("slots", "said"),
    [
        ({"panel_consent": False}, ["utter_panel_no_consent"]),
        (
            {"panel_consent": True, "panel_joined": True, "panel_contact": "telegram"},
            ["utter_panel_joined"],
        ),
        (
            {"panel_consent": True, "panel_joined": True, "panel_contact": "email"},
            ["utter_panel_joined", "utter_panel_email_not_sent_yet"],
        ),
        ({"panel_consent": True, "panel_joined": False}, []),  # the refusal was told already
    ],
)
async def test_after_the_questions(
    dispatcher: CollectingDispatcher, slots: dict[str, Any], said: list[str]
) -> None:
    await panel.ActionPanelDone().run(dispatcher, make_tracker(slots=slots), DOMAIN)
    assert responses(dispatcher) == said


@pytest.mark.parametrize(
    ("member", "down", "response"),
    [
        (True, False, "utter_panel_left"),
        (False, False, "utter_panel_not_member"),
        (True, True, "utter_request_queued"),  # waits in the write queue for the API
    ],
)
async def test_leaving(
    api: RecordingApi, dispatcher: CollectingDispatcher, member: bool, down: bool, response: str
) -> None:
    if member:
        api.panel_members[WEB] = {}
    api.down = down
    await panel.ActionLeavePanel().run(dispatcher, make_tracker(intent="leave_panel"), DOMAIN)
    assert responses(dispatcher) == [response]
    assert (WEB in api.panel_members) is down


def invitation_tracker(invitation_id: str | None, **kwargs: Any) -> Any:
    entities = [entity("invitation_id", invitation_id)] if invitation_id else []
    return make_tracker(sender_id=TG, entities=entities, **kwargs)


async def test_an_invitation_is_shown_with_buttons_that_name_it(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.add_invitation("inv-1")
    tracker = invitation_tracker("inv-1", intent="pilot_invitation", slots={"language": "en"})
    got = slots_of(await panel.ActionShowPilotInvitation().run(dispatcher, tracker, DOMAIN))
    [message] = dispatcher.messages
    assert message["text"] == (
        "Invitation to a pilot: Verkkoasioinnin kokeilu\n\nTestaa uutta {palvelua}.\n\n"
        "Please answer by 20 December 2026. Would you like to take part?"
    )
    assert [b["payload"] for b in message["buttons"]] == [
        '/affirm{"invitation_id": "inv-1"}',
        '/deny{"invitation_id": "inv-1"}',
    ]
    assert got["invitation_id"] == "inv-1" and got["pilot_answer_by"] == "20 December 2026"


async def test_an_answered_invitation_says_so_and_a_closed_one_takes_no_answer(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.add_invitation("inv-1", answer="yes")
    api.add_invitation("inv-2", open=False)
    await panel.ActionShowPilotInvitation().run(dispatcher, invitation_tracker("inv-1"), DOMAIN)
    assert dispatcher.messages[1]["text"] == (
        "Olet jo vastannut kyllä. Voit muuttaa vastaustasi 20.12.2026 asti."
    )
    closed = CollectingDispatcher()
    got = slots_of(
        await panel.ActionShowPilotInvitation().run(closed, invitation_tracker("inv-2"), DOMAIN)
    )
    [message] = closed.messages
    assert message["text"].endswith("vastausaika päättyi 20.12.2026.") and not message["buttons"]
    assert got["invitation_id"] is None


@pytest.mark.parametrize(
    ("invitation_id", "down"), [(None, False), ("unknown", False), ("inv-1", True)]
)
async def test_an_invitation_that_cannot_be_shown(
    api: RecordingApi, dispatcher: CollectingDispatcher, invitation_id: str | None, down: bool
) -> None:
    api.add_invitation("inv-1")
    api.down = down
    await panel.ActionShowPilotInvitation().run(
        dispatcher, invitation_tracker(invitation_id), DOMAIN
    )
    assert responses(dispatcher) == [
        "utter_panel_unavailable" if down else "utter_pilot_invitation_gone"
    ]


@pytest.mark.parametrize(("intent", "answer"), [("affirm", "yes"), ("deny", "no")])
async def test_the_answer_by_button(
    api: RecordingApi, dispatcher: CollectingDispatcher, intent: str, answer: str
) -> None:
    api.add_invitation("inv-1")
    tracker = invitation_tracker("inv-1", intent=intent)
    got = slots_of(await panel.ActionAnswerPilotInvitation().run(dispatcher, tracker, DOMAIN))
    assert api.pilot_answers == [(TG, "inv-1", answer)]
    assert responses(dispatcher) == [f"utter_pilot_{answer}"]
    assert got == {"invitation_id": None}


async def test_a_yes_typed_after_the_invitation_answers_the_one_shown(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.add_invitation("inv-2")
    tracker = invitation_tracker(None, intent="affirm", slots={"invitation_id": "inv-2"})
    await panel.ActionAnswerPilotInvitation().run(dispatcher, tracker, DOMAIN)
    assert api.pilot_answers == [(TG, "inv-2", "yes")]


@pytest.mark.parametrize(
    ("invitation_id", "open", "response"),
    [("inv-1", False, "utter_pilot_closed"), ("gone", True, "utter_pilot_invitation_gone"),
     (None, True, "utter_pilot_invitation_gone")],
)  # fmt: skip
async def test_an_answer_that_cannot_be_recorded(
    api: RecordingApi,
    dispatcher: CollectingDispatcher,
    invitation_id: str | None,
    open: bool,
    response: str,
) -> None:
    api.add_invitation("inv-1", open=open)
    tracker = invitation_tracker(invitation_id, intent="affirm")
    await panel.ActionAnswerPilotInvitation().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == [response] and api.pilot_answers == []


async def test_done_typed_is_done_even_when_the_classifier_is_unsure(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    typed = {"text": "Done", "intent": "nlu_fallback"}
    slots = {"panel_picks": ["training"], "language": "en"}
    got = await validate(form_tracker("panel_interests", typed, slots=slots), dispatcher)
    assert got == {"panel_interests": ["training"], "panel_picks": None}
