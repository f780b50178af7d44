"""publisher.live_model: a Rasa server that starts (again) takes the model the newest live
publish swapped in, a rollback's too; the default while none did, or its file is gone, or the
database cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from api.orm import User
from api.services.faq import publishing
from publisher import live_model
from publisher.settings import PublisherSettings
from publisher.worker import Worker
from tests.api.conftest import Clock
from tests.publisher.conftest import FakeRasa
from tests.publisher.test_worker import CHECKING, job_of, publish_new_example


def chosen(settings: PublisherSettings, url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What `python -m publisher.live_model --default default.tar.gz` prints."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            live_model, "get_settings", lambda: settings.model_copy(update={"database_url": url})
        )
        assert live_model.main(["--default", "default.tar.gz"]) == 0
    return capsys.readouterr().out.strip()


def test_the_live_publishs_model_then_a_rollbacks(
    worker: Worker,
    db: Session,
    editor: User,
    faq_dir: Path,
    clock: Clock,
    rasa: FakeRasa,
    sessions: sessionmaker[Session],
    settings: PublisherSettings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = str(sessions.kw["bind"].url)
    first = next(iter(rasa.models.values()))
    assert chosen(settings, url, capsys) == "default.tar.gz"  # nothing swapped in yet

    published = publish_new_example(db, editor, faq_dir, clock)
    worker.run_once()
    model = job_of(sessions, published).model
    assert model is not None and chosen(settings, url, capsys) == str(settings.models_dir / model)

    with sessions() as session:
        publishing.rollback(
            session, author=editor, now=clock.now(), checking=CHECKING, faq_dir=faq_dir
        )
    worker.run_once()
    assert chosen(settings, url, capsys) == str(settings.models_dir / str(first))

    (settings.models_dir / str(first)).unlink()  # not kept any more: the default
    assert chosen(settings, url, capsys) == "default.tar.gz"


def test_without_a_database_the_default(
    settings: PublisherSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"sqlite:///{tmp_path / 'absent' / 'api.db'}"
    assert chosen(settings, missing, capsys) == "default.tar.gz"
