"""Settings of the production profile (`make run-production`, `python -m deploy`), read once
from environment variables (README: The production profile). The processes it starts read
their own settings; this says where each instance listens and which databases they share, and
makes the environment they are started with (`environment`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url

REPO_ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"


class DeploySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    kohtaamo_env: str = Field(
        default="development",
        description="`production`: every process refuses default secrets (README: Production"
        " mode); otherwise the production topology runs with the local defaults.",
    )
    # What clients and the other processes reach: HAProxy's frontends, on the ports the
    # embedded profile's servers use, so every URL stays the same.
    rasa_port: int = Field(default=5005, description="HAProxy's frontend of the Rasa servers.")
    actions_port: int = Field(
        default=5055, description="HAProxy's frontend of the action servers (Rasa calls it)."
    )
    api_port: int = Field(default=8000, description="HAProxy's frontend of the API instances.")
    haproxy_stats_port: int = Field(
        default=8404, description="HAProxy's statistics page: each server's state and checks."
    )
    haproxy_bind: str = Field(
        default=LOOPBACK, description="The address HAProxy's frontends listen on."
    )
    haproxy: Path = Field(
        default=Path("/usr/sbin/haproxy"), description="Debian's HAProxy (`make haproxy`)."
    )
    rasa_instances: int = Field(default=2, ge=1, le=9)
    actions_instances: int = Field(default=2, ge=1, le=9)
    api_instances: int = Field(default=2, ge=1, le=9)
    rasa_server_maxconn: int = Field(
        default=8,
        ge=1,
        description="Messages one Rasa server is given at once by HAProxy; more wait in"
        " HAProxy's queue (at most 90 s).",
    )
    # Instance N of a kind listens on its base + N (rasa-1 on 5101, rasa-2 on 5102).
    rasa_instance_port_base: int = 5100
    actions_instance_port_base: int = 5150
    api_instance_port_base: int = 8100
    database_url: str = Field(
        default="postgresql+psycopg://postgres@127.0.0.1:5432/kohtaamo",
        description="The API's database (PostgreSQL), created if missing and migrated.",
    )
    tracker_database_url: str = Field(
        default="postgresql+psycopg://postgres@127.0.0.1:5432/kohtaamo_tracker",
        description="Rasa's tracker store (PostgreSQL), shared by the Rasa servers; created if"
        " missing, its tables made by Rasa once before they start.",
    )
    redis_host: str = LOOPBACK
    redis_port: int = 6379
    redis_lock_db: int = Field(default=1, ge=0, description="Redis database of Rasa's locks.")
    redis_lock_prefix: str = Field(
        default="kohtaamo",
        pattern=r"^[A-Za-z][A-Za-z0-9]*$",  # Rasa ignores one that is not alphanumeric
        description="Prefix of the lock keys in Redis (two deployments may share one Redis).",
    )
    production_dir: Path = Field(
        default=REPO_ROOT / "var" / "production",
        description="HAProxy's configuration and supervisord's files of the profile.",
    )

    @field_validator("database_url", "tracker_database_url")
    @classmethod
    def _postgresql(cls, value: str) -> str:
        """Several instances share these databases: SQLite files would not do."""
        if make_url(value).get_backend_name() != "postgresql":
            raise ValueError("the production profile needs PostgreSQL (postgresql+psycopg://…)")
        return value

    @property
    def frontend_host(self) -> str:
        """Where the processes on this machine reach HAProxy."""
        return LOOPBACK if self.haproxy_bind in ("0.0.0.0", "*", "") else self.haproxy_bind  # noqa: S104

    def instance_ports(self, kind: str) -> list[int]:
        """The ports of `rasa`, `actions` or `api` instances, instance 1 first."""
        base, count = {
            "rasa": (self.rasa_instance_port_base, self.rasa_instances),
            "actions": (self.actions_instance_port_base, self.actions_instances),
            "api": (self.api_instance_port_base, self.api_instances),
        }[kind]
        return [base + number for number in range(1, count + 1)]

    def rasa_urls(self) -> list[str]:
        """Each Rasa server itself, not HAProxy: the training worker swaps the model into
        every one (RASA_URLS)."""
        return [f"http://{LOOPBACK}:{port}" for port in self.instance_ports("rasa")]

    def frontend_url(self, port: int) -> str:
        return f"http://{self.frontend_host}:{port}"

    def tracker_url(self) -> URL:
        return make_url(self.tracker_database_url)

    def environment(self) -> dict[str, str]:
        """What every process of the profile is started with, besides the shared settings
        (tokens, ports) the Makefile exports: the databases, the lock store, and each server's
        neighbours through HAProxy (endpoints.production.yml reads the RASA side)."""
        tracker = self.tracker_url()
        return {
            "DATABASE_URL": self.database_url,
            "TRACKER_DATABASE_URL": self.tracker_database_url,
            "RASA_ENDPOINTS": "endpoints.production.yml",
            # Rasa -> HAProxy -> an action server; actions, Rasa's tracker store, the bridge ->
            # HAProxy -> an API instance; the API's health check and the bridge -> HAProxy ->
            # a Rasa server.
            "ACTION_ENDPOINT_URL": f"{self.frontend_url(self.actions_port)}/webhook",
            "API_URL": self.frontend_url(self.api_port),
            "RASA_URL": self.frontend_url(self.rasa_port),
            "RASA_URLS": ",".join(self.rasa_urls()),
            "TRACKER_DB_HOST": tracker.host or LOOPBACK,
            "TRACKER_DB_PORT": str(tracker.port or 5432),
            "TRACKER_DB_NAME": tracker.database or "",
            "TRACKER_DB_USER": tracker.username or "",
            "TRACKER_DB_PASSWORD": tracker.password or "",
            "REDIS_HOST": self.redis_host,
            "REDIS_PORT": str(self.redis_port),
            "REDIS_LOCK_DB": str(self.redis_lock_db),
            "REDIS_LOCK_PREFIX": self.redis_lock_prefix,
            # deploy/Procfile.production: instance N listens on its base + N.
            "RASA_INSTANCE_PORT_BASE": str(self.rasa_instance_port_base),
            "ACTIONS_INSTANCE_PORT_BASE": str(self.actions_instance_port_base),
            "API_INSTANCE_PORT_BASE": str(self.api_instance_port_base),
            "HAPROXY": str(self.haproxy),
            "HAPROXY_CONFIG": str(self.production_dir / "haproxy.cfg"),
        }
