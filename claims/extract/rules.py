"""The extractor's vocabulary as data: market value, references back, groups, levels and numbers that are not
about prices, in German and English (the words for up and down: ``claims.extract.direction.directionwords``).

Words are compared lowercased (not casefolded: "ß" stays), token by token. German compounds are matched by
their last part where a table says so (``*_TAILS``): "Kurseinbruch" ends in "einbruch", "Chipwerte" in
"werte". Hedge words are not here: they live in ``claims.hedges.HEDGES``, the one table the checker also
reads.
"""

from __future__ import annotations

from collections.abc import Iterable


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` as a set (tables are written as one string per row)."""
    return frozenset(text.split())


def phrase_set(*items: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(i.split()) for i in items), key=len, reverse=True))


# ---- what the number is about -------------------------------------------------------------------------
MARKET_VALUE = {
    "de": phrase_set("börsenwert", "börsenwerts", "börsenwertes", "marktwert", "marktwerts", "marktwertes",
                   "marktkapitalisierung", "börsenkapitalisierung", "an wert", "an börsenwert", "an marktwert"),
    "en": phrase_set("market value", "market cap", "market capitalization", "market capitalisation", "market-cap",
                   "in value", "of value", "valuation", "market valuation", "stock market value"),
}  # fmt: skip
MARKET_VALUE_VERBS = {
    "de": word_set("vernichtet vernichtete vernichteten ausradiert radierte"),
    "en": word_set("wiped wiping erased erasing shed shedding"),
}
"""Verbs that, with an amount of money, speak of market value even without the word ("wiped $593bn off")."""

WORTH_HOLDERS = word_set("is was are were be been being now company firm group chipmaker business it they stock shares")
"""Right before "worth": the company itself or a copula, so the amount after it is the company's market value ("the
chipmaker was worth roughly $3.3 trillion", "making the company worth about $3.4 trillion"), not "an order worth $10
billion"."""

NOT_MARKET = {
    "de": word_set(
        "umsatz umsätze umsatzes erlös erlöse gewinn gewinns nettogewinn reingewinn quartalsgewinn jahresgewinn "
        "ergebnis ebit ebitda mitarbeiter mitarbeitende beschäftigte angestellte stellen arbeitsplätze jobs parameter "
        "parametern nutzer downloads investition investitionen investieren investiert investitionsplan rechenzentren "
        "rechenzentrum projekt projekts plan plans budget kosten ausgaben auftrag aufträge dividende prognose "
        "marktanteil anteil beteiligung übernahme kaufpreis kredit schulden rendite zinsen inflation chips gpus "
        "grafikprozessoren nachfrage kapazität strombedarf stromverbrauch energiebedarf kursziel trainingskosten "
        "entwicklungskosten gehalt vermögen milliardär volumen handelsvolumen verwaltet verbraucherpreise "
        "erzeugerpreise importpreise inflationsrate teuerung teuerungsrate zoll zölle zöllen steuer unterstützung "
        "widerstand"
    ),
    "en": word_set(
        "revenue revenues sales profit profits income earnings eps margin margins employees staff workers jobs "
        "headcount workforce parameters users downloads investment investments invest invests investing capex "
        "expenditure expenditures spending spend budget cost costs plan plans project venture data-center "
        "data-centre dividend dividends guidance forecast stake deal acquisition debt bonds yield inflation chips "
        "gpus demand capacity electricity orders backlog target fortune wealth billionaire salary volume manages "
        "manage assets gdp economy unemployment jobless payrolls"
    ),
}
NOT_MARKET_TAILS = {
    "de": ("umsatz", "umsätze", "gewinn", "kosten", "investitionen", "ausgaben", "zentren", "projekt", "plan",
           "parameter", "mitarbeiter", "nutzer", "budget", "anteil", "prognose", "vermögen", "zoll", "zölle",
           "zöllen", "steuer", "linie"),
    "en": (),
}  # fmt: skip
NOT_MARKET_PHRASES = {
    "de": phrase_set("gewinn je aktie"),
    "en": phrase_set("data center", "data centers", "data centre", "data centres", "market share", "net income",
                   "price target", "joint venture", "per share", "to train", "net worth", "consumer prices",
                   "producer prices", "import prices", "consumer price index", "sentiment index", "confidence index"),
}  # fmt: skip

REPORTING_PERIODS = {
    "de": word_set(
        "quartal quartals geschäftsquartal geschäftsquartals geschäftsjahr geschäftsjahres halbjahr halbjahres"
    ),
    "en": word_set("quarter quarterly fiscal half-year"),
}
"""Nouns of a company's reporting period ("im dritten Geschäftsquartal", "in the fourth quarter"): an amount of money
said of one with no market-value wording is a figure of its accounts ("einen Verlust von 369 Milliarden Yen"), not its
market value."""

REACH = {"de": word_set("erreicht erreichte erreichten"), "en": word_set("reached touched touching hit hitting")}
"""Verbs that reach a level ("Zeitweise hatte er 22.624,57 Punkte erreicht", "touched $413.16 at its low")."""


def reached(lows: list[str], lang: str) -> str | None:
    """The direction of an intraday level reached: a high, unless the clause names a low; None without such a verb."""
    if not any(w in REACH[lang] for w in lows):
        return None
    return "down" if any(w in ("low", "tief", "tagestief", "tiefststand") for w in lows) else "up"


LEVEL_BEFORE = {"de": word_set("auf bei"), "en": word_set("to at")}
"""A number right after these is a level ("fiel auf 118 Dollar", "closed at $118"), not a change."""
LEVEL_AFTER = {"de": word_set("wert schwer"), "en": word_set("worth")}

# ---- who the number is about --------------------------------------------------------------------------
DETERMINERS = {
    "de": word_set("der die das des dem den sein seine seiner seines seinen ihr ihre ihrer ihres ihren"),
    "en": word_set("the its their his her"),
}
EQUITY_REFERENCES = {
    "de": word_set(
        "aktie aktien aktienkurs kurs aktienwert papier papiere titel konzern konzerns unternehmen unternehmens "
        "firma hersteller herstellers ausrüster zulieferer gruppe börsenwert marktwert anteilsschein anteilsscheine"
    ),
    "en": word_set(
        "stock shares company company's group firm chipmaker chipmaker's maker designer supplier utility "
        "operator valuation adr adrs"
    ),
}
EQUITY_REFERENCE_TAILS = ("konzern", "konzerns", "hersteller", "herstellers", "ausrüster", "zulieferer", "versorger")
INDEX_REFERENCES = {
    "de": word_set("index indexes leitindex barometer börsenbarometer auswahlindex"),
    "en": word_set("index benchmark gauge composite"),
}
INDEX_REFERENCE_TAILS = ("index", "leitindex")
LOOK_BACK_LEADS = {
    "de": word_set("nach nachdem einschließlich inklusive"),
    "en": word_set("after following adding extending building including"),
}
"""Words before a number that make its move a look back from the story's day ("after losing 6.2% on Thursday",
"adding to Tuesday's 1.7% advance"): its day does not become the day later sentences inherit."""
RELATIVE_PRONOUNS = {
    "de": word_set("der die das dessen deren welcher welche welches"),
    "en": word_set("which whose who that"),
}
"""Relative pronouns after "The conglomerate," / "Der Konzern,": the noun names the article's company."""
ASIDE_OPENERS = {
    "de": word_set("der die das dem den des ein eine einem einer eines dessen deren welche welcher welches wie"),
    "en": word_set("a an the one which who whose that like"),
}
"""An enclosed clause opening with these and saying no move is an aside, not the sentence's subject
(", der weltgrößte Chipkonzern,", ", which counts TSMC among its customers,"); so is one opening with a
preposition and a relative pronoun (", an dem Siemens Energy gemessen wird,")."""
RELATIVE = {
    "de": word_set("der die das dem den dessen deren welche welcher welches welchem welchen"),
    "en": word_set("which whom whose"),
}
PREPOSITIONS = {
    "de": word_set(
        "für von vom wie bei beim mit an am zu zum zur gegenüber hinter vor nach neben über unter als aus gegen "
        "samt inklusive einschließlich darunter in im auf"
    ),
    "en": word_set(
        "to for of from with like as including than by at in on into against behind versus vs among besides "
        "alongside over"
    ),
}
"""A name right after one of these is governed by it ("Lieferant für TSMC", "a supplier to Google", "rivals
such as AMD"): it is not the subject while the sentence has another candidate."""
SHARE_WORDS = word_set(
    "aktie aktien papier papiere titel anteile anteilsscheine kurs aktienkurs börsenwert marktwert "
    "marktkapitalisierung shares stock stocks share value valuation capitalization capitalisation cap price adrs"
)
"""Before "von"/"of"/"in" these make the name the subject after all ("die Aktie von Nvidia", "shares in TEL")."""
PREVIOUS_SESSION = {
    "de": phrase_set("am vortag", "am vorabend", "tags zuvor", "einen tag zuvor", "am tag zuvor", "am tag davor",
                   "in der vorherigen sitzung", "am vorangegangenen handelstag", "am vorherigen handelstag",
                   "am vorhergehenden handelstag", "am letzten handelstag davor"),
    "en": phrase_set("the previous session", "the previous day", "the day before", "a day earlier",
                   "the prior session", "the session before", "the prior day", "the previous trading day",
                   "the prior trading day", "the previous trading session", "the prior trading session",
                   "the previous business day"),
}  # fmt: skip
"""A move "the previous session" is one session before the period named next to it."""
NEXT_SESSION = {
    "de": phrase_set("am folgetag", "tags darauf", "am tag darauf", "am nächsten tag", "am folgenden tag",
                   "einen tag später", "in der folgenden sitzung", "am nächsten handelstag", "am tag danach",
                   "tags danach", "einen tag danach"),
    "en": phrase_set("the following day", "the next day", "a day later", "the following session",
                   "the next session", "one day later", "the day after"),
}  # fmt: skip
"""A move "the following day" is one session after the day told before it."""
WEEKS = {"einer": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
WEEK_BEFORE = {
    "de": phrase_set(*(f"vor {g}{w} {u}" for w, u in (("einer", "woche"), ("zwei", "wochen"), ("drei", "wochen"),
                                                    ("vier", "wochen")) for g in ("", "genau ")),
                   *(f"{w} {u} {a}" for w, u in (("eine", "woche"), ("zwei", "wochen"), ("drei", "wochen"),
                                                 ("vier", "wochen")) for a in ("zuvor", "vorher", "davor"))),
    "en": phrase_set(*(f"{w} {u} {a}" for w, u in (("a", "week"), ("one", "week"), ("two", "weeks"), ("three", "weeks"),
                                                 ("four", "weeks")) for a in ("earlier", "ago", "before"))),
}  # fmt: skip
"""A move or close "a week earlier", "vor drei Wochen" is the same weekday that many weeks before the day of the story
so far (before any, the last weekday on or before publication); ``WEEKS`` reads the count."""
SAME_PERIOD = {
    "de": phrase_set("im selben zeitraum", "im gleichen zeitraum", "im selben zeitabschnitt", "in derselben zeit"),
    "en": phrase_set("over the same period", "in the same period", "during the same period", "over the same stretch",
                   "over the same span", "in the same stretch"),
}  # fmt: skip
"""A move "im selben Zeitraum" / "over the same period" has the period of the claim told before it."""
SAME_DAY = {
    "de": (),
    "en": phrase_set("during that session", "in that session", "during the same session", "in the same session",
                   "on the same day", "that session", "that day", "the same day", "the same session"),
}  # fmt: skip
"""After a number: the day told before ("and as much as 8.2% during that session", "gained 0.4% the same day")."""
THAT_DAY = {"de": word_set("jenem jenen jenes diesem dieses"), "en": word_set("that")}
""""that Monday", "an jenem Montag": the Monday the article named before, not the latest one."""
FURTHER = {
    "de": word_set("weitere weiteren weiterer nochmals abermals erneut einmal"),
    "en": word_set("another further"),
}
""""kamen weitere 4,9 Prozent hinzu", "nochmals 0,5 Prozent", "und am Dienstag abermals 1,2 Prozent", "noch einmal 2,8
Prozent": a number with no verb of its own adds to the move ("einmal" only after "noch": ``decide.direction_of``)."""
DIRECTION_NOUNS = word_set(
    "minus plus verlust verluste kursverlust kursverluste rückgang anstieg zuwachs einbruch abschlag "
    "tagesgewinn kursgewinn gewinn loss losses decline drop gain gains slide fall rise plunge slump"
)
"""A level word after one of these is a total, not a level: "summierte sich das Minus (der Gewinn) auf 19 Prozent"."""
SESSION_WORDS = {
    "de": word_set("schloss schlossen beendete beendeten notierte notierten handel handelsschluss gemischt "
                   "stabilisiert stabilisierten stabilisierte geschlossen beendet gestartet"),
    "en": word_set("closed finished ended traded trading mixed session steadied closes finishes ends"),
}  # fmt: skip
"""Words that make a clause's period the story's day even without a number ("finished mixed on Wednesday")."""
LOOK_BACK = {
    "de": word_set("nach nachdem vor seit gegenüber verglichen zuvor vorher folgte folgten folgt"),
    "en": word_set("after following followed follows before since from compared prior earlier"),
}
"""Words that put another number on an earlier day ("folgte auf einen Sprung am Mittwoch"): its period is unshared."""
VERBLESS = {"de": word_set("insgesamt zusammen damit ebenso summa"),
            "en": word_set("in total all combined likewise altogether")}  # fmt: skip
"""Words a verbless clause (", insgesamt 10,3 Prozent") may hold: its direction comes from the clause before."""
SINCE_THEN = {"de": word_set("seitdem seither"), "en": word_set("since")}
"""Before a counted period in its clause ("It has since risen for three straight sessions", "Seitdem hat sie drei
Handelstage in Folge zugelegt"), the count runs on from the day the article named, not back to it."""
LATER = {"de": word_set("ehe bevor dann danach anschließend später"),
         "en": word_set("before then later subsequently")}  # fmt: skip
"""A move before one of these, in a clause without a day, is the session before the day said after it
("brach zunächst um 12 Prozent ein, ehe am Mittwoch eine Erholung folgte")."""
RECORD_WORDS = {
    "de": word_set("rekord rekordverlust rekordeinbruch nie"),
    "en": word_set("record ever worst best most least"),
}
"""With these (or a superlative) before "seit"/"since", the date is a record's reference, not the period."""
PRONOUNS = {"de": word_set("es sie er"), "en": word_set("it")}
"""Weak references back: only used when nothing else names the subject."""

GROUPS = {
    "de": word_set(
        "chipwerte techwerte tech-werte technologiewerte halbleiterwerte energiewerte versorgerwerte ki-werte "
        "chipaktien halbleiteraktien techaktien tech-aktien technologieaktien energieaktien ki-aktien "
        "versorger energieversorger stromversorger chipkonzerne chiphersteller branche sektor märkte börsen"
    ),
    "en": word_set("stocks chipmakers utilities sector markets companies firms semiconductors equities"),
}
GROUP_TAILS = {"de": ("werte", "aktien", "konzerne", "titeln"), "en": ()}

# ---- glue -------------------------------------------------------------------------------------------------
COORDINATION = {"de": word_set("und sowie , & oder"), "en": word_set("and , & or")}
RESPECTIVELY = {"de": word_set("beziehungsweise bzw jeweils"), "en": word_set("respectively each")}
INTRADAY_GLUE = {
    "de": word_set("zeitweise zwischenzeitlich tagesverlauf handelsverlauf spitze im in der"),
    "en": word_set("intraday at one point"),
}
"""Words of the day's extreme ("im Tagesverlauf zeitweise", "in der Spitze"): with one of the first of them, a clause
with no verb after a move (", in der Spitze um gut 4 Prozent") tells the same move at its extreme."""
GAP_WORDS = {
    "de": word_set(
        "um mit und sowie jeweils beziehungsweise bzw auf die der das den dem des aktie aktien papiere titel allein "
        "nur noch sogar ebenfalls auch immerhin gut knapp rund etwa fast weitere weiteren ebenso schon bereits selbst"
    ),
    "en": word_set(
        "by and each respectively while with the its shares stock only even also some about a further another likewise"
    ),
}
"""Words a gapped clause ("…, Broadcom um 17,4 Prozent") may hold besides names, numbers and periods."""

CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-"})
TIME_AFTER = word_set("uhr et mez cet gmt utc jst")


def tail_in(word: str, tails: Iterable[str]) -> str | None:
    """The table entry ``word`` ends with ("kurseinbruch" → "einbruch"), if any."""
    return next((t for t in tails if word.endswith(t) and len(word) > len(t)), None)
