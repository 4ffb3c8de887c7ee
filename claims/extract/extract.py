"""Claims from article text: ``extract_claims`` reads a German or English article and returns every market
claim in it as a ``Claim`` (with the sentence, its span and how each part was read), every other number
with the reason it is not a claim, and every company name it could not resolve with its candidates.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from datetime import datetime
from pathlib import Path

from marketfact.claims.extract import kinds, rules
from marketfact.claims.extract.build import build_claims, coordinate, pick_listing
from marketfact.claims.extract.decide import (
    Context,
    Draft,
    Outcome,
    direction_of,
    hedge_of,
    market_value_words,
    non_claim,
    not_price_cue,
    tokens_after,
)
from marketfact.claims.extract.entities import AliasEntry, AliasTable, Listing
from marketfact.claims.extract.inputs import PublishedTimeError, check_text, parse_published, read_article
from marketfact.claims.extract.language import choose_language
from marketfact.claims.extract.model import Extraction, NonMarketNumber, Unresolved
from marketfact.claims.extract.reading import SentenceView, Subject, hedge_before, read_sentence
from marketfact.claims.extract.sentences import mask_markdown, split_sentences
from marketfact.claims.extract.subjects import pick_subject, refer_back
from marketfact.claims.extract.timewords import PeriodSpan
from marketfact.claims.extract.whenof import when_of
from marketfact.claims.numbers import Quantity


@functools.cache
def default_aliases() -> AliasTable:
    """The shipped alias table (read once)."""
    return AliasTable.load()


def extract_claims(
    text: str, published_at: datetime, lang: str = "auto", aliases: AliasTable | None = None
) -> Extraction:
    """Every market claim in ``text`` (German or English, plain text or Markdown) published at ``published_at``.

    ``lang`` is "de", "en" or "auto" (function words decide). Raises ``ExtractionError`` subclasses for
    input that is not an article (empty, binary, another language, a naive ``published_at``); any text
    that is an article is read without raising.
    """
    check_text(text)
    if not isinstance(published_at, datetime) or published_at.utcoffset() is None:
        raise PublishedTimeError("published_at needs a time zone offset, e.g. 2025-01-29T07:00:00+01:00")
    masked = mask_markdown(text)
    language = choose_language(masked, lang)
    aliases = aliases if aliases is not None else default_aliases()
    sentences = split_sentences(text, masked)
    ctx = Context()
    drafts: list[Draft] = []
    not_market: list[NonMarketNumber] = []
    unresolved: list[Unresolved] = []
    for sentence in sentences:
        view = kinds.split_moves_to_levels(read_sentence(masked, sentence, language, aliases, published_at), masked)
        _remember_frame(view, ctx, published_at)
        outcomes = _read_numbers(view, ctx)
        not_market += [
            NonMarketNumber(
                " ".join(g.text.split()),
                "unknown_unit",
                f"{g.text!r}: letters after the number that are no unit marketfact reads (claims/numbers.py)",
                sentence.text,
                sentence.index,
                g.span,
            )
            for g in view.glued
        ]
        outcomes = coordinate(view, outcomes)
        outcomes += _read_records(view, masked, ctx, outcomes)
        for outcome in sorted(outcomes, key=lambda o: o.q.span[0] if isinstance(o, Draft) else o.span[0]):
            if isinstance(outcome, Draft):
                drafts.append(outcome)
                ctx.paragraph_subject[sentence.paragraph] = (outcome.entry, outcome.listing)
                if outcome.entry.kind == "equity":
                    ctx.last_company = (outcome.entry, outcome.listing)
            elif isinstance(outcome, NonMarketNumber):
                not_market.append(outcome)
            else:
                unresolved.append(outcome)
        for m in view.mentions:
            if m.entry is not None and not m.modifier:
                ctx.named.append((sentence.index, sentence.paragraph, m.entry, m.text))
                subject = next((s for s in view.subjects if s.start == m.start), None)
                claimed = any(isinstance(o, Draft) and o.entry is m.entry for o in outcomes)
                if subject is not None and view.demoted(subject, view.sentence.start) and not claimed:
                    ctx.demoted.add((sentence.index, m.entry.symbol))
        _remember_period(view, [o for o in outcomes if isinstance(o, Draft)], ctx)
        _remember_days(view, [o for o in outcomes if isinstance(o, Draft)], ctx)
        _remember_scene(view, ctx)
    outside = _outside_calendars(published_at)
    if outside is not None:  # issue 20.8: said, not dropped as "no day named"
        not_market += [non_claim(d.view, d.q, "outside_calendar", _outside_reason(d, outside)) for d in drafts]
        drafts = []
    claims, readings, refused = build_claims(drafts, published_at, language)
    not_market += refused
    warnings = sorted({u.reason for u in unresolved if "online search failed" in u.reason})
    return Extraction(language, published_at, sentences, claims, readings, not_market, unresolved, warnings)


def _outside_calendars(published_at: datetime) -> str | None:
    """Why no claim of an article published at ``published_at`` can be checked, when it lies outside the
    exchange calendars' span; None inside it."""
    from marketfact.market.calendars import CALENDAR_SPAN

    first, last = CALENDAR_SPAN
    day = published_at.date().isoformat()
    if first <= day <= last:
        return None
    return (
        f"published {day}, outside the exchange calendars marketfact knows ({first} to {last}): no session before "
        "publication can be named or checked"
    )


