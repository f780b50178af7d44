"""Shared by every test: async tests run on asyncio through anyio's pytest plugin, and one
real stack (Rasa server, action server, API) serves the integration and the browser tests of
a session, started only when a test asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the stack runs from the app environment; the rasa one loads this file too
    from tests.support.stack import Stack


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    from tests.support.stack import running_stack

    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running
