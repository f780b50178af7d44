"""The developer-client panel in the chat: join (explanation, consent, interests, languages,
contact), leave, and pilot invitations answered yes or no. The API keeps the membership, checks
the consent version and the address, and decides who is invited; the actions ask and tell.

The e-mail address the client types is sent to the API in the same turn and never put into a
slot: the slot only says that it was given (the tracker store redacts the message itself).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from babel.dates import format_date
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.api_client import ApiReply, get_api_client
from actions.faq import reply_language
from actions.queued import REQUEST_SAVED, tell_queued
from actions.responses import in_language
from vocabulary.languages import LANGUAGES, LOCALES, Language
from vocabulary.my_data import INTERRUPTING_INTENTS
from vocabulary.participation import CONTACT_CHANNELS, THEMES

STAGE = "panel_stage"
FORM_SLOTS = ("panel_consent", "panel_interests", "panel_languages", "panel_contact", "panel_email")
PICKS = "panel_picks"
JOINED = "panel_joined"
EMAIL_GIVEN = "<EMAIL>"  # the address went to the API; the slot keeps only this
NOT_GIVEN = "-"  # the form ended without an address (the API could not take it)
ANSWERED = "?"  # a candidate for the question just asked: the validation reads the message
# The questions with buttons, and the options each one takes.
QUESTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "panel_interests": ("utter_ask_panel_interests", THEMES),
    "panel_languages": ("utter_ask_panel_languages", LANGUAGES),
    "panel_contact": ("utter_ask_panel_contact", CONTACT_CHANNELS),
}
CHOSEN_MARK = "✓ "
# Babel's month names; the order of day, month and year is ours.
DAY_PATTERNS: dict[Language, str] = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMMM yyyy"}


def latest_intent(tracker: Tracker) -> str | None:
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def option_of(payload: str) -> str | None:
    """`/panel_pick{"panel_option": "training"}` -> "training"."""
    if not payload.startswith("/panel_pick{"):
        return None
    option = json.loads(payload.removeprefix("/panel_pick")).get("panel_option")
    return str(option) if option else None


def picked_option(tracker: Tracker, domain: DomainDict, slot: str) -> str | None:
    """The option of the button pressed, or of a button's title typed in words; only one
    that the question asked takes."""
    response, options = QUESTIONS[slot]
    option = next(tracker.get_latest_entity_values("panel_option"), None)
    if option is None:
        typed = str(tracker.latest_message.get("text") or "").strip().casefold()
        buttons = in_language(domain, response, reply_language(tracker))["buttons"]
        option = next(
            (option_of(b["payload"]) for b in buttons if b["title"].casefold() == typed), None
        )
    return option if option in options else None


def typed_done(tracker: Tracker, domain: DomainDict, slot: str) -> bool:
    """Whether the client typed the title of the question's "done" button (a short word the
    classifier may be unsure of)."""
    typed = str(tracker.latest_message.get("text") or "").strip().casefold()
    buttons = in_language(domain, QUESTIONS[slot][0], reply_language(tracker))["buttons"]
    return any(b["payload"] == "/panel_done" and b["title"].casefold() == typed for b in buttons)


def answer_day(answer_by: str, language: Language) -> str:
    """The API's ISO day as the client reads it: 20.12.2026, 20 December 2026."""
    day = date.fromisoformat(answer_by)
    return format_date(day, DAY_PATTERNS[language], locale=LOCALES[language])


def with_invitation(payload: str, invitation_id: str) -> str:
    """A yes or no button that names its invitation, so that it answers that one even when
    pressed later."""
    return payload + json.dumps({"invitation_id": invitation_id})


