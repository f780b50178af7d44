"""`python -m publisher`: the training worker (Procfile `publisher`, started by `make run`)."""

from __future__ import annotations

import logging
import signal
import sys
import time
from types import FrameType

import httpx
from sqlalchemy.orm import sessionmaker

from api.core.clock import SystemClock
from api.core.database import make_engine
from publisher.rasa import Fleet
from publisher.settings import get_settings
from publisher.training import RasaTrainer
from publisher.worker import Worker

logger = logging.getLogger("publisher")


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # httpx logs every request's URL at INFO, and Rasa's token is in its query.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _stop)
    settings = get_settings()
    engine = make_engine(settings.database_url)
    with httpx.Client() as http:
        fleet = Fleet(
            settings.urls,
            settings.rasa_token.get_secret_value(),
            http,
            settings.swap_timeout_seconds,
        )
        worker = Worker(settings, sessionmaker(engine), SystemClock(), RasaTrainer(settings), fleet)
        logger.info("Training worker %s: Rasa at %s", worker.name, ", ".join(settings.urls))
        try:
            while True:
                if worker.run_once() is None:
                    time.sleep(settings.poll_seconds)
        except (KeyboardInterrupt, SystemExit):
            logger.info("Training worker %s stops", worker.name)
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
