"""Classes of reading fixed in session 4 of issue 14 (invented sentences, not the blind sets'): "with the Nasdaq
sliding 1.4% and the S&P 500 losing 0.9%" gives each number the name before it, "the day after its results on
February 4" is the session after that day, "Am Tag zuvor" is the session before, the subject of the clause
("hatte sie") outranks a name in an "als" clause, a back-reference ("nachdem die Aktie") skips a name in an
aside (", ein Zulieferer des Chipkonzerns TSMC,"), and market value that "löste sich in Luft auf" fell."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d


def read(text: str, published: str) -> list[tuple[str | None, str, str | None, float | None, tuple[date, ...] | None]]:
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    return [
        (c.instrument, c.metric.value, c.direction.value if c.direction else None, c.value, r.sessions)
        for c, r in zip(x.claims, x.readings, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # an absolute clause after "with": each number has the name before it
            "U.S. stocks fell on Friday, with the Nasdaq sliding 1.4% and the S&P 500 losing 0.9%.",
            "2025-02-08T08:00:00+00:00",
            [
                ("^IXIC", "close_change", "down", 1.4, d("2025-02-07")),
                ("^GSPC", "close_change", "down", 0.9, d("2025-02-07")),
            ],
        ),
        (
            "Asian shares rose on Thursday, with the Nikkei gaining 1.3% and Advantest jumping 3.1%.",
            "2025-02-14T08:00:00+00:00",
            [
                ("^N225", "close_change", "up", 1.3, d("2025-02-13")),
                ("6857.T", "close_change", "up", 3.1, d("2025-02-13")),
            ],
        ),
        (  # the day after an event's day
            "Alphabet fell 7.3% the day after its results on February 4.",
            "2025-02-08T08:00:00+00:00",
            [("GOOGL", "close_change", "down", 7.3, d("2025-02-05"))],
        ),
        (
            "Der Dax stieg am Donnerstag um 2,1 Prozent. Am Tag zuvor hatte er 0,5 Prozent gewonnen.",
            "2025-02-14T08:00:00+01:00",
            [
                ("^GDAXI", "close_change", "up", 2.1, d("2025-02-13")),
                ("^GDAXI", "close_change", "up", 0.5, d("2025-02-12")),
            ],
        ),
        (  # the clause's own subject, not the group in the "als" clause
            "Die Aktie von Alphabet fiel am Freitag um 3,3 Prozent. Am Tag zuvor, als die Börsen weltweit zulegten, "
            "hatte sie 0,1 Prozent gewonnen.",
            "2025-02-08T08:00:00+01:00",
            [
                ("GOOGL", "close_change", "down", 3.3, d("2025-02-07")),
                ("GOOGL", "close_change", "up", 0.1, d("2025-02-06")),
            ],
        ),
        (  # "die Aktie" after a name in an aside is the sentence's subject
            "Der Nikkei stieg am Donnerstag um 0,6 Prozent. Gefragt waren Chipwerte: Tokyo Electron, ein wichtiger "
            "Zulieferer des Chipkonzerns TSMC, verteuerte sich um 2,0 Prozent, nachdem die Aktie bereits am Mittwoch "
            "0,2 Prozent gewonnen hatte.",
            "2025-02-07T08:00:00+01:00",
            [
                ("^N225", "close_change", "up", 0.6, d("2025-02-06")),
                ("8035.T", "close_change", "up", 2.0, d("2025-02-06")),
                ("8035.T", "close_change", "up", 0.2, d("2025-02-05")),
            ],
        ),
        (
            "Alphabet fiel am Mittwoch um 7,3 Prozent. Rund 185 Milliarden Dollar an Börsenwert lösten sich damit in "
            "Luft auf.",
            "2025-02-06T08:00:00+01:00",
            [
                ("GOOGL", "close_change", "down", 7.3, d("2025-02-05")),
                ("GOOGL", "market_cap_change", "down", 185.0, d("2025-02-05")),
            ],
        ),
    ],
)
def test_session4_classes(text: str, published: str, want: list) -> None:
    assert read(text, published) == want
