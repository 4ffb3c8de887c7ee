"""The claim file's schema: pydantic models that reject what they do not understand.

A claim file (YAML or JSON) holds an optional ``article`` block (where the claims appeared) and a list of
``claims``. Unknown fields are errors, not silently dropped: a typo in ``hedge`` must not turn
"almost 20 %" into "exactly 20 %". The vocabulary the models validate against (``Metric``, ``Record``,
``Direction``, ``SCALES``) lives in ``claims.metrics`` and is importable from here too.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from marketfact.claims.hedges import HedgeReading, read_hedge
from marketfact.claims.listingspec import ListingSpec
from marketfact.claims.metrics import LEVELS, MONEY_VALUES, PRICE_UNITS, SCALES, Direction, Metric, Record

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides: a claim's text ends up
on terminals (``\x1b[2J`` clears one), in HTML (a NUL there is a parse error) and in a database."""


def printable(text: str) -> str:
    """``text`` without control characters or bidirectional overrides."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


Text = Annotated[str, AfterValidator(printable)]
"""A string from a claim file, cleaned of control characters when read (see ``printable``)."""

FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
"""A number that is a number: NaN and infinities are refused where they are read."""

MAX_PERCENT = 10_000.0
"""The largest percent move a claim may state (a hundredfold rise); a fall is at most 100 %."""

MAX_POINTS = 10_000_000.0
"""The largest index level or move in points a claim may state (the largest indices stand near 100 000)."""

MAX_MONEY = 1e15
"""The largest amount of money a claim may state, in currency units (every listed company together is worth
about 1e14 US dollars)."""

ClaimId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Article(_Strict):
    """Where the claims were published."""

    title: Text | None = None
    url: Text | None = None
    published_at: datetime | None = None
    language: Literal["de", "en"] | None = None
    publisher: Text | None = None

    @field_validator("published_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("published_at needs a time zone offset, e.g. 2025-01-29T08:00:00+01:00")
        return value


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
"""One set of given field names per combination seen, shared by the claims that gave it (see Claim)."""


class Claim(_Strict):
    """One checkable statement about a market move."""

    id: ClaimId
    text: Text = Field(min_length=1, description="the claim in the project's own words (a paraphrase)")
    subject: Text = Field(min_length=1, description="what the article names: Nvidia, Siemens Energy")
    instrument: Text | None = Field(None, description="listing symbol as the price source names it: NVDA")
    metric: Metric
    direction: Direction | None = Field(
        None, description="up | down; required for moves and the day's low/high, implied by a record"
    )
    sessions: list[date] | None = Field(
        None, description="the exchange-local session dates the move spans, first and last (or just one)"
    )
    period: Text | None = Field(None, description="a period in words, resolved from published_at: Montag")
    value: FiniteFloat | None = None
    range: tuple[FiniteFloat, FiniteFloat] | None = None
    value_text: Text | None = Field(None, description="the number as written, for its precision: '11.10'")
    decimals: int | None = Field(None, ge=0, le=6, description="decimal places stated; derived from value_text")
    unit: Literal["percent", "money", "points"] = "percent"
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    scale: Literal["one", "thousand", "million", "billion", "trillion"] = "one"
    hedge: str | None = None
    fx: Literal["ecb", "yahoo"] = "ecb"
    record: Record | None = Field(None, description="for metric: record, which extreme the session set")
    since: date | None = Field(None, description="a record's history starts here; absent: all the source has")
    language: Literal["de", "en"] | None = Field(None, description="language of the article, for period words")
    source_url: Text | None = None
    published_at: datetime | None = None
    quote: Text | None = Field(None, description="the sentence it came from, when extracted from an article")
    notes: list[Text] = Field(default_factory=list)
    confirmed: bool = Field(
        False,
        description="a person confirmed this claim as read (the desk, or `confirmed: true` in a reviewed claim "
        "file): a reading read with low confidence is then no longer 'reading uncertain — confirm'",
    )

    @model_validator(mode="before")
    @classmethod
    def _remember_value_text(cls, data: Any) -> Any:
        # YAML turns "11.10" into 11.1; keep how the number was written, for its precision.
        if isinstance(data, dict) and "value_text" not in data and isinstance(data.get("value"), int | float):
            value = data["value"]
            data = {**data, "value_text": _plain(value) if "e" in repr(value) else str(value)}
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            from marketfact.claims.numbers import parse_number

            text = data["value"]
            # A decimal comma means German notation; Babel reads the digits, not a hand-written rule.
            lang = data.get("language") or ("de" if "," in text else "en")
            try:
                parsed = parse_number(text, lang)
            except ValueError as exc:
                raise ValueError(f"value {text!r} is not a number: {exc}") from None
            data = {**data, "value": parsed.value, "value_text": text, "decimals": parsed.decimals}
        return data

    @field_validator("hedge")
    @classmethod
    def _known_hedge(cls, value: str | None) -> str | None:
        read_hedge(value)  # raises with the unknown word named
        return value

    @field_validator("sessions")
    @classmethod
    def _ordered(cls, value: list[date] | None) -> list[date] | None:
        if value is not None:
            if not value:
                raise ValueError("sessions is empty: give one date, or the first and last")
            if sorted(value) != value:
                raise ValueError("sessions must be in order, first to last")
        return value

    @model_validator(mode="after")
    def _share_fields_set(self) -> Claim:
        # pydantic keeps, per instance, the set of fields that were given: ≈730 bytes, a third of a
        # claim's memory. A frozen model's set is never changed in place (a copy gets its own), so
        # claims that gave the same fields share one (100 000 claims: −73 MB, 18 distinct sets).
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(given), given))
        return self

    @model_validator(mode="before")
    @classmethod
    def _record_direction(cls, data: Any) -> Any:
        # A record says its direction itself: the lowest close and the biggest fall are down.
        if isinstance(data, dict) and data.get("metric") == "record" and data.get("direction") is None:
            try:
                return {**data, "direction": Record(str(data.get("record"))).direction.value}
            except ValueError:
                return data  # _coherent names the missing or unknown record
        return data

    @model_validator(mode="after")
    def _coherent(self) -> Claim:
        _kind_rules(self)
        if self.metric is not Metric.RECORD and (self.value is None) == (self.range is None):
            raise ValueError("give exactly one of value or range")
        if self.range is not None and self.range[0] > self.range[1]:
            raise ValueError("range must be [low, high]")
        if (self.value is not None and self.value < 0) or (self.range is not None and self.range[0] < 0):
            raise ValueError("state the magnitude as a positive number; the direction says which way")
        self._within_bounds()
        if self.unit == "money" and self.currency is None:
            raise ValueError("a money claim needs a currency (EUR, USD, JPY …)")
        if self.metric in MONEY_VALUES and self.unit != "money":
            raise _field_error("unit", f"a {self.metric.value} claim is in money: set unit: money and a currency")
        if self.metric in (Metric.CLOSE_CHANGE, Metric.INTRADAY_EXTREME) and self.unit != "percent":
            raise ValueError(f"a {self.metric.value} claim is in percent, not {self.unit}")
        if self.sessions is None and self.period is None and self.published_at is None:
            raise ValueError("give sessions, or a period, or a published_at to search before")
        return self

    def _within_bounds(self) -> None:
        """Magnitudes a market can move by, in the claim's unit (a claim of 1e308 % is no claim)."""
        if self.value is None and self.range is None:
            return
        largest = self.value if self.value is not None else self.range[1]  # type: ignore[index]
        field = "value" if self.value is not None else "range"
        if self.unit == "percent":
            falls = self.direction is Direction.DOWN
            cap = 100.0 if falls else MAX_PERCENT
            if largest > cap:
                what = "a fall" if falls else "a rise"
                raise _field_error(field, f"{largest:g} % is out of bounds: {what} in percent is at most {cap:,.0f} %")
        elif self.unit == "points":
            if largest > MAX_POINTS:
                raise _field_error(field, f"{largest:g} points is out of bounds: at most {MAX_POINTS:,.0f} points")
        elif largest * SCALES[self.scale] > MAX_MONEY:
            raise _field_error(
                field,
                f"{largest:g} {self.scale} {self.currency or ''} is out of bounds: a money claim is at most "
                f"{MAX_MONEY:.0e} currency units",
            )

    @property
    def sign(self) -> int:
        """+1 up, -1 down, 0 for a level stated without a direction."""
        return self.direction.sign if self.direction is not None else 0

    @property
    def is_level(self) -> bool:
        """Whether the claim states where a price or value stood (a level, or a record close), not a move."""
        return (
            self.metric in LEVELS
            or self.record in (Record.LOWEST_CLOSE, Record.HIGHEST_CLOSE)
            or (self.record is not None and self.record.streak)
        )

    @property
    def value_record(self) -> bool:
        """A record of market value: the biggest one-day loss (or gain) of market value since … (#17)."""
        return self.metric is Metric.RECORD and self.unit == "money"

    @property
    def value_sign(self) -> int:
        """The sign of the stated number as measured: +1 for a level (a price is positive), else the direction's."""
        if self.is_level:
            return 1
        return self.direction.sign if self.direction is not None else 1

    @property
    def hedge_reading(self) -> HedgeReading:
        """The parsed hedge words."""
        return read_hedge(self.hedge)

    @property
    def precision(self) -> int:
        """Decimal places the number was stated with (as given, or read from how it was written)."""
        from marketfact.claims.hedges import decimals_of

        if self.decimals is not None:
            return self.decimals
        if self.range is not None:
            return max(decimals_of(_plain(self.range[0])), decimals_of(_plain(self.range[1])))
        return decimals_of(self.value_text or "0")

    @property
    def scale_factor(self) -> float:
        """Multiplier from the stated number to currency units."""
        return SCALES[self.scale]


