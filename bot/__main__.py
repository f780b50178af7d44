"""`python -m bot`: run the Telegram bridge with long polling."""

import logging

from bot.app import build_application
from bot.settings import BotSettings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL, and Telegram's URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    build_application(BotSettings()).run_polling()


if __name__ == "__main__":
    main()
