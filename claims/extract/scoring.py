"""Score an extraction against a hand-written expectation: which claims were found, missed or invented.

An expectation file (see tests/data/articles/README.md) lists, for one article, the claims a careful
reader takes from it, the numbers that are not claims and the names that must stay unresolved. The
test suite asserts a perfect score on the shipped articles; ``bench/extraction_quality.py`` prints
precision and recall over them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from marketfact.claims.extract.inputs import parse_published
from marketfact.claims.extract.model import Extraction
from marketfact.claims.hedges import read_hedge
from marketfact.claims.model import Claim
from marketfact.claims.readings import Reading

CLAIM_KEYS = (
    "instrument", "metric", "direction", "sessions", "value", "range", "hedge", "currency", "scale", "unit", "record",
    "since",
)  # fmt: skip
"""Keys an expected claim may hold. ``unit`` defaults to what the metric and currency imply (percent for moves,
money with a currency, points for an index's level or move); ``record`` and ``since`` are a record's, which
states no number."""


@dataclass(frozen=True)
class Expected:
    """What an article should yield."""

    article: Path
    published_at: datetime
    language: str
    claims: list[dict[str, Any]]
    not_market: list[dict[str, Any]]
    unresolved: list[dict[str, Any]]


def load_expected(path: Path) -> Expected:
    """Read ``<name>.expected.yaml``; the article is the file of the same name with another suffix."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    stem = path.name.removesuffix(".expected.yaml")
    articles = [p for p in path.parent.glob(stem + ".*") if p != path and not p.name.endswith(".yaml")]
    if len(articles) != 1:
        raise FileNotFoundError(f"{path}: expected exactly one article named {stem}.*, found {articles}")
    for claim in data.get("claims") or []:
        unknown = set(claim) - set(CLAIM_KEYS)
        if unknown:
            raise ValueError(f"{path}: unknown key(s) {sorted(unknown)} in expected claim {claim}")
    return Expected(
        articles[0],
        parse_published(str(data["published_at"])),
        str(data["language"]),
        list(data.get("claims") or []),
        list(data.get("not_market") or []),
        list(data.get("unresolved") or []),
    )


def hedge_words(text: str | None) -> tuple[str, ...]:
    return tuple(sorted(read_hedge(text).words))


def expected_sessions(value: Any) -> list[date] | None:
    if value is None:
        return None
    return [v if isinstance(v, date) else date.fromisoformat(str(v)) for v in value]


def expected_unit(want: dict[str, Any]) -> str:
    """The unit an expected claim means: as given, else money with a currency, percent for a percent metric,
    else points (an index's level or move)."""
    if "unit" in want:
        return str(want["unit"])
    if want.get("currency"):
        return "money"
    return "percent" if want["metric"] in ("close_change", "intraday_extreme", "record") else "points"


def expected_since(want: dict[str, Any]) -> date | None:
    value = want.get("since")
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def claim_matches(claim: Claim, reading: Reading, want: dict[str, Any]) -> bool:
    """Whether ``claim`` says what ``want`` (one expected claim) says, field by field.

    Sessions are compared as the extractor resolved the claim's period on its exchange. A record states no
    number: its record and since are compared instead.
    """
    if claim.instrument != want["instrument"] or claim.metric.value != want["metric"]:
        return False
    sessions = list(reading.sessions) if reading.sessions else None
    direction = claim.direction.value if claim.direction else None
    if direction != want.get("direction") or sessions != expected_sessions(want.get("sessions")):
        return False
    if hedge_words(claim.hedge) != hedge_words(want.get("hedge")):
        return False
    if claim.unit != expected_unit(want):
        return False
    if want["metric"] == "record":
        record = claim.record.value if claim.record is not None else None
        return record == want.get("record") and claim.since == expected_since(want)
    if "range" in want:
        lo, hi = want["range"]
        if claim.range is None or not (math.isclose(claim.range[0], lo) and math.isclose(claim.range[1], hi)):
            return False
    elif claim.value is None or not math.isclose(claim.value, float(want["value"])):
        return False
    return claim.currency == want.get("currency") and claim.scale == want.get("scale", "one")


def _text(value: str) -> str:
    return " ".join(str(value).split())


@dataclass
class Score:
    """Matches between an extraction and its expectation."""

    name: str
    found: list[tuple[Claim, dict[str, Any]]] = field(default_factory=list)
    invented: list[Claim] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    not_market_missed: list[dict[str, Any]] = field(default_factory=list)
    not_market_extra: list[str] = field(default_factory=list)
    unresolved_missed: list[dict[str, Any]] = field(default_factory=list)
    unresolved_extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of extracted claims that were expected (1.0 when nothing was extracted)."""
        n = len(self.found) + len(self.invented)
        return len(self.found) / n if n else 1.0

    @property
    def recall(self) -> float:
        """Share of expected claims that were extracted (1.0 when none was expected)."""
        n = len(self.found) + len(self.missed)
        return len(self.found) / n if n else 1.0

    @property
    def perfect(self) -> bool:
        """Every claim found, nothing invented, every other number and name accounted for."""
        return not (
            self.invented
            or self.missed
            or self.not_market_missed
            or self.not_market_extra
            or self.unresolved_missed
            or self.unresolved_extra
        )

    def problems(self) -> list[str]:
        """One line per mismatch, for a test failure or the benchmark's output."""
        out = [f"missed claim {w}" for w in self.missed]
        out += [f"invented claim {c.id}: {c.instrument} {c.metric.value} {c.direction} "
                f"{c.value if c.value is not None else c.range} hedge={c.hedge!r} period={c.period!r} "
                f"sessions={c.sessions}"
                for c in self.invented]  # fmt: skip
        out += [f"missed non-market number {w}" for w in self.not_market_missed]
        out += [f"unexpected non-market number {t}" for t in self.not_market_extra]
        out += [f"missed unresolved name {w}" for w in self.unresolved_missed]
        out += [f"unexpected unresolved name {t}" for t in self.unresolved_extra]
        return out


def score(extraction: Extraction, expected: Expected) -> Score:
    """Match extracted claims one-to-one with expected ones; compare the other numbers and names."""
    result = Score(expected.article.name)
    left = list(expected.claims)
    for claim, reading in zip(extraction.claims, extraction.readings, strict=True):
        hit = next((w for w in left if claim_matches(claim, reading, w)), None)
        if hit is None:
            result.invented.append(claim)
        else:
            left.remove(hit)
            result.found.append((claim, hit))
    result.missed = left
    got = [(_text(n.text), n.kind) for n in extraction.not_market]
    for want in expected.not_market:
        key = (_text(want["text"]), want["kind"])
        if key in got:
            got.remove(key)
        else:
            result.not_market_missed.append(want)
    result.not_market_extra = [f"{t!r} ({k})" for t, k in got]
    names = {u.name: u for u in extraction.unresolved}
    for want in expected.unresolved:
        u = names.pop(want["name"], None)
        if u is None or not set(want.get("candidates") or []) <= {c.symbol for c in u.candidates}:
            result.unresolved_missed.append(want)
    result.unresolved_extra = sorted(names)
    return result
