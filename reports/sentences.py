"""Every sentence a report writes about a verdict, per language, from the verdict's structured facts.

The checker hands over numbers, dates and keys (``Verdict.reading``, ``fx_rate``, ``share_count``,
``search``, ``Alternative.key``); this module turns them into German or English with the report's
``Formatter`` (Babel): "−16,97 %", "27.01.2025", "602,8 Mrd. €" in German, "−16.97%", "Jan 27, 2025",
"€602.8B" in English. Hedge words are shown in the report's language, the claim's own words quoted
after them when they differ ("at times more than (“zeitweise über”)"). A claim's own text and quote are
never rewritten here.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from marketfact.checks.quality.outcome import ExpectationResult
from marketfact.checks.reasons import Reason, read_reasons
from marketfact.checks.verdicts import Label, Verdict
from marketfact.claims.model import LEVELS, PRICE_UNITS, Claim, Metric
from marketfact.reports.fetchtext import FETCH_DE, PARAMS, fetch_param
from marketfact.reports.i18n import Formatter
from marketfact.reports.kindsentences import kind_notation, kind_sentence
from marketfact.reports.kindsentences import record_words as record_words
from marketfact.reports.phrases import BASES as BASES
from marketfact.reports.phrases import (
    S,
    basis_text,
    interval_notation,
    price,
    rate_name,
    shown_digits,
    stated,
    unit_text,
    zone_city,
)


def claimed_notation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The checker's notation: "−17 % → magnitude in [16.5, 17.5)" in the report's language."""
    if fmt.lang == "de" and (claim.metric in LEVELS or claim.metric in PRICE_UNITS or claim.metric is Metric.RECORD):
        return kind_notation(verdict, claim, fmt)
    if verdict.reading is None:  # levels, points and records in English: the checker's own notation
        return verdict.claimed
    sign = "+" if claim.sign > 0 else "−"
    if claim.range:
        amount = f"{fmt.decimal(claim.range[0], digits=shown_digits(claim.range[0]))}–"
        amount += fmt.decimal(claim.range[1], digits=shown_digits(claim.range[1]))
    else:
        amount = fmt.decimal(claim.value or 0.0, digits=shown_digits(claim.value or 0.0))
    said = stated(claim, fmt, f"{sign}{amount} {unit_text(verdict, claim, fmt)}")
    if verdict.interval is None:
        return said
    notation = interval_notation(*verdict.interval, verdict.interval_closed, fmt)
    return S[fmt.lang]["notation"].format(stated=said, interval=notation)


def fx_text(verdict: Verdict, fmt: Formatter) -> str | None:
    """"1 USD = 0.9497 EUR, ECB euro reference rate of Jan 27, 2025 (14:15 CET)" in the report's language."""
    fx = verdict.fx_rate
    if fx is None:
        return None
    rate = fmt.decimal(fx.rate, digits=4)
    return S[fmt.lang]["fx"].format(base=fx.base, rate=rate, quote=fx.quote, rate_name=rate_name(verdict, fmt))


def shares_text(verdict: Verdict, fmt: Formatter) -> str | None:
    """The share count, its date and its source (the source's own words)."""
    sc = verdict.share_count
    if sc is None:
        return None
    count = f"{fmt.decimal(sc.shares / 1e9)} {fmt.money_unit('billion', '')}"
    return S[fmt.lang]["shares"].format(count=count, day=fmt.day(sc.as_of), source=sc.source)


def sessions_note(verdict: Verdict, fmt: Formatter) -> str:
    """Which sessions, on which exchange, in which time zone, and the base."""
    if verdict.end_session is None:
        return ""
    start = verdict.start_session or verdict.end_session
    zone = verdict.timezone or ""
    key = "note_one" if start == verdict.end_session else "note_span"
    return S[fmt.lang][key].format(
        start=fmt.day(start),
        end=fmt.day(verdict.end_session),
        exchange=verdict.exchange or "–",
        city=zone_city(zone, fmt.lang) if zone else "–",
        zone=zone or "–",
        base=fmt.day(verdict.base_session),
        close=fmt.word("adjusted close" if verdict.price_field == "adjusted close" else "close"),
    )


def search_note(verdict: Verdict, fmt: Formatter) -> str:
    """For a claim that named no day: the sessions searched and the one that fits best."""
    s = verdict.search
    if s is None:
        return ""
    key = "search_fits" if s.best else "search_none"
    return S[fmt.lang][key].format(
        count=s.count, first=fmt.day(s.first), last=fmt.day(s.last), exchange=s.exchange, best=fmt.day(s.best)
    )


