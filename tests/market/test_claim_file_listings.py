"""A listing from a user's alias file travels in the claim file (``instruments:``) and is judged like any other.

Before, ``--aliases`` reached the extractor only: a claim on Rheinmetall (RHM.DE, the user's file giving XETR,
Europe/Berlin, EUR) was read, then judged "unknown instrument 'RHM.DE'". Now ``extract`` and ``check-article``
write the listing into the claim file, and ``check`` takes it from there, with or without the alias file. In the
online test the real XETR rows of Siemens Energy (ENR.DE) stand in for Rheinmetall's: the test is about the
instrument table, not Rheinmetall's prices.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Label
from marketfact.claims.extract import AliasFileError, AliasTable, extract_claims
from marketfact.claims.listings import FROM_CLAIM_FILE, run_instruments
from marketfact.claims.load import ClaimFileError, parse_claims
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

BERLIN = "Europe/Berlin"
PUBLISHED = datetime.fromisoformat("2025-01-28T07:30:00+01:00")
RHEINMETALL = {"symbol": "RHM.DE", "name": "Rheinmetall", "mic": "XETR", "timezone": BERLIN, "currency": "EUR"}


def _alias_file(tmp_path: Path, **changes: str) -> Path:
    path = tmp_path / "newsroom.yaml"
    entry = RHEINMETALL | changes | {"kind": "equity", "names": ["Rheinmetall"]}
    path.write_text(yaml.safe_dump({"instruments": [entry]}), encoding="utf-8")
    return path


def _claim_file(tmp_path: Path) -> dict[str, Any]:
    text = "Rheinmetall-Aktien fielen am Montag um knapp 20 Prozent. Siemens Energy verlor am Montag fast 20 Prozent."
    extraction = extract_claims(text, PUBLISHED, "de", AliasTable.load(_alias_file(tmp_path)))
    return extraction.to_claim_file_dict()


def _offline(data: dict[str, Any], snapshot: Any) -> dict[str, Any]:
    claims = parse_claims(data)
    report = run_in_process(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    return {v.claim_id: v for v in report.verdicts}


def test_the_extracted_claim_file_defines_the_user_listing_and_only_that(tmp_path: Path) -> None:
    data = _claim_file(tmp_path)
    assert [c["instrument"] for c in data["claims"]] == ["RHM.DE", "ENR.DE"]
    assert data["instruments"] == [RHEINMETALL], "ENR.DE is shipped: the file defines the user's listing only"


def test_offline_the_claim_is_unverifiable_for_want_of_prices_not_an_unknown_instrument(
    tmp_path: Path, snapshot: Any
) -> None:
    by_id = _offline(_claim_file(tmp_path), snapshot)
    rhm = next(v for k, v in by_id.items() if k.endswith("rhm.de"))
    assert rhm.label is Label.UNVERIFIABLE
    assert "the snapshot has no prices for RHM.DE" in (rhm.reason or "")
    assert "unknown instrument" not in (rhm.reason or "")
    assert rhm.end_session == date(2025, 1, 27), "its session was found on the XETR calendar"
    without = _claim_file(tmp_path)
    del without["instruments"]
    rhm = next(v for k, v in _offline(without, snapshot).items() if k.endswith("rhm.de"))
    assert "unknown instrument 'RHM.DE'" in (rhm.reason or ""), "the block is what makes the difference"


def test_online_the_defined_listing_is_fetched_from_yfinance_and_judged(
    tmp_path: Path, yahoo: Any, snapshot: Any
) -> None:
    from marketfact.market.yahoo import YFinanceSource

    ticker = yahoo.Ticker("RHM.DE", yahoo.frame("ENR.DE", BERLIN), currency="EUR", exchange_tz=BERLIN)
    source = YFinanceSource(ticker_factory=yahoo.Tickers(ticker), check_later_splits=False)
    claims = parse_claims(_claim_file(tmp_path))
    claims = claims.model_copy(update={"claims": claims.claims[:1]})
    report = run_in_process(claims, source, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    (verdict,) = report.verdicts
    assert verdict.label is Label.CORRECT, verdict.reason  # ENR.DE's rows: −19.95 %, "knapp 20 Prozent"
    assert (verdict.exchange, verdict.base_session, verdict.end_session) == (
        "XETR", date(2025, 1, 24), date(2025, 1, 27)
    )  # fmt: skip


def test_a_claim_file_cannot_move_a_snapshot_instrument(snapshot: Any) -> None:
    nvda = parse_claims({
        "claims": [{"id": "a", "text": "t", "subject": "Nvidia", "instrument": "NVDA", "metric": "close_change",
                    "direction": "down", "value": 17, "sessions": ["2025-01-27"]}],
        "instruments": [RHEINMETALL | {"symbol": "NVDA", "name": "Not Nvidia"}],
    })  # fmt: skip
    table = run_instruments(snapshot.instruments(), nvda.instruments)
    assert table["NVDA"] == snapshot.instruments()["NVDA"], "the price source's instrument wins"
    assert run_instruments({}, nvda.instruments)["NVDA"].notes == FROM_CLAIM_FILE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mic": "XFRA-NOT"}, "not an exchange calendar code"),
        ({"timezone": "Berlin"}, "not an IANA time zone (did you mean Europe/Berlin?)"),
        ({"currency": "euro"}, "currency"),
        ({"timezone": "America/New_York"}, "XETR trades in Europe/Berlin, not America/New_York"),
    ],
)
def test_a_bad_listing_is_refused_with_the_reason_in_the_claim_file_and_in_the_alias_file(
    tmp_path: Path, change: dict[str, str], message: str
) -> None:
    claim = {"id": "a", "text": "t", "subject": "Rheinmetall", "instrument": "RHM.DE", "metric": "close_change",
             "direction": "down", "value": 20, "sessions": ["2025-01-27"]}  # fmt: skip
    with pytest.raises(ClaimFileError) as refused:
        parse_claims({"claims": [claim], "instruments": [RHEINMETALL | change]})
    assert message in str(refused.value) + " ".join(refused.value.problems)
    with pytest.raises(AliasFileError, match=r"newsroom.yaml: instruments\[0\]"):
        AliasTable.load(_alias_file(tmp_path, **change))


def test_a_symbol_defined_twice_is_refused() -> None:
    claim = {"id": "a", "text": "t", "subject": "Rheinmetall", "instrument": "RHM.DE", "metric": "close_change",
             "direction": "down", "value": 20, "sessions": ["2025-01-27"]}  # fmt: skip
    with pytest.raises(ClaimFileError) as refused:
        parse_claims({"claims": [claim], "instruments": [RHEINMETALL, RHEINMETALL]})
    assert "RHM.DE is defined twice" in str(refused.value) + " ".join(refused.value.problems)


def test_extract_with_a_user_alias_file_writes_a_file_check_judges_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user runs it: relative paths, from the folder the files are in; the alias file is gone at check."""
    from click.testing import CliRunner

    from marketfact.cli import main

    monkeypatch.chdir(tmp_path)
    _alias_file(tmp_path)
    Path("article.txt").write_text("Rheinmetall-Aktien fielen am Montag um knapp 20 Prozent.\n", encoding="utf-8")
    args = [
        "extract",
        "article.txt",
        "--published",
        PUBLISHED.isoformat(),
        "--lang",
        "de",
        "--aliases",
        "newsroom.yaml",
    ]
    result = CliRunner().invoke(main, [*args, "-o", "claims.yaml"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    Path("newsroom.yaml").unlink()
    assert yaml.safe_load(Path("claims.yaml").read_text(encoding="utf-8"))["instruments"] == [RHEINMETALL]
    result = CliRunner().invoke(main, ["check", "claims.yaml", "--source", "snapshot", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 unverifiable" in result.output
    (report,) = Path("out").glob("*/report.json")  # the default report folder, beside the files
    (claim,) = json.loads(report.read_text(encoding="utf-8"))["claims"]
    assert claim["verdict"]["reason"] == "the snapshot has no prices for RHM.DE"
    assert (claim["sessions"]["exchange"], claim["sessions"]["end"]) == ("XETR", "2025-01-27")
