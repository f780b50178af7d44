"""/editor: the content team's pages. The topics (completeness, review, variants, asks, draft
or live; search), import and publish with the plan and the recent publishes; a topic's editor
(save with the version it was loaded with: a stale save shows what changed meanwhile and keeps
the text; the schema's findings by their fields; the checks of the draft); a new topic; retire;
the preview as the chat shows it on any day; the versions, a diff of any two, restore; and what
clients asked that the assistant did not understand, to add as an example or dismiss.

Every page takes `ContentEditorLogin` (content editors and admins), which has checked a POST's
CSRF token: anyone else never reaches the page's code, and `api.main` answers them with the
login form or a 403 page (see rendering.py). Every change goes through the FAQ's services, as
the JSON API's do (api/routes/faq_topics.py, faq_publish.py), so it is versioned and audited.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.deps import (
    ContentEditorLogin,
    ExampleEmbeddingsDep,
    Login,
    NowDep,
    SessionDep,
    SettingsDep,
    TodayDep,
)
from api.orm import FaqPublishJob
from api.repositories import faq_publish_jobs, faq_topic_versions
from api.services.faq import missed, publishing, store
from api.services.faq.answers import render_answer
from api.services.faq.catalogue import summaries
from api.services.faq.checks import ExampleEmbeddings, check_topics
from api.services.faq.content import ContentError, Finding
from api.services.faq.diff import Change, changes, file_diff
from api.web.editor import forms
from api.web.editor.forms import TopicForm, VariantForm
from api.web.editor.rendering import PREFIX, chat_pieces, message_page, render
from api.web.staff.layout import redirect
from vocabulary.languages import LANGUAGES, as_language

router = APIRouter(prefix=PREFIX, include_in_schema=False)
JOBS_SHOWN = 10


def topic_path(topic: str, page: str = "") -> str:
    return f"{PREFIX}/topics/{topic}{'/' + page if page else ''}"


def titles(session: Session) -> dict[str, dict[str, str]]:
    """Each topic's titles (its newest version's), for naming topics on the pages."""
    return {name: row.document["title"] for name, row in faq_topic_versions.heads(session).items()}


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


# --- The topics ----------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
def topic_list(
    request: Request,
    editor: ContentEditorLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
    q: str = "",
) -> Response:
    """`?published=<job>` or `?publish=nothing`: what the publish button did, said on top."""
    query = q.strip()[:200]
    found = summaries(
        session,
        now=now,
        today=today,
        review_interval_months=settings.review_interval,
        asks_window=settings.faq_asks_window,
        query=query or None,
    )
    plan = publishing.plan(session)
    notice = request.query_params.get("publish")
    context = {
        "login": editor,
        "q": query,
        "topics": found,
        "languages": LANGUAGES,
        "review_interval": settings.review_interval,
        "asks_days": settings.faq_asks_window_days,
        "plan": plan,
        "jobs": faq_publish_jobs.newest(session, JOBS_SHOWN),
        "published": _int(request.query_params.get("published")),
        "nothing_to_publish": notice == "nothing",
        "nothing_to_roll_back": notice == "no_rollback",
        "publish_busy": notice == "busy",
    }
    return render(request, "editor/topics.html", context)


@router.post("/import", response_class=HTMLResponse)
def import_files(
    request: Request,
    editor: ContentEditorLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> Response:
    """The files of FAQ_DIR back in: each that differs from its topic's newest version is a
    draft on top (store.import_folder, as POST /api/v1/faq/import)."""
    try:
        result = store.import_folder(session, settings.faq_dir, author=editor.user, now=now)
    except ContentError as error:
        context = {"login": editor, "kind": "import", "findings": error.findings}
        return render(
            request,
            "editor/result.html",
            context,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    context = {"login": editor, "kind": "import", "imported": result, "findings": result.problems}
    return render(request, "editor/result.html", context)


# Where a publish or a rollback that did not start sends the editor back to: the list, with
# the reason said on top.
NOT_STARTED: dict[type[Exception], str] = {
    publishing.NothingToPublish: f"{PREFIX}?publish=nothing",
    publishing.NothingToRollBack: f"{PREFIX}?publish=no_rollback#publishes",
    publishing.PublishBusy: f"{PREFIX}?publish=busy#publishes",
}


def start(
    action: Callable[..., FaqPublishJob],
    request: Request,
    editor: Login,
    session: Session,
    settings: ApiSettings,
    now: datetime,
    today: date,
) -> Response:
    """Runs publishing.publish or .rollback as the JSON API does; the list with the job, or
    why it did not start, or the check findings that refused it."""
    try:
        job = action(
            session,
            author=editor.user,
            now=now,
            checking=publishing.Checking(today, settings.review_interval),
            faq_dir=settings.faq_dir,
        )
    except tuple(NOT_STARTED) as error:
        return redirect(NOT_STARTED[type(error)])
    except publishing.PublishRefused as refused:
        context = {"login": editor, "kind": "publish", "findings": refused.findings}
        return render(
            request,
            "editor/result.html",
            context,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    return redirect(f"{PREFIX}?published={job.id}#publishes")


@router.post("/publish", response_class=HTMLResponse)
def publish(
    request: Request,
    editor: ContentEditorLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
) -> Response:
    """Every topic's newest version (publishing.publish, as POST /api/v1/faq/publish)."""
    return start(publishing.publish, request, editor, session, settings, now, today)


