"""One real redactor for the whole session: building it loads spaCy's blank pipelines."""

import pytest

from api.redaction import Redactor, build_redactor
from api.settings import ApiSettings


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return build_redactor(ApiSettings())