def _outside_reason(draft: Draft, outside: str) -> str:
    said = draft.period.words if draft.period is not None else None
    return f"{said!r} names no session: {outside}" if said else outside


def extract_file(
    path: Path | str, published: str | datetime | None, lang: str = "auto", aliases: AliasTable | None = None
) -> Extraction:
    """``extract_claims`` on a file, with ``published`` as the CLI gives it (an ISO 8601 string)."""
    text = read_article(path)
    when = published if isinstance(published, datetime) else parse_published(published)
    return extract_claims(text, when, lang, aliases)


# ---- one sentence ----------------------------------------------------------------------------------------------
def _read_numbers(view: SentenceView, ctx: Context) -> list[Outcome]:
    outcomes: list[Outcome] = []
    previous: Draft | None = None
    for q in view.quantities:
        outcome = _decide(view, q, ctx, previous)
        previous = outcome if isinstance(outcome, Draft) else previous
        outcomes.append(outcome)
    return outcomes


_CLOCK_ENTRY = re.compile(
    r"\s*\+*\s*\d{1,2}[:.]\d{2}\s*(?:uhr|[ap]\.?m\.?)?\s*(?:et|mez|cet|gmt|utc|jst)?\s*[–—-]\s", re.IGNORECASE
)
"""A live-ticker entry: "22:10 Uhr – …", "4:08 pm ET - …"."""
_TODAY = {"de": "heute", "en": "today"}


def _remember_frame(view: SentenceView, ctx: Context, published_at: datetime) -> None:
    """The article's own day: a dateline's date, or a date in a title that holds no figure ("Markets live:
    Friday, Feb 7"), or for a live ticker without either the day it was published. Claims that name no day
    and follow no day of the story (in a live ticker: of their entry) fall back to it."""
    if _CLOCK_ENTRY.match(view.sentence.text):
        ctx.live = True
        if ctx.frame is None:
            at = view.sentence.start
            today = published_at.date().isoformat()
            ctx.frame = PeriodSpan(at, at, _TODAY[view.lang], today, True)
    if ctx.frame is not None:
        return
    if view.frame is not None:
        ctx.frame = view.frame
    elif view.sentence.index == 0 and not view.quantities:
        dated = [p for p in view.periods if p.single_day and any(c.isdigit() for c in p.words)]
        ctx.frame = dated[-1] if dated else None


