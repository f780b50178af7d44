"""/api/v1/conversations/{key}/panel and /api/v1/panel: the client joins, answers a pilot
invitation and leaves through the action server; who may see what (the authorisation
matrix), and every read and export of the members in the audit log."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS, MakeUser, login

TG = "tg-0123456789abcdef0123456789abcdef"
WEB = "0b5e3c4a-web"
PILOT = {
    "title": {"fi": "Verkkoasioinnin kokeilu", "sv": "Försök med e-tjänster", "en": "Online pilot"},
    "text": {"fi": "Testaa uutta palvelua.", "sv": "Testa en ny tjänst.", "en": "Test a service."},
    "answer_by": "2026-12-20",
    "interests": ["digital_services"],
}


def panel(key: str) -> str:
    return f"/api/v1/conversations/{key}/panel"


def join(client: TestClient, key: str, **changes: Any) -> tuple[int, dict[str, Any]]:
    status = client.get(panel(key), headers=SERVICE_HEADERS).json()
    body = {
        "consent_version": status["consent_version"],
        "interests": ["digital_services", "training"],
        "languages": ["fi"],
        "contact_channel": "telegram",
        "language": "fi",
        **changes,
    }
    reply = client.put(panel(key), json=body, headers=SERVICE_HEADERS)
    found: dict[str, Any] = reply.json()
    return reply.status_code, found


def as_role(client: TestClient, make_user: MakeUser, role: str) -> dict[str, str]:
    make_user(role)
    return login(client, f"{role}@example.org")


def test_the_client_routes_need_the_service_token(client: TestClient) -> None:
    assert client.get(panel(TG)).status_code == 401
    assert client.put(panel(TG), json={}).status_code == 401
    assert client.delete(panel(TG)).status_code == 401
    assert client.get(f"{panel(TG)}/invitations/x").status_code == 401


def test_join_status_and_leave(client: TestClient) -> None:
    before = client.get(panel(TG), headers=SERVICE_HEADERS).json()
    assert before == {
        "member": False,
        "consent_version": "1",
        "contact_channels": ["telegram", "email"],
        "interests": [],
        "languages": [],
        "contact_channel": None,
        "joined_on": None,
    }
    status, joined = join(client, TG)
    assert status == 200, joined
    assert joined["member"] and joined["interests"] == ["digital_services", "training"]
    assert joined["joined_on"] == "2026-12-01"

    left = client.delete(panel(TG), headers=SERVICE_HEADERS)
    assert left.status_code == 200 and left.json()["member"] is False
    again = client.delete(panel(TG), headers=SERVICE_HEADERS)
    assert again.status_code == 404 and again.json() == {"detail": {"reason": "not_member"}}


@pytest.mark.parametrize(
    ("key", "changes", "status", "reason"),
    [
        (TG, {"consent_version": "0"}, 409, "consent_outdated"),
        (WEB, {"contact_channel": "telegram"}, 409, "contact_unavailable"),
        (WEB, {"contact_channel": "email", "email": "en kerro"}, 422, "invalid_email"),
    ],
)
def test_refusals_carry_a_reason(
    client: TestClient, key: str, changes: dict[str, Any], status: int, reason: str
) -> None:
    assert join(client, key, **changes) == (status, {"detail": {"reason": reason}})


def test_a_web_client_joins_with_the_address_typed_in_a_sentence(client: TestClient) -> None:
    status, joined = join(
        client, WEB, contact_channel="email", email="osoitteeni on matti@example.fi kiitos"
    )
    assert status == 200 and joined["contact_channel"] == "email"
    assert client.get(panel(WEB), headers=SERVICE_HEADERS).json()["contact_channels"] == ["email"]


def test_an_invitation_is_pushed_read_and_answered_in_the_chat(
    client: TestClient, make_user: MakeUser
) -> None:
    join(client, TG)
    join(client, WEB, contact_channel="email", email="matti@example.fi", language="en")
    csrf = as_role(client, make_user, "admin")
    created = client.post("/api/v1/panel/pilots", json=PILOT, headers=csrf)
    assert created.status_code == 201, created.text
    assert created.json()["invited"] == 2 and created.json()["queued_for_email"] == 1

    [pushed] = client.get(
        "/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE_HEADERS
    ).json()
    assert (pushed["conversation_key"], pushed["purpose"]) == (TG, "pilot_invitation")
    assert pushed["step"] is None
    invitation = f"{panel(TG)}/invitations/{pushed['pilot_invitation_id']}"

    shown = client.get(invitation, params={"language": "sv"}, headers=SERVICE_HEADERS).json()
    assert shown == {
        "invitation_id": pushed["pilot_invitation_id"],
        "title": "Försök med e-tjänster",
        "text": "Testa en ny tjänst.",
        "answer_by": "2026-12-20",
        "answer": None,
        "open": True,
    }
    answered = client.put(invitation, json={"answer": "yes"}, headers=SERVICE_HEADERS)
    assert answered.status_code == 200 and answered.json()["answer"] == "yes"
    maybe = client.put(invitation, json={"answer": "maybe"}, headers=SERVICE_HEADERS)
    assert maybe.status_code == 422

    stranger = f"{panel(WEB)}/invitations/{pushed['pilot_invitation_id']}"
    refused = client.get(stranger, headers=SERVICE_HEADERS)
    assert refused.status_code == 404 and refused.json() == {"detail": {"reason": "no_invitation"}}

    [pilot] = client.get("/api/v1/panel/pilots", headers=csrf).json()
    assert pilot["answers"] == {"yes": 1, "no": 0, "unanswered": 1}
    detail = client.get(f"/api/v1/panel/pilots/{pilot['id']}", headers=csrf).json()
    assert sorted((i["contact_channel"], i["answer"]) for i in detail["invitations"]) == [
        ("email", None),
        ("telegram", "yes"),
    ]


def test_members_and_the_export_for_admins_each_read_audited(
    client: TestClient, make_user: MakeUser
) -> None:
    join(client, TG)
    join(client, WEB, contact_channel="email", email="matti@example.fi", languages=["en", "sv"])
    csrf = as_role(client, make_user, "admin")

    listed = client.get("/api/v1/panel", headers=csrf)
    assert listed.headers["cache-control"] == "no-store"
    members = listed.json()["members"]
    assert [(m["contact_channel"], m["email"], m["languages"]) for m in members] == [
        ("telegram", None, ["fi"]),
        ("email", "matti@example.fi", ["sv", "en"]),
    ]
    assert set(members[0]) == {
        "id", "joined_on", "consent_version", "interests", "languages", "contact_channel", "email"
    }  # fmt: skip

    exported = client.get("/api/v1/panel/export", headers=csrf)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    assert "matti@example.fi" in exported.text

    audit = client.get("/api/v1/audit-log", headers=csrf).json()["items"]
    assert [(e["action"], e["meeting_id"]) for e in audit] == [
        ("panel_export", None),
        ("panel_read", None),
    ]


def test_analysts_see_counts_never_contacts(client: TestClient, make_user: MakeUser) -> None:
    for n in range(5):
        join(client, f"tg-{n}", interests=["training"])
    csrf = as_role(client, make_user, "analyst")
    counts = client.get("/api/v1/panel/interests", headers=csrf).json()
    assert counts["min_group"] == 5 and counts["members"] == 5
    assert {c["interest"]: c["count"] for c in counts["interests"]}["training"] == 5
    assert {c["interest"]: c["count"] for c in counts["interests"]}["job_search"] is None
    assert "tg-" not in str(counts)


STAFF_ROUTES = [
    ("GET", "/api/v1/panel", {"admin"}),
    ("GET", "/api/v1/panel/export", {"admin"}),
    ("GET", "/api/v1/panel/interests", {"analyst", "admin"}),
    ("GET", "/api/v1/panel/pilots", {"admin"}),
    ("POST", "/api/v1/panel/pilots", {"admin"}),
]


@pytest.mark.parametrize("role", ["advisor", "content_editor", "analyst", "admin"])
@pytest.mark.parametrize(("method", "path", "allowed"), STAFF_ROUTES)
def test_the_authorisation_matrix(
    client: TestClient,
    make_user: MakeUser,
    role: str,
    method: str,
    path: str,
    allowed: set[str],
) -> None:
    assert client.request(method, path, json=PILOT).status_code == 401  # not logged in
    # The service token (the action server's, the bridge's) is no staff login.
    assert client.request(method, path, json=PILOT, headers=SERVICE_HEADERS).status_code == 401
    csrf = as_role(client, make_user, role)
    reply = client.request(method, path, json=PILOT, headers=csrf)
    expected = (201 if method == "POST" else 200) if role in allowed else 403
    assert reply.status_code == expected, reply.text


def test_refused_reads_are_not_audited(client: TestClient, make_user: MakeUser) -> None:
    as_role(client, make_user, "analyst")
    assert client.get("/api/v1/panel").status_code == 403
    client.post("/api/v1/auth/logout", headers={})
    csrf = as_role(client, make_user, "admin")
    assert client.get("/api/v1/audit-log", headers=csrf).json()["items"] == []


def test_an_unknown_pilot_is_404(client: TestClient, make_user: MakeUser) -> None:
    csrf = as_role(client, make_user, "admin")
    assert client.get("/api/v1/panel/pilots/999", headers=csrf).status_code == 404
