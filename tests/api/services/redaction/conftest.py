"""One real redactor for the whole session: building it loads spaCy's blank pipelines."""

import pytest

from api.core.settings import ApiSettings
from api.services.redaction import Redactor, build_redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return build_redactor(ApiSettings())
