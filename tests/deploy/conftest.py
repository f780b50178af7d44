"""The deploy tests build DeploySettings themselves: what `make` exported (ports, URLs) or a
developer set does not reach them."""

import pytest

from deploy.settings import DeploySettings


@pytest.fixture(autouse=True)
def no_profile_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in DeploySettings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