def _remember_period(view: SentenceView, drafts: list[Draft], ctx: Context) -> None:
    """The day later sentences inherit: the latest single day said with a move (not one from an aside).

    The story's day is the latest one it reports; a look back ("after an 8.3% slump on Monday") or a
    span ("its two-day decline") does not move it.
    """
    back = [d.period for d in drafts if d.period is not None and _looks_back(view, d)]
    back += [p for p in view.periods if _after_look_back(view, p.start)]
    if ctx.article_period is None:
        back = []  # the only day the article has named so far: the story's, whatever the tense
    said = [d.period for d in drafts if d.period is not None and d.shift == 0 and d.period not in back]
    said += [p for p in view.periods if p not in back and not view.is_aside(p.start) and _speaks_of_trading(view, p)]
    days = [p for p in said if p.single_day and p.last]
    if not days:
        return
    latest = max(days, key=lambda p: p.last)
    para = view.sentence.paragraph
    for key, current in ((para, ctx.paragraph_period.get(para)), (None, ctx.article_period)):
        if current is None or latest.last >= current.last:
            if key is None:
                ctx.article_period = latest
            else:
                ctx.paragraph_period[key] = latest


_PLUPERFECT = {"en": frozenset({"had"}), "de": frozenset({"hatte", "hatten", "war", "waren"})}


def _looks_back(view: SentenceView, d: Draft) -> bool:
    """Whether ``d`` tells of a day before the story's: its number follows a look-back ("after losing 6.2% on
    Thursday", "adding to Tuesday's 1.7% advance", "nachdem sie am Mittwoch 5 Prozent gestiegen war") or its
    verb is in the pluperfect ("had soared 10.6% on Wednesday", "hatte 9,5 Prozent verloren")."""
    c0, c1 = view.clause(d.q.span[0])
    if _after_look_back(view, d.q.span[0]):
        return True
    aux = [t for t in view.words_between(c0, c1) if t.low in _PLUPERFECT[view.lang]]
    verbs = [w for w in view.directions if c0 <= w.start < c1]
    if not aux or not verbs or aux[0].start > verbs[0].start:
        return False
    return view.lang == "en" or aux[0].low.startswith("hat") or verbs[0].text.endswith("en")


def _after_look_back(view: SentenceView, pos: int) -> bool:
    """Whether a look-back word ("after", "adding to", "nach", "nachdem") stands before ``pos`` in its stretch
    of the clause (after any earlier number) with no name between: "ended flat after losing 6.2% on Thursday",
    "adding to Tuesday's 1.7% advance"; not "After a slump on Monday Nvidia rose 8.9%"."""
    c0, _ = view.clause(pos)
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= pos])
    leads = [t for t in view.words_between(s0, pos) if t.low in rules.LOOK_BACK_LEADS[view.lang]]
    if not leads:
        return False
    at = leads[-1].end
    return not any(at <= x.start < pos for x in view.subjects if x.kind != "group")


def _remember_days(view: SentenceView, drafts: list[Draft], ctx: Context) -> None:
    """Every single day the sentence names (for "that Monday"), and the day of its last claim that has one
    (for "the following day" in a later sentence)."""
    ctx.days += [p for p in view.periods if p.single_day and p.last]
    told = [d for d in drafts if d.period is not None and d.period.single_day]
    if told:
        last = max(told, key=lambda d: d.q.span[0])
        assert last.period is not None
        ctx.last_day = (last.period, last.shift)


def _remember_scene(view: SentenceView, ctx: Context) -> None:
    """ "Remember Monday? Nvidia lost 17% in a single session.": a question with no figure that names one day
    sets the day of the claims after it in its paragraph that name none."""
    if view.quantities or not view.sentence.text.rstrip().endswith("?"):
        return
    days = [p for p in view.periods if p.single_day and not view.is_aside(p.start)]
    if days:
        ctx.scene[view.sentence.paragraph] = days[-1]


def _speaks_of_trading(view: SentenceView, p: PeriodSpan) -> bool:
    """Whether the clause of ``p`` reports a move or a session ("finished mixed on Wednesday")."""
    clause = view.clause(p.start)
    if any(view.clause(w.start) == clause for w in view.directions):
        return True
    return any(t.low in rules.SESSION_WORDS[view.lang] for t in view.words_between(*clause))


