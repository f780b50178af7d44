"""The client's side of the panel, keyed by the conversation: status, join, leave.

Joining stores the version of the consent text the client was shown (it must be the current
one), the interests, the languages and the contact: "this chat" (the conversation key, only
for channels that can push messages) or an e-mail address, kept only here. Leaving deletes the
membership, its invitations and their queued messages in one transaction; only the day that
someone left stays.
"""

import re
from datetime import datetime

from sqlalchemy.orm import Session

from api.core.clock import today_in_finland
from api.core.settings import ApiSettings
from api.orm import PanelMember
from api.repositories import outbox, panel_members, panel_withdrawals, pilot_invitations
from api.schemas.panel import PanelJoin, PanelStatus
from api.services.errors import Refusal
from api.services.panel.masks import from_mask, to_mask
from vocabulary.channels import channel_of
from vocabulary.languages import LANGUAGES
from vocabulary.participation import CONTACT_CHANNELS, THEMES, ContactChannel

# An address somewhere in what the client typed ("se on matti@example.fi."): the client may
# write a sentence around it. Simple on purpose: the panel's staff check it when they write.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def contact_channels(conversation_key: str) -> list[ContactChannel]:
    """E-mail always; "this chat" only where the API's outbox can reach the conversation."""
    channel = channel_of(conversation_key)
    return [c for c in CONTACT_CHANNELS if c == "email" or c == channel]


def find_email(typed: str) -> str | None:
    """The one e-mail address in `typed`, or None (none, or more than one)."""
    found = EMAIL.findall(typed)
    return found[0] if len(found) == 1 and len(found[0]) <= 254 else None


def status_of(
    member: PanelMember | None, conversation_key: str, settings: ApiSettings
) -> PanelStatus:
    contact: ContactChannel | None = None
    if member is not None:
        contact = "email" if member.contact_channel == "email" else "telegram"
    return PanelStatus(
        member=member is not None,
        consent_version=settings.panel_consent_version,
        contact_channels=contact_channels(conversation_key),
        interests=from_mask(member.interests, THEMES) if member else [],
        languages=from_mask(member.languages, LANGUAGES) if member else [],
        contact_channel=contact,
        joined_on=member.joined_on if member else None,
    )


def status(session: Session, conversation_key: str, settings: ApiSettings) -> PanelStatus:
    member = panel_members.by_conversation(session, conversation_key)
    return status_of(member, conversation_key, settings)


def join(
    session: Session,
    conversation_key: str,
    body: PanelJoin,
    settings: ApiSettings,
    *,
    now: datetime,
) -> PanelStatus:
    """Refused `consent_outdated` when the text shown was another version, `contact_unavailable`
    for "this chat" where nothing can be pushed, `invalid_email` without one address."""
    if body.consent_version != settings.panel_consent_version:
        raise Refusal("consent_outdated")
    if body.contact_channel not in contact_channels(conversation_key):
        raise Refusal("contact_unavailable")
    email = None
    if body.contact_channel == "email":
        email = find_email(body.email or "")
        if email is None:
            raise Refusal("invalid_email")
    found = panel_members.by_conversation(session, conversation_key)
    member = found or PanelMember(
        conversation_key=conversation_key, joined_on=today_in_finland(now)
    )
    member.consent_version = body.consent_version
    member.interests = to_mask(body.interests, THEMES)
    member.languages = to_mask(body.languages, LANGUAGES)
    member.language = body.language
    member.contact_channel = body.contact_channel
    member.email = email  # choosing this chat again forgets the address
    if found is None:
        panel_members.add(session, member)
    session.commit()
    return status_of(member, conversation_key, settings)


def leave(session: Session, conversation_key: str, *, now: datetime) -> None:
    """At once and for good: the member, their contact, invitations and answers, and the
    invitations still queued for them. Refused `not_member`."""
    member = panel_members.by_conversation(session, conversation_key)
    if member is None:
        raise Refusal("not_member")
    invitations = pilot_invitations.ids_for_member(session, member.id)
    outbox.delete_for_pilot_invitations(session, invitations)
    pilot_invitations.delete_for_member(session, member.id)
    panel_members.delete(session, member)
    panel_withdrawals.add(session, on=today_in_finland(now))
    session.commit()
