"""Listings only the alias table knows are instruments a run can fetch and judge (claims.listings).

The snapshot has 19 instruments; the alias table names more listings, each with its exchange, time zone and
currency. A claim on one of them is fetched like any other: online from yfinance, offline UNVERIFIABLE because
the snapshot has no prices for it, never an "unknown instrument". In the live test the real XETR rows of Siemens
Energy (ENR.DE) stand in for Infineon's (IFX.DE): the test is about the instrument table, not Infineon's prices.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import exchange_calendars as xcals

from marketfact.checks.run import run_in_process
from marketfact.checks.verdicts import Label
from marketfact.claims.listings import FROM_ALIASES, shipped_listings
from marketfact.claims.model import ClaimFile
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

BERLIN = "Europe/Berlin"


def _claims(*extra: dict[str, Any]) -> ClaimFile:
    # ENR.DE closed −19.95 % on 27 Jan 2025 (snapshot): "knapp 20 Prozent" admits it.
    base = {"text": "t", "subject": "Infineon", "instrument": "IFX.DE", "sessions": [date(2025, 1, 27)]}
    claim = {**base, "id": "ifx", "metric": "close_change", "direction": "down", "value": 20, "hedge": "knapp"}
    return ClaimFile.model_validate({"claims": [claim, *({**base, **e} for e in extra)]})


def test_every_listing_of_the_alias_table_has_its_exchange_calendar_and_zone(snapshot: Any) -> None:
    listings = shipped_listings()
    assert {"IFX.DE", "SAP.DE", "ASML.AS", "2330.TW", "^DJI"} <= set(listings)
    assert "^STOXX50E" not in listings, "no MIC: no calendar to find its sessions on"
    for symbol, instrument in listings.items():
        assert instrument.mic is not None
        assert str(xcals.get_calendar(instrument.mic).tz) == instrument.timezone, symbol
        assert instrument.notes == FROM_ALIASES
    assert listings["ASML.AS"].name == "ASML", "an other listing is named by its company"
    assert listings["ASML.AS"].currency == "EUR"


def test_a_listing_only_the_alias_table_knows_is_fetched_from_yfinance_and_judged(yahoo: Any, snapshot: Any) -> None:
    from marketfact.market.yahoo import YFinanceSource

    ticker = yahoo.Ticker("IFX.DE", yahoo.frame("ENR.DE", BERLIN), currency="EUR", exchange_tz=BERLIN)
    source = YFinanceSource(ticker_factory=yahoo.Tickers(ticker), check_later_splits=False)
    instruments = snapshot.instruments()
    assert "IFX.DE" not in instruments
    report = run_in_process(_claims(), source, instruments, {"ecb": EcbFxSource()}, SnapshotSharesSource())
    (verdict,) = report.verdicts
    assert verdict.label is Label.CORRECT, verdict.reason
    sessions = (verdict.base_session, verdict.end_session)
    assert (verdict.exchange, sessions) == ("XETR", (date(2025, 1, 24), date(2025, 1, 27)))
    assert round(verdict.measured or 0.0, 2) == -19.95


def test_offline_it_is_unverifiable_for_want_of_prices_not_an_unknown_instrument(snapshot: Any) -> None:
    unknown = {"id": "rhm", "subject": "Rheinmetall", "instrument": "RHM.DE", "metric": "close_change"}
    unknown |= {"direction": "up", "value": 2}
    report = run_in_process(
        _claims(unknown), snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource()
    )
    by_id = {v.claim_id: v for v in report.verdicts}
    assert by_id["ifx"].label is Label.UNVERIFIABLE
    assert "the snapshot has no prices for IFX.DE" in (by_id["ifx"].reason or "")
    assert by_id["ifx"].end_session == date(2025, 1, 27), "its session was found on the XETR calendar"
    assert by_id["rhm"].label is Label.UNVERIFIABLE
    assert "unknown instrument 'RHM.DE'" in (by_id["rhm"].reason or "")
