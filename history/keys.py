"""Stable keys of the verdict history: the claim hash and the fingerprint of a verdict's evidence.

A claim is keyed by **what it asserts**, not by how it is worded or labelled, so that re-checks of the
same assertion line up across runs, claim files and languages. ``canonical_claim`` builds the asserted
content as a small JSON-able dict; ``claim_hash`` is the SHA-256 of its canonical JSON. The rules:

* **instrument**: the listing symbol, trimmed and upper-cased (``nvda`` = ``NVDA``). The ``subject``
  ("Nvidia", "NVIDIA Corp.") is left out when a symbol is given; without a symbol the subject is the only
  thing naming what moved, so it is kept, case-folded with whitespace collapsed.
* **metric**, **direction**, **unit**, **scale**: their enum values; **currency** upper-cased.
* **when**: the sessions the claim's words resolve to on its exchange, reduced to ``[first, last]`` (a
  window is its two ends; one date stays one). A claim giving ``sessions`` resolves to them; a claim giving
  a period in words ("on Monday", "am Montag", "an zwei Tagen") to the sessions the run resolved it to
  from the publication time on the listing's exchange calendar (``Verdict.window``), so "on Monday",
  "am Montag" and ``sessions: [2025-01-27]`` are one assertion with one history. Where the words resolve
  to no session (unknown instrument, a day the exchange did not trade, a close that had not happened at
  publication) or the claim names no day: the given sessions, else the period words, case-folded, German
  weekday and day words translated word by word to English (``Montag`` = ``on Monday`` = ``monday``), a
  leading "on"/"am" dropped, **plus** the publication instant in UTC to the minute, because period words
  mean nothing without the moment they are relative to.
* **value** / **range**: each number written at the precision it was stated with (``17`` and ``17.0``
  differ, because the judge reads 17 as [16.5, 17.5) and 17.0 as [16.95, 17.05); ``11,10`` becomes
  ``11.10``). Money keeps its stated scale: ``563 billion`` and ``563000 million`` state different
  precisions and hash differently.
* **hedge**: its meaning, not its words: the bound (exact, below, around, just above, above, at most)
  and the price basis (close or intraday). "fast 20 %" and "almost 20 %" are the same assertion;
  "zeitweise" and "at one point" both mean intraday; an ``intraday_extreme`` claim is intraday whatever
  its hedge says.

Left out on purpose: the claim's ``id``, ``text``, ``quote``, ``notes``, ``source_url`` and the ``fx``
option (which FX source to convert with is a choice of the check, not part of the assertion). The
canonical dict carries ``"v": 2`` (version 1 keyed period words without resolving them; migration 0002
re-keys its rows); a change of these rules bumps it, and a migration re-keys the stored claims.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from marketfact.checks.verdicts import EvidenceRow, Verdict
from marketfact.claims.hedges import Basis
from marketfact.claims.model import Claim, Metric
from marketfact.market.model import Instrument

HASH_VERSION = 2
"""Version of the normalisation rules above; part of every hashed document."""

PERIOD_WORDS: dict[str, str] = {
    "montag": "monday",
    "dienstag": "tuesday",
    "mittwoch": "wednesday",
    "donnerstag": "thursday",
    "freitag": "friday",
    "samstag": "saturday",
    "sonnabend": "saturday",
    "sonntag": "sunday",
    "heute": "today",
    "gestern": "yesterday",
    "vorgestern": "the day before yesterday",
    "woche": "week",
    "vorwoche": "last week",
    "am": "on",
}
"""German period words and their English equivalents, translated word by word before hashing."""

_PUNCT = re.compile(r"[^\w\s]")


def normalise_period(text: str) -> str:
    """Period words in one canonical form: "Am Montag" → "monday", "on  Monday," → "monday"."""
    words = [PERIOD_WORDS.get(w, w) for w in _PUNCT.sub(" ", text.casefold()).split()]
    if words and words[0] == "on":
        words = words[1:]
    return " ".join(words)


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


Window = tuple[date, date]
"""The first and last session a claim's words resolve to (``Verdict.window``)."""


