"""The retention periods that the bridge tells clients (/privacy), read from the API, whose
settings enforce them (`GET /api/v1/retention`, public): never a number written in a text.

Read when first needed, not at start, and kept for a while; when the API cannot be reached
the caller gets None and says what stays true without the number.
"""

import logging
import time
from collections.abc import Callable

import httpx
from cachetools import TTLCache
from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)


class Retention(BaseModel):
    answer_retention_days: int
    faq_topic_retention_days: int


class RetentionClient:
    def __init__(
        self,
        client: httpx.AsyncClient,
        api_url: str,
        *,
        cache_seconds: float,
        timeout_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.url = f"{api_url.rstrip('/')}/api/v1/retention"
        self.timeout = timeout_seconds
        self._cache: TTLCache[str, Retention] = TTLCache(1, cache_seconds, timer=clock)

    async def periods(self) -> Retention | None:
        """The API's retention periods, from the cache while they are fresh; None when the API
        cannot say them (a failure is not cached: the next call asks again)."""
        if (known := self._cache.get("periods")) is not None:
            return known
        try:
            reply = await self.client.get(self.url, timeout=self.timeout)
            reply.raise_for_status()
            periods = Retention.model_validate_json(reply.content)
        except (httpx.HTTPError, ValidationError) as error:
            logger.warning(
                "The API's retention periods are not available: %s", type(error).__name__
            )
            return None
        self._cache["periods"] = periods
        return periods