def _read_records(view: SentenceView, masked: str, ctx: Context, outcomes: list[Outcome]) -> list[Outcome]:
    """The sentence's record claims ("its lowest close since October", "Rekordhoch"): they state no number,
    so each is read as a number would be, standing where its words stand."""
    out: list[Outcome] = []
    for rec in kinds.find_records(view, masked):
        if rec.note:  # no claim kind ("in U.S. history", "its worst week"): the sentence's nearest claim says why
            near = sorted((o for o in outcomes if isinstance(o, Draft)), key=lambda o: abs(o.q.span[0] - rec.start))
            near[0].notes.append(rec.note) if near else None
            continue
        pq = Quantity("number", 0.0, None, 0, None, "one", rec.text, (rec.start, rec.end))
        here = dataclasses.replace(view, quantities=sorted([*view.quantities, pq], key=lambda o: o.span[0]))
        before = [o for o in outcomes if isinstance(o, Draft) and o.q.span[1] <= rec.start]
        previous = before[-1] if before else None
        down = kinds.record_down(rec.record)
        direction = ("down" if down else "up", rec.text, 0.0, "")
        outcome = _with_subject(here, pq, ctx, pick_subject(here, pq), direction, [], previous, kind="record")
        if isinstance(outcome, Draft):
            outcome.record, outcome.since, outcome.record_unit = rec.record, rec.since, rec.unit
            out.append(outcome)
    return out


def _decide(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None) -> Outcome:
    lang = view.lang
    c0, c1 = view.clause(q.span[0])
    kind_hedges = hedge_before(view, q)
    cue = market_value_words(view) if q.kind == "money" else None
    kind = kinds.kind_of(view, q, kind_hedges[0].start if kind_hedges else None, cue)
    if kind is not None:
        drafted = _kind_draft(view, q, ctx, previous, kind, kind_hedges)
        if drafted is not None:
            return drafted
    if q.kind == "points":
        return non_claim(view, q, "unsupported_unit", "percentage points are not a percent change of a price")
    if q.kind == "index_points":
        return non_claim(view, q, "unsupported_unit", "index points: marketfact checks percent changes")
    if q.kind == "number":
        nxt = [t.text for t in view.toks if t.start >= q.span[1]][:1]
        what = f" ({nxt[0]})" if nxt and nxt[0].isalpha() else ""
        reason = not_price_cue(view, c0, c1)
        return non_claim(
            view,
            q,
            "not_market",
            f"a count or figure{what}, not a price move" + (f": about {reason!r}" if reason else ""),
        )
    hedges = hedge_before(view, q)
    lead = [t for t in view.toks if t.end <= (hedges[0].start if hedges else q.span[0])]
    seg0 = max([view.clause(q.span[0])[0]] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])
    total = any(
        t.low in rules.DIRECTION_NOUNS or rules.tail_in(t.low, rules.DOWN_TAILS) for t in lead if t.start >= seg0
    )
    level = lead and lead[-1].low in rules.LEVEL_BEFORE[lang] and not (len(lead) > 1 and lead[-2].low == "up")
    if level and not total:
        return non_claim(
            view, q, "level", f"a level ({lead[-1].text} {q.text}), not a change; marketfact checks changes"
        )
    after = tokens_after(view, q, 1)
    if after and after[0] in rules.LEVEL_AFTER[lang]:
        return non_claim(view, q, "level", f"a level ({q.text} {after[0]}), not a change")
    subject = pick_subject(view, q)
    direction = direction_of(view, q, hedges, previous.direction if previous else None)
    direction = direction or kinds.direction_past_levels(view, q) or _or_clause(view, q, previous)
    before = max(c0, subject.end) if subject is not None and subject.end <= q.span[0] else c0
    blocking = not_price_cue(view, before, q.span[0])
    blocking = blocking or not_price_cue(view, q.span[1], _end_of_tokens(view, q, 2))
    if blocking or direction is None:
        cue = blocking or not_price_cue(view, c0, c1)
        if cue:
            return non_claim(view, q, "not_market", f"about {cue!r}, not a market price")
        return non_claim(view, q, "no_direction", "no rise or fall is stated for this number")
    return _with_subject(view, q, ctx, subject, direction, hedges, previous)


def _or_clause(view: SentenceView, q: Quantity, previous: Draft | None) -> tuple[str, str, float, str] | None:
    """ "lost 89 points, or 1.5%": the same move said again in percent, after "or"/"oder"."""
    if previous is None or not previous.direction:
        return None
    c0, _ = view.clause(q.span[0])
    words = [t.low for t in view.words_between(c0, q.span[0])]
    if words and words[0] in ("or", "oder", "bzw", "beziehungsweise") and len(words) <= 2:
        return previous.direction, words[0], 0.05, f"{words[0]!r}: the previous number's move, in another unit"
    return None


