"""``--fail-on``: turn a run's outcome into an exit code for publishing pipelines.

* ``None`` — always 0: the report is informational.
* ``"fail"`` — 1 when any claim failed (MISLEADING or INCORRECT).
* ``"unverifiable"`` — 1 when any claim failed *or* could not be checked. It is the stricter gate:
  a claim nobody could check is no safer to publish than one that failed, so it never lets a FAIL through.
"""

from __future__ import annotations

from marketfact.checks.runreport import RunReport

FAIL_ON_CHOICES: tuple[str, ...] = ("fail", "unverifiable")


def exit_code_for(run: RunReport, fail_on: str | None) -> int:
    """0 when the run passes the gate ``fail_on`` (None, "fail" or "unverifiable"), 1 otherwise."""
    if fail_on is None:
        return 0
    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"--fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
    counts = run.counts()
    gated = counts["fail"] + (counts["unverifiable"] if fail_on == "unverifiable" else 0)
    return 1 if gated else 0
