"""How an article was read, in German: the extractor's notes (``claims.extract``), one rule each (the English
wording as a regular expression with named parts, and the German sentence), and the alias table's notes; its
reasons why a number is no claim are in ``reports.readreasons``. ``reports.readnotes`` applies them.
"""

from __future__ import annotations

import re

from marketfact.reports.periodrules import rules

ALIAS_NOTES_DE: dict[str, str] = {
    "SoftBank alone means SoftBank Group (the investor); the mobile carrier SoftBank Corp. is 9434.T": "SoftBank "
    "allein meint die SoftBank Group (den Investor); der Mobilfunkanbieter SoftBank Corp. ist 9434.T",
    "the NYSE-listed ADR in US dollars; the home listing 2330.TW (Taiwan Stock Exchange) is not in the snapshot": "das "
    "an der NYSE notierte ADR in US-Dollar; die Heimatnotierung 2330.TW (Börse Taiwan) ist nicht im Datenstand",
    "the Taiwan home listing; not in the shipped snapshot": "die Heimatnotierung in Taiwan; nicht im mitgelieferten "
    "Datenstand",
    "the Nasdaq listing (New York registry shares, USD); the Amsterdam home listing ASML.AS is not in the snapshot": (
        "die Nasdaq-Notierung (New York Registry Shares, USD); die Amsterdamer Heimatnotierung ASML.AS ist nicht im "
        "Datenstand"
    ),
    "the Amsterdam home listing in euros; not in the shipped snapshot": (
        "die Amsterdamer Heimatnotierung in Euro; nicht im mitgelieferten Datenstand"
    ),
    "class A shares; the class C shares (GOOG) move almost alike": "A-Aktien; die C-Aktien (GOOG) bewegen sich fast "
    "gleich",
    "the mobile carrier, not SoftBank Group": "der Mobilfunkanbieter, nicht die SoftBank Group",
    "a Chinese AI start-up without listed shares": "ein chinesisches KI-Start-up ohne börsennotierte Aktien",
    "a private company without listed shares": "ein privates Unternehmen ohne börsennotierte Aktien",
    "an infrastructure project, not a listed company": "ein Infrastrukturprojekt, kein börsennotiertes Unternehmen",
    "the Chinese hedge fund behind DeepSeek, not listed": "der chinesische Hedgefonds hinter DeepSeek, nicht "
    "börsennotiert",
}
"""The alias table's notes (``claims/data/aliases.yaml``) in German; a test keeps it complete."""
NOTES = rules(
    [
        ("period {how}; the session before that: {day:D}", "Zeitraum {how}; der Handelstag davor: {day}"),
        (
            "period {words:Q}: no exchange calendar known for {symbol}",
            "Zeitraum {words}: kein Börsenkalender für {symbol} bekannt",
        ),
        (
            "period {words:Q} does not resolve to sessions: {error}",
            "Zeitraum {words} ergibt keine Handelstage: {error}",
        ),
        (
            "period {words:Q}: {day:D} had no session; a level said of that day stands at the close of the session "
            "before: {last:D}",
            "Zeitraum {words}: am {day} wurde nicht gehandelt; ein Stand dieses Tages ist der Schluss des Handelstags "
            "davor: {last}",
        ),
        (
            "period {words:Q} runs on from the session after the day the article named ({anchor:Q}): {first:D} to "
            "{last:D}, not the sessions before publication ({first2:D} to {last2:D})",
            "Zeitraum {words} läuft ab dem Handelstag nach dem im Artikel genannten Tag ({anchor}): {first} bis "
            "{last}, nicht die Handelstage vor der Veröffentlichung ({first2} bis {last2})",
        ),
        (
            "period {words:Q} ends on the day the article named ({anchor:Q}): {first:D} to {last:D}, not the sessions "
            "before publication ({first2:D} to {last2:D})",
            "Zeitraum {words} endet an dem im Artikel genannten Tag ({anchor}): {first} bis {last}, nicht die "
            "Handelstage vor der Veröffentlichung ({first2} bis {last2})",
        ),
        (
            "period {words:Q} is the week of the day the article named ({anchor:Q}): {first:D} to {last:D}, not the "
            "week of publication ({first2:D} to {last2:D})",
            "Zeitraum {words} ist die Woche des im Artikel genannten Tages ({anchor}): {first} bis {last}, nicht die "
            "Woche der Veröffentlichung ({first2} bis {last2})",
        ),
        (
            "period {words:Q} is the week of the day the article named ({anchor:Q}): {first:D} to {last:D}, not the "
            "week of publication (none of its sessions had closed)",
            "Zeitraum {words} ist die Woche des im Artikel genannten Tages ({anchor}): {first} bis {last}, nicht die "
            "Woche der Veröffentlichung (von der noch kein Handelstag geschlossen hatte)",
        ),
        (
            "period from the session after the close of {ref:Q} ({day:D}): {first:D} to {last:D}",
            "Zeitraum ab dem Handelstag nach dem Schluss von {ref} ({day}): {first} bis {last}",
        ),
        ("period {how}", "Zeitraum {how}"),
        (
            "a level is one session's: the last of {words:Q}, {day:D}",
            "ein Stand gilt für einen Handelstag: den letzten von {words}, {day}",
        ),
        (
            "since the close of {ref:Q}: the move runs on from the session after the day named to {end:Q}, the story's "
            "day",
            "seit dem Schluss von {ref}: die Bewegung läuft ab dem Handelstag nach dem genannten Tag bis {end}, "
            "dem Tag der Meldung",
        ),
        (
            "since the close of {ref:Q}: the move runs on from the session after the day named to the last session "
            "closed at publication",
            "seit dem Schluss von {ref}: die Bewegung läuft ab dem Handelstag nach dem genannten Tag bis zum letzten "
            "Handelstag, der beim Erscheinen geschlossen hatte",
        ),
        (
            "{ref:Q} is the close the sentence's move is measured from: the level is the close of {end:Q}, the story's "
            "day",
            "{ref} ist der Schluss, von dem aus die Bewegung des Satzes gemessen wird: der Stand ist der Schluss von "
            "{end}, dem Tag der Meldung",
        ),
        (
            "the session of {words:Q} had not opened on {mic} when the article appeared: the move told is of the one "
            "before",
            "der Handelstag {words} hatte an {mic} beim Erscheinen noch nicht begonnen: die berichtete Bewegung ist "
            "die des Handelstags davor",
        ),
        (
            "from the close of {ref:Q} to {end:Q}, both named in the sentence: the move starts at that close",
            "vom Schluss von {ref} bis {end}, beide im Satz genannt: die Bewegung beginnt mit diesem Schluss",
        ),
        (
            "{ref:Q} is the day of the purchase ({word:Q}): the move is measured from that day's close",
            "{ref} ist der Tag des Kaufs ({word}): die Bewegung wird vom Schluss dieses Tages aus gemessen",
        ),
        (
            "{words:Q}: the day named before, {ref:Q}, the day of the purchase told in the sentence before",
            "{words}: der zuvor genannte Tag, {ref}, der Tag des Kaufs aus dem Satz davor",
        ),
        (
            "{words:Q}: the day named before, {day:Q}",
            "{words}: der zuvor genannte Tag, {day}",
        ),
        (
            "{event:Q} {words:Q}: a weekday named by an event the article does not date, read as the latest such day",
            "{event} {words}: ein nach einem Ereignis benannter Wochentag, den der Artikel nicht datiert, als der "
            "letzte solche Tag gelesen",
        ),
        (
            "{word:Q}: the move since the close of {ref:Q}, carried over from earlier",
            "{word}: die Bewegung seit dem Schluss von {ref}, von früher übernommen",
        ),
        (
            "{words:Q}: the period of the claim before, {day:Q}, carried over from earlier",
            "{words}: der Zeitraum der Aussage davor, {day}, von früher übernommen",
        ),
        (
            "since the close of {ref:Q}, shared with the previous number of the sentence",
            "seit dem Schluss von {ref}, mit der Zahl davor im Satz geteilt",
        ),
        (
            "{words:Q}: a week before {day:Q}, the day of the story so far",
            "{words}: eine Woche vor {day}, dem bisher genannten Tag der Meldung",
        ),
        (
            "{words:Q}: {n} weeks before {day:Q}, the day of the story so far",
            "{words}: {n} Wochen vor {day}, dem bisher genannten Tag der Meldung",
        ),
        (
            "{words:Q}: a week before {day:Q}, the last weekday on or before publication",
            "{words}: eine Woche vor {day}, dem letzten Werktag bis zum Erscheinen",
        ),
        (
            "{words:Q}: {n} weeks before {day:Q}, the last weekday on or before publication",
            "{words}: {n} Wochen vor {day}, dem letzten Werktag bis zum Erscheinen",
        ),
        (
            "{phrase:Q}: the first such weekday after the day named before, {day:Q}",
            "{phrase}: der erste solche Wochentag nach dem zuvor genannten Tag, {day}",
        ),
        (
            "{words:Q}: the same day as told before, {day:Q}",
            "{words}: derselbe Tag wie zuvor erzählt, {day}",
        ),
        (
            "{words:Q}: its days, one for each number, in order: {day:Q}",
            "{words}: seine Tage, einer für jede Zahl, der Reihe nach: {day}",
        ),
        (
            "{words:Q}: the days named before, one for each number, in order: {day:Q}",
            "{words}: die zuvor genannten Tage, einer für jede Zahl, der Reihe nach: {day}",
        ),
        (
            "{words:Q}: the move since the session after {day:Q}, the day told before",
            "{words}: die Bewegung seit dem Handelstag nach {day}, dem zuvor erzählten Tag",
        ),
        (
            "{words:Q}: the move since the day told before, {day:Q}",
            "{words}: die Bewegung seit dem zuvor erzählten Tag, {day}",
        ),
        (
            "{opener:Q} opens the clause: the day of the close named before it, {day:Q}",
            "{opener} eröffnet den Satzteil: der Tag des zuvor genannten Schlusses, {day}",
        ),
        (
            "{opener:Q} opens the clause: the day named right before it, {day:Q}",
            "{opener} eröffnet den Satzteil: der unmittelbar davor genannte Tag, {day}",
        ),
        (
            "the close of {ref:Q} does not resolve to sessions: {error}",
            "der Schluss von {ref} ergibt keine Handelstage: {error}",
        ),
        (
            "the close of {ref:Q} ({day:D}) is not before {last:D}: the move's sessions are unknown",
            "der Schluss von {ref} ({day}) liegt nicht vor dem {last}: die Handelstage der Bewegung sind unbekannt",
        ),
        (
            "the sentence names several periods ({named}): which is this number's was inferred",
            "der Satz nennt mehrere Zeiträume ({named}): welcher für diese Zahl gilt, wurde erschlossen",
        ),
        (
            "no day named: the checker searches the sessions before publication",
            "kein Tag genannt: geprüft werden die Handelstage vor der Veröffentlichung",
        ),
        (
            "no day named: {words:Q}, the day of the dateline or title",
            "kein Tag genannt: {words}, der Tag aus Ortsmarke oder Titel",
        ),
        (
            "no period in this paragraph: {words:Q} carried over from earlier",
            "kein Zeitraum in diesem Absatz: {words} von weiter oben übernommen",
        ),
        (
            "no period in this sentence: {words:Q} carried over from the paragraph",
            "kein Zeitraum in diesem Satz: {words} aus dem Absatz übernommen",
        ),
        (
            "no period in this list item: {words:Q} from the heading of its list, carried over from earlier",
            "kein Zeitraum in diesem Listenpunkt: {words} aus der Überschrift der Liste, von weiter oben übernommen",
        ),
        (
            "the day carried over is before the latest day the article's claims name: a look-back",
            "der übernommene Tag liegt vor dem spätesten Tag, den die Aussagen des Artikels nennen: ein Rückblick",
        ),
        (
            "no period in this sentence: {words:Q} set the scene in a question before it",
            "kein Zeitraum in diesem Satz: {words} aus einer Frage davor übernommen",
        ),
        (
            "as read, the claim fails on the market data: on articles the rules had not seen, such a reading was most "
            "often a misreading (another company, day or figure): confirm it before the verdict counts",
            "so gelesen, widerlegen die Kursdaten die Aussage: bei Artikeln, die die Regeln nicht kannten, war eine "
            "solche Lesart meist ein Lesefehler (anderes Unternehmen, anderer Tag, andere Zahl): bitte bestätigen, "
            "bevor das Urteil zählt",
        ),
        (
            "as read, the claim cannot be checked on the market data: on articles the rules had not seen, such a "
            "reading was seldom right (a day that had not closed, a unit the listing does not trade in): confirm it",
            "so gelesen, lässt sich die Aussage mit den Kursdaten nicht prüfen: bei Artikeln, die die Regeln nicht "
            "kannten, war eine solche Lesart selten richtig (ein Tag, der noch nicht geschlossen hatte, eine "
            "Einheit, in der die Notierung nicht gehandelt wird): bitte bestätigen",
        ),
        (
            "the claim cannot be checked for want of data: that says nothing of how it was read",
            "die Aussage lässt sich mangels Daten nicht prüfen: über ihre Lesart sagt das nichts",
        ),
        (
            "confidence raised to {confidence}: the claim holds on the market data as read; measured accuracy of "
            "{inferred} when it holds",
            "Konfidenz auf {confidence} angehoben: so gelesen, bestätigen die Kursdaten die Aussage; gemessene "
            "Trefferquote, wenn die Kursdaten die Aussage bestätigen: {inferred}",
        ),
        (
            "confidence held at {confidence}: measured accuracy of {inferred}",
            "Konfidenz auf {confidence} begrenzt, nach der gemessenen Trefferquote: {inferred}",
        ),
        (
            "this sentence (which names no company) read as {name}: {named:Q}, {how}",
            "dieser Satz (er nennt kein Unternehmen) gelesen als {name}: {named}, {how}",
        ),
        ("{said:Q} read as {name}: {named:Q}, {how}", "{said} gelesen als {name}: {named}, {how}"),
        ("market value from {words:Q}", "Börsenwert aus {words}"),
        ("{words:Q} shared with the previous number of the sentence", "{words} gilt auch für die Zahl davor im Satz"),
        (
            "a day's extreme is of one session: that of the previous number of the sentence, {words:Q}",
            "ein Tagesextrem gilt für einen Handelstag: den der Zahl davor im Satz, {words}",
        ),
        ("{words:Q}, said after {day:Q}: its date", "{words}, nach {day} genannt: dessen Datum"),
        (
            "{end:Q} ends a move from the close of the day named before, {ref:Q}, in the sentence before",
            "{end} beendet eine Bewegung ab dem Schlusskurs des im Satz davor genannten Tages, {ref}",
        ),
        ("{words:Q}: the previous number's move, in another unit", "{words}: Bewegung der Zahl davor, andere Einheit"),
        ("{words:Q}: the next number's move, in another unit", "{words}: Bewegung der Zahl danach, andere Einheit"),
        (
            "{words:Q} in {currency}, the currency of {name}'s listing: its points, as reports write them",
            "{words} in {currency}, der Währung der Notierung von {name}: dessen Punkte, wie Berichte sie schreiben",
        ),
        ("{words:Q} paired with the numbers in order", "{words} den Zahlen der Reihe nach zugeordnet"),
        ("one number said of each of {names}", "eine Zahl für jeden von {names}"),
        (
            "no verb of its own: the direction is carried over from the same sentence",
            "kein eigenes Verb: die Richtung ist aus demselben Satz übernommen",
        ),
        (
            "{word:Q} names no direction: read from the close told before, {level:Q}, and the close named, {ref:Q}",
            "{word} nennt keine Richtung: gelesen aus dem Schlusskurs davor, {level}, und dem genannten, {ref}",
        ),
        (
            "the verb {verb:Q} is this number's: {phrase:Q} before it tells an earlier move",
            "das Verb {verb} gilt dieser Zahl: {phrase} davor nennt eine frühere Bewegung",
        ),
        (
            "{words:Q} {name:Q} at a percent: that name's move, in the direction of the move before it",
            "{words} {name} mit einem Prozentwert: die Bewegung dieses Namens, in der Richtung der Bewegung davor",
        ),
        (
            "'es' or 'das' and a copula, no verb of its own: the direction is carried over from the move told before",
            "„es“ oder „das“ mit einer Form von „sein“, kein eigenes Verb: die Richtung ist aus der Bewegung davor "
            "übernommen",
        ),
        (
            "'es' and a copula, no verb of its own: the direction is carried over from the clause before, at its "
            "extreme",
            "„es“ mit „war“/„waren“, kein eigenes Verb: die Richtung ist aus dem Satzteil davor übernommen, an ihrem "
            "Extrem",
        ),
        (
            "up and down words both near the number; took the nearest, {words:Q}",
            "Wörter für Plus und für Minus nahe der Zahl; das nächste gilt: {words}",
        ),
        (
            "{words:Q} counted back from the session after {day:Q}, the previous number's day",
            "{words} zurückgezählt vom Handelstag nach {day}, dem Tag der Zahl davor",
        ),
        ("{words:Q} counted back from {day:Q}, {where}", "{words} zurückgezählt von {day}, {where}"),
        ("{words:Q} counted on from {day:Q}, {where}", "{words} weitergezählt ab {day}, {where}"),
        (
            "{words:Q}: the session before {day:Q}, the day of the story so far",
            "{words}: der Handelstag vor {day}, dem bisher genannten Tag der Meldung",
        ),
        ("{words:Q}: the session before {day:Q}", "{words}: der Handelstag vor {day}"),
        (
            "{words:Q}: the level the move started from, the close of the session before {day:Q}",
            "{words}: der Stand, von dem die Bewegung ausging, der Schluss des Handelstags vor {day}",
        ),
        ("{words:Q}: the session after {day:Q}, {where}", "{words}: der Handelstag nach {day}, {where}"),
        ("{words:Q}: {n} sessions after {day:Q}, {where}", "{words}: {n} Handelstage nach {day}, {where}"),
        (
            "{words:Q} named after the previous number, which has a day of its own",
            "{words} nach der Zahl davor genannt, die einen eigenen Tag hat",
        ),
        (
            "{words:Q} said of the next number in the clause, read as shared",
            "{words} bei der nächsten Zahl im Satzteil genannt, als gemeinsam gelesen",
        ),
        (
            "{words:Q} opens the clause: the day of the previous number of the sentence",
            "{words} eröffnet den Satzteil: der Tag der Zahl davor im Satz",
        ),
        (
            "the record is said of the move before it in the sentence: its day",
            "der Rekord bezieht sich auf die Bewegung davor im Satz: ihr Tag",
        ),
        (  # claims.extract.kind.kinds.NOTE_ACROSS / NOTE_DURATION (#17)
            "{words:Q}: a record across companies or a whole market needs every listing's history, so it is no claim "
            "(a company's own record of market value is one)",
            "{words}: ein Rekord über alle Unternehmen oder einen ganzen Markt bräuchte die Kurshistorie jeder "
            "Notierung, daher keine prüfbare Aussage (ein Rekord des Unternehmens selbst beim Börsenwert wäre eine)",
        ),
        (
            "{words:Q}: a record of a move over a week, a month or longer; marketfact's records compare one session "
            "(a close, a one-day move, a streak), so it is no claim",
            "{words}: ein Rekord einer Bewegung über eine Woche, einen Monat oder länger; marketfact vergleicht bei "
            "Rekorden einzelne Handelstage (Schlusskurs, Tagesbewegung, Serie), daher keine prüfbare Aussage",
        ),
        (
            "a clause without a verb: the move {words:Q} of the clause before it",
            "ein Satzteil ohne Verb: die Bewegung {words} aus dem Satzteil davor",
        ),
        (
            "hedge words disagree ({error}); kept {words:Q}, the one next to the number",
            "Einschränkungen widersprechen sich ({error}); {words} gilt, das Wort an der Zahl",
        ),
        (
            "no 'market value' wording: an amount in billions lost or gained by a company read as market value",
            "kein Wort für Börsenwert: ein Milliardenbetrag, den ein Unternehmen verlor oder gewann, als Börsenwert "
            "gelesen",
        ),
        (
            "listing {symbol} chosen by the place named in the sentence: {alias_note}",
            "Notierung {symbol} nach dem im Satz genannten Ort gewählt: {alias_note}",
        ),
        ("{symbol}: {venue} listing in euros", "{symbol}: Notierung an der {venue} in Euro"),
    ]
)
_ALIAS = "|".join(re.escape(note) for note in sorted(ALIAS_NOTES_DE, key=len, reverse=True))
NOTES += ((re.compile(rf"(?P<symbol>\S+): (?P<alias_note>{_ALIAS})$"), "{symbol}: {alias_note}"),)
WHERE_DE: dict[str, str] = {
    "named earlier in this sentence": "früher in diesem Satz genannt",
    "the subject of the previous claim in this paragraph": "Gegenstand der vorigen Aussage in diesem Absatz",
    "the paragraph's day": "dem Tag des Absatzes",
    "the day of the story so far": "dem bisher genannten Tag der Meldung",
    "the dateline's day": "dem Tag der Ortsmarke",
    "named before it in the sentence": "davor im Satz genannt",
    "told in a sentence before it": "in einem Satz davor erzählt",
    "the day of the claim before": "dem Tag der Aussage davor",
    "the previous number's day": "dem Tag der Zahl davor",
    "the day of the event the move follows": "dem Tag des Ereignisses, auf das die Bewegung folgt",
    "named before it": "davor genannt",
    "the only company the article named before": "das einzige Unternehmen, das der Artikel davor nannte",
    "the first company the article named, the company the story is about": (
        "das erste Unternehmen, das der Artikel nannte, das Unternehmen, um das es in der Meldung geht"
    ),
}
"""Where a name or a day was taken from (``{where}`` in a note), in German."""
