"""Sentence-level readings: direction, hedge, period, metric, references back, and numbers that are no claims.

Each row is a sentence (or two) not taken from the test articles; the expected reading is what a careful
reader takes from it. Published Wednesday 29 January 2025, 07:00 CET (before Europe opens, after Tokyo's
Wednesday open, before New York's).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from marketfact.claims.extract import extract_claims
from marketfact.claims.extract.sentences import mask_markdown, split_sentences

PUB = datetime(2025, 1, 29, 7, 0, tzinfo=timezone(timedelta(hours=1)))
MON, TUE = date(2025, 1, 27), date(2025, 1, 28)


def one(text: str, lang: str):  # type: ignore[no-untyped-def]
    x = extract_claims(text, PUB, lang)
    assert len(x.claims) == 1, ([c.text for c in x.claims], x.not_market, x.unresolved)
    c, r = x.claims[0], x.readings[0]
    return (c.instrument, c.metric.value, c.direction.value, c.value if c.range is None else c.range, c.hedge,
            list(r.sessions) if r.sessions else None)  # fmt: skip


def sessions(x):  # type: ignore[no-untyped-def]
    """What each claim's period means on its exchange, as the extractor resolved it."""
    return [list(r.sessions) if r.sessions else None for r in x.readings]


CLAIMS = [
    # German: separable verbs, hedges, word numbers, ranges, decimal commas, inverted order
    ("Die Nvidia-Aktie sackte am Montag um knapp 17 Prozent ab.", "de",
     ("NVDA", "close_change", "down", 17.0, "knapp", [MON])),
    ("Um 17 Prozent brach am Montag die Aktie von Nvidia ein.", "de",
     ("NVDA", "close_change", "down", 17.0, None, [MON])),
    ("Broadcom legte am Dienstag rund zwanzig Prozent zu.", "de",
     ("AVGO", "close_change", "up", 20.0, "rund", [TUE])),
    ("Oracle verbilligte sich am Montag um 13,8 Prozent.", "de", ("ORCL", "close_change", "down", 13.8, None, [MON])),
    ("Am Dienstag ging es für Nvidia um fünf bis sechs Prozent nach oben.", "de",
     ("NVDA", "close_change", "up", (5.0, 6.0), None, [TUE])),
    ("Microsoft-Papiere gaben am Montag mehr als 2 Prozent ab.", "de",
     ("MSFT", "close_change", "down", 2.0, "mehr als", [MON])),
    ("Der Dax schloss am Dienstag 0,7 Prozent fester.", "de", ("^GDAXI", "close_change", "up", 0.7, None, [TUE])),
    ("Siemens Energy stürzte zwischenzeitlich um bis zu 21 Prozent ab.", "de",
     ("ENR.DE", "intraday_extreme", "down", 21.0, "zwischenzeitlich bis zu", None)),
    ("Nvidia verlor am Montag in der Spitze gut 18 Prozent.", "de",
     ("NVDA", "intraday_extreme", "down", 18.0, "in der spitze gut", [MON])),
    ("Der Börsenwert von Nvidia schrumpfte am Montag um 589 Mrd. Dollar.", "de",
     ("NVDA", "market_cap_change", "down", 589.0, None, [MON])),
    ("Nvidia hat an zwei aufeinanderfolgenden Handelstagen etwa 9 Prozent verloren.", "de",
     ("NVDA", "close_change", "down", 9.0, "etwa", [MON, TUE])),
    ("Vistra rutschte gestern um ca. 28 Prozent ab.", "de", ("VST", "close_change", "down", 28.0, "ca.", [TUE])),
    ("Advantest: minus 11,1 Prozent am Dienstag.", "de", ("6857.T", "close_change", "down", 11.1, None, [TUE])),
    # English: adverbs, participles, sign, "as much as", multi-day, money scales
    ("Broadcom closed down 17.4% on Monday.", "en", ("AVGO", "close_change", "down", 17.4, None, [MON])),
    ("Shares of Oracle ended Tuesday 3.6% higher.", "en", ("ORCL", "close_change", "up", 3.6, None, [TUE])),
    ("Nvidia's market cap shrank by $589bn on Monday.", "en",
     ("NVDA", "market_cap_change", "down", 589.0, None, [MON])),
    ("Constellation Energy stock fell as much as 22% on Monday.", "en",
     ("CEG", "intraday_extreme", "down", 22.0, "as much as", [MON])),
    ("TSMC shares slid just under 14 percent yesterday.", "en",
     ("TSM", "close_change", "down", 14.0, "just under", [TUE])),
    ("Over the past two sessions, Advantest has lost roughly 19%.", "en",
     ("6857.T", "close_change", "down", 19.0, "roughly", [MON, TUE])),
    ("Microsoft rose between 2 and 3 percent on Tuesday.", "en",
     ("MSFT", "close_change", "up", (2.0, 3.0), None, [TUE])),
    ("The S&P 500 was up 0.9% on Tuesday.", "en", ("^GSPC", "close_change", "up", 0.9, None, [TUE])),
    ("Nvidia: -17% on Monday.", "en", ("NVDA", "close_change", "down", 17.0, None, [MON])),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "expected"), CLAIMS, ids=[c[0][:40] for c in CLAIMS])