def _field_error(field: str, message: str) -> ValueError:
    """An error that names the field it is about (a model-level rule has no location of its own)."""
    return ValueError(f"field {field!r}: {message}")


def _kind_rules(claim: Claim) -> None:
    """The fields each metric needs and refuses (levels, points, records), each error naming the field."""
    _price_rules(claim)
    if claim.metric is Metric.RECORD:
        _record_rules(claim)
    else:
        _non_record_rules(claim)


def _price_rules(claim: Claim) -> None:
    """A price in points or in a currency, at scale one, with the direction a low or high needs."""
    metric, name = claim.metric, claim.metric.value
    if claim.unit == "points" and claim.currency is not None:
        raise _field_error(
            "currency",
            f"a {name} claim in points has no currency; for a price in a currency use unit: money and currency",
        )
    if metric in PRICE_UNITS and claim.unit == "percent":
        raise _field_error(
            "unit", f"a {name} claim needs a unit: unit: points (an index), or unit: money and the listing's currency"
        )
    if metric in PRICE_UNITS and claim.scale != "one":
        raise _field_error(
            "scale", f"a {name} claim is a price: give the number in units (scale: one), not {claim.scale}"
        )
    if metric in (Metric.POINTS_CHANGE, Metric.INTRADAY_LEVEL) and claim.direction is None:
        what = "the day's low (down) or high (up)" if metric is Metric.INTRADAY_LEVEL else "which way it moved"
        raise _field_error("direction", f"a {name} claim needs a direction (up or down): {what}")
    if metric is Metric.CLOSE_LEVEL and claim.hedge_reading.basis is not None:
        raise _field_error(
            "metric",
            f"the hedge {claim.hedge!r} speaks of the day's low or high, not the close: use metric: intraday_level",
        )
    if metric in LEVELS and claim.hedge_reading.basis is not None and claim.direction is None:
        raise _field_error(
            "direction",
            f"a {name} claim with the hedge {claim.hedge!r} speaks of the day's low or high: give a direction",
        )