class ActionOpenPanel(Action):
    """Asks the API whether the conversation is a member; if not, explains the panel and
    starts the questions with the consent text's version and the ways to be contacted."""

    def name(self) -> str:
        return "action_open_panel"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().panel_status(tracker.sender_id)
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response="utter_panel_unavailable")
            return [SlotSet(STAGE, "stop")]
        if reply.body["member"]:
            dispatcher.utter_message(response="utter_panel_already_member")
            return [SlotSet(STAGE, "stop")]
        channels = list(reply.body["contact_channels"])
        dispatcher.utter_message(response="utter_panel_intro")
        events = [SlotSet(slot, None) for slot in (*FORM_SLOTS, PICKS, JOINED)]
        events += [
            SlotSet("panel_consent_version", reply.body["consent_version"]),
            SlotSet("panel_contact_channels", channels),
        ]
        if channels == ["email"]:  # nothing to choose: the web chat cannot be pushed to
            events.append(SlotSet("panel_contact", "email"))
        return [*events, SlotSet(STAGE, "form")]


def asked(slot: str, tracker: Tracker) -> bool:
    """Whether the message answers `slot` (else the value was set before: kept as it is)."""
    return bool(tracker.get_slot("requested_slot") == slot)


def answering(slot: str, tracker: Tracker) -> bool:
    """Whether the message may answer `slot`: not a question about the client's data or
    help, which is answered while the form waits (data/rules/my_data.yml)."""
    return asked(slot, tracker) and latest_intent(tracker) not in INTERRUPTING_INTENTS


def cancelled(slot: str) -> dict[str, Any]:
    """ "Cancel" (or no) at any question: the form ends and nothing is stored."""
    return {slot: None, "panel_consent": False, PICKS: None}


