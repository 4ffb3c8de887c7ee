"""HistoryStore: recording runs, the changes between re-checks, reading and rendering the history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from history_builders import (
    MONDAY,
    at,
    close_change,
    deepseek_claims,
    deepseek_verdicts,
    run_report,
    unverifiable,
)
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from marketfact.checks.verdicts import Label
from marketfact.claims.model import Claim
from marketfact.history import (
    ChangeKind,
    HistoryStore,
    RunAlreadyRecordedError,
    SchemaNotReadyError,
    claim_hash,
    format_history,
    format_runs,
)
from marketfact.history.models import ChangeRecord, ClaimRecord, RunRecord, VerdictRecord

FRIDAY = date(2025, 1, 24)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """A migrated, empty history in a temporary SQLite file."""
    with HistoryStore(f"sqlite:///{tmp_path}/out/history.db") as history:
        history.upgrade()
        yield history


@pytest.fixture
def claims() -> dict[str, Claim]:
    return deepseek_claims()


def _count(store: HistoryStore, model: type) -> int:
    with Session(store.engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_first_run_records_every_verdict_as_first(store: HistoryStore, claims: dict[str, Claim]) -> None:
    run = run_report("run-0129", at("2025-01-29T06:00"), deepseek_verdicts(claims))
    changes = store.record(run, report_path="out/run-0129/report.html")
    assert [c.kind for c in changes] == [ChangeKind.FIRST] * 5
    assert {c.claim_hash for c in changes} == {claim_hash(c) for c in claims.values()}
    assert (_count(store, RunRecord), _count(store, ClaimRecord), _count(store, VerdictRecord)) == (1, 5, 5)
    [summary] = store.runs()
    assert summary.run_id == "run-0129"
    assert summary.counts["pass"] == 4
    assert summary.counts["fail"] == 1
    assert summary.report_path == "out/run-0129/report.html"
    assert summary.started_at == at("2025-01-29T06:00")  # aware UTC in, aware UTC out
    assert summary.changes == 5


def test_unverifiable_then_correct_is_data_arrived(store: HistoryStore, claims: dict[str, Claim]) -> None:
    nvda = claims["nvda-monday-plunge"]
    early = unverifiable(nvda, "no close for 2025-01-27 in the data yet")
    store.record(run_report("run-0127-1600", at("2025-01-27T16:00"), [early]))  # New York still trading
    changes = store.record(
        run_report("run-0127-2230", at("2025-01-27T22:30"), [close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)])
    )
    [change] = changes
    assert change.kind is ChangeKind.DATA_ARRIVED
    assert (change.from_label, change.to_label) == (Label.UNVERIFIABLE, Label.CORRECT)
    assert change.from_measured is None
    assert change.to_measured == pytest.approx(-16.97, abs=0.005)  # 142.62 → 118.42
    assert change.previous_run_id == "run-0127-1600"
    rows = store.history("nvda-monday-plunge")
    assert [(r.run_id, r.label, r.change) for r in rows] == [
        ("run-0127-1600", Label.UNVERIFIABLE, ChangeKind.FIRST),
        ("run-0127-2230", Label.CORRECT, ChangeKind.DATA_ARRIVED),
    ]
    assert rows[0].reason == "no close for 2025-01-27 in the data yet"


def test_a_corrected_price_that_flips_the_verdict_is_a_vendor_correction(
    store: HistoryStore, claims: dict[str, Claim]
) -> None:
    # Siemens Energy's row of 24 Jan 2025 is incomplete in the snapshot (close only). A vendor that first
    # lacked it entirely would have based the move on 23 Jan: 58.80 → 48.32 = −17.82 %, inside "18 %".
    # Once the row arrives the base is 24 Jan: 60.36 → 48.32 = −19.95 %, only MOSTLY_CORRECT.
    siemens = claims["siemens-energy-monday"]
    before = close_change(siemens, date(2025, 1, 23), MONDAY, Label.CORRECT)
    after = close_change(siemens, FRIDAY, MONDAY, Label.MOSTLY_CORRECT)
    assert before.measured == pytest.approx(-17.82, abs=0.005)
    assert after.measured == pytest.approx(-19.95, abs=0.005)
    store.record(run_report("run-a", at("2025-01-27T18:00"), [before]))
    [change] = store.record(run_report("run-b", at("2025-01-28T18:00"), [after]))
    assert change.kind is ChangeKind.VENDOR_CORRECTION
    assert (change.from_label, change.to_label) == (Label.CORRECT, Label.MOSTLY_CORRECT)
    assert (change.from_measured, change.to_measured) == (before.measured, after.measured)


def test_revised_relabelled_and_unchanged(store: HistoryStore, claims: dict[str, Claim]) -> None:
    nvda = claims["nvda-monday-plunge"]
    adjusted = close_change(nvda, FRIDAY, MONDAY, Label.CORRECT, field="adj_close")  # 142.6069 → 118.4091
    raw = close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)
    assert adjusted.measured != raw.measured
    store.record(run_report("r1", at("2025-01-28T06:00"), [adjusted]))
    [revised] = store.record(run_report("r2", at("2025-01-29T06:00"), [raw]))
    assert revised.kind is ChangeKind.REVISED
    assert store.record(run_report("r3", at("2025-01-30T06:00"), [raw])) == []  # unchanged: no change row
    [relabelled] = store.record(run_report("r4", at("2025-01-31T06:00"), [replace(raw, label=Label.INCORRECT)]))
    assert relabelled.kind is ChangeKind.RELABELLED
    rows = store.history(nvda.id)
    assert [r.change for r in rows] == [ChangeKind.FIRST, ChangeKind.REVISED, None, ChangeKind.RELABELLED]
    assert all(r.verdicts_recorded == 4 for r in rows)
    assert _count(store, ChangeRecord) == 3


def test_a_renamed_claim_keeps_its_history(store: HistoryStore, claims: dict[str, Claim]) -> None:
    nvda = claims["nvda-monday-plunge"]
    store.record(run_report("r1", at("2025-01-28T06:00"), [close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)]))
    renamed = nvda.model_copy(update={"id": "nvidia-montag", "text": "Nvidia fiel am Montag um 17 Prozent."})
    verdict = replace(close_change(nvda, FRIDAY, MONDAY, Label.CORRECT), claim_id="nvidia-montag")
    assert store.record(run_report("r2", at("2025-01-29T06:00"), [verdict], {renamed.id: renamed})) == []
    by_new_id = store.history("nvidia-montag")
    assert [r.claim_id for r in by_new_id] == ["nvda-monday-plunge", "nvidia-montag"]
    assert {r.text for r in by_new_id} == {renamed.text}  # the claim's latest wording
    assert store.history("nvda-monday-plunge") == by_new_id


def test_history_by_hash_prefix_and_unknown_claims(store: HistoryStore, claims: dict[str, Claim]) -> None:
    store.record(run_report("r1", at("2025-01-29T06:00"), deepseek_verdicts(claims)))
    key = claim_hash(claims["advantest-two-days"])
    assert [r.claim_id for r in store.history(key[:8])] == ["advantest-two-days"]
    assert [r.claim_id for r in store.history(key.upper()[:12])] == ["advantest-two-days"]
    assert store.history("no-such-claim") == []
    assert store.history("abc") == []  # too short to be taken as a hash prefix
    assert len(store.history()) == 5


def test_the_latest_verdict_per_claim_with_its_last_change(store: HistoryStore, claims: dict[str, Claim]) -> None:
    nvda = claims["nvda-monday-plunge"]
    store.record(run_report("r1", at("2025-01-27T16:00"), [unverifiable(nvda, "no close yet")]))
    store.record(run_report("r2", at("2025-01-27T22:30"), [close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)]))
    store.record(run_report("r3", at("2025-01-28T22:30"), [close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)]))
    [row] = store.history()
    assert (row.run_id, row.label, row.verdicts_recorded) == ("r3", Label.CORRECT, 3)
    assert (row.change, row.from_label, row.change_run_id) == (ChangeKind.DATA_ARRIVED, Label.UNVERIFIABLE, "r2")
    text = format_history([row])
    assert "data_arrived (was UNVERIFIABLE) in r2" in text
    assert row.claim_hash[:10] in text


def test_a_failing_run_leaves_nothing_behind(store: HistoryStore, claims: dict[str, Claim]) -> None:
    verdicts = deepseek_verdicts(claims)
    twice = run_report("broken", at("2025-01-29T06:00"), [*verdicts, verdicts[0]])  # one claim judged twice
    with pytest.raises(IntegrityError):
        store.record(twice)
    assert (_count(store, RunRecord), _count(store, ClaimRecord), _count(store, VerdictRecord)) == (0, 0, 0)
    store.record(run_report("ok", at("2025-01-29T06:00"), verdicts))
    with pytest.raises(RunAlreadyRecordedError, match="ok"):
        store.record(run_report("ok", at("2025-01-29T06:00"), verdicts))
    assert _count(store, VerdictRecord) == 5


def test_bad_input_is_refused_with_a_reason(store: HistoryStore, claims: dict[str, Claim]) -> None:
    verdicts = deepseek_verdicts(claims)
    with pytest.raises(ValueError, match="naive"):
        store.record(run_report("naive", datetime(2025, 1, 29, 6), verdicts))
    orphan = replace(verdicts[0], claim_id="not-in-the-run")
    with pytest.raises(ValueError, match="not-in-the-run"):
        store.record(replace(run_report("orphan", at("2025-01-29T06:00"), verdicts), verdicts=(orphan,)))
    assert _count(store, RunRecord) == 0


def test_a_database_that_was_never_migrated_says_so(tmp_path: Path, claims: dict[str, Claim]) -> None:
    missing = tmp_path / "nowhere" / "history.db"
    with HistoryStore(f"sqlite:///{missing}") as history:
        with pytest.raises(SchemaNotReadyError, match="no verdict history"):
            history.history()
        assert not missing.exists()  # reading does not create an empty database
        with pytest.raises(SchemaNotReadyError, match="upgrade"):
            history.record(run_report("r1", at("2025-01-29T06:00"), deepseek_verdicts(claims)))


def test_format_history_for_one_claim(store: HistoryStore, claims: dict[str, Claim]) -> None:
    nvda = claims["nvda-monday-plunge"]
    store.record(run_report("r1", at("2025-01-27T16:00"), [unverifiable(nvda, "no close for 2025-01-27 yet")]))
    verdict = close_change(nvda, FRIDAY, MONDAY, Label.CORRECT)
    store.record(run_report("r2", at("2025-01-27T22:30"), [verdict], synthetic=True))
    text = format_history(store.history(nvda.id), nvda.id)
    lines = text.splitlines()
    assert lines[0].startswith(f"Claim {claim_hash(nvda)[:10]}  nvda-monday-plunge  (Nvidia)")
    assert nvda.text in lines[1]
    [first] = [line for line in lines if " r1 " in line]
    [second] = [line for line in lines if "r2 (synthetic)" in line]
    assert "UNVERIFIABLE" in first
    assert "first" in first
    assert "no close for 2025-01-27 yet" in first
    assert "CORRECT" in second
    assert "-16.97%" in second
    assert "data_arrived (was UNVERIFIABLE)" in second
    assert format_history([], "nope") == "No recorded verdicts for claim 'nope' (give a claim id or a hash prefix)."
    runs = format_runs(store.runs())
    assert runs.splitlines()[2].startswith("r2 (synthetic)")  # newest first
    assert "0/0/1" in runs
    assert "1/0/0" in runs