def _record_rules(claim: Claim) -> None:
    """A record states no number and no hedge, is about one session, and its direction is its record's."""
    if claim.record is None:
        raise _field_error(
            "record",
            "a record claim needs record: lowest_close | highest_close | biggest_fall | biggest_rise | "
            "losing_streak | winning_streak",
        )
    if claim.value is not None or claim.range is not None:
        raise _field_error(
            "value", "a record claim states no number: leave out value and range (state a move as its own claim)"
        )
    if claim.hedge:
        raise _field_error("hedge", "a record claim takes no hedge: it holds or it does not")
    if claim.unit == "points" or (claim.unit == "percent" and claim.currency is not None):
        raise _field_error(
            "unit", "a record claim takes no unit, or unit: money and a currency for a record of market value"
        )
    if claim.unit == "money" and claim.record not in (Record.BIGGEST_FALL, Record.BIGGEST_RISE):
        raise _field_error(
            "unit",
            f"unit: money on a record is a one-day loss or gain of market value (biggest_fall/biggest_rise), "
            f"not {claim.record.value}",
        )
    if claim.direction is not claim.record.direction:
        raise _field_error(
            "direction",
            f"record: {claim.record.value} is a move {claim.record.direction.value}, not {claim.direction}",
        )
    if claim.sessions is not None and len(claim.sessions) != 1:
        raise _field_error("sessions", "a record claim is about one session: give sessions: [that day]")
    if claim.since is not None and claim.sessions and claim.since >= claim.sessions[0]:
        raise _field_error("since", f"since ({claim.since}) must be before the session the record is about")


