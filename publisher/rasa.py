"""The Rasa servers that serve the model: which model each has, and swapping a new one in.

`PUT /model` loads the whole new model in the request (Rasa keeps the old one if loading fails),
then `GET /status` must name the new file, and one parse warms the new model up. With
several servers (RASA_URLS) every one swaps, and if one fails those already swapped go back,
so that all serve one model."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import httpx

logger = logging.getLogger(__name__)


class SwapFailed(Exception):
    """A server did not load the model: the reason in the editor's words."""


@dataclass(frozen=True)
class Fleet:
    urls: list[str]
    token: str
    http: httpx.Client
    swap_timeout: float = 300.0

    def _params(self) -> dict[str, str]:
        return {"token": self.token}

    def model_file(self, url: str) -> str | None:
        """The model file's name the server has loaded, or None (no model)."""
        reply = self.http.get(f"{url}/status", params=self._params(), timeout=10)
        reply.raise_for_status()
        name = reply.json().get("model_file")
        return str(name) if name else None

    def reachable(self) -> bool:
        """Every server answers GET /status (a job is not started while one is down)."""
        try:
            self.live_models()
        except httpx.HTTPError:
            return False
        return True

    def live_models(self) -> dict[str, str | None]:
        return {url: self.model_file(url) for url in self.urls}

    def _load(self, url: str, model: Path) -> None:
        try:
            reply = self.http.put(
                f"{url}/model",
                params=self._params(),
                json={"model_file": str(model)},
                timeout=self.swap_timeout,
            )
        except httpx.HTTPError as error:
            raise SwapFailed(
                f"Rasa at {url} could not be reached ({type(error).__name__})"
            ) from None
        if reply.status_code != 204:
            raise SwapFailed(f"Rasa at {url} did not load the model ({reply.status_code})")
        try:
            loaded = self.model_file(url)
        except httpx.HTTPError as error:
            raise SwapFailed(f"Rasa at {url} did not answer after the swap ({error})") from None
        if loaded != model.name:
            raise SwapFailed(f"Rasa at {url} serves {loaded}, not {model.name}")
        self._warm(url)

    def _warm(self, url: str) -> None:
        """Parses one message, so that the new model loads what it loads on its first message
        (the sentence-embedding engine, seconds) now rather than when a client writes."""
        try:
            self.http.post(
                f"{url}/model/parse",
                params=self._params(),
                json={"text": "hei"},
                timeout=self.swap_timeout,
            )
        except httpx.HTTPError:
            logger.warning("Rasa at %s: the warm-up parse failed", url)

    def swap(self, model: Path, previous: dict[str, Path | None]) -> None:
        """Loads `model` on every server, verified; on a failure puts back each server's
        `previous` model where it had been swapped, and raises SwapFailed."""
        done: list[str] = []
        try:
            for url in self.urls:
                self._load(url, model)
                done.append(url)
                logger.info("Rasa at %s serves %s", url, model.name)
        except SwapFailed:
            for url in done:
                before = previous.get(url)
                if before is not None:
                    try:
                        self._load(url, before)
                    except SwapFailed:
                        logger.exception("Rasa at %s could not go back to %s", url, before.name)
            raise
