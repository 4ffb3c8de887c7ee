"""The desk's guard, through real requests to the app: CSRF, size limits, token, host names, content types."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from marketfact.cli import main
from marketfact.web.guard import MAX_BODY, GuardConfig, is_loopback
from tests.web.conftest import EN_ARTICLE, PUBLISHED, csrf_of, desk_client, paste

TOKEN = "s3cret-token-for-tests-0123456789"


def test_a_form_post_without_its_token_is_refused(client: TestClient, token: str) -> None:
    fields = {"text": EN_ARTICLE, "published": PUBLISHED, "language": "auto"}
    assert client.post("/articles", data=fields).status_code == 403
    assert client.post("/articles", data={**fields, "csrf": "0" * 32}).status_code == 403
    assert client.post("/articles", data={**fields, "csrf": token}, follow_redirects=False).status_code == 303
    assert client.get("/").status_code == 200


def test_every_post_form_carries_the_token(client: TestClient, token: str) -> None:
    from bs4 import BeautifulSoup

    readings = client.get(paste(client, token)).text
    soup = BeautifulSoup(readings, "html.parser")
    forms = soup.find_all("form")
    assert len(forms) > 10  # confirm, reject, edit per claim, and the check
    for form in forms:
        assert form["method"] == "post"
        assert form.find("input", attrs={"name": "csrf", "value": token}) is not None, form["action"]


def test_a_cookie_from_another_site_does_not_make_a_token(tmp_path: Path) -> None:
    """Double submit: the field must equal this browser's cookie, not any well-formed value."""
    with desk_client(tmp_path / "out") as c:
        mine = csrf_of(c.get("/").text)
        other = "a" * 32
        r = c.post("/articles", data={"csrf": other, "text": "x", "published": PUBLISHED})
        assert r.status_code == 403
        assert mine != other


def test_the_form_token_needs_a_url_encoded_form(client: TestClient, token: str) -> None:
    r = client.post("/articles", content=f"csrf={token}".encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 403


def test_a_body_over_the_limit_is_refused(client: TestClient, token: str) -> None:
    big = "Nvidia fell 17% on Monday. " * (MAX_BODY // 20)
    r = client.post("/articles", data={"csrf": token, "text": big, "published": PUBLISHED})
    assert r.status_code == 413
    r = client.post("/api/check-article", json={"text": big, "published": PUBLISHED})
    assert r.status_code == 413


def test_a_streamed_body_over_the_limit_is_refused_as_it_arrives(client: TestClient, token: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield f"csrf={token}&published=x&text=".encode()
        for _ in range(40):
            yield b"a" * 8192  # 320 KiB in all, without a Content-Length

    r = client.post("/articles", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_just_under_the_limit_is_read(client: TestClient, token: str) -> None:
    text = EN_ARTICLE + "\n" + "Filler text without numbers. " * ((MAX_BODY - 4096) // 30)
    location = paste(client, token, text)
    assert client.get(location).status_code == 200


def test_the_api_takes_json_only(client: TestClient) -> None:
    r = client.post(
        "/api/check-article", content=b"text=x", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 415
    r = client.post("/api/check-article", content=b"{", headers={"content-type": "application/json"})
    assert r.status_code == 400
    r = client.post("/api/check-article", json={"text": 5, "published": PUBLISHED})
    assert r.status_code == 400
    r = client.post("/api/check-article", json={"text": "x", "published": PUBLISHED, "language": "fr"})
    assert r.status_code == 400


def test_the_api_says_why_an_article_cannot_be_checked(client: TestClient) -> None:
    r = client.post("/api/check-article", json={"text": "Nvidia fell 17% on Monday.", "published": "2025-01-28"})
    assert r.status_code == 422
    assert "has no time zone" in r.json()["error"]
    r = client.post(
        "/api/check-article",
        json={"text": "The company said it would hire 500 people this year.", "published": PUBLISHED},
    )
    assert r.status_code == 422
    assert r.json()["error"] == "no checkable market claim found"
    assert any("500" in line for line in r.json()["details"])


def test_an_unknown_host_name_is_refused(client: TestClient) -> None:
    """DNS rebinding: a page at evil.example resolving to 127.0.0.1 must not reach the desk."""
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8765"}).status_code == 200


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[TestClient]:
    """A desk bound to every interface, with a token."""
    guard = GuardConfig(bind_host="0.0.0.0", token=TOKEN)
    with desk_client(tmp_path / "out", guard, base_url="http://desk.example:8765") as c:
        yield c


def test_off_loopback_every_request_needs_the_token(remote: TestClient) -> None:
    assert remote.get("/").status_code == 401
    assert remote.get("/runs").status_code == 401
    assert remote.get("/out/index.html").status_code == 401
    assert remote.post("/api/check-article", json={"text": "x", "published": PUBLISHED}).status_code == 401
    assert remote.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert remote.get("/", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert remote.get("/?token=wrong").status_code == 401


def test_the_token_in_the_address_becomes_a_cookie(remote: TestClient) -> None:
    r = remote.get(f"/?token={TOKEN}&lang=de", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/?lang=de"  # the token leaves the address bar
    assert "HttpOnly" in r.headers["set-cookie"]
    assert "SameSite=Strict" in r.headers["set-cookie"]
    page = remote.get("/")
    assert page.status_code == 200
    token = csrf_of(page.text)
    assert paste(remote, token).startswith("/articles/")


def test_the_command_refuses_a_public_host_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARKETFACT_WEB_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["web", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "give --token (or MARKETFACT_WEB_TOKEN)" in result.output
    result = CliRunner().invoke(main, ["web", "--host", "192.168.1.5", "--token", "short"])
    assert result.exit_code == 2
    assert "too short" in result.output
    assert "--token" in CliRunner().invoke(main, ["web", "--help"]).output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("desk.example", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_every_response_forbids_scripts(client: TestClient, token: str) -> None:
    for response in (client.get("/"), client.get("/runs"), client.get("/nowhere"), client.get(paste(client, token))):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp
        assert "script-src" not in csp  # falls back to default-src 'none': no script at all
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_out_serves_run_folders_only(client: TestClient, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = out / "20250128T063000Z-abcdef"
    run.mkdir(parents=True)
    (run / "report.html").write_text("<p>report</p>", encoding="utf-8")
    (out / "history.db").write_bytes(b"SQLite format 3\x00")
    assert client.get("/out/20250128T063000Z-abcdef/report.html").status_code == 200
    assert client.get("/out/history.db").status_code == 404
    assert client.get("/out/.desk/articles/0123456789ab.md").status_code == 404
    assert client.get("/out/20250128T063000Z-abcdef/../history.db").status_code == 404
    assert client.get("/out/20250128T063000Z-abcdef/%2e%2e/history.db").status_code == 404
