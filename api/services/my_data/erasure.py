"""The client's "delete my data": everything stored under the conversation key, at once.

Meeting answers and the preparation consent (the meeting itself stays the advisor's, no longer
linked to the conversation), the panel membership with its consent, contact and invitations,
the FAQ topics asked, queued messages, a survey waiting after a meeting or half answered, when
the client was last offered the survey, copy links, the stored replies to the conversation's
writes (idempotency keys) and the conversation's record: one transaction. Anonymous pulse
answers and proposals stay: nothing links them to anyone. Wrong invite-code attempts stay until
ANSWER_RETENTION: they limit guessing, and erasing them would lift the limit. The conversation
log is erased by Rasa's tracker store in the same turn.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.repositories import client_records, idempotency_keys, pulse_asks, pulse_pending
from api.schemas.my_data import Erased
from api.services.errors import Refusal
from api.services.panel import membership
from api.services.pulse.offers import client_hash
from api.services.pulse.pending import pending_hash


def erase(
    session: Session, conversation_key: str, settings: ApiSettings, *, now: datetime
) -> Erased:
    meetings = len(client_records.meetings_of(session, conversation_key))
    answers = client_records.forget_meetings(session, conversation_key)
    survey = pulse_pending.take(session, pending_hash(conversation_key, settings)) is not None
    pulse_asks.take(
        session, client_hash(conversation_key, settings.pulse_ask_key.get_secret_value())
    )
    client_records.delete_keyed(session, conversation_key)
    idempotency_keys.forget_conversation(session, conversation_key)
    try:
        membership.leave(session, conversation_key, now=now)  # commits everything above
        member = True
    except Refusal:
        member = False
        session.commit()
    return Erased(
        meeting_answers=answers,
        meetings_unlinked=meetings,
        panel_membership=member,
        pulse_survey_open=survey,
    )