@router.post("/rollback", response_class=HTMLResponse)
def rollback(
    request: Request,
    editor: ContentEditorLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    today: TodayDep,
) -> Response:
    """The one-click rollback: the newest training publish (and any after it) undone, the
    model from before it swapped back in (publishing.rollback, as POST
    /api/v1/faq/publish/rollback)."""
    return start(publishing.rollback, request, editor, session, settings, now, today)


# --- A topic's editor ----------------------------------------------------------------------


def draft_findings(
    session: Session,
    topic: str,
    settings: SettingsDep,
    today: date,
    embeddings: ExampleEmbeddings | None,
) -> list[Finding]:
    """The checks of the topic's newest version among the other topics as they would be live
    after publishing every draft (as GET /api/v1/faq/topics/{topic}/checks)."""
    head = store.head(session, topic)
    if head.retires:
        return []
    content = {**publishing.plan(session).content, topic: store.as_topic(head)}
    return check_topics(
        content,
        today=today,
        review_interval_months=settings.review_interval,
        embeddings=embeddings,
        only={topic},
    )


def topic_page(
    request: Request,
    login: Login,
    session: Session,
    *,
    values: TopicForm,
    base: int | None,
    errors: list[Finding] | None = None,
    checks: list[Finding] | None = None,
    stale: store.StaleVersion | None = None,
    status_code: int = status.HTTP_200_OK,
) -> Response:
    """The editor of a topic (`base`: the version it was loaded with; None: a new topic)."""
    if not values.variants:
        values.variants.append(VariantForm())
    head = None if base is None else faq_topic_versions.head(session, values.topic)
    meanwhile = []
    if stale is not None:
        meanwhile = [
            (row, author)
            for row, author in faq_topic_versions.history(session, stale.topic)
            if row.version > stale.base
        ]
    context: dict[str, Any] = {
        "login": login,
        "values": values,
        "base": base,
        "head": head,
        "languages": LANGUAGES,
        "errors": forms.by_field(errors or []),
        "error_list": errors or [],
        "field_of": forms.field_of,
        "checks": checks,
        "stale": stale,
        "meanwhile": meanwhile,
        "saved": _int(request.query_params.get("saved")),
        "notice": request.query_params.get("notice"),
        "conflicts": request.query_params.get("conflicts") == "1",
        "titles": titles(session),
    }
    return render(request, "editor/topic.html", context, status_code=status_code)


@router.get("/topics/new", response_class=HTMLResponse)
def new_topic_form(request: Request, editor: ContentEditorLogin, session: SessionDep) -> Response:
    return topic_page(request, editor, session, values=TopicForm(), base=None)


