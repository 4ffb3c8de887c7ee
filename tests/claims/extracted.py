"""What the session tests of issue 14 read from an invented sentence: dates written short, and each claim's
instrument, value and sessions as the extractor resolved them."""

from __future__ import annotations

from datetime import date, datetime

from marketfact.claims.extract import extract_claims


def d(*days: str) -> tuple[date, ...]:
    """ "2025-01-27", … as dates."""
    return tuple(date.fromisoformat(x) for x in days)


def read(text: str, published: str) -> list[tuple[str | None, float | None, tuple[date, ...] | None]]:
    """Each claim of ``text`` (German when it says "Prozent") as (instrument, value, sessions)."""
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    return [(c.instrument, c.value, r.sessions) for c, r in zip(x.claims, x.readings, strict=True)]
