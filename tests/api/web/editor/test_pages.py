"""The content team's pages as a browser uses them: who may open them (content editors and
admins; advisors and analysts get 403), the CSRF token on every form, the topic list with its
publish plan and jobs, import and publish, a topic's editor (save, a stale save with what
changed meanwhile and the editor's text kept, the schema's findings next to their fields, a
dated variant added, a new topic, retire), the preview, the versions, a diff and a restore,
and the missed questions added as examples or dismissed."""

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, FaqMissedQuestion, FaqPublishJob, FaqTopicAsk
from api.repositories import faq_missed_questions, faq_topic_versions
from api.services.faq import publishing, store
from api.web.staff.layout import MENUS
from tests.api.conftest import START, MakeUser, csrf_of, ui_login
from tests.api.html_checks import check_page

PAGES = [
    "/editor",
    "/editor/topics/new",
    "/editor/topics/alpha",
    "/editor/topics/alpha/preview",
    "/editor/topics/alpha/versions",
    "/editor/topics/alpha/diff?from_version=1&to_version=1",
    "/editor/missed",
]
POSTS = [
    "/editor/import",
    "/editor/publish",
    "/editor/topics/new",
    "/editor/topics/alpha",
    "/editor/topics/alpha/retire",
    "/editor/topics/alpha/versions/1/restore",
    "/editor/missed/1/add",
    "/editor/missed/1/dismiss",
]


def audited(db: Session) -> list[str]:
    return [entry.action for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def form_of(html: str, action: str) -> dict[str, Any]:
    """The fields of the page's form that posts to `action`, as a browser would send them
    (text areas, inputs with their values, checked boxes, selected options; no buttons)."""
    found = re.search(
        rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert found is not None, f"no form posting to {action}"
    body = found.group(1)
    data: dict[str, Any] = {}
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S
    ):
        data[name] = unescape(value)
    for tag in re.findall(r"<input[^>]*>", body, re.S):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name is None or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        data[name.group(1)] = unescape(value.group(1)) if value else ""
    return data


def unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
        .replace("&#39;", "'").replace("&amp;", "&")
    )  # fmt: skip


def test_the_pages_are_for_the_content_team_and_admins(
    client: TestClient, make_user: MakeUser
) -> None:
    for role in ("content_editor", "admin"):
        make_user(role)
        assert ui_login(client, f"{role}@example.org") == 303
        for path in PAGES:
            reply = client.get(path)
            assert reply.status_code == 200, (role, path, reply.text)
            check_page(reply.text, "fi")
            assert "script-src 'self'" in reply.headers["content-security-policy"]
            assert reply.headers["cache-control"] == "no-store"
        client.cookies.clear()


@pytest.mark.parametrize("role", ["advisor", "analyst"])
def test_advisors_and_analysts_are_refused_with_a_page(
    client: TestClient, db: Session, make_user: MakeUser, role: str
) -> None:
    make_user(role)
    assert ui_login(client, f"{role}@example.org") == 303
    for path in PAGES:
        reply = client.get(path)
        assert reply.status_code == 403, path
        check_page(reply.text, "fi")
        assert "vain sisältötiimille ja ylläpitäjille" in reply.text
    home = client.get("/advisor" if role == "advisor" else "/analyst")
    token = {"csrf_token": csrf_of(home.text)}
    for path in POSTS:
        assert client.post(path, data=token).status_code == 403, path
    assert audited(db) == []


def test_without_a_login_to_the_login_form(client: TestClient) -> None:
    for path in PAGES:
        reply = client.get(path, follow_redirects=False)
        assert reply.status_code == 303 and reply.headers["location"] == "/advisor/login"


def test_every_form_needs_the_csrf_token(client: TestClient, db: Session, editor: None) -> None:
    faq_missed_questions.add(
        db, text="x", language="fi", kind="fallback", nearest_topic="alpha", now=START
    )
    page = client.get("/editor/topics/alpha").text
    edited = {**form_of(page, "/editor/topics/alpha"), "v1_answer_fi": "Muutettu."}
    del edited["csrf_token"]
    for path in POSTS:
        data = edited if path == "/editor/topics/alpha" else {"version": "1", "topic": "alpha"}
        reply = client.post(path, data=data)
        assert reply.status_code == 403, path
        reply = client.post(path, data={**data, "csrf_token": "wrong"})
        assert reply.status_code == 403, path
    assert audited(db) == []
    assert store.head(db, "alpha").version == 1
    assert len(db.scalars(select(FaqMissedQuestion)).all()) == 1


