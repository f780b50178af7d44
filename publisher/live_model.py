"""`python -m publisher.live_model --default MODEL`: the model a Rasa server starts with.

Prints the path of the model the newest live publish swapped in, if MODELS_DIR keeps it;
otherwise the default (RASA_MODEL, the one `make` trained for the repository's files). With
several Rasa servers (deploy/Procfile.production), one that supervisord starts again after a
crash so serves what the others serve, not the model it was first started with. Never fails:
while the database cannot be read the default is printed (and why, on standard error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.core.database import make_engine
from api.repositories import faq_publish_jobs
from publisher.settings import PublisherSettings, get_settings


def live_model(settings: PublisherSettings) -> Path | None:
    """The kept file of the live publish's model, or None (none swapped in, or not kept)."""
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            name = faq_publish_jobs.live_model(session)
    finally:
        engine.dispose()
    path = None if name is None else settings.models_dir / name
    return path if path is not None and path.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--default", required=True, help="the model without a live publish")
    args = parser.parse_args(argv)
    try:
        chosen = live_model(get_settings())
    except SQLAlchemyError as error:
        sys.stderr.write(f"live model: the database cannot be read ({type(error).__name__})\n")
        chosen = None
    sys.stdout.write(f"{chosen or args.default}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
