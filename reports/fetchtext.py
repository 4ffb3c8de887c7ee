"""Why a price source could not deliver, in German: the network's failures (Yahoo unreachable, a timeout, the
run's network deadline, HTTP errors, rate limits) as ``checks.reasons`` codes, worded for a German report.

What was asked for ("NVDA 2025-01-13..2025-02-14") is written with the report's dates; the HTTP client's own
message (``{error}``, English and technical) is quoted as it was, like an article's words, never translated.
"""

from __future__ import annotations

import re
from datetime import date

from marketfact.reports.i18n import Formatter

FETCH_DE: dict[str, str] = {
    "yahoo_no_answer_limit": "Yahoo Finance hat auf die Anfrage {fetched} nicht innerhalb von {seconds} s geantwortet "
    "(die Frist je Anfrage; die Netz-Frist des Laufs beträgt {deadline} s)",
    "yahoo_no_answer_rest": "Yahoo Finance hat auf die Anfrage {fetched} nicht innerhalb von {seconds} s geantwortet "
    "(der Rest der Netz-Frist des Laufs von {deadline} s)",
    "yahoo_deadline": "{fetched} nicht abgerufen: Yahoo Finance hatte innerhalb der Netz-Frist des Laufs von "
    "{deadline} s nicht geantwortet",
    "yahoo_unreachable": "Yahoo Finance war nicht erreichbar (kein Netz?) beim Abruf von {fetched} "
    "(Fehlermeldung: {error})",
    "yahoo_timed_out_after": "Zeitüberschreitung nach {seconds} s beim Abruf von {fetched} bei Yahoo Finance "
    "(Fehlermeldung: {error})",
    "yahoo_timed_out": "Zeitüberschreitung beim Abruf von {fetched} bei Yahoo Finance (Fehlermeldung: {error})",
    "yahoo_http_error": "Yahoo Finance antwortete auf die Anfrage {fetched} mit einem HTTP-Fehler "
    "(Fehlermeldung: {error})",
    "yahoo_rate_limited": "Yahoo Finance hat die Anfragen gebremst (HTTP 429, zu viele Anfragen) beim Abruf von "
    "{fetched}; bitte später erneut versuchen",
    "yahoo_unknown_symbol": "Yahoo Finance kennt {symbol} nicht (keine Zeitzone der Börse: unbekanntes oder nicht "
    "mehr notiertes Symbol)",
    "yahoo_no_data": "Yahoo Finance hat keine Daten für {fetched} (Fehlermeldung: {error})",
    "yahoo_failed": "Yahoo Finance scheiterte beim Abruf von {fetched} (Fehlermeldung: {error})",
    "yfinance_failed": "yfinance scheiterte beim Abruf von {fetched} (Fehlermeldung: {error})",
    "yahoo_no_shares": "Yahoo Finance hat keine Aktienzahl für {fetched}",
}
"""German wording of the fetch codes of ``checks.reasons.TEMPLATES`` (merged into ``REASONS_DE``)."""

PARAMS = frozenset({"fetched", "error", "seconds", "deadline"})
"""The parameters ``fetch_param`` writes (the others are the report's usual ones)."""

_DAY = r"\d{4}-\d{2}-\d{2}"
_FETCHED = (
    (re.compile(rf"(?P<symbol>\S+) (?P<first>{_DAY})\.\.(?P<last>{_DAY})"), "{symbol} vom {first} bis zum {last}"),
    (re.compile(rf"(?P<symbol>\S+) shares outstanding up to (?P<last>{_DAY})"), "{symbol} (Aktienzahl bis {last})"),
    (re.compile(rf"(?P<symbol>\S+) after (?P<last>{_DAY})"), "{symbol} nach dem {last}"),
)


def fetch_param(name: str, value: str, fmt: Formatter) -> str:
    """A fetch reason's parameter in German."""
    if name == "error":
        return f"„{value}“"
    if name in ("seconds", "deadline"):
        return value.replace(".", ",")
    for pattern, german in _FETCHED:
        m = pattern.fullmatch(value)
        if m:
            days = {k: fmt.day(date.fromisoformat(v)) for k, v in m.groupdict().items() if k != "symbol"}
            return german.format(symbol=m["symbol"], **days)
    return value
