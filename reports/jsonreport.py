"""The JSON report: the HTML report's content for machines, described by ``schema/report.schema.json``.

Numbers are plain JSON numbers in fixed units (percent points for moves, claim-currency units × scale for
money, listing currency for prices); dates are ISO 8601. A value that is unknown or unbounded is ``null``,
never NaN or Infinity (which JSON cannot hold).

``report_text`` gives the file's text in pieces, one validation or claim at a time, so that writing a
run of 100 000 claims holds one claim's entry in memory, not the whole report as a dict and a string;
``report_json`` is the same content as one dict, for callers that want the data.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from marketfact.checks.columnar import COLUMNS_VERSION
from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.reasons import read_reasons
from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import FxRate, ShareCount, Verdict
from marketfact.claims.model import Claim
from marketfact.claims.readings import Reading
from marketfact.reports.claimreview import claim_review
from marketfact.reports.columnar import columnar_file
from marketfact.reports.digest import MAX_CLAIM_CARDS, select_cards
from marketfact.reports.jsontext import Encoded, LazyList, dumps_indented, iter_indented
from marketfact.reports.units import alternative_currency

SCHEMA_PATH = Path(__file__).parent / "schema" / "report.schema.json"
SCHEMA_VERSION = "1.4"
"""1.1 added ``verdicts_file``: a large run's report lists the claims its page shows, and names the Parquet
file of every verdict (``reports.columnar``). 1.2 adds ``run.article_file``, ``sessions.start``, ``fx_rate`` and
``share_count`` (the verdict's facts as data). 1.3 adds ``verdict.reasons``: why a claim is UNVERIFIABLE as
reason codes and parameters (``checks.reasons``), which a reader can word in any language."""


def _num(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _reasons(verdict: Verdict) -> list[dict[str, Any]]:
    """``verdict.reason`` as data: each reason's code (a key of ``checks.reasons.TEMPLATES``, or "text") and
    its parameters as recorded."""
    if not verdict.reason:
        return []
    return [{"code": r.code, "params": dict(r.params)} for r in verdict.reasons or read_reasons(verdict.reason)]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _expectation(result: ExpectationResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "expectation": result.expectation,
        "severity": result.severity,
        "success": result.success,
        "columns": list(result.columns),
        "sessions": [s.isoformat() for s in result.sessions],
        "rows": list(result.rows),
        "detail": result.detail,
    }


Expectation = Callable[[ExpectationResult], Any]
"""How an expectation result enters the report: as a dict (``_expectation``) or as encoded text."""


def _encoded_expectations() -> Expectation:
    """``_expectation`` as ``Encoded`` text, remembered by value for one report.

    A large run's validations repeat a few hundred distinct results (147 523 results, 668 distinct, in a
    100 000-claim benchmark run); each is encoded once. The cache is bounded, and a result that cannot
    be hashed is given as a dict.
    """

    @functools.lru_cache(maxsize=4096)
    def encoded(result: ExpectationResult) -> Encoded:
        return Encoded.of(_expectation(result))

    def expectation(result: ExpectationResult) -> Any:
        try:
            return encoded(result)
        except TypeError:
            return _expectation(result)

    return expectation


def _validation(outcome: ValidationOutcome, expectation: Expectation = _expectation) -> dict[str, Any]:
    return {
        "dataset": outcome.dataset,
        "suite": outcome.suite,
        "engine": outcome.engine,
        "success": outcome.success,
        "data_docs": outcome.data_docs,
        "results": [expectation(r) for r in outcome.results],
    }


def reading_record(run: RunReport, reading: Reading | None) -> dict[str, Any] | None:
    """How an extracted claim was read, for machines: its confidence, whether a person must confirm it
    (the report's "reading uncertain — confirm"), and the inferences it made. None for a claim not read from
    an article."""
    if reading is None or run.extraction is None:
        return None
    return {
        "confidence": round(reading.confidence, 2),
        "uncertain": run.extraction.is_uncertain(reading),
        "confirm_below": run.extraction.confirm_below,
        "confirmed": reading.claim_id in run.extraction.confirmed,
        "inferred": list(reading.inferred),
    }


def _claim_entry(
    run: RunReport,
    verdict: Verdict,
    claim: Claim,
    expectation: Expectation = _expectation,
    reading: Reading | None = None,
) -> dict[str, Any]:
    """One claim of the report: the claim as given, how it was read from the article (when it was), its
    verdict, what was measured on which sessions and prices, the data quality, the conversions, the source,
    and the ClaimReview."""
    return {
        "claim": claim.model_dump(mode="json"),
        "reading": reading_record(run, reading),
        "verdict": {
            "label": verdict.label.value,
            "outcome": verdict.outcome,
            "explanation": verdict.explanation,
            "reason": verdict.reason,
            "reasons": _reasons(verdict),
            "warnings": list(verdict.warnings),
        },
        "measured": {
            "value": _num(verdict.measured),
            "unit": verdict.unit,
            "basis": verdict.basis,
            "price_field": verdict.price_field,
            "price_currency": verdict.currency,
            "claim_currency": claim.currency,
        },
        "claimed": verdict.claimed,
        "interval": _interval(verdict, claim),
        "sessions": _sessions(verdict),
        **_prices(verdict, claim),
        "quality": {
            "failures": [expectation(r) for r in verdict.quality_failures],
            "warnings": [expectation(r) for r in verdict.quality_warnings],
        },
        "fx": verdict.fx,
        "shares": verdict.shares,
        "fx_rate": None if verdict.fx_rate is None else _fx_rate(verdict.fx_rate),
        "share_count": None if verdict.share_count is None else _share_count(verdict.share_count),
        "source": {
            "name": verdict.source,
            "retrieved_at": _iso(verdict.retrieved_at),
            "provenance": verdict.provenance,
        },
        "claim_review": claim_review(run, verdict, claim=claim),
    }


def _interval(verdict: Verdict, claim: Claim) -> dict[str, Any] | None:
    """The claimed interval as numbers (and its notation), None for a claim without one."""
    if verdict.interval is None:
        return None
    lo, hi = verdict.interval
    return {
        "lo": _num(lo),
        "hi": _num(hi),
        "direction": claim.direction.value if claim.direction else None,
        "notation": verdict.claimed,
    }


def _sessions(verdict: Verdict) -> dict[str, Any]:
    """The sessions measured (base, start, end) and where: symbol, exchange, its time zone."""
    return {
        "base": _iso(verdict.base_session),
        "start": _iso(verdict.start_session),
        "end": _iso(verdict.end_session),
        "symbol": verdict.symbol,
        "exchange": verdict.exchange,
        "timezone": verdict.timezone,
        "note": verdict.sessions_note,
    }


def _prices(verdict: Verdict, claim: Claim) -> dict[str, list[dict[str, Any]]]:
    """The prices behind the measurement (``evidence``), the price path around it and the other bases'
    measurements (``alternatives``)."""
    return {
        "evidence": [
            {
                "session": e.session.isoformat(),
                "role": e.role,
                "field": e.field,
                "value": _num(e.value),
                "currency": e.currency,
            }
            for e in verdict.evidence
        ],
        "path": [
            {
                "session": p.session.isoformat(),
                "open": _num(p.open),
                "high": _num(p.high),
                "low": _num(p.low),
                "close": _num(p.close),
                "role": p.role,
            }
            for p in verdict.path
        ],
        "alternatives": [
            {
                "basis": a.basis,
                "measured": _num(a.measured),
                "currency": alternative_currency(a, verdict, claim),
                "admits": a.admits,
            }
            for a in verdict.alternatives
        ],
    }


def _fx_rate(rate: FxRate) -> dict[str, Any]:
    return {
        "base": rate.base,
        "quote": rate.quote,
        "rate": _num(rate.rate),
        "on": rate.on.isoformat(),
        "kind": rate.kind,
        "source": rate.source,
    }


def _share_count(count: ShareCount) -> dict[str, Any]:
    return {
        "shares": _num(count.shares),
        "as_of": count.as_of.isoformat(),
        "source": count.source,
        "relative_uncertainty": count.relative_uncertainty,
    }


def _members(
    run: RunReport, expectation: Expectation = _expectation, max_cards: int = MAX_CLAIM_CARDS
) -> dict[str, Any]:
    """The report's top-level members; validations and claims are built only as they are read."""
    claims = run.claims_by_id()
    readings = run.readings_by_id()
    columnar = columnar_file(run)
    # A large run lists the claims its page shows; every verdict is in verdicts.parquet (reports.columnar).
    entries = run.verdicts if columnar is None else select_cards(run.verdicts, max_cards)
    members: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "run_id": run.run_id,
            "started_at": run.started_at.isoformat(),
            "finished_at": run.finished_at.isoformat(),
            "claims_file": run.claims_file,
            "article_file": run.extraction.origin if run.extraction else None,
            "synthetic": run.synthetic,
            "versions": dict(run.versions),
            "sources": [
                {"name": s.name, "mode": s.mode, "retrieved_at": _iso(s.retrieved_at), "detail": s.detail}
                for s in run.sources
            ],
        },
        "article": run.article.model_dump(mode="json") if run.article else None,
        "counts": run.counts(),
        "validations": LazyList(_validation(v, expectation) for v in run.validations),
        "claims": LazyList(
            _claim_entry(run, v, claims[v.claim_id], expectation, readings.get(v.claim_id)) for v in entries
        ),
    }
    if columnar is not None:
        members["verdicts_file"] = {
            "path": columnar[0],
            "format": "parquet",
            "rows": columnar[1],
            "columns_version": COLUMNS_VERSION,
            "claims_listed": "shown",
        }
    return members


def report_json(run: RunReport) -> dict[str, Any]:
    """The run as a JSON-ready dict that validates against ``report.schema.json``."""
    return {key: list(v.items) if isinstance(v, LazyList) else v for key, v in _members(run).items()}


def report_text(run: RunReport, max_cards: int = MAX_CLAIM_CARDS) -> Iterator[str]:
    """The text of ``dumps(report_json(run))`` in pieces, each validation and claim encoded on its own.

    A large run (``verdicts_file``) lists the ``max_cards`` claims its page shows."""
    yield from iter_indented(_members(run, _encoded_expectations(), max_cards))
    yield "\n"


@functools.cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``report_json``'s output."""
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def validate_report(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not match the schema."""
    import jsonschema  # a development dependency; only callers that validate need it

    jsonschema.Draft202012Validator(report_schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def dumps(data: dict[str, Any]) -> str:
    """The report as JSON text (UTF-8, no NaN), indented by two spaces."""
    return dumps_indented(data) + "\n"
