"""The client's own data in the chat: what is stored ("what do you know about me?"), a copy
(a one-time link on the web, the text itself in Telegram) and "delete my data". The API
computes and erases; these actions only say it. After an erasure the slot ERASE_SLOT asks the
tracker store to erase the conversation's log too, and a custom message asks the Telegram
bridge to forget the chat."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from actions.faq import reply_language
from actions.meeting_display import meeting_time
from actions.queued import REQUEST_SAVED, tell_queued
from actions.responses import in_language
from vocabulary.channels import channel_of
from vocabulary.languages import DEFAULT_LANGUAGE, Language, as_language
from vocabulary.my_data import ERASE_SLOT

# The custom message the Telegram bridge reads: forget this chat's record (bot/bridge.py).
FORGET_CHAT = {"forget_chat": True}

LINES: dict[Language, dict[str, str]] = {
    "fi": {
        "meeting": "• Tapaaminen: {advisor} {time}. {consent} Tallennettuja vastauksia: {count}"
        " (poistetaan viimeistään {days} päivän kuluttua tapaamisesta).",
        "consent_yes": "Suostumus vastausten tallentamiseen: annettu.",
        "consent_no": "Suostumusta ei ole annettu.",
        "panel": "• Kehittäjäasiakaspaneeli: liityit {joined}; kiinnostukset: {interests};"
        " yhteys: {contact}; suostumusteksti versio {version}.",
        "telegram": "tämä Telegram-keskustelu",
        "email": "sähköposti",
        "topics": "• Kysymäsi aiheet: {count} (aiheen nimi ja aika).",
        "log": "• Tämän keskustelun loki (viestit ilman henkilötietoja) poistetaan {days} päivän"
        " kuluttua.",
        "nothing": "• Ei tapaamisen vastauksia eikä paneelin jäsenyyttä.",
    },
    "sv": {
        "meeting": "• Möte: {advisor} {time}. {consent} Sparade svar: {count} (raderas senast"
        " {days} dagar efter mötet).",
        "consent_yes": "Samtycke till att spara svaren: givet.",
        "consent_no": "Inget samtycke givet.",
        "panel": "• Utvecklarkundspanelen: du gick med {joined}; intressen: {interests};"
        " kontakt: {contact}; samtyckestext version {version}.",
        "telegram": "det här Telegram-samtalet",
        "email": "e-post",
        "topics": "• Ämnen du frågat om: {count} (ämnets namn och tid).",
        "log": "• Loggen av det här samtalet (meddelandena utan personuppgifter) raderas efter"
        " {days} dagar.",
        "nothing": "• Inga svar för ett möte och inget medlemskap i panelen.",
    },
    "en": {
        "meeting": "• Meeting: {advisor} {time}. {consent} Answers stored: {count} (deleted at"
        " the latest {days} days after the meeting).",
        "consent_yes": "Consent to store your answers: given.",
        "consent_no": "No consent given.",
        "panel": "• Developer-client panel: you joined on {joined}; interests: {interests};"
        " contact: {contact}; consent text version {version}.",
        "telegram": "this Telegram chat",
        "email": "e-mail",
        "topics": "• Topics you asked about: {count} (the topic's name and time).",
        "log": "• The log of this conversation (the messages without personal data) is deleted"
        " after {days} days.",
        "nothing": "• No meeting answers and no panel membership.",
    },
}


def interest_titles(domain: DomainDict, language: str, interests: list[str]) -> str:
    """The interests as the panel's buttons name them in the language."""
    buttons = in_language(domain, "utter_ask_panel_interests", language)["buttons"]
    titles = {
        b["payload"].split('"')[-2]: b["title"] for b in buttons if "panel_option" in b["payload"]
    }
    return ", ".join(titles.get(i, i) for i in interests)


def listing(data: dict[str, Any], language: str, domain: DomainDict) -> str:
    """What the API said is stored, one line a kind, in plain words."""
    chosen = as_language(language, DEFAULT_LANGUAGE)
    lines, retention = LINES[chosen], data["retention"]
    out = []
    for meeting in data["meetings"]:
        consent = lines["consent_yes"] if meeting["consent"] else lines["consent_no"]
        out.append(
            lines["meeting"].format(
                advisor=meeting["advisor_name"],
                time=meeting_time(meeting["starts_at"], chosen),
                consent=consent,
                count=len(meeting["answers"]),
                days=retention["answer_retention_days"],
            )
        )
    panel = data.get("panel")
    if panel:
        day = str(panel["joined_on"]).split("-")
        out.append(
            lines["panel"].format(
                joined=f"{int(day[2])}.{int(day[1])}.{day[0]}",
                interests=interest_titles(domain, chosen, list(panel["interests"])),
                contact=lines["email" if panel["contact_channel"] == "email" else "telegram"],
                version=panel["consent_version"],
            )
        )
    if not out:
        out.append(lines["nothing"])
    if data["faq_topics"]:
        out.append(lines["topics"].format(count=len(data["faq_topics"])))
    out.append(lines["log"].format(days=retention["conversation_retention_days"]))
    return "\n".join(out)


class ActionMyData(Action):
    def name(self) -> str:
        return "action_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().my_data(tracker.sender_id)
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response="utter_my_data_unavailable")
            return []
        text = listing(reply.body, reply_language(tracker), domain)
        dispatcher.utter_message(response="utter_my_data", listing=text)
        return []


class ActionMyDataCopy(Action):
    """Telegram: the copy itself, as the API writes it. The web: a link that opens it once."""

    def name(self) -> str:
        return "action_my_data_copy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        api, language = get_api_client(), reply_language(tracker)
        if channel_of(tracker.sender_id) == "telegram":
            copy = await api.my_data_text(tracker.sender_id, language)
            if copy is None:
                dispatcher.utter_message(response="utter_my_data_unavailable")
            else:
                # One message: Rasa would send each paragraph ("\n\n") as a message of its own.
                dispatcher.utter_message(text=copy.strip().replace("\n\n", "\n"))
            return []
        reply = await api.my_data_link(tracker.sender_id, language)
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response="utter_my_data_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_my_data_link",
            url=reply.body["url"],
            minutes=reply.body["valid_minutes"],
        )
        return []


class ActionEraseMyData(Action):
    def name(self) -> str:
        return "action_erase_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().erase_my_data(tracker.sender_id)
        if reply.queued:  # the API erases once it has the request; the log goes now
            tell_queued(dispatcher, reply, REQUEST_SAVED, always=True)
        elif not reply.ok:
            dispatcher.utter_message(response="utter_my_data_unavailable")
            return []
        else:
            dispatcher.utter_message(response="utter_my_data_erased")
        dispatcher.utter_message(json_message=FORGET_CHAT)
        # The tracker store erases the log in this turn's save (the slot is not kept).
        return [SlotSet(ERASE_SLOT, True)]
