"""Claims from article text: ``extract_claims`` reads a German or English article and returns every market
claim in it as a ``Claim`` (with the sentence, its span and how each part was read), every other number
with the reason it is not a claim, and every company name it could not resolve with its candidates.

Here, sentence by sentence and number by number: is the number a claim at all? ``drafting`` makes it a claim
about its subject; ``story`` keeps what a sentence leaves for the next; ``build`` writes the claims.
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime
from pathlib import Path

from marketfact.claims.extract import rules, tables
from marketfact.claims.extract.build import build_claims, coordinate
from marketfact.claims.extract.day import titleday
from marketfact.claims.extract.day.listheads import list_heads
from marketfact.claims.extract.decide import (
    Context,
    Draft,
    Outcome,
    direction_of,
    market_value_words,
    non_claim,
    not_price_cue,
    tokens_after,
)
from marketfact.claims.extract.direction import copula, distance, ratewords
from marketfact.claims.extract.drafting import with_subject
from marketfact.claims.extract.entities import AliasTable, spec_of
from marketfact.claims.extract.inputs import PublishedTimeError, check_text, parse_published, read_article
from marketfact.claims.extract.kind import closeextreme, kinds, priorperiod, records
from marketfact.claims.extract.language import choose_language
from marketfact.claims.extract.model import Extraction
from marketfact.claims.extract.reading import SentenceView, hedge_before, read_sentence
from marketfact.claims.extract.sentences import mask_markdown, split_sentences
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.extract.story import remember_frame, remember_sentence, remember_subject
from marketfact.claims.extract.subject import aheadof, denials, recordowner
from marketfact.claims.extract.subject.subjects import pick_subject
from marketfact.claims.listingspec import ListingSpec
from marketfact.claims.numbers import Quantity
from marketfact.claims.readings import NonMarketNumber, Unresolved


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
    ctx = Context(published=published_at.date(), published_at=published_at)
    ctx.list_head = list_heads(text, sentences)  # "MARKETS (Monday's close)" over "- S&P 500: +0.67%"
    drafts: list[Draft] = []
    not_market: list[NonMarketNumber] = []
    unresolved: list[Unresolved] = []
    for sentence in sentences:
        view = kinds.split_moves_to_levels(read_sentence(masked, sentence, language, aliases, published_at), masked)
        view = tables.row_view(view, text)  # "| ASML | Jan 29 | +4.3% | $712.65 |": a clause per cell
        remember_frame(view, ctx, published_at)
        outcomes = _read_numbers(view, ctx)
        not_market += _glued_numbers(view)
        outcomes = coordinate(view, outcomes)
        outcomes += _read_records(view, masked, ctx, outcomes)
        for outcome in sorted(outcomes, key=lambda o: o.q.span[0] if isinstance(o, Draft) else o.span[0]):
            if isinstance(outcome, Draft):
                remember_subject(outcome, ctx, drafts[-1] if drafts else None)
                drafts.append(outcome)
            elif isinstance(outcome, NonMarketNumber):
                not_market.append(outcome)
            else:
                unresolved.append(outcome)
        remember_sentence(view, outcomes, ctx)
    drafts, told = titleday.told_again(drafts, sentences)  # "NIKKEI UP 0.72% AT 38,798.37" over the same in the story
    not_market += told
    outside = _outside_calendars(published_at)
    if outside is not None:  # issue 20.8: said, not dropped as "no day named"
        not_market += [non_claim(d.view, d.q, "outside_calendar", _outside_reason(d, outside)) for d in drafts]
        drafts = []
    claims, readings, refused = build_claims(drafts, published_at, language)
    claims, readings = records.drop_said_again(claims, readings)  # a lede's record told again in its body
    not_market += refused
    warnings = sorted({u.reason for u in unresolved if "online search failed" in u.reason})
    listings = user_listings({c.instrument for c in claims if c.instrument}, aliases)
    return Extraction(language, published_at, sentences, claims, readings, not_market, unresolved, warnings, listings)


@functools.cache
def _shipped_symbols() -> frozenset[str]:
    """Every listing symbol of the shipped alias table (read once, not per article)."""
    return frozenset(
        listing.symbol for entry in default_aliases().entries for listing in (entry.listing, *entry.other_listings)
    )


def user_listings(symbols: set[str], aliases: AliasTable) -> tuple[ListingSpec, ...]:
    """The listings of ``symbols`` that a user's alias file gives and the shipped tables lack, so the claim file
    can define them (its ``instruments:`` block) and re-check as written without the alias file."""
    shipped = _shipped_symbols()
    found = {
        listing.symbol: spec_of(listing, entry.name)
        for entry in aliases.entries
        for listing in (entry.listing, *entry.other_listings)
        if listing.symbol in symbols and listing.symbol not in shipped
        and listing.mic and listing.timezone and listing.currency
    }  # fmt: skip
    return tuple(found[symbol] for symbol in sorted(found))


def _glued_numbers(view: SentenceView) -> list[NonMarketNumber]:
    """ "17pc", "3nm": numbers glued to letters that are no unit, each said as no claim."""
    s = view.sentence
    return [
        NonMarketNumber(
            " ".join(g.text.split()),
            "unknown_unit",
            f"{g.text!r}: letters after the number that are no unit marketfact reads (claims/numbers.py)",
            s.text,
            s.index,
            g.span,
        )
        for g in view.glued
    ]


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
    moved: Draft | None = None
    for q in view.quantities:
        outcome = _decide(view, q, ctx, previous, _move_before_level(view, previous, moved))
        previous = outcome if isinstance(outcome, Draft) else previous
        moved = outcome if isinstance(outcome, Draft) and outcome.direction else moved
        outcomes += [outcome, *_extreme_too(view, q, ctx, outcome)]
    return outcomes


def _extreme_too(view: SentenceView, q: Quantity, ctx: Context, outcome: Outcome) -> list[Outcome]:
    """ "closed at its low of the day, €232.40": the close is the day's low too, a second claim."""
    if not isinstance(outcome, Draft) or outcome.kind != kinds.CLOSE_LEVEL:
        return []
    said = closeextreme.close_at_extreme(view, q)
    if said is None:
        return []
    direction = (said[0], said[1], 0.0, "")
    extra = with_subject(view, q, ctx, pick_subject(view, q), direction, [], outcome, kind=kinds.INTRADAY_LEVEL)
    return [extra] if isinstance(extra, Draft) else []


