"""Which unit a number of a verdict is in, where the verdict does not say it outright.

``Verdict.unit`` covers the measured value. An ``Alternative`` of a money claim may be in another
currency ("the listing currency instead of the claimed one"): USD billions next to a EUR claim. Printing
it in the claim's currency would put a false number in a fact-check, so its currency is worked out here
from the alternative's key (``…_listing``: the listing currency).
"""

from __future__ import annotations

from marketfact.checks.verdicts import Alternative, Verdict
from marketfact.claims.model import Claim


def alternative_currency(alternative: Alternative, verdict: Verdict, claim: Claim) -> str | None:
    """The currency of a money alternative's ``measured`` (None for percent claims)."""
    if claim.unit != "money":
        return None
    if alternative.key.endswith("_listing") and verdict.currency:
        return verdict.currency
    return claim.currency
