"""Administration from the command line, in the app environment.

    python -m api.cli create-user --email E --role R --password-stdin [--name "Display Name"]
    python -m api.cli purge-expired   # what the API also does every hour (retention)
    python -m api.cli import-content  # FAQ_DIR's topic files into the database
    python -m api.cli check-content [--files] [--no-conflicts]   # make check-content
    python -m api.cli export-content  # the live topics into FAQ_DIR's files
    python -m api.cli classify-texts  # themes for pulse texts stored without one (make migrate)

The password is read from standard input (one line), so it never shows in the process list
or the shell history. The user is created in the database of DATABASE_URL (ApiSettings).
"""

import argparse
import sys
from typing import TextIO

from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from api.core.clock import Clock, SystemClock, today_in_finland
from api.core.database import make_engine
from api.core.security import hash_password
from api.core.settings import ApiSettings, get_settings
from api.orm import ROLES
from api.repositories import users
from api.schemas.users import UserCreate
from api.services.faq import publishing, store
from api.services.faq.checks import ExampleEmbeddings, check_topics
from api.services.faq.content import ContentError, Finding, Topic
from api.services.faq.files import read_folder
from api.services.retention import purge_once, tracker_engine
from api.services.themes.backfill import classify_unthemed
from api.services.themes.classifier import EmbeddingThemes, ThemeClassifier
from embeddings import CachedEmbedder, E5Embedder, Embedder


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(prog="python -m api.cli", description="Kohtaamo administration")
    commands = cli.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a staff account")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, help=" | ".join(ROLES))
    create.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password (at least 12 characters) from standard input",
    )
    create.add_argument("--name", help="display name (default: the email's local part)")
    commands.add_parser(
        "purge-expired", help="delete clients' answers past their retention time now"
    )
    commands.add_parser(
        "import-content",
        help="read FAQ_DIR's topic files into the database: live into an empty one, else"
        " each changed file as a draft to check and publish",
    )
    check = commands.add_parser(
        "check-content",
        help="check the FAQ as a publish would (every topic's newest version); exit 1 on errors",
    )
    check.add_argument(
        "--files", action="store_true", help="check FAQ_DIR's files instead of the database"
    )
    check.add_argument(
        "--no-conflicts",
        action="store_true",
        help="skip the likely-conflict check (it embeds every example; slow the first time)",
    )
    commands.add_parser("export-content", help="write the live FAQ topics into FAQ_DIR")
    commands.add_parser(
        "classify-texts",
        help="give the pulse survey's texts stored without a theme theirs (after migration 0010)",
    )
    return cli


def purge(settings: ApiSettings, clock: Clock) -> str:
    engine = make_engine(settings.database_url)
    tracker = tracker_engine(settings.tracker_database_url)
    try:
        purged = purge_once(sessionmaker(engine), settings, clock, tracker=tracker)
    finally:
        tracker.dispose()
        engine.dispose()
    return (
        f"deleted {purged.answers} answers, {purged.faq_topic_asks} FAQ topic asks,"
        f" {purged.invite_attempts} wrong-code attempts, {purged.outbox_messages} outbox"
        f" messages and {purged.pulse_invitations} pulse invitations older than"
        f" {settings.answer_retention}, and {purged.pulse_asks} pulse offer times older than"
        f" {settings.pulse_min_interval}, {purged.missed_questions} missed questions older"
        f" than {settings.missed_retention}; {purged.conversation_events} conversation log"
        f" events older than {settings.conversation_retention}"
    )


def import_content(settings: ApiSettings, clock: Clock) -> str:
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            result = store.import_folder(session, settings.faq_dir, author=None, now=clock.now())
    except ContentError as error:
        raise ValueError("the files have errors:\n  " + "\n  ".join(error.problems)) from None
    except SQLAlchemyError as error:
        raise ValueError(
            f"database error ({type(error).__name__}); is it migrated (make migrate)?"
        ) from None
    finally:
        engine.dispose()
    lines = [f"  could not read: {finding.line()}" for finding in result.problems]
    if result.live:
        lines.insert(0, f"{len(result.added)} topics imported from {settings.faq_dir}: live")
    else:
        lines.insert(
            0,
            f"{len(result.added)} topics got a draft from {settings.faq_dir}"
            f" ({', '.join(result.added) or 'none'}), {len(result.unchanged)} unchanged;"
            " publish the drafts in the editor",
        )
    return "\n".join(lines)


