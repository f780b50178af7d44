"""Proposals and "you said, we did": the client's proposal, its theme (the API suggests one,
the client confirms it or picks another), storing it, and what was done in the theme.

The API redacts and stores the proposal anonymously and keeps the "we did" of each theme;
these actions read the slots, call it and turn its data into messages and buttons (the themes'
names in each language are the domain's, in utter_proposal_themes).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from actions.faq import reply_language
from actions.pulse import entity, latest_intent, payload_entities
from actions.queued import tell_queued
from actions.responses import in_language
from vocabulary.channels import channel_of
from vocabulary.languages import LOCALES, Language
from vocabulary.participation import THEMES

TEXT = "proposal_text"
THEME = "proposal_theme"
SUGGESTED = "proposal_suggested_theme"
THEMES_RESPONSE = "utter_proposal_themes"
# A proposal is at least this many words.
MIN_WORDS = 2
# How many "we did" the client is told when asking what has come of the proposals.
LATEST_THEME_ACTIONS = 5
_DATE_PATTERNS: dict[Language, str] = {"fi": "d.M.y", "sv": "d.M.y", "en": "d MMMM y"}


def theme_buttons(domain: DomainDict, language: str) -> list[dict[str, Any]]:
    """The theme buttons of the language, then cancel."""
    buttons: list[dict[str, Any]] = in_language(domain, THEMES_RESPONSE, language)["buttons"]
    return buttons


def theme_title(domain: DomainDict, theme: str, language: str) -> str:
    """A theme's name in the language (its button's title)."""
    for button in theme_buttons(domain, language):
        if payload_entities(str(button["payload"])).get("theme") == theme:
            return str(button["title"])
    return theme


def done_on(value: str, language: Language) -> str:
    return format_date(date.fromisoformat(value), _DATE_PATTERNS[language], LOCALES[language])


def action_lines(
    actions: list[dict[str, Any]], language: Language, titles: dict[str, str] | None = None
) -> str:
    """One line per "we did": its date, its theme when listing all themes, and its text."""
    lines = []
    for action in actions:
        when = done_on(str(action["done_on"]), language)
        theme = ""
        if titles is not None:
            named = str(action["theme"])
            theme = f"{titles.get(named, named)}: "
        lines.append(f"• {when} – {theme}{action['text']}")
    return "\n".join(lines)


def typed_theme(domain: DomainDict, text: str, language: str) -> str | None:
    """A theme whose name the client typed instead of pressing its button."""
    wanted = text.strip().casefold()
    for theme in THEMES:
        if theme_title(domain, theme, language).casefold() == wanted:
            return theme
    return None


class ActionOpenProposal(Action):
    """Opens the proposal form afresh. The proposal is always asked for: an opening message
    ("jag har ett förslag på hur tjänsten kunde förbättras") seldom is the proposal itself,
    and the client should see what is stored."""

    def name(self) -> str:
        return "action_open_proposal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        return [SlotSet(TEXT, None), SlotSet(THEME, None), SlotSet(SUGGESTED, None)]


class ActionAskProposalTheme(Action):
    """The API's suggestion with "yes" and the other themes; or, without a suggestion (the
    API could not be reached), the themes to pick from."""

    def name(self) -> str:
        return "action_ask_proposal_theme"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = reply_language(tracker)
        themes = theme_buttons(domain, language)
        suggested = tracker.get_slot(SUGGESTED)
        if suggested not in THEMES:
            dispatcher.utter_message(response=THEMES_RESPONSE)
            return []
        title = theme_title(domain, suggested, language)
        question = in_language(
            domain, "utter_ask_proposal_theme", language, proposal_theme_title=title
        )
        others = [
            button
            for button in themes
            if payload_entities(str(button["payload"])).get("theme") != suggested
        ]
        dispatcher.utter_message(text=question["text"], buttons=[*question["buttons"], *others])
        return []


def requested(tracker: Tracker) -> str | None:
    slot = tracker.get_slot("requested_slot")
    return str(slot) if slot else None


class ValidateProposalForm(FormValidationAction):
    def name(self) -> str:
        return "validate_proposal_form"

    async def validate_proposal_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The proposal as typed; the API suggests its theme."""
        if requested(tracker) != TEXT:
            return {TEXT: value}
        text = str(value or "").strip()
        # An old button, or one word ("avbryt" that the model missed, "ok"): asked again, with
        # its cancel button.
        if text.startswith("/") or len(text.split()) < MIN_WORDS:
            return {TEXT: None}
        suggested = await get_api_client().proposal_theme(text, reply_language(tracker))
        return {TEXT: text, SUGGESTED: suggested}

    async def extract_proposal_theme(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A theme's button, "yes" to the suggestion, or a theme's name typed."""
        if requested(tracker) != THEME:
            return {}
        theme = entity(tracker, "theme")
        if theme in THEMES:
            return {THEME: theme}
        suggested = tracker.get_slot(SUGGESTED)
        if latest_intent(tracker) == "affirm" and suggested in THEMES:
            return {THEME: suggested}
        text = str(tracker.latest_message.get("text") or "")
        typed = typed_theme(domain, text, reply_language(tracker))
        return {THEME: typed} if typed else {}

    async def validate_proposal_theme(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {THEME: value if value in THEMES else None}


class ActionSubmitProposal(Action):
    """Stores the proposal (the API redacts it) and tells what was done in its theme."""

    def name(self) -> str:
        return "action_submit_proposal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        done = [SlotSet(TEXT, None), SlotSet(THEME, None), SlotSet(SUGGESTED, None)]
        text, theme = tracker.get_slot(TEXT), tracker.get_slot(THEME)
        if not text or theme not in THEMES:
            return done
        language = reply_language(tracker)
        reply = await get_api_client().store_proposal(
            str(text), theme, language, channel_of(tracker.sender_id)
        )
        if reply.queued:  # its theme is the client's choice; what was done in it comes later
            title = theme_title(domain, str(theme), language)
            dispatcher.utter_message(response="utter_proposal_stored", proposal_theme_title=title)
            tell_queued(dispatcher, reply, always=True)
            return done
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response="utter_proposal_not_saved")
            return done
        title = theme_title(domain, str(reply.body["theme"]), language)
        dispatcher.utter_message(response="utter_proposal_stored", proposal_theme_title=title)
        actions = reply.body["actions"]
        if actions:
            lines = action_lines(actions, language)
            dispatcher.utter_message(response="utter_proposal_theme_actions", theme_actions=lines)
        else:
            dispatcher.utter_message(response="utter_proposal_theme_nothing_yet")
        return done


class ActionListThemeActions(Action):
    """What has come of the proposals: the latest "we did", newest first, with their themes."""

    def name(self) -> str:
        return "action_list_theme_actions"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        language = reply_language(tracker)
        actions = await get_api_client().theme_actions(language)
        if actions is None:
            dispatcher.utter_message(response="utter_theme_actions_unavailable")
        elif not actions:
            dispatcher.utter_message(response="utter_no_theme_actions")
        else:
            titles: dict[str, str] = {t: theme_title(domain, t, language) for t in THEMES}
            lines = action_lines(actions[:LATEST_THEME_ACTIONS], language, titles)
            dispatcher.utter_message(response="utter_theme_actions", theme_actions=lines)
        return []
