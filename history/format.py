"""Plain-text tables of the verdict history, for ``marketfact history [CLAIM]`` and ``marketfact runs``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import groupby

from marketfact.history.changes import ChangeKind
from marketfact.history.rows import HistoryRow, RunSummary

HASH_CHARS = 10
"""Digits of a claim hash shown; any unique prefix of 4 or more is accepted back as CLAIM."""


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines]


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _measured(row: HistoryRow) -> str:
    if row.measured is None:
        return "-"
    unit = row.unit.strip()
    return f"{row.measured:+,.2f}{'' if unit == '%' else ' '}{unit}" if unit else f"{row.measured:+,.2f}"


BASIS_HEADER = "basis (exchange-local dates)"
"""The basis column's header: session dates are the exchange's local dates, unlike the run times (UTC)."""


def _sessions(row: HistoryRow) -> str:
    """The price and sessions ``measured`` rests on, as far as they were recorded."""
    base, start, end = row.base_session, row.start_session, row.end_session
    field = row.price_field
    if field is not None and field.startswith("intraday") and end is not None:
        # The window's extreme against the close before it: name both, never "base → end" (a close-to-close span).
        window = str(end) if start in (None, end) else f"{start} to {end}"
        return f"{field} {window}" + (f" vs close {base}" if base else "")
    span = f"{base} → {end}" if base and end and base != end else str(end or base or "")
    return f"{field} {span}".strip() if field else span


def _basis(row: HistoryRow) -> str:
    """Which price, which sessions, which exchange and time zone of a measured value.

    "close 2025-01-24 → 2025-01-27 (XNAS, America/New_York)", "intraday low 2025-01-27 vs close 2025-01-24 (…)".
    Verdicts recorded before the basis was kept (migration 0003) show the sessions stored and say the rest was not
    recorded, rather than guess it; a verdict without a measured value has no basis ("-")."""
    if row.measured is None:
        return "-"
    sessions = _sessions(row)
    missing = [what for what, value in (("price", row.price_field), ("time zone", row.timezone)) if not value]
    where = ", ".join(v for v in (row.exchange, row.timezone) if v)
    if missing:
        where = f"{where}; " if where else ""
        where += f"{' and '.join(missing)} not recorded"
    return f"{sessions} ({where})" if sessions else f"({where})"


def _change(row: HistoryRow, *, with_run: bool) -> str:
    if row.change is None:
        return ""
    text = row.change.value
    if row.from_label is not None and row.change is not ChangeKind.REVISED:
        text += f" (was {row.from_label.value})"
    if with_run and row.change_run_id:
        text += f" in {row.change_run_id}"
    return text


def _run(run_id: str, synthetic: bool) -> str:
    return f"{run_id} (synthetic)" if synthetic else run_id


def _detail(rows: Sequence[HistoryRow], hash_chars: int) -> list[str]:
    lines: list[str] = []
    for key, group in groupby(rows, key=lambda r: r.claim_hash):
        verdicts = list(group)
        last = verdicts[-1]
        if lines:
            lines.append("")
        lines += [
            f"Claim {key[:hash_chars]}  {last.claim_id}  ({last.subject})",
            f"  {last.text}",
            f"  {len(verdicts)} verdict{'s' if len(verdicts) != 1 else ''} recorded; latest: {last.label.value}"
            + (f", {last.explanation}" if last.explanation else ""),
            "",
        ]
        table = [
            [
                _when(r.started_at),
                _run(r.run_id, r.synthetic),
                r.label.value,
                _measured(r),
                _basis(r),
                _change(r, with_run=False),
                f"{r.source} ({_when(r.retrieved_at)})" if r.source else "-",
                r.reason or "",
            ]
            for r in verdicts
        ]
        headers = [
            "run started (UTC)", "run", "verdict", "measured", BASIS_HEADER, "change", "data (retrieved UTC)", "reason"
        ]  # fmt: skip
        lines += ["  " + line for line in _table(headers, table)]
    return lines


def _summary(rows: Sequence[HistoryRow], hash_chars: int) -> list[str]:
    table = [
        [
            r.claim_hash[:hash_chars],
            r.claim_id,
            r.subject,
            str(r.verdicts_recorded),
            r.label.value,
            _measured(r),
            _basis(r),
            _when(r.started_at),
            _change(r, with_run=True),
        ]
        for r in rows
    ]
    headers = [
        "claim", "id", "subject", "checks", "latest verdict", "measured", BASIS_HEADER, "checked (UTC)", "last change"
    ]  # fmt: skip
    return _table(headers, table)


def format_history(rows: Sequence[HistoryRow], claim: str | None = None, *, hash_chars: int = HASH_CHARS) -> str:
    """Render ``HistoryStore.history(claim)`` as text.

    With ``claim``: one block per matching claim, one line per recorded verdict with the change it made.
    Without: one line per claim with its latest verdict and its last change, in the order given (the store
    gives the most recently checked first).
    """
    if not rows:
        if claim is not None:
            return f"No recorded verdicts for claim {claim!r} (give a claim id or a hash prefix)."
        return "The verdict history is empty: no run has been recorded yet."
    lines = _detail(rows, hash_chars) if claim is not None else _summary(rows, hash_chars)
    return "\n".join(lines) + "\n"


def format_runs(runs: Sequence[RunSummary]) -> str:
    """Render ``HistoryStore.runs()`` as text, newest first."""
    if not runs:
        return "No run has been recorded yet."
    table = [
        [
            _run(r.run_id, r.synthetic),
            _when(r.started_at),
            r.claims_file,
            f"{r.counts.get('pass', 0)}/{r.counts.get('fail', 0)}/{r.counts.get('unverifiable', 0)}",
            str(r.changes),
            r.report_path or "",
        ]
        for r in runs
    ]
    headers = ["run", "started (UTC)", "claims file", "pass/fail/unverifiable", "changes", "report"]
    return "\n".join(_table(headers, table)) + "\n"
