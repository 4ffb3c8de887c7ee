"""Levels, points, market values and records in the claim file: what each kind needs, and errors that say so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from marketfact.checks.plan import plan_run
from marketfact.claims.load import ClaimFileError, load_claims
from marketfact.claims.model import Claim, ClaimFile, Direction, Record

BASE = {"id": "c", "text": "t", "subject": "S", "instrument": "NVDA", "sessions": ["2025-01-27"]}


def make(**fields: object) -> Claim:
    return Claim.model_validate({**BASE, **fields})


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"metric": "record"}, "record", "lowest_close | highest_close"),
        ({"metric": "record", "record": "lowest_close", "value": 5}, "value", "states no number"),
        ({"metric": "record", "record": "lowest_close", "since": "2025-01-27"}, "since", "must be before"),
        ({"metric": "record", "record": "lowest_close", "direction": "up"}, "direction", "is a move down"),
        (
            {"metric": "record", "record": "biggest_fall", "sessions": ["2025-01-24", "2025-01-27"]},
            "sessions",
            "one session",
        ),
        ({"metric": "close_level", "value": 6012.28}, "unit", "unit: points"),
        (
            {"metric": "points_change", "unit": "points", "currency": "USD", "value": 9, "direction": "down"},
            "currency",
            "no currency",
        ),
        ({"metric": "points_change", "unit": "points", "value": 90}, "direction", "needs a direction"),
        ({"metric": "intraday_level", "unit": "points", "value": 5962}, "direction", "the day's low"),
        ({"metric": "close_level", "unit": "points", "value": 1, "hedge": "zeitweise"}, "metric", "intraday_level"),
        (
            {"metric": "close_level", "unit": "money", "currency": "USD", "value": 1, "scale": "billion"},
            "scale",
            "a price",
        ),
        ({"metric": "close_change", "value": 3, "direction": "down", "record": "lowest_close"}, "record", "only for"),
        ({"metric": "close_change", "value": 3, "direction": "down", "since": "2025-01-02"}, "since", "only for"),
        ({"metric": "close_change", "value": 3}, "direction", "up or down"),
        ({"metric": "market_cap_level", "unit": "points", "value": 3}, "unit", "in money"),
    ],
)
def test_each_kind_refuses_what_it_cannot_mean(fields: dict, field: str, words: str) -> None:
    with pytest.raises(ValueError, match=f"field '{field}'") as err:
        make(**fields)
    assert words in str(err.value)


def test_a_claim_file_error_names_the_file_the_claim_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"claims": [{**BASE, "id": "nvda-low", "metric": "record"}]}), encoding="utf-8")
    with pytest.raises(ClaimFileError) as err:
        load_claims(path)
    message = str(err.value)
    assert str(path) in message
    assert "claim 'nvda-low'" in message
    assert "field 'record'" in message


def test_the_kinds_as_the_issue_writes_them() -> None:
    level = make(metric="close_level", unit="points", value=6012.28, instrument="^GSPC")
    assert level.direction is None
    assert level.value_sign == 1
    low = make(metric="intraday_level", direction="down", unit="money", currency="USD", value=116.70)
    assert low.value_sign == 1, "a level is a positive price whatever its direction"
    points = make(metric="points_change", direction="down", unit="points", value=90, instrument="^GDAXI")
    assert points.value_sign == -1
    cap = make(metric="market_cap_level", unit="money", currency="USD", scale="trillion", value=3, hedge="unter")
    assert cap.scale_factor == 1e12
    record = make(metric="record", record="lowest_close", since="2025-01-13", sessions=["2025-01-28"])
    assert record.direction is Direction.DOWN
    assert record.record is Record.LOWEST_CLOSE
    assert record.since == date(2025, 1, 13)
    assert make(metric="record", record="biggest_rise").direction is Direction.UP


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"metric": "close_level", "unit": "points", "value": 118}, "not in points"),
        (
            {"metric": "close_level", "unit": "money", "currency": "USD", "value": 6000, "instrument": "^GSPC"},
            "in points",
        ),
        ({"metric": "points_change", "unit": "money", "currency": "EUR", "value": 9, "direction": "down"}, "not EUR"),
        (
            {"metric": "market_cap_level", "unit": "money", "currency": "EUR", "value": 3, "instrument": "^GDAXI"},
            "no market value",
        ),
    ],
)
def test_a_kind_the_instrument_cannot_have_is_unverifiable_with_the_reason(
    snapshot, fields: dict, problem: str
) -> None:  # type: ignore[no-untyped-def]
    plan = plan_run(ClaimFile(claims=[make(**fields)]), snapshot.instruments())
    assert problem in plan.table["problem"].iat[0]


def test_a_record_plans_its_history_from_since_once_per_instrument(snapshot) -> None:  # type: ignore[no-untyped-def]
    claims = ClaimFile(
        claims=[
            make(id="a", metric="record", record="lowest_close", since="2025-01-14", sessions=["2025-01-28"]),
            make(id="b", metric="close_change", direction="down", value=17),
        ]
    )
    plan = plan_run(claims, snapshot.instruments())
    assert list(plan.windows) == ["NVDA"]
    first, _ = plan.windows["NVDA"]
    assert first < date(2025, 1, 14), "the window reaches back to since (and its context sessions)"
    record_rows = plan.evidence[plan.evidence["claim"] == 0]
    # Every close from 14 Jan through 28 Jan is evidence: 10 sessions (20 Jan was a US holiday).
    assert sorted({d.date() for d in record_rows["session"]})[0] == date(2025, 1, 14)
    assert len(set(record_rows["session"])) == 10
