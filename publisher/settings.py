"""Settings of the training worker, read once from environment variables (README:
Configuration)."""

from __future__ import annotations

import socket
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class PublisherSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{REPO_ROOT / 'var' / 'api.db'}",
        description="The API's database (the publish jobs and the FAQ's versions).",
    )
    rasa_url: str = Field(default="http://127.0.0.1:5005", description="The Rasa server.")
    rasa_urls: str = Field(
        default="",
        description="Every Rasa server that must serve the new model, comma separated; empty:"
        " RASA_URL alone.",
    )
    rasa_token: SecretStr = Field(
        default=SecretStr("local-rasa-token"), description="Token of Rasa's HTTP API."
    )
    models_dir: Path = Field(
        default=REPO_ROOT / "models",
        description="Where trained models are kept, named by their fingerprint (the live one,"
        " the ones before it for a rollback, and the one `make run` starts with).",
    )
    faq_dir: Path = Field(
        default=REPO_ROOT / "data" / "faq",
        description="The FAQ topic files, rewritten from the live topics after each publish.",
    )
    work_dir: Path = Field(
        default=REPO_ROOT / "var" / "publisher",
        description="The worker's own folder: each job's training project, the durations.",
    )
    rasa_python: Path = Field(
        default=REPO_ROOT / ".venvs" / "rasa" / "bin" / "python",
        description="The Python of the rasa environment (training, the NLU check).",
    )
    rasa_cache_dir: Path = Field(
        default=REPO_ROOT / ".rasa" / "cache",
        description="Rasa's training cache, shared with `make model`: unchanged components"
        " and the examples' embeddings are not computed again.",
    )
    clinc_dir: Path = Field(
        default=REPO_ROOT.parent / "shared" / "eval" / "clinc150-oos",
        description="The CLINC150 out-of-scope queries of the NLU check.",
    )
    check_nlu: bool = Field(
        default=True,
        description="Refuse a model below the NLU floors of scripts/bench_nlu.py (about 40 s).",
    )
    finetune: bool = Field(
        default=False,
        description="Train `finetune` jobs with `rasa train --finetune <live model>` instead of"
        " a training that reuses the cache (README: Publishing: which is faster).",
    )
    epoch_fraction: float = Field(default=0.5, gt=0, le=1)
    poll_seconds: float = Field(default=2.0, gt=0, description="How often the queue is read.")
    heartbeat_seconds: float = Field(default=10.0, gt=0)
    stale_after: timedelta = Field(
        default=timedelta(minutes=2),
        description="A claimed job whose heartbeat is older than this lost its worker.",
    )
    attempts: int = Field(
        default=2, ge=1, description="A job whose worker died this often fails (not retried)."
    )
    swap_timeout_seconds: float = Field(
        default=300.0, description="How long PUT /model may take (Rasa loads the model in it)."
    )
    review_interval: int = Field(default=12, ge=1, description="As the API's REVIEW_INTERVAL.")
    today: date | None = Field(default=None, description="As the API's TODAY.")
    worker_name: str = Field(
        default_factory=lambda: socket.gethostname(),
        description="Who claims a job (with the process id).",
    )

    @property
    def urls(self) -> list[str]:
        named = [url.strip().rstrip("/") for url in self.rasa_urls.split(",") if url.strip()]
        return named or [self.rasa_url.rstrip("/")]


@lru_cache
def get_settings() -> PublisherSettings:
    return PublisherSettings()