def test_a_content_editor_logs_in_to_the_topics_with_the_editor_menu(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("content_editor")
    form = client.get("/advisor/login")
    data = {"email": "content_editor@example.org", "password": "made-up test password"}
    reply = client.post(
        "/advisor/login", data={**data, "csrf_token": csrf_of(form.text)}, follow_redirects=False
    )
    assert reply.headers["location"] == "/editor"
    html = client.get("/editor").text
    for href, _ in MENUS["content_editor"]:
        assert f'<a href="{href}"' in html


def test_the_topic_list(client: TestClient, db: Session, editor: None, make_user: MakeUser) -> None:
    db.add_all(
        [
            FaqTopicAsk(conversation_key="k1", topic="beta", at=START - timedelta(days=2)),
            FaqTopicAsk(conversation_key="k2", topic="beta", at=START - timedelta(days=40)),
        ]
    )
    old = {**store.head(db, "beta").document, "reviewed": "2025-10-31"}
    store.save(db, "beta", old, base=1, author=make_user("admin"), now=START)
    html = client.get("/editor").text
    check_page(html, "fi")
    plan = html[html.index('id="publish"') : html.index('id="topics-heading"')]
    assert "Julkaistaan: 1 aihetta." in plan and "(v2): teksti" in plan
    html = html[html.index('id="topics-heading"') :]
    row = re.search(r'<a href="/editor/topics/beta">.*?</tr>', html, re.S)
    assert row is not None
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0))).strip()
    assert "Aihe beta beta Luonnos (käytössä v1) 15/15 10/10 10/10" in cells
    assert "31.10.2025 Tarkistus myöhässä" in cells  # REVIEW_INTERVAL: 12 months
    assert "31.12.2025 asti 1.1.2026 alkaen" in cells
    assert cells.endswith(" 1")  # asked once in the last 30 days
    alpha = re.search(r'<a href="/editor/topics/alpha">.*?</tr>', html, re.S)
    assert alpha is not None and "(seuraava 29.11.2027)" in alpha.group(0)
    assert "Kysytty 30 pv" in html
    searched = client.get("/editor", params={"q": "BETA kysymys 3"}).text
    assert "/editor/topics/beta" in searched and "/editor/topics/alpha" not in searched
    assert "Haku ”BETA kysymys 3”: 1 aihetta" in searched


def save(client: TestClient, topic: str = "alpha", **changes: str) -> Any:
    page = client.get(f"/editor/topics/{topic}").text
    data = {**form_of(page, f"/editor/topics/{topic}"), **changes}
    return client.post(f"/editor/topics/{topic}", data=data, follow_redirects=False)


def test_an_edited_answer_is_a_new_draft_version_and_the_list_plans_a_text_publish(
    client: TestClient, db: Session, editor: None, settings: Any
) -> None:
    reply = save(client, v1_answer_fi="Uusi sääntö, tarkennettu.")
    assert reply.status_code == 303
    assert reply.headers["location"] == "/editor/topics/alpha?saved=2"
    page = client.get(reply.headers["location"]).text
    check_page(page, "fi")
    assert "Tallennettu versiona 2 (luonnos)" in page
    assert "Uusi sääntö, tarkennettu.</textarea>" in page
    head = store.head(db, "alpha")
    assert (head.version, head.state) == (2, "draft")
    assert head.document["variants"][1]["answer"]["fi"] == "Uusi sääntö, tarkennettu."
    assert head.document["examples"] == store.version(db, "alpha", 1).document["examples"]
    assert audited(db) == ["faq_save"]

    listing = client.get("/editor").text
    assert "Luonnos (käytössä v1)" in listing
    assert "<strong>teksti (käytössä heti, ei koulutusta)</strong>" in listing
    published = client.post(
        "/editor/publish", data={"csrf_token": csrf_of(listing)}, follow_redirects=False
    )
    assert published.status_code == 303
    job = db.scalars(select(FaqPublishJob)).one()
    assert published.headers["location"] == f"/editor?published={job.id}#publishes"
    assert (job.kind, job.state) == ("text", "live")
    after = client.get(published.headers["location"]).text
    assert f"Julkaisu {job.id} aloitettiin" in after
    assert "100 %" in after and "alpha v2" in after
    assert "Uusi sääntö, tarkennettu." in (settings.faq_dir / "alpha.yml").read_text()
    again = client.post("/editor/publish", data={"csrf_token": csrf_of(after)})
    assert "Ei julkaistavaa" in again.text


