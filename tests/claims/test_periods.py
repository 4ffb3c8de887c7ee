"""Period words → exchange sessions (claims/periods.py), against the real exchange calendars.

Expected dates are written out by hand from the 2025 calendars (20 Jan: MLK Day, NYSE/Nasdaq closed;
13 Jan: Coming of Age Day, Tokyo closed; 24–26 and 31 Dec: Xetra closed), not computed by the code under
test.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketfact.claims.periods import (
    NoSessionError,
    PeriodError,
    UnknownPeriodError,
    candidate_sessions,
    resolve_period,
    vocabulary,
)

CET = ZoneInfo("Europe/Berlin")
TZ = {"XNYS": "America/New_York", "XNAS": "America/New_York", "XETR": "Europe/Berlin", "XTKS": "Asia/Tokyo",
      "XPAR": "Europe/Paris"}  # fmt: skip

# The DeepSeek report: Wednesday 29 January 2025, 07:00 in Frankfurt (01:00 New York, 15:00 Tokyo — the
# Tokyo session of the 29th is still trading, it closes at 15:30).
PUB = datetime(2025, 1, 29, 7, 0, tzinfo=CET)
MON, TUE, WED = date(2025, 1, 27), date(2025, 1, 28), date(2025, 1, 29)
LAST_WEEK = (date(2025, 1, 20), date(2025, 1, 24), 5)
TWO_DAYS = (MON, TUE, 2)
YTD_XETR = (date(2025, 1, 2), TUE, 19)
DEC_2024_XETR = (date(2024, 12, 2), date(2024, 12, 30), 18)

WORD_ROWS = [
    # lang, words, expected (first, last, n_sessions) on Xetra for PUB
    ("de", "Montag", (MON, MON, 1)),
    ("de", "am Montag", (MON, MON, 1)),
    ("de", "an diesem Montag", (MON, MON, 1)),
    ("de", "am Dienstag", (TUE, TUE, 1)),
    ("de", "Donnerstag", (date(2025, 1, 23),) * 2 + (1,)),
    ("de", "am vergangenen Freitag", (date(2025, 1, 24),) * 2 + (1,)),
    ("de", "vergangenen Mittwoch", (date(2025, 1, 22),) * 2 + (1,)),  # "vergangen": strictly before
    ("de", "letzten Montag", (MON, MON, 1)),
    ("de", "letzter Montag", (MON, MON, 1)),
    ("de", "vergangener Freitag", (date(2025, 1, 24),) * 2 + (1,)),
    ("de", "Montag — Dienstag", TWO_DAYS),
    ("de", "Montag-Dienstag", TWO_DAYS),
    ("de", "die vergangenen zwei Tage", TWO_DAYS),
    ("de", "gestern", (TUE, TUE, 1)),
    ("de", "vorgestern", (MON, MON, 1)),
    ("de", "vergangene Woche", LAST_WEEK),
    ("de", "in der vergangenen Woche", LAST_WEEK),
    ("de", "letzte Woche", LAST_WEEK),
    ("de", "in der letzten Woche", LAST_WEEK),
    ("de", "vorige Woche", LAST_WEEK),
    ("de", "in der vorigen Woche", LAST_WEEK),
    ("de", "in der Vorwoche", LAST_WEEK),
    ("de", "diese Woche", TWO_DAYS),
    ("de", "in dieser Woche", TWO_DAYS),
    ("de", "in der laufenden Woche", TWO_DAYS),
    ("de", "auf Wochensicht", TWO_DAYS),  # the week so far: its sessions that had closed
    ("de", "Wochensicht", TWO_DAYS),
    ("de", "in der Woche", TWO_DAYS),
    ("de", "die Woche", TWO_DAYS),
    ("de", "im Wochenverlauf", TWO_DAYS),
    ("de", "auf Wochenbasis", TWO_DAYS),
    ("de", "an den ersten beiden Handelstagen der Woche", TWO_DAYS),
    ("de", "an den ersten zwei Handelstagen dieser Woche", TWO_DAYS),
    ("de", "zum Wochenauftakt", (MON, MON, 1)),
    ("de", "zum Wochenstart", (MON, MON, 1)),
    ("de", "über die gesamte Woche", TWO_DAYS),  # an adjective before "Woche" changes nothing
    ("de", "die turbulente Woche", TWO_DAYS),
    ("de", "in die neue Woche", (MON, MON, 1)),  # "ist mit Verlusten in die neue Woche gestartet"
    ("de", "in die Woche", (MON, MON, 1)),
    ("de", "zum Wochenausklang", (TUE, TUE, 1)),  # the week's last session that had closed
    ("de", "zum Wochenschluss", (TUE, TUE, 1)),
    ("de", "zu Wochenbeginn", (MON, MON, 1)),
    ("de", "am Wochenanfang", (MON, MON, 1)),
    ("de", "an zwei aufeinanderfolgenden Tagen", TWO_DAYS),
    ("de", "über zwei Tage", TWO_DAYS),
    ("de", "binnen zwei Tagen", TWO_DAYS),
    ("de", "innerhalb von zwei Tagen", TWO_DAYS),
    ("de", "innerhalb zweier Tage", TWO_DAYS),
    ("de", "in zwei Tagen", TWO_DAYS),
    ("de", "zwei Tage in Folge", TWO_DAYS),
    ("de", "zwei Handelstage hintereinander", TWO_DAYS),
    ("de", "an zwei Börsentagen", TWO_DAYS),
    ("de", "in den letzten zwei Handelssitzungen", TWO_DAYS),
    ("de", "an 2 folgenden Tagen", TWO_DAYS),
    ("de", "während zwei Handelstagen", TWO_DAYS),
    ("de", "zweitägigen", TWO_DAYS),
    ("de", "an den vergangenen drei Handelstagen", (date(2025, 1, 24), TUE, 3)),
    ("de", "seit Montag", TWO_DAYS),
    ("de", "seit Wochenbeginn", TWO_DAYS),  # the week so far
    ("de", "seit Wochenanfang", TWO_DAYS),
    ("de", "am Montag und Dienstag", TWO_DAYS),
    ("de", "Montag bis Dienstag", TWO_DAYS),
    ("de", "am Montag sowie am Dienstag", TWO_DAYS),
    ("de", "an zwei aufeinanderfolgenden Tagen, Montag und Dienstag", TWO_DAYS),
    ("de", "zwei Tage bis Dienstag", TWO_DAYS),
    ("de", "seit Jahresbeginn", YTD_XETR),
    ("de", "seit Jahresanfang", YTD_XETR),
    ("de", "seit Beginn des Jahres", YTD_XETR),
    ("de", "seit Anfang des Jahres", YTD_XETR),
    ("de", "seit dem Jahreswechsel", YTD_XETR),
    ("de", "seit Jahreswechsel", YTD_XETR),
    ("de", "im bisherigen Jahresverlauf", YTD_XETR),
    ("de", "in diesem Jahr", YTD_XETR),
    ("de", "dieses Jahr", YTD_XETR),
    ("de", "im vergangenen Monat", DEC_2024_XETR),
    ("de", "im letzten Monat", DEC_2024_XETR),
    ("de", "im Vormonat", DEC_2024_XETR),
    ("de", "in diesem Monat", YTD_XETR),
    ("de", "diesen Monat", YTD_XETR),
    ("de", "im laufenden Monat", YTD_XETR),
    ("de", "im Dezember", DEC_2024_XETR),
    ("de", "27. Januar", (MON, MON, 1)),
    ("de", "am 27. Januar 2025", (MON, MON, 1)),
    ("de", "am 27. Jan.", (MON, MON, 1)),
    ("de", "27. Jänner", (MON, MON, 1)),
    ("de", "27.01.2025", (MON, MON, 1)),
    ("de", "am 27.1.", (MON, MON, 1)),
    ("de", "2025-01-27", (MON, MON, 1)),
    ("de", "Montag, 27. Januar", (MON, MON, 1)),
    ("de", "vom 27. bis 28. Januar", TWO_DAYS),
    ("de", "der Woche bis Dienstag", TWO_DAYS),  # a week named by its last day (#14)
    ("de", "der Woche bis zum Dienstag", TWO_DAYS),
    ("en", "the week to Tuesday", TWO_DAYS),
    ("en", "the week through Tuesday", TWO_DAYS),
    ("de", "27.–28. Januar", TWO_DAYS),
    ("en", "Monday", (MON, MON, 1)),
    ("en", "on Monday", (MON, MON, 1)),
    ("en", "this Monday", (MON, MON, 1)),
    ("en", "on Tuesday", (TUE, TUE, 1)),
    ("en", "Thurs.", (date(2025, 1, 23),) * 2 + (1,)),
    ("en", "last Friday", (date(2025, 1, 24),) * 2 + (1,)),
    ("en", "last Wednesday", (date(2025, 1, 22),) * 2 + (1,)),
    ("en", "previous Monday", (MON, MON, 1)),
    ("en", "yesterday", (TUE, TUE, 1)),
    ("en", "the day before yesterday", (MON, MON, 1)),
    ("en", "overnight", (TUE, TUE, 1)),  # New York's session that had closed last (07:00 CET is 01:00 there)
    ("en", "last week", LAST_WEEK),
    ("en", "the previous week", LAST_WEEK),
    ("en", "last week's", LAST_WEEK),  # "Last week's scoreboard:"
    ("en", "the previous week's", LAST_WEEK),
    ("en", "this week's", TWO_DAYS),
    ("en", "weekly", TWO_DAYS),  # "bringing its weekly gain to 6.9%"
    ("en", "this week", TWO_DAYS),
    ("en", "for the week", TWO_DAYS),
    ("en", "on the week", TWO_DAYS),
    ("en", "over the week", TWO_DAYS),
    ("en", "the week", TWO_DAYS),
    ("en", "the week's", TWO_DAYS),
    ("en", "that week", TWO_DAYS),  # alone; after a day the sentence named, that day's week (claims.extract)
    ("en", "week to date", TWO_DAYS),
    ("en", "week-to-date", TWO_DAYS),
    ("en", "the first two sessions of the week", TWO_DAYS),
    ("en", "in the first two trading days of this week", TWO_DAYS),
    ("en", "at the start of the week", (MON, MON, 1)),
    ("en", "at the beginning of the week", (MON, MON, 1)),
    ("en", "to start the week", (MON, MON, 1)),
    ("en", "over the whole week", TWO_DAYS),  # an adjective before "week" changes nothing
    ("en", "the entire week", TWO_DAYS),
    ("en", "to begin the week", (MON, MON, 1)),
    ("en", "to kick off the week", (MON, MON, 1)),
    ("en", "to end the week", (TUE, TUE, 1)),  # the week's last session that had closed
    ("en", "to close out the week", (TUE, TUE, 1)),
    ("en", "to finish the week", (TUE, TUE, 1)),
    ("en", "at the end of the week", (TUE, TUE, 1)),
    ("en", "over two days", TWO_DAYS),
    ("en", "in two days", TWO_DAYS),
    ("en", "within two days", TWO_DAYS),
    ("en", "during two sessions", TWO_DAYS),
    ("en", "across two trading days", TWO_DAYS),
    ("en", "over two consecutive days", TWO_DAYS),
    ("en", "two straight sessions", TWO_DAYS),
    ("en", "two successive trading sessions", TWO_DAYS),
    ("en", "for two days in a row", TWO_DAYS),
    ("en", "over the past two trading days", TWO_DAYS),
    ("en", "two-day", TWO_DAYS),
    ("en", "over 2 sessions", TWO_DAYS),
    ("en", "over the last three sessions", (date(2025, 1, 24), TUE, 3)),
    ("en", "since Monday", TWO_DAYS),
    ("en", "on Monday and Tuesday", TWO_DAYS),
    ("en", "from Monday to Tuesday", TWO_DAYS),
    ("en", "Monday through Tuesday", TWO_DAYS),
    ("en", "Monday until Tuesday", TWO_DAYS),
    ("en", "Monday–Tuesday", TWO_DAYS),
    ("en", "Mon - Tue", TWO_DAYS),
    ("en", "Monday — Tuesday", TWO_DAYS),
    ("en", "over two days, Monday and Tuesday", TWO_DAYS),
    ("en", "two sessions to Tuesday", TWO_DAYS),
    ("en", "year to date", YTD_XETR),
    ("en", "year-to-date", YTD_XETR),
    ("en", "YTD", YTD_XETR),
    ("en", "so far this year", YTD_XETR),
    ("en", "this year", YTD_XETR),
    ("en", "since the start of the year", YTD_XETR),
    ("en", "since the beginning of the year", YTD_XETR),
    ("en", "last month", DEC_2024_XETR),
    ("en", "the previous month", DEC_2024_XETR),
    ("en", "this month", YTD_XETR),
    ("en", "in December", DEC_2024_XETR),
    ("en", "27 January 2025", (MON, MON, 1)),
    ("en", "January 27", (MON, MON, 1)),
    ("en", "Jan. 27", (MON, MON, 1)),
    ("en", "Jan 27, 2025", (MON, MON, 1)),
    ("en", "27th January", (MON, MON, 1)),
    ("en", "the 27th of January", (MON, MON, 1)),
    ("en", "Monday, January 27", (MON, MON, 1)),
    ("en", "Jan. 27, the Monday", (MON, MON, 1)),  # a weekday in apposition restates the date (session 12, mix5)
    ("de", "27. Januar, dem Montag", (MON, MON, 1)),
    ("en", "2025-01-27", (MON, MON, 1)),
    ("en", "27.01.2025", (MON, MON, 1)),
]
AGO = {
    "year": (date(2024, 1, 30), TUE, 253),
    "month": (date(2024, 12, 30), TUE, 20),
    "week": (date(2025, 1, 23), TUE, 4),
}
"""A move "from a year ago", "than a month earlier", "from a week before": from the close that far back from the
writer's day (Wed 29 Jan: 29 Jan 2024, 29 Dec, 22 Jan) to the last closed session; German "als vor einem Jahr" too."""
WORD_ROWS += [
    ("en", f"{lead} a {unit} {tail}", AGO[unit])
    for unit in AGO
    for lead in ("from", "than")
    for tail in ("ago", "earlier", "before")
]
WORD_ROWS += [
    ("en", f"{lead} the {last} {span}", AGO[span])
    for lead in ("over", "in")
    for last in ("past", "last")
    for span in ("month", "year")
    if (lead, last) != ("in", "last")
]
WORD_ROWS += [("de", "als vor einem Jahr", AGO["year"]), ("de", "als vor einem Monat", AGO["month"])]
WORD_ROWS += [("de", "als vor einer Woche", AGO["week"])]


