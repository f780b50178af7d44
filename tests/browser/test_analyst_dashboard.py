"""The analyst's dashboard in a real browser (Debian's Chromium, headless) against the API,
with made-up pulse answers, offers, proposals and a "we did" stored as the services store
them: every figure on the page equals what the stored rows say, the small groups say "fewer
than N answers" (N is MIN_GROUP, set to 6 for these tests) with secondary suppression, the
JSON hides the same figures, and axe-core finds nothing serious. Screenshots are kept."""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy.orm import sessionmaker

from api.core.database import make_engine
from api.orm import PulseAnswer
from tests.api.pulse_rows import answer, mask, offers, proposals
from tests.browser.conftest import STAFF_MIN_GROUP, screenshot, serious_violations
from tests.support.stack import Stack
from tests.support.staff import PASSWORD, create_user
from vocabulary.service_steps import DRIVERS, OFFER_KINDS, SERVICE_STEPS

pytestmark = pytest.mark.browser

N = STAFF_MIN_GROUP
W1, W2, W3 = date(2026, 1, 26), date(2026, 2, 2), date(2026, 2, 9)  # the stack's today: W3
RANGE: dict[str, str | float | bool] = {"from": W1.isoformat(), "to": "2026-02-15"}
WEEKS = (W1, W2, W3)
ANALYST = "anna.analyytikko@example.org"


def group(count: int, **fields: Any) -> list[PulseAnswer]:
    return [answer(**fields) for _ in range(count)]


def pulse_answers() -> list[PulseAnswer]:
    """Three weeks of made-up answers, with groups below MIN_GROUP on purpose."""
    return [
        *group(14, week_start=W3, step="assistant", channel="web", language="fi",
               offer_kind="end_of_conversation", outcome="yes", rating=5,
               went_well=mask("quick", "easy_to_do")),
        *group(8, week_start=W3, step="job_search_discussion", channel="telegram", language="sv",
               offer_kind="after_meeting", outcome="no", rating=2,
               to_improve=mask("clear_information"), to_improve_text="Kön i telefon tog en timme",
               to_improve_theme="meetings_guidance"),
        # 3 answers of a step: hidden; so is the smallest other step (other_meeting, 7).
        *group(3, week_start=W3, step="initial_interview", channel="web", language="fi",
               offer_kind="after_meeting", outcome="partly", rating=1,
               to_improve_text="Lomake kaatui kesken", to_improve_theme="digital_services"),
        *group(6, week_start=W2, step="assistant", channel="telegram", language="en",
               offer_kind="on_request", outcome="yes", rating=4, went_well=mask("listened_to")),
        *group(7, week_start=W2, step="other_meeting", channel="web", language="fi",
               offer_kind="after_meeting", outcome="partly", rating=3, went_well=mask("staff"),
               to_improve=mask("quick"),
               went_well_text="Asiantuntija kuunteli ja neuvoi hyvin",
               went_well_theme="meetings_guidance"),
        *group(2, week_start=W2, step="job_search_discussion", channel="web", language="sv",
               offer_kind="after_meeting", outcome=None, rating=None),
        # A week of 2 answers: hidden, with another week.
        *group(2, week_start=W1, step="job_search_discussion", channel="telegram",
               language="fi", offer_kind="after_meeting", outcome="yes", rating=4,
               went_well=mask("right_service")),
    ]  # fmt: skip


def offered() -> list[Any]:
    return [
        *offers(20, week_start=W3, offer_kind="after_meeting"),
        *offers(18, week_start=W3, offer_kind="end_of_conversation"),
        *offers(4, week_start=W3, offer_kind="on_request"),
        *offers(12, week_start=W2, offer_kind="after_meeting"),
        *offers(10, week_start=W2, offer_kind="end_of_conversation"),
        *offers(6, week_start=W2, offer_kind="on_request"),
        *offers(2, week_start=W1, offer_kind="after_meeting"),
        *offers(3, week_start=W1, offer_kind="on_request"),
    ]


