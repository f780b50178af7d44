"""`python -m deploy run` (make run-production): the production profile on one machine.

    python -m deploy run        check, prepare, write HAProxy's configuration, start everything
    python -m deploy prepare    create the databases if missing, migrate, make Rasa's tables
    python -m deploy config     write and check HAProxy's configuration; print the environment

`run` checks that PostgreSQL, Redis and HAProxy are there (and, with KOHTAAMO_ENV=production,
the API's secrets), prepares the databases, writes var/production/haproxy.cfg, says where to
go, and then becomes supervisord (scripts/supervise.py) running deploy/Procfile.production:
RASA_INSTANCES Rasa servers, ACTIONS_INSTANCES action servers, API_INSTANCES API instances,
HAProxy in front of them, the training worker, and the Telegram bridge if TELEGRAM_BOT_TOKEN is
set. Ctrl-C stops them all.
"""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.engine import make_url

from api.core.settings import ApiSettings
from deploy import checks, databases, haproxy
from deploy.settings import REPO_ROOT, DeploySettings
from vocabulary.deployment import check_production, is_production

PROCFILE = REPO_ROOT / "deploy" / "Procfile.production"
SUPERVISE = REPO_ROOT / "scripts" / "supervise.py"


def processes(settings: DeploySettings, telegram: bool) -> list[str]:
    """scripts/supervise.py's arguments: the numbered instances, then the single processes
    (one training worker: it swaps the model into every Rasa server; one Telegram bridge:
    Telegram gives a bot's updates to one long-polling client)."""
    return [
        f"rasa={settings.rasa_instances}",
        f"actions={settings.actions_instances}",
        f"api={settings.api_instances}",
        "haproxy",
        "publisher",
        "ready",
        *(["telegram"] if telegram else []),
    ]


def shown(name: str, value: str) -> str:
    """A setting as `config` prints it: never a password."""
    if "PASSWORD" in name:
        return "***" if value else ""
    if name.endswith("DATABASE_URL"):
        return make_url(value).render_as_string(hide_password=True)
    return value


def banner(settings: DeploySettings, telegram: bool) -> str:
    api = settings.frontend_url(settings.api_port)
    rasa = settings.frontend_url(settings.rasa_port)
    database, tracker = make_url(settings.database_url), settings.tracker_url()
    if is_production(settings.kohtaamo_env):
        mode = "Production mode (KOHTAAMO_ENV=production): no default secret was accepted."
    else:
        mode = (
            "DEVELOPMENT MODE: the production topology with the local default secrets and plain\n"
            "HTTP. For a real deployment set KOHTAAMO_ENV=production and every secret\n"
            "(README: The production profile)."
        )
    instances = ", ".join(f"{url}" for url in settings.rasa_urls())
    return f"""
Kohtaamo, production profile: {settings.rasa_instances} Rasa servers, {settings.actions_instances}\
 action servers, {settings.api_instances} API instances behind HAProxy;
PostgreSQL {database.database} and {tracker.database} at {database.host}:{database.port or 5432};\
 Redis {settings.redis_host}:{settings.redis_port} db {settings.redis_lock_db} for Rasa's locks.
{mode}
  Chat page ........ {api}/
  Advisor UI ....... {api}/advisor
  Analytics ........ {api}/analyst
  API docs ......... {api}/docs
  Health ........... {api}/health
  Rasa REST channel  {rasa}/webhooks/rest/webhook
  HAProxy stats .... {settings.frontend_url(settings.haproxy_stats_port)}/
  Rasa servers ..... {instances} (the training worker swaps models into each)
  Telegram bridge .. {"on" if telegram else "off (set TELEGRAM_BOT_TOKEN)"}
  supervisorctl .... {sys.executable.rsplit("/", 1)[0]}/supervisorctl -c \
{settings.production_dir / "supervisor" / "supervisord.conf"} status
Ctrl-C stops every process.
"""


def check_secrets(settings: DeploySettings) -> None:
    """In production mode, the API's refusal now rather than from each of its instances
    after supervisord started them (the other processes check their own the same way)."""
    if is_production(settings.kohtaamo_env):
        api = ApiSettings()
        check_production(api.kohtaamo_env, api.secrets(), api.production_problems())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["run", "prepare", "config"])
    args = parser.parse_args(argv)
    settings = DeploySettings()
    environment = settings.environment()
    # The children get what `make` exported and the profile's own settings.
    inherited = {**os.environ, **environment}
    telegram = bool(os.environ.get("TELEGRAM_BOT_TOKEN"))
    if args.command == "config":
        path = haproxy.write(settings)
        sys.stdout.write(f"{path}\n")
        sys.stdout.writelines(
            f"{name}={shown(name, value)}\n" for name, value in sorted(environment.items())
        )
        return 0
    checks.everything_there(settings)
    check_secrets(settings)
    created = databases.prepare(settings, inherited)
    if args.command == "prepare":
        sys.stdout.write(f"created: {', '.join(created) or 'nothing'}; migrated\n")
        return 0
    haproxy.write(settings)
    sys.stdout.write(banner(settings, telegram))
    sys.stdout.flush()
    command = [
        sys.executable,
        str(SUPERVISE),
        "--procfile",
        str(PROCFILE),
        "--dir",
        str(settings.production_dir / "supervisor"),
        *processes(settings, telegram),
    ]
    os.execve(sys.executable, command, inherited)  # noqa: S606 - no shell wanted
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