@pytest.mark.parametrize(("lang", "words", "expected"), WORD_ROWS)
def test_period_words_on_xetra(lang: str, words: str, expected: tuple[date, date, int]) -> None:
    got = resolve_period(words, PUB, "XETR", "Europe/Berlin", lang)
    assert (got.first, got.last, got.n_sessions) == expected
    assert got.closed_at_publication
    assert words.strip() in got.how


@pytest.mark.parametrize(
    ("lang", "words"),
    [("de", "an den ersten drei Handelstagen der Woche"), ("en", "the first three sessions of the week")],
)
def test_the_first_sessions_of_the_week_must_have_closed(lang: str, words: str) -> None:
    with pytest.raises(PeriodError, match="only 2 XETR session"):
        resolve_period(words, PUB, "XETR", "Europe/Berlin", lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("de", "heute"), ("en", "today"), ("en", "this morning"), ("en", "this afternoon"), ("de", "Mittwoch"),
     ("en", "Wed"), ("de", "Mo bis Mi")],
)  # fmt: skip
def test_today_is_resolved_but_marked_as_not_yet_closed(lang: str, words: str) -> None:
    got = resolve_period(words, PUB, "XETR", "Europe/Berlin", lang)
    assert got.last == WED
    assert not got.closed_at_publication
    assert "had not closed" in got.how


