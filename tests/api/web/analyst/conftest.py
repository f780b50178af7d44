"""An analyst logged in through the staff login form."""

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeUser, ui_login


@pytest.fixture
def analyst(client: TestClient, make_user: MakeUser) -> None:
    make_user("analyst", name="Anna Analyytikko")
    assert ui_login(client, "analyst@example.org") == 303