def test_a_training_publish_shows_its_progress(
    client: TestClient, db: Session, editor: None
) -> None:
    examples = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    save(client, examples_fi=examples["examples_fi"] + "\nuusi alpha kysymys")
    listing = client.get("/editor").text
    assert "hienosäätö (esimerkit muuttuivat" in listing
    client.post("/editor/publish", data={"csrf_token": csrf_of(listing)})
    job = db.scalars(select(FaqPublishJob)).one()
    job.state = "training"
    job.progress = {"fraction": 0.42, "component": "DIETClassifier", "epoch": 12, "epochs": 40}
    db.commit()
    html = client.get("/editor").text
    assert "Koulutetaan" in html and "42 %" in html
    assert "osa DIETClassifier" in html and "kierros 12/40" in html


def test_the_estimate_is_shown_while_a_publish_trains(
    client: TestClient, db: Session, editor: None
) -> None:
    examples = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    save(client, examples_fi=examples["examples_fi"] + "\nuusi alpha kysymys")
    client.post("/editor/publish", data={"csrf_token": csrf_of(client.get("/editor").text)})
    job = db.scalars(select(FaqPublishJob)).one()
    job.state, job.progress = "training", {"fraction": 0.3, "stage": "training", "eta_seconds": 95}
    db.commit()
    assert "arviolta 95 s jäljellä" in client.get("/editor").text


def test_the_rollback_button_undoes_the_newest_training_publish(
    client: TestClient, db: Session, editor: None, settings: Any
) -> None:
    nothing = client.post(
        "/editor/rollback", data={"csrf_token": csrf_of(client.get("/editor").text)}
    )
    assert "Ei perumista" in nothing.text  # the list again, redirected to
    examples = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    save(client, examples_fi=examples["examples_fi"] + "\nuusi alpha kysymys")
    client.post("/editor/publish", data={"csrf_token": csrf_of(client.get("/editor").text)})
    job = db.scalars(select(FaqPublishJob)).one()
    busy = client.post("/editor/rollback", data={"csrf_token": csrf_of(client.get("/editor").text)})
    assert "Julkaisu on kesken" in busy.text
    checking = publishing.Checking(START.date(), 12)
    publishing.finish(db, job.id, now=START, checking=checking, faq_dir=settings.faq_dir, model="m")

    listing = client.get("/editor").text
    assert "Peru viimeisin koulutettu julkaisu" in listing
    check_page(listing, "fi")
    undone = client.post("/editor/rollback", data={"csrf_token": csrf_of(listing)})
    assert undone.status_code == 200
    jobs = db.scalars(select(FaqPublishJob).order_by(FaqPublishJob.id)).all()
    assert [(j.state, j.rollback_of) for j in jobs] == [("live", None), ("queued", job.id)]
    assert f"peruu julkaisun {job.id}" in undone.text
    assert "faq_rollback" in audited(db)


def test_a_publish_with_errors_is_refused_with_the_findings(
    client: TestClient, db: Session, editor: None
) -> None:
    examples = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    fewer = "\n".join(examples["examples_sv"].splitlines()[:3])
    assert save(client, examples_sv=fewer).status_code == 303  # a draft may lack examples
    reply = client.post("/editor/publish", data={"csrf_token": csrf_of(client.get("/editor").text)})
    assert reply.status_code == 422
    check_page(reply.text, "fi")
    assert (
        "examples.sv" in reply.text and "3 distinct sv examples, at least 10 needed" in reply.text
    )
    assert db.scalars(select(FaqPublishJob)).all() == []


def test_import_reads_the_files_back_as_drafts(
    client: TestClient, db: Session, editor: None, settings: Any
) -> None:
    path = settings.faq_dir / "beta.yml"
    path.write_text(path.read_text().replace("Ny regel.", "Ny regel, ändrad."))
    reply = client.post("/editor/import", data={"csrf_token": csrf_of(client.get("/editor").text)})
    assert reply.status_code == 200
    check_page(reply.text, "fi")
    assert "Luonnoksiksi tallennettiin 1 aihetta" in reply.text
    assert '<a href="/editor/topics/beta">beta</a>' in reply.text
    assert "Ennallaan: 1 aihetta." in reply.text
    assert store.head(db, "beta").state == "draft"
    assert audited(db) == ["faq_import"]


