"""/api/v1/faq-missed: the action server reports a message that ended in the fallback or in
"did you mean"; the API redacts it, finds its nearest topic and keeps it for the content
team's list (the editor's UI, /editor/missed). Service token only."""

from fastapi import APIRouter, Response, status

from api.deps import FaqDep, NowDep, RedactorDep, ServiceAuth, SessionDep
from api.schemas.faq_missed import MissedIn
from api.services.faq import missed

router = APIRouter(prefix="/faq-missed", tags=["faq"], dependencies=[ServiceAuth])


@router.post("", status_code=status.HTTP_204_NO_CONTENT)
def report_missed(
    body: MissedIn, session: SessionDep, redactor: RedactorDep, faq: FaqDep, now: NowDep
) -> Response:
    """Stored redacted, without the conversation's key, until added as an example, dismissed
    or MISSED_RETENTION has passed."""
    missed.record(
        session,
        text=body.text,
        language=body.language,
        kind=body.kind,
        redactor=redactor,
        topics=faq,
        now=now,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
