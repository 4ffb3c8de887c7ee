"""One sentence, taken apart: its tokens, clauses, names, references back, period phrases, numbers, and the
words that say up or down and how hedged, into a ``SentenceView`` (``claims.extract.sentenceview``; its
subjects come from ``claims.extract.subject.names``).

Everything here is positional and local to the sentence; ``claims.extract.extract`` decides, number by
number, what the pieces add up to, and ``claims.extract.story`` carries context from one sentence to the next.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime

from marketfact.claims.extract import rules
from marketfact.claims.extract.day import restated
from marketfact.claims.extract.day.timewords import PeriodSpan, find_periods, since_first_time
from marketfact.claims.extract.day.weekdaybefore import weekday_before
from marketfact.claims.extract.direction import directionwords, particlestretch, ratewords
from marketfact.claims.extract.entities import AliasTable
from marketfact.claims.extract.kind import figureheads, oncewords
from marketfact.claims.extract.sentences import Sentence, Token, tokens
from marketfact.claims.extract.sentenceview import SentenceView, Subject, Word, covered
from marketfact.claims.extract.subject.names import find_subjects, governed_names, modifier_in_english
from marketfact.claims.hedges import HEDGES, Basis
from marketfact.claims.numbers import Quantity, find_quantities

__all__ = ["SentenceView", "Subject", "Word", "hedge_before", "read_sentence"]  # the view's types, re-exported


def read_sentence(
    masked: str, sentence: Sentence, lang: str, aliases: AliasTable, published_at: datetime
) -> SentenceView:
    """Take ``sentence`` of the masked article apart."""
    toks = tokens(masked, sentence.start, sentence.end)
    mentions = [modifier_in_english(m, masked, lang) for m in aliases.mentions(masked, sentence.start, sentence.end)]
    found_periods = weekday_before(toks, find_periods(masked, toks, published_at, lang), published_at, lang)
    records = [p for p in found_periods if _is_record_reference(toks, p, lang)]
    dateline = _DATELINE.match(masked, sentence.start, sentence.end)
    body_start = dateline.end() if dateline else sentence.start
    framing = [p for p in found_periods if p.end <= body_start and p.single_day]
    periods = [p for p in found_periods if p not in records and p.start >= body_start and not since_first_time(toks, p)]
    hedge_words = [(w.start, w.end) for w in _phrase_hits(toks, _HEDGE_PHRASES[lang]) if " " in w.value]
    taken = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in found_periods] + hedge_words
    quantities, glued = _numbers(masked, sentence, lang, taken)
    protected = taken + [q.span for q in quantities]
    breaks = [t.start for t in toks if t.text in rules.CLAUSE_BREAKS and not covered(protected, t.start, t.end)]
    reasons = {t.start for t in _reason_openers(toks, lang) if not covered(protected, t.start, t.end)}
    breaks = sorted([*breaks, *reasons])
    view = SentenceView(sentence, lang, toks, breaks, mentions, [], periods, quantities, [], [], glued, reasons=reasons)
    view.breaks = restated.joined_breaks(view)  # "fell 0.95%, or 57.58 points, to 6,025.99 on Friday": one clause
    view.records = records
    view.body_start = body_start
    view.frame = framing[-1] if framing else None
    heading = figureheads.heading_figure(view, masked, hedge_before)
    if heading is not None:  # "28.3% – Vistra's drop on Monday": the words after the dash are the figure's clause
        view.head = heading[0]
        view.breaks = [b for b in view.breaks if b != heading[1]]
    view.subjects = find_subjects(view, masked, aliases)
    view.governed = governed_names(view)
    view.directions = _directions(view)
    view.basis_words = [w for w in _phrase_hits(toks, _HEDGE_PHRASES[lang]) if _BASIS.get(w.value) is Basis.INTRADAY]
    view.basis_words += oncewords.once_words(toks, view.directions, lang)  # "it once fell to US$197.98"
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
    near = toks[max(0, first - 6) : first]
    # "einen der größten Tagesgewinne der vergangenen Monate, seit Wochenbeginn steht …": a record's "since" stands in
    # the clause of its superlative, not after a comma, semicolon or dash
    cut = max((k + 1 for k, t in enumerate(near) if t.text in (",", ";", "–", "—")), default=0)
    before = [t.low for t in near[cut:] if t.kind == "word"]
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
        if covered(taken, start, end):
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


_NOT_REASON_BEFORE = frozenset({"such", "same", "known", "so", "just", "twice"})
_NOT_REASON_AFTER = frozenset({"of", "well", "if", "though", "to", "for"})


def _reason_openers(toks: list[Token], lang: str) -> list[Token]:
    """English words that open a clause telling why or while, with no comma before them ("Oracle 2.6% as investors
    returned to the names hit hardest last month", "because"): they end the clause of the number before them, so
    that neither its verb nor its day is that number's. Not "as much as", "as of Friday", "such as", "as well as"."""
    if lang != "en":
        return []
    out = []
    for i, t in enumerate(toks):
        if t.low == "because":
            out.append(t)
            continue
        if t.low != "as" or i == 0 or i + 1 >= len(toks):
            continue
        nxt, prev = toks[i + 1], toks[i - 1]
        if nxt.kind != "word" or nxt.low in _NOT_REASON_AFTER or prev.low in _NOT_REASON_BEFORE or prev.low == "as":
            continue
        if any(u.low == "as" for u in toks[i + 1 : i + 4]):
            continue  # "as much as", "as recently as"
        out.append(t)
    return out


def _carry_units(masked: str, qs: list[Quantity], lang: str) -> list[Quantity]:
    """ "8,6 beziehungsweise 4,9 Prozent": a bare number before a list's last one takes that one's unit; not a level
    set off by a comma alone ("settled at 19,654.02, 1.4% above Monday's close": the level, then its move)."""
    glue = rules.RESPECTIVELY[lang] | rules.COORDINATION[lang] | {"."}
    out = list(qs)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        between = masked[a.span[1] : b.span[0]].lower().split()
        if (
            a.kind == "number"
            and b.kind != "number"
            and all(w.strip(",.") in glue or not w.strip(",.") for w in between)
            and not (between == [","] and _after_level_word(masked, a, lang))
        ):
            out[i] = dataclasses.replace(a, kind=b.kind, currency=b.currency, scale=b.scale)
    return out


def _after_level_word(masked: str, q: Quantity, lang: str) -> bool:
    """Whether the word right before ``q`` makes it a level ("at", "to", "auf", "bei")."""
    words = masked[max(0, q.span[0] - 20) : q.span[0]].lower().split()
    return bool(words) and words[-1] in rules.LEVEL_BEFORE[lang]


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
    phrases = [(words, d) for words, d in directionwords.DIRECTION_PHRASES[lang]]
    out += [w for w in _phrase_hits(toks, phrases) if not covered(inside, w.start, w.end)]
    used = [(w.start, w.end) for w in out]
    for i, tok in enumerate(toks):
        low = tok.low
        if covered(inside + used, tok.start, tok.end):
            continue
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if low in directionwords.DOWN[lang] or rules.tail_in(low, directionwords.DOWN_TAILS if lang == "de" else ()):
            out.append(Word(tok.start, tok.end, tok.text, "down"))
        elif low in directionwords.UP[lang] or rules.tail_in(low, directionwords.UP_TAILS if lang == "de" else ()):
            if not (low == "up" and nxt == "to"):
                out.append(Word(tok.start, tok.end, tok.text, "up"))
        elif (rate := ratewords.rate_of(low, lang)) is not None:  # "Die Rückgangsrate betrug 2,7 Prozent"
            out.append(Word(tok.start, tok.end, tok.text, rate))
        elif lang == "de" and low in _GAIN_NOUNS and _of_a_move(view, i):
            out.append(Word(tok.start, tok.end, tok.text, "up"))
        elif low in directionwords.PARTICLE_VERBS[lang]:
            direction, particles = directionwords.PARTICLE_VERBS[lang][low]
            # past a date's apposition or a relative clause between commas, the particle still closes the verb: the
            # word stands at the particle, in the number's clause
            stop, end = particlestretch.particle_end(view, tok.start)
            for later in toks[i + 1 :]:
                if later.start >= end:
                    break
                nxt_tok = next((t for t in toks if t.start > later.start), None)
                closes = (
                    nxt_tok is None or nxt_tok.start >= end or nxt_tok.kind == "punct" or nxt_tok.low in ("und", "and")
                )
                if later.low in particles and closes:
                    at = later if later.start > stop else tok
                    out.append(Word(at.start, at.end, f"{tok.text} … {later.text}", direction))
                    break
    out.sort(key=lambda w: w.start)
    return out


_GAIN_NOUNS = rules.word_set("gewinn gewinne")
"""German "Gewinn" is a rise only "von" or "auf" a percent or of points ("ein Gewinn von 464 Punkten", "summiert sich
der Gewinn damit auf 1,7 Prozent": a profit is no percent); "ein Gewinn von 2 Milliarden Euro" is a company's profit."""


def _of_a_move(view: SentenceView, i: int) -> bool:
    """Whether "von" follows token ``i`` (or "auf", a word or two after it: "der Gewinn damit auf") and a percent or
    index points stand within the next three words."""
    toks = view.toks
    at = next((j for j in range(i + 1, min(i + 4, len(toks))) if toks[j].low in ("von", "auf")), None)
    if at is None or (toks[at].low == "von" and at != i + 1) or any(t.kind != "word" for t in toks[i + 1 : at]):
        return False
    end = toks[min(at + 3, len(toks) - 1)].end
    return any(toks[at].end <= q.span[0] < end and q.kind in ("percent", "index_points") for q in view.quantities)


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