def test_a_stale_save_shows_what_changed_and_keeps_the_text(
    client: TestClient, db: Session, editor: None, make_user: MakeUser
) -> None:
    page = client.get("/editor/topics/alpha").text
    mine = {**form_of(page, "/editor/topics/alpha"), "v0_answer_en": "My own old rule."}
    # Someone else saves first.
    other = make_user("admin", name="Aada Ylläpitäjä")
    theirs = dict(store.head(db, "alpha").document)
    theirs["title"] = {**theirs["title"], "fi": "Toisen otsikko"}
    store.save(db, "alpha", theirs, base=1, author=other, now=START)

    reply = client.post("/editor/topics/alpha", data=mine)
    assert reply.status_code == 409
    check_page(reply.text, "fi")
    assert "Joku muu tallensi aiheen sillä välin" in reply.text
    assert "Aloitit versiosta 1, mutta aihe on nyt versiossa 2" in reply.text
    assert "v2: Aada Ylläpitäjä" in reply.text
    assert "<code>title.fi</code>" in reply.text and "Toisen otsikko" in reply.text
    assert "My own old rule.</textarea>" in reply.text  # the editor's text is kept
    resent = form_of(reply.text, "/editor/topics/alpha")
    assert resent["version"] == "2"  # saving again goes on top of the newest
    assert store.head(db, "alpha").version == 2
    again = client.post("/editor/topics/alpha", data=resent, follow_redirects=False)
    assert again.headers["location"] == "/editor/topics/alpha?saved=3"
    head = store.head(db, "alpha").document
    assert head["variants"][0]["answer"]["en"] == "My own old rule."
    assert head["title"]["fi"] == "Aihe alpha"  # the editor's whole form won, as they chose


def test_findings_are_shown_next_to_their_fields(
    client: TestClient, db: Session, editor: None
) -> None:
    reply = save(client, title_sv="", sources="not a web address", v1_answer_en="")
    assert reply.status_code == 422
    check_page(reply.text, "fi")
    html = reply.text
    assert 'role="alert"' in html and "Tallennus ei onnistunut" in html
    for field in ("title_sv", "sources", "v1_answer_en"):
        assert f'<a href="#{field}">' in html  # the summary links to the field
        error = re.search(rf'<p class="error" id="({field}-error-1)">(.*?)</p>', html, re.S)
        assert error is not None, field
        tag = re.search(rf'<(?:input|textarea) id="{field}"[^>]*>', html, re.S)
        assert tag is not None and 'aria-invalid="true"' in tag.group(0)
        assert error.group(1) in tag.group(0)  # aria-describedby names the error
    assert "Korjaa: give the full web address, starting with https://" in html
    assert "not a web address</textarea>" in html
    assert store.head(db, "alpha").version == 1


def test_a_dated_variant_is_added_and_saved(client: TestClient, db: Session, editor: None) -> None:
    page = client.get("/editor/topics/alpha").text
    data = form_of(page, "/editor/topics/alpha")
    more = client.post("/editor/topics/alpha", data={**data, "action": "add_variant"})
    assert more.status_code == 200
    check_page(more.text, "fi")
    assert 'id="v2_answer_fi"' in more.text and store.head(db, "alpha").version == 1
    data = form_of(more.text, "/editor/topics/alpha")
    assert data["variant_count"] == "3"
    data.update(
        v1_valid_until="2026-06-30",
        v2_valid_from="2026-07-01",
        v2_answer_fi="Heinäkuun sääntö.",
        v2_answer_sv="Julis regel.",
        v2_answer_en="July's rule.",
    )
    reply = client.post(
        "/editor/topics/alpha", data={**data, "action": "save"}, follow_redirects=False
    )
    assert reply.status_code == 303
    variants = store.head(db, "alpha").document["variants"]
    assert [(v.get("valid_from"), v.get("valid_until")) for v in variants] == [
        (None, "2025-12-31"),
        ("2026-01-01", "2026-06-30"),
        ("2026-07-01", None),
    ]
    # And one removed with its box.
    data = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    removed = client.post("/editor/topics/alpha", data={**data, "v0_remove": "1"})
    assert removed.status_code == 200  # followed to the saved page
    variants = store.head(db, "alpha").document["variants"]
    assert [v["answer"]["en"] for v in variants] == ["New rule.", "July's rule."]


def test_the_checks_of_the_draft_are_shown(client: TestClient, editor: None) -> None:
    examples = form_of(client.get("/editor/topics/alpha").text, "/editor/topics/alpha")
    save(client, examples_en="\n".join(examples["examples_en"].splitlines()[:4]))
    html = client.get("/editor/topics/alpha").text
    checks = html[html.index('id="checks-heading"') :]
    assert "4 distinct en examples, at least 10 needed" in checks
    assert '<a href="#examples_en"><code>examples.en</code></a>' in checks
    with_conflicts = client.get("/editor/topics/alpha?conflicts=1").text
    assert "Tarkistettu myös päällekkäisyydet." in with_conflicts