# Every weekday spelling Babel gives us (wide, abbreviated, stand-alone) plus the extra English ones.
WEEKDAY_SPELLINGS = {
    "de": [("montag", "mo.", "mo"), ("dienstag", "di.", "di"), ("mittwoch", "mi.", "mi"),
           ("donnerstag", "do.", "do"), ("freitag", "fr.", "fr"), ("samstag", "sa.", "sa"),
           ("sonntag", "so.", "so")],
    "en": [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
           ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")],
}  # fmt: skip
# Published Sunday 2 February 2025, noon in Frankfurt: each weekday word is the past week's day.
SUNDAY = datetime(2025, 2, 2, 12, 0, tzinfo=CET)


@pytest.mark.parametrize(
    ("lang", "weekday", "spelling"),
    [(lang, wd, s) for lang, rows in WEEKDAY_SPELLINGS.items() for wd, names in enumerate(rows) for s in names],
)
def test_every_weekday_spelling(lang: str, weekday: int, spelling: str) -> None:
    day = MON + timedelta(days=weekday)
    if weekday >= 5:  # Saturday, Sunday: no session, and the error says which sessions are nearest
        with pytest.raises(NoSessionError) as err:
            resolve_period(spelling.title(), SUNDAY, "XETR", "Europe/Berlin", lang)
        assert (err.value.day, err.value.before, err.value.after) == (day, date(2025, 1, 31), date(2025, 2, 3))
    else:
        got = resolve_period(spelling.title(), SUNDAY, "XETR", "Europe/Berlin", lang)
        assert (got.first, got.last) == (day, day)


MONTH_SPELLINGS = {
    "de": [("januar", "jan.", "jan", "jänner"), ("februar", "feb.", "feb", "feber"), ("märz", "mär", "mrz", "mrz."),
           ("april", "apr.", "apr"), ("mai",), ("juni", "jun"), ("juli", "jul"), ("august", "aug.", "aug"),
           ("september", "sept.", "sep"), ("oktober", "okt.", "okt"), ("november", "nov.", "nov"),
           ("dezember", "dez.", "dez")],
    "en": [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
           ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
           ("november", "nov"), ("december", "dec")],
}  # fmt: skip
# Xetra's first and last sessions of each month of 2025 (1 Jan, 18/21 Apr, 1 May, 24–26 and 31 Dec closed).
XETR_2025_MONTHS = [
    (date(2025, 1, 2), date(2025, 1, 31)), (date(2025, 2, 3), date(2025, 2, 28)),
    (date(2025, 3, 3), date(2025, 3, 31)), (date(2025, 4, 1), date(2025, 4, 30)),
    (date(2025, 5, 2), date(2025, 5, 30)), (date(2025, 6, 2), date(2025, 6, 30)),
    (date(2025, 7, 1), date(2025, 7, 31)), (date(2025, 8, 1), date(2025, 8, 29)),
    (date(2025, 9, 1), date(2025, 9, 30)), (date(2025, 10, 1), date(2025, 10, 31)),
    (date(2025, 11, 3), date(2025, 11, 28)), (date(2025, 12, 1), date(2025, 12, 30)),
]  # fmt: skip
NEW_YEARS_EVE = datetime(2025, 12, 31, 18, 0, tzinfo=CET)


@pytest.mark.parametrize(
    ("lang", "month", "spelling"),
    [(lang, m, s) for lang, rows in MONTH_SPELLINGS.items() for m, names in enumerate(rows) for s in names],
)
def test_every_month_spelling(lang: str, month: int, spelling: str) -> None:
    got = resolve_period(f"{'im' if lang == 'de' else 'in'} {spelling.title()}", NEW_YEARS_EVE, "XETR",
                         "Europe/Berlin", lang)  # fmt: skip
    assert (got.first, got.last) == XETR_2025_MONTHS[month]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_known_phrase_has_a_row(lang: str) -> None:
    """A phrase added to the vocabulary needs a test row here (weekdays and months are covered above)."""
    rows = " | ".join(w.casefold() for lg, w, _ in WORD_ROWS if lg == lang)
    rows += " | heute | today | this morning | this afternoon"  # test_today_is_resolved_but_marked_as_not_yet_closed
    untested = [
        phrase
        for phrase, kind in vocabulary(lang).items()
        if kind not in ("weekday", "month name")
        and not (re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", rows) if phrase[0].isalpha() else phrase in rows)
    ]
    assert untested == []


# ---- time zones: Tokyo closes before Frankfurt opens; New York opens hours later -----------------------

MONDAY_MORNING = datetime(2025, 1, 27, 9, 0, tzinfo=CET)  # 17:00 Tokyo (closed), 03:00 New York (not open)
TUESDAY_1AM = datetime(2025, 1, 28, 1, 0, tzinfo=CET)  # still Monday 19:00 in New York
TOKYO_MORNING = datetime(2025, 1, 28, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))  # Monday 18:00 in New York
NEW_YORK_EVENING = datetime(2025, 1, 27, 20, 0, tzinfo=ZoneInfo("America/New_York"))  # Tuesday 10:00 Tokyo

TZ_ROWS = [
    # published, calendar, lang, words, first, last, closed_at_publication
    # Tokyo's Monday session closed at 15:30 JST (07:30 CET): "heute"/"Montag" is that session, complete.
    (MONDAY_MORNING, "XTKS", "de", "heute", MON, MON, True),
    (MONDAY_MORNING, "XTKS", "de", "Montag", MON, MON, True),
    # New York: it is Monday 03:00 there, so the words name Monday's session too — but it had not opened.
    # The date follows the words; closed_at_publication=False tells the verdict the close was not yet known.
    (MONDAY_MORNING, "XNYS", "de", "heute", MON, MON, False),
    (MONDAY_MORNING, "XNYS", "de", "Montag", MON, MON, False),
    (MONDAY_MORNING, "XETR", "de", "heute", MON, MON, False),  # Xetra had just opened
    # Counted periods end at the last CLOSED session of that exchange.
    (MONDAY_MORNING, "XTKS", "en", "over two days", date(2025, 1, 24), MON, True),
    (MONDAY_MORNING, "XNYS", "en", "over two days", date(2025, 1, 23), date(2025, 1, 24), True),
    # Tuesday 01:00 in Frankfurt is Monday evening in New York: Monday's close is in, Tuesday is a week ago.
    (TUESDAY_1AM, "XNYS", "de", "Montag", MON, MON, True),
    (TUESDAY_1AM, "XNYS", "de", "Dienstag", date(2025, 1, 21), date(2025, 1, 21), True),
    (TUESDAY_1AM, "XETR", "de", "Dienstag", TUE, TUE, False),
    (TUESDAY_1AM, "XNYS", "de", "heute", TUE, TUE, False),  # the writer's "today" is Tuesday
    (TUESDAY_1AM, "XNYS", "de", "gestern", MON, MON, True),
    (TUESDAY_1AM, "XNYS", "en", "over two days", date(2025, 1, 24), MON, True),
    # A Tokyo morning paper: "yesterday" is the writer's Monday, i.e. New York's Monday session.
    (TOKYO_MORNING, "XNAS", "en", "yesterday", MON, MON, True),
    (TOKYO_MORNING, "XNAS", "de", "gestern", MON, MON, True),
    (TOKYO_MORNING, "XNAS", "en", "on Monday", MON, MON, True),
    # "On Wall Street overnight" in Tokyo copy: the New York session that had closed last, whatever the date there.
    (TOKYO_MORNING, "XNAS", "en", "overnight", MON, MON, True),
    (MONDAY_MORNING, "XTKS", "en", "overnight", MON, MON, True),  # Tokyo's Monday closed at 15:30 JST
    (MONDAY_MORNING, "XNYS", "en", "overnight", date(2025, 1, 24), date(2025, 1, 24), True),
    # A New York evening paper on Tokyo: it is already Tuesday morning there, Tuesday's session is running.
    (NEW_YORK_EVENING, "XTKS", "en", "on Tuesday", TUE, TUE, False),
    (NEW_YORK_EVENING, "XTKS", "en", "on Monday", MON, MON, True),
    # Daylight saving: New York moved on 9 March 2025, Frankfurt on 30 March. At 21:30 CET New York has
    # closed (16:30 EDT) in March but is still trading (15:30 EST) in February.
    (datetime(2025, 3, 11, 21, 30, tzinfo=CET), "XNYS", "en", "over two days", date(2025, 3, 10),
     date(2025, 3, 11), True),
    (datetime(2025, 2, 11, 21, 30, tzinfo=CET), "XNYS", "en", "over two days", date(2025, 2, 7),
     date(2025, 2, 10), True),
    # Paris keeps Frankfurt's clock.
    (PUB, "XPAR", "de", "am Montag", MON, MON, True),
]  # fmt: skip


@pytest.mark.parametrize(("published", "calendar", "lang", "words", "first", "last", "closed"), TZ_ROWS)
def test_exchange_local_dates(
    published: datetime, calendar: str, lang: str, words: str, first: date, last: date, closed: bool
) -> None:
    got = resolve_period(words, published, calendar, TZ[calendar], lang)
    assert (got.first, got.last, got.closed_at_publication) == (first, last, closed)


CANDIDATES = [
    # published, calendar, n, include_running, expected
    (PUB, "XNYS", 5, False, [date(2025, 1, 22), date(2025, 1, 23), date(2025, 1, 24), MON, TUE]),
    (PUB, "XTKS", 5, False, [date(2025, 1, 22), date(2025, 1, 23), date(2025, 1, 24), MON, TUE]),
    (PUB, "XTKS", 3, True, [MON, TUE, WED]),  # 15:00 in Tokyo: the 29th is trading
    (MONDAY_MORNING, "XTKS", 2, False, [date(2025, 1, 24), MON]),
    (MONDAY_MORNING, "XNYS", 2, False, [date(2025, 1, 23), date(2025, 1, 24)]),
    (MONDAY_MORNING, "XNYS", 2, True, [date(2025, 1, 23), date(2025, 1, 24)]),
    (MONDAY_MORNING, "XETR", 2, True, [date(2025, 1, 24), MON]),
    (datetime(2025, 1, 21, 8, 0, tzinfo=CET), "XNYS", 3, False,
     [date(2025, 1, 15), date(2025, 1, 16), date(2025, 1, 17)]),  # MLK Day skipped
]  # fmt: skip


@pytest.mark.parametrize(("published", "calendar", "n", "running", "expected"), CANDIDATES)
def test_candidate_sessions(published: datetime, calendar: str, n: int, running: bool, expected: list[date]) -> None:
    assert candidate_sessions(published, calendar, n, include_running=running) == expected


# ---- days without a session ----------------------------------------------------------------------------

NO_SESSION = [
    # published, calendar, lang, words, the missing day, nearest before, nearest after
    (datetime(2025, 1, 21, 8, 0, tzinfo=CET), "XNYS", "de", "am Montag", date(2025, 1, 20), date(2025, 1, 17),
     date(2025, 1, 21)),
    (datetime(2025, 1, 21, 8, 0, tzinfo=CET), "XNAS", "en", "on Monday", date(2025, 1, 20), date(2025, 1, 17),
     date(2025, 1, 21)),
    (PUB, "XNYS", "de", "am 20. Januar", date(2025, 1, 20), date(2025, 1, 17), date(2025, 1, 21)),
    (datetime(2025, 1, 22, 8, 0, tzinfo=CET), "XNYS", "de", "Montag und Dienstag", date(2025, 1, 20),
     date(2025, 1, 17), date(2025, 1, 21)),
    (datetime(2025, 1, 14, 12, 0, tzinfo=CET), "XTKS", "de", "am Montag", date(2025, 1, 13), date(2025, 1, 10),
     date(2025, 1, 14)),
    (PUB, "XETR", "en", "on Saturday", date(2025, 1, 25), date(2025, 1, 24), MON),
    (datetime(2025, 1, 27, 9, 0, tzinfo=CET), "XETR", "de", "gestern", date(2025, 1, 26), date(2025, 1, 24), MON),
]  # fmt: skip


@pytest.mark.parametrize(("published", "calendar", "lang", "words", "day", "before", "after"), NO_SESSION)
def test_no_session_names_exchange_date_and_nearest_sessions(
    published: datetime, calendar: str, lang: str, words: str, day: date, before: date, after: date
) -> None:
    with pytest.raises(NoSessionError) as err:
        resolve_period(words, published, calendar, TZ[calendar], lang)
    assert (err.value.calendar, err.value.day, err.value.before, err.value.after) == (calendar, day, before, after)
    for text in (calendar, day.isoformat(), before.isoformat(), after.isoformat()):
        assert text in str(err.value)


@pytest.mark.parametrize("calendar", ["XETR", "XTKS"])
def test_mlk_day_was_a_session_elsewhere(calendar: str) -> None:
    got = resolve_period("am Montag", datetime(2025, 1, 21, 8, 0, tzinfo=CET), calendar, TZ[calendar], "de")
    assert got.first == got.last == date(2025, 1, 20)


def test_two_days_skip_the_holiday() -> None:
    got = resolve_period("over two days", datetime(2025, 1, 22, 8, 0, tzinfo=CET), "XNYS", "America/New_York", "en")
    assert (got.first, got.last, got.n_sessions) == (date(2025, 1, 17), date(2025, 1, 21), 2)


# ---- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words", "word"),
    [
        ("de", "morgen", "morgen"),
        ("de", "am Montag irgendwann", "irgendwann"),
        ("de", "on Monday", "on"),  # English words in a German claim
        ("en", "am Montag", "am"),
        ("en", "next week", "next"),
        ("en", "Monday @ noon", "@"),
        ("en", "", ""),
        ("de", "und", "und"),
    ],
)
def test_unknown_words_raise_naming_them(lang: str, words: str, word: str) -> None:
    with pytest.raises(UnknownPeriodError) as err:
        resolve_period(words, PUB, "XETR", "Europe/Berlin", lang)
    assert err.value.word == word


