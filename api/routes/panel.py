"""The developer-client panel: the client's membership and pilot invitations (the action
server, service token, keyed by the conversation), the members and pilots (admins: every read
of members is audited) and the counts per interest (analysts and admins)."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from api.deps import (
    AdminLogin,
    Login,
    NowDep,
    RowId,
    ServiceAuth,
    SessionDep,
    SettingsDep,
    require_roles,
)
from api.schemas.panel import (
    PanelInterests,
    PanelJoin,
    PanelMembers,
    PanelStatus,
    PilotAnswerIn,
    PilotCreate,
    PilotDetail,
    PilotInvitationOut,
    PilotOut,
)
from api.services.panel import membership, pilots, roster
from vocabulary.languages import Language

# Analysts see counts, never contacts; admins see both.
CountsLogin = Annotated[Login, Depends(require_roles("analyst", "admin"))]
NO_STORE = {"Cache-Control": "no-store"}  # contacts stay out of caches

client = APIRouter(
    prefix="/conversations/{conversation_key}/panel",
    tags=["panel (client)"],
    dependencies=[ServiceAuth],
)
staff = APIRouter(prefix="/panel", tags=["panel"])


@client.get("", response_model=PanelStatus)
def panel_status(conversation_key: str, session: SessionDep, settings: SettingsDep) -> PanelStatus:
    """Whether the conversation is a member, the consent text's version to show, and the ways
    this client can be contacted."""
    return membership.status(session, conversation_key, settings)


@client.put("", response_model=PanelStatus)
def join_panel(
    conversation_key: str,
    body: PanelJoin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> PanelStatus:
    """Joins, or changes a member's choices. 409 `consent_outdated` (another version of the
    text was shown), `contact_unavailable` ("this chat" on the web); 422 `invalid_email`."""
    return membership.join(session, conversation_key, body, settings, now=now)


@client.delete("", response_model=PanelStatus)
def leave_panel(
    conversation_key: str, session: SessionDep, settings: SettingsDep, now: NowDep
) -> PanelStatus:
    """Deletes the membership, contact, invitations and answers at once; 404 `not_member`."""
    membership.leave(session, conversation_key, now=now)
    return membership.status(session, conversation_key, settings)


@client.get("/invitations/{invitation_id}", response_model=PilotInvitationOut)
def pilot_invitation(
    conversation_key: str,
    invitation_id: str,
    session: SessionDep,
    now: NowDep,
    language: Annotated[Language, Query()] = "fi",
) -> PilotInvitationOut:
    """The member's invitation in the language asked for; 404 `no_invitation`."""
    return pilots.invitation_for(session, conversation_key, invitation_id, language, now=now)


@client.put("/invitations/{invitation_id}", response_model=PilotInvitationOut)
def answer_pilot_invitation(
    conversation_key: str,
    invitation_id: str,
    body: PilotAnswerIn,
    session: SessionDep,
    now: NowDep,
    language: Annotated[Language, Query()] = "fi",
) -> PilotInvitationOut:
    """Records the member's yes or no (it may be changed until the answer-by day is over);
    404 `no_invitation`, 409 `answer_by_passed`."""
    return pilots.answer(session, conversation_key, invitation_id, body.answer, language, now=now)


@staff.get("", response_model=PanelMembers)
def members(
    admin: AdminLogin, session: SessionDep, now: NowDep, response: Response
) -> PanelMembers:
    """Every member with interests, languages, contact and joining day; audited."""
    response.headers.update(NO_STORE)
    return roster.members(session, admin.user, now=now)


@staff.get("/export", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_members(admin: AdminLogin, session: SessionDep, now: NowDep) -> Response:
    """The members as CSV (safe against spreadsheet formulas); audited."""
    return Response(
        roster.members_csv(session, admin.user, now=now),
        media_type="text/csv; charset=utf-8",
        headers={**NO_STORE, "Content-Disposition": 'attachment; filename="panel.csv"'},
    )


@staff.get("/interests", response_model=PanelInterests)
def interests(login: CountsLogin, session: SessionDep, settings: SettingsDep) -> PanelInterests:
    """How many members chose each interest; fewer than `min_group`: null."""
    return roster.interest_counts(session, settings.min_group)


@staff.post("/pilots", response_model=PilotOut, status_code=status.HTTP_201_CREATED)
def create_pilot(
    body: PilotCreate, admin: AdminLogin, session: SessionDep, now: NowDep
) -> PilotOut:
    """Creates the pilot and queues an invitation for every member with one of its interests
    (this chat: pushed by the channel; e-mail: queued, not delivered yet)."""
    return pilots.create(session, body, admin.user, now=now)


@staff.get("/pilots", response_model=list[PilotOut])
def list_pilots(admin: AdminLogin, session: SessionDep) -> list[PilotOut]:
    """The newest first, with how many were invited and answered yes or no."""
    return pilots.listing(session)


@staff.get("/pilots/{pilot_id}", response_model=PilotDetail)
def get_pilot(
    pilot_id: RowId, admin: AdminLogin, session: SessionDep, now: NowDep, response: Response
) -> PilotDetail:
    """The pilot with each invited member's answer; audited."""
    found = pilots.detail(session, pilot_id, admin.user, now=now)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such pilot")
    response.headers.update(NO_STORE)
    return found


router = APIRouter()
router.include_router(client)
router.include_router(staff)
