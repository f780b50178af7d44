"""Every role, and nobody, against every staff endpoint: who gets what.

Advisors see their own meetings only; content editors, analysts and admins see no client input
anywhere (admins manage users and read the audit log; analysts and admins record "we did").
The action server's endpoints (the client's meeting, the pulse survey, proposals) take the
service token, never a staff cookie.
"""

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.client_meetings_helpers import answer, consent, create_meeting, redeem
from tests.api.conftest import MakeUser, login

ROLES = ("anonymous", "advisor", "content_editor", "analyst", "admin")
CLIENT_WORDS = "Haluaisin puhua kuntouttavasta työtoiminnasta"  # made up

# (method, path, json body or None, form or None) -> status per role, in the order of ROLES.
# {id} is the advisor's meeting; {user} another user's id.
ADVISOR_ONLY_JSON = (401, 200, 403, 403, 403)
ADMIN_ONLY_JSON = (401, 403, 403, 403, 200)
ANY_STAFF = (401, 200, 200, 200, 200)
ANALYST_OR_ADMIN = (401, 403, 403, 200, 200)
SERVICE_ONLY = (401,) * 5  # no staff cookie opens the action server's endpoints
ADVISOR_ONLY_PAGE = (303, 200, 403, 403, 403)  # anonymous: to the login form
PUBLIC = (200,) * 5
CONTENT_TEAM = (401, 403, 200, 403, 200)  # content editors and admins
CONTENT_TEAM_422 = (401, 403, 422, 403, 422)  # they pass; the empty body does not
ADMIN_ONLY_422 = (401, 403, 403, 403, 422)
NEW_MEETING = {"client_ref": "matrix", "starts_at": "2026-12-24T10:00:00+02:00", "language": "en"}
NEW_USER = {
    "email": "new@example.org",
    "display_name": "New",
    "role": "analyst",
    "password": "a made-up password",
}
FORM_MEETING = {"client_ref": "matrix", "day": "2026-12-24", "at": "10:00", "language": "en"}
PULSE_OFFER = {"conversation_key": "k", "offer_kind": "on_request", "channel": "web"}
PULSE_ANSWER = {"offer_kind": "on_request", "step": "assistant", "channel": "web", "language": "fi"}
PROPOSAL = {"text": "idea", "theme": "other", "language": "fi", "channel": "web"}
THEME_ACTION = {
    "theme": "training",
    "text_fi": "tehty",
    "text_sv": "gjort",
    "text_en": "done",
    "done_on": "2026-11-30",
}

