"""A content editor logged in through the staff login form; the example embeddings faked (the
conflict check's model is not loaded in these tests)."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_example_embeddings
from api.services.faq.checks import ExampleEmbeddings
from tests.api.conftest import MakeUser, ui_login
from tests.api.fake_embedder import FakeEmbedder


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    app.dependency_overrides[get_example_embeddings] = lambda: ExampleEmbeddings(FakeEmbedder())
    return app


@pytest.fixture
def editor(client: TestClient, make_user: MakeUser) -> None:
    make_user("content_editor", name="Eeva Editori")
    assert ui_login(client, "content_editor@example.org") == 303
