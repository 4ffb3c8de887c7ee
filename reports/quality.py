"""The run's data-quality page: every Great Expectations validation, each expectation said in words.

Great Expectations' own Data Docs load Bootstrap, Font Awesome, jQuery and Vega from CDNs, so offline
they render unstyled and without status icons, and they show internal column names. This page is
rendered from the same validation results (``ValidationOutcome``) with the report's stylesheet, loads
nothing, and says what each expectation checks in the report's language. The sentence in English is
the expectation's own description, as the suite gives it to Great Expectations (``Spec.notes``, passed
as the expectation's ``description``); the German one is the table below. Data Docs stay linked as the
secondary, technical view.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.runreport import RunReport
from marketfact.reports.i18n import Formatter
from marketfact.reports.qualitytext import detail_text, where_text
from marketfact.reports.reasontext import dataset_text
from marketfact.reports.safety import safe_href

DE: dict[str, str] = {
    "required_columns": "Die Kursreihe hat alle Spalten: Eröffnung, Hoch, Tief, Schluss, bereinigter Schluss, Volumen.",
    "currency_is_instruments": "Die Kurse sind in der Börsenwährung des Wertpapiers notiert.",
    "index_tz_naive": "Handelstage sind Kalenderdaten am Börsenort, keine Zeitstempel einer anderen Zeitzone.",
    "dates_at_midnight": "Jeder Eintrag ist ein Datum ohne Uhrzeit; eine Uhrzeit hieße, die Daten sind verschoben.",
    "dates_are_sessions": "Jede Zeile mit Handel fällt auf einen Handelstag der Börse, nicht auf ein Wochenende "
    "oder einen Feiertag.",
    "session_present": "Für jeden Handelstag des Börsenkalenders im Zeitraum gibt es eine Zeile.",
    "open_not_null": "Der Eröffnungskurs ist vorhanden.",
    "high_not_null": "Das Tageshoch ist vorhanden.",
    "low_not_null": "Das Tagestief ist vorhanden.",
    "close_not_null": "Der Schlusskurs ist vorhanden.",
    "volume_not_null": "Das Handelsvolumen ist vorhanden (Devisen haben keines und sind ausgenommen).",
    "raw_close_present": "Neben einem bereinigten Schlusskurs gibt es den unbereinigten, den Nachrichten nennen.",
    "open_positive": "Der Eröffnungskurs ist größer als null und kleiner als 10^15.",
    "high_positive": "Das Tageshoch ist größer als null und kleiner als 10^15.",
    "low_positive": "Das Tagestief ist größer als null und kleiner als 10^15.",
    "close_positive": "Der Schlusskurs ist größer als null und kleiner als 10^15.",
    "adj_close_positive": "Der bereinigte Schlusskurs ist größer als null und kleiner als 10^15.",
    "volume_not_negative": "Das Handelsvolumen ist null oder mehr und kleiner als 10^15.",
    "low_le_open": "Das Tagestief liegt nicht über dem Eröffnungskurs.",
    "low_le_close": "Das Tagestief liegt nicht über dem Schlusskurs.",
    "open_le_high": "Der Eröffnungskurs liegt nicht über dem Tageshoch.",
    "close_le_high": "Der Schlusskurs liegt nicht über dem Tageshoch.",
    "low_le_high": "Das Tagestief liegt nicht über dem Tageshoch.",
    "dates_unique": "Jeder Handelstag kommt einmal vor.",
    "dates_increasing": "Die Handelstage sind aufsteigend sortiert.",
    "no_stale_fill": "Keine Zeile ohne Umsatz wiederholt nur den Vortagesschluss (eine vom Anbieter "
    "aufgefüllte Lücke).",
    "daily_move_within_50pct": "Der Schlusskurs bewegt sich um weniger als ±50 % gegenüber dem Vortag, außer ein "
    "vermerkter Aktiensplit erklärt es.",
    "no_split_in_window": "Kein vermerkter Aktiensplit fällt auf den Handelstag.",
    "price_basis_consistent": "Alle verglichenen Kurse stehen auf derselben Grundlage (kein Split und kein "
    "Einheitenfehler dazwischen).",
    "close_not_repeated": "Ein Handelstag schließt selten exakt auf dem Vortagesschluss; ein gleicher Schlusskurs "
    "kann ein Fehler des Anbieters sein (nur ein Hinweis).",
    "value_not_null": "Der Wert, auf dem ein Urteil beruht, ist vorhanden.",
    "value_positive": "Der Kurs, auf dem ein Urteil beruht, ist größer als null und kleiner als 10^15.",
    "value_above_bar_floor": "Der Wert liegt nicht unter dem Tagestief.",
    "value_below_bar_ceiling": "Der Wert liegt nicht über dem Tageshoch.",
    "currency_codes": "Jede Kursspalte ist ein ISO-4217-Währungscode.",
    "base_is_expected": "Die Kurse gelten je Einheit der erwarteten Basiswährung.",
    "fixing_present": "Für den Tag des verwendeten Referenzkurses gibt es eine Zeile.",
    "rate_not_null": "An jedem Werktag ist ein Kurs vorhanden.",
    "rate_positive": "Der Kurs ist größer als null.",
    "fixing_on_weekday": "Referenzkurse erscheinen nur an Werktagen; ein Wochenenddatum hieße verschobene Daten.",
    "fixing_unique": "Ein Kurs je Währungspaar und Tag.",
    "fixings_increasing": "Die Tage der Referenzkurse sind aufsteigend sortiert.",
    "daily_move_within_10pct": "Der Kurs bewegt sich um weniger als ±10 % gegenüber dem Vortag (ein "
    "Einheitenfehler fiele hier auf).",
    "no_long_gap": "Zwischen zwei Referenzkursen liegen höchstens 5 Kalendertage.",
    "shares_not_null": "Eine Aktienzahl ist bekannt.",
    "shares_in_units": "Die Zahl ist in Stück angegeben (zwischen 100 000 und einer Billion), nicht in Tausend "
    "oder Millionen.",
    "count_not_after_claim": "Die Aktienzahl stammt vom Handelstag oder davor.",
    "count_within_a_year": "Die Aktienzahl ist weniger als etwa ein Jahr älter als der Handelstag.",
    "count_recent": "Die Aktienzahl stammt etwa aus dem letzten Quartalsbericht.",
    "source_named": "Die Quelle der Aktienzahl ist genannt.",
    "uncertainty_stated": "Die angegebene Unsicherheit der Aktienzahl liegt zwischen 0 und 5 %.",
    "claim_id_not_null": "Jede Aussage hat eine Kennung.",
    "claim_id_unique": "Keine Kennung kommt doppelt vor.",
    "metric_known": "Die Messgröße ist eine, die marketfact messen kann.",
    "direction_known": "Die Aussage nennt eine Richtung: gestiegen oder gefallen.",
    "magnitude_not_null": "Die Aussage nennt eine Zahl.",
    "money_claim_has_currency": "Ein Geldbetrag nennt seine Währung.",
    "currency_code": "Währungen sind ISO-4217-Codes.",
    "fall_at_most_100pct": "Ein Kurs kann um höchstens 100 % fallen.",
    "range_ordered": "Eine behauptete Spanne geht von niedrig nach hoch.",
    "sessions_ordered": "Der erste Handelstag liegt vor dem letzten.",
    "claim_not_before_its_sessions": "Ein Bericht kann keine Kursbewegung nach seinem eigenen Erscheinen nennen.",
    "instrument_named": "Die Aussage nennt ein Börsenkürzel (sonst wird es aus dem Namen ermittelt).",
    "percent_move_plausible": "Eine behauptete Bewegung über 50 % ist ungewöhnlich; die Lesart ist zu prüfen.",
    "sessions_on_weekdays": "Die genannten Handelstage fallen auf Werktage.",
    "no_duplicate_claims": "Dieselbe Aussage steht nicht zweimal unter verschiedenen Kennungen.",
}
"""What each expectation checks, in German (the English is the suite's own ``Spec.notes``)."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Data quality",
        "back": "Back to the report",
        "intro": (
            "Before a verdict rests on a price, Great Expectations checks the data. Critical expectations on "
            "the values a verdict uses make it unverifiable when they fail; warnings on the days around it "
            "are shown next to the verdict. This page lists every expectation of the run and what it checks."
        ),
        "checked": "{total} expectations: {met} met, {failed} not met",
        "what": "what is checked",
        "name": "expectation",
        "severity": "severity",
        "result": "result",
        "where": "where",
        "detail": "what was found",
        "met": "met",
        "not_met": "not met",
        "critical": "critical",
        "warning": "warning",
        "passed": "passed",
        "failed": "failed",
        "docs": "Great Expectations Data Docs (technical view; styled only with internet access)",
        "none": "No data was validated in this run.",
    },
    "de": {
        "title": "Datenqualität",
        "back": "Zurück zum Bericht",
        "intro": (
            "Bevor ein Urteil auf einem Kurs beruht, prüft Great Expectations die Daten. Schlägt eine kritische "
            "Prüfung an den Werten fehl, die ein Urteil verwendet, ist es nicht überprüfbar; Warnungen zu den "
            "Tagen davor und danach stehen neben dem Urteil. Diese Seite zeigt jede Prüfung des Laufs und was "
            "sie prüft."
        ),
        "checked": "{total} Prüfungen: {met} bestanden, {failed} nicht bestanden",
        "what": "was geprüft wird",
        "name": "Prüfung",
        "severity": "Gewicht",
        "result": "Ergebnis",
        "where": "wo",
        "detail": "Befund",
        "met": "bestanden",
        "not_met": "nicht bestanden",
        "critical": "kritisch",
        "warning": "Warnung",
        "passed": "bestanden",
        "failed": "nicht bestanden",
        "docs": "Data Docs von Great Expectations (technische Ansicht; nur mit Internetzugang gestaltet)",
        "none": "In diesem Lauf wurden keine Daten geprüft.",
    },
}

