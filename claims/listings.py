"""The listings the alias table names, as instruments a run can fetch and judge.

The shipped snapshot (``market/data/instruments.csv``) holds 19 instruments. News names more, and the alias table
(``claims/data/aliases.yaml``) gives each of its listings an exchange, a time zone and a currency: enough to find
a claim's sessions and to fetch its prices from yfinance. A run's instrument table is therefore the snapshot's,
extended by these listings (``run_instruments``, which ``checks.plan.plan_run`` and the history's migration use).
A claim on Infineon is then judged on prices fetched online, or, offline, UNVERIFIABLE because the shipped
snapshot has no prices for IFX.DE. It is no longer an "unknown instrument" that no price source could have fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from marketfact.claims.extract.entities import AliasTable, Listing
from marketfact.claims.listingspec import ListingSpec
from marketfact.market.model import Instrument, InstrumentKind

FROM_ALIASES = "from the alias table (claims/data/aliases.yaml); not in the shipped snapshot"
"""The notes of an instrument that only the alias table knows."""


def listing_instruments(table: AliasTable) -> dict[str, Instrument]:
    """Every listing of ``table`` (main and other listings) that names its exchange, time zone and currency."""
    found: dict[str, Instrument] = {}
    for entry in table.entries:
        for listing in (entry.listing, *entry.other_listings):
            instrument = _instrument(listing, entry.name)
            if instrument is not None:
                found[listing.symbol] = instrument
    return found


def _instrument(listing: Listing, company: str) -> Instrument | None:
    if not (listing.mic and listing.timezone and listing.currency) or listing.kind not in ("equity", "index"):
        return None  # no exchange calendar to find its sessions on (the Euro Stoxx 50 has no MIC)
    name = company if listing.name == listing.symbol else listing.name  # an other listing is named by its company
    kind: InstrumentKind = "index" if listing.kind == "index" else "equity"
    return Instrument(listing.symbol, name, kind, listing.mic, listing.currency, listing.timezone, notes=FROM_ALIASES)


@cache
def shipped_listings() -> Mapping[str, Instrument]:
    """``listing_instruments`` of the shipped alias table, read once per process."""
    return MappingProxyType(listing_instruments(AliasTable.load()))


FROM_CLAIM_FILE = "defined in the claim file (instruments:), from a user's alias file; not in the shipped snapshot"
"""The notes of an instrument that only the claim file defines."""


def claim_file_instruments(listings: Iterable[ListingSpec]) -> dict[str, Instrument]:
    """The listings a claim file defines (its ``instruments:`` block) as instruments."""
    return {
        spec.symbol: Instrument(
            spec.symbol, spec.name, spec.kind, spec.mic, spec.currency, spec.timezone,
            notes=f"{FROM_CLAIM_FILE}: {spec.note}" if spec.note else FROM_CLAIM_FILE,
        )
        for spec in listings
    }  # fmt: skip


def run_instruments(
    instruments: Mapping[str, Instrument], defined: Iterable[ListingSpec] = ()
) -> dict[str, Instrument]:
    """A run's instrument table: ``instruments`` (the price source's) extended by the shipped alias table's
    listings and by the listings the claim file ``defined``. A claim file's listing wins over the shipped alias
    table's (the user's file is the later word, as in the extractor); the price source's instrument wins over
    both: a claim file cannot move NVDA to another exchange."""
    return {**shipped_listings(), **claim_file_instruments(defined), **instruments}
