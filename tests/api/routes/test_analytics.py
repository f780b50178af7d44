"""/api/v1/analytics: analysts and admins read the aggregates; everyone else gets 401/403."""

import csv
import io

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.api.conftest import SERVICE_HEADERS, MakeUser, login
from tests.api.pulse_rows import MONDAY, answers, mask, offers, proposals, store

PATHS = ("/api/v1/analytics/pulse", "/api/v1/analytics/proposals", "/api/v1/analytics/export.csv")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("role", "status"),
    [("analyst", 200), ("admin", 200), ("advisor", 403), ("content_editor", 403)],
)
def test_only_analysts_and_admins_may_read(
    client: TestClient, make_user: MakeUser, path: str, role: str, status: int
) -> None:
    make_user(role)
    login(client, f"{role}@example.org")
    assert client.get(path).status_code == status


@pytest.mark.parametrize("path", PATHS)
def test_without_a_login_nothing_not_even_with_the_service_token(
    client: TestClient, path: str
) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers=SERVICE_HEADERS).status_code == 401


@pytest.fixture
def analyst(client: TestClient, make_user: MakeUser) -> None:
    make_user("analyst")
    login(client, "analyst@example.org")


def test_the_pulse_figures_and_hidden_ones_as_null(
    client: TestClient, db: Session, analyst: None
) -> None:
    store(
        db,
        [
            *answers(12, step="assistant", rating=5, went_well=mask("quick", "easy_to_do")),
            *answers(3, step="initial_interview", rating=1, outcome="no", to_improve=mask("quick")),
            *answers(6, step="other_service", rating=3, outcome="partly"),
            *offers(30),
        ],
    )
    reply = client.get("/api/v1/analytics/pulse", params={"from": "2026-11-25", "to": "2026-12-01"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["from"] == MONDAY.isoformat() and body["to"] == "2026-12-01"
    assert body["min_group"] == 5
    assert body["offered"] == 30 and body["answered"] == 21 and body["response_rate"] == 0.7
    assert body["mean"] == round((12 * 5 + 3 * 1 + 6 * 3) / 21, 2)
    # 3 said no: hidden, with the smallest other outcome; nobody skipped: shown.
    assert body["completion"] == {"yes": 12, "partly": None, "no": None, "skipped": 0}
    steps = {row["step"]: row for row in body["by_step"]}
    assert steps["assistant"] == {"step": "assistant", "answered": 12, "mean": 5.0}
    assert steps["initial_interview"] == {
        "step": "initial_interview",
        "answered": None,
        "mean": None,
    }
    assert steps["other_service"]["answered"] is None  # secondary
    assert [row["week"] for row in body["by_week"]] == ["2026-11-23", "2026-11-30"]
    assert body["by_week"][0]["answered"] == 21 and body["by_week"][1]["answered"] == 0
    went_well = {row["driver"]: row["count"] for row in body["went_well"]}
    to_improve = {row["driver"]: row["count"] for row in body["to_improve"]}
    assert went_well["quick"] == 12 and went_well["easy_to_do"] == 12 and went_well["staff"] == 0
    assert to_improve["quick"] is None
    assert body["theme_method"] == "keywords"
    assert {(t["side"], t["language"]) for t in body["themes"]} == {
        (side, language) for side in ("went_well", "to_improve") for language in ("fi", "sv", "en")
    }
    assert {"by_channel", "by_language", "by_offer_kind"} <= body.keys()


def test_a_small_number_of_offers_is_null(client: TestClient, db: Session, analyst: None) -> None:
    store(db, [*answers(8), *offers(3, offer_kind="on_request"), *offers(9)])
    body = client.get("/api/v1/analytics/pulse", params={"from": "2026-11-23"}).json()
    assert body["offered"] == 12 and body["answered"] == 8
    kinds = {row["offer_kind"]: row for row in body["by_offer_kind"]}
    assert kinds["on_request"]["offered"] is None  # 3: primary
    assert kinds["after_meeting"]["offered"] is None  # or 12 - 9 would tell the 3
    assert kinds["after_meeting"]["response_rate"] is None
    assert kinds["end_of_conversation"]["offered"] == 0


def test_themes_with_quotes_only_from_large_groups(
    client: TestClient, db: Session, analyst: None
) -> None:
    store(
        db,
        [
            *answers(
                6,
                to_improve_text="Jonotus puhelimessa kesti tunnin",
                to_improve_theme="meetings_guidance",
            ),
            *answers(2, to_improve_text="Lomake kaatui", to_improve_theme="digital_services"),
        ],
    )
    body = client.get("/api/v1/analytics/pulse").json()
    fi = next(t for t in body["themes"] if (t["side"], t["language"]) == ("to_improve", "fi"))
    assert fi["texts"] == 8 and fi["analysed"] == 8
    assert body["theme_method"] == "keywords"  # the tests' stand-in classifier
    assert fi["unclassified"] == 0  # zero is shown
    meetings, digital = fi["themes"]
    # 2 texts: hidden, and so is the other theme's count (8 - 0 - 6 would give the 2).
    assert (meetings["theme"], meetings["count"]) == ("meetings_guidance", None)
    assert (digital["theme"], digital["count"]) == ("digital_services", None)
    assert meetings["keywords"][0] == "jonotus"
    assert meetings["quotes"] == ["Jonotus puhelimessa kesti tunnin"]  # each once
    assert digital["keywords"] == [] and digital["quotes"] == []  # fewer than 5 texts
    assert "Lomake kaatui" not in str(body) and "kaatui" not in str(body)


def test_a_range_the_wrong_way_round_is_refused(client: TestClient, analyst: None) -> None:
    reply = client.get("/api/v1/analytics/pulse", params={"from": "2026-12-01", "to": "2026-11-01"})
    assert reply.status_code == 422


def test_the_csv_export(client: TestClient, db: Session, analyst: None) -> None:
    store(db, [*answers(7), *proposals(5, text='=HYPERLINK("http://x")')])
    reply = client.get("/api/v1/analytics/export.csv")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"
    assert reply.headers["content-disposition"] == (
        'attachment; filename="kohtaamo-analytics-2026-09-14-2026-12-01.csv"'
    )
    assert reply.headers["cache-control"] == "no-store"
    rows = list(csv.reader(io.StringIO(reply.text.removeprefix("\ufeff"))))
    assert ["summary", "", "answered", "7", ""] in rows
    assert ["proposals", "training", "quote", '\'=HYPERLINK("http://x")', ""] in rows
