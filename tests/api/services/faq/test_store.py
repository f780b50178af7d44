"""The topics in the database: an import makes an empty database's content live (and the
repository's 44 files come out of it byte for byte), later imports and every save, restore
and retirement add a draft on top, and a save on a stale version is refused with what changed
meanwhile. Every change is audited."""

import copy
import filecmp
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import REPO_ROOT
from api.orm import AuditEntry, User
from api.repositories import faq_live_state, faq_topic_versions
from api.services.faq import publishing, store
from api.services.faq.content import ContentError
from tests.api.conftest import MakeUser
from tests.api.faq_fixtures import topic, write

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture
def editor(make_user: MakeUser) -> User:
    return make_user("content_editor")


@pytest.fixture
def imported(db: Session, tmp_path: Path) -> Path:
    folder = write(tmp_path / "files", topic("alpha", ["beta"]), topic("beta"))
    store.import_folder(db, folder, author=None, now=NOW)
    return folder


def document(db: Session, name: str) -> dict[str, Any]:
    return copy.deepcopy(store.head(db, name).document)


def test_the_repositorys_files_come_back_byte_for_byte(db: Session, tmp_path: Path) -> None:
    """import -> export: the database holds what the files say, and writes them unchanged."""
    source = REPO_ROOT / "data" / "faq"
    result = store.import_folder(db, source, author=None, now=NOW)
    assert result.live and len(result.added) == len(list(source.glob("*.yml"))) >= 44
    exported = tmp_path / "exported"
    changed = publishing.export_live(db, exported)
    assert len(changed) == len(result.added)
    names = sorted(path.name for path in source.glob("*.yml"))
    match, mismatch, errors = filecmp.cmpfiles(source, exported, names, shallow=False)
    assert (mismatch, errors) == ([], []) and len(match) == len(names)


def test_an_empty_database_gets_the_files_live(db: Session, imported: Path) -> None:
    live = faq_topic_versions.live(db)
    assert [(row.topic, row.version, row.state) for row in live] == [
        ("alpha", 1, "live"),
        ("beta", 1, "live"),
    ]
    assert live[0].file_text == (imported / "alpha.yml").read_text()
    assert live[0].author_id is None
    assert faq_live_state.generation(db) == 1
    assert store.import_if_empty(db, imported, now=NOW) is None  # not empty any more


def test_an_empty_database_refuses_files_with_errors(db: Session, tmp_path: Path) -> None:
    bad = topic("alpha", ["gamma"])
    with pytest.raises(ContentError) as refused:
        store.import_folder(db, write(tmp_path / "bad", bad), author=None, now=NOW)
    assert "'gamma' does not exist" in str(refused.value)
    assert faq_topic_versions.count(db) == 0


def test_a_later_import_adds_drafts_for_changed_files(
    db: Session, imported: Path, editor: User
) -> None:
    changed = topic("alpha", ["beta"], reviewed="2026-12-01")
    write(imported, changed, topic("gamma"))
    result = store.import_folder(db, imported, author=editor, now=NOW)
    assert (result.added, result.unchanged, result.live) == (["alpha", "gamma"], ["beta"], False)
    assert store.head(db, "alpha").state == "draft" and store.head(db, "alpha").version == 2
    assert [row.topic for row in faq_topic_versions.live(db)] == ["alpha", "beta"]
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.subject) == ("faq_import", "faq_import 2 topics")


def test_a_save_is_a_draft_on_top_with_its_file(db: Session, imported: Path, editor: User) -> None:
    edited = document(db, "alpha")
    edited["title"]["en"] = "A better title"
    row = store.save(db, "alpha", edited, base=1, author=editor, now=NOW)
    assert (row.version, row.state, row.author_id) == (2, "draft", editor.id)
    assert "  en: A better title\n" in row.file_text
    assert store.head(db, "alpha").document["title"]["en"] == "A better title"
    assert store.version(db, "alpha", 1).state == "live"  # drafts are apart
    entry = db.scalars(select(AuditEntry)).one()
    assert (entry.user_id, entry.action, entry.subject) == (
        editor.id,
        "faq_save",
        "faq_topic alpha v2",
    )