def _kind_draft(
    view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, kind: kinds.KindReading, hedges: list
) -> Outcome | None:
    """A level, points change or market value level; None leaves ``q`` to the percent and market value rules."""
    subject = pick_subject(view, q)
    direction: tuple[str, str, float, str] | None
    if kind.direction is not None:
        direction = (kind.direction, kind.words, 0.0, "")
    elif kind.metric in (kinds.POINTS_CHANGE, kinds.INTRADAY_LEVEL):
        direction = direction_of(view, q, hedges, previous.direction if previous else None)
        direction = direction or kinds.direction_past_levels(view, q)
        if direction is None:
            return None
    else:
        direction = ("", kind.words, 0.0, "")
    before = max(view.clause(q.span[0])[0], subject.end) if subject is not None and subject.end <= q.span[0] else None
    c0 = view.clause(q.span[0])[0]
    cue = not_price_cue(view, before if before is not None else c0, q.span[0])
    cue = cue or not_price_cue(view, q.span[1], _end_of_tokens(view, q, 2))
    if cue:
        return None
    return _with_subject(view, q, ctx, subject, direction, hedges, previous, kind=kind.metric)


def _end_of_tokens(view: SentenceView, q: Quantity, n: int) -> int:
    after = [t for t in view.toks if t.start >= q.span[1]][:n]
    stop = min((b for b in view.breaks if b >= q.span[1]), default=view.sentence.end)
    return min(after[-1].end if after else q.span[1], stop)


def _with_subject(
    view: SentenceView, q: Quantity, ctx: Context, subject: Subject | None, direction: tuple[str, str, float, str],
    hedges: list, previous: Draft | None, kind: str = "",
) -> Outcome:  # fmt: skip
    """The number as a claim about its subject (or why it is none): the company or index, its listing, the
    direction, the hedge and the period, each with its notes and the penalty for how uncertain it was read."""
    found = _entry_of(view, q, ctx, subject, kind)
    if not isinstance(found, tuple):
        return found
    entry, listing, notes, penalty = found
    market = _market_reading(view, q, entry, direction, kind)
    if not isinstance(market, tuple):
        return market
    notes += market[0]
    penalty += market[1]
    listing = pick_listing(entry, view.sentence.text, listing)
    if listing is not entry.listing:
        notes.append(f"listing {listing.symbol} chosen by the place named in the sentence: {listing.note}")
    elif entry.listing.note:
        notes.append(f"{entry.listing.symbol}: {entry.listing.note}")
    d, d_words, d_penalty, d_note = direction
    penalty += d_penalty
    notes += [d_note] if d_note else []
    if kind == "record":
        hedge, h_words, intraday, h_penalty, h_note = None, "", False, 0.0, ""
    else:
        hedge, h_words, intraday, h_penalty, h_note = hedge_of(view, q, hedges)
    if kind in (kinds.CLOSE_LEVEL, kinds.INTRADAY_LEVEL) and intraday:
        # "zeitweise bis auf 46,88 Euro": the words that say "intraday" are the level's metric, not a hedge
        kind = kinds.INTRADAY_LEVEL
        hedge = " ".join(h.value for h in hedges) or None
        h_words = " ".join(h.text for h in hedges)
        if not d:
            return non_claim(view, q, "no_direction", "the day's low or high, but no rise or fall is stated")
    penalty += h_penalty
    notes += [h_note] if h_note else []
    when = when_of(view, q, ctx, previous, d_words, kind)
    penalty += when.penalty
    notes += when.notes
    return Draft(
        view=view,
        q=q,
        entry=entry,
        listing=listing,
        subject_words=(subject.text if subject is not None else "") or entry.name,
        direction=d,
        direction_words=d_words or "(carried over)",
        hedge=hedge,
        hedge_words=h_words,
        intraday=intraday,
        period=when.period,
        notes=notes,
        penalty=penalty,
        subject=subject,
        shift=when.shift,
        anchor=when.anchor,
        forward=when.forward,
        kind=kind,
    )


