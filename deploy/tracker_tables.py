"""Run in the rasa environment by deploy/databases.py: Rasa's SQL tracker store, built once
on the profile's PostgreSQL database, makes its tables (SQLTrackerStore's create_all) and is
closed. Reads TRACKER_DB_* as endpoints.production.yml does; stdlib and Rasa only."""

import os

from rasa.core.tracker_store import SQLTrackerStore


def main() -> None:
    store = SQLTrackerStore(
        dialect="postgresql",
        host=os.environ["TRACKER_DB_HOST"],
        port=int(os.environ["TRACKER_DB_PORT"]),
        db=os.environ["TRACKER_DB_NAME"],
        username=os.environ["TRACKER_DB_USER"] or None,
        password=os.environ["TRACKER_DB_PASSWORD"] or None,
    )
    store.engine.dispose()


if __name__ == "__main__":
    main()