def explanation(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    """The verdict's explanation, written from its facts in the report's language."""
    words = S[fmt.lang]
    search = search_note(verdict, fmt)
    if verdict.label is Label.UNVERIFIABLE:
        text = words["unverifiable"].format(reason=reasons_text(verdict, fmt) or "–")
    elif verdict.kind_reading is not None and fmt.lang == "de":
        text = kind_sentence(verdict, claim, fmt)
    elif verdict.reading is None:  # English levels, points, records, or a verdict built by hand: the recorded sentence
        text = verdict.explanation
    else:
        text = _judged(verdict, claim, fmt)
    return f"{search} {text}" if search else text


def _judged(verdict: Verdict, claim: Claim, fmt: Formatter) -> str:
    words, r = S[fmt.lang], verdict.reading
    assert r is not None
    cur, kind = verdict.currency, verdict.instrument_kind
    name = f"{claim.subject} ({verdict.symbol}, {verdict.exchange})"

    def p(value: float | None) -> str:
        return price(value, cur, fmt, kind)

    end, base = fmt.day(verdict.end_session), fmt.day(verdict.base_session)
    city = zone_city(verdict.timezone, fmt.lang) if verdict.timezone else "–"
    raw = words["adjusted" if r.adjusted else "raw"].format(city=city)
    down = claim.sign < 0
    if claim.unit == "percent":
        pct = fmt.percent(r.close_pct)
        if verdict.basis == "intraday":
            one = verdict.start_session in (None, verdict.end_session)
            when = (
                words["when_one"].format(day=end)
                if one
                else words["when_span"].format(first=fmt.day(verdict.start_session), last=end)
            )
            fact = words["reached"].format(
                name=name,
                word=words["low" if down else "high"],
                extreme=p(r.extreme),
                when=when,
                ipct=fmt.percent(r.intraday_pct),
                base_close=p(r.base_close),
                base=base,
                end_close=p(r.end_close),
                end=end,
                raw=raw,
                pct=pct,
            )
        else:
            fact = words["closed_adjusted" if r.adjusted else "closed"].format(
                name=name, end_close=p(r.end_close), end=end, base_close=p(r.base_close), base=base, raw=raw, pct=pct
            )
    else:
        intraday = verdict.basis == "intraday"
        what = words["what_low" if down else "what_high"] if intraday else words["what_close"]
        shares = "–" if r.implied_shares is None else f"{fmt.decimal(r.implied_shares / 1e9)} "
        shares += fmt.money_unit("billion", "") if r.implied_shares is not None else ""
        listing = None if r.money_listing is None else r.money_listing * claim.scale_factor
        conv = ""
        if verdict.fx_rate is not None:
            fx = verdict.fx_rate
            rate = fmt.decimal(fx.rate, digits=4)
            conv = words["conv"].format(rate_name=rate_name(verdict, fmt), rate=rate, quote=fx.quote, base=fx.base)
        measured = None if verdict.measured is None else verdict.measured * claim.scale_factor
        fact = words["money"].format(
            name=name,
            shares=shares,
            what=what,
            price=p(r.extreme if intraday else r.end_close),
            end=end,
            base_close=p(r.base_close),
            base=base,
            listing=fmt.big_money(listing, cur, digits=2),
            measured=fmt.big_money(measured, claim.currency, digits=2),
            conv=conv,
        )
    admits = words["admits"].format(
        interval=interval_notation(*verdict.interval, verdict.interval_closed, fmt) if verdict.interval else "–",
        unit=unit_text(verdict, claim, fmt),
    )
    if claim.unit == "money":
        uncertainty = verdict.share_count.relative_uncertainty if verdict.share_count else 0.01
        admits += words["widened"].format(pct=fmt.percent(uncertainty * 100, plus=False, digits=0))
    label = verdict.label.value
    if verdict.label is Label.MISLEADING:
        return words[label].format(fact=fact, admits=admits, basis=basis_text(r.fits_only, fmt))
    if verdict.label is not Label.INCORRECT:
        return words[label].format(fact=fact, admits=admits)
    m = verdict.measured or 0.0
    opposite = ""
    if math.copysign(1, m) != claim.sign or m == 0:
        opposite = words["opposite"].format(move=words["rose" if m > 0 else "fell" if m < 0 else "flat"])
    day = ""
    if r.day_range is not None:
        d = r.day_range
        day = words["day_range"].format(
            day=end,
            low_pct=fmt.percent(d.low_pct),
            low=p(d.low),
            high_pct=fmt.percent(d.high_pct),
            high=p(d.high),
        )
    return words[label].format(fact=fact, admits=admits, opposite=opposite, day=day)


# ---- readings a person should confirm (claims read from an article with low confidence) ----------------------
UNCERTAIN: dict[str, dict[str, str]] = {
    "en": {
        "mark": "reading uncertain — confirm",
        "confidence": "read with confidence {confidence}, under {threshold}",
        "count": "{n} of {total} claims read from the article with confidence under {threshold}: reading uncertain "
        "— confirm them; --fail-on does not count them until a person confirms them (confirmed: true in the "
        "claim file, or the review desk)",
        "rules": "the reading rules themselves were unsure",
        "subject: reference back": "the company was taken from an earlier mention (“the stock”, “it”)",
        "subject: short name": "the company was read from a short name",
        "subject: shared by names": "the numbers were paired with several names in order",
        "direction: other clause": "up or down was taken from another clause",
        "direction: both words near": "words for up and for down both stand near the number",
        "hedge: words disagree": "the hedge words disagree",
        "day: shared in sentence": "the day was shared with another number of the sentence",
        "day: earlier sentence": "the day was taken from an earlier sentence",
        "day: dateline": "the day was taken from the dateline or title",
        "day: question before": "the day was taken from a question before it (“Remember Monday?”)",
        "day: session before": "read as the session before the day named",
        "day: session after": "read as the session after the day told before (“the following day”)",
        "day: named before": "read as the day of that name the article told of before (“that Monday”)",
        "day: counted from story": "the period was counted from a day the article named elsewhere",
        "day: none named": "no day is named: the checker searches the sessions",
        "market value: no wording": "read as market value though the sentence does not say “market value”",
    },
    "de": {
        "mark": "Lesart unsicher — bitte bestätigen",
        "confidence": "gelesen mit Konfidenz {confidence}, unter {threshold}",
        "count": "{n} von {total} Aussagen aus dem Artikel mit Konfidenz unter {threshold} gelesen: Lesart unsicher "
        "— bitte bestätigen; --fail-on zählt sie erst, wenn ein Mensch sie bestätigt (confirmed: true in der "
        "Aussagendatei oder am Prüftisch)",
        "rules": "die Leseregeln selbst waren unsicher",
        "subject: reference back": "das Unternehmen wurde aus einer früheren Nennung übernommen („das Papier“, „sie“)",
        "subject: short name": "das Unternehmen wurde aus einem Kurznamen gelesen",
        "subject: shared by names": "die Zahlen wurden mehreren Namen der Reihe nach zugeordnet",
        "direction: other clause": "die Richtung wurde aus einem anderen Satzteil übernommen",
        "direction: both words near": "Wörter für Plus und für Minus stehen beide nahe der Zahl",
        "hedge: words disagree": "die Einschränkungen widersprechen sich",
        "day: shared in sentence": "der Tag wurde mit einer anderen Zahl des Satzes geteilt",
        "day: earlier sentence": "der Tag wurde aus einem früheren Satz übernommen",
        "day: dateline": "der Tag wurde aus Ortsmarke oder Titel übernommen",
        "day: question before": "der Tag wurde aus einer Frage davor übernommen („Erinnern Sie sich an den Montag?“)",
        "day: session before": "als Handelstag vor dem genannten Tag gelesen",
        "day: session after": "als Handelstag nach dem zuvor erzählten Tag gelesen („am Folgetag“)",
        "day: named before": "als der zuvor im Artikel genannte Tag dieses Namens gelesen („an jenem Montag“)",
        "day: counted from story": "der Zeitraum wurde von einem anderswo im Artikel genannten Tag aus gezählt",
        "day: none named": "kein Tag genannt: die Prüfung sucht die Handelstage",
        "market value: no wording": "als Börsenwert gelesen, obwohl der Satz nicht „Börsenwert“ sagt",
    },
}
"""What the report says of a claim whose reading is uncertain: the mark, and what the reading inferred
(``claims.extract.calibration.INFERENCES``), per language."""


def uncertain_reasons(inferred: tuple[str, ...], fmt: Formatter) -> tuple[str, ...]:
    """What was uncertain in a reading, in the report's language: one phrase per inference it made, or that
    the rules themselves were unsure when it made none."""
    words = UNCERTAIN[fmt.lang]
    return tuple(words.get(kind, kind) for kind in inferred) or (words["rules"],)


def uncertain_confidence(confidence: float, threshold: float, fmt: Formatter) -> str:
    """"read with confidence 0.55, under 0.80" in the report's language and number format."""
    return UNCERTAIN[fmt.lang]["confidence"].format(
        confidence=fmt.decimal(confidence, digits=2), threshold=fmt.decimal(threshold, digits=2)
    )


def uncertain_count(n: int, total: int, threshold: float, fmt: Formatter) -> str:
    """The summary's line counting the uncertain readings apart."""
    return UNCERTAIN[fmt.lang]["count"].format(n=n, total=total, threshold=fmt.decimal(threshold, digits=2))


# Why a claim cannot be checked (``checks.reasons``), per language; English is the checker's own wording.
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
            from marketfact.reports.readnotes import WEEKDAYS_DE

            return WEEKDAYS_DE.get(value, value)
        if name in ("words", "word") and len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            return f"„{value[1:-1]}“"
        if name in ("why", "what"):
            from marketfact.reports.readnotes import period_clause

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


REASONS_DE.update(
    {
        "price_basis": "Kursgrundlage von {symbol}: {basis}",
        "not_checked": "konnte nicht geprüft werden: {error}",
        "missing_columns": "fehlende Spalten: {columns}",
        "observed": "gefunden: {value}",
    }
)
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


def value_text(value: float | int | bool | str | date | None, fmt: Formatter) -> str:
    """A value a data-quality detail quotes: six significant digits, volumes whole, dates as the report's."""
    empty = {"en": "empty", "de": "leer"}
    if value is None:
        return empty[fmt.lang]
    if isinstance(value, bool):
        return {"en": str(value).lower(), "de": "ja" if value else "nein"}[fmt.lang]
    if isinstance(value, int | float):
        x = float(value)
        if not math.isfinite(x):
            return fmt.decimal(x)
        if x.is_integer() and (abs(x) >= 1e4 or isinstance(value, int)):
            return fmt.decimal(x, digits=0)
        digits = max(0, 5 - math.floor(math.log10(abs(x)))) if x else 0
        text = fmt.decimal(x, digits=digits)
        sep = "," if fmt.lang == "de" else "."
        return text.rstrip("0").rstrip(sep) if sep in text else text
    if isinstance(value, date):
        return fmt.day(value)
    return str(value)


def detail_text(result: ExpectationResult, fmt: Formatter) -> str:
    """What a failed expectation found, in the report's language (English: the checker's record)."""
    if fmt.lang == "en" or not (result.facts or result.found):
        return result.detail
    parts = [reason_text(f, fmt) for f in result.facts]
    rows = []
    for row in result.found:
        label = fmt.day(row.key) if isinstance(row.key, date) else row.key
        if row.column is not None:
            label += f" {column_text(row.column, fmt)}"
        if row.has_cell:
            label += f" {value_text(row.cell, fmt)}"
        values = ", ".join(f"{column_text(c, fmt)} {value_text(v, fmt)}" for c, v in row.values)
        rows.append(f"{label} ({values})" if values else label)
    if result.more:
        rows.append(f"und {result.more} weitere")
    if rows:
        parts.append("; ".join(rows))
    return "; ".join(p for p in parts if p)


def where_text(result: ExpectationResult, fmt: Formatter) -> str:
    """Which columns, sessions and rows a result is about."""
    columns = (column_text(c, fmt) for c in result.columns)
    return ", ".join([*columns, *(fmt.day(s) for s in result.sessions), *result.rows])


REASONS_DE.update(
    {
        "ecb_rate": "Euro-Referenzkurs der EZB vom {day} (14:15 Uhr MEZ)",
        "yahoo_bar": "{how}, Tageskurs von Yahoo Finance vom {day}; Yahoo datiert ihn auf 0:00 Uhr London, es ist "
        "also der Kurs zu Beginn des {start}, kein Schlusskurs des Tages",
    }
)


def source_detail(detail: str, fmt: Formatter) -> str:
    """A data source's detail in the sources table (an FX rate's origin) in the report's language."""
    if fmt.lang == "en" or not detail:
        return detail
    reasons = read_reasons(detail)
    if any(r.code == "text" for r in reasons):
        return detail  # a provenance file or the source's own words: shown as written
    return "; ".join(reason_text(r, fmt) for r in reasons)
