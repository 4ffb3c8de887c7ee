"""Why a claim cannot be checked, and the notes on a verdict, in the report's language.

The checker records each reason as a code of ``checks.reasons`` with its parameters; an English report shows
the checker's own wording, a German one the wording of ``REASONS_DE`` with each parameter in German: dates as
the report writes them, a period's clause and a weekday in German, a column or dataset by its German name
("prices: NVDA" / "Kurse: NVDA"). An article's words stay quoted, a source's own words (a provenance file, an
HTTP client's message) as they were.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from marketfact.checks.reasons import Reason, read_reasons
from marketfact.checks.verdicts import Verdict
from marketfact.reports.fetchtext import FETCH_DE, PARAMS, fetch_param
from marketfact.reports.i18n import Formatter
from marketfact.reports.periodrules import WEEKDAYS_DE
from marketfact.reports.readnotes import period_clause

REASONS_DE: dict[str, str] = {
    "quality_failed_for": "Datenprüfung {check} nicht bestanden für {days}",
    "quality_failed_on_claim": "Datenprüfung {check} an der Aussage nicht bestanden",
    "quality_failed_on_rate": "Datenprüfung {check} am Kurs {base}→{quote} nicht bestanden",
    "quality_failed_on": "Datenprüfung {check} nicht bestanden: {dataset}",
    "quality_count_failed_on": "Datenprüfung {check} nicht bestanden: {dataset}",
    "no_base": "die Daten haben keinen Handelstag vor dem {day}, von dem aus gemessen werden kann",
    "no_row": "die Daten haben keine Zeile für den {day}",
    "missing_price": "ein Kurs, den dieses Urteil braucht, fehlt in den Daten",
    "no_price_data": "keine Kursdaten für {symbol}",
    "no_shares": "keine Aktienzahl für {symbol} am oder vor dem {day}",
    "no_fx": "kein Kurs {base}→{quote} für den {day}",
    "unknown_instrument": "unbekanntes Wertpapier „{instrument}“ für „{subject}“: nicht in der Wertpapiertabelle",
    "no_instrument": "kein Wertpapier angegeben für „{subject}“",
    "no_market_value": "{symbol} ist {kind} und hat keinen Börsenwert",
    "not_in_points": "{symbol} ist {kind} und notiert in {currency}, nicht in Punkten: den Kurs mit unit: money und "
    "currency: {currency_again} angeben",
    "index_in_points": "{symbol} ist ein Index: Stand und Bewegungen werden in Punkten angegeben (unit: points)",
    "other_currency": "{symbol} notiert in {currency}, nicht in {claimed}: eine Kursangabe wird in der "
    "Börsenwährung geprüft",
    "value_record_currency": "ein Rekord des Börsenwerts wird in der Börsenwährung von {symbol} verglichen, "
    "{currency}, nicht {claimed}: currency: {currency_again} angeben",
    "period_needs_time": "der Zeitraum „{period}“ braucht den Veröffentlichungszeitpunkt des Artikels (published_at)",
    "not_closed": "der Handelstag {day} an der Börse {exchange} war bei Erscheinen des Artikels ({published}) noch "
    "nicht geschlossen: eine Aussage über den Schlusskurs lässt sich an diesem Tag nicht prüfen",
    "no_session_before": "kein Handelstag vor der Veröffentlichung",
    "no_session_given": "kein Handelstag genannt; Handelstage, einen Zeitraum oder den Veröffentlichungszeitpunkt "
    "angeben, vor dem gesucht wird",
    "outside_calendar": "der {day} liegt außerhalb des Börsenkalenders {exchange}, den marketfact kennt ({first} bis "
    "{last}): für diesen Tag lässt sich kein Handelstag prüfen ({name})",
    "not_a_session": "der {day} war kein Handelstag an der Börse {exchange} ({name}); die nächsten Handelstage sind "
    "der {before} und der {after}",
    "period_unknown_word": "unbekanntes Wort {word} im Zeitraum {words}",
    "period_no_session": "an der Börse {exchange} gab es am {day} ({weekday}) keinen Handel; die nächsten "
    "Handelstage: {before} und {after}",
    "period_outside_calendar": "der {day} ({weekday}) liegt außerhalb des Börsenkalenders {exchange}, den "
    "marketfact kennt (nächster Handelstag: {before}): für diesen Tag lässt sich kein Handelstag prüfen",
    "published_outside_calendar": "der Veröffentlichungszeitpunkt {published} liegt außerhalb des Börsenkalenders "
    "{exchange} ({first} bis {last})",
    "period_none_closed": "bis {published} war an der Börse {exchange} noch kein Handelstag geschlossen",
    "period_do_not_fit": "{words}: {count} Handelstage bis zum {last} passen nicht in den Börsenkalender {exchange}",
    "period_not_a_date": "{words} ist kein Datum",
    "period_wrong_weekday": "der {day} war ein {weekday}, nicht der in {words} genannte Wochentag",
    "period_cannot_combine": "die Teile von {words} lassen sich nicht verbinden: {parts}",
    "period_since_one_day": "{words}: „seit“ braucht genau einen Tag",
    "period_empty": "{words}: {why}, aber der {first} liegt nach dem {last}: es bleibt kein Handelstag",
    "period_reversed": "{words}: der {first} liegt nach dem {last}",
    "period_count_mismatch": "{words} nennt {count} Tage, aber vom {first} bis zum {last} liegen {sessions} "
    "Handelstage",
    "period_span_none_closed": "{words}: bis {published} war an der Börse {exchange} noch kein Handelstag "
    "geschlossen ({what})",
    "period_span_too_few": "{words}: erst {count} Handelstag(e) an der Börse {exchange} geschlossen ({what})",
    "published_needs_offset": "published_at braucht eine Zeitzone, z. B. 2025-01-29T08:00:00+01:00",
    "unknown_calendar": "unbekannter Börsenkalender {exchange}",
    "no_source": "keine Quelle hat Kurse für {symbol} vom {first} bis zum {last}",
    "snapshot_no_prices": "der mitgelieferte Datenstand hat keine Kurse für {symbol}",
    "snapshot_no_rows": "der mitgelieferte Datenstand hat keine Zeilen für {symbol} vom {first} bis zum {last}",
    "yahoo_no_rows": "Yahoo Finance lieferte keine Zeilen für {symbol} vom {first} bis zum {last}",
    "yahoo_no_answer": "Yahoo Finance antwortete nicht auf die Anfrage {symbol} vom {first} bis zum {last} "
    "innerhalb von {seconds} s ({why})",
    **FETCH_DE,  # the network's failures (reports/fetchtext.py)
    "adjusted_needs_raw": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse "
    "(keine unbereinigten Eröffnungs-, Hoch-, Tief- oder Schlusskurse): {what} braucht unbereinigte Kurse; "
    "messbar ist damit nur die prozentuale Veränderung des Schlusskurses",
    "adjusted_action": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse, und "
    "„{action}“ (Ex-Tag {day}) fällt zwischen den {base} und den {end}: darüber weicht die bereinigte Veränderung "
    "von der unbereinigten ab",
    "adjusted_uncovered": "die Kursreihe des Anbieters für {symbol} enthält nur dividendenbereinigte Schlusskurse, "
    "und keine Aufstellung der Dividenden und Splits deckt {base} bis {end} ab; die bereinigte Veränderung kann die "
    "unbereinigte daher nicht ersetzen",
    "adjusted_note": "Gemessen an den dividendenbereinigten Schlusskursen von {symbol}: Die Kursreihe des Anbieters "
    "hat keine unbereinigten Schlusskurse, und zwischen dem {base} und dem {end} liegt keine Dividende und kein Split "
    "({who}); die prozentuale Veränderung ist daher dieselbe wie die unbereinigte.",
    "record_gap": "in der Kurshistorie seit dem {since} fehlen {count} Schlusskurse: {days}",
    "record_no_session": "kein Handelstag zwischen dem Beginn ({since}) und dem {end}, mit dem verglichen werden kann",
    "record_needs_history_since": "ein Rekord seit dem {since} braucht die Schlusskurse von {symbol} ab dem {first}, "
    "die Daten ({source}) beginnen aber am {start}: mit --source yfinance wird die Historie geladen",
    "record_needs_history": "ein Rekord über die ganze Historie (kein Beginn angegeben) braucht die Schlusskurse von "
    "{symbol} ab dem ersten Handelstag, die Daten ({source}) beginnen aber am {start}: mit --source yfinance wird die "
    "Historie geladen",
    # the sentences of a data-quality detail (``ExpectationResult.facts``)
    "price_basis": "Kursgrundlage von {symbol}: {basis}",
    "not_checked": "konnte nicht geprüft werden: {error}",
    "missing_columns": "fehlende Spalten: {columns}",
    "observed": "gefunden: {value}",
    # a source's detail in the sources table (an FX rate's origin)
    "ecb_rate": "Euro-Referenzkurs der EZB vom {day} (14:15 Uhr MEZ)",
    "yahoo_bar": "{how}, Tageskurs von Yahoo Finance vom {day}; Yahoo datiert ihn auf 0:00 Uhr London, es ist "
    "also der Kurs zu Beginn des {start}, kein Schlusskurs des Tages",
}
"""German wording of each ``checks.reasons.TEMPLATES`` code (the same parameters)."""

_KIND_DE = {"index": "ein Index", "fx": "ein Wechselkurs", "equity": "eine Aktie", "etf": "ein ETF"}
_NEEDS_RAW_DE = {
    "a percent change of the close": "eine prozentuale Veränderung des Schlusskurses",
    "the day's low or high": "das Tagestief oder -hoch",
    "a change of market value": "eine Veränderung des Börsenwerts",
    "a closing price": "ein Schlusskurs",
    "a move in currency units": "eine Bewegung in Währungseinheiten",
    "a market value": "ein Börsenwert",
    "a record": "ein Rekord",
    "this claim": "diese Aussage",
}
_WHO_DE = {"the snapshot's notes": "laut den Anmerkungen des Datenstands", "the vendor's actions": "laut Anbieter"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _param(name: str, value: str, fmt: Formatter) -> str:
    """A recorded parameter in the report's language: dates as the report writes them, known words translated."""
    if _ISO_DAY.fullmatch(value):
        return fmt.day(date.fromisoformat(value))
    if name == "days":
        return _ISO_DAY.sub(lambda m: fmt.day(date.fromisoformat(m.group(0))), value)
    if name == "published":
        try:
            return fmt.local_moment(datetime.fromisoformat(value))
        except ValueError:
            return value
    if name == "dataset":
        return dataset_text(value, fmt)
    if fmt.lang == "de":
        if name in PARAMS:
            return fetch_param(name, value, fmt)
        if name == "kind":
            return _KIND_DE.get(value, value)
        if name == "what" and value in _NEEDS_RAW_DE:
            return _NEEDS_RAW_DE[value]
        if name == "who":
            return _WHO_DE.get(value, value)
        if name == "source":
            return fmt.word(value)
        if name == "basis":
            return _BASIS_DE.get(value, value)
        if name == "columns":
            return ", ".join(column_text(c, fmt) for c in value.split(", "))
        if name == "weekday":
            return WEEKDAYS_DE.get(value, value)
        if name in ("words", "word") and len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            return f"„{value[1:-1]}“"
        if name in ("why", "what"):
            return period_clause(value, fmt)
        if name == "check":
            from marketfact.reports.quality import DE  # the German description of every expectation

            return f"„{DE[value]}“ ({value})" if value in DE else value
    return value