def report(findings: list[Finding], checked: str) -> tuple[str, bool]:
    found_errors = [f for f in findings if f.severity == "error"]
    lines = [f"{f.severity}: {f.line()}" for f in findings]
    lines.append(
        f"{checked}: {len(found_errors)} errors, {len(findings) - len(found_errors)} warnings"
        + (" (errors block a publish)" if found_errors else "")
    )
    return "\n".join(lines), not found_errors


def check_content(
    args: argparse.Namespace, settings: ApiSettings, clock: Clock, embedder: Embedder | None
) -> tuple[str, bool]:
    """The findings as lines, and whether there was no error."""
    today = settings.today or today_in_finland(clock.now())
    embeddings = None
    if not args.no_conflicts:
        embeddings = ExampleEmbeddings(
            embedder or CachedEmbedder(E5Embedder(), settings.embeddings_cache_dir)
        )
    content: dict[str, Topic] | None = None
    problems: list[Finding] = []
    checked = f"the database's topics ({settings.database_url})"
    if not args.files:
        engine = make_engine(settings.database_url)
        try:
            with Session(engine) as session:
                planned = publishing.plan(session)
                if planned.content or planned.versions:
                    content = planned.content
        except SQLAlchemyError as error:
            raise ValueError(
                f"database error ({type(error).__name__}); is it migrated (make migrate)?"
            ) from None
        finally:
            engine.dispose()
    if content is None:  # the files, asked for or because the database has no topics yet
        files, problems = read_folder(settings.faq_dir)
        content = {name: item.topic for name, item in files.items()}
        checked = f"the files in {settings.faq_dir}"
    found = problems + check_topics(
        content,
        today=today,
        review_interval_months=settings.review_interval,
        embeddings=embeddings,
    )
    return report(found, checked)


def export_content(settings: ApiSettings) -> str:
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            changed = publishing.export_live(session, settings.faq_dir)
    finally:
        engine.dispose()
    return f"{len(changed)} files written in {settings.faq_dir}: {', '.join(changed) or 'none'}"


def classify_texts(settings: ApiSettings, classifier: ThemeClassifier) -> str:
    """The model is loaded only if some text has no theme."""
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            done = classify_unthemed(session, classifier)
    finally:
        engine.dispose()
    return f"classified {done} free texts stored without a theme"


def describe(error: ValidationError) -> str:
    problems = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        problems.append(f"{field}: {problem['msg']}")
    return "; ".join(problems)


def create_user(
    args: argparse.Namespace, stdin: TextIO, settings: ApiSettings, clock: Clock
) -> str:
    """Creates the user; returns the confirmation, or raises ValueError with the reason."""
    password = stdin.readline().rstrip("\r\n")
    name = args.name if args.name is not None else args.email.split("@", 1)[0]
    try:
        body = UserCreate(email=args.email, display_name=name, role=args.role, password=password)
    except ValidationError as error:
        raise ValueError(describe(error)) from None
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            user = users.create(
                session,
                email=body.email,
                display_name=body.display_name,
                role=body.role,
                password_hash=hash_password(body.password),
                now=clock.now(),
            )
            return f"created {user.role} {user.email} (id {user.id})"
    except users.DuplicateEmailError:
        raise ValueError(f"a user with the email {body.email} already exists") from None
    except SQLAlchemyError as error:
        raise ValueError(
            f"database error ({type(error).__name__}); is it migrated (make migrate)?"
        ) from None
    finally:
        engine.dispose()


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    settings: ApiSettings | None = None,
    clock: Clock | None = None,
    embedder: Embedder | None = None,
    classifier: ThemeClassifier | None = None,
) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    clock = clock or SystemClock()
    args = parser().parse_args(argv)
    passed = True
    try:
        settings = settings or get_settings()
        if args.command == "purge-expired":
            message = purge(settings, clock)
        elif args.command == "import-content":
            message = import_content(settings, clock)
        elif args.command == "check-content":
            message, passed = check_content(args, settings, clock, embedder)
        elif args.command == "export-content":
            message = export_content(settings)
        elif args.command == "classify-texts":
            message = classify_texts(settings, classifier or EmbeddingThemes(E5Embedder()))
        else:
            message = create_user(args, stdin or sys.stdin, settings, clock)
    except ValueError as error:
        stderr.write(f"error: {error}\n")
        return 1
    stdout.write(message + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