MATRIX: list[tuple[str, str, dict[str, str] | None, dict[str, str] | None, tuple[int, ...]]] = [
    ("GET", "/health", None, None, PUBLIC),
    ("GET", "/api/v1/faq", None, None, PUBLIC),
    ("GET", "/api/v1/faq/alpha", None, None, PUBLIC),
    ("GET", "/api/v1/faq-suggestions?topics=alpha", None, None, PUBLIC),
    ("GET", "/api/v1/retention", None, None, PUBLIC),
    ("POST", "/api/v1/auth/login", {}, None, (422,) * 5),  # nobody is logged in by a cookie
    ("POST", "/api/v1/auth/logout", None, None, (401, 204, 204, 204, 204)),
    ("GET", "/api/v1/auth/me", None, None, ANY_STAFF),
    ("GET", "/api/v1/meetings", None, None, ADVISOR_ONLY_JSON),
    ("POST", "/api/v1/meetings", NEW_MEETING, None, (401, 201, 403, 403, 403)),
    ("GET", "/api/v1/meetings/{id}", None, None, ADVISOR_ONLY_JSON),
    ("GET", "/api/v1/meetings/{id}/summary", None, None, ADVISOR_ONLY_JSON),
    ("POST", "/api/v1/meetings/{id}/reminder", None, None, (401, 202, 403, 403, 403)),
    ("POST", "/api/v1/meetings/{id}/complete", None, None, ADVISOR_ONLY_JSON),
    ("GET", "/api/v1/audit-log", None, None, ADMIN_ONLY_JSON),
    ("GET", "/api/v1/users", None, None, ADMIN_ONLY_JSON),
    ("POST", "/api/v1/users", NEW_USER, None, (401, 403, 403, 403, 201)),
    ("PATCH", "/api/v1/users/{user}", {"role": "analyst"}, None, ADMIN_ONLY_JSON),
    ("POST", "/api/v1/redactions", {}, None, SERVICE_ONLY),
    ("GET", "/api/v1/conversations/k", None, None, SERVICE_ONLY),
    ("PUT", "/api/v1/conversations/k", {}, None, SERVICE_ONLY),
    ("POST", "/api/v1/conversations/k/meeting", {}, None, SERVICE_ONLY),
    ("PUT", "/api/v1/conversations/k/meeting/consent", {}, None, SERVICE_ONLY),
    ("POST", "/api/v1/conversations/k/meeting/answers", {}, None, SERVICE_ONLY),
    ("DELETE", "/api/v1/conversations/k/meeting/preparation", None, None, SERVICE_ONLY),
    ("POST", "/api/v1/conversations/k/meeting/confirm", None, None, SERVICE_ONLY),
    ("GET", "/api/v1/conversations/k/panel", None, None, SERVICE_ONLY),
    ("PUT", "/api/v1/conversations/k/panel", {}, None, SERVICE_ONLY),
    ("DELETE", "/api/v1/conversations/k/panel", None, None, SERVICE_ONLY),
    ("GET", "/api/v1/conversations/k/panel/invitations/1", None, None, SERVICE_ONLY),
    ("PUT", "/api/v1/conversations/k/panel/invitations/1", {}, None, SERVICE_ONLY),
    ("PUT", "/api/v1/pulse/pending/k", {}, None, SERVICE_ONLY),
    ("POST", "/api/v1/pulse/pending/k/submit", None, None, SERVICE_ONLY),
    ("GET", "/api/v1/faq/topics", None, None, CONTENT_TEAM),
    ("POST", "/api/v1/faq/topics", {}, None, CONTENT_TEAM_422),
    ("GET", "/api/v1/faq/topics/alpha", None, None, CONTENT_TEAM),
    ("PUT", "/api/v1/faq/topics/alpha", {}, None, CONTENT_TEAM_422),
    ("POST", "/api/v1/faq/topics/alpha/retire", {}, None, CONTENT_TEAM_422),
    ("GET", "/api/v1/faq/topics/alpha/preview", None, None, CONTENT_TEAM),
    ("GET", "/api/v1/faq/topics/alpha/versions", None, None, CONTENT_TEAM),
    ("GET", "/api/v1/faq/topics/alpha/versions/1", None, None, CONTENT_TEAM),
    ("POST", "/api/v1/faq/topics/alpha/versions/1/restore", {}, None, CONTENT_TEAM_422),
    ("GET", "/api/v1/faq/topics/alpha/diff", None, None, CONTENT_TEAM_422),
    ("GET", "/api/v1/faq/checks", None, None, CONTENT_TEAM),
    ("GET", "/api/v1/faq/topics/alpha/checks", None, None, CONTENT_TEAM),
    ("POST", "/api/v1/faq/import", None, None, CONTENT_TEAM),
    ("POST", "/api/v1/faq/publish", None, None, (401, 403, 409, 403, 409)),  # nothing to publish
    ("GET", "/api/v1/faq/publish", None, None, CONTENT_TEAM),
    ("GET", "/api/v1/faq/publish/1", None, None, (401, 403, 404, 403, 404)),
    # Nothing has trained yet: nothing to roll back (the content team passes the role check).
    ("POST", "/api/v1/faq/publish/rollback", None, None, (401, 403, 409, 403, 409)),
    ("POST", "/api/v1/faq-missed", {}, None, SERVICE_ONLY),
    ("GET", "/api/v1/conversations/k/my-data", None, None, SERVICE_ONLY),
    ("DELETE", "/api/v1/conversations/k/my-data", None, None, SERVICE_ONLY),
    ("GET", "/api/v1/conversations/k/my-data/text", None, None, SERVICE_ONLY),
    ("POST", "/api/v1/conversations/k/my-data/link", {}, None, SERVICE_ONLY),
    # The copy's link is its own key: a login adds nothing, an unknown one is 404 for all.
    ("GET", "/api/v1/my-data/not-a-token", None, None, (404,) * 5),
    ("GET", "/api/v1/panel", None, None, ADMIN_ONLY_JSON),
    ("GET", "/api/v1/panel/export", None, None, ADMIN_ONLY_JSON),
    ("GET", "/api/v1/panel/interests", None, None, ANALYST_OR_ADMIN),
    ("GET", "/api/v1/panel/pilots", None, None, ADMIN_ONLY_JSON),
    ("POST", "/api/v1/panel/pilots", {}, None, ADMIN_ONLY_422),
    ("GET", "/api/v1/panel/pilots/1", None, None, (401, 403, 403, 403, 404)),
    ("GET", "/api/v1/analytics/pulse", None, None, ANALYST_OR_ADMIN),
    ("GET", "/api/v1/analytics/proposals", None, None, ANALYST_OR_ADMIN),
    ("GET", "/api/v1/analytics/export.csv", None, None, ANALYST_OR_ADMIN),
    ("GET", "/api/v1/conversations/k/meeting", None, None, (401,) * 5),
    ("POST", "/api/v1/conversations/k/faq-topics", {"topic": "alpha"}, None, (401,) * 5),
    ("GET", "/api/v1/outbox?channel=telegram", None, None, (401,) * 5),
    ("POST", "/api/v1/outbox/1/delivered", None, None, (401,) * 5),
    ("POST", "/api/v1/outbox/claim", {"channel": "telegram", "claimant": "a"}, None, (401,) * 5),
    ("POST", "/api/v1/outbox/release", {"claimant": "a"}, None, (401,) * 5),
    ("POST", "/api/v1/pulse/offers", {**PULSE_OFFER, "language": "fi"}, None, SERVICE_ONLY),
    ("POST", "/api/v1/pulse/answers", PULSE_ANSWER, None, SERVICE_ONLY),
    ("POST", "/api/v1/proposals/theme", {"text": "idea", "language": "fi"}, None, SERVICE_ONLY),
    ("POST", "/api/v1/proposals", PROPOSAL, None, SERVICE_ONLY),
    ("GET", "/api/v1/theme-actions?language=fi", None, None, SERVICE_ONLY),
    ("GET", "/api/v1/theme-actions/manage", None, None, ANALYST_OR_ADMIN),
    ("POST", "/api/v1/theme-actions/manage", THEME_ACTION, None, (401, 403, 403, 201, 201)),
    ("DELETE", "/api/v1/theme-actions/manage/999", None, None, (401, 403, 403, 404, 404)),
    ("GET", "/advisor", None, None, ADVISOR_ONLY_PAGE),
    ("GET", "/advisor/meetings/new", None, None, ADVISOR_ONLY_PAGE),
    ("POST", "/advisor/meetings/new", None, FORM_MEETING, (303, 303, 403, 403, 403)),
    ("GET", "/advisor/meetings/{id}", None, None, ADVISOR_ONLY_PAGE),
    ("GET", "/advisor/meetings/{id}/invite", None, None, ADVISOR_ONLY_PAGE),
    ("POST", "/advisor/meetings/{id}/reminder", None, {}, (303, 303, 403, 403, 403)),
    ("POST", "/advisor/meetings/{id}/complete", None, {}, (303, 303, 403, 403, 403)),
]


