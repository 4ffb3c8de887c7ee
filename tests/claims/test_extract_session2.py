"""Classes of reading fixed in session 2 of issue 14 (invented sentences, not the blind sets'): a count after
"since" runs forward, "gave up" is a fall, a day named after an earlier clause's own day goes to the next
number, week phrases, "an Börsenwert verschwunden", a noun move ("Its 20% collapse"), live-ticker entries."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d


def read(text: str, published: str) -> list[tuple[str | None, str | None, float | None, tuple[date, ...] | None]]:
    lang = "de" if "Prozent" in text or "Milliarden" in text else "en"
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    return [
        (c.instrument, c.direction.value if c.direction else None, c.value, r.sessions)
        for c, r in zip(x.claims, x.readings, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # a count after "since" runs on from the day named
            "Oracle lost 13.8% on Monday. It has since risen for two straight sessions, adding 5% in total.",
            "2025-01-30T08:00:00+00:00",
            [("ORCL", "down", 13.8, d("2025-01-27")), ("ORCL", "up", 5.0, d("2025-01-28", "2025-01-29"))],
        ),
        (
            "Die Aktie von Oracle verlor am Montag 13,8 Prozent. Seither hat sie zwei Handelstage in Folge "
            "zugelegt, insgesamt um 5 Prozent.",
            "2025-01-30T08:00:00+01:00",
            [("ORCL", "down", 13.8, d("2025-01-27")), ("ORCL", "up", 5.0, d("2025-01-28", "2025-01-29"))],
        ),
        (  # "gave up" is a fall
            "Oracle gave up 1.2% on Wednesday.",
            "2025-01-30T08:00:00+00:00",
            [("ORCL", "down", 1.2, d("2025-01-29"))],
        ),
        (  # a participle continuation takes the day of its own clause
            "Oracle fell 1.5% on Friday and extended the slide on Monday, dropping another 13.8%.",
            "2025-01-28T08:00:00+00:00",
            [("ORCL", "down", 1.5, d("2025-01-24")), ("ORCL", "down", 13.8, d("2025-01-27"))],
        ),
        (
            "Oracle gab am Freitag 1,5 Prozent ab und setzte den Abwärtstrend am Montag fort, mit einem weiteren "
            "Minus von 13,8 Prozent.",
            "2025-01-28T08:00:00+01:00",
            [("ORCL", "down", 1.5, d("2025-01-24")), ("ORCL", "down", 13.8, d("2025-01-27"))],
        ),
        (  # week phrases
            "Auf Wochensicht verlor der Dax 0,5 Prozent. An den ersten beiden Handelstagen der Woche hatte er "
            "zusammen 1 Prozent gewonnen.",
            "2025-01-25T10:00:00+01:00",
            [("^GDAXI", "down", 0.5, d("2025-01-20", "2025-01-24")),
             ("^GDAXI", "up", 1.0, d("2025-01-20", "2025-01-21"))],
        ),
        (
            "For the week, Oracle gained 15%.",
            "2025-01-25T10:00:00+00:00",
            [("ORCL", "up", 15.0, d("2025-01-21", "2025-01-24"))],
        ),
        (  # market value that "disappeared"; a noun move after a possessive pronoun
            "Bei Oracle waren am Montag rund 60 Milliarden Dollar an Börsenwert verschwunden.",
            "2025-01-28T08:00:00+01:00",
            [("ORCL", "down", 60.0, d("2025-01-27"))],
        ),
        (
            "Oracle is the comeback story. Its 13.8% collapse on Monday looks overdone.",
            "2025-01-28T08:00:00+00:00",
            [("ORCL", "down", 13.8, d("2025-01-27"))],
        ),
        (  # a question that names a day sets the day of the figures after it in its paragraph
            "Remember Monday? Oracle lost 13.8% in a single session, and investors panicked.",
            "2025-01-31T09:00:00+00:00",
            [("ORCL", "down", 13.8, d("2025-01-27"))],
        ),
        (
            "Erinnern Sie sich an den Montag? Oracle verlor 13,8 Prozent an einem einzigen Tag.",
            "2025-01-31T09:00:00+01:00",
            [("ORCL", "down", 13.8, d("2025-01-27"))],
        ),
        (  # a live ticker: an entry without a day is the day the ticker is published, not an earlier entry's
            "21:00 Uhr – Oracle legt zum Handelsschluss 3,6 Prozent zu, nachdem die Aktie am Montag 13,8 Prozent "
            "verloren hatte.\n\n17:35 Uhr – In Frankfurt schließt der Dax 0,7 Prozent fester.",
            "2025-01-28T22:30:00+01:00",
            [("ORCL", "up", 3.6, d("2025-01-28")), ("ORCL", "down", 13.8, d("2025-01-27")),
             ("^GDAXI", "up", 0.7, d("2025-01-28"))],
        ),
    ],
)  # fmt: skip
def test_reading(text: str, published: str, want: list[tuple[str, str, float, tuple[date, ...]]]) -> None:
    assert read(text, published) == want
