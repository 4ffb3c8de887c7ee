"""One sentence, taken apart: its tokens, clauses, names, references back, period phrases, numbers, and the
words that say up or down and how hedged.

Everything here is positional and local to the sentence; ``claims.extract.extract`` decides, number by
number, what the pieces add up to and carries context from one sentence to the next.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime

from marketfact.claims.extract import rules
from marketfact.claims.extract.entities import AliasTable, Lookup, Mention
from marketfact.claims.extract.language import FUNCTION_WORDS
from marketfact.claims.extract.sentences import Sentence, Token, tokens
from marketfact.claims.extract.timewords import PeriodSpan, find_periods
from marketfact.claims.hedges import HEDGES, Basis
from marketfact.claims.numbers import Quantity, find_quantities

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


@dataclass(frozen=True, slots=True)
class Word:
    """Words that set something (a direction, a hedge), with the sentence position they stand at."""

    start: int
    end: int
    text: str
    value: str  # "up"/"down" for directions; the hedge phrase for hedges


@dataclass(frozen=True, slots=True)
class Subject:
    """Something a number could be about: a name, a reference back, a group, or an unknown name."""

    start: int
    end: int
    text: str
    kind: str  # mention | equity_ref | index_ref | pronoun | group | unknown
    mention: Mention | None = None
    lookup: Lookup | None = None


@dataclass
class SentenceView:
    """The parts of one sentence, with offsets into the article."""

    sentence: Sentence
    lang: str
    toks: list[Token]
    breaks: list[int]  # offsets of clause-breaking punctuation
    mentions: list[Mention]
    subjects: list[Subject]
    periods: list[PeriodSpan]
    quantities: list[Quantity]
    directions: list[Word]
    basis_words: list[Word]
    glued: list[Quantity]  # "17pc", "3nm": a number with letters marketfact does not read as a unit
    governed: set[int] = dataclasses.field(default_factory=set)  # starts of names after a preposition
    records: list[PeriodSpan] = dataclasses.field(default_factory=list)  # "since March 2020" after a superlative
    body_start: int = -1  # where the sentence starts after a dateline ("TOKIO, 29. Januar (Reuters) –")
    frame: PeriodSpan | None = None  # the dateline's day

    def clause(self, pos: int) -> tuple[int, int]:
        """The comma-clause around offset ``pos``: (start, end) offsets."""
        start = max((b + 1 for b in self.breaks if b < pos), default=self.sentence.start)
        end = min((b for b in self.breaks if b >= pos), default=self.sentence.end)
        return start, end

    def is_aside(self, pos: int) -> bool:
        """Whether the clause at ``pos`` is an aside: enclosed by commas or dashes, opening with an article
        and saying no move (", a major customer of Nvidia,", ", der weltgrößte Chipkonzern,")."""
        c0, c1 = self.clause(pos)
        if c0 <= max(self.sentence.start, self.body_start) or c1 >= self.sentence.end:
            return False
        lead = [t.low for t in self.toks if t.start >= c0][:2]
        opens = bool(lead) and lead[0] in rules.ASIDE_OPENERS[self.lang]
        opens = opens or (
            len(lead) == 2 and lead[0] in rules.PREPOSITIONS[self.lang] and lead[1] in rules.RELATIVE[self.lang]
        )
        return opens and not any(c0 <= w.start < c1 for w in self.directions)

    def demoted(self, s: Subject, pos: int) -> bool:
        """Whether name ``s`` stands where a subject does not: after a preposition ("Lieferant für TSMC"),
        or inside an aside that is not the clause of offset ``pos``."""
        if s.start in self.governed:
            return True
        return self.clause(s.start) != self.clause(pos) and self.is_aside(s.start)

    def words_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside ``[start, end)``."""
        return [t for t in self.toks if t.start >= start and t.end <= end]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def read_sentence(
    masked: str, sentence: Sentence, lang: str, aliases: AliasTable, published_at: datetime
) -> SentenceView:
    """Take ``sentence`` of the masked article apart."""
    toks = tokens(masked, sentence.start, sentence.end)
    mentions = [_modifier_in_english(m, masked, lang) for m in aliases.mentions(masked, sentence.start, sentence.end)]
    found_periods = find_periods(masked, toks, published_at, lang)
    records = [p for p in found_periods if _is_record_reference(toks, p, lang)]
    dateline = _DATELINE.match(masked, sentence.start, sentence.end)
    body_start = dateline.end() if dateline else sentence.start
    framing = [p for p in found_periods if p.end <= body_start and p.single_day]
    periods = [p for p in found_periods if p not in records and p.start >= body_start]
    hedge_words = [(w.start, w.end) for w in _phrase_hits(toks, _HEDGE_PHRASES[lang]) if " " in w.value]
    taken = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in found_periods] + hedge_words
    quantities, glued = _numbers(masked, sentence, lang, taken)
    protected = taken + [q.span for q in quantities]
    breaks = [t.start for t in toks if t.text in rules.CLAUSE_BREAKS and not _covered(protected, t.start, t.end)]
    view = SentenceView(sentence, lang, toks, breaks, mentions, [], periods, quantities, [], [], glued)
    view.records = records
    view.body_start = body_start
    view.frame = framing[-1] if framing else None
    view.subjects = _subjects(view, masked, aliases)
    view.governed = _governed(view)
    view.directions = _directions(view)
    view.basis_words = [w for w in _phrase_hits(toks, _HEDGE_PHRASES[lang]) if _BASIS.get(w.value) is Basis.INTRADAY]
    return view


