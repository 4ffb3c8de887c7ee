"""Who a sentence may be about: its subjects (names, references back such as "the chipmaker", pronouns,
groups such as "chip stocks", unknown names before "shares"), which names stand where no subject does (after a
preposition), and names that only modify a noun ("a major Nvidia customer"). Used by ``claims.extract.reading``.
"""

from __future__ import annotations

import dataclasses
import re

from marketfact.claims.extract import rules
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.entities import AliasTable, Mention
from marketfact.claims.extract.language import FUNCTION_WORDS
from marketfact.claims.extract.sentences import Token
from marketfact.claims.extract.sentenceview import SentenceView, Subject, covered
from marketfact.claims.extract.subject import denials

_EN_ROLE_NOUNS = rules.word_set(
    "customer customers supplier suppliers rival rivals competitor competitors chip chips parent partner partners "
    "investor investors founder ceo chief boss executive executives spokesperson spokesman spokeswoman backer "
    "backers unit subsidiary"
)
"""English nouns after a name that make the name a modifier ("a major Nvidia customer")."""

_NAME = r"[A-Z][\w&.]*(?:[ -][A-Z][\w&.]*){0,2}"
_UNKNOWN_NAME_PATTERNS = {
    "en": (
        re.compile(rf"\b(?i:shares) (?:of|in) (?P<n>{_NAME})"),
        re.compile(rf"(?<![\w.])(?P<n>{_NAME})(?:'s|’s)? (?:shares|stock)\b"),
        re.compile(rf"(?<![\w.])(?P<n>{_NAME}) \((?:NYSE|NASDAQ|Nasdaq|LSE|TSE|Xetra)?:? ?[A-Z][A-Z.]{{1,7}}\)"),
    ),
    "de": (
        re.compile(rf"(?<![\w.])(?P<n>{_NAME})-Aktien?\b"),
        re.compile(
            rf"\b(?:Aktien?|Papiere|Titel) (?:von|der|des) (?:\w+(?:konzerns|herstellers|spezialisten) )?(?P<n>{_NAME})"
        ),
        re.compile(rf"(?<![\w.])(?P<n>{_NAME}) (?:AG|SE|Inc\.|Corp\.|plc|N\.V\.|Holdings?)\b"),
    ),
}
_NOT_NAMES = rules.word_set(
    "Die Der Das Des Den Dem The A An Am Im In Auch Nach Bei Mit Von Vom Zum Zur Und And On At After Als Wie Ein "
    "Eine Montag Dienstag Mittwoch Donnerstag Freitag Monday Tuesday Wednesday Thursday Friday Januar Februar "
    "January February Aktie Aktien Shares Stock Anleger Investors Analysten Analysts Chip Tech Börse US U.S U.S. "
    "Dax-Wert"
)