def _move_before_level(view: SentenceView, previous: Draft | None, moved: Draft | None) -> str | None:
    """The direction a number with no verb of its own carries over: the previous number's, or, when that is a level
    said right after a move in its clause ("pushed the S&P 500 down by 0.95% to 6,025.99 on Friday and the Nasdaq by
    1.4%"), the move's."""
    if previous is None or previous.direction:
        return previous.direction if previous is not None else None
    if moved is None or view.clause(moved.q.span[0]) != view.clause(previous.q.span[0]):
        return None
    between = view.words_between(moved.q.span[1], previous.q.span[0])
    return moved.direction if [t.low for t in between] in (["to"], ["auf"]) else None


def _read_records(view: SentenceView, masked: str, ctx: Context, outcomes: list[Outcome]) -> list[Outcome]:
    """The sentence's record claims ("its lowest close since October", "Rekordhoch"): they state no number,
    so each is read as a number would be, standing where its words stand."""
    out: list[Outcome] = []
    for rec in records.find_records(view, masked):
        if rec.note:  # no claim kind ("in U.S. history", "its worst week"): the sentence's nearest claim says why
            near = sorted((o for o in outcomes if isinstance(o, Draft)), key=lambda o: abs(o.q.span[0] - rec.start))
            near[0].notes.append(rec.note) if near else None
            continue
        pq = Quantity("number", 0.0, None, 0, None, "one", rec.text, (rec.start, rec.end))
        here = dataclasses.replace(view, quantities=sorted([*view.quantities, pq], key=lambda o: o.span[0]))
        before = [o for o in outcomes if isinstance(o, Draft) and o.q.span[1] <= rec.start]
        previous = before[-1] if before else None
        # "at a record 21,732", "its record close of 22,612.02 on Thursday": the record is the level right after it
        # (or after "of"), and has its day
        level = [o for o in outcomes if isinstance(o, Draft) and o.kind and _level_of(masked, rec.end, o.q.span[0])]
        previous = level[0] if level and level[0].kind == kinds.CLOSE_LEVEL else previous
        down = records.record_down(rec.record)
        direction = ("down" if down else "up", rec.text, 0.0, "")
        subject = recordowner.owner_of_record(here, pq, previous) or pick_subject(here, pq)  # "… zulegte (Rekordhoch)"
        outcome = with_subject(here, pq, ctx, subject, direction, [], previous, kind="record")
        if isinstance(outcome, Draft):
            outcome.record, outcome.since, outcome.record_unit = rec.record, rec.since, rec.unit
            out.append(outcome)
    return out


def _level_of(masked: str, end: int, start: int) -> bool:
    """Whether a number starting at ``start`` stands right after record words ending at ``end``, "of"/"von" aside."""
    return 0 <= start - end <= 5 and masked[end:start].strip().lower() in ("", "of", "von")


