"""The advisor's reminder of a meeting, queued in the outbox for the client's channel to push.

The text is in the meeting's language, the time in Finnish time, and it tells the client how
to go on preparing: with the words that open the preparation again in the chat
(`vocabulary.meetings.RESUME_PHRASES`, the same the assistant gives when the client pauses).
"""

from datetime import datetime

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from api.core.clock import FINLAND
from api.orm import Meeting, OutboxMessage
from api.repositories import outbox
from api.services.errors import Refusal
from api.services.meeting_prep.client_flow import is_editable
from vocabulary.languages import LOCALES, Language, as_language
from vocabulary.meetings import RESUME_PHRASES

# {when} is the meeting's time (Babel pattern WHEN), {phrase} the language's resume phrase.
TEXTS: dict[Language, str] = {
    "fi": "Muistutus: tapaamisesi on {when}. Voit vielä valmistautua: kirjoita '{phrase}'.",
    "sv": "Påminnelse: ditt möte är {when}. Du kan fortfarande förbereda dig: skriv '{phrase}'.",
    "en": "Reminder: your meeting is on {when} (Finnish time). You can still prepare: write"
    " '{phrase}'.",
}
WHEN: dict[Language, str] = {
    "fi": "EEE d.M. 'klo' HH.mm",  # ti 17.2. klo 10.00
    "sv": "EEE d.M. 'kl.' HH.mm",  # tis 17.2. kl. 10.00
    "en": "EEE d MMM 'at' HH:mm",  # Tue 17 Feb at 10:00
}


def reminder_text(starts_at: datetime, language: str) -> str:
    """'Muistutus: tapaamisesi on ti 17.2. klo 10.00. …' in fi, sv or en (Finnish time)."""
    chosen = as_language(language)
    when = format_datetime(starts_at, WHEN[chosen], tzinfo=FINLAND, locale=LOCALES[chosen])
    return TEXTS[chosen].format(when=when, phrase=RESUME_PHRASES[chosen])


def queue_reminder(session: Session, meeting: Meeting, *, now: datetime) -> OutboxMessage:
    """Refused `not_opened` until the client has opened the invitation in a chat (there is no
    one to send it to), and `closed` once the meeting has started or been held."""
    if meeting.conversation_key is None:
        raise Refusal("not_opened")
    if not is_editable(meeting, now):
        raise Refusal("closed")
    text = reminder_text(meeting.starts_at, meeting.language)
    return outbox.add(session, meeting.conversation_key, text, now=now, meeting_id=meeting.id)
