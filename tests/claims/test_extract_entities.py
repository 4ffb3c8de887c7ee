"""The alias table: names in German and English → listings; ambiguous and unknown names are never guessed."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from marketfact.claims.extract import AliasFileError, AliasTable, extract_claims
from marketfact.claims.extract.search import SearchError, yahoo_searcher

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def table() -> AliasTable:
    return AliasTable.load()


def test_every_snapshot_instrument_has_an_alias(table: AliasTable) -> None:
    with (ROOT / "market" / "data" / "instruments.csv").open(encoding="utf-8") as fh:
        symbols = [row["symbol"] for row in csv.DictReader(fh) if row["kind"] != "fx"]
    missing = [s for s in symbols if table.by_symbol(s) is None]
    assert not missing


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("Nvidia", "NVDA"), ("NVIDIA Corporation", "NVDA"), ("Nvidia Corp.", "NVDA"), ("Siemens Energy AG", "ENR.DE"),
        ("Advantest", "6857.T"), ("Tokyo Electron", "8035.T"), ("SoftBank", "9984.T"), ("SoftBank Group", "9984.T"),
        ("SoftBank Corp.", "9434.T"), ("Broadcom Inc.", "AVGO"), ("TSMC", "TSM"),
        ("Taiwan Semiconductor Manufacturing Co., Ltd.", "TSM"), ("ASML Holding N.V.", "ASML"), ("Oracle", "ORCL"),
        ("Vistra Corp", "VST"), ("Constellation Energy", "CEG"), ("Schneider Electric SE", "SU.PA"),
        ("Microsoft", "MSFT"), ("Alphabet Inc.", "GOOGL"), ("Google", "GOOGL"), ("Nasdaq Composite", "^IXIC"),
        ("S&P 500", "^GSPC"), ("Nikkei 225", "^N225"), ("Nikkei", "^N225"), ("Dax", "^GDAXI"), ("DAX", "^GDAXI"),
        ("Siemens", "SIE.DE"),
    ],
)  # fmt: skip
def test_names_with_legal_suffixes_resolve(table: AliasTable, name: str, symbol: str) -> None:
    look = table.lookup(name)
    assert look.status == "resolved"
    assert look.entry is not None
    assert look.entry.symbol == symbol


def test_adr_and_home_listings_are_explained(table: AliasTable) -> None:
    tsm, asml = table.by_symbol("TSM"), table.by_symbol("ASML")
    assert tsm is not None
    assert asml is not None
    assert "2330.TW" in tsm.listing.note
    assert "not in the snapshot" in tsm.listing.note
    assert "ASML.AS" in asml.listing.note
    assert "not in the snapshot" in asml.listing.note
    assert [o.symbol for o in asml.other_listings] == ["ASML.AS"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Die Nvidia-Aktie fiel.", [("Nvidia", "NVDA")]),
        ("Nvidias Kurs und Siemens Energys Papiere", [("Nvidias", "NVDA"), ("Siemens Energys", "ENR.DE")]),
        ("Die Siemens-Energy-Aktie", [("Siemens-Energy", "ENR.DE")]),
        ("Nvidia's shares and Oracle’s stock", [("Nvidia's", "NVDA"), ("Oracle’s", "ORCL")]),
        ("Broadcom Inc. and ASML Holding N.V. reported", [("Broadcom Inc.", "AVGO"), ("ASML Holding N.V.", "ASML")]),
        ("the oracle of Omaha and the alphabet", []),  # ordinary words, not names
        ("NVDA fell; nvda is not a ticker spelling", [("NVDA", "NVDA")]),
        ("Siemens Energy and Siemens", [("Siemens Energy", "ENR.DE"), ("Siemens", "SIE.DE")]),
    ],
)
def test_mentions_in_running_text(table: AliasTable, text: str, found: list[tuple[str, str]]) -> None:
    got = [(m.text, m.entry.symbol) for m in table.mentions(text) if m.entry is not None]
    assert got == found


@pytest.mark.parametrize(
    "text",
    ["Nvidia ist an der Nasdaq notiert.", "The Nasdaq-listed chipmaker", "shares traded on the Nasdaq", "Nasdaq: NVDA"],
)
def test_nasdaq_the_exchange_is_not_the_index(table: AliasTable, text: str) -> None:
    assert all(m.entry is None or m.entry.symbol != "^IXIC" for m in table.mentions(text))


def test_modifiers_are_marked(table: AliasTable) -> None:
    mentions = {m.text: m.modifier for m in table.mentions("Nvidia-Chef Huang und der Dax-Konzern Siemens")}
    assert mentions == {"Nvidia": True, "Dax": True, "Siemens": False}


def test_ambiguous_and_unlisted_names(table: AliasTable) -> None:
    look = table.lookup("Constellation")
    assert look.status == "ambiguous"
    assert {c.symbol for c in look.candidates} >= {"CEG", "STZ"}
    assert "name the company in full" in look.message
    assert table.lookup("DeepSeek").status == "unlisted"
    unknown = table.lookup("Arm Holdings plc")
    assert unknown.status == "unknown"
    assert "not in the alias table" in unknown.message


PUB = "2025-01-28T07:30:00+01:00"


def _extract(text: str, lang: str, aliases: AliasTable | None = None):  # type: ignore[no-untyped-def]
    from marketfact.claims.extract import parse_published

    return extract_claims(text, parse_published(PUB), lang, aliases)


def test_an_ambiguous_name_in_a_claim_is_reported_not_guessed() -> None:
    x = _extract("Bei Constellation ging es am Montag um 21 Prozent nach unten.", "de")
    assert x.claims == []
    assert [u.name for u in x.unresolved] == ["Constellation"]
    assert {c.symbol for c in x.unresolved[0].candidates} >= {"CEG", "STZ"}


def test_the_full_name_earlier_in_the_article_settles_a_short_one() -> None:
    x = _extract(
        "Constellation Energy fiel am Montag um 21 Prozent. Am Dienstag legte Constellation 1 Prozent zu.", "de"
    )
    assert [c.instrument for c in x.claims] == ["CEG", "CEG"]
    assert any("named in full in sentence 1" in n for n in x.claims[1].notes)


def test_a_user_file_adds_and_overrides_names(tmp_path: Path) -> None:
    user = tmp_path / "aliases.yaml"
    user.write_text(
        "instruments:\n"
        "  - {symbol: ARM, name: Arm Holdings, mic: XNAS, timezone: America/New_York, names: [Arm, Arm Holdings]}\n"
        "  - {symbol: SIE.DE, name: Siemens AG, mic: XETR, timezone: Europe/Berlin, names: [Siemens AG, Siemens]}\n",
        encoding="utf-8",
    )
    table = AliasTable.load(user)
    assert table.lookup("Arm Holdings plc").entry.symbol == "ARM"  # type: ignore[union-attr]
    assert table.lookup("Nvidia").entry.symbol == "NVDA"  # type: ignore[union-attr]
    x = _extract("Shares of Arm Holdings fell 10% on Monday.", "en", table)
    (claim,), (reading,) = x.claims, x.readings
    assert (claim.instrument, claim.value, claim.period) == ("ARM", 10.0, "on Monday")
    assert reading.sessions == (date(2025, 1, 27),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- just a list", "expected a mapping"),
        ("instruments: [{name: X}]", "needs a symbol"),
        ("instruments: [{symbol: X, kind: bond}]", "kind must be equity or index"),
        ("instruments: [{symbol: X, colour: red}]", "unknown field"),
        ("instrumentz: []", "unknown top-level"),
        ("instruments: [{symbol: X, names: {a: b}}]", "list of names"),
        ("instruments: [unclosed", "cannot read it"),
    ],
)
def test_a_bad_user_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match=message):
        AliasTable.load(path)
    with pytest.raises(AliasFileError, match="no such alias file"):
        AliasTable.load(tmp_path / "missing.yaml")


def _quotes(*rows: tuple[str, str, str]):  # type: ignore[no-untyped-def]
    return lambda name: [{"symbol": s, "longname": n, "quoteType": t, "exchange": "NMS"} for s, n, t in rows]


def test_online_fallback_resolves_an_exact_name_only() -> None:
    calls: list[str] = []

    def search(name: str):  # type: ignore[no-untyped-def]
        calls.append(name)
        return _quotes(("ARM", "Arm Holdings plc", "EQUITY"), ("ARMH", "Armhold Ltd", "EQUITY"))(name)

    table = AliasTable.load(searcher=search)
    look = table.lookup("Arm Holdings")
    assert look.status == "resolved"
    assert look.entry is not None
    assert look.entry.symbol == "ARM"
    assert "online search" in look.message
    table.lookup("Nvidia")
    assert calls == ["Arm Holdings"]  # names in the table never go online
    x = _extract("Shares of Arm Holdings fell 10% on Monday.", "en", table)
    assert [c.instrument for c in x.claims] == ["ARM"]
    assert any("online search" in n for n in x.claims[0].notes)


def test_online_fallback_lists_candidates_when_unsure() -> None:
    table = AliasTable.load(
        searcher=_quotes(("ARM", "Arm Holdings plc", "EQUITY"), ("ARM.L", "ARM Holdings", "EQUITY"))
    )
    look = table.lookup("Arm")
    assert look.status == "unknown"
    assert [c.symbol for c in look.candidates] == ["ARM", "ARM.L"]
    x = _extract("Shares of Arm fell 10% on Monday.", "en", table)
    assert x.claims == []
    assert [u.name for u in x.unresolved] == ["Arm"]
    assert [c.source for c in x.unresolved[0].candidates] == ["search", "search"]


def test_a_failing_online_search_is_reported_and_extraction_goes_on() -> None:
    def offline(name: str):  # type: ignore[no-untyped-def]
        raise SearchError("yfinance could not reach Yahoo Finance (no network?)")

    x = _extract("Shares of Arm Holdings fell 10% on Monday. Nvidia fell 17% on Monday.", "en",
                 AliasTable.load(searcher=offline))  # fmt: skip
    assert [c.instrument for c in x.claims] == ["NVDA"]
    assert "online search failed" in x.unresolved[0].reason
    assert "no network" in x.unresolved[0].reason
    assert x.warnings


def test_yahoo_searcher_turns_failures_into_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import yfinance

    class Offline:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise ConnectionError("Failed to resolve host")

    monkeypatch.setattr(yfinance, "Search", Offline)  # no network call: the class is replaced
    with pytest.raises(SearchError, match="could not reach Yahoo Finance"):
        yahoo_searcher(timeout=1)("Arm Holdings")