def _decide(view: SentenceView, q: Quantity, ctx: Context, previous: Draft | None, carried: str | None) -> Outcome:
    lang = view.lang
    c0, c1 = view.clause(q.span[0])
    kind_hedges = hedge_before(view, q)
    gone = denials.withdrawn(view, q, kind_hedges[0].start if kind_hedges else q.span[0])
    if gone is not None:  # "Nvidia rebounded 8.9%, not 9.8%", "closed at 21,430.58, not at 21,340"
        return non_claim(view, q, "not_market", f"a figure the text withdraws ({gone!r} before it), no claim")
    said = denials.told_earlier(view, q)  # "An earlier version of this story said Oracle fell 1.4%"
    if said is not None:
        return non_claim(view, q, "not_market", f"what an earlier text said ({said!r}), withdrawn: no claim")
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
    if (ahead := aheadof.compared(view, q, carried)) is not None:  # "up 5.1%, ahead of ASML at 3.9%"
        return with_subject(view, q, ctx, ahead[0], ahead[1], hedges, previous)
    lead = [t for t in view.toks if t.end <= (hedges[0].start if hedges else q.span[0])]
    seg0 = max([view.clause(q.span[0])[0]] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])
    total = any(ratewords.move_noun(t.low, lang) for t in lead if t.start >= seg0)  # "Anstiegsrate lag bei …"
    level = lead and lead[-1].low in rules.LEVEL_BEFORE[lang] and not (len(lead) > 1 and lead[-2].low == "up")
    if level and not total:
        return non_claim(
            view, q, "level", f"a level ({lead[-1].text} {q.text}), not a change; marketfact checks changes"
        )
    after = tokens_after(view, q, 1)
    if after and after[0] in rules.LEVEL_AFTER[lang]:
        return non_claim(view, q, "level", f"a level ({q.text} {after[0]}), not a change")
    subject = pick_subject(view, q)
    direction = direction_of(view, q, hedges, carried)
    direction = direction or kinds.direction_past_levels(view, q) or _or_clause(view, q, previous)
    direction = direction or copula.carried(view, q, previous, ctx.last_moved) or _shortfall(view, q)
    direction = direction or distance.of_levels(view, q, ctx, subject)  # "ist die Aktie noch rund 6,5 Prozent entfernt"
    before = max(c0, subject.end) if subject is not None and subject.end <= q.span[0] else c0
    blocking = not_price_cue(view, before, q.span[0]) or priorperiod.prior_period(view, q)  # "… zum Vormonat"
    blocking = blocking or not_price_cue(view, q.span[1], _end_of_tokens(view, q, 2))
    if blocking or direction is None:
        cue = blocking or not_price_cue(view, c0, c1)
        if cue:
            return non_claim(view, q, "not_market", f"about {cue!r}, not a market price")
        return non_claim(view, q, "no_direction", "no rise or fall is stated for this number")
    return with_subject(view, q, ctx, subject, direction, hedges, previous)


def _or_clause(view: SentenceView, q: Quantity, previous: Draft | None) -> tuple[str, str, float, str] | None:
    """ "lost 89 points, or 1.5%": the same move said again in percent, after "or"/"oder"."""
    if previous is None or not previous.direction:
        return None
    c0, _ = view.clause(q.span[0])
    s0 = max([c0] + [o.span[1] for o in view.quantities if o.span[1] <= q.span[0]])  # "235,05 Punkten oder 0,61 %"
    words = [t.low for t in view.words_between(s0, q.span[0]) if t.low not in ("punkten", "punkte", "points", ",")]
    if words and words[0] in ("or", "oder", "bzw", "beziehungsweise") and len(words) <= 2:
        return previous.direction, words[0], 0.05, f"{words[0]!r}: the previous number's move, in another unit"
    return None


SHORTFALL = frozenset({"fehlen", "fehlt", "fehlten", "fehlte"})


def _shortfall(view: SentenceView, q: Quantity) -> tuple[str, str, float, str] | None:
    """ "Zum Schlusskurs vom 24. Januar fehlen damit noch 4,8 Prozent": what is missing to a close named in q's clause
    is a fall since that close (``sinceclose`` measures it from there)."""
    if view.lang != "de":
        return None
    c0, c1 = view.clause(q.span[0])
    word = next((t for t in view.words_between(c0, c1) if t.low in SHORTFALL), None)
    if word is None or not any(c0 <= p.start < c1 and sinceclose.is_reference_close(view, p) for p in view.periods):
        return None
    return "down", word.text, 0.0, ""


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
        direction = direction or kinds.direction_past_levels(view, q) or kinds.direction_past_partner(view, q)
        direction = direction or (_move_before(view, q) if kind.metric == kinds.INTRADAY_LEVEL else None)
        # "rose 2%, or 392 points": the same move in points or money after "or"
        direction = direction or (_or_clause(view, q, previous) if kind.metric == kinds.POINTS_CHANGE else None)
        direction = direction or (copula.carried(view, q, previous, ctx.last_moved) if q.kind != "percent" else None)
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
    return with_subject(view, q, ctx, subject, direction, hedges, previous, kind=kind.metric)


def _move_before(view: SentenceView, q: Quantity) -> tuple[str, str, float, str] | None:
    """ "stieg um 2,6 Prozent auf 178,92 Dollar, im Handelsverlauf zeitweise auf 179,99 Dollar": an intraday level in a
    clause with no verb of its own is the extreme of the nearest move before it in the sentence."""
    c0, c1 = view.clause(q.span[0])
    if any(c0 <= w.start < c1 for w in view.directions):
        return None
    before = [w for w in view.directions if view.sentence.start <= w.start < c0]
    if not before:
        return None
    w = max(before, key=lambda w: w.start)
    return w.value, w.text, 0.1, "no verb of its own: the direction is carried over from the same sentence"


def _end_of_tokens(view: SentenceView, q: Quantity, n: int) -> int:
    after = [t for t in view.toks if t.start >= q.span[1]][:n]
    stop = min((b for b in view.breaks if b >= q.span[1]), default=view.sentence.end)
    return min(after[-1].end if after else q.span[1], stop)