@pytest.mark.parametrize(("method", "path", "body", "form", "expected"), MATRIX)
def test_authorisation_matrix(
    client: TestClient,
    make_user: MakeUser,
    method: str,
    path: str,
    body: dict[str, str] | None,
    form: dict[str, str] | None,
    expected: tuple[int, ...],
) -> None:
    for role in ROLES[1:]:
        make_user(role)
    other = make_user("analyst", email="other@example.org")
    meeting = create_meeting(client, login(client, "advisor@example.org"), ref="owned")
    redeem(client, "k-client", meeting["invite_code"])
    consent(client, "k-client", True)
    answer(client, "k-client", "topics", CLIENT_WORDS)
    url = path.format(id=meeting["id"], user=other.id)

    for role, status in zip(ROLES, expected, strict=True):
        client.cookies.clear()
        csrf = {} if role == "anonymous" else login(client, f"{role}@example.org")
        data = None if form is None else {**form, "csrf_token": csrf.get("X-CSRF-Token", "")}
        reply = client.request(
            method, url, json=body, data=data, headers=csrf, follow_redirects=False
        )
        assert reply.status_code == status, (role, method, url, reply.text[:200])
        if role != "advisor":
            assert CLIENT_WORDS not in reply.text
        if status == 303 and role == "anonymous":
            assert reply.headers["location"] == "/advisor/login"


def test_every_route_of_the_api_is_in_the_matrix(client: TestClient) -> None:
    """A new route fails here until the matrix says who may call it."""
    listed = [(method, path.split("?")[0]) for method, path, *_ in MATRIX]
    missing = []
    for template, operations in client.get("/openapi.json").json()["paths"].items():
        pattern = re.compile(re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")
        for method in operations:
            if not any(m == method.upper() and pattern.match(p) for m, p in listed):
                missing.append(f"{method.upper()} {template}")
    assert missing == []
