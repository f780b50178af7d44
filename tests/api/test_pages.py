from fastapi.testclient import TestClient


def test_chat_page_is_served_with_a_strict_content_security_policy(client: TestClient) -> None:
    reply = client.get("/")
    assert reply.status_code == 200
    assert 'aria-live="polite"' in reply.text
    assert "<script>" not in reply.text  # no inline scripts
    policy = reply.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert client.get("/static/chat.js").status_code == 200
