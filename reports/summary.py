"""Short renderings of a run for orchestration UIs: a verdict table and a markdown summary.

A run of more than ``limit`` claims (``reports.digest.MAX_CLAIM_CARDS`` by default) is summarised as its
report page is: the claims that are not CORRECT, an even share of each verdict, and a line saying how many
are left out. A 100 000-claim run would otherwise send a 30 MB table to the orchestrator's API.
"""

from __future__ import annotations

from marketfact.checks.runreport import RunReport
from marketfact.reports.digest import MAX_CLAIM_CARDS, select_cards


def verdict_rows(run: RunReport, limit: int = MAX_CLAIM_CARDS) -> list[dict[str, object]]:
    """One row per claim shown: what was claimed, what was measured, on which basis, and the verdict."""
    rows: list[dict[str, object]] = []
    for v in select_cards(run.verdicts, limit):
        rows.append(
            {
                "claim": v.claim_id,
                "verdict": v.label.value,
                "outcome": v.outcome,
                "measured": None if v.measured is None else round(v.measured, 2),
                "unit": v.unit,
                "price": v.price_field,
                "sessions": v.sessions_note,
                "claimed": v.claimed,
                "reason": v.reason or "",
            }
        )
    return rows


def markdown_summary(
    run: RunReport, report_link: str | None = None, limit: int = MAX_CLAIM_CARDS, *, report_path: str | None = None
) -> str:
    """A few lines of markdown: counts, data sources, one line per claim shown, and where the report is.

    ``report_link`` is an http(s) URL a browser opens from the Prefect UI; without one, ``report_path`` is
    shown as a path on the machine that ran the check (a ``file://`` link opens nowhere from a web page).
    """
    c = run.counts()
    shown = select_cards(run.verdicts, limit)
    lines = [
        f"# marketfact run {run.run_id}",
        "",
        f"**{c['pass']} pass, {c['fail']} fail, {c['unverifiable']} unverifiable** of {c['total']} claims "
        f"from `{run.claims_file}`." + (" **Synthetic benchmark data.**" if run.synthetic else ""),
        "",
        "Data: " + "; ".join(f"{s.name} ({s.mode})" for s in run.sources) if run.sources else "Data: none fetched",
        "",
        "| claim | verdict | measured | price | sessions |",
        "|---|---|---|---|---|",
    ]
    for v in shown:
        measured = "—" if v.measured is None else f"{v.measured:+.2f} {v.unit}"
        lines.append(
            f"| {_cell(v.claim_id)} | {v.label.value} | {measured} | {v.price_field} | {_cell(v.sessions_note)} |"
        )
    if len(shown) < len(run.verdicts):
        lines += [
            "",
            f"Shown: {len(shown)} of {c['total']} claims (those that are not CORRECT, up to {limit}, an even "
            f"share of each verdict); {c['total'] - len(shown)} left out. The run's report.json lists every claim.",
        ]
    if report_link:
        lines += ["", f"Full report: [{report_link}]({report_link})"]
    elif report_path:
        lines += ["", f"Full report: `{report_path}` on the machine that ran the check."]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Keep a table cell a cell: pipes and newlines from input would break the markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")
