"""``--fail-on``: turn a run's outcome into an exit code for publishing pipelines.

* ``None`` — always 0: the report is informational.
* ``"fail"`` — 1 when any claim failed (MISLEADING or INCORRECT).
* ``"unverifiable"`` — 1 when any claim failed *or* could not be checked. It is the stricter gate:
  a claim nobody could check is no safer to publish than one that failed, so it never lets a FAIL through.

Claims read from an article with a confidence under the threshold (``unconfirmed``) never fail the gate on
their own: their verdict may speak of a claim the article did not make until someone confirms the reading.
"""

from __future__ import annotations

from collections.abc import Collection

from marketfact.checks.runreport import RunReport

FAIL_ON_CHOICES: tuple[str, ...] = ("fail", "unverifiable")


def exit_code_for(run: RunReport, fail_on: str | None, unconfirmed: Collection[str] = ()) -> int:
    """0 when the run passes the gate ``fail_on`` (None, "fail" or "unverifiable"), 1 otherwise; the claims
    whose ids are in ``unconfirmed`` are left out of the gate."""
    if fail_on is None:
        return 0
    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"--fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
    outcomes = {"fail", "unverifiable"} if fail_on == "unverifiable" else {"fail"}
    gated = [v for v in run.verdicts if v.outcome in outcomes and v.claim_id not in unconfirmed]
    return 1 if gated else 0