def test_a_new_topic(client: TestClient, db: Session, editor: None) -> None:
    page = client.get("/editor/topics/new").text
    data = form_of(page, "/editor/topics/new")
    data.update(
        topic="gamma",
        title_fi="Gamma",
        title_sv="Gamma",
        title_en="Gamma",
        sources="https://example.org/gamma",
        reviewed="2026-11-30",
        v0_answer_fi="Vastaus.",
        v0_answer_sv="Svar.",
        v0_answer_en="Answer.",
        examples_fi="gamma kysymys\n- toinen gamma kysymys",
    )
    reply = client.post("/editor/topics/new", data=data, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/editor/topics/gamma?saved=1"
    row = store.head(db, "gamma")
    assert row.document["examples"]["fi"] == ["gamma kysymys", "toinen gamma kysymys"]
    assert audited(db) == ["faq_create"]
    taken = client.post("/editor/topics/new", data=data)
    assert taken.status_code == 409 and "a topic &#39;gamma&#39; exists already" in taken.text
    check_page(taken.text, "fi")
    bad = client.post("/editor/topics/new", data={**data, "topic": "Not An Id"})
    assert bad.status_code == 422 and '<a href="#topic">' in bad.text


def test_retiring_a_topic_is_a_draft(client: TestClient, db: Session, editor: None) -> None:
    page = client.get("/editor/topics/beta").text
    reply = client.post(
        "/editor/topics/beta/retire", data=form_of(page, "/editor/topics/beta/retire")
    )
    assert reply.status_code == 200
    assert "aihe poistetaan käytöstä, kun se julkaistaan" in reply.text
    head = store.head(db, "beta")
    assert head.retires and head.state == "draft"
    assert "Luonnos: poistetaan käytöstä" in client.get("/editor").text
    # A retire from a page loaded before that save is stale.
    stale = client.post(
        "/editor/topics/beta/retire", data=form_of(page, "/editor/topics/beta/retire")
    )
    assert stale.status_code == 409
    check_page(stale.text, "fi")
    assert "<code>retired</code>" in stale.text


def test_the_preview_shows_the_answer_as_the_chat_does(
    client: TestClient, db: Session, editor: None
) -> None:
    save(client, v1_answer_sv="Ny regel, se https://example.org/mer.")
    html = client.get(
        "/editor/topics/alpha/preview", params={"language": "sv", "on": "2026-03-01"}
    ).text
    check_page(html, "fi")
    bubble = html[html.index('class="chat-preview"') :]
    assert 'lang="sv"' in bubble
    assert "Ny regel, se " in bubble
    assert '<a href="https://example.org/mer" rel="noopener noreferrer">' in bubble
    assert "Den här regeln gäller sedan 1.1.2026." in bubble
    assert "Fråga din rådgivare" in bubble
    old = client.get(
        "/editor/topics/alpha/preview",
        params={"language": "en", "on": "2025-05-01", "version": "1"},
    ).text
    assert "Old rule." in old and "Checked on 29 November 2026." in old
    assert '<option value="1" selected>' in old
    bad = client.get("/editor/topics/alpha/preview", params={"on": "31.2.2026"}).text
    assert "Päivä ei kelvannut" in bad


def test_versions_a_diff_and_a_restore(client: TestClient, db: Session, editor: None) -> None:
    save(client, title_en="Topic alpha, renamed")
    html = client.get("/editor/topics/alpha/versions").text
    check_page(html, "fi")
    assert "Eeva Editori" in html and "tiedostoista" in html
    assert "Palauta versio 1 luonnokseksi" in html and "Palauta versio 2" not in html
    diff = client.get(
        "/editor/topics/alpha/diff", params={"from_version": "1", "to_version": "2"}
    ).text
    check_page(diff, "fi")
    assert "<code>title.en</code>" in diff
    assert "Topic alpha, renamed" in diff
    assert (
        "+  en: Topic alpha, renamed" in diff
        or "Topic alpha, renamed" in diff.split("file-diff")[1]
    )
    restore = client.post(
        "/editor/topics/alpha/versions/1/restore",
        data=form_of(html, "/editor/topics/alpha/versions/1/restore"),
        follow_redirects=False,
    )
    assert restore.headers["location"] == "/editor/topics/alpha/versions?restored=3"
    row = store.head(db, "alpha")
    assert (row.version, row.restored_from) == (3, 1)
    assert row.document == store.version(db, "alpha", 1).document
    # The same form again: the page's version (2) is stale now.
    stale = client.post(
        "/editor/topics/alpha/versions/1/restore",
        data=form_of(html, "/editor/topics/alpha/versions/1/restore"),
    )
    assert stale.status_code == 409
    assert client.get("/editor/topics/alpha/diff?from_version=1&to_version=9").status_code == 404


def test_a_missed_question_is_added_as_an_example_in_one_click(
    client: TestClient, db: Session, editor: None
) -> None:
    faq_missed_questions.add(
        db, text="vanha", language="fi", kind="fallback", nearest_topic="beta", now=START
    )
    question = faq_missed_questions.add(
        db,
        text="saako betaa lomalla",
        language="fi",
        kind="did_you_mean",
        nearest_topic="beta",
        now=START + timedelta(minutes=5),
    )
    faq_missed_questions.add(
        db, text="zzz", language="en", kind="fallback", nearest_topic=None, now=START
    )
    html = client.get("/editor/missed").text
    check_page(html, "fi")
    assert html.index("saako betaa lomalla") < html.index("vanha") < html.index("zzz")
    assert "Lähin aihe: Aihe beta" in html and "Ei lähellä mitään aihetta" in html
    assert "suomi, tarkoititko…" in html
    action = f"/editor/missed/{question.id}/add"
    reply = client.post(action, data=form_of(html, action), follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/editor/missed?added=beta&version=2"
    head = store.head(db, "beta")
    assert head.state == "draft" and head.document["examples"]["fi"][-1] == "saako betaa lomalla"
    after = client.get(reply.headers["location"]).text
    assert "Lisätty aiheen Aihe beta esimerkiksi: luonnos versiona 2." in after
    assert "saako betaa lomalla" not in after
    assert audited(db) == ["faq_save"]


def test_a_missed_question_to_another_topic_or_dismissed(
    client: TestClient, db: Session, editor: None
) -> None:
    first = faq_missed_questions.add(
        db, text="alphaa kai", language="sv", kind="fallback", nearest_topic=None, now=START
    )
    second = faq_missed_questions.add(
        db, text="roskaa", language="fi", kind="fallback", nearest_topic=None, now=START
    )
    html = client.get("/editor/missed").text
    token = csrf_of(html)
    reply = client.post(
        f"/editor/missed/{first.id}/add", data={"csrf_token": token, "topic": "alpha"}
    )
    assert reply.status_code == 200
    assert store.head(db, "alpha").document["examples"]["sv"][-1] == "alphaa kai"
    dismissed = client.post(f"/editor/missed/{second.id}/dismiss", data={"csrf_token": token})
    assert "Viesti hylättiin." in dismissed.text
    assert db.scalars(select(FaqMissedQuestion)).all() == []
    assert audited(db) == ["faq_save", "faq_missed_dismiss"]
    gone = client.post(f"/editor/missed/{second.id}/dismiss", data={"csrf_token": token})
    assert gone.status_code == 404
    check_page(gone.text, "fi")


def test_the_pages_in_english(client: TestClient, db: Session, editor: None) -> None:
    for path in PAGES:
        reply = client.get(path, params={"lang": "en"})
        check_page(reply.text, "en")
    assert "FAQ topics" in client.get("/editor").text
    assert faq_topic_versions.count(db) == 2


def test_an_unknown_topic_is_a_page_that_says_so(client: TestClient, editor: None) -> None:
    token = csrf_of(client.get("/editor").text)
    for reply in (
        client.get("/editor/topics/nope"),
        client.get("/editor/topics/nope/preview"),
        client.get("/editor/topics/nope/versions"),
        client.post("/editor/topics/nope", data={"csrf_token": token, "version": "1"}),
        client.post(
            "/editor/topics/nope",
            data={"csrf_token": token, "version": "1", "action": "add_variant"},
        ),
    ):
        assert reply.status_code == 404
        check_page(reply.text, "fi")
        assert "Tällaista aihetta ei ole." in reply.text


def test_saving_the_form_unchanged_adds_no_version(
    client: TestClient, db: Session, editor: None
) -> None:
    reply = save(client)
    assert reply.headers["location"] == "/editor/topics/alpha?saved=1"
    assert store.head(db, "alpha").version == 1
    assert "Ei muutoksia: versio 1 on ennallaan." in client.get(reply.headers["location"]).text
