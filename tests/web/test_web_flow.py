"""The desk end to end with the real check-article flow (Prefect's temporary server, the shipped snapshot):
the JSON API, and the pages' paste → confirm/edit/reject → check → verdicts."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from marketfact.web.runner import RUN_ID
from tests.web.conftest import DE_ARTICLE, csrf_of, desk_client, paste

pytestmark = pytest.mark.slow

# Our own text about the sell-off days the snapshot covers (not a quote of any article).
ARTICLE = """## DeepSeek rattles the chip trade

Nvidia shares plunged 17% on Monday after the Chinese start-up DeepSeek showed an AI model built for a
fraction of the usual cost. Broadcom fell 17.4% on Monday as well.

The Nasdaq Composite lost 3.1%. Microsoft employs about 228,000 people.
"""
PUBLISHED = "2025-01-28T07:30:00+01:00"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """One desk for the module: Prefect's temporary server starts once, on the first run."""
    out = tmp_path_factory.mktemp("desk") / "out"
    with desk_client(out) as client:
        yield client, out


def test_the_api_checks_an_article(desk: tuple[TestClient, Path]) -> None:
    client, out = desk
    r = client.post("/api/check-article", json={"text": ARTICLE, "published": PUBLISHED, "language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert RUN_ID.match(body["run_id"])
    by_id = {c["id"]: c for c in body["claims"]}
    assert set(by_id) == {"s02-nvda", "s03-avgo", "s04-ixic"}
    nvda = by_id["s02-nvda"]
    assert (nvda["instrument"], nvda["exchange"], nvda["sessions"], nvda["verdict"]) == (
        "NVDA", "XNAS", ["2025-01-27"], "CORRECT",
    )  # fmt: skip
    assert "118.42 USD on 2025-01-27 against 142.62 USD on 2025-01-24" in nvda["explanation"]
    assert by_id["s04-ixic"]["instrument"] == "^IXIC"
    assert all(
        c["verdict"] in {"CORRECT", "MOSTLY_CORRECT", "MISLEADING", "INCORRECT", "UNVERIFIABLE"} for c in body["claims"]
    )
    assert body["counts"]["pass"] + body["counts"]["fail"] + body["counts"]["unverifiable"] == 3
    # the same run, read back
    again = client.get(f"/api/runs/{body['run_id']}")
    assert again.status_code == 200
    assert again.json()["claims"] == body["claims"]
    assert client.get("/api/runs/20990101T000000Z-000000").status_code == 404
    assert client.get("/api/runs/..%2fhistory.db").status_code == 404
    # its files: the report, and the extracted claims checked as they were
    assert client.get(body["report"]).status_code == 200
    report = json.loads(client.get(body["report_json"]).text)
    assert [c["claim"]["id"] for c in report["claims"]] == [c["id"] for c in body["claims"]]
    assert (out / body["run_id"] / "claims.yaml").is_file()
    # how each claim was read, for a newsroom tool that must not publish a verdict on an unconfirmed misreading
    assert [c["reading"] for c in report["claims"]] == [c["reading"] for c in body["claims"]]
    for claim in body["claims"]:
        reading = claim["reading"]
        assert 0 < reading["confidence"] <= 1
        assert reading["uncertain"] == (reading["confidence"] < reading["confirm_below"] and not reading["confirmed"])
        assert all(isinstance(kind, str) for kind in reading["inferred"])


def test_the_pages_check_the_reviewed_claims(desk: tuple[TestClient, Path]) -> None:
    client, out = desk
    token = csrf_of(client.get("/").text)
    location = paste(client, token, ARTICLE, PUBLISHED)
    post = lambda claim, **f: client.post(f"{location}/claims/{claim}", data={"csrf": token, **f})  # noqa: E731
    assert post("s02-nvda", action="confirm").status_code == 200
    assert post("s03-avgo", action="edit", hedge="about").status_code == 200  # an edit confirms
    assert post("s04-ixic", action="reject").status_code == 200
    r = client.post(f"{location}/check", data={"csrf": token, "report_lang": "de"}, follow_redirects=False)
    assert r.status_code == 303
    progress = r.headers["location"]
    deadline = time.monotonic() + 300
    while True:
        page = BeautifulSoup(client.get(progress).text, "html.parser")
        status = page.select_one("#run-status")["data-status"]
        if status in ("done", "failed") or time.monotonic() > deadline:
            break
        assert page.select_one('meta[http-equiv="refresh"]') is not None  # the page reloads itself meanwhile
        time.sleep(1)
    assert status == "done", page.get_text()
    assert page.select_one('meta[http-equiv="refresh"]') is None
    badges = {s["data-claim"]: s.select_one(".badge")["data-label"] for s in page.select("section.claim")}
    assert badges == {"s02-nvda": "CORRECT", "s03-avgo": "CORRECT"}  # 17.40 % measured; "about 17.4" holds
    run_id = page.select_one("code").get_text()
    folder = out / run_id
    checked = yaml.safe_load((folder / "claims.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in checked["claims"]] == ["s02-nvda", "s03-avgo"]
    assert checked["claims"][1]["hedge"] == "about"
    extracted = yaml.safe_load((folder / "claims.extracted.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in extracted["claims"]] == ["s02-nvda", "s03-avgo", "s04-ixic"]
    assert extracted["claims"][1].get("hedge") is None
    # the German report, its article view marking the reviewed claims only
    report = BeautifulSoup(client.get(f"/out/{run_id}/report.html").text, "html.parser")
    assert report.find("html")["lang"] == "de"
    assert {m["data-claim"] for m in report.select("mark.number[data-claim]")} == {"s02-nvda", "s03-avgo"}
    assert [b["data-label"] for b in report.select(".badge")] == ["CORRECT", "CORRECT"]
    # the runs page lists it, and each claim's latest verdict
    runs = BeautifulSoup(client.get("/runs").text, "html.parser")
    assert run_id in runs.select_one("#runs").get_text()
    assert "s03-avgo" in runs.select_one("#history").get_text()


def test_the_apis_report_speaks_the_articles_language_unless_told(desk: tuple[TestClient, Path]) -> None:
    client, out = desk
    r = client.post("/api/check-article", json={"text": DE_ARTICLE, "published": PUBLISHED})
    assert r.status_code == 200, r.text
    page = (out / r.json()["run_id"] / "report.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    bad = client.post("/api/check-article", json={"text": DE_ARTICLE, "published": PUBLISHED, "report_lang": "fr"})
    assert (bad.status_code, bad.json()) == (400, {"error": "report_lang must be one of en, de"})
