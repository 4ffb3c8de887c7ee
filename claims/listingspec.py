"""A listing a claim file defines itself: the ``instruments:`` block that makes a user's alias listing checkable.

The snapshot and the shipped alias table name the instruments a run knows (``claims.listings``). A newsroom's own
alias file (``--aliases``) names more, such as Rheinmetall on Xetra; ``marketfact extract`` and ``check-article``
write each such listing that a claim uses into the claim file's ``instruments:`` block, so that the file re-checks
as written, anywhere, without the alias file:

    instruments:
      - symbol: RHM.DE
        name: Rheinmetall
        kind: equity
        mic: XETR
        timezone: Europe/Berlin
        currency: EUR

The exchange (an exchange_calendars code such as XETR), time zone and currency are what a verdict needs to find
the claim's sessions and to say which price it measured; a listing without them could not be judged.
"""

from __future__ import annotations

from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SYMBOL_PATTERN = r"^\^?[A-Za-z0-9][A-Za-z0-9.=^&-]{0,19}$"
"""A yfinance symbol: NVDA, ENR.DE, 6857.T, ^GDAXI, EURUSD=X."""


@cache
def _calendar_names() -> frozenset[str]:
    import exchange_calendars as xcals  # only when a claim file defines a listing: the import takes a while

    return frozenset(xcals.get_calendar_names(include_aliases=True))


class ListingSpec(BaseModel):
    """One listing defined by the claim file: symbol, exchange, time zone and currency."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    symbol: str = Field(pattern=SYMBOL_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["equity", "index"] = "equity"
    mic: str = Field(description="the exchange_calendars code of the listing exchange: XETR, XNAS, XTKS")
    timezone: str = Field(description="the exchange's IANA time zone: Europe/Berlin")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="the listing currency, ISO 4217: EUR")
    note: str = Field(default="", max_length=500)

    @field_validator("mic")
    @classmethod
    def _known_exchange(cls, mic: str) -> str:
        if mic not in _calendar_names():
            raise ValueError(f"{mic!r} is not an exchange calendar code (exchange_calendars: XETR, XNAS, XTKS, …)")
        return mic

    @field_validator("name", "note")
    @classmethod
    def _printable(cls, text: str) -> str:
        from marketfact.claims.model import printable  # claims.model imports this module

        return printable(text)

    @model_validator(mode="after")
    def _zone_of_the_exchange(self) -> ListingSpec:
        import exchange_calendars as xcals

        zone = str(xcals.get_calendar(self.mic).tz)
        if zone != self.timezone:
            raise ValueError(f"{self.mic} trades in {zone}, not {self.timezone}: give timezone: {zone}")
        return self

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            near = sorted(z for z in available_timezones() if z.rsplit("/", 1)[-1] == zone.rsplit("/", 1)[-1])
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise ValueError(f"{zone!r} is not an IANA time zone{hint}") from None
        return zone