class ValidatePanelForm(FormValidationAction):
    def name(self) -> str:
        return "validate_panel_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        if tracker.get_slot("panel_consent") is False:  # no, or cancelled: nothing more
            return ["panel_consent"]
        if tracker.get_slot("panel_contact") == "telegram":
            return [slot for slot in domain_slots if slot != "panel_email"]
        return domain_slots

    # Every question's answer is read from the message by its validation (custom mappings):
    # what the client typed never becomes a slot value of its own.
    async def extract_panel_consent(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"panel_consent": ANSWERED} if answering("panel_consent", tracker) else {}

    async def extract_panel_interests(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"panel_interests": ANSWERED} if answering("panel_interests", tracker) else {}

    async def extract_panel_languages(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"panel_languages": ANSWERED} if answering("panel_languages", tracker) else {}

    async def extract_panel_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"panel_contact": ANSWERED} if answering("panel_contact", tracker) else {}

    async def extract_panel_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"panel_email": ANSWERED} if answering("panel_email", tracker) else {}

    async def validate_panel_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not asked("panel_consent", tracker):
            return {"panel_consent": value}
        intent = latest_intent(tracker)
        if intent in ("affirm", "deny"):
            return {"panel_consent": intent == "affirm"}
        dispatcher.utter_message(response="utter_panel_consent_unclear")
        return {"panel_consent": None}

    async def validate_panel_interests(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._pick("panel_interests", value, dispatcher, tracker, domain)

    async def validate_panel_languages(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._pick("panel_languages", value, dispatcher, tracker, domain)

    def _pick(
        self,
        slot: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Several may be picked (a second press takes one back), then "done"."""
        if not asked(slot, tracker):
            return {slot: value}
        intent = latest_intent(tracker)
        if intent == "deny":
            return cancelled(slot)
        options = QUESTIONS[slot][1]
        picks = [p for p in tracker.get_slot(PICKS) or [] if p in options]
        if intent == "panel_done" or typed_done(tracker, domain, slot):
            if picks:
                return {slot: picks, PICKS: None}
            dispatcher.utter_message(response="utter_panel_pick_first")
            return {slot: None}
        option = picked_option(tracker, domain, slot)
        if option is None:
            dispatcher.utter_message(response="utter_panel_pick_unclear")
            return {slot: None}
        chosen = set(picks) ^ {option}
        return {slot: None, PICKS: [o for o in options if o in chosen]}

    async def validate_panel_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not asked("panel_contact", tracker):
            return {"panel_contact": value}
        if latest_intent(tracker) == "deny":
            return cancelled("panel_contact")
        option = picked_option(tracker, domain, "panel_contact")
        if option not in (tracker.get_slot("panel_contact_channels") or []):
            dispatcher.utter_message(response="utter_panel_pick_unclear")
            return {"panel_contact": None}
        if option == "telegram":  # nothing more to ask: join now
            return await self._join(dispatcher, tracker, "telegram", None)
        return {"panel_contact": option}

    async def validate_panel_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if not asked("panel_email", tracker):
            return {"panel_email": value}
        if latest_intent(tracker) == "deny":
            return cancelled("panel_email")
        typed = str(tracker.latest_message.get("text") or "")
        return await self._join(dispatcher, tracker, "email", typed)

    async def _join(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        contact: str,
        typed_email: str | None,
    ) -> dict[str, Any]:
        """The last answer: the API stores the membership (or says why not)."""
        body = {
            "consent_version": tracker.get_slot("panel_consent_version"),
            "interests": tracker.get_slot("panel_interests"),
            "languages": tracker.get_slot("panel_languages"),
            "contact_channel": contact,
            "email": typed_email,
            "language": reply_language(tracker),
        }
        reply = await get_api_client().join_panel(tracker.sender_id, body)
        email = None if typed_email is None else EMAIL_GIVEN
        if reply.ok:
            return {"panel_contact": contact, "panel_email": email, JOINED: True}
        if reply.reason == "invalid_email":
            dispatcher.utter_message(response="utter_panel_email_invalid")
            return {"panel_email": None}
        if reply.status is None:  # the API is out of reach: the answers so far are kept, and
            # the last question is asked again, to be answered once it is back
            dispatcher.utter_message(response="utter_panel_unavailable")
            return {"panel_contact": None} if typed_email is None else {"panel_email": None}
        dispatcher.utter_message(response=join_refusal(reply))
        # The form ends without a membership (the client was told why).
        return {"panel_contact": contact, "panel_email": NOT_GIVEN, JOINED: False}


def join_refusal(reply: ApiReply) -> str:
    if reply.reason == "consent_outdated":
        return "utter_panel_consent_changed"
    return "utter_panel_unavailable"


async def ask_picks(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, slot: str
) -> list[dict[str, Any]]:
    """The question again with what is picked so far marked on its buttons and said in words
    (a screen reader reads both)."""
    language = reply_language(tracker)
    question = in_language(domain, QUESTIONS[slot][0], language)
    picks = tracker.get_slot(PICKS) or []
    buttons = []
    chosen = []
    for button in question["buttons"]:
        if option_of(button["payload"]) in picks:
            chosen.append(button["title"])
            button = {**button, "title": CHOSEN_MARK + button["title"]}
        buttons.append(button)
    text = question["text"]
    if chosen:
        said = in_language(domain, "utter_panel_chosen", language, panel_chosen=", ".join(chosen))
        text = f"{text}\n{said['text']}"
    dispatcher.utter_message(text=text, buttons=buttons)
    return []


class ActionAskPanelInterests(Action):
    def name(self) -> str:
        return "action_ask_panel_interests"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return await ask_picks(dispatcher, tracker, domain, "panel_interests")


class ActionAskPanelLanguages(Action):
    def name(self) -> str:
        return "action_ask_panel_languages"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return await ask_picks(dispatcher, tracker, domain, "panel_languages")


class ActionPanelDone(Action):
    """After the questions: joined, or did not join (a no, or cancelled)."""

    def name(self) -> str:
        return "action_panel_done"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("panel_consent") is False:
            dispatcher.utter_message(response="utter_panel_no_consent")
        elif tracker.get_slot(JOINED):
            dispatcher.utter_message(response="utter_panel_joined")
            if tracker.get_slot("panel_contact") == "email":
                dispatcher.utter_message(response="utter_panel_email_not_sent_yet")
        return [SlotSet(PICKS, None)]


class ActionLeavePanel(Action):
    """Leaving deletes the membership and the contact at once (the API keeps only the day)."""

    def name(self) -> str:
        return "action_leave_panel"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().leave_panel(tracker.sender_id)
        if reply.queued:
            tell_queued(dispatcher, reply, REQUEST_SAVED, always=True)
        elif reply.ok:
            dispatcher.utter_message(response="utter_panel_left")
        elif reply.reason == "not_member":
            dispatcher.utter_message(response="utter_panel_not_member")
        else:
            dispatcher.utter_message(response="utter_panel_unavailable")
        return [SlotSet(JOINED, None), SlotSet("invitation_id", None)]


class ActionShowPilotInvitation(Action):
    """The invitation the bridge opened (/pilot_invitation{"invitation_id": ...}), in the
    conversation's language, with yes and no buttons that name it."""

    def name(self) -> str:
        return "action_show_pilot_invitation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        invitation_id = next(tracker.get_latest_entity_values("invitation_id"), None)
        if not invitation_id:
            dispatcher.utter_message(response="utter_pilot_invitation_gone")
            return []
        language = reply_language(tracker)
        reply = await get_api_client().pilot_invitation(
            tracker.sender_id, str(invitation_id), language
        )
        if not reply.ok or reply.body is None:
            gone = reply.status is not None
            dispatcher.utter_message(
                response="utter_pilot_invitation_gone" if gone else "utter_panel_unavailable"
            )
            return []
        invitation = reply.body
        shown = {
            "pilot_title": str(invitation["title"]),
            "pilot_text": str(invitation["text"]),
            "pilot_answer_by": answer_day(str(invitation["answer_by"]), language),
        }
        events = [SlotSet(name, value) for name, value in shown.items()]
        if not invitation["open"]:
            closed = in_language(domain, "utter_pilot_invitation_closed", language, **shown)
            dispatcher.utter_message(text=closed["text"])
            return [*events, SlotSet("invitation_id", None)]
        message = in_language(domain, "utter_pilot_invitation", language, **shown)
        buttons = [
            {**button, "payload": with_invitation(button["payload"], str(invitation_id))}
            for button in message["buttons"]
        ]
        dispatcher.utter_message(text=message["text"], buttons=buttons)
        if invitation["answer"] in ("yes", "no"):
            name = f"utter_pilot_answered_{invitation['answer']}"
            dispatcher.utter_message(text=in_language(domain, name, language, **shown)["text"])
        return [*events, SlotSet("invitation_id", str(invitation_id))]


class ActionAnswerPilotInvitation(Action):
    """Yes or no: by the invitation's buttons (they name it), or typed right after it."""

    def name(self) -> str:
        return "action_answer_pilot_invitation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        invitation_id = next(
            tracker.get_latest_entity_values("invitation_id"), None
        ) or tracker.get_slot("invitation_id")
        if not invitation_id:
            dispatcher.utter_message(response="utter_pilot_invitation_gone")
            return []
        answer = "yes" if latest_intent(tracker) == "affirm" else "no"
        reply = await get_api_client().answer_pilot_invitation(
            tracker.sender_id, str(invitation_id), answer, reply_language(tracker)
        )
        if reply.ok or reply.queued:
            dispatcher.utter_message(response=f"utter_pilot_{answer}")
            if reply.queued:
                tell_queued(dispatcher, reply, always=True)
        elif reply.reason == "answer_by_passed":
            dispatcher.utter_message(response="utter_pilot_closed")
        elif reply.status is None:
            dispatcher.utter_message(response="utter_panel_unavailable")
        else:
            dispatcher.utter_message(response="utter_pilot_invitation_gone")
        return [SlotSet("invitation_id", None)]
