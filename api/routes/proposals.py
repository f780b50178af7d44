"""/api/v1/proposals: the action server suggests a theme for a client's proposal and stores it,
anonymously and redacted. Service token only."""

from fastapi import APIRouter, status

from api.deps import NowDep, RedactorDep, ServiceAuth, SessionDep, ThemeClassifierDep
from api.schemas.proposals import (
    DoneText,
    ProposalIn,
    ProposalStored,
    ThemeSuggestionIn,
    ThemeSuggestionOut,
)
from api.services.proposals import intake

router = APIRouter(prefix="/proposals", tags=["proposals"], dependencies=[ServiceAuth])


@router.post("/theme", response_model=ThemeSuggestionOut)
def suggest_theme(
    body: ThemeSuggestionIn, classifier: ThemeClassifierDep, redactor: RedactorDep
) -> ThemeSuggestionOut:
    """The nearest theme by sentence embeddings (and keywords), "other" when none is near
    enough, for the client to confirm or change; nothing is stored. The text is redacted
    first, as it is stored: an e-mail address or a phone number says nothing of the theme
    and pulled suggestions off it."""
    text = redactor.redact(body.text, body.language)
    return ThemeSuggestionOut(theme=classifier.classify([text], body.language)[0])


@router.post("", response_model=ProposalStored, status_code=status.HTTP_201_CREATED)
def give_proposal(
    body: ProposalIn, session: SessionDep, redactor: RedactorDep, now: NowDep
) -> ProposalStored:
    """Stored redacted, with no conversation key; `actions`: what has been done in the theme,
    in the proposal's language, newest first, at most three."""
    done = intake.from_chat(
        session, body.text, body.theme, body.language, body.channel, redactor, now=now
    )
    return ProposalStored(
        theme=body.theme, actions=[DoneText(text=d.text, done_on=d.done_on) for d in done]
    )
