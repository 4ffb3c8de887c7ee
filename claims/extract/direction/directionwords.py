"""The extractor's words for up and down, in German and English: verbs and nouns of a move, particle verbs,
phrases, and the words right after a number ("17% lower"). Part of the extractor's vocabulary
(``claims.extract.rules``), compared as there: lowercased, token by token, German compounds by their last part
where a table says so (``*_TAILS``).
"""

from __future__ import annotations

from marketfact.claims.extract.rules import phrase_set, word_set

DOWN = {
    "de": word_set(
        "fiel fielen fällt fallen gefallen verlor verloren verliert verlieren sank sanken gesunken sinkt sinken "
        "stürzte stürzten gestürzt abgestürzt stürzt rutschte rutschten gerutscht abgerutscht rutscht "
        "abgesackt eingebrochen eingebüßt nachgegeben zurückgegangen abgetaucht eingeknickt geschrumpft "
        "schrumpfte schrumpften schrumpft verbilligte verbilligten verbilligt vernichtete vernichteten vernichtet "
        "minus einbruch kurseinbruch kursrutsch kurssturz absturz rückgang kursverlust kursverluste verlust "
        "verluste abschlag talfahrt ausverkauf einbußen ermäßigte ermäßigten schwächelte schwächelten nachgeben "
        "einbrechen abrutschen absacken einbüßte einbüßten einbrach einbrachen nachgab nachgaben abgab abgaben "
        "zurückging zurückgingen absackte absackten abrutschte abrutschten abgegeben verschwunden verschwand "
        "verschwanden drückte drückten drückt gedrückt rutschen stürzen verbilligen schwächeln"
    ),
    "en": word_set(
        "fell falls fall falling fallen dropped drops dropping lost loses losing slid slides sliding slumped "
        "slumps slumping plunged plunges plunging plummeted plummets plummeting tumbled tumbles tumbling sank "
        "sinks sinking sunk declined declines declining shed sheds shedding tanked tanking skidded retreated "
        "slipped slips eased cratered collapsed crashed wiped wiping erased erasing down loss losses decline "
        "drop plunge slump slide selloff sell-off rout tumble shrank shrinks shrinking shrunk dipped dips dived dove "
        "nosedived sagged weakened collapse collapses crash crashes dragged dragging drags dip"
        " tanks skids retreats eases craters wipes erases dives nosedives sags weakens"  # as live blogs write them
        " decreased decreases decrease decreasing"  # translated copy: "SoftBank Group decreased 0.85% to 9,683 yen"
    ),
}
UP = {
    "de": word_set(
        "stieg stiegen gestiegen steigt steigen zugelegt erholte erholten erholt erholen kletterte kletterten "
        "geklettert klettert sprang sprangen gesprungen springt springen gewann gewannen gewonnen gewinnt verteuerte "
        "verteuerten verteuert angezogen vorgerückt hochgeschossen plus anstieg kursanstieg erholung kurssprung "
        "kursgewinn kursgewinne zuwachs aufschlag befestigte befestigten zulegen zulegte zulegten sprung hievte "
        "hievten gehievt gewinnen klettern verteuern befestigen tagesgewinn tagesgewinne wochengewinn wochengewinne "
        "gutgemacht wettgemacht aufgeholt"
    ),
    "en": word_set(
        "rose rises rise rising risen gained gains gain gaining jumped jumps jump jumping surged surges surge increase "
        "surging soared soars soaring climbed climbs climbing rallied rallies rally rallying rebounded rebounds "
        "rebound rebounding recovered recovers recovering advanced advances advancing added adding bounce bounced "
        "bounces bouncing spiked popped up grew grows growing leapt leaped rocketed skyrocketed firmed strengthened "
        "recouped regained regains regaining lifted lifting lifts boosted boosting boosts propelled propelling advance"
        " adds spikes pops leaps rockets skyrockets strengthens recoups propels sprint"  # "the Nasdaq adds 0.3%"
        " increased increases increasing"  # translated copy: "Advantest increased 3.1% to 9,220 yen"
    ),
}
DOWN["en"] = DOWN["en"] | {w.removesuffix("ed") + "ing" for w in DOWN["en"] if w.endswith("ed")}  # "slipping 2%"
# The bare form after "saw", "helped", "watched its stock", "to" ("saw Broadcom lose 2.8%", "helped it add 4.5%").
DOWN["en"] |= word_set("lose sink slip plummet skid sag weaken shrink dive nosedive crater tank retreat")
UP["en"] |= word_set("climb soar add skyrocket leap regain recoup rocket")
DOWN_TAILS = ("einbruch", "rutsch", "sturz", "verlust", "verluste", "abschlag")
UP_TAILS = ("anstieg", "sprung", "kursgewinn", "kursgewinne")
# "plus" and "minus" in a compound only after a day's, a price's or a week's word ("ein Tagesplus von 464 Punkten",
# "ein Kursminus von 0,7 Prozent"), not a company's ("Umsatzplus")
DOWN["de"] |= word_set("tagesminus kursminus wochenminus")
UP["de"] |= word_set("tagesplus kursplus wochenplus")