def test_saving_the_same_document_adds_no_version(
    db: Session, imported: Path, editor: User
) -> None:
    row = store.save(db, "alpha", document(db, "alpha"), base=1, author=editor, now=NOW)
    assert row.version == 1 and faq_topic_versions.count(db) == 2


def test_a_save_on_a_stale_version_says_what_changed_meanwhile(
    db: Session, imported: Path, editor: User
) -> None:
    first = document(db, "alpha")
    first["examples"]["en"].append("a new way to ask")
    store.save(db, "alpha", first, base=1, author=editor, now=NOW)
    second = document(db, "alpha")
    second["title"]["fi"] = "Toinen otsikko"
    with pytest.raises(store.StaleVersion) as stale:
        store.save(db, "alpha", second, base=1, author=editor, now=NOW)
    assert stale.value.head.version == 2
    assert [(c.where, c.added) for c in stale.value.changes] == [
        ("examples.en", ["a new way to ask"])
    ]
    assert faq_topic_versions.count(db) == 3


def test_a_save_checks_the_schema_and_the_id(db: Session, imported: Path, editor: User) -> None:
    broken = document(db, "alpha")
    del broken["title"]["sv"]
    broken["sources"] = ["not a url"]
    with pytest.raises(ContentError) as invalid:
        store.save(db, "alpha", broken, base=1, author=editor, now=NOW)
    assert [(f.where, f.check) for f in invalid.value.findings] == [
        ("title", "schema"),
        ("sources[0]", "schema"),
    ]
    renamed = document(db, "alpha") | {"topic": "beta"}
    with pytest.raises(ContentError, match="cannot change"):
        store.save(db, "alpha", renamed, base=1, author=editor, now=NOW)


def test_a_draft_may_lack_examples_but_not_languages(
    db: Session, imported: Path, editor: User
) -> None:
    draft = document(db, "alpha")
    draft["examples"]["fi"] = ["vain yksi"]
    assert store.save(db, "alpha", draft, base=1, author=editor, now=NOW).version == 2


def test_create_restore_and_retire(db: Session, imported: Path, editor: User) -> None:
    created = store.create(db, topic("gamma"), author=editor, now=NOW)
    assert (created.version, created.state) == (1, "draft")
    assert created.file_text.startswith("# FAQ topic: Topic gamma\ntopic: gamma\n")
    with pytest.raises(store.TopicExists):
        store.create(db, topic("gamma"), author=editor, now=NOW)
    with pytest.raises(ContentError, match="reserved"):
        store.create(db, topic("topics"), author=editor, now=NOW)

    edited = document(db, "alpha")
    edited["variants"][1]["answer"]["fi"] = "Muutettu."
    store.save(db, "alpha", edited, base=1, author=editor, now=NOW)
    restored = store.restore(db, "alpha", 1, base=2, author=editor, now=NOW)
    assert (restored.version, restored.restored_from) == (3, 1)
    assert restored.document == store.version(db, "alpha", 1).document
    assert restored.file_text == (imported / "alpha.yml").read_text()
    with pytest.raises(store.StaleVersion):
        store.restore(db, "alpha", 2, base=2, author=editor, now=NOW)

    retired = store.retire(db, "beta", base=1, author=editor, now=NOW)
    assert (retired.version, retired.retires, retired.document) == (
        2,
        True,
        store.version(db, "beta", 1).document,
    )
    actions = [e.action for e in db.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["faq_create", "faq_save", "faq_restore", "faq_retire"]


def test_unknown_topics_and_versions(db: Session, imported: Path, editor: User) -> None:
    with pytest.raises(store.UnknownTopic):
        store.save(db, "nothing", topic("nothing"), base=1, author=editor, now=NOW)
    with pytest.raises(store.UnknownTopic):
        store.version(db, "alpha", 9)
