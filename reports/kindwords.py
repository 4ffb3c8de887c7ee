"""The German words of levels, points changes, market-value levels and records (``checks.kindtext`` writes the
English ones): a record's name ("tiefste Schlusskurs", "längste Verlustserie") and the sentence of each kind.
``reports.kindsentences`` fills them in from ``Verdict.kind_reading``; ``reports.paraphrase`` names records with them.
"""

from __future__ import annotations

RECORD_DE = {
    "lowest_close": "tiefste Schlusskurs",
    "highest_close": "höchste Schlusskurs",
    "biggest_fall": "größte Tagesverlust",
    "biggest_rise": "größte Tagesgewinn",
    "losing_streak": "längste Verlustserie",
    "winning_streak": "längste Gewinnserie",
}
VALUE_RECORD_DE = {
    "biggest_fall": "größte Tagesverlust an Börsenwert",
    "biggest_rise": "größte Tagesgewinn an Börsenwert",
}
"""A record of market value (unit: money, #17)."""
KIND_DE: dict[str, str] = {
    "raw_one": "unbereinigter Schlusskurs; Handelstage nach Ortszeit {city}",
    "raw": "unbereinigte Schlusskurse; Handelstage nach Ortszeit {city}",
    "close_level": "{name} schloss am {end} bei {close} ({raw}); im Tagesverlauf lag der Kurs zwischen {low} und "
    "{high}",
    "intraday_level": "{name} erreichte {when} ein {word} von {extreme} (Handelstage nach Ortszeit {city}); "
    "Schlusskurs am {end}: {close}",
    "points_change": "{name} schloss am {end} bei {close} gegenüber {base_close} am {base} ({raw}): {points} ({pct})",
    "points_intraday": "; am Tagesextrem {extreme}: {points}",
    "market_cap_level": "{name}: {shares} Aktien × {what} {price} am {end} = {listing}{conv}",
    "conv": " ≈ {measured}, umgerechnet zum {rate_name}: {rate} {quote} je {base}",
    "admits": "die Aussage lässt {interval} {unit} zu",
    "widened": " (um 1 % erweitert wegen der Unsicherheit der Aktienzahl)",
    "CORRECT": "{fact}; {admits}, sie trifft also zu.",
    "MOSTLY_CORRECT": "{fact}; {admits}: knapp daneben.",
    "MISLEADING": "{fact}; {admits}. Die Zahl passt nur auf anderer Grundlage: {basis}.",
    "INCORRECT": "{fact}; {admits}, sie trifft also nicht zu{opposite}.",
    "opposite": " (der Kurs bewegte sich in die andere Richtung)",
    "record_move": "{name} schloss am {end} bei {close} gegenüber {base_close} am {base}: {pct} ({raw})",
    "record_level": "{name} schloss am {end} bei {close} ({raw})",
    "record_value": "{name}: {shares} Aktien × ({close} − {base_close}), Schlusskurse vom {end} und {base} = {value} "
    "Börsenwert ({raw}; dieselbe Aktienzahl für jeden Handelstag der Historie)",
    "record_value_change": "Tagesänderung des Börsenwerts",
    "streak_fact": "{name} schloss bis zum {end} an {n} Handelstagen in Folge {way} als am Vortag ({raw})",
    "streak_history": "die {words} vom {first} bis zu ihrem Beginn waren {prior} Handelstage, bis zum {day}",
    "streak_no_history": "die Kurshistorie vom {first} bis zu ihrem Beginn enthält keine solche Serie",
    "streak_holds": "{fact}; {history}: es ist also die {words} seit dem {first} (die Aussage lässt {interval} "
    "Handelstage zu).",
    "streak_fails": "{fact}; {history}: es ist also nicht die {words} (die Aussage lässt {interval} Handelstage zu).",
    "streak_misleading": "{fact}; {history}, eine solche Serie ist es also nicht; sie passt nur auf anderer "
    "Grundlage: {basis}.",
    "record_streak": "Serie",
    "history": "der {words} vom {first} bis zum Vortag war {shown} am {day}",
    "no_history": "die Kurshistorie ab dem {first} enthält keinen früheren Handelstag",
    "record_holds": "{fact}; {history}: es ist also der {words} seit dem {first} (die Aussage lässt {interval} {unit} "
    "zu).",
    "record_fails": "{fact}; {history}: es ist also nicht der {words} (die Aussage lässt {interval} {unit} zu).",
    "record_misleading": "{fact}; {history}, ein solcher Rekord ist es also nicht; der Rekord passt nur auf anderer "
    "Grundlage: {basis}.",
    "notation_level": "{stated} → Stand in {interval}",
    "notation_move": "{stated} → Betrag in {interval}",
    "notation_record": "{words} seit dem {since} → {what} in {interval} {unit}",
    "notation_record_ever": "{words} über die ganze Historie → {what} in {interval} {unit}",
    "record_close": "Schlusskurs",
    "record_day_move": "Tagesbewegung",
    "since": "{words} seit dem {since}",
    "ever": "{words} über die ganze Historie",
}
