"""Why a number of an article is no claim, in German: the extractor's reasons (``claims.extract``), one rule each
(the English wording as a regular expression with named parts, and the German sentence). ``reports.readnotes``
applies them; the notes on how a claim was read are in ``reports.readrules``.
"""

from __future__ import annotations

import re

from marketfact.reports.periodrules import rules
from marketfact.reports.readrules import ALIAS_NOTES_DE

_ALIAS = "|".join(re.escape(note) for note in sorted(ALIAS_NOTES_DE, key=len, reverse=True))

REASONS = rules(
    [
        ("about {words:Q}, not a market price", "betrifft {words}, keinen Marktkurs"),
        (
            "a count or figure ({noun}), not a price move: about {words:Q}",
            "eine Anzahl oder Größe ({noun}), keine Kursbewegung: betrifft {words}",
        ),
        ("a count or figure ({noun}), not a price move", "eine Anzahl oder Größe ({noun}), keine Kursbewegung"),
        (
            "a count or figure, not a price move: about {words:Q}",
            "eine Anzahl oder Größe, keine Kursbewegung: betrifft {words}",
        ),
        ("a count or figure, not a price move", "eine Anzahl oder Größe, keine Kursbewegung"),
        (
            "what an earlier text said ({words:Q}), withdrawn: no claim",
            "was ein früherer Text sagte ({words}), zurückgenommen: keine Aussage",
        ),
        (
            "a figure the text withdraws ({words:Q} before it), no claim",
            "eine Zahl, die der Text zurücknimmt ({words} davor), keine Aussage",
        ),
        (
            "the title's figure, told again in the story ({words:Q}): one claim, read there",
            "die Zahl der Überschrift, im Text noch einmal genannt ({words}): eine Aussage, dort gelesen",
        ),
        ("no rise or fall is stated for this number", "für diese Zahl ist weder ein Anstieg noch ein Rückgang genannt"),
        (
            "the day's low or high, but no rise or fall is stated",
            "Tagestief oder -hoch, aber weder Anstieg noch Rückgang genannt",
        ),
        (
            "percentage points are not a percent change of a price",
            "Prozentpunkte sind keine prozentuale Kursveränderung",
        ),
        ("index points: marketfact checks percent changes", "Indexpunkte: marketfact prüft prozentuale Veränderungen"),
        ("a level ({level}), not a change", "ein Stand ({level}), keine Veränderung"),
        (
            "about a group ({words:Q}), not one company or index",
            "betrifft eine Gruppe ({words}), nicht ein Unternehmen oder einen Index",
        ),
        (
            "{words:Q} refers back, but nothing suitable was named before",
            "{words} verweist zurück, aber davor wurde nichts Passendes genannt",
        ),
        (
            "no company or index is named and nothing suitable was named before",
            "kein Unternehmen und kein Index genannt, und davor wurde nichts Passendes genannt",
        ),
        (
            "{name} is an index: its level is in points, not money",
            "{name} ist ein Index: sein Stand wird in Punkten angegeben, nicht in Geld",
        ),
        (
            "{name} is no index: a price in points is no claim",
            "{name} ist kein Index: ein Kurs in Punkten ist keine Aussage",
        ),
        (
            "{name} is an index: it has no market value in money",
            "{name} ist ein Index: er hat keinen Börsenwert in Geld",
        ),
        ("an amount of money with no market-value wording", "ein Geldbetrag ohne Wort für Börsenwert"),
        (
            "an amount of money of a reporting period ({words:Q}), no market value",
            "ein Geldbetrag eines Berichtszeitraums ({words}), kein Börsenwert",
        ),
        (
            "{words:Q}: letters after the number that are no unit marketfact reads (claims/numbers.py)",
            "{words}: Buchstaben nach der Zahl, die marketfact nicht als Einheit liest (claims/numbers.py)",
        ),
        (
            "{name:Q} may mean {candidates}; name the company in full",
            "{name} kann {candidates} bedeuten; bitte das Unternehmen vollständig nennen",
        ),
        ("{name:Q} is not in the alias table; {why}", "{name} steht nicht in der Namenstabelle; {why}"),
        ("{name:Q} is not in the alias table", "{name} steht nicht in der Namenstabelle"),
    ]
)
REASONS += (
    (
        re.compile(rf"(?P<name>.+?) is not listed: (?P<alias_note>{_ALIAS})$"),
        "{name} ist nicht börsennotiert: {alias_note}",
    ),
)
