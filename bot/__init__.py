"""The Telegram bridge: relays Telegram messages to the Rasa REST channel and back."""

import os

# python-telegram-bot 22 gives time periods (RetryAfter.retry_after …) as timedelta when
# asked to, as its next major version will; otherwise it warns about each of them.
os.environ.setdefault("PTB_TIMEDELTA", "true")
