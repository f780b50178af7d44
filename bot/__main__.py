"""`python -m bot`: run the Telegram bridge alone (long polling, or a webhook if configured)."""

import logging
import sys

from bot.app import build_application, run
from bot.settings import BotSettings
from vocabulary.deployment import UnsafeForProduction


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL, and Telegram's URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # APScheduler (the job queue) logs every run of the outbox's poll at INFO.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    settings = BotSettings()
    try:
        settings.check_production()
    except UnsafeForProduction as error:
        sys.exit(str(error))
    run(build_application(settings), settings)


if __name__ == "__main__":
    main()
