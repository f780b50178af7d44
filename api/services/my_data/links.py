"""One-time links to a copy of the client's data: a random token, only its SHA-256 kept,
opened once within MY_DATA_LINK_VALIDITY."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.repositories import my_data_links
from api.services.errors import Refusal

PATH = "/api/v1/my-data/"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Link:
    url: str
    expires_at: datetime


@dataclass(frozen=True)
class Opened:
    conversation_key: str
    language: str


def create(
    session: Session, conversation_key: str, language: str, settings: ApiSettings, *, now: datetime
) -> Link:
    token = secrets.token_urlsafe(32)
    expires_at = now + settings.my_data_link_validity
    my_data_links.add(session, token_hash(token), conversation_key, language, expires_at)
    return Link(f"{settings.public_base_url.rstrip('/')}{PATH}{token}", expires_at)


def open_once(session: Session, token: str, *, now: datetime) -> Opened:
    """Marks the link used. Refused `unknown_link` for a token never made (or purged),
    `link_gone` once used or past its time."""
    link = my_data_links.get_for_update(session, token_hash(token))
    if link is None:
        raise Refusal("unknown_link")
    if link.used_at is not None or now >= link.expires_at:
        session.rollback()
        raise Refusal("link_gone")
    link.used_at = now
    opened = Opened(link.conversation_key, link.language)
    session.commit()
    return opened