def _non_record_rules(claim: Claim) -> None:
    """Any other metric: no record fields, and a direction unless it states a close or a market value."""
    metric, name = claim.metric, claim.metric.value
    if claim.record is not None:
        raise _field_error("record", f"record is only for metric: record, not {name}")
    if claim.since is not None:
        raise _field_error("since", f"since is only for metric: record, not {name}")
    if claim.direction is None and metric not in (Metric.CLOSE_LEVEL, Metric.MARKET_CAP_LEVEL):
        raise _field_error("direction", f"a {name} claim needs a direction: up or down")


def _plain(x: float) -> str:
    """A float as written without exponent or trailing zeros: 5.0 → "5", 1e-05 → "0.00001"."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text or "0"


class ClaimFile(_Strict):
    """A claim file: the article (optional), its claims, and listings of its own (``claims.listingspec``)."""

    article: Article | None = None
    claims: list[Claim] = Field(min_length=1)
    instruments: tuple[ListingSpec, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _inherit_article(cls, data: Any) -> Any:
        # Each claim inherits the article's url and publication time unless it says otherwise.
        if isinstance(data, dict) and isinstance(data.get("article"), dict):
            art = data["article"]
            given = {
                "source_url": art.get("url"),
                "published_at": art.get("published_at"),
                "language": art.get("language"),
            }
            inherited = {k: v for k, v in given.items() if v is not None}
            claims = data.get("claims")
            if inherited and isinstance(claims, list):  # nothing to inherit: no copy of every claim
                data = {**data, "claims": [{**inherited, **c} if isinstance(c, dict) else c for c in claims]}
        return data

    @model_validator(mode="after")
    def _unique_ids(self) -> ClaimFile:
        seen: set[str] = set()
        for claim in self.claims:
            if claim.id in seen:
                raise ValueError(f"claim id {claim.id!r} appears twice")
            seen.add(claim.id)
        symbols = [listing.symbol for listing in self.instruments]
        twice = sorted({s for s in symbols if symbols.count(s) > 1})
        if twice:
            raise ValueError(f"instruments: {twice[0]} is defined twice")
        return self
