"""Short renderings of a run for orchestration UIs: a verdict table and a markdown summary."""

from __future__ import annotations

from checks.runreport import RunReport


def verdict_rows(run: RunReport) -> list[dict[str, object]]:
    """One row per claim: what was claimed, what was measured, on which basis, and the verdict."""
    rows = []
    for v in run.verdicts:
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


def markdown_summary(run: RunReport, report_link: str | None = None) -> str:
    """A few lines of markdown: counts, data sources, and one line per claim."""
    c = run.counts()
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
    for v in run.verdicts:
        measured = "—" if v.measured is None else f"{v.measured:+.2f} {v.unit}"
        lines.append(
            f"| {_cell(v.claim_id)} | {v.label.value} | {measured} | {v.price_field} | {_cell(v.sessions_note)} |"
        )
    if report_link:
        lines += ["", f"Full report: {report_link}"]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Keep a table cell a cell: pipes and newlines from input would break the markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")