@router.post("/topics/new", response_class=HTMLResponse)
async def create_topic(
    request: Request, editor: ContentEditorLogin, session: SessionDep, now: NowDep
) -> Response:
    """A new topic: its first version, a draft (store.create, as POST /api/v1/faq/topics)."""
    form = await request.form()
    values = forms.from_form(form)
    if form.get("action") == "add_variant":
        values.variants.append(VariantForm())
        return topic_page(request, editor, session, values=values, base=None)
    try:
        row = store.create(session, forms.to_document(values), author=editor.user, now=now)
    except ContentError as error:
        return topic_page(
            request,
            editor,
            session,
            values=values,
            base=None,
            errors=error.findings,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    except store.TopicExists:
        exists = Finding(
            "error",
            "topic_id",
            values.topic,
            "topic",
            f"a topic {values.topic!r} exists already",
            "choose another id, or restore that topic's version if it is retired",
        )
        return topic_page(
            request,
            editor,
            session,
            values=values,
            base=None,
            errors=[exists],
            status_code=status.HTTP_409_CONFLICT,
        )
    return redirect(f"{topic_path(row.topic)}?saved={row.version}")


@router.get("/topics/{topic}", response_class=HTMLResponse)
def edit_topic(
    request: Request,
    topic: str,
    editor: ContentEditorLogin,
    session: SessionDep,
    settings: SettingsDep,
    today: TodayDep,
    embeddings: ExampleEmbeddingsDep,
) -> Response:
    """`?conflicts=1`: the checks look for likely conflicts too (the sentence embeddings)."""
    try:
        head = store.head(session, topic)
    except store.UnknownTopic:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    with_conflicts = request.query_params.get("conflicts") == "1"
    checks = draft_findings(session, topic, settings, today, embeddings if with_conflicts else None)
    values = forms.from_document(head.document)
    return topic_page(request, editor, session, values=values, base=head.version, checks=checks)


@router.post("/topics/{topic}", response_class=HTMLResponse)
async def save_topic(
    request: Request, topic: str, editor: ContentEditorLogin, session: SessionDep, now: NowDep
) -> Response:
    """The form as a new version started from its `version` (store.save, as PUT
    /api/v1/faq/topics/{topic}); "add a dated variant" only shows the form with one more."""
    form = await request.form()
    values = forms.from_form(form, topic=topic)
    base = _int(str(form.get("version", "")))
    if base is None:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    if faq_topic_versions.head(session, topic) is None:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    if form.get("action") == "add_variant":
        values.variants.append(VariantForm())
        return topic_page(request, editor, session, values=values, base=base)
    try:
        row = store.save(
            session, topic, forms.to_document(values), base=base, author=editor.user, now=now
        )
    except store.UnknownTopic:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    except ContentError as error:
        return topic_page(
            request,
            editor,
            session,
            values=values,
            base=base,
            errors=error.findings,
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )
    except store.StaleVersion as error:
        # The editor's text stays in the form; saving it again goes on top of the newest.
        return topic_page(
            request,
            editor,
            session,
            values=values,
            base=error.head.version,
            stale=error,
            status_code=status.HTTP_409_CONFLICT,
        )
    return redirect(f"{topic_path(topic)}?saved={row.version}")


def stale_page(
    request: Request, login: Login, session: Session, error: store.StaleVersion
) -> Response:
    meanwhile = [
        (row, author)
        for row, author in faq_topic_versions.history(session, error.topic)
        if row.version > error.base
    ]
    context = {"login": login, "stale": error, "meanwhile": meanwhile, "titles": titles(session)}
    return render(request, "editor/stale.html", context, status_code=status.HTTP_409_CONFLICT)


@router.post("/topics/{topic}/retire", response_class=HTMLResponse)
async def retire_topic(
    request: Request, topic: str, editor: ContentEditorLogin, session: SessionDep, now: NowDep
) -> Response:
    """A draft that takes the topic out of service when published (store.retire)."""
    form = await request.form()
    base = _int(str(form.get("version", "")))
    try:
        if base is None:
            raise store.UnknownTopic(topic)
        row = store.retire(session, topic, base=base, author=editor.user, now=now)
    except store.UnknownTopic:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    except store.StaleVersion as error:
        return stale_page(request, editor, session, error)
    return redirect(f"{topic_path(topic)}?saved={row.version}&notice=retired")


# --- Preview -------------------------------------------------------------------------------


@router.get("/topics/{topic}/preview", response_class=HTMLResponse)
def preview(
    request: Request,
    topic: str,
    editor: ContentEditorLogin,
    session: SessionDep,
    today: TodayDep,
    language: str = "fi",
    on: str = "",
    version: str = "",
) -> Response:
    """The answer as the chat shows it (render_answer, as GET /api/v1/faq/{topic} and the
    preview API) for the day and language, of the newest version or `version`."""
    history = faq_topic_versions.history(session, topic)
    if not history:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    chosen_language = as_language(language)
    bad_day = False
    try:
        day = date.fromisoformat(on) if on else today
    except ValueError:
        day, bad_day = today, True
    number = _int(version)
    row = next((r for r, _ in history if r.version == number), history[0][0])
    parsed = store.as_topic(row)
    content = {**publishing.plan(session).content, topic: parsed}
    answer = render_answer(parsed, content, chosen_language, day)
    context = {
        "login": editor,
        "topic": topic,
        "row": row,
        "history": history,
        "language": chosen_language,
        "day": day,
        "bad_day": bad_day,
        "answer": answer,
        "pieces": [] if answer is None else [chat_pieces(p) for p in answer.text.split("\n")],
        "titles": titles(session),
    }
    return render(request, "editor/preview.html", context)


# --- Versions ------------------------------------------------------------------------------


@router.get("/topics/{topic}/versions", response_class=HTMLResponse)
def versions(
    request: Request, topic: str, editor: ContentEditorLogin, session: SessionDep
) -> Response:
    history = faq_topic_versions.history(session, topic)
    if not history:
        return message_page(request, editor, "no_topic", status.HTTP_404_NOT_FOUND, PREFIX)
    context = {
        "login": editor,
        "topic": topic,
        "history": history,
        "head": history[0][0],
        "restored": _int(request.query_params.get("restored")),
        "titles": titles(session),
    }
    return render(request, "editor/versions.html", context)


@router.get("/topics/{topic}/diff", response_class=HTMLResponse)
def diff(
    request: Request,
    topic: str,
    editor: ContentEditorLogin,
    session: SessionDep,
    from_version: str = "",
    to_version: str = "",
) -> Response:
    """`?from_version=&to_version=`: the changes field by field (api.services.faq.diff) and
    the file's unified diff."""
    first, second = _int(from_version), _int(to_version)
    try:
        if first is None or second is None:
            raise store.UnknownTopic(topic)
        before = store.version(session, topic, first)
        after = store.version(session, topic, second)
    except store.UnknownTopic:
        return message_page(request, editor, "no_version", status.HTTP_404_NOT_FOUND, PREFIX)
    found: list[Change] = changes(
        before.document,
        after.document,
        retired_before=before.retires,
        retired_after=after.retires,
    )
    context = {
        "login": editor,
        "topic": topic,
        "before": before,
        "after": after,
        "changes": found,
        "file_diff": file_diff(
            before.file_text,
            after.file_text,
            f"{topic}.yml (v{before.version})",
            f"{topic}.yml (v{after.version})",
        ),
        "history": faq_topic_versions.history(session, topic),
        "titles": titles(session),
    }
    return render(request, "editor/diff.html", context)


@router.post("/topics/{topic}/versions/{number}/restore", response_class=HTMLResponse)
async def restore(
    request: Request,
    topic: str,
    number: int,
    editor: ContentEditorLogin,
    session: SessionDep,
    now: NowDep,
) -> Response:
    """Version `number` again as a new draft on top (store.restore), refused if the page's
    `version` is no longer the newest."""
    form = await request.form()
    base = _int(str(form.get("version", "")))
    try:
        row = store.restore(session, topic, number, base=base, author=editor.user, now=now)
    except store.UnknownTopic:
        return message_page(request, editor, "no_version", status.HTTP_404_NOT_FOUND, PREFIX)
    except store.StaleVersion as error:
        return stale_page(request, editor, session, error)
    return redirect(f"{topic_path(topic, 'versions')}?restored={row.version}")


# --- What the assistant did not understand -------------------------------------------------


@router.get("/missed", response_class=HTMLResponse)
def missed_list(
    request: Request, editor: ContentEditorLogin, session: SessionDep, settings: SettingsDep
) -> Response:
    """`?added=<topic>&version=<n>` or `?dismissed=1`: what the last click did."""
    heads = faq_topic_versions.heads(session)
    context = {
        "login": editor,
        "groups": missed.groups(session),
        "targets": missed.topics_of(heads.values()),
        "titles": {name: row.document["title"] for name, row in heads.items()},
        "retention_days": settings.missed_retention_days,
        "added": request.query_params.get("added"),
        "added_version": _int(request.query_params.get("version")),
        "dismissed": request.query_params.get("dismissed") == "1",
    }
    return render(request, "editor/missed.html", context)


@router.post("/missed/{question_id}/add", response_class=HTMLResponse)
async def add_missed(
    request: Request,
    question_id: int,
    editor: ContentEditorLogin,
    session: SessionDep,
    now: NowDep,
) -> Response:
    """The question as an example of the form's `topic`: a new draft version (the store's
    save, audited); the question leaves the list."""
    form = await request.form()
    topic = str(form.get("topic", ""))
    try:
        row = missed.add_as_example(session, question_id, topic, author=editor.user, now=now)
    except missed.UnknownQuestion:
        return message_page(
            request, editor, "no_question", status.HTTP_404_NOT_FOUND, f"{PREFIX}/missed"
        )
    except store.UnknownTopic:
        return message_page(
            request, editor, "no_topic", status.HTTP_404_NOT_FOUND, f"{PREFIX}/missed"
        )
    except (ContentError, store.StaleVersion):
        return message_page(
            request, editor, "not_added", status.HTTP_409_CONFLICT, f"{PREFIX}/missed"
        )
    return redirect(f"{PREFIX}/missed?added={row.topic}&version={row.version}")


@router.post("/missed/{question_id}/dismiss", response_class=HTMLResponse)
def dismiss_missed(
    request: Request,
    question_id: int,
    editor: ContentEditorLogin,
    session: SessionDep,
    now: NowDep,
) -> Response:
    try:
        missed.dismiss(session, question_id, author=editor.user, now=now)
    except missed.UnknownQuestion:
        return message_page(
            request, editor, "no_question", status.HTTP_404_NOT_FOUND, f"{PREFIX}/missed"
        )
    return redirect(f"{PREFIX}/missed?dismissed=1")