def find_subjects(view: SentenceView, masked: str, aliases: AliasTable) -> list[Subject]:
    """Everything in the sentence a number could be about, in order: names (not modifiers), references back
    ("der Konzern", "the index"), groups ("Chipwerte"), pronouns, and unknown names looked up in ``aliases``."""
    lang = view.lang
    found = [Subject(m.start, m.end, m.text, "mention", m) for m in view.mentions if not m.modifier]
    taken = [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    toks = view.toks
    for i, tok in enumerate(toks):
        if covered(taken, tok.start, tok.end):
            continue
        low = tok.low
        prev = toks[i - 1].low if i else ""
        det = _determiner_before(toks, i, lang)
        if det is not None:
            words = masked[toks[det].start : tok.end]
            if _equity_reference(toks, i, lang):
                found.append(Subject(toks[det].start, tok.end, words, "equity_ref"))
                continue
            if low in rules.INDEX_REFERENCES[lang] or rules.tail_in(low, rules.INDEX_REFERENCE_TAILS):
                found.append(Subject(toks[det].start, tok.end, words, "index_ref"))
                continue
            if _opens_relative(view, toks, det, i):
                found.append(Subject(toks[det].start, tok.end, words, "equity_ref"))
                continue
        group_end = _shares_of_group(view, i) if det is None else None
        if group_end is not None:  # "Shares of chip makers fell 1.4%": plain nouns after "of" name a group
            found.append(Subject(tok.start, group_end, masked[tok.start : group_end], "group"))
            continue
        if det is None and _bare_shares(toks, i, lang):  # "Shares had gained 2.6% on Tuesday": a company's, no index's
            found.append(Subject(tok.start, tok.end, tok.text, "equity_ref"))
            continue
        # a German group is a noun ("Chipwerte"), not an adjective ending alike ("eine bemerkenswerte Aufholjagd")
        tail = rules.tail_in(low, rules.GROUP_TAILS[lang]) and (lang != "de" or tok.text[:1].isupper())
        is_group = low in rules.GROUPS[lang] or tail
        if is_group and not (lang == "en" and low == "stocks" and prev in {"the", "its"}):
            found.append(Subject(tok.start, tok.end, tok.text, "group"))
            continue
        if low in rules.PRONOUNS[lang]:
            found.append(Subject(tok.start, tok.end, tok.text, "pronoun"))
    text = masked[view.sentence.start : view.sentence.end]
    for pattern in _UNKNOWN_NAME_PATTERNS[lang]:
        for m in pattern.finditer(text):
            name = m.group("n").rstrip(".")
            start = view.sentence.start + m.start("n")
            end = start + len(name)
            first = name.split()[0]
            low = first.lower()
            if (
                first in _NOT_NAMES
                or covered(taken, start, end)
                or _is_common_noun(low, lang)
                or _is_function_word(low)
            ):
                continue
            if any(s.start < end and start < s.end for s in found if s.kind == "unknown"):
                continue
            found.append(Subject(start, end, name, "unknown", lookup=aliases.lookup(name)))
    found.sort(key=lambda s: s.start)
    return found


def _opens_relative(view: SentenceView, toks: list[Token], det: int, i: int) -> bool:
    """ "The conglomerate, which has pledged … with OpenAI and Oracle, had lost 8.3%", "Der Konzern, dessen
    Turbinen …": an article and a noun opening the sentence, then a relative clause, name the company the
    article is about; the names inside the relative clause are not the subject."""
    body = [t for t in toks if t.start >= max(view.sentence.start, view.body_start)]
    if not body or body[0] is not toks[det] or i + 2 >= len(toks) or toks[i].kind != "word":
        return False
    if view.lang == "en" and not toks[i].text.islower():
        return False
    return toks[i + 1].text == "," and toks[i + 2].low in rules.RELATIVE_PRONOUNS[view.lang]


def _bare_shares(toks: list[Token], i: int, lang: str) -> bool:
    """Whether token ``i`` is an English "Shares" with no article that opens its sentence or a clause after a colon,
    semicolon or dash ("Shares had gained 2.6% on Tuesday"): a reference back to a company, as "the shares" is."""
    opens = i == 0 or toks[i - 1].text in (";", ":", "–", "—")
    return lang == "en" and toks[i].low == "shares" and opens and i + 1 < len(toks) and toks[i + 1].kind == "word"


_NOT_GROUP_WORDS = rules.word_set("this that these those each either one other")
"""Words after "Shares of" that point back or pick one out ("Shares of this company", "Shares of one rival")."""


def _shares_of_group(view: SentenceView, i: int) -> int | None:
    """The end of "Shares of chip makers" when token ``i`` is an English "Shares" opening its sentence (as
    ``_bare_shares``) followed by "of"/"in" and lowercase nouns with no article, possessive or name ("of the company",
    "of its rival", "of Nvidia", "of rival AMD" are one company's): a group, not a reference back. None otherwise."""
    toks = view.toks
    if not _bare_shares(toks, i, view.lang) or i + 2 >= len(toks) or toks[i + 1].low not in ("of", "in"):
        return None
    words = []
    for t in toks[i + 2 : i + 5]:
        if t.kind != "word" or not t.text.islower() or any(m.start <= t.start < m.end for m in view.mentions):
            break
        words.append(t)
    after = toks[i + 2 + len(words)] if i + 2 + len(words) < len(toks) else None
    if after is not None and after.kind == "word" and not after.text.islower():  # "Shares of rival AMD"
        return None
    if not words or words[0].low in rules.DETERMINERS["en"] | _NOT_GROUP_WORDS:
        return None
    nouns = [t for t in words if t.low not in directionwords.UP["en"] | directionwords.DOWN["en"]]
    return nouns[-1].end if nouns and nouns[0] is words[0] else None


_OF_WORDS = frozenset(("des", "der", "von", "eines", "einer", "seiner", "ihrer", "aller", "seines", "ihres"))


def _equity_reference(toks: list[Token], i: int, lang: str) -> bool:
    """A noun after a determiner that refers back to a company or its stock ("der Konzern", "the stock")."""
    low = toks[i].low
    return (
        low in rules.EQUITY_REFERENCES[lang]
        or bool(rules.tail_in(low, rules.EQUITY_REFERENCE_TAILS))
        or _stock(toks, i)
    )


def _stock(toks: list[Token], i: int) -> bool:
    """German desks' "der Wert" for the stock ("Seitdem hat sich der Wert um 27,4 Prozent erholt"), after a
    determiner and with no genitive or "von" after it ("der Wert der Produktion", "der Wert von Aufträgen" are
    amounts, not a stock); the capital W tells the noun from "wert" after a number ("3 Billionen Dollar wert")."""
    if toks[i].text != "Wert":
        return False
    return i + 1 >= len(toks) or toks[i + 1].low not in _OF_WORDS


def _determiner_before(toks: list[Token], i: int, lang: str) -> int | None:
    """Index of the article or possessive before token ``i``, allowing one adjective between
    ("der französische Konzern", "the British chipmaker")."""
    if i >= 1 and toks[i - 1].low in rules.DETERMINERS[lang]:
        return i - 1
    adj = toks[i - 1] if i >= 1 else None
    if (
        i >= 2
        and adj is not None
        and adj.kind == "word"
        and toks[i - 2].low in rules.DETERMINERS[lang]
        and (lang == "en" or re.fullmatch(r"[a-zäöüß-]+(?:e|en|er|es|em)", adj.text))
    ):
        return i - 2
    return None


def _is_function_word(low: str) -> bool:
    tables = (rules.DETERMINERS, rules.PRONOUNS, rules.ASIDE_OPENERS)
    return any(low in words for words in FUNCTION_WORDS.values()) or any(
        low in table[lang] for table in tables for lang in ("de", "en")
    )


def _is_common_noun(low: str, lang: str) -> bool:
    """German nouns are capitalised: "Chipkonzerns" after "Aktie des" is a description, not a name."""
    return bool(
        low in rules.EQUITY_REFERENCES[lang]
        or rules.tail_in(low, (*rules.EQUITY_REFERENCE_TAILS, "unternehmens", "spezialisten", "riesen"))
        or low in rules.GROUPS[lang]
        or rules.tail_in(low, rules.GROUP_TAILS[lang])
    )


def governed_names(view: SentenceView) -> set[int]:
    """Starts of the names (and groups: "the bright spot among chipmakers") that follow a preposition, or a name
    so governed and "und"/"and"."""
    lang = view.lang
    out: set[int] = set()
    names = sorted((s for s in view.subjects if s.kind in ("mention", "unknown", "group")), key=lambda s: s.start)
    for k, s in enumerate(names):
        before = [t for t in view.toks if t.end <= s.start]
        if not before:
            continue
        if denials.denied_name(view, s):
            out.add(s.start)  # "Siemens Energy, not Siemens, rose": the name a correction denies
            continue
        lows = [t.low for t in before[-3:]]
        if len(lows) > 1 and lows[-1] in rules.DETERMINERS[lang]:
            lows = lows[:-1]  # "für die Deutsche Bank", "a record for the Nasdaq"
        prev = lows[-1]
        if prev == "as" and not (len(lows) > 1 and lows[-2] == "such"):
            continue  # "as" alone is a conjunction ("stocks fell as Nvidia tumbled")
        if prev in rules.PREPOSITIONS[lang]:
            if _holds_shares(view, s):
                continue  # "the bounce in Schneider Electric's shares": the name is whose shares moved
            if prev == "für" and _es_ging(view, s):
                continue  # "Auch für Broadcom ging es um 2,6 Prozent aufwärts": the name is whom the move is about
            if prev == "with" and _absolute(view, s):
                continue  # "with the Nasdaq jumping 1.5% and the S&P 500 gaining 1.0%": the name leads its clause
            shares = len(lows) > 1 and lows[-2] in rules.SHARE_WORDS
            if not (shares and prev in ("von", "of", "in", "vom")):
                out.add(s.start)
        elif lows[-1] in rules.COORDINATION[lang] and k > 0 and names[k - 1].start in out:
            gap = view.words_between(names[k - 1].end, s.start)
            if all(t.low in rules.COORDINATION[lang] for t in gap):
                out.add(s.start)
    return out


def _holds_shares(view: SentenceView, s: Subject) -> bool:
    """Whether ``s`` is a possessive right before a word for shares ("in Schneider Electric's shares")."""
    nxt = next((t for t in view.toks if t.start >= s.end), None)
    return s.text.endswith(("'s", "’s")) and nxt is not None and nxt.low in rules.SHARE_WORDS


def _es_ging(view: SentenceView, s: Subject) -> bool:
    """Whether the clause of ``s`` says "es ging/geht" ("für Broadcom ging es aufwärts")."""
    lows = {t.low for t in view.words_between(*view.clause(s.start))}
    return "es" in lows and bool(lows & {"ging", "geht"})


def _absolute(view: SentenceView, s: Subject) -> bool:
    """Whether the name after "with" is the subject of an absolute clause: a participle or a move word follows it
    ("with the Nasdaq jumping 1.5%", "with Nvidia down 2.8%")."""
    nxt = next((t for t in view.toks if t.start >= s.end), None)
    if nxt is None or nxt.kind != "word":
        return False
    return (nxt.low.endswith("ing") and len(nxt.low) > 5) or nxt.low in ("up", "down", "off", "higher", "lower")


def modifier_in_english(m: Mention, masked: str, lang: str) -> Mention:
    """``m`` marked as a modifier when an English role noun follows it ("a major Nvidia customer"), when it is what a
    move is compared with ("unlike Nvidia", "Like Broadcom,", "in contrast to the Dax"), or when it is an unlisted
    name between an article or a preposition and a noun or a weekday ("The Stargate euphoria added 6.8% to Oracle",
    "On DeepSeek Monday it lost 20.8%"): the number is about another name."""
    nxt = re.match(r"\s+(\w+)", masked[m.end : m.end + 30])
    if lang == "en" and nxt and nxt.group(1).lower() in _EN_ROLE_NOUNS:
        return dataclasses.replace(m, modifier=True)
    if lang == "en" and _COMPARED.search(masked[max(0, m.start - 30) : m.start]):
        return dataclasses.replace(m, modifier=True)  # "Broadcom, unlike Nvidia, fell 1.2%": Nvidia is no subject
    before = re.search(r"(\w+)\s+$", masked[max(0, m.start - 30) : m.start])
    if lang != "en" or m.lookup.status != "unlisted" or nxt is None or before is None:
        return m
    word = nxt.group(1)
    noun = word[:1].islower() or word.lower() in _WEEKDAYS
    return dataclasses.replace(m, modifier=True) if noun and before.group(1).lower() in _BEFORE_MODIFIER else m


_WEEKDAYS = rules.word_set("monday tuesday wednesday thursday friday")
_BEFORE_MODIFIER = rules.word_set("the a an this that on in after since amid during before of from")
"""Words before an unlisted name that, with a noun after it, make it a modifier ("the DeepSeek rout")."""

_COMPARED = re.compile(r"(?i:\b(?:unlike|like|(?:in\s+)?contrast\s+to|contrary\s+to|as\s+opposed\s+to)\s+(?:the\s+)?)$")
"""Words right before a name that make it what a move is compared with: "unlike Nvidia", "in contrast to the Dax"."""
