import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cli import main
from api.core.security import verify_password
from api.core.settings import ApiSettings
from api.orm import PulseAnswer
from api.repositories import faq_topic_versions, users
from tests.api.conftest import KEYWORD_THEMES
from tests.api.fake_embedder import FakeEmbedder
from tests.api.faq_fixtures import topic, write
from tests.api.pulse_rows import answer, store

PASSWORD = "made-up password 42"


def run(settings: ApiSettings, *args: str, stdin: str = PASSWORD + "\n") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), io.StringIO(stdin), out, err, settings)
    return code, out.getvalue(), err.getvalue()


def create(settings: ApiSettings, email: str, role: str, **more: str) -> tuple[int, str, str]:
    extra = [f"--{key}={value}" for key, value in more.items()]
    return run(
        settings, "create-user", "--email", email, "--role", role, "--password-stdin", *extra
    )


def test_create_user_stores_an_argon2_hash_and_confirms_without_the_password(
    settings: ApiSettings, db: Session
) -> None:
    code, out, err = create(settings, "Aino.Advisor@Example.org", "advisor", name="Aino Advisor")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert "aino.advisor@example.org" in out
    assert PASSWORD not in out
    user = users.by_email(db, "aino.advisor@example.org")
    assert user is not None
    assert (user.role, user.display_name, user.is_active) == ("advisor", "Aino Advisor", True)
    assert user.password_hash.startswith("$argon2")
    assert verify_password(PASSWORD, user.password_hash)


def test_display_name_defaults_to_the_email_local_part(settings: ApiSettings, db: Session) -> None:
    assert create(settings, "editor@example.org", "content_editor")[0] == 0
    user = users.by_email(db, "editor@example.org")
    assert user is not None and user.display_name == "editor"


def test_duplicate_email_fails_clearly(settings: ApiSettings) -> None:
    assert create(settings, "same@example.org", "admin")[0] == 0
    code, out, err = create(settings, "SAME@example.org", "analyst")
    assert code != 0
    assert out == ""
    assert "already exists" in err


def test_unknown_role_fails_clearly(settings: ApiSettings) -> None:
    code, _, err = create(settings, "x@example.org", "superuser")
    assert code != 0
    assert "role" in err


def test_short_password_fails_clearly(settings: ApiSettings, db: Session) -> None:
    code, _, err = run(
        settings,
        "create-user",
        "--email",
        "x@example.org",
        "--role",
        "advisor",
        "--password-stdin",
        stdin="too short\n",
    )
    assert code != 0
    assert "at least 12 characters" in err
    assert users.by_email(db, "x@example.org") is None


def test_password_stdin_is_required(settings: ApiSettings) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(settings, "create-user", "--email", "x@example.org", "--role", "advisor")
    assert stopped.value.code != 0


def test_purge_expired_reports_what_it_deleted(settings: ApiSettings) -> None:
    code, out, err = run(settings, "purge-expired")
    assert (code, err) == (0, "")
    assert out.startswith(
        "deleted 0 answers, 0 FAQ topic asks, 0 wrong-code attempts, 0 outbox messages and 0"
        " pulse invitations older than 30 days, 0:00:00, and 0 pulse offer times older than"
        " 7 days, 0:00:00"
    )


def test_import_content_fills_an_empty_database_then_adds_drafts(
    settings: ApiSettings, db: Session
) -> None:
    code, out, err = run(settings, "import-content")
    assert (code, err) == (0, "")
    assert out.startswith("2 topics imported from") and out.rstrip().endswith(": live")
    assert [row.topic for row in faq_topic_versions.live(db)] == ["alpha", "beta"]
    write(settings.faq_dir, topic("alpha", reviewed="2026-12-01"))
    code, out, _ = run(settings, "import-content")
    assert code == 0 and "1 topics got a draft" in out and "(alpha), 1 unchanged" in out


def test_import_content_refuses_files_with_errors(settings: ApiSettings, tmp_path: Path) -> None:
    broken = settings.model_copy(update={"faq_dir": write(tmp_path / "bad", topic("alpha", ["x"]))})
    code, out, err = run(broken, "import-content")
    assert (code, out) == (1, "")
    assert "the files have errors" in err and "'x' does not exist" in err


def check(settings: ApiSettings, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check-content", *args], None, out, err, settings, embedder=FakeEmbedder())
    return code, out.getvalue(), err.getvalue()


def test_check_content_checks_the_database_or_the_files(
    settings: ApiSettings, tmp_path: Path
) -> None:
    code, out, _ = check(settings)  # an empty database: the files
    assert code == 0 and "the files in" in out and ": 0 errors, " in out
    assert "warning: alpha.yml (examples.sv): example 'alpha fråga 1' reads like topic beta" in out
    assert run(settings, "import-content")[0] == 0
    code, out, _ = check(settings, "--no-conflicts")
    assert code == 0 and "the database's topics" in out
    bad = topic("alpha")
    bad["examples"]["fi"] = "- yksi\n"
    broken = settings.model_copy(update={"faq_dir": write(tmp_path / "bad", bad)})
    code, out, _ = check(broken, "--files")
    assert code == 1
    assert "error: alpha.yml (examples.fi): 1 distinct fi examples, at least 15 needed" in out
    assert out.rstrip().endswith("1 errors, 0 warnings (errors block a publish)")


def test_export_content_writes_the_live_topics(settings: ApiSettings, tmp_path: Path) -> None:
    assert run(settings, "import-content")[0] == 0
    elsewhere = settings.model_copy(update={"faq_dir": tmp_path / "export"})
    code, out, _ = run(elsewhere, "export-content")
    assert code == 0 and "2 files written" in out
    assert (tmp_path / "export" / "alpha.yml").read_text() == (
        settings.faq_dir / "alpha.yml"
    ).read_text()


def test_classify_texts_gives_the_texts_stored_without_a_theme_theirs(
    settings: ApiSettings, db: Session
) -> None:
    store(
        db,
        [
            answer(to_improve_text="Lisää kursseja", to_improve_theme=None),
            answer(went_well_text="Chat toimi", went_well_theme="digital_services"),
            answer(),
        ],
    )
    out, err = io.StringIO(), io.StringIO()
    code = main(["classify-texts"], io.StringIO(), out, err, settings, classifier=KEYWORD_THEMES)
    assert (code, out.getvalue(), err.getvalue()) == (
        0,
        "classified 1 free texts stored without a theme\n",
        "",
    )
    db.expire_all()
    themes = [(a.went_well_theme, a.to_improve_theme) for a in db.scalars(select(PulseAnswer))]
    assert themes == [(None, "training"), ("digital_services", None), (None, None)]