PAGE = "data-quality.html"
"""The page's file name, next to report.html."""


@dataclass(frozen=True, slots=True)
class ExpectationRow:
    """One expectation of one validation, in words."""

    name: str
    description: str
    description_lang: str  # the language the description is in (English where no translation exists)
    severity: str
    severity_key: str
    met: bool
    result: str
    where: str
    detail: str


@dataclass(frozen=True, slots=True)
class ValidationBlock:
    """One validated dataset."""

    anchor: str
    dataset: str
    suite: str
    success: bool
    result: str
    summary: str
    rows: tuple[ExpectationRow, ...]
    data_docs: str | None


@dataclass(frozen=True, slots=True)
class QualityContext:
    """The context of ``quality.html``."""

    lang: str
    w: dict[str, str]
    run_id: str
    validations: Iterable[ValidationBlock]  # made one at a time as the page is written (``quality_pieces``)
    css: Markup


@functools.cache
def descriptions() -> dict[str, str]:
    """Every expectation's English description, by name (the suites' ``Spec.notes``)."""
    from marketfact.checks.quality.runner import SUITES

    found: dict[str, str] = {}
    for specs in SUITES.values():
        for spec in specs:
            if spec.notes:
                found.setdefault(spec.name, spec.notes)
    return found


def describe(name: str, lang: str) -> tuple[str, str]:
    """What expectation ``name`` checks, and the language that sentence is in."""
    if lang == "de" and name in DE:
        return DE[name], "de"
    english = descriptions().get(name)
    return (english, "en") if english else (name.replace("_", " "), lang)