def proposed() -> list[Any]:
    return [
        *proposals(12, theme="digital_services", text="Chat myös iltaisin", week_start=W3),
        *proposals(8, theme="job_search", text="Palkka näkyviin ilmoituksiin", week_start=W2),
        *proposals(2, theme="training", text="Lisää verkkokursseja", week_start=W2),
    ]


ROWS = pulse_answers()
OFFERS = offered()


@pytest.fixture(scope="module")
def seeded(api_stack: Stack) -> Iterator[Stack]:
    """The rows written straight to the stack's database, as the pulse and proposals services
    write them (the triggers keep the margins; each text with the theme the classifier
    gives when it is stored), and an analyst made with the CLI."""
    engine = make_engine(api_stack.database_url)
    with sessionmaker(engine, expire_on_commit=False)() as db:
        db.add_all([*ROWS, *OFFERS, *proposed()])
        db.commit()
    engine.dispose()
    create_user(api_stack, ANALYST, "analyst", "Anna Analyytikko")
    yield api_stack


def log_in(page: Page, email: str) -> None:
    page.goto("/advisor/login")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()


# What the page shows, read the way a screen reader reads a table: by its caption.
def table(page: Page, caption: str) -> dict[str, list[str]]:
    """Each body row of the table named `caption`: its header cell -> its data cells."""
    found = page.get_by_role("table", name=caption, exact=True)
    expect(found).to_have_count(1)
    rows: dict[str, list[str]] = {}
    for row in found.locator("tbody tr").all():
        rows[text(row.locator("th"))] = [text(cell) for cell in row.locator("td").all()]
    return rows


def text(locator: Locator) -> str:
    return " ".join(locator.inner_text().split())


def mean(rows: Iterable[PulseAnswer]) -> str:
    ratings = [row.rating for row in rows if row.rating is not None]
    return f"{round(sum(ratings) / len(ratings), 2):.2f}".replace(".", ",")


def counted(rows: list[PulseAnswer], key: Callable[[PulseAnswer], object]) -> Counter[object]:
    return Counter(key(row) for row in rows)


HIDDEN_FI = f"alle {N} vastausta"


def check_count(shown: str, exact: int) -> bool:
    """A count on the page is the exact one, or hidden; True if hidden. Never hidden as a
    small group when it is not one of those or a secondary one (checked by the caller)."""
    if shown == HIDDEN_FI:
        return True
    assert shown == str(exact), (shown, exact)
    if 0 < exact < N:
        raise AssertionError(f"{exact} answers shown, below MIN_GROUP {N}")
    return False


