"""Readings a person should confirm: what the report says of a claim read from an article with low confidence
(the mark, the confidence, the count in the summary) and what the reading inferred
(``claims.extract.calibration.INFERENCES``), in the report's language.
"""

from __future__ import annotations

from marketfact.reports.i18n import Formatter

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
        "day: shared with the number before": "the day was taken from the number before it in the sentence",
        "day: shared in sentence": "the day was shared with another number of the sentence",
        "day: earlier sentence": "the day was taken from an earlier sentence",
        "day: look-back carried over": "the day was taken from an earlier sentence that looked back to it",
        "day: dateline": "the day was taken from the dateline or title",
        "day: question before": "the day was taken from a question before it (“Remember Monday?”)",
        "day: session before": "read as the session before the day named",
        "day: session after": "read as the session after the day told before (“the following day”)",
        "day: named before": "read as the day of that name the article told of before (“that Monday”)",
        "day: counted from story": "the period was counted from a day the article named elsewhere",
        "day: named by an event": "the day is named by an event the article does not date (“Jobs Friday”)",
        "day: none named": "no day is named: the checker searches the sessions",
        "day: several in sentence": "the sentence names several periods: which is this number's was inferred",
        "market value: no wording": "read as market value though the sentence does not say “market value”",
        "data: fails as read": "as read, the claim fails on the market data: mostly a misreading",
        "data: cannot be checked as read": "as read, the claim cannot be checked on the market data",
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
        "day: shared with the number before": "der Tag wurde von der Zahl davor im Satz übernommen",
        "day: shared in sentence": "der Tag wurde mit einer anderen Zahl des Satzes geteilt",
        "day: earlier sentence": "der Tag wurde aus einem früheren Satz übernommen",
        "day: look-back carried over": "der Tag wurde aus einem früheren Satz übernommen, der auf ihn zurückblickte",
        "day: dateline": "der Tag wurde aus Ortsmarke oder Titel übernommen",
        "day: question before": "der Tag wurde aus einer Frage davor übernommen („Erinnern Sie sich an den Montag?“)",
        "day: session before": "als Handelstag vor dem genannten Tag gelesen",
        "day: session after": "als Handelstag nach dem zuvor erzählten Tag gelesen („am Folgetag“)",
        "day: named before": "als der zuvor im Artikel genannte Tag dieses Namens gelesen („an jenem Montag“)",
        "day: counted from story": "der Zeitraum wurde von einem anderswo im Artikel genannten Tag aus gezählt",
        "day: named by an event": "der Tag ist nach einem Ereignis benannt, das der Artikel nicht datiert",
        "day: none named": "kein Tag genannt: die Prüfung sucht die Handelstage",
        "day: several in sentence": "der Satz nennt mehrere Zeiträume: welcher für diese Zahl gilt, wurde erschlossen",
        "market value: no wording": "als Börsenwert gelesen, obwohl der Satz nicht „Börsenwert“ sagt",
        "data: fails as read": "so gelesen, widerlegen die Kursdaten die Aussage: meist ein Lesefehler",
        "data: cannot be checked as read": "so gelesen, lässt sich die Aussage mit den Kursdaten nicht prüfen",
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
    """ "read with confidence 0.55, under 0.80" in the report's language and number format."""
    return UNCERTAIN[fmt.lang]["confidence"].format(
        confidence=fmt.decimal(confidence, digits=2), threshold=fmt.decimal(threshold, digits=2)
    )


def uncertain_count(n: int, total: int, threshold: float, fmt: Formatter) -> str:
    """The summary's line counting the uncertain readings apart."""
    return UNCERTAIN[fmt.lang]["count"].format(n=n, total=total, threshold=fmt.decimal(threshold, digits=2))