def reason_text(reason: Reason, fmt: Formatter) -> str:
    """One reason in the report's language (English: exactly as the checker recorded it)."""
    if fmt.lang == "en" or reason.code not in REASONS_DE:
        return reason.english()
    return REASONS_DE[reason.code].format(**{k: _param(k, v, fmt) for k, v in reason.params})


def reasons_text(verdict: Verdict, fmt: Formatter) -> str:
    """Why the verdict is UNVERIFIABLE, in the report's language ('' when it has no reason)."""
    if not verdict.reason:
        return ""
    if fmt.lang == "en":
        return verdict.reason
    return "; ".join(reason_text(r, fmt) for r in verdict.reasons or read_reasons(verdict.reason))


def note_text(note: str, fmt: Formatter) -> str:
    """A verdict's note (``Verdict.warnings``) in the report's language."""
    if fmt.lang == "en":
        return note
    return "; ".join(reason_text(r, fmt) for r in read_reasons(note))


_DATASETS = (
    (re.compile(r"prices: (?P<symbol>.+)"), {"en": "prices: {symbol}", "de": "Kurse: {symbol}"}),
    (re.compile(r"fx: (?P<source>\w+) rates used"), {"en": "fx: {source} rates used", "de": "Wechselkurse: {source}"}),
    (
        re.compile(r"shares: (?P<symbol>.+) on (?P<day>\d{4}-\d{2}-\d{2})"),
        {"en": "shares: {symbol} on {day}", "de": "Aktienzahl: {symbol} am {day}"},
    ),
    (re.compile(r"shares: (?P<symbol>.+)"), {"en": "shares: {symbol}", "de": "Aktienzahl: {symbol}"}),
    (re.compile(r"claim set"), {"en": "claim set", "de": "Aussagen"}),
)


