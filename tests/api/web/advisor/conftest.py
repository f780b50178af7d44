"""An advisor logged in through the advisor UI's form."""

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeUser, ui_login


@pytest.fixture
def advisor(client: TestClient, make_user: MakeUser) -> None:
    make_user("advisor", name="Aino Neuvoja")
    assert ui_login(client, "advisor@example.org") == 303
