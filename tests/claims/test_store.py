"""Large claim files kept compact (claims.store): the same claims, the same errors, the same verdicts.

All data here is SYNTHETIC (bench/synthetic.py): seeded random walks on real exchange calendars. The size
above which a file is kept compact is lowered for the test, so a file of 300 claims goes the large way.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pandas as pd
import pytest

from bench.synthetic import generate_claims, write_claims, write_market
from marketfact.checks.evidence import RunEvidence, RunInfo
from marketfact.checks.explain import build_verdicts
from marketfact.checks.plan import plan_run
from marketfact.checks.run import assemble, fetch_all, fetch_conversions, judge_all, now
from marketfact.claims import load, store
from marketfact.claims.load import ClaimFileError, load_claims, parse_claims
from marketfact.claims.model import Claim
from marketfact.claims.store import FIELDS, ClaimStore
from marketfact.market.bundle import market_data


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A SYNTHETIC snapshot of 6 instruments × 40 sessions, 300 claims with an article block."""
    root = tmp_path_factory.mktemp("store")
    market = write_market(root / "snapshot", instruments=6, sessions=40, seed=3)
    data = generate_claims(market, 300, seed=5)
    data["article"] = {"title": "SYNTHETIC", "published_at": "2025-06-30T08:00:00+01:00", "language": "en"}
    return root, write_claims(data, root / "claims.json")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "COMPACT_ABOVE", 100)
    monkeypatch.setattr(store, "CHUNK", 64)


def _whole(path: Path):  # type: ignore[no-untyped-def]
    return parse_claims(json.loads(path.read_text(encoding="utf-8")), str(path))


def test_store_holds_the_claims_a_whole_validation_makes(synthetic, small_chunks) -> None:  # type: ignore[no-untyped-def]
    _, path = synthetic
    compact, whole = load_claims(path), _whole(path)
    assert isinstance(compact.claims, ClaimStore)
    assert not isinstance(whole.claims, ClaimStore)
    assert list(whole.claims[0].__dict__) == list(FIELDS)
    assert compact.article == whole.article
    assert len(compact.claims) == 300
    for a, b in zip(compact.claims, whole.claims, strict=True):
        assert isinstance(a, Claim)
        assert a == b
        assert a.model_dump(mode="json") == b.model_dump(mode="json")
        assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__
    assert compact.claims[-1] == whole.claims[-1]
    assert compact.claims[3:6] == whole.claims[3:6]
    assert compact.claims.by_id()[whole.claims[250].id] == whole.claims[250]
    again = pickle.loads(pickle.dumps(compact.claims))  # a shard's claims travel to Dask workers
    assert again[299] == whole.claims[299]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["claims"][280].update(hedge="zonk"),  # a problem in a later chunk
        lambda d: d["claims"][5].update(id=d["claims"][290]["id"]),  # an id repeated across chunks
        lambda d: d["claims"][200].update(colour="red") or d["article"].update(language="fr"),
        lambda d: d.update(extra=1),
    ],
)
def test_a_bad_large_file_reports_what_a_whole_validation_reports(synthetic, small_chunks, tmp_path, spoil) -> None:  # type: ignore[no-untyped-def]
    _, path = synthetic
    data = json.loads(path.read_text(encoding="utf-8"))
    spoil(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ClaimFileError) as compact:
        load_claims(bad)
    with pytest.raises(ClaimFileError) as whole:
        _whole(bad)
    assert compact.value.problems == whole.value.problems
    assert str(compact.value) == str(whole.value)


def test_a_run_from_the_store_judges_as_one_from_models(synthetic, small_chunks) -> None:  # type: ignore[no-untyped-def]
    root, path = synthetic
    market = market_data("snapshot", root / "snapshot", root / "cache")
    runs = []
    for claims in (load_claims(path), _whole(path)):
        plan = plan_run(claims, market.instruments)
        series, errors = fetch_all(plan, market.prices)
        fx, shares, _ = fetch_conversions(plan, market.fx, market.shares)
        evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
        judged, panel = judge_all(evidence)
        report = assemble(evidence, judged, panel, RunInfo("r", now(), str(path), market.mode, True))
        runs.append((plan, judged, build_verdicts(evidence, judged, panel), report))
    (plan_a, judged_a, verdicts_a, report_a), (plan_b, judged_b, verdicts_b, report_b) = runs
    pd.testing.assert_frame_equal(plan_a.table, plan_b.table)
    pd.testing.assert_frame_equal(judged_a, judged_b)
    assert verdicts_a == verdicts_b
    assert isinstance(report_a.claims, ClaimStore)
    some = verdicts_b[123].claim_id
    assert report_a.claim(some) == report_b.claim(some)
    assert report_a.claims_by_id()[some] == report_b.claims_by_id()[some]
