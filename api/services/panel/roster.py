"""What staff see of the panel: admins the members (with contacts) as JSON, CSV or their page,
each read in the audit log, with the counts of what they read; analysts only how many chose
each interest, with groups smaller than `min_group` hidden.

The counts need no secondary suppression: a member may choose several interests, so the
counts do not add up to the total and no hidden count follows from the shown ones.
"""

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.orm import PanelMember, User
from api.repositories import audit_log, panel_members
from api.schemas.panel import InterestCount, PanelInterests, PanelMemberOut, PanelMembers
from api.services.panel.masks import from_mask, to_mask
from vocabulary.languages import LANGUAGES, Language
from vocabulary.participation import CONTACT_CHANNELS, THEMES, ContactChannel, Theme

CSV_COLUMNS = (
    "id",
    "joined_on",
    "consent_version",
    "interests",
    "languages",
    "contact_channel",
    "email",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def member_out(member: PanelMember) -> PanelMemberOut:
    contact: ContactChannel = "email" if member.contact_channel == "email" else "telegram"
    return PanelMemberOut(
        id=member.id,
        joined_on=member.joined_on,
        consent_version=member.consent_version,
        interests=from_mask(member.interests, THEMES),
        languages=from_mask(member.languages, LANGUAGES),
        contact_channel=contact,
        email=member.email,
    )


def members(session: Session, admin: User, *, now: datetime) -> PanelMembers:
    audit_log.record(session, user_id=admin.id, action="panel_read", meeting_id=None, now=now)
    return PanelMembers(members=[member_out(m) for m in panel_members.every(session)])


@dataclass(frozen=True)
class Tally:
    """How many of the members the admin read there are, and chose each interest, language
    and way of contact (every value, zeros too, in the vocabulary's order). Exact: the admin
    sees the members themselves, so there is nothing to hide."""

    members: int
    interests: dict[Theme, int]
    languages: dict[Language, int]
    contact_channels: dict[ContactChannel, int]


def tally(members: Sequence[PanelMemberOut]) -> Tally:
    interests = Counter(interest for member in members for interest in member.interests)
    languages = Counter(language for member in members for language in member.languages)
    contacts = Counter(member.contact_channel for member in members)
    return Tally(
        members=len(members),
        interests={theme: interests[theme] for theme in THEMES},
        languages={language: languages[language] for language in LANGUAGES},
        contact_channels={channel: contacts[channel] for channel in CONTACT_CHANNELS},
    )


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP's CSV injection advice)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def members_csv(session: Session, admin: User, *, now: datetime) -> str:
    """The members as CSV (interests and languages space-separated); audited as an export."""
    audit_log.record(session, user_id=admin.id, action="panel_export", meeting_id=None, now=now)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for member in panel_members.every(session):
        row = member_out(member)
        cells = (
            str(row.id),
            row.joined_on.isoformat(),
            row.consent_version,
            " ".join(row.interests),
            " ".join(row.languages),
            row.contact_channel,
            row.email or "",
        )
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


def interest_counts(session: Session, min_group: int) -> PanelInterests:
    """How many members there are and chose each interest; fewer than `min_group`: null."""
    total, counts = panel_members.counts(session, [to_mask([theme], THEMES) for theme in THEMES])

    def shown(count: int) -> int | None:
        return count if count >= min_group else None

    return PanelInterests(
        min_group=min_group,
        members=shown(total),
        interests=[
            InterestCount(interest=theme, count=shown(count))
            for theme, count in zip(THEMES, counts, strict=True)
        ],
    )