PARTICLE_VERBS: dict[str, dict[str, tuple[str, frozenset[str]]]] = {
    # German separable verbs: the stem only says "down" when its particle closes the clause ("brach … ein").
    "de": {
        **{
            v: ("down", word_set("ein"))
            for v in word_set("brach brachen bricht brechen büßte büßten büßt büßen knickte knickten")
        },
        **{
            v: ("down", word_set("ab"))
            for v in word_set("sackte sackten sackt sacken tauchte tauchten rauschte rauschten")
        },
        **{v: ("down", word_set("nach ab")) for v in word_set("gab gaben gibt geben")},
        **{v: ("down", word_set("zurück")) for v in word_set("ging gingen geht gehen")},
        **{v: ("down", word_set("auf")) for v in word_set("löste lösten löst")},  # "lösten sich in Luft auf"
        **{v: ("up", word_set("zu")) for v in word_set("legte legten legt legen")},
        **{v: ("up", word_set("an")) for v in word_set("zog zogen zieht ziehen")},
        **{v: ("up", word_set("vor")) for v in word_set("rückte rückten rückt rücken")},
        **{v: ("up", word_set("auf")) for v in word_set("holte holten holt")},
        **{v: ("up", word_set("hinzu")) for v in word_set("kam kamen kommt")},  # "kamen 94 Milliarden Dollar hinzu"
        **{v: ("up", word_set("hoch empor")) for v in word_set("schoss schossen schießt")},
    },
    "en": {},
}
DIRECTION_PHRASES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "de": tuple(
        (p, d)
        for d, items in (
            (
                "down",
                phrase_set(
                    "nach unten",
                    "in den keller",
                    "im minus",
                    "ins minus",
                    "in die tiefe",
                    "bergab",
                    "abwärts",
                    "runter",
                    "herunter",
                    "hinunter",  # "krachte um 4,1 Prozent auf 55,48 Euro runter"
                ),
            ),
            (
                "up",
                phrase_set(
                    "nach oben",
                    "in die höhe",
                    "im plus",
                    "ins plus",
                    "bergauf",
                    "aufwärts",
                    "rauf",
                    "herauf",
                    "hinauf",  # "Am Dienstag ging es dann wieder 1,7 Prozent rauf"
                ),
            ),
        )
        for p in items
    ),
    "en": tuple(
        (p, d)
        for d, items in (
            (
                "down",
                phrase_set(
                    "in the red",
                    "up in smoke",  # "with $80 billion of market value going up in smoke": a loss, not a rise
                    "up in flames",
                    "was off",
                    "were off",
                    "been off",
                    "is off",
                    "are off",
                    "wiped out",
                    "knocked off",
                    "lower",
                    "gave back",
                    "gives back",
                    "giving back",
                    "handed back",
                    "gave up",
                    "gives up",
                    "giving up",
                    "given up",
                    "give back",  # the bare form after "to": "only to give back 2.6% on Tuesday"
                    "give up",
                ),
            ),
            (
                "up",
                phrase_set(
                    "in the green",
                    "higher",
                    "clawed back",
                    "claws back",
                    "clawing back",
                    "claw back",
                    "won back",
                    "wins back",
                    "winning back",
                    "win back",
                    "tacked on",  # a phrasal verb of a rise: "tacked on 2.9%", "piling on $91 billion"
                    "tacks on",
                    "tacking on",
                    "tack on",
                    "piled on",
                    "piles on",
                    "piling on",
                    "pile on",
                ),
            ),
        )
        for p in items
    ),
}
AFTER_NUMBER = {
    "de": {"tiefer": "down", "schwächer": "down", "leichter": "down", "niedriger": "down", "höher": "up",
           "fester": "up", "stärker": "up", "unter": "down", "über": "up"},
    "en": {"lower": "down", "higher": "up", "down": "down", "up": "up", "below": "down", "above": "up", "shy": "down",
           "short": "down", "firmer": "up", "stronger": "up", "weaker": "down", "softer": "down"},
}  # fmt: skip
"""Right after the number, its direction: "0,5 Prozent fester", "17% lower", "5% short of its Jan. 24 close", a wire's
"0.4% weaker", "1% firmer"."""
GONE_AFTER = {"de": frozenset({"futsch", "weg", "dahin"}), "en": frozenset({"gone"})}
"""Right after a percentage, a share of the value gone: a fall ("In zwei Tagen sind damit 6,4 Prozent futsch!"). Not
after an amount of money, which a tabloid's dek says as market value lost ("knapp 593 Milliarden Dollar futsch!")."""
COMPARED: dict[str, dict[str, str]] = {"de": {"weniger": "down", "mehr": "up"}, "en": {}}
"""Right after the number and before "als" and a day: "9,6 Prozent weniger als am 24. Januar", "3,64 Euro mehr als am
Vortag" (periodclauses); before the number, "mehr als" is a hedge."""
COMPARED_AFTER = {lang: AFTER_NUMBER[lang] | COMPARED[lang] for lang in AFTER_NUMBER}