def _row(result: ExpectationResult, fmt: Formatter, w: dict[str, str]) -> ExpectationRow:
    text, text_lang = describe(result.name, fmt.lang)
    where = where_text(result, fmt)
    return ExpectationRow(
        name=result.name,
        description=text,
        description_lang=text_lang,
        severity=w.get(result.severity, result.severity),
        severity_key=result.severity,
        met=result.success,
        result=w["met"] if result.success else w["not_met"],
        where=where,
        detail=detail_text(result, fmt),
    )


def _block(index: int, outcome: ValidationOutcome, fmt: Formatter, w: dict[str, str]) -> ValidationBlock:
    rows = tuple(_row(r, fmt, w) for r in sorted(outcome.results, key=lambda r: (r.success, r.severity != "critical")))
    met = sum(r.met for r in rows)
    summary = w["checked"].format(total=len(rows), met=met, failed=len(rows) - met)
    docs = safe_href(outcome.data_docs, allow_relative=True) if outcome.data_docs else None
    return ValidationBlock(
        f"dataset-{index}",
        dataset_text(outcome.dataset, fmt),
        outcome.suite,
        outcome.success,
        w["passed" if outcome.success else "failed"],
        summary,
        rows,
        docs,
    )


def quality_context(run: RunReport, fmt: Formatter, css: str) -> QualityContext:
    """The data-quality page of ``run`` in ``fmt``'s language."""
    w = WORDS[fmt.lang]
    blocks = (_block(i, v, fmt, w) for i, v in enumerate(run.validations))
    return QualityContext(fmt.lang, w, run.run_id, blocks, Markup(css))


def quality_pieces(run: RunReport, lang: str = "en") -> Iterator[str]:
    """The data-quality page's HTML in pieces, each dataset's block made as it is written.

    A run of 100 000 SYNTHETIC claims validated about 18 000 datasets when share counts were one per
    (symbol, session): the whole page as one string, with every block made first, raised the flow's
    resident memory by 320 MB at its peak (bench.run, memory per step); written piece by piece it stays
    about flat. Share counts are one dataset per symbol now (≈1 000 blocks), the pieces stay.
    """
    from marketfact.reports.html import environment, stylesheet
    from marketfact.reports.i18n import check_lang

    context = quality_context(run, Formatter(check_lang(lang)), stylesheet())
    return environment().get_template("quality.html").generate(r=context)


def render_quality(run: RunReport, lang: str = "en") -> str:
    """The data-quality page's HTML."""
    return "".join(quality_pieces(run, lang))
