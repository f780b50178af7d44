"""The advisor's reminder of a meeting, queued in the outbox for the client's channel to push.

The text is in the meeting's language, the time in Finnish time, and it tells the client how
to go on preparing: with the words that open the preparation again in the chat (the same the
assistant gives when the client pauses; intent prepare_meeting).
"""

from datetime import datetime

from fastapi import status
from sqlalchemy.orm import Session

from api.clock import in_finland
from api.meeting_prep.client_flow import Refusal, is_editable
from api.orm import Meeting, OutboxMessage
from api.repositories import outbox

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def reminder_text(starts_at: datetime, language: str) -> str:
    """'Muistutus: tapaamisesi on ti 16.2. klo 10.00. …' in fi, sv or en (Finnish time)."""
    local = in_finland(starts_at)
    weekday = WEEKDAYS.get(language, WEEKDAYS["fi"])[local.weekday()]
    if language == "sv":
        return (
            f"Påminnelse: ditt möte är {weekday} {local.day}.{local.month}. kl. {local:%H.%M}."
            " Du kan fortfarande förbereda dig: skriv 'förbered mötet'."
        )
    if language == "en":
        return (
            f"Reminder: your meeting is on {weekday} {local.day} {MONTHS_EN[local.month - 1]}"
            f" at {local:%H:%M} (Finnish time). You can still prepare: write 'prepare my meeting'."
        )
    return (
        f"Muistutus: tapaamisesi on {weekday} {local.day}.{local.month}. klo {local:%H.%M}."
        " Voit vielä valmistautua: kirjoita 'valmistaudu tapaamiseen'."
    )


def queue_reminder(session: Session, meeting: Meeting, *, now: datetime) -> OutboxMessage:
    """409 `not_opened` until the client has opened the invitation in a chat (there is no one
    to send it to); 409 `closed` once the meeting has started or been held."""
    if meeting.conversation_key is None:
        raise Refusal(status.HTTP_409_CONFLICT, "not_opened")
    if not is_editable(meeting, now):
        raise Refusal(status.HTTP_409_CONFLICT, "closed")
    text = reminder_text(meeting.starts_at, meeting.language)
    return outbox.add(session, meeting.conversation_key, text, now=now, meeting_id=meeting.id)