_DATELINE = re.compile(
    r"\s*(?:(?:[A-ZÄÖÜ][A-ZÄÖÜ.'’ ]{2,30}|[A-ZÄÖÜ][\w.'’ ]{2,30}(?=\s*\())"
    r"(?:\s*,\s*(?:\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]+\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"|\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]+\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[–—-]\s"
)
"""A dateline opening a paragraph: "TOKIO, 29. Januar (Reuters) – ", "NEW YORK, Jan 27 (Reuters) - ",
"LONDON - ", "Frankfurt (Eigenbericht) – ", "Jan 29 - "."""


def _is_record_reference(toks: list[Token], p: PeriodSpan, lang: str) -> bool:
    """ "its steepest drop since October 2022", "so heftig wie seit März 2020 nicht mehr": the date after
    "since" is the reference of a record, not the period of the move."""
    first = next((i for i, t in enumerate(toks) if t.start >= p.start), None)
    if first is not None and toks[first].low not in ("since", "seit") and first > 0:
        first -= 1  # "since" left outside the period words
    if first is None or toks[first].low not in ("since", "seit"):
        return False
    before = [t.low for t in toks[max(0, first - 6) : first] if t.kind == "word"]
    after = [t.low for t in toks if t.start >= p.end][:3]
    if before and before[-1] in ("wie", "nie", "as"):
        return True
    if lang == "de" and after[:2] == ["nicht", "mehr"]:
        return True
    for w in before:
        if w in rules.RECORD_WORDS[lang]:
            return True
        if lang == "en" and re.fullmatch(r"\w{2,}est", w) and w not in ("interest", "forest", "request", "harvest"):
            return True
        if lang == "de" and re.fullmatch(r"\w{2,}(?:st|ßt)(?:e|en|er|es|em)", w) and not w.startswith("erst"):
            return True
    return False


def _governed(view: SentenceView) -> set[int]:
    """Starts of the names (and groups: "the bright spot among chipmakers") that follow a preposition, or a name
    so governed and "und"/"and"."""
    lang = view.lang
    out: set[int] = set()
    names = sorted((s for s in view.subjects if s.kind in ("mention", "unknown", "group")), key=lambda s: s.start)
    for k, s in enumerate(names):
        before = [t for t in view.toks if t.end <= s.start]
        if not before:
            continue
        lows = [t.low for t in before[-3:]]
        if len(lows) > 1 and lows[-1] in rules.DETERMINERS[lang]:
            lows = lows[:-1]  # "für die Deutsche Bank", "a record for the Nasdaq"
        prev = lows[-1]
        if prev == "as" and not (len(lows) > 1 and lows[-2] == "such"):
            continue  # "as" alone is a conjunction ("stocks fell as Nvidia tumbled")
        if prev in rules.PREPOSITIONS[lang]:
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