def test_the_dashboard_shows_the_stored_figures_and_protects_small_groups(
    staff_page: Page, seeded: Stack
) -> None:
    page = staff_page
    log_in(page, ANALYST)
    expect(page).to_have_url(re.compile(r"/analyst$"))
    # First a "we did" through its form, as the analyst records one.
    page.get_by_role("link", name="Kirjaa, mitä teimme").first.click()
    page.get_by_label("Teema").select_option("digital_services")
    page.get_by_label("Teksti suomeksi").fill("Chat vastaa nyt myös iltaisin.")
    page.get_by_label("Teksti ruotsiksi").fill("Chatten svarar nu också på kvällarna.")
    page.get_by_label("Teksti englanniksi").fill("The chat now answers in the evenings too.")
    page.get_by_label("Päivä, jona tehtiin").fill("2026-02-10")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("status")).to_have_text("Tallennettu.")
    assert serious_violations(page) == []
    screenshot(page, "analyst-we-did")
    page.goto(f"/analyst?from={RANGE['from']}&to={RANGE['to']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Palaute ja ehdotukset")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Palaute ja ehdotukset")
    expect(page.locator(".notice").first).to_contain_text(f"alle {N} vastausta")

    # The summary: every answer and offer stored in the weeks.
    summary = {text(item.locator("dt")): text(item.locator("dd")) for item in
               page.locator("dl.figures > div").all()}  # fmt: skip
    rated = [row for row in ROWS if row.rating is not None]
    assert len(ROWS) == 42 and len(OFFERS) == 75 and len(rated) == 40
    assert summary["Vastauksia"] == "42"
    assert summary["Kysely tarjottu"] == "75"
    assert summary["Vastausosuus"].replace("\xa0", " ") == "56 %"
    assert summary["Arvosanojen keskiarvo (1–5)"] == mean(ROWS)

    outcomes = table(page, "Saiko asiakas hoidettua asiansa?")
    exact = counted(ROWS, lambda row: row.outcome or "skipped")
    names = {"Kyllä": "yes", "Osittain": "partly", "Ei": "no", "Ei vastannut": "skipped"}
    hidden = {names[name] for name, [shown] in outcomes.items()
              if check_count(shown, exact[names[name]])}  # fmt: skip
    assert "skipped" in hidden  # 2: primary
    assert len(hidden) >= 2  # and another, or 42 minus the shown ones would tell the 2

    # By step: 3 answers hidden, and the next smallest step (7) with them.
    steps = table(page, "Palvelun vaihe")
    step_names = dict(zip(steps, SERVICE_STEPS, strict=True))
    per_step = counted(ROWS, lambda row: row.step)
    hidden_steps = set()
    for name, (count, shown_mean) in steps.items():
        step = step_names[name]
        if check_count(count, per_step[step]):
            hidden_steps.add(step)
            assert shown_mean == "–"
        elif per_step[step]:
            assert shown_mean == mean(row for row in ROWS if row.step == step)
    assert hidden_steps == {"initial_interview", "other_meeting"}
    assert steps["Alkuhaastattelu"] == [HIDDEN_FI, "–"]
    assert steps["Muu palvelu"] == ["0", "–"]  # nobody: nothing to protect

    # By channel and language: every group large, every figure shown.
    channels = table(page, "Kanava")
    assert channels == {
        "Verkkosivu": ["26", mean(row for row in ROWS if row.channel == "web")],
        "Telegram": ["16", mean(row for row in ROWS if row.channel == "telegram")],
    }
    languages = table(page, "Kieli")
    for name, code in (("suomi", "fi"), ("ruotsi", "sv"), ("englanti", "en")):
        of_language = [row for row in ROWS if row.language == code]
        assert languages[name] == [str(len(of_language)), mean(of_language)]

    # By week: the week of 2 answers hidden, and another week; the shown week exact.
    weeks = table(page, "Viikoittain")
    assert list(weeks) == ["vk 5 (26.1.2026)", "vk 6 (2.2.2026)", "vk 7 (9.2.2026)"]
    per_week = counted(ROWS, lambda row: row.week_start)
    offers_per_week = Counter(offer.week_start for offer in OFFERS)
    hidden_weeks = set()
    for (name, cells), week in zip(weeks.items(), WEEKS, strict=True):
        offered_cell, answered, shown_mean, *outcome_cells = cells
        check_count(offered_cell, offers_per_week[week])
        if check_count(answered, per_week[week]):
            hidden_weeks.add(week)
            assert outcome_cells == [HIDDEN_FI] * 4  # hidden with their week
            continue
        of_week = [row for row in ROWS if row.week_start == week]
        assert shown_mean == mean(of_week)
        in_week = counted(of_week, lambda row: row.outcome or "skipped")
        shown_outcomes = zip(outcome_cells, ("yes", "partly", "no", "skipped"), strict=True)
        hidden_cells = [key for cell, key in shown_outcomes if check_count(cell, in_week[key])]
        assert len(hidden_cells) != 1, name  # one hidden cell would follow from its week
    assert hidden_weeks == {W1, W2}
    assert weeks["vk 5 (26.1.2026)"][0] == HIDDEN_FI  # 5 offers: fewer than 6

    # What went well against what should be better, the same drivers side by side.
    drivers = table(page, "Mikä onnistui ja mikä pitäisi tehdä paremmin")
    assert len(drivers) == len(DRIVERS)
    for bit, (well, improve) in enumerate(drivers.values()):
        check_count(well, sum(1 for row in ROWS if row.went_well >> bit & 1))
        check_count(improve, sum(1 for row in ROWS if row.to_improve >> bit & 1))
    assert drivers["Nopea"] == ["14", "7"]
    assert drivers["Minulle sopiva palvelu"] == [HIDDEN_FI, "0"]  # picked twice

    # Offered and answered, by when offered.
    kinds = table(page, "Tarjotut ja vastatut kyselyt")
    answers_per_kind = counted(ROWS, lambda row: row.offer_kind)
    offers_per_kind = Counter(offer.offer_kind for offer in OFFERS)
    for (name, (offered_cell, answered, _rate)), kind in zip(kinds.items(), OFFER_KINDS,
                                                              strict=True):  # fmt: skip
        assert not check_count(offered_cell, offers_per_kind[kind]), name
        assert not check_count(answered, answers_per_kind[kind]), name

    # Themes of the free texts: quotes only from groups of at least MIN_GROUP.
    themes = page.locator("section", has=page.locator("#themes-heading"))
    expect(themes).to_contain_text("Asiantuntija kuunteli ja neuvoi hyvin")  # 7 texts
    expect(themes).to_contain_text("Kön i telefon tog en timme")  # 8 texts
    expect(themes).not_to_contain_text("Lomake kaatui")  # 3 texts: not even their words

    # Proposals by theme, with the "we did": 2 proposals hidden and 8 with them.
    ideas = table(page, "Ehdotukset teemoittain ja mitä niille on tehty")
    assert ideas["Digitaaliset palvelut"][0].startswith("12 Chat myös iltaisin")
    assert ideas["Digitaaliset palvelut"][1] == "10.2.2026: Chat vastaa nyt myös iltaisin."
    # Neither hidden theme is quoted: quotes would tell the 8 (secondary) from the 2.
    assert ideas["Koulutus"][0] == HIDDEN_FI
    assert ideas["Työnhaku"][0] == HIDDEN_FI
    assert "Lisää verkkokursseja" not in page.content()
    assert "Palkka näkyviin" not in page.content()

    # The JSON hides the same figures (null).
    body = page.request.get("/api/v1/analytics/pulse", params=RANGE).json()
    assert body["min_group"] == N and body["answered"] == 42 and body["offered"] == 75
    assert {row["step"] for row in body["by_step"] if row["answered"] is None} == hidden_steps
    assert [row["answered"] for row in body["by_week"]] == [None, None, per_week[W3]]
    assert [row["offered"] for row in body["by_week"]] == [None, None, offers_per_week[W3]]

    # Charts are images with a name; none of them is only colour; no script ran.
    for chart in page.locator("figure.chart svg").all():
        expect(chart).to_have_attribute("role", "img")
        assert chart.get_attribute("aria-labelledby")
    assert page.locator("script").count() == 0
    assert serious_violations(page) == []
    screenshot(page, "analyst-dashboard-fi")

    page.get_by_role("link", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("table", name="Service step", exact=True)).to_contain_text(
        f"fewer than {N} answers"
    )
    assert table(page, "Service step")["Initial interview"] == [f"fewer than {N} answers", "–"]
    assert serious_violations(page) == []
    screenshot(page, "analyst-dashboard-en")


def test_the_dashboard_works_from_the_keyboard(staff_page: Page, seeded: Stack) -> None:
    page = staff_page
    log_in(page, ANALYST)
    page.goto(f"/analyst?from={RANGE['from']}&to={RANGE['to']}")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Siirry pääsisältöön")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The weeks' wide table scrolls as a named region that the keyboard reaches.
    region = page.get_by_role("region", name="Viikoittain")
    region.focus()
    expect(region).to_be_focused()
    # A range chosen in the form shows those weeks.
    page.get_by_label("Ensimmäisen viikon päivä").fill("2026-02-09")
    page.get_by_role("button", name="Näytä").press("Enter")
    expect(page).to_have_url(re.compile(r"from=2026-02-09"))
    assert list(table(page, "Viikoittain")) == ["vk 7 (9.2.2026)"]
    screenshot(page, "analyst-dashboard-one-week")
