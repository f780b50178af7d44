"""/api/v1/faq/topics, /api/v1/faq/checks, /api/v1/faq/import: the content team edits the FAQ
(content editors and admins; other roles get 403). Every change is a new version (a draft
until published: /api/v1/faq/publish) and an audit log entry."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, status
from sqlalchemy.orm import Session

from api.deps import (
    MAX_ROW_ID,
    ContentEditorUser,
    ExampleEmbeddingsDep,
    NowDep,
    RowId,
    SessionDep,
    SettingsDep,
    TodayDep,
)
from api.orm import FaqTopicVersion, User
from api.repositories import faq_topic_versions
from api.schemas.faq import FaqAnswerOut
from api.schemas.faq_topics import (
    EXAMPLE_DOCUMENT,
    AuthorOut,
    ChangeOut,
    ChecksOut,
    DiffOut,
    FindingOut,
    ImportOut,
    InvalidOut,
    InvalidResponse,
    LanguageCompleteness,
    StaleOut,
    StaleResponse,
    TopicListOut,
    TopicSummaryOut,
    VariantDates,
    VersionOut,
    VersionRef,
)
from api.services.faq import store
from api.services.faq.answers import render_answer
from api.services.faq.catalogue import summaries
from api.services.faq.checks import ExampleEmbeddings, check_topics
from api.services.faq.content import ContentError, Finding
from api.services.faq.diff import changes, file_diff
from api.services.faq.publishing import plan
from vocabulary.languages import Language

router = APIRouter(prefix="/faq", tags=["faq content"])

Document = Annotated[
    dict[str, Any],
    Body(
        description="The topic in the shape of its YAML file (examples as lists per language)"
        " and `version`: the version the edit started from.",
        openapi_examples={"waiting_period": {"value": EXAMPLE_DOCUMENT}},
    ),
]
REFUSALS: dict[int | str, dict[str, Any]] = {
    409: {"model": StaleResponse, "description": "The version is stale"},
    422: {"model": InvalidResponse, "description": "The document is not a valid topic"},
}
Conflicts = Annotated[
    bool,
    Query(description="Also look for likely conflicts with the sentence embeddings (slower)."),
]


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut.model_validate(finding, from_attributes=True)


def invalid(error: ContentError) -> HTTPException:
    body = InvalidOut(findings=[finding_out(f) for f in error.findings])
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=body.model_dump(mode="json"))


def version_out(row: FaqTopicVersion, author: User | None) -> VersionOut:
    return VersionOut(
        version=row.version,
        state=row.state,
        retires=row.retires,
        author=None
        if author is None
        else AuthorOut(id=author.id, display_name=author.display_name),
        created_at=row.created_at,
        restored_from=row.restored_from,
        published_at=row.published_at,
        publish_job=row.publish_job_id,
    )


def stale(session: Session, error: store.StaleVersion) -> HTTPException:
    meanwhile = [
        version_out(row, author)
        for row, author in faq_topic_versions.history(session, error.topic)
        if row.version > error.base
    ]
    body = StaleOut(
        version=error.head.version,
        changes=[ChangeOut.model_validate(c, from_attributes=True) for c in error.changes],
        versions=meanwhile,
    )
    return HTTPException(status.HTTP_409_CONFLICT, detail=body.model_dump(mode="json"))


def not_found(what: str = "no such topic") -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=what)


def document_out(row: FaqTopicVersion) -> dict[str, Any]:
    return {**row.document, "version": row.version}


def base_version(raw: dict[str, Any], topic: str) -> int:
    """The `version` the edit started from, taken out of the body."""
    value = raw.pop("version", None)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    what = "the version the edit started from is missing" if value is None else "not a version"
    fix = "send back the `version` that GET gave with the topic"
    raise invalid(ContentError([Finding("error", "schema", topic, "version", what, fix)]))


@router.get("/topics", response_model=TopicListOut)
def list_topics(
    editor: ContentEditorUser,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
    q: Annotated[str | None, Query(description="Search ids, titles, answers, examples")] = None,
) -> TopicListOut:
    """Every topic's newest version, by id; retired ones too."""
    found = summaries(
        session,
        now=now,
        today=today,
        review_interval_months=settings.review_interval,
        asks_window=settings.faq_asks_window,
        query=q,
    )
    return TopicListOut(
        review_interval_months=settings.review_interval,
        asks_days=settings.faq_asks_window_days,
        topics=[
            TopicSummaryOut(
                topic=s.topic.topic,
                title=s.topic.title.root,
                version=s.head.version,
                state=s.head.state,
                live_version=(
                    s.published.version
                    if s.published is not None and not s.published.retires
                    else None
                ),
                retired=s.published is not None and s.published.retires,
                retires=s.head.retires,
                completeness={
                    language: LanguageCompleteness(
                        examples=c.examples, needed=c.needed, complete=c.complete
                    )
                    for language, c in s.completeness.items()
                },
                reviewed=s.topic.reviewed,
                review_due=s.review_due,
                overdue=s.overdue,
                variants=[
                    VariantDates(valid_from=v.valid_from, valid_until=v.valid_until)
                    for v in s.topic.variants
                ],
                asks=s.asks,
            )
            for s in found
        ],
    )


