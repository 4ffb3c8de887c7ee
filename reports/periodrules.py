"""How ``claims.periods`` says it resolved a period, in German: one rule per English clause (its wording as a
regular expression with named parts) and its German sentence, and the machinery that compiles them.

``reports.readnotes`` applies these rules, and those of ``reports.readrules`` (the extractor's notes), to a
recorded note; a part written ``{name:Q}`` is a word as Python's repr quotes it, ``{name:D}`` an ISO date,
``{name}`` any text.
"""

from __future__ import annotations

import re

QUOTED = r"'[^']*'|\"[^\"]*\""  # a word as Python's repr quotes it
ISO_DATE = r"\d{4}-\d{2}-\d{2}"

WEEKDAYS_DE = {
    "Monday": "Montag",
    "Tuesday": "Dienstag",
    "Wednesday": "Mittwoch",
    "Thursday": "Donnerstag",
    "Friday": "Freitag",
    "Saturday": "Samstag",
    "Sunday": "Sonntag",
}


Rule = tuple[re.Pattern[str], str]


def rules(pairs: list[tuple[str, str]]) -> tuple[Rule, ...]:
    """Each English wording as a regular expression with named parts, next to its German sentence."""
    pattern = {"Q": QUOTED, "D": ISO_DATE}
    out = []
    for regex, german in pairs:
        # {name:Q} / {name:D} / {name} (any text) in the English wording
        def part(m: re.Match[str]) -> str:
            name, kind = m.group(1), m.group(2)
            return f"(?P<{name}>{pattern[kind] if kind else '.+?'})"

        body = re.sub(r"\{(\w+)(?::(\w))?\}", part, re.escape(regex).replace(r"\{", "{").replace(r"\}", "}"))
        out.append((re.compile(body + "$", re.DOTALL), german))
    return tuple(out)


# The clause of ``claims.periods`` that says how a period was resolved (``PeriodResolution.how``'s "why").
WHY = rules(
    [
        (
            "the most recent {weekday} on or before the publication date in {zone} ({day:D})",
            "der letzte {weekday} am oder vor dem Erscheinungstag ({day}, Ortszeit {zone})",
        ),
        (
            "the most recent {weekday} before the publication date in {zone} ({day:D})",
            "der letzte {weekday} vor dem Erscheinungstag ({day}, Ortszeit {zone})",
        ),
        ("the most recent {weekday} on or before that day", "der letzte {weekday} am oder vor diesem Tag"),
        ("the most recent {weekday} before that day", "der letzte {weekday} vor diesem Tag"),
        ("the publication date {day:D} (UTC{offset})", "der Erscheinungstag {day} (UTC{offset})"),
        (
            "the day before the publication date {day:D} (UTC{offset})",
            "der Tag vor dem Erscheinungstag {day} (UTC{offset})",
        ),
        (
            "two days before the publication date {day:D} (UTC{offset})",
            "zwei Tage vor dem Erscheinungstag {day} (UTC{offset})",
        ),
        ("the date as written, year from {day:D}", "das Datum wie geschrieben, Jahr vom {day}"),
        ("the date as written", "das Datum wie geschrieben"),
        (
            "from {first:D} ({why}) to the last closed session",
            "vom {first} ({why}) bis zum letzten geschlossenen Handelstag",
        ),
        ("the last {n} sessions that had closed", "die letzten {n} geschlossenen Handelstage"),
        (
            "overnight: the last {mic} session that had closed when it appeared",
            "über Nacht: der letzte Handelstag an der {mic}, der bei Erscheinen geschlossen hatte",
        ),
        ("{n} sessions ending {last:D} ({why})", "{n} Handelstage bis zum {last} ({why})"),
        ("from {first:D} to {last:D} ({why})", "vom {first} bis zum {last} ({why})"),
        ("{span}: the {mic} sessions that had closed", "{span}: die geschlossenen Handelstage an der {mic}"),
    ]
)
SPAN = rules(
    [
        ("year to date ({year})", "seit Jahresbeginn ({year})"),
        ("the first {n} sessions of the week of {day:D}", "die ersten {n} Handelstage der Woche vom {day}"),
        ("the last session of the week of {day:D}", "der letzte Handelstag der Woche vom {day}"),
        ("the week of {day:D}", "die Woche vom {day}"),
        ("from the close of {day:D}", "ab dem Schlusskurs vom {day}"),
    ]
)
HOW = rules(
    [
        ("{words:Q}: {why} → {mic} {first:D} to {last:D}", "{words}: {why} → {mic} {first} bis {last}"),
        ("{words:Q}: {why} → {mic} {first:D}", "{words}: {why} → {mic} {first}"),
    ]
)
