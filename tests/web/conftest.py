"""Fixtures for the review desk: the app behind its guard, a client, and the form token of a page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from marketfact.settings import Settings
from marketfact.web.app import DeskConfig, create_app
from marketfact.web.guard import GuardConfig
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "articles"
EN_ARTICLE = (ARTICLES / "en-deepseek-rout.md").read_text(encoding="utf-8")
DE_ARTICLE = (ARTICLES / "de-deepseek-ausverkauf.md").read_text(encoding="utf-8")
PUBLISHED = "2025-01-28T07:30:00+01:00"
LOOPBACK = "http://127.0.0.1:8765"


def desk_client(out: Path, guard: GuardConfig | None = None, base_url: str = LOOPBACK) -> TestClient:
    """A client of a desk writing into ``out`` (snapshot prices only)."""
    settings = Settings(out_dir=out, source="snapshot", cache_dir=out.parent / "cache")
    app = create_app(DeskConfig(settings=settings, out_dir=out, guard=guard or GuardConfig()))
    return TestClient(app, base_url=base_url)


def csrf_of(html: str) -> str:
    """The form token a page's forms carry."""
    match = re.search(r'name="csrf" value="([0-9a-f]{32})"', html)
    assert match, "the page has no form token"
    return match.group(1)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """A desk on loopback, without a token."""
    with desk_client(tmp_path / "out") as c:
        yield c


@pytest.fixture
def token(client: TestClient) -> str:
    """The client's form token (its cookie is set by the first page)."""
    return csrf_of(client.get("/").text)


def paste(
    client: TestClient, token: str, text: str = EN_ARTICLE, published: str = PUBLISHED, language: str = "auto"
) -> str:
    """Paste an article; the address of its readings page."""
    r = client.post(
        "/articles",
        data={"csrf": token, "text": text, "published": published, "language": language},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return str(r.headers["location"])