def test_one_claim_per_sentence(text: str, lang: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert one(text, lang) == expected


NOT_CLAIMS = [
    ("OpenAI, SoftBank und Oracle wollen 500 Milliarden Dollar in Rechenzentren investieren.", "de", "not_market"),
    ("Nvidias Umsatz stieg im Quartal um 94 Prozent.", "de", "not_market"),
    ("Nvidia kontrolliert rund 80 Prozent des Marktes.", "de", "no_direction"),
    ("Chipwerte verloren am Montag bis zu 20 Prozent.", "de", "group"),
    ("Die Rendite stieg um 0,2 Prozentpunkte.", "de", "unsupported_unit"),
    ("Die Aktie schloss am Montag bei 118,42 Dollar.", "de", "no_subject"),  # a level: a claim when named (#17)
    ("DeepSeek's model has 671 billion parameters and cost less than $6 million to train.", "en", "not_market"),
    ("Microsoft's Azure revenue grew 31% in the quarter.", "en", "not_market"),
    # inflation after a company named: not its move (session 9)
    ("Bei Oracle verlief der Tag ruhig. Die Erzeugerpreise in den USA stiegen um 3,5 Prozent.", "de", "not_market"),
    ("Oracle had a quiet day. U.S. producer prices rose 3.5% in the year to January.", "en", "not_market"),
    ("The company employs more than 29,000 people.", "en", "not_market"),
    ("DeepSeek's app downloads jumped 300% in a week.", "en", "not_market"),
    ("Tech stocks fell 3% on Monday.", "en", "group"),
    ("Nvidia (NVDA) fell 17pc on Monday.", "en", "unknown_unit"),  # "pc" is no unit claims/numbers.py knows
]


@pytest.mark.parametrize(("text", "lang", "kind"), NOT_CLAIMS, ids=[c[0][:40] for c in NOT_CLAIMS])
def test_numbers_that_are_not_claims_are_listed_with_a_reason(text: str, lang: str, kind: str) -> None:
    x = extract_claims(text, PUB, lang)
    assert x.claims == []
    assert x.not_market, "a number must never vanish"
    assert kind in {n.kind for n in x.not_market}
    assert all(n.reason and n.sentence for n in x.not_market)


def test_dates_times_years_and_product_names_are_not_numbers() -> None:
    x = extract_claims(
        "Am 27. Januar 2025 um 15:30 Uhr stellte DeepSeek-R1 die GPT-4-Modelle in Frage; der Nikkei 225 und der "
        "S&P 500 reagierten.", PUB, "de")  # fmt: skip
    assert x.claims == []
    assert x.not_market == []


def test_a_reference_back_resolves_to_the_company_named_before_with_a_note() -> None:
    x = extract_claims(
        "Nvidia stand im Zentrum des Ausverkaufs. Der Aktienwert sank am Montag um 17 Prozent.", PUB, "de"
    )
    assert [c.instrument for c in x.claims] == ["NVDA"]
    assert any("'Der Aktienwert' read as Nvidia" in n and "sentence 1" in n for n in x.claims[0].notes)
    x = extract_claims("Broadcom was hit hard. The stock fell 17.4% on Monday, while the index lost 3%.", PUB, "en")
    assert [c.instrument for c in x.claims] == ["AVGO"]  # "the index": no index was named before
    assert [n.kind for n in x.not_market] == ["no_subject"]


def test_an_index_reference_goes_to_the_last_index() -> None:
    x = extract_claims("Nvidia fell 17% and the Nasdaq Composite slid 3.1% on Monday. The index recovered 2% on "
                       "Tuesday.", PUB, "en")  # fmt: skip
    assert [(c.instrument, c.direction.value, s) for c, s in zip(x.claims, sessions(x), strict=True)] == [
        ("NVDA", "down", [MON]), ("^IXIC", "down", [MON]), ("^IXIC", "up", [TUE])
    ]  # fmt: skip


def test_respectively_pairs_names_and_numbers_in_order() -> None:
    x = extract_claims("Advantest und Tokyo Electron fielen am Montag um 8,6 bzw. 4,9 Prozent.", PUB, "de")
    assert [(c.instrument, c.value) for c in x.claims] == [("6857.T", 8.6), ("8035.T", 4.9)]
    x = extract_claims("Vistra and Constellation Energy each dropped more than 20% on Monday.", PUB, "en")
    assert [(c.instrument, c.value, c.hedge) for c in x.claims] == [
        ("VST", 20.0, "more than"),
        ("CEG", 20.0, "more than"),
    ]


def test_the_previous_session_is_one_session_before_the_named_day() -> None:
    x = extract_claims("Schneider Electric erholte sich am Mittwoch um 4,7 Prozent, nachdem die Aktie am Vortag "
                       "7,5 Prozent verloren hatte.", PUB + timedelta(days=1), "de")  # fmt: skip
    assert [(c.direction.value, c.value, s) for c, s in zip(x.claims, sessions(x), strict=True)] == [
        ("up", 4.7, [date(2025, 1, 29)]), ("down", 7.5, [TUE])
    ]  # fmt: skip
    # Words cannot say "the session before Wednesday": that claim carries its date, the other its period.
    assert [(c.period, c.sessions) for c in x.claims] == [("am Mittwoch", None), (None, [TUE])]


def test_a_place_picks_the_home_listing() -> None:
    x = extract_claims("TSMC fiel in Taipeh am Montag um 5 Prozent.", PUB, "de")
    assert [c.instrument for c in x.claims] == ["2330.TW"]


def test_a_non_session_day_is_noted_not_guessed() -> None:
    # 20 January 2025 (Martin Luther King Jr. Day): no NYSE session.
    x = extract_claims("Oracle rose 7% on January 20.", PUB, "en")
    (claim,) = x.claims
    assert x.readings[0].sessions is None
    assert claim.period == "on January 20"
    assert any("no trading session on 2025-01-20" in n for n in claim.notes)


def test_markdown_is_blanked_without_moving_offsets() -> None:
    text = "# Title\n\n**Nvidia** fell [17%](https://example.org/a?x=5) on *Monday*.\n\n- Broadcom: -17.4%\n"
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert "https" not in masked
    assert "**" not in masked
    assert "5" not in masked.split("Monday")[1]
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Title", "Nvidia fell 17% on Monday .", "Broadcom: -17.4%"]
    for s in sentences:
        assert " ".join(mask_markdown(text)[s.start : s.end].split()) == s.text


def test_sentences_split_at_full_stops_but_not_at_abbreviations_or_dates() -> None:
    text = ("Nvidia verlor am 27. Januar rund 589 Mrd. Dollar an Wert, d.h. ca. 17 Prozent. Die U.S. Aktie "
            "erholte sich. Nvidia Corp. The stock rose.")  # fmt: skip
    assert [s.text for s in split_sentences(text)] == [
        "Nvidia verlor am 27. Januar rund 589 Mrd. Dollar an Wert, d.h. ca. 17 Prozent.",
        "Die U.S. Aktie erholte sich.",
        "Nvidia Corp.",
        "The stock rose.",
    ]