def _absolute(view: SentenceView, s: Subject) -> bool:
    """Whether the name after "with" is the subject of an absolute clause: a participle or a move word follows it
    ("with the Nasdaq jumping 1.5%", "with Nvidia down 2.8%")."""
    nxt = next((t for t in view.toks if t.start >= s.end), None)
    if nxt is None or nxt.kind != "word":
        return False
    return (nxt.low.endswith("ing") and len(nxt.low) > 5) or nxt.low in ("up", "down", "off", "higher", "lower")


def _modifier_in_english(m: Mention, masked: str, lang: str) -> Mention:
    nxt = re.match(r"\s+(\w+)", masked[m.end : m.end + 30])
    if lang == "en" and nxt and nxt.group(1).lower() in _EN_ROLE_NOUNS:
        return dataclasses.replace(m, modifier=True)
    return m


# ---- numbers -------------------------------------------------------------------------------------------------
def _numbers(
    masked: str, sentence: Sentence, lang: str, taken: list[tuple[int, int]]
) -> tuple[list[Quantity], list[Quantity]]:
    """(the sentence's quantities, numbers glued to letters that are no known unit: "17pc", "3nm").

    Numbers that are part of a name ("R1", "GPT-4", "Nikkei 225"), a date, a year or a time of day are
    neither: they are not figures of their own.
    """
    text = masked[sentence.start : sentence.end]
    out: list[Quantity] = []
    glued: list[Quantity] = []
    for q in find_quantities(text, lang):
        start, end = q.span[0] + sentence.start, q.span[1] + sentence.start
        q = dataclasses.replace(q, span=(start, end))
        before, after = masked[max(0, start - 2) : start], masked[end : end + 12]
        if _covered(taken, start, end):
            continue
        if (before[-1:].isalpha()) or (before[-1:] == "-" and before[:1].isalpha()):
            continue  # "R1", "GPT-4": part of a name
        if after[:1].isalpha():
            letters = re.match(r"\w+", after)
            stop = end + (letters.end() if letters else 0)
            glued.append(dataclasses.replace(q, text=masked[start:stop], span=(start, stop)))
            continue
        if q.kind == "number" and q.scale == "one" and re.fullmatch(r"(?:19|20)\d\d", q.text):
            continue  # a year
        word = re.match(r"\s*(\w+)", after)
        if (
            re.match(r"\s*(?::\d|h\b)", after)
            or before.endswith(":")
            or (word and word.group(1).lower() in rules.TIME_AFTER)
        ):
            continue  # a time of day
        out.append(q)
    return _carry_units(masked, out, lang), glued


def _carry_units(masked: str, qs: list[Quantity], lang: str) -> list[Quantity]:
    """ "8,6 beziehungsweise 4,9 Prozent": a bare number before a list's last one takes that one's unit."""
    glue = rules.RESPECTIVELY[lang] | rules.COORDINATION[lang] | {"."}
    out = list(qs)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        between = masked[a.span[1] : b.span[0]].lower().split()
        if (
            a.kind == "number"
            and b.kind != "number"
            and all(w.strip(",.") in glue or not w.strip(",.") for w in between)
        ):
            out[i] = dataclasses.replace(a, kind=b.kind, currency=b.currency, scale=b.scale)
    return out


# ---- names and references ---------------------------------------------------------------------------------
def _subjects(view: SentenceView, masked: str, aliases: AliasTable) -> list[Subject]:
    lang = view.lang
    found = [Subject(m.start, m.end, m.text, "mention", m) for m in view.mentions if not m.modifier]
    taken = [(m.start, m.end) for m in view.mentions] + [(p.start, p.end) for p in view.periods]
    toks = view.toks
    for i, tok in enumerate(toks):
        if _covered(taken, tok.start, tok.end):
            continue
        low = tok.low
        prev = toks[i - 1].low if i else ""
        det = _determiner_before(toks, i, lang)
        if det is not None:
            words = masked[toks[det].start : tok.end]
            if low in rules.EQUITY_REFERENCES[lang] or rules.tail_in(low, rules.EQUITY_REFERENCE_TAILS):
                found.append(Subject(toks[det].start, tok.end, words, "equity_ref"))
                continue
            if low in rules.INDEX_REFERENCES[lang] or rules.tail_in(low, rules.INDEX_REFERENCE_TAILS):
                found.append(Subject(toks[det].start, tok.end, words, "index_ref"))
                continue
            if _opens_relative(view, toks, det, i):
                found.append(Subject(toks[det].start, tok.end, words, "equity_ref"))
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
                or _covered(taken, start, end)
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


