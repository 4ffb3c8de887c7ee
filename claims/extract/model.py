"""What extraction hands back: the claims, how each was read, and every number that did not become one.

``Extraction.to_claim_file_dict()`` is a claim file ``claims.load.parse_claims`` accepts; ``to_yaml()``
writes the same with a comment header listing the numbers that are not market claims and the names
that could not be resolved, so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from marketfact.claims.extract.inputs import ExtractionError
from marketfact.claims.extract.sentences import Sentence
from marketfact.claims.listingspec import ListingSpec
from marketfact.claims.model import Claim
from marketfact.claims.readings import NonMarketNumber, Reading, Unresolved
from marketfact.files import atomic_write


class NoClaimsFoundError(ExtractionError):
    """The article holds no checkable market claim: a claim file would be empty."""


@dataclass(frozen=True)
class Extraction:
    """The result of reading one article."""

    language: str
    published_at: datetime
    sentences: list[Sentence]
    claims: list[Claim]
    readings: list[Reading]  # one per claim, same order
    not_market: list[NonMarketNumber]
    unresolved: list[Unresolved]
    warnings: list[str] = field(default_factory=list)
    listings: tuple[ListingSpec, ...] = ()  # a user alias file's listings the claims use (``claims.listingspec``)

    def reading_of(self, claim_id: str) -> Reading:
        """The reading of the claim with id ``claim_id``."""
        return next(r for r in self.readings if r.claim_id == claim_id)

    def to_claim_file_dict(
        self, title: str | None = None, url: str | None = None, publisher: str | None = None
    ) -> dict[str, Any]:
        """A claim file (plain data) that ``claims.load.parse_claims`` accepts.

        Raises ``NoClaimsFoundError`` when there is no claim: a claim file needs at least one.
        """
        if not self.claims:
            raise NoClaimsFoundError(
                f"no checkable market claim found ({len(self.not_market)} number(s) are not market claims, "
                f"{len(self.unresolved)} name(s) could not be resolved)"
            )
        article: dict[str, Any] = {"published_at": self.published_at.isoformat(), "language": self.language}
        for key, value in (("title", title), ("url", url), ("publisher", publisher)):
            if value:
                article[key] = value
        claims = []
        for claim in self.claims:
            data = claim.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            if claim.published_at == self.published_at:
                data.pop("published_at", None)  # inherited from the article block
            if claim.language == self.language:
                data.pop("language", None)
            claims.append(data)
        own = [spec.model_dump(mode="json", exclude_defaults=True) for spec in self.listings]
        return {"article": article, "claims": claims} | ({"instruments": own} if own else {})

    def report_lines(self) -> list[str]:
        """One line per number that is not a claim and per unresolved name (for comments and the CLI)."""
        lines = [
            f"not a market claim: {n.text!r} (sentence {n.sentence_index + 1}): {n.reason}" for n in self.not_market
        ]
        for u in self.unresolved:
            cands = "; ".join(f"{c.symbol} {c.name} ({c.source})" for c in u.candidates) or "none"
            lines.append(
                f"unresolved name: {u.name!r} (sentence {u.sentence_index + 1}): {u.reason}; candidates: {cands}"
            )
        lines += [f"warning: {w}" for w in self.warnings]
        return lines

    def uncertain_lines(self) -> list[str]:
        """One line per claim read with confidence under the threshold: what a person should confirm, and how."""
        from marketfact.claims.extract.calibration import CONFIRM_BELOW

        lines = [
            f"reading uncertain — confirm: {r.claim_id} (confidence {r.confidence:.2f}"
            + (f": {'; '.join(r.inferred)}" if r.inferred else "")
            + ")"
            for r in self.readings
            if r.confidence < CONFIRM_BELOW
        ]
        if lines:
            lines.append("Once a person has checked such a claim against the article, add `confirmed: true` to it.")
        return lines

    def to_yaml(self, title: str | None = None, url: str | None = None, origin: str = "the article") -> str:
        """The claim file as YAML, headed by comments listing what was not turned into claims."""
        body = yaml.safe_dump(self.to_claim_file_dict(title, url), sort_keys=False, allow_unicode=True, width=1000)
        head = [
            f"Claims extracted by marketfact from {origin} "
            f"({self.language}, published {self.published_at.isoformat()}).",
            f"{len(self.claims)} claim(s); {len(self.not_market)} number(s) not market claims; "
            f"{len(self.unresolved)} unresolved name(s). Review the notes before relying on a claim.",
            *self.uncertain_lines(),
            *self.report_lines(),
        ]
        return "".join(f"# {' '.join(line.split())}\n" for line in head) + body

    def write(self, path: Path | str, title: str | None = None, url: str | None = None, origin: str = "") -> Path:
        """Write the YAML claim file to ``path`` (through a temporary file, so a failure leaves no half file)."""
        path = Path(path)
        text = self.to_yaml(title, url, origin or "the article")
        atomic_write(path, text)
        return path
