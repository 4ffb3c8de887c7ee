"""check-article weighs each reading by its claim's verdict as read (``claims.extract.calibration.weigh``): real
Prefect flow runs on the shipped snapshot.

The article is written for this test: its first claim is false on the snapshot (Nvidia fell 16.97 % from the
close of Fri 24 Jan 2025 to the close of Mon 27 Jan, not 5 %), its second is true (Broadcom fell 17.40 %)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from marketfact.flows.runmeta import flow_result

pytestmark = pytest.mark.slow

ARTICLE = """Chip stocks on Monday

Nvidia shares fell 5% on Monday. Broadcom fell 17.4% on Monday.
"""
PUBLISHED = "2025-01-28T08:00:00+01:00"
NO_DATA_ARTICLE = "Rheinmetall-Aktien stiegen am Montag um 3,2 Prozent.\n"
"""A claim on a listing of the user's alias file: the snapshot has no prices for it (no price is made up here)."""
RHEINMETALL = {
    "symbol": "RHM.DE", "name": "Rheinmetall", "kind": "equity", "mic": "XETR", "timezone": "Europe/Berlin",
    "currency": "EUR", "names": ["Rheinmetall"],
}  # fmt: skip


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The article checked as read, then again with its claims confirmed by a person (a reviewed claim file)."""
    from prefect.testing.utilities import prefect_test_harness

    from marketfact.flows.article import check_article

    folder = tmp_path_factory.mktemp("weighed")
    article = folder / "chips.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = folder / "out"
    with prefect_test_harness(server_startup_timeout=None):
        as_read = check_article(
            article_path=str(article), published=PUBLISHED, out_dir=str(out), source="snapshot", fail_on="fail",
            return_state=True,
        )  # fmt: skip
        reviewed = yaml.safe_load(Path(flow_result(as_read)["claims_path"]).read_text(encoding="utf-8"))
        for claim in reviewed["claims"]:
            claim["confirmed"] = True
        confirmed = check_article(
            article_path=str(article), published=PUBLISHED, out_dir=str(out), source="snapshot", fail_on="fail",
            reviewed=reviewed, return_state=True,
        )  # fmt: skip
        aliases = folder / "newsroom.yaml"
        aliases.write_text(yaml.safe_dump({"instruments": [RHEINMETALL]}), encoding="utf-8")
        rheinmetall = folder / "rheinmetall.txt"
        rheinmetall.write_text(NO_DATA_ARTICLE, encoding="utf-8")
        no_data = check_article(
            article_path=str(rheinmetall), published=PUBLISHED, out_dir=str(out), source="snapshot",
            fail_on="unverifiable", lang="de", aliases=[str(aliases)], return_state=True,
        )  # fmt: skip
    return {"as_read": as_read, "confirmed": confirmed, "no_data": no_data}


def report(state: Any) -> dict[str, Any]:
    """The run's report.json."""
    return json.loads(Path(flow_result(state)["paths"]["json"]).read_text(encoding="utf-8"))


def test_a_claim_that_fails_as_read_is_an_uncertain_reading_and_does_not_trip_fail_on(runs: dict[str, Any]) -> None:
    state = runs["as_read"]
    assert state.is_completed()  # --fail-on fail: the only failing claim is an unconfirmed reading
    claims = {c["claim"]["instrument"]: c for c in report(state)["claims"]}
    nvda, avgo = claims["NVDA"], claims["AVGO"]
    assert nvda["verdict"]["outcome"] == "fail"  # the verdict stands, measured as read
    assert nvda["reading"]["uncertain"] is True
    assert nvda["reading"]["confidence"] == 0.1
    assert "data: fails as read" in nvda["reading"]["inferred"]
    assert avgo["verdict"]["outcome"] == "pass"
    assert avgo["reading"]["uncertain"] is False
    extraction = flow_result(state)["extraction"]  # what the CLI prints as "reading uncertain — confirm"
    assert set(extraction.unsure()) == {nvda["claim"]["id"]}


def test_a_confirmed_reading_that_fails_trips_fail_on(runs: dict[str, Any]) -> None:
    state = runs["confirmed"]
    assert state.is_failed()
    assert "--fail-on fail: 1 of 2 claim(s) failed" in state.message
    nvda = next(c for c in report(state)["claims"] if c["claim"]["instrument"] == "NVDA")
    assert nvda["reading"]["confirmed"] is True
    assert nvda["reading"]["uncertain"] is False
    assert "data: fails as read" not in nvda["reading"]["inferred"]  # a person confirmed it: not weighed


def test_a_claim_unverifiable_for_want_of_data_keeps_its_reading_and_trips_fail_on_unverifiable(
    runs: dict[str, Any],
) -> None:
    """The snapshot has no Rheinmetall prices: that says nothing of how the sentence was read."""
    from marketfact.claims.extract.calibration import NO_DATA_NOTE

    state = runs["no_data"]
    assert state.is_failed()
    assert "--fail-on unverifiable: 1 of 1 claim(s)" in state.message
    (rhm,) = report(state)["claims"]
    assert rhm["verdict"]["reason"] == "the snapshot has no prices for RHM.DE"
    assert rhm["reading"]["confidence"] == 0.95
    assert rhm["reading"]["uncertain"] is False
    assert rhm["reading"]["inferred"] == []
    page = Path(flow_result(state)["paths"]["html"]).read_text(encoding="utf-8")
    assert NO_DATA_NOTE in page  # the reading's notes, as the report shows them