def _entry_of(
    view: SentenceView, q: Quantity, ctx: Context, subject: Subject | None, kind: str
) -> tuple[AliasEntry, Listing | None, list[str], float] | Outcome:
    """The company or index a number is about: its subject's (resolved, or chosen among the candidates by the
    article's context) or, when the sentence names none, one named before (``refer_back``). With a listing
    named with it (or None), the notes and the penalty for how it was found; or why there is none."""
    notes: list[str] = []
    penalty = 0.0
    s = view.sentence
    entry: AliasEntry | None = None
    if subject is not None and subject.kind == "group":
        return non_claim(view, q, "group", f"about a group ({subject.text!r}), not one company or index")
    if subject is not None and subject.kind == "mention" and subject.mention is not None:
        look = subject.mention.lookup
        if look.status == "resolved":
            entry = look.entry
        elif look.status == "unlisted":
            return non_claim(view, q, "unlisted", look.message)
        else:
            entry, note = _disambiguate(look.candidates, ctx)
            if entry is None:
                return Unresolved(
                    subject.text, look.message, s.text, s.index, (subject.start, subject.end), look.candidates, q.text
                )
            notes.append(note)
            penalty += 0.1
    elif subject is not None and subject.kind == "unknown" and subject.lookup is not None:
        look = subject.lookup
        if look.status != "resolved" or look.entry is None:
            return Unresolved(
                subject.text, look.message, s.text, s.index, (subject.start, subject.end), look.candidates, q.text
            )
        entry = look.entry
        notes.append(look.message)
        penalty += 0.1
    if entry is not None:
        return entry, None, notes, penalty
    back = refer_back(view, subject, ctx, money=q.kind == "money" and kind not in kinds.PRICE_KINDS)
    if back is None:
        what = f"{subject.text!r} refers back, but" if subject is not None else "no company or index is named and"
        return non_claim(view, q, "no_subject", f"{what} nothing suitable was named before")
    entry, listing, named, how = back
    said = f"{subject.text!r}" if subject is not None else "this sentence (which names no company)"
    notes.append(f"{said} read as {entry.name}: {named!r}, {how}")
    penalty += 0.1 if subject is not None and subject.kind != "pronoun" else 0.3
    return entry, listing, notes, penalty


def _market_reading(
    view: SentenceView, q: Quantity, entry: AliasEntry, direction: tuple[str, str, float, str], kind: str
) -> tuple[list[str], float] | NonMarketNumber:
    """Whether the number fits what ``entry`` is: a price in money for an equity, in points for an index; an
    amount of money is a market value (of an equity only), by its wording or, without one, an amount in
    billions lost or gained (noted, penalised). The notes and the penalty, or why it is no claim."""
    if kind in kinds.PRICE_KINDS:
        if q.kind == "money" and entry.kind != "equity":
            return non_claim(view, q, "not_market", f"{entry.name} is an index: its level is in points, not money")
        if q.kind != "money" and entry.kind != "index":
            return non_claim(view, q, "unsupported_unit", f"{entry.name} is no index: a price in points is no claim")
        return [], 0.0
    if q.kind != "money":
        return [], 0.0
    if entry.kind != "equity":
        return non_claim(view, q, "not_market", f"{entry.name} is an index: it has no market value in money")
    cue = market_value_words(view)
    if cue is not None:
        return [f"market value from {cue!r}"], 0.0
    if (direction[0] != "down" and direction[0] != "up") or q.scale not in ("billion", "trillion"):
        return non_claim(view, q, "not_market", "an amount of money with no market-value wording")
    return ["no 'market value' wording: an amount in billions lost or gained by a company read as market value"], 0.25


def _disambiguate(candidates: tuple, ctx: Context) -> tuple[AliasEntry | None, str]:
    """An ambiguous short name resolves only to a candidate the article named in full before."""
    symbols = {c.symbol for c in candidates}
    for i, _, entry, _words in reversed(ctx.named):
        if entry.symbol in symbols:
            return entry, f"the short name read as {entry.name} ({entry.symbol}), named in full in sentence {i + 1}"
    return None, ""