@router.post(
    "/topics",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The topic exists"}, 422: REFUSALS[422]},
)
def create_topic(
    raw: Document, editor: ContentEditorUser, session: SessionDep, now: NowDep
) -> dict[str, Any]:
    """A new topic (its first version, a draft); any `version` in the body is ignored."""
    raw.pop("version", None)
    try:
        row = store.create(session, raw, author=editor, now=now)
    except ContentError as error:
        raise invalid(error) from None
    except store.TopicExists:
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail="a topic with that id exists (restore it if retired)"
        ) from None
    return document_out(row)


@router.get("/topics/{topic}")
def get_topic(topic: str, editor: ContentEditorUser, session: SessionDep) -> dict[str, Any]:
    """The topic's newest version: the document and its `version`."""
    try:
        return document_out(store.head(session, topic))
    except store.UnknownTopic:
        raise not_found() from None


@router.put("/topics/{topic}", responses=REFUSALS)
def save_topic(
    topic: str, raw: Document, editor: ContentEditorUser, session: SessionDep, now: NowDep
) -> dict[str, Any]:
    """A new version (a draft) from the document; refused if `version` is not the newest."""
    base = base_version(raw, topic)
    try:
        row = store.save(session, topic, raw, base=base, author=editor, now=now)
    except store.UnknownTopic:
        raise not_found() from None
    except ContentError as error:
        raise invalid(error) from None
    except store.StaleVersion as error:
        raise stale(session, error) from None
    return document_out(row)


@router.post("/topics/{topic}/retire", responses={409: REFUSALS[409]})
def retire_topic(
    topic: str, body: VersionRef, editor: ContentEditorUser, session: SessionDep, now: NowDep
) -> dict[str, Any]:
    """A draft that takes the topic out of service when published (restoring a version
    brings it back)."""
    try:
        row = store.retire(session, topic, base=body.version, author=editor, now=now)
    except store.UnknownTopic:
        raise not_found() from None
    except store.StaleVersion as error:
        raise stale(session, error) from None
    return document_out(row)


@router.get("/topics/{topic}/preview", response_model=FaqAnswerOut)
def preview_topic(
    topic: str,
    editor: ContentEditorUser,
    session: SessionDep,
    today: TodayDep,
    language: Annotated[Language, Query(description="The answer's language")] = "fi",
    on: Annotated[date | None, Query(description="The day (default: today)")] = None,
    version: Annotated[
        int | None, Query(ge=1, le=MAX_ROW_ID, description="Default: the newest")
    ] = None,
) -> FaqAnswerOut:
    """The answer as the chat gives it on the day, for a draft too (related topics as they
    would be live after publishing every draft); 404 when no variant is in force then."""
    try:
        row = (
            store.head(session, topic)
            if version is None
            else store.version(session, topic, version)
        )
    except store.UnknownTopic:
        raise not_found("no such version") from None
    parsed = store.as_topic(row)
    content = {**plan(session).content, topic: parsed}
    answer = render_answer(parsed, content, language, on or today)
    if answer is None:
        raise not_found("no rule in force on that day")
    return answer


@router.get("/topics/{topic}/versions", response_model=list[VersionOut])
def list_versions(topic: str, editor: ContentEditorUser, session: SessionDep) -> list[VersionOut]:
    """Newest first: who saved each, when, and which is live."""
    rows = faq_topic_versions.history(session, topic)
    if not rows:
        raise not_found()
    return [version_out(row, author) for row, author in rows]


@router.get("/topics/{topic}/versions/{number}")
def get_version(
    topic: str, number: RowId, editor: ContentEditorUser, session: SessionDep
) -> dict[str, Any]:
    try:
        return document_out(store.version(session, topic, number))
    except store.UnknownTopic:
        raise not_found("no such version") from None


