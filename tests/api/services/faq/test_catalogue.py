"""The editor's topic list: completeness per language, the review due date (overdue after
REVIEW_INTERVAL months), asks in the window, search."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from api.orm import FaqTopicAsk
from api.services.faq import store
from api.services.faq.catalogue import summaries
from tests.api.faq_fixtures import topic, write

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_the_list_tells_what_the_editor_needs(db: Session, tmp_path: Path) -> None:
    short = topic("beta", reviewed="2025-11-30")
    short["examples"]["sv"] = "- bara en\n"
    folder = write(tmp_path, topic("alpha"))
    store.import_folder(db, folder, author=None, now=NOW)  # live
    store.import_folder(db, write(folder, short), author=None, now=NOW)  # beta: a draft
    for days in (1, 29, 31):
        db.add(FaqTopicAsk(conversation_key="k", topic="alpha", at=NOW - timedelta(days=days)))
    db.commit()

    found = summaries(
        db,
        now=NOW,
        today=date(2026, 12, 1),
        review_interval_months=12,
        asks_window=timedelta(days=30),
    )
    alpha, beta = found
    assert (alpha.head.topic, alpha.asks, alpha.overdue, alpha.review_due) == (
        "alpha",
        2,
        False,
        date(2027, 11, 29),
    )
    assert alpha.published is not None and alpha.published.version == 1
    assert (beta.head.state, beta.published, beta.asks, beta.overdue) == ("draft", None, 0, True)
    assert beta.completeness["sv"].examples == 1 and not beta.completeness["sv"].complete
    assert beta.completeness["fi"].complete

    def search(query: str) -> list[str]:
        return [
            s.head.topic
            for s in summaries(
                db,
                now=NOW,
                today=date(2026, 12, 1),
                review_interval_months=12,
                asks_window=timedelta(days=30),
                query=query,
            )
        ]

    assert search("ÄMNE BETA") == ["beta"]  # a title, any case
    assert search("alpha question 3") == ["alpha"]  # an example
    assert search("sääntö") == ["alpha", "beta"]  # an answer
    assert search("nothing like it") == []
