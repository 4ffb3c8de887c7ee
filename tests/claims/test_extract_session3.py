"""Classes of reading fixed in session 3 of issue 14 (invented sentences, not the blind sets'): a company named in
a relative clause after "The conglomerate," is not the subject, a look-back day ("after losing 6.2% on Thursday",
"adding to Tuesday's gain", the pluperfect) does not become the day later sentences inherit, "the following day" /
"am Folgetag" is the session after the day told before, "a day earlier, when …" the session before, and "that
Monday" the Monday the article named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from marketfact.claims.extract import extract_claims
from tests.claims.extracted import d


def read(text: str, published: str) -> list[tuple[str | None, str | None, float | None, tuple[date, ...] | None]]:
    lang = "de" if "Prozent" in text else "en"
    x = extract_claims(text, datetime.fromisoformat(published), lang)
    return [
        (c.instrument, c.direction.value if c.direction else None, c.value, r.sessions)
        for c, r in zip(x.claims, x.readings, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        (  # a relative clause's names are not the subject of "The utility, which …,"
            "Vistra fell 1% on Friday. The utility, which sells power to Microsoft and Alphabet, had dropped 4% "
            "on Thursday.",
            "2025-02-01T08:00:00+00:00",
            [("VST", "down", 1.0, d("2025-01-31")), ("VST", "down", 4.0, d("2025-01-30"))],
        ),
        (
            "Siemens Energy legte am Freitag 2 Prozent zu. Der Konzern, dessen Turbinen auch Nvidia-Rechenzentren "
            "versorgen, hatte am Donnerstag 4 Prozent gewonnen.",
            "2025-02-01T08:00:00+01:00",
            [("ENR.DE", "up", 2.0, d("2025-01-31")), ("ENR.DE", "up", 4.0, d("2025-01-30"))],
        ),
        (  # a look-back day is not inherited by the next sentence
            "Nvidia rose 3.1% on Thursday.\n\nOracle closed higher after losing 2.8% on Wednesday. Broadcom "
            "slipped 0.3%.",
            "2025-02-07T08:00:00+00:00",
            [
                ("NVDA", "up", 3.1, d("2025-02-06")),
                ("ORCL", "down", 2.8, d("2025-02-05")),
                ("AVGO", "down", 0.3, d("2025-02-06")),
            ],
        ),
        (
            "Nvidia rose 3.1% on Thursday.\n\nOracle gained 0.4%, adding to Wednesday's 2.2% advance. Broadcom "
            "slipped 0.3%.",
            "2025-02-07T08:00:00+00:00",
            [
                ("NVDA", "up", 3.1, d("2025-02-06")),
                ("ORCL", "up", 0.4, d("2025-02-06")),
                ("ORCL", "up", 2.2, d("2025-02-05")),
                ("AVGO", "down", 0.3, d("2025-02-06")),
            ],
        ),
        (  # the following day, chained
            "Der Dax fiel am 3. Februar um 1,4 Prozent. Am Tag darauf gewann er 0,4 Prozent, am nächsten Tag "
            "kamen weitere 0,4 Prozent hinzu.",
            "2025-02-08T08:00:00+01:00",
            [
                ("^GDAXI", "down", 1.4, d("2025-02-03")),
                ("^GDAXI", "up", 0.4, d("2025-02-04")),
                ("^GDAXI", "up", 0.4, d("2025-02-05")),
            ],
        ),
        (
            "Broadcom sank 17.4% on Monday before recovering 2.6% the next day.",
            "2025-02-01T08:00:00+00:00",
            [("AVGO", "down", 17.4, d("2025-01-27")), ("AVGO", "up", 2.6, d("2025-01-28"))],
        ),
        (  # "a day earlier, when …" is the session before the day of the sentence
            "Oracle rose 2.2% on Wednesday, reversing a loss a day earlier, when it fell 0.4%.",
            "2025-02-07T08:00:00+00:00",
            [("ORCL", "up", 2.2, d("2025-02-05")), ("ORCL", "down", 0.4, d("2025-02-04"))],
        ),
        (  # "that Monday" is the Monday named before
            "On Jan 27 Broadcom sank 17.4%. The stock has recovered, but the 17.4% it lost that Monday still "
            "hurts: it fell 1.2% on Friday.",
            "2025-02-15T08:00:00+00:00",
            [
                ("AVGO", "down", 17.4, d("2025-01-27")),
                ("AVGO", "down", 17.4, d("2025-01-27")),
                ("AVGO", "down", 1.2, d("2025-02-14")),
            ],
        ),
        (  # "was off" is a fall; an adjective ending in "-werte" is no group
            "Broadcom was off 1.2% on Friday.",
            "2025-02-15T08:00:00+00:00",
            [("AVGO", "down", 1.2, d("2025-02-14"))],
        ),
        (
            "Seit Montag hat das Papier von Oracle eine bemerkenswerte Erholung hingelegt: Am Mittwoch ging es um "
            "2,2 Prozent nach oben.",
            "2025-02-07T08:00:00+01:00",
            [("ORCL", "up", 2.2, d("2025-02-05"))],
        ),
        (  # market value lost with no company in reach: the company of the latest claim, not the index
            "Oracle fiel am Montag um 13,8 Prozent. Der Dax gab 0,5 Prozent nach.\n\nEin Rückblick. Die Stimmung "
            "war schlecht. Viele Anleger verkauften. Damals, am 27. Januar, waren rund 60 Milliarden Dollar an "
            "Börsenwert verschwunden.",
            "2025-02-01T08:00:00+01:00",
            [
                ("ORCL", "down", 13.8, d("2025-01-27")),
                ("^GDAXI", "down", 0.5, d("2025-01-27")),
                ("ORCL", "down", 60.0, d("2025-01-27")),
            ],
        ),
    ],
)
def test_session3_classes(text: str, published: str, want: list) -> None:
    assert read(text, published) == want