@router.post(
    "/topics/{topic}/versions/{number}/restore",
    status_code=status.HTTP_201_CREATED,
    responses={409: REFUSALS[409]},
)
def restore_version(
    topic: str,
    number: RowId,
    editor: ContentEditorUser,
    session: SessionDep,
    now: NowDep,
    body: VersionRef | None = None,
) -> dict[str, Any]:
    """The version's document again, as a new draft on top; with a body, refused if its
    `version` is not the newest."""
    try:
        row = store.restore(
            session,
            topic,
            number,
            base=None if body is None else body.version,
            author=editor,
            now=now,
        )
    except store.UnknownTopic:
        raise not_found("no such version") from None
    except store.StaleVersion as error:
        raise stale(session, error) from None
    return document_out(row)


@router.get("/topics/{topic}/diff", response_model=DiffOut)
def diff_versions(
    topic: str,
    editor: ContentEditorUser,
    session: SessionDep,
    from_version: Annotated[
        int, Query(alias="from", ge=1, le=MAX_ROW_ID, description="The older version")
    ],
    to_version: Annotated[
        int, Query(alias="to", ge=1, le=MAX_ROW_ID, description="The newer version")
    ],
) -> DiffOut:
    try:
        before = store.version(session, topic, from_version)
        after = store.version(session, topic, to_version)
    except store.UnknownTopic:
        raise not_found("no such version") from None
    found = changes(
        before.document,
        after.document,
        retired_before=before.retires,
        retired_after=after.retires,
    )
    return DiffOut(
        topic=topic,
        from_version=from_version,
        to_version=to_version,
        changes=[ChangeOut.model_validate(c, from_attributes=True) for c in found],
        file_diff=file_diff(
            before.file_text,
            after.file_text,
            f"{topic}.yml (v{from_version})",
            f"{topic}.yml (v{to_version})",
        ),
    )


def checks_out(found: list[Finding]) -> ChecksOut:
    return ChecksOut(
        errors=sum(f.severity == "error" for f in found),
        warnings=sum(f.severity == "warning" for f in found),
        findings=[finding_out(f) for f in found],
    )


def _embeddings(conflicts: bool, embeddings: ExampleEmbeddings) -> ExampleEmbeddings | None:
    return embeddings if conflicts else None


@router.get("/checks", response_model=ChecksOut)
def check_content(
    editor: ContentEditorUser,
    session: SessionDep,
    settings: SettingsDep,
    today: TodayDep,
    embeddings: ExampleEmbeddingsDep,
    conflicts: Conflicts = True,
) -> ChecksOut:
    """The checks of what would be live after publishing every draft (what a publish
    checks, and the warnings)."""
    content = plan(session).content
    return checks_out(
        check_topics(
            content,
            today=today,
            review_interval_months=settings.review_interval,
            embeddings=_embeddings(conflicts, embeddings),
        )
    )


@router.get("/topics/{topic}/checks", response_model=ChecksOut)
def check_topic(
    topic: str,
    editor: ContentEditorUser,
    session: SessionDep,
    settings: SettingsDep,
    today: TodayDep,
    embeddings: ExampleEmbeddingsDep,
    conflicts: Conflicts = True,
) -> ChecksOut:
    """The checks of the topic's newest version among the other topics as they would be
    live after publishing every draft."""
    try:
        head = store.head(session, topic)
    except store.UnknownTopic:
        raise not_found() from None
    content = dict(plan(session).content)
    if not head.retires:
        content[topic] = store.as_topic(head)
    return checks_out(
        check_topics(
            content,
            today=today,
            review_interval_months=settings.review_interval,
            embeddings=_embeddings(conflicts, embeddings),
            only={topic},
        )
    )


@router.post("/import", response_model=ImportOut)
def import_files(
    editor: ContentEditorUser, session: SessionDep, settings: SettingsDep, now: NowDep
) -> ImportOut:
    """Reads FAQ_DIR's files back: each that differs from its topic's newest version becomes
    a draft on top (to be checked and published)."""
    try:
        result = store.import_folder(session, settings.faq_dir, author=editor, now=now)
    except ContentError as error:
        raise invalid(error) from None
    return ImportOut(
        added=result.added,
        unchanged=result.unchanged,
        live=result.live,
        findings=[finding_out(f) for f in result.problems],
    )