def dataset_text(name: str, fmt: Formatter) -> str:
    """A validated dataset's name ("prices: NVDA") in the report's language ("Kurse: NVDA")."""
    if fmt.lang == "en":
        return name
    for pattern, words in _DATASETS:
        match = pattern.fullmatch(name)
        if match:
            params = {k: _param(k, v, fmt) for k, v in match.groupdict().items()}
            if "source" in params:
                params["source"] = match.group("source").upper()
            return words[fmt.lang].format(**params)
    return name


_BASIS_DE = {"raw": "unbereinigt", "reconstructed": "rekonstruiert", "adjusted_only": "nur dividendenbereinigt"}
COLUMNS_DE: dict[str, str] = {
    "open": "Eröffnung",
    "high": "Hoch",
    "low": "Tief",
    "close": "Schluss",
    "adj_close": "bereinigter Schluss",
    "prev_close": "Vortagesschluss",
    "volume": "Volumen",
    "floor": "Untergrenze",
    "ceiling": "Obergrenze",
    "range_low": "Spanne unten",
    "range_high": "Spanne oben",
    "shares": "Aktienzahl",
    "as_of": "Stand",
    "currency": "Währung",
    "expected_currency": "erwartete Währung",
    "source": "Quelle",
    "value": "Wert",
    "on": "Tag",
    "gap_days": "Lücke (Tage)",
    "age_days": "Alter (Tage)",
    "magnitude": "Betrag",
    "direction": "Richtung",
    "published": "veröffentlicht",
    "first_session": "erster Handelstag",
    "last_session": "letzter Handelstag",
    "unexplained_move": "unerklärte Bewegung",
}
"""Columns a data-quality detail names, as a German reader names them (others are shown as they are)."""


def column_text(column: str, fmt: Formatter) -> str:
    """A data column's name in the report's language ("close" / "Schluss")."""
    return COLUMNS_DE.get(column, column) if fmt.lang == "de" else column


def source_detail(detail: str, fmt: Formatter) -> str:
    """A data source's detail in the sources table (an FX rate's origin) in the report's language."""
    if fmt.lang == "en" or not detail:
        return detail
    reasons = read_reasons(detail)
    if any(r.code == "text" for r in reasons):
        return detail  # a provenance file or the source's own words: shown as written
    return "; ".join(reason_text(r, fmt) for r in reasons)