def canonical_claim(claim: Claim, window: Window | None = None) -> dict[str, Any]:
    """What ``claim`` asserts, normalised as the module docstring describes; the input of ``claim_hash``.

    ``window``: the sessions the claim resolved to in the run (``Verdict.window``); None when it resolved
    to none."""
    instrument = claim.instrument.strip().upper() if claim.instrument else None
    when: dict[str, Any]
    if window is not None:
        when = {"sessions": sorted({d.isoformat() for d in window})}
    elif claim.sessions:
        ends = [claim.sessions[0], claim.sessions[-1]]
        when = {"sessions": sorted({d.isoformat() for d in ends})}
    else:
        published = claim.published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ") if claim.published_at else None
        when = {"period": normalise_period(claim.period) if claim.period else None, "published": published}
    reading = claim.hedge_reading
    intraday = claim.metric in (Metric.INTRADAY_EXTREME, Metric.INTRADAY_LEVEL) or reading.basis is Basis.INTRADAY
    decimals = claim.precision
    return {
        "v": HASH_VERSION,
        "instrument": instrument,
        "subject": None if instrument else " ".join(claim.subject.casefold().split()),
        "metric": claim.metric.value,
        "direction": claim.direction.value if claim.direction else None,
        "when": when,
        "value": _number(claim.value, decimals) if claim.value is not None else None,
        "range": [_number(x, decimals) for x in claim.range] if claim.range is not None else None,
        "unit": claim.unit,
        "currency": claim.currency.upper() if claim.currency else None,
        "scale": claim.scale,
        "hedge": {"bound": reading.bound.value, "basis": (Basis.INTRADAY if intraday else Basis.CLOSE).value},
        # A record's kind and history start; absent from other claims, so their keys are unchanged.
        **(
            {"record": claim.record.value, "since": claim.since.isoformat() if claim.since else None}
            if claim.record
            else {}
        ),
    }


def _digest(document: Any) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_hash(canonical: dict[str, Any]) -> str:
    """64 hex digits of SHA-256 over a canonical dict's canonical JSON."""
    return _digest(canonical)


def claim_hash(claim: Claim, window: Window | None = None) -> str:
    """The claim's key in the history: 64 hex digits of SHA-256 over ``canonical_claim(claim, window)``."""
    return _digest(canonical_claim(claim, window))


def evidence_fingerprint(verdict: Verdict) -> str | None:
    """SHA-256 over the values a verdict rests on (evidence rows, FX rate, share count), or None if none.

    Two runs with equal fingerprints measured from the same numbers; a different fingerprint with a
    different measured value is how a vendor's correction shows up.
    """
    rows: Iterable[EvidenceRow] = sorted(verdict.evidence, key=lambda r: (r.session, r.role, r.field))
    document = {
        "evidence": [[r.session.isoformat(), r.role, r.field, r.value, r.currency] for r in rows],
        "fx": verdict.fx,
        "shares": verdict.shares,
    }
    if not document["evidence"] and verdict.fx is None and verdict.shares is None:
        return None
    return _digest(document)


def resolved_window(claim: Claim, instruments: Mapping[str, Instrument]) -> Window | None:
    """The sessions ``claim``'s words resolve to, by the rules a run uses (``claims.resolve.claim_rows``), or
    None where they resolve to none or name no day. A run gets the same from ``Verdict.window``."""
    from marketfact.claims.resolve import claim_rows

    instrument = instruments.get(claim.instrument or "")
    rows = claim_rows(claim, instrument, _ANY_TERMS)
    if len(rows) != 1 or rows[0]["searched"]:
        return None
    start, end = rows[0]["start"], rows[0]["end"]
    if not isinstance(start, pd.Timestamp) or not isinstance(end, pd.Timestamp):  # NaT: resolved to none
        return None
    return start.date(), end.date()


_ANY_TERMS = ("close", 0.0, 1.0, True, False, 0.0, 0.0)  # the window does not depend on the claimed interval


def upgrade_canonical(old: Mapping[str, Any], instruments: Mapping[str, Instrument]) -> dict[str, Any]:
    """A version-1 canonical dict under the version-2 rules: its period words resolved to sessions where they
    resolve (migration 0002). Everything else a version-1 dict holds is kept as it is."""
    new = {**old, "v": HASH_VERSION}
    when = old.get("when") or {}
    period, published, symbol = when.get("period"), when.get("published"), old.get("instrument")
    if not (period and published and symbol):
        return new
    try:
        claim = Claim.model_validate(
            {
                "id": "rekeyed", "text": "-", "subject": old.get("subject") or symbol, "instrument": symbol,
                "metric": old["metric"], "direction": old["direction"], "period": period,
                "published_at": datetime.fromisoformat(published.replace("Z", "+00:00")), "value": 1,
                "unit": old.get("unit") or "percent", "currency": old.get("currency"),
                "scale": old.get("scale") or "one",
            }
        )  # fmt: skip
        window = resolved_window(claim, instruments)
    except (ValueError, KeyError):
        return new
    if window is not None:
        new["when"] = {"sessions": sorted({d.isoformat() for d in window})}
    return new
