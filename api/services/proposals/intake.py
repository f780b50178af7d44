"""Storing clients' proposals: anonymous (theme, redacted text, language, channel, source and
the week's Monday only) and redacted before anything is stored.

From the chat the client gives one and hears what has been done in its theme. From a meeting's
preparation, with consent, the `proposals` answers are passed on when the client confirms the
preparation (they were redacted when told); a later confirmation passes on only what was told
after the previous one.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from api.core.clock import week_start_in_finland
from api.orm import Meeting
from api.repositories import meeting_answers, meetings, proposals
from api.services.proposals import theme_actions
from api.services.proposals.theme_actions import DoneText
from api.services.redaction import Redactor
from api.services.themes.classifier import ThemeClassifier
from vocabulary.channels import Channel, channel_of
from vocabulary.languages import Language, as_language
from vocabulary.meetings import Section
from vocabulary.participation import Theme

PREPARATION_SECTION: Section = "proposals"


def from_chat(
    session: Session,
    text: str,
    theme: Theme,
    language: Language,
    channel: Channel,
    redactor: Redactor,
    *,
    now: datetime,
) -> list[DoneText]:
    """Stores the proposal; what has been done in its theme, newest first (a few)."""
    proposals.stage(
        session,
        theme=theme,
        redacted_text=redactor.redact(text, language),
        language=language,
        channel=channel,
        source="chat",
        week_start=week_start_in_finland(now),
    )
    session.commit()
    return theme_actions.latest(
        session, language, theme=theme, limit=theme_actions.SHOWN_WITH_A_PROPOSAL
    )


def stage_from_preparation(
    session: Session, meeting: Meeting, classifier: ThemeClassifier, *, now: datetime
) -> int:
    """Stages the meeting's proposals told since they were last passed on (only with consent),
    each with the theme the classifier finds (nobody confirms it: "other" when unsure); the
    caller commits, with the confirmation. How many were passed on."""
    if meeting.consent is not True or meeting.conversation_key is None:
        return 0
    told = meeting_answers.in_section_after(
        session, meeting.id, PREPARATION_SECTION, meeting.proposals_shared_at
    )
    channel = channel_of(meeting.conversation_key)
    for answer in told:
        language = as_language(answer.language)
        proposals.stage(
            session,
            theme=classifier.classify([answer.text], language)[0],
            redacted_text=answer.text,  # redacted when the client told it
            language=language,
            channel=channel,
            source="meeting_preparation",
            week_start=week_start_in_finland(now),
        )
    meetings.stage_proposals_shared(session, meeting, now=now)
    return len(told)
