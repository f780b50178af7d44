"""SQLAlchemy table models of the API database."""

from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A tz-aware timestamp stored in UTC.

    SQLite keeps no offset and hands back naive values, and it compares timestamps as text,
    so every value is converted to UTC on the way in and marked UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a time zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """One Rasa conversation: when it started, on which channel and in which language.

    `conversation_key` is Rasa's sender id as the channel gave it (the Telegram bridge already
    sends a keyed hash, never the raw user id).
    """

    __tablename__ = "conversations"

    conversation_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    channel: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(2))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


Role = Literal["advisor", "content_editor", "analyst", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)


class User(Base):
    """A staff member who logs in to the web UI (advisors, content editors, analysts, admins)."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('advisor', 'content_editor', 'analyst', 'admin')", name="ck_users_role"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lowercase
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class UserSession(Base):
    """A login, kept server-side so that logout and deactivation end it at once everywhere.

    Only the SHA-256 of the cookie's token is stored: a copy of the table opens no session.
    """

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Meeting(Base):
    """An advisor's meeting that the client is invited to prepare in the chat.

    `client_ref` is the advisor's own pseudonymous reference, never an identity code;
    `conversation_key` is the Rasa sender id that redeemed the invite code.
    """

    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_advisor_id_starts_at", "advisor_id", "starts_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    advisor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    client_ref: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    language: Mapped[str] = mapped_column(String(2))
    invite_code: Mapped[str] = mapped_column(String(13), unique=True)  # without dashes
    invite_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    conversation_key: Mapped[str | None] = mapped_column(String(128), index=True)
    redeemed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consent: Mapped[bool | None] = mapped_column(Boolean)
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_client_change_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The service step the meeting is (vocabulary.service_steps.MEETING_KINDS): the pulse
    # survey after the meeting is tied to it.
    kind: Mapped[str] = mapped_column(String(32), default="other_meeting")
    # When the client's proposals were last passed on, anonymously, as Proposals (on
    # confirming with consent): later confirmations pass on only what was told after it.
    proposals_shared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MeetingAnswer(Base):
    """One thing the client told for a meeting, already redacted (the raw text is never stored)."""

    __tablename__ = "meeting_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class FaqTopicAsk(Base):
    """A conversation asked about an FAQ topic (the topic id only, never the question)."""

    __tablename__ = "faq_topic_asks"
    __table_args__ = (
        Index("ix_faq_topic_asks_conversation_key_topic", "conversation_key", "topic"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(128))
    topic: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class InviteAttempt(Base):
    """A wrong invite code from a conversation; in the database so all API instances count it."""

    __tablename__ = "invite_attempts"
    __table_args__ = (
        Index("ix_invite_attempts_conversation_key_at", "conversation_key", "at"),
        Index("ix_invite_attempts_channel_at", "channel", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(128))
    # Counted per channel too, so that a new sender id does not start the count afresh.
    channel: Mapped[str] = mapped_column(String(16), server_default="web")
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginFailure(Base):
    """A wrong staff password: hashes of the email typed and of the source address only."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_account_hash_at", "account_hash", "at"),
        Index("ix_login_failures_source_hash_at", "source_hash", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_hash: Mapped[str] = mapped_column(String(64))
    source_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """Who read what, when: never any content. No user: the system did it (a retention run)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    # No foreign key: the trail outlives the meetings it names.
    meeting_id: Mapped[str | None] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # What else the action was about, by name only ("faq_topic waiting_period v4",
    # "faq_publish 12"): never content.
    subject: Mapped[str | None] = mapped_column(String(100))


class OutboxMessage(Base):
    """A message for a client that a channel pushes to them (a reminder, the pulse survey).

    Addressed by `conversation_key` (Rasa's sender id): the Telegram bridge takes the ones whose
    key starts with `tg-` and keeps the mapping to Telegram chats itself, so no raw Telegram id
    is ever here. `meeting_id` names the meeting a reminder is about (no foreign key, like the
    audit log).
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index(
            "ix_outbox_messages_delivered_at_conversation_key", "delivered_at", "conversation_key"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(128))
    meeting_id: Mapped[str | None] = mapped_column(String(36), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # What the channel does with it (vocabulary.channels.OUTBOX_PURPOSES): a reminder is sent
    # as its text; a pulse survey or pilot invitation opens that dialogue in the conversation.
    purpose: Mapped[str] = mapped_column(String(16), default="reminder")
    # The service step of a pulse survey after a meeting (none for other purposes).
    step: Mapped[str | None] = mapped_column(String(32))
    # The pilot invitation a "pilot_invitation" message is about (no foreign key: the
    # message is deleted with the invitation when the member leaves the panel).
    pilot_invitation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # None: the conversation's own channel pushes it (by the key's prefix). "email": only
    # e-mail can deliver it (a panel member who chose e-mail), and nothing sends e-mail yet,
    # so it stays queued and no chat channel takes it.
    deliver_by: Mapped[str | None] = mapped_column(String(16))
    # Which channel process (a Telegram bridge) is delivering it, and until when: with several
    # bridges each message is claimed by one (api.repositories.outbox.claim); a claim that
    # runs out (its bridge died) lets another take it.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PulseAnswer(Base):
    """One anonymous answer to the pulse survey.

    Stored with the service step, channel, language, the kind of offer and the ISO week's
    Monday only: never a sender id, a meeting or a time finer than the week, so that an answer
    cannot be tied back to a conversation. Drivers are bit masks over
    vocabulary.service_steps.DRIVERS (bit i = DRIVERS[i]), so that a million answers
    aggregate in one pass; free texts are stored as the redactor returned them, each with
    its theme.
    """

    __tablename__ = "pulse_answers"
    __table_args__ = (Index("ix_pulse_answers_week_start_step", "week_start", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)
    step: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(2))
    offer_kind: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(8))
    rating: Mapped[int | None] = mapped_column(Integer)
    went_well: Mapped[int] = mapped_column(Integer, default=0)
    to_improve: Mapped[int] = mapped_column(Integer, default=0)
    went_well_text: Mapped[str | None] = mapped_column(Text)
    to_improve_text: Mapped[str | None] = mapped_column(Text)
    # Each text's theme (vocabulary.participation.THEMES, "other" = unclassified), found once
    # when it is stored (api/services/themes); None: no text, or not classified yet.
    went_well_theme: Mapped[str | None] = mapped_column(String(32))
    to_improve_theme: Mapped[str | None] = mapped_column(String(32))


class PulseOffer(Base):
    """That the survey was offered, for the response rate: week, kind, channel and language,
    nothing about whom."""

    __tablename__ = "pulse_offers"
    __table_args__ = (Index("ix_pulse_offers_week_start", "week_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)
    offer_kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(2))


class PulseAsk(Base):
    """When a client was last offered the survey unasked, under a keyed hash of the
    conversation key (PULSE_ASK_KEY): kept apart from the answers, with no link to them."""

    __tablename__ = "pulse_asks"

    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_offered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PulsePending(Base):
    """A survey being answered: its answers so far (free texts already redacted), under the
    keyed hash of the conversation, so that a client who stops after two taps still counts.
    It becomes an anonymous PulseAnswer when the survey ends, or PULSE_PENDING_TIMEOUT after
    its last answer, and is deleted in the same transaction: the link lasts only that long."""

    __tablename__ = "pulse_pending"

    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class PulseInvitation(Base):
    """A survey waiting for a web client after the advisor marked their meeting held: offered
    at the start of their next conversation, then deleted. Telegram clients get it pushed."""

    __tablename__ = "pulse_invitations"

    conversation_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    step: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Proposal(Base):
    """A client's proposal for the services, anonymous and redacted, with its theme
    (vocabulary.participation.THEMES) and where it came from."""

    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_theme_week_start", "theme", "week_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32))
    week_start: Mapped[date] = mapped_column(Date)


class ThemeAction(Base):
    """ "You said, we did": what the service developers did about a theme's proposals, in three
    languages, with the day it was done."""

    __tablename__ = "theme_actions"
    __table_args__ = (Index("ix_theme_actions_theme_done_on", "theme", "done_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    theme: Mapped[str] = mapped_column(String(32))
    text_fi: Mapped[str] = mapped_column(Text)
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    done_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PanelMember(Base):
    """A developer client: who agreed to be invited to plan, test and evaluate service pilots.

    `conversation_key` is the conversation that joined (and the contact, when the member chose
    "this chat"); `email` is stored only when the member chose e-mail, only here, for the
    panel. Interests and languages are bit masks (bit i = vocabulary.participation.THEMES[i],
    vocabulary.languages.LANGUAGES[i]). Leaving deletes the row at once.
    """

    __tablename__ = "panel_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(128), unique=True)
    # The version of the consent text the member was shown and agreed to.
    consent_version: Mapped[str] = mapped_column(String(32))
    interests: Mapped[int] = mapped_column(Integer)
    languages: Mapped[int] = mapped_column(Integer)
    # The conversation's language when joining: what an e-mailed invitation is written in.
    language: Mapped[str] = mapped_column(String(2))
    contact_channel: Mapped[str] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    joined_on: Mapped[date] = mapped_column(Date)


class PanelWithdrawal(Base):
    """That someone left the panel, and when: nothing about who."""

    __tablename__ = "panel_withdrawals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    withdrawn_on: Mapped[date] = mapped_column(Date)


class Pilot(Base):
    """A service pilot that panel members with matching interests (a bit mask over THEMES) are
    invited to, in three languages, with the day to answer by."""

    __tablename__ = "pilots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_fi: Mapped[str] = mapped_column(String(200))
    title_sv: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    text_fi: Mapped[str] = mapped_column(Text)
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    interests: Mapped[int] = mapped_column(Integer)
    answer_by: Mapped[date] = mapped_column(Date)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PilotInvitation(Base):
    """One member's invitation to a pilot and their yes or no. The id is random: the chat
    is given it, and only the member's own conversation can read or answer it."""

    __tablename__ = "pilot_invitations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilots.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answer: Mapped[str | None] = mapped_column(String(3))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PulseAnswerMargin(Base):
    """The pulse answers of one week counted by one dimension's value: by outcome ('' =
    skipped), step, channel, language or kind of offer. What the analytics read instead of a
    million answers (each answer is in five margins of its week).

    Written only by the database's own triggers on pulse_answers (migration 0007), in the same
    transaction as the answer, so the margins always equal the stored answers; never by the
    app.
    """

    __tablename__ = "pulse_answer_margins"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer)
    rated: Mapped[int] = mapped_column(Integer)  # answers with a rating
    rating_sum: Mapped[int] = mapped_column(Integer)
    went_well_texts: Mapped[int] = mapped_column(Integer)  # answers with that free text
    to_improve_texts: Mapped[int] = mapped_column(Integer)


class PulseDriverCell(Base):
    """How many answers of a week picked a driver (`bit` of DRIVERS) as having gone well
    (`side` "went_well") or to be improved ("to_improve"). Written only by the triggers of
    migration 0007, like PulseAnswerMargin."""

    __tablename__ = "pulse_driver_cells"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    side: Mapped[str] = mapped_column(String(16), primary_key=True)
    bit: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    answers: Mapped[int] = mapped_column(Integer)


class PulseOfferCell(Base):
    """How many times the survey was offered in a week, by kind of offer. Written only by the
    triggers of migration 0007, like PulseAnswerMargin."""

    __tablename__ = "pulse_offer_cells"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    offer_kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    offers: Mapped[int] = mapped_column(Integer)


FaqVersionState = Literal["draft", "live", "retired", "past"]
FAQ_VERSION_STATES: tuple[FaqVersionState, ...] = get_args(FaqVersionState)
PublishKind = Literal["text", "finetune", "full"]
PUBLISH_KINDS: tuple[PublishKind, ...] = get_args(PublishKind)
PublishState = Literal["queued", "training", "checking", "live", "rejected", "failed"]
PUBLISH_STATES: tuple[PublishState, ...] = get_args(PublishState)
# How a message the assistant did not understand ended: the fallback, or "did you mean".
MissedKind = Literal["fallback", "did_you_mean"]
MISSED_KINDS: tuple[MissedKind, ...] = get_args(MissedKind)
# A job in one of these is not finished: the topics it publishes wait for it.
UNFINISHED_PUBLISH_STATES: tuple[PublishState, ...] = ("queued", "training", "checking")


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


class FaqTopicVersion(Base):
    """One saved version of an FAQ topic; every save, restore, import and retirement adds one
    and none is ever changed but for its state.

    `document` is the whole topic in the shape of its YAML file (examples as lists per
    language); `file_text` is the file that publishing writes for it, which keeps the editors'
    comments and line breaks so that the files in git change only where the topic did.
    `state`: draft (saved, never published), live (what the assistant answers with), retired
    (published with `retires`: the topic is out of service), past (was live or retired, since
    replaced). At most one version of a topic is live or retired.
    """

    __tablename__ = "faq_topic_versions"
    __table_args__ = (
        UniqueConstraint("topic", "version", name="uq_faq_topic_versions_topic_version"),
        _one_of("state", FAQ_VERSION_STATES, "ck_faq_topic_versions_state"),
        Index(
            "ix_faq_topic_versions_published_topic",
            "topic",
            unique=True,
            sqlite_where=text("state IN ('live', 'retired')"),
            postgresql_where=text("state IN ('live', 'retired')"),
        ),
        Index("ix_faq_topic_versions_state", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)  # 1, 2, … per topic
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    file_text: Mapped[str] = mapped_column(Text)
    # Publishing this version takes the topic out of service.
    retires: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    # None: read from the files by the command line (make import-content, a fresh database).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The version whose document this one restored.
    restored_from: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The publish that made it live or retired.
    publish_job_id: Mapped[int | None] = mapped_column(ForeignKey("faq_publish_jobs.id"))
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FaqPublishJob(Base):
    """One publish of the FAQ: which versions (`versions`, {topic: version}: the topics it
    changes), how (`kind`) and how far it is.

    A text-only publish is done by the API at once. The others wait `queued` for the training
    worker, which claims the oldest one (a row lock, SKIP LOCKED on PostgreSQL; `claimed_by`,
    `heartbeat_at` tell a running job from one whose worker died), writes `state` and
    `progress` as it goes and `model` when it has one. `progress` is JSON for the editor:
    {"fraction": 0..1} and, while training, "stage", "component", "epoch", "epochs",
    "eta_seconds". `reason` says why a job was rejected or failed, in the editor's words.
    """

    __tablename__ = "faq_publish_jobs"
    __table_args__ = (
        _one_of("kind", PUBLISH_KINDS, "ck_faq_publish_jobs_kind"),
        _one_of("state", PUBLISH_STATES, "ck_faq_publish_jobs_state"),
        Index("ix_faq_publish_jobs_state_id", "state", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    versions: Mapped[dict[str, int]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The trained model it produced (a model file's name), for the swap and the rollback.
    model: Mapped[str | None] = mapped_column(String(255))
    # The publish this one undoes (a rollback: migration 0011); None for an ordinary one.
    rollback_of: Mapped[int | None] = mapped_column(Integer)


class MyDataLink(Base):
    """A one-time link to a copy of what is stored about a conversation's client. Only the
    SHA-256 of its random token is kept; it opens once (`used_at`), until `expires_at`."""

    __tablename__ = "my_data_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(128), index=True)
    language: Mapped[str] = mapped_column(String(2))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class JobLease(Base):
    """Which API instance runs a periodic job (`name`), and until when: with several
    instances, the one that takes the row (locked, SKIP LOCKED on PostgreSQL) and finds the
    lease over runs the job and holds it for the period; the others skip that round."""

    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(64))
    until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FaqLiveState(Base):
    """The one row (id 1) that says which FAQ content is live: `generation` grows by one with
    every publish that changes it, so that each API instance reloads its cached topics when
    it sees a new number. Publishes lock this row, so that two never interleave."""

    __tablename__ = "faq_live_state"
    __table_args__ = (CheckConstraint("id = 1", name="ck_faq_live_state_one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    generation: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class FaqMissedQuestion(Base):
    """A client's message that the assistant did not understand (it ended in the fallback or
    in "did you mean"), redacted by the API on receipt, for the content team to turn into an
    example question or dismiss; no conversation key. `nearest_topic`: the live topic whose
    examples share the most words with it when it came (None: none did). Deleted when added
    as an example, dismissed, or `missed_retention` after it came."""

    __tablename__ = "faq_missed_questions"
    __table_args__ = (
        _one_of("kind", MISSED_KINDS, "ck_faq_missed_questions_kind"),
        Index("ix_faq_missed_questions_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(16))
    nearest_topic: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class IdempotencyKey(Base):
    """The answer to a write that came with an `Idempotency-Key` (api.core.idempotency),
    stored in the write's own transaction, so that the same request again gets this answer
    instead of a second write. Only hashes of the key and of the request; `route` is the path
    template (no conversation key); `conversation_hash` (SHA-256 of the path's conversation
    key) lets withdrawing consent and "delete my data" take the stored answers with them.
    Deleted `idempotency_retention` after `created_at`."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        Index("ix_idempotency_keys_created_at", "created_at"),
        Index("ix_idempotency_keys_conversation_hash", "conversation_hash"),
    )

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    route: Mapped[str] = mapped_column(String(200))
    conversation_hash: Mapped[str | None] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


# The newest free texts of a language, for the analytics' themes (migration 0007).
for _side, _text in (
    ("went_well", PulseAnswer.went_well_text),
    ("to_improve", PulseAnswer.to_improve_text),
):
    Index(
        f"ix_pulse_answers_{_side}_texts",
        PulseAnswer.language,
        PulseAnswer.week_start,
        PulseAnswer.id,
        sqlite_where=_text != "",
        postgresql_where=_text != "",
    )
