"""Which unit a number of a verdict is in, where the verdict does not say it outright.

``Verdict.unit`` covers the measured value. An ``Alternative`` of a money claim may be in another
currency ("the listing currency instead of the claimed one"): USD billions next to a EUR claim. Printing
it in the claim's currency would put a false number in a fact-check, so its currency is worked out here,
from the alternative's own ``unit`` when the checker gives one, else from its basis.
"""

from __future__ import annotations

import re

from marketfact.checks.verdicts import Alternative, Verdict
from marketfact.claims.model import Claim

_CURRENCY = re.compile(r"\b([A-Z]{3})\b")


def alternative_currency(alternative: Alternative, verdict: Verdict, claim: Claim) -> str | None:
    """The currency of a money alternative's ``measured`` (None for percent claims)."""
    if claim.unit != "money":
        return None
    unit = getattr(alternative, "unit", None)  # a field the checker may add; honoured when present
    if isinstance(unit, str) and (found := _CURRENCY.search(unit)):
        return found.group(1)
    # Until then the checker names this basis only in words; its value is in the listing currency.
    if "listing currency" in alternative.basis and verdict.currency:
        return verdict.currency
    return claim.currency
