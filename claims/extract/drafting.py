"""A number as a claim about its subject: which company or index it is about (named, chosen among candidates
by the article, or referred back to), whether the number fits what that is, which listing, and the direction,
hedge and period read for it, each with its notes and the penalty for how uncertain it was read.
``claims.extract.extract`` decides which numbers get this far.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from marketfact.claims.extract import rules
from marketfact.claims.extract.build import pick_listing
from marketfact.claims.extract.day import dayslater, extremeafter
from marketfact.claims.extract.day.whenof import When, before_the_open, when_of
from marketfact.claims.extract.decide import Context, Draft, Outcome, hedge_of, market_value_words, non_claim
from marketfact.claims.extract.entities import AliasEntry, Listing
from marketfact.claims.extract.kind import atonepoint, kinds
from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.extract.subject import futures
from marketfact.claims.extract.subject.subjects import refer_back
from marketfact.claims.numbers import Quantity
from marketfact.claims.readings import NonMarketNumber, Unresolved

_PER_SHARE = {("je", "aktie"), ("pro", "aktie"), ("a", "share")}
"""After a price's change in money, words that say it is a share's ("ein Plus von 2,84 Euro je Aktie")."""


def with_subject(
    view: SentenceView, q: Quantity, ctx: Context, subject: Subject | None, direction: tuple[str, str, float, str],
    hedges: list, previous: Draft | None, kind: str = "",
) -> Outcome:  # fmt: skip
    """The number as a claim about its subject (or why it is none): the company or index, its listing, the
    direction, the hedge and the period, each with its notes and the penalty for how uncertain it was read."""
    found = _entry_of(view, q, ctx, subject, kind)
    if not isinstance(found, tuple):
        return found
    entry, listing, notes, penalty = found
    q, notes = _points_in_currency(view, q, entry, kind, notes, subject)
    market = _market_reading(view, q, entry, direction, kind)
    if not isinstance(market, tuple):
        return market
    notes, penalty = notes + market[0], penalty + market[1]
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
        moved = atonepoint.moved_to(view, q) if not d else None  # "fell to 9,345 yen at one point": the low
        d, d_words = (moved.value, moved.text) if moved is not None else (d, d_words)
        if not d:
            return non_claim(view, q, "no_direction", "the day's low or high, but no rise or fall is stated")
    penalty += h_penalty
    notes += [h_note] if h_note else []
    when = dayslater.in_days(when_of(view, q, ctx, previous, d_words, kind))
    when = before_the_open(extremeafter.of_move(view, q, entry, (intraday, kind), previous, when), view, ctx, listing)
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
        notes=notes,
        penalty=penalty,
        subject=subject,
        kind=kind,
        **_when_fields(when),
    )


def _when_fields(when: When) -> dict[str, Any]:
    """The fields of a draft that say when its move was: its period, the sessions before or after it, the day a count
    ends on or a week is of, the close measured from."""
    return {
        "period": when.period,
        "shift": when.shift,
        "anchor": when.anchor,
        "anchor_shift": when.anchor_shift,
        "anchor_week": when.week,
        "forward": when.forward,
        "after": when.after,
        "after_shift": when.after_shift,
    }


def _entry_of(
    view: SentenceView, q: Quantity, ctx: Context, subject: Subject | None, kind: str
) -> tuple[AliasEntry, Listing | None, list[str], float] | Outcome:
    """The company or index a number is about: its subject's (resolved, or chosen among the candidates by the
    article's context) or, when the sentence names none, one named before (``refer_back``). With a listing
    named with it (or None), the notes and the penalty for how it was found; or why there is none."""
    if (contract := futures.futures_named(view, q)) is not None:  # "S&P 500 futures fell 0.9%": not the index
        return non_claim(view, q, "not_market", f"about {contract!r}, not a market price")
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
    priced = q.kind == "money" and kind in kinds.PRICE_KINDS
    after = tuple(t.low for t in view.toks if t.start >= q.span[1])[:2]
    back = refer_back(view, subject, ctx, money=q.kind == "money" and not priced, price=priced and after in _PER_SHARE)
    if back is None:
        what = f"{subject.text!r} refers back, but" if subject is not None else "no company or index is named and"
        return non_claim(view, q, "no_subject", f"{what} nothing suitable was named before")
    entry, listing, named, how = back
    said = f"{subject.text!r}" if subject is not None else "this sentence (which names no company)"
    notes.append(f"{said} read as {entry.name}: {named!r}, {how}")
    penalty += 0.1 if subject is not None and subject.kind != "pronoun" else 0.3
    return entry, listing, notes, penalty


def _points_in_currency(
    view: SentenceView, q: Quantity, entry: AliasEntry, kind: str, notes: list[str], subject: Subject | None = None
) -> tuple[Quantity, list[str]]:
    """ "The Nikkei Stock Average closed at 39,149.43, down 312.04 yen": a yen amount of an index listed in yen and
    named in the sentence, or referred back to by a pronoun or "the index" ("It fell 279.51 yen to close at
    38,787.02 yen"), is its points, as Japanese reports write the Nikkei average's (not "der Sparerpauschbetrag
    liegt bei 1.000 Euro" after a sentence on the Dax)."""
    if kind not in kinds.PRICE_KINDS or q.kind != "money" or entry.kind != "index" or q.scale != "one":
        return q, notes
    named = any(m.entry is entry for m in view.mentions)
    referred = subject is not None and subject.kind in ("pronoun", "index_ref")
    if q.currency != "JPY" or entry.listing.currency != "JPY" or not (named or referred):
        return q, notes
    said = f"{q.text!r} in {q.currency}, the currency of {entry.name}'s listing: its points, as reports write them"
    return dataclasses.replace(q, kind="index_points", currency=None), [*notes, said]


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
    period = next((t.text for t in view.toks if t.low in rules.REPORTING_PERIODS[view.lang]), None)
    if period is not None:  # "hat im dritten Geschäftsquartal einen Verlust von 369 Milliarden Yen geschrieben"
        why = f"an amount of money of a reporting period ({period!r}), no market value"
        return non_claim(view, q, "not_market", why)
    return ["no 'market value' wording: an amount in billions lost or gained by a company read as market value"], 0.25


def _disambiguate(candidates: tuple, ctx: Context) -> tuple[AliasEntry | None, str]:
    """An ambiguous short name resolves only to a candidate the article named in full before."""
    symbols = {c.symbol for c in candidates}
    for i, _, entry, _words in reversed(ctx.named):
        if entry.symbol in symbols:
            return entry, f"the short name read as {entry.name} ({entry.symbol}), named in full in sentence {i + 1}"
    return None, ""