@pytest.mark.parametrize(
    ("lang", "words", "message"),
    [
        ("de", "Montag, 28. Januar", "Tuesday"),  # the weekday contradicts the date
        ("de", "drei Tage, Montag und Dienstag", "holds 2"),  # the count contradicts the days
        ("de", "seit Jahresbeginn am Montag", "cannot combine"),
        ("en", "since Monday and Tuesday", "exactly one day"),
        ("de", "vom 28. bis 27. Januar", "comes after"),
    ],
)
def test_contradictions_are_errors(lang: str, words: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        resolve_period(words, PUB, "XETR", "Europe/Berlin", lang)


@pytest.mark.parametrize(
    ("lang", "words", "message"),
    [
        ("de", "31. Februar", "not a date"),
        ("de", "30.02.2025", "not a date"),
        ("en", "2025-13-45", "not a date"),
        ("en", "99999 sessions", "do not fit"),
        ("de", "null Tage", "unknown period word .null."),
    ],
)
def test_impossible_dates_and_counts(lang: str, words: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        resolve_period(words, PUB, "XNYS", "America/New_York", lang)


def test_publication_outside_the_calendars_span() -> None:
    with pytest.raises(PeriodError, match="outside the XNYS calendar"):
        resolve_period("Montag", datetime(2040, 1, 2, 12, 0, tzinfo=CET), "XNYS", "America/New_York", "de")


VOCAB = {
    lang: [*vocabulary(lang), "27.", "27th", "2025", "31", "zwei", "two", "Tage", "days", "99999"]
    for lang in ("de", "en")
}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["de", "en"]), st.lists(st.integers(min_value=0), min_size=1, max_size=5), st.text(max_size=6))
def test_any_word_salad_is_resolved_or_rejected_with_a_period_error(lang: str, picks: list[int], junk: str) -> None:
    words = " ".join(VOCAB[lang][i % len(VOCAB[lang])] for i in picks) + (f" {junk}" if picks[0] % 5 == 0 else "")
    try:
        got = resolve_period(words, PUB, "XNYS", "America/New_York", lang)
    except PeriodError:
        return
    assert got.first <= got.last
    assert got.n_sessions >= 1


@pytest.mark.parametrize(("words", "lang"), [("since today", "en"), ("today since", "en"), ("seit heute", "de")])
def test_since_a_day_that_had_not_closed_is_refused(words: str, lang: str) -> None:
    """Found by hypothesis: 'since today' before today's close resolved to 2025-01-29..2025-01-28 (0 sessions)."""
    with pytest.raises(PeriodError, match="comes after"):
        resolve_period(words, PUB, "XNYS", "America/New_York", lang)


def test_publication_time_needs_an_offset() -> None:
    with pytest.raises(ValueError, match="time zone"):
        resolve_period("Montag", datetime(2025, 1, 29, 7, 0), "XETR", "Europe/Berlin", "de")
    with pytest.raises(ValueError, match="time zone"):
        candidate_sessions(datetime(2025, 1, 29, 7, 0), "XETR")


def test_unsupported_language() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        resolve_period("lundi", PUB, "XETR", "Europe/Berlin", "fr")


def test_year_to_date_before_the_first_close_of_the_year() -> None:
    with pytest.raises(PeriodError, match="no XNYS session"):
        resolve_period("year to date", datetime(2025, 1, 2, 12, 0, tzinfo=CET), "XNYS", "America/New_York", "en")