# ---- direction and hedge words ------------------------------------------------------------------------------
_HEDGE_PHRASES = {
    lang: sorted(
        ((tuple(t.low for t in tokens(h.phrase, 0, len(h.phrase))), h.phrase) for h in HEDGES if h.lang in (lang, "*")),
        key=lambda p: len(p[0]),
        reverse=True,
    )
    for lang in ("de", "en")
}
_BASIS = {h.phrase: h.basis for h in HEDGES}


def _phrase_hits(toks: list[Token], phrases: list[tuple[tuple[str, ...], str]]) -> list[Word]:
    hits: list[Word] = []
    firsts = {words[0] for words, _ in phrases}
    i = 0
    while i < len(toks):
        if toks[i].low not in firsts:
            i += 1
            continue
        for words, value in phrases:
            n = len(words)
            if words[0] == toks[i].low and tuple(t.low for t in toks[i : i + n]) == words:
                hits.append(Word(toks[i].start, toks[i + n - 1].end, " ".join(t.text for t in toks[i : i + n]), value))
                i += n - 1
                break
        i += 1
    return hits


def _directions(view: SentenceView) -> list[Word]:
    lang, toks = view.lang, view.toks
    inside = [q.span for q in view.quantities] + [(p.start, p.end) for p in view.periods]
    out: list[Word] = []
    phrases = [(words, d) for words, d in rules.DIRECTION_PHRASES[lang]]
    out += [w for w in _phrase_hits(toks, phrases) if not _covered(inside, w.start, w.end)]
    used = [(w.start, w.end) for w in out]
    for i, tok in enumerate(toks):
        low = tok.low
        if _covered(inside + used, tok.start, tok.end):
            continue
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if low in rules.DOWN[lang] or rules.tail_in(low, rules.DOWN_TAILS if lang == "de" else ()):
            out.append(Word(tok.start, tok.end, tok.text, "down"))
        elif low in rules.UP[lang] or rules.tail_in(low, rules.UP_TAILS if lang == "de" else ()):
            if not (low == "up" and nxt == "to"):
                out.append(Word(tok.start, tok.end, tok.text, "up"))
        elif low in rules.PARTICLE_VERBS[lang]:
            direction, particles = rules.PARTICLE_VERBS[lang][low]
            stop = min((b for b in view.breaks if b > tok.start), default=view.sentence.end)
            for later in toks[i + 1 :]:
                if later.start >= stop:
                    break
                nxt_tok = next((t for t in toks if t.start > later.start), None)
                closes = (
                    nxt_tok is None or nxt_tok.start >= stop or nxt_tok.kind == "punct" or nxt_tok.low in ("und", "and")
                )
                if later.low in particles and closes:
                    out.append(Word(tok.start, tok.end, f"{tok.text} … {later.text}", direction))
                    break
    out.sort(key=lambda w: w.start)
    return out


def hedge_before(view: SentenceView, q: Quantity) -> list[Word]:
    """Hedge phrases right before ``q`` ("um knapp 20 %", "zeitweise über 563 Mrd.", "as much as 12 %")."""
    toks = [t for t in view.toks if t.end <= q.span[0]]
    found: list[Word] = []
    j = len(toks)
    while j > 0:
        for words, phrase in _HEDGE_PHRASES[view.lang]:
            n = len(words)
            if j - n >= 0 and tuple(t.low for t in toks[j - n : j]) == words:
                found.insert(
                    0, Word(toks[j - n].start, toks[j - 1].end, " ".join(t.text for t in toks[j - n : j]), phrase)
                )
                j -= n
                break
        else:
            break
    return found
