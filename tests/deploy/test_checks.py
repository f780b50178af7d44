"""deploy.checks: each missing service is named with what to do, all at once."""

from pathlib import Path

import pytest

from deploy import checks
from deploy.settings import DeploySettings
from tests.support.stack import free_port


def test_every_missing_service_is_named(tmp_path: Path) -> None:
    closed = free_port()  # nothing listens there
    settings = DeploySettings(
        database_url=f"postgresql+psycopg://postgres@127.0.0.1:{closed}/kohtaamo",
        tracker_database_url=f"postgresql+psycopg://postgres@127.0.0.1:{closed}/tracker",
        redis_port=closed,
        haproxy=tmp_path / "haproxy",
    )
    with pytest.raises(checks.Missing) as missing:
        checks.everything_there(settings)
    message = str(missing.value)
    assert f"PostgreSQL at 127.0.0.1:{closed} (DATABASE_URL) does not answer" in message
    assert "(TRACKER_DATABASE_URL)" in message
    assert f"Redis at 127.0.0.1:{closed} does not answer" in message
    assert "run `make haproxy`" in message


def test_redis_answers_ping_where_it_runs() -> None:
    assert checks.redis_answers("127.0.0.1", 6379)  # the machine's Redis (CI starts it)
