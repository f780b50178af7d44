"""bot.retention: the API's retention periods, read when first needed and kept for a while,
against the stand-in API (tests/bot/stubs.py) and a clock the test moves."""

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.retention import Retention, RetentionClient
from tests.bot.stubs import StubApi

pytestmark = pytest.mark.anyio


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


def client_for(http: httpx.AsyncClient, api: StubApi, clock: Clock) -> RetentionClient:
    return RetentionClient(http, f"{api.url}/", cache_seconds=600, timeout_seconds=5, clock=clock)


async def test_read_when_first_needed_then_kept_for_a_while(
    http: httpx.AsyncClient, api: StubApi
) -> None:
    clock = Clock()
    retention = client_for(http, api, clock)
    assert api.retention_reads == 0  # nothing at start
    assert await retention.periods() == Retention(
        answer_retention_days=45, faq_topic_retention_days=45
    )
    api.retention = {"answer_retention_days": 60, "faq_topic_retention_days": 45}
    clock.now += 599
    assert (await retention.periods()) is not None
    assert api.retention_reads == 1
    clock.now += 2  # past the cache's time: asked again
    periods = await retention.periods()
    assert periods is not None and periods.answer_retention_days == 60
    assert api.retention_reads == 2


async def test_when_the_api_cannot_say_none_and_it_is_asked_again_next_time(
    http: httpx.AsyncClient, api: StubApi
) -> None:
    retention = client_for(http, api, Clock())
    api.retention = None  # 503
    assert await retention.periods() is None
    api.retention = {"answer_retention_days": "many"}  # not what the contract says
    assert await retention.periods() is None
    api.retention = {"answer_retention_days": 30, "faq_topic_retention_days": 30}
    assert (await retention.periods()) is not None
    assert api.retention_reads == 3


async def test_when_the_api_is_down_none(http: httpx.AsyncClient, api: StubApi) -> None:
    api.server.stop()
    assert await client_for(http, api, Clock()).periods() is None
