"""From drafts to claims: share numbers out among coordinated names, pick the listing, resolve sessions,
and write each claim with its paraphrase, its sentence and the notes on how it was read.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from marketfact.claims.extract import rules
from marketfact.claims.extract.calibration import ceiling, inferences, look_back
from marketfact.claims.extract.day import todayclosed
from marketfact.claims.extract.decide import Draft, Outcome
from marketfact.claims.extract.entities import AliasEntry, Listing
from marketfact.claims.extract.kind import kinds, records
from marketfact.claims.extract.paraphrase import paraphrase, sessions_word
from marketfact.claims.extract.reading import SentenceView
from marketfact.claims.extract.since import sinceclose
from marketfact.claims.model import Claim
from marketfact.claims.periods import PeriodError, resolve_period
from marketfact.claims.readings import NonMarketNumber, Reading
from marketfact.market.calendars import shift_sessions

ANCHOR_PENALTY = 0.1
"""A counted period resolved from the article's narrative rather than from publication."""

BASE_CONFIDENCE = 0.95
"""Confidence of a claim read without any doubt; each uncertain step lowers it and adds a note."""


def pick_listing(entry: AliasEntry, sentence: str, default: Listing | None = None) -> Listing:
    """The listing the sentence speaks of: one whose place it names ("in Amsterdam"), else ``default``."""
    low = sentence.casefold()
    for other in entry.other_listings:
        if any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", low) for w in other.where):
            return other
    return default if default is not None else entry.listing


def coordinate(view: SentenceView, outcomes: list[Outcome]) -> list[Outcome]:
    """ "Advantest und Tokyo Electron fielen um 8,6 bzw. 4,9 Prozent": share the numbers out among the names."""
    chain = _chain_ending_at(view, outcomes)
    if chain is None:
        return outcomes
    members, drafts = chain
    if len(drafts) == len(members):
        for d, m in zip(drafts, members, strict=True):
            d.entry, d.listing, d.subject_words = m.entry, pick_listing(m.entry, view.sentence.text), m.text
            d.notes.append(f"'{' / '.join(x.text for x in members)}' paired with the numbers in order")
        return outcomes
    if len(drafts) == 1:
        base = drafts[0]
        out: list[Outcome] = []
        for o in outcomes:
            if o is not base:
                out.append(o)
                continue
            for m in members:
                note = f"one number said of each of {', '.join(x.text for x in members)}"
                # every field of the draft stays (a record's kind and "since", a count running on, a reference
                # close): only the company, its listing and its words change
                out.append(
                    dataclasses.replace(
                        base,
                        entry=m.entry,
                        listing=pick_listing(m.entry, view.sentence.text),
                        subject_words=m.text,
                        notes=[*base.notes, note],
                        penalty=base.penalty + 0.05,
                    )
                )
        return out
    return outcomes


def _chain_ending_at(view: SentenceView, outcomes: list[Outcome]) -> tuple[list, list[Draft]] | None:
    drafts = [o for o in outcomes if isinstance(o, Draft) and o.subject is not None and o.subject.kind == "mention"]
    if not drafts:
        return None
    last = drafts[0].subject
    same = [d for d in drafts if d.subject is last]
    mentions = [m for m in view.mentions if not m.modifier]
    idx = next((i for i, m in enumerate(mentions) if last is not None and m.start == last.start), None)
    if idx is None:
        return None
    members = [mentions[idx]]
    glue = rules.COORDINATION[view.lang] | {"die", "der", "the", "aktien", "shares", "von", "of"}
    while idx > 0:
        prev = mentions[idx - 1]
        between = [t.low for t in view.words_between(prev.end, members[0].start)]
        if not between or not all(w in glue for w in between) or prev.entry is None:
            break
        members.insert(0, prev)
        idx -= 1
    if len(members) < 2 or any(m.entry is None for m in members):
        return None
    return members, same


# ---- claims ---------------------------------------------------------------------------------------------------
def build_claims(
    drafts: list[Draft], published_at: datetime, lang: str
) -> tuple[list[Claim], list[Reading], list[NonMarketNumber]]:
    """Claims (with ids ``s<sentence>-<symbol>``, paraphrase, quote and notes) and their readings, in order;
    and the drafts a claim file could not hold (a fall of 117 %: out of the claim's bounds), with the reason."""
    claims: list[Claim] = []
    readings: list[Reading] = []
    refused: list[NonMarketNumber] = []
    used: dict[str, int] = {}
    read = []
    for d in drafts:
        notes = list(d.notes)
        read.append((d, notes, *_sessions(d, published_at, lang, notes)))
    latest = max((r[-1] for _, _, r, _ in read if r), default=None)  # calibration.look_back's "latest"
    for d, notes, resolved, sessions in read:
        cid = _claim_id(d, used)
        look_back(notes, resolved, latest)
        confidence, inferred = _confidence(d, notes)
        unheld = round(max(0.1, min(1.0, BASE_CONFIDENCE - d.penalty)), 2)
        reading = Reading(
            claim_id=cid,
            sentence_index=d.view.sentence.index,
            sentence_span=(d.view.sentence.start, d.view.sentence.end),
            number_span=d.q.span,
            number_text=d.q.text,
            subject_words=d.subject_words,
            direction_words=d.direction_words,
            hedge_words=d.hedge_words,
            period_words=d.period.words if d.period else "",
            confidence=confidence,
            notes=tuple(notes),
            sessions=tuple(resolved) if resolved else None,
            inferred=inferred,
            unheld=unheld,
        )
        fields = _claim_fields(d, cid, confidence, notes, sessions=sessions, published_at=published_at, lang=lang)
        claim = _claim(d, fields, published_at, lang)
        if isinstance(claim, NonMarketNumber):
            refused.append(claim)
            continue
        claims.append(claim)
        readings.append(reading)
    return claims, readings, refused


def _claim_id(d: Draft, used: dict[str, int]) -> str:
    """ "s03-nvda": the sentence and the symbol, with "-2", "-3" for the sentence's further claims on it."""
    slug = re.sub(r"[^a-z0-9.]+", "-", d.listing.symbol.casefold()).strip("-.") or "x"
    base = f"s{d.view.sentence.index + 1:02d}-{slug}"
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}-{used[base]}"


def _confidence(d: Draft, notes: list[str]) -> tuple[float, tuple[str, ...]]:
    """The claim's confidence (the base less the draft's penalty, held at the measured accuracy of the
    inferences in ``notes``; a note says so) and those inferences."""
    inferred = inferences(notes)
    confidence = round(max(0.1, min(BASE_CONFIDENCE - d.penalty, ceiling(inferred))), 2)
    if confidence < round(max(0.1, min(1.0, BASE_CONFIDENCE - d.penalty)), 2):
        notes.append(f"confidence held at {confidence:.2f}: measured accuracy of {', '.join(inferred)}")
    return confidence, inferred


def _claim_fields(
    d: Draft, cid: str, confidence: float, notes: list[str], *, sessions: list[date] | None,
    published_at: datetime, lang: str,
) -> dict:  # fmt: skip
    """The fields of a claim file's claim for a percent move or a change of market value (``_kind_fields``
    adds those of the other kinds), its notes opening with where and how it was read."""
    s, q = d.view.sentence, d.q
    low, high = q.magnitudes
    value_text = None if high is not None else f"{low:.{q.decimals}f}"
    unhedged = "no hedge word: the number as stated, rounded to its precision"
    money = q.kind == "money"
    return dict(
        id=cid,
        text=paraphrase(d, value_text),
        subject=d.entry.name,
        instrument=d.listing.symbol,
        metric="market_cap_change" if money else ("intraday_extreme" if d.intraday else "close_change"),
        direction=d.direction,
        sessions=sessions,
        period=d.period.words if d.period is not None and d.shift == 0 and sessions is None else None,
        value=None if high is not None else low,
        range=(low, high) if high is not None else None,
        value_text=value_text,
        decimals=q.decimals,
        language=lang,
        unit="money" if money else "percent",
        currency=q.currency if money else None,
        scale=q.scale if money else "one",
        hedge=d.hedge,
        published_at=published_at,
        quote=s.text,
        notes=[
            f"read from sentence {s.index + 1}, characters {s.start}-{s.end}; "
            f"number {q.text!r} at {q.span[0]}-{q.span[1]}",
            f"direction {d.direction} from {d.direction_words!r}",
            f"hedge from {d.hedge_words!r}" if d.hedge_words else unhedged,
            *notes,
            f"confidence {confidence:.2f}",
        ],
    )


def _claim(d: Draft, fields: dict, published_at: datetime, lang: str) -> Claim | NonMarketNumber:
    """The claim, validated as a claim file's; or why it cannot be one (a kind that does not resolve, the claim
    file's own bounds: the same reason a hand-written claim gets)."""
    s, q = d.view.sentence, d.q
    if d.kind:
        problem = _kind_fields(d, fields, published_at, lang)
        if problem is not None:
            return NonMarketNumber(" ".join(q.text.split()), "not_market", problem, s.text, s.index, q.span)
    try:
        return Claim.model_validate(fields)
    except ValidationError as exc:
        reason = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        return NonMarketNumber(" ".join(q.text.split()), "out_of_bounds", reason, s.text, s.index, q.span)


def _kind_fields(d: Draft, fields: dict, published_at: datetime, lang: str) -> str | None:
    """Set the claim fields of a kind beyond percent moves (claims.extract.kind.kinds); a reason when it cannot be
    a claim (a record whose "since" does not resolve)."""
    money = d.q.kind == "money"
    fields["metric"] = d.kind
    if d.kind in kinds.PRICE_KINDS:
        fields.update(unit="money" if money else "points", currency=d.q.currency if money else None, scale="one")
    if d.kind in (kinds.CLOSE_LEVEL, kinds.MARKET_CAP_LEVEL):
        fields["direction"] = None
    if d.kind == kinds.RECORD:
        fields.update(
            record=d.record, value=None, range=None, value_text=None, decimals=None, unit="percent", currency=None,
            scale="one", hedge=None,
        )  # fmt: skip
        if d.record_unit == "money":  # a record of market value: ranked in the listing's currency (checks)
            if not d.listing.currency:
                return f"a record of market value: no listing currency known for {d.listing.symbol}"
            fields.update(unit="money", currency=d.listing.currency, scale="billion")
        if d.since is not None:
            if not (d.listing.mic and d.listing.timezone):
                return f"a record since {d.since.words!r}: no exchange calendar known for {d.listing.symbol}"
            try:
                fields["since"] = records.record_since(
                    d.since.words, published_at, d.listing.mic, d.listing.timezone, lang
                )
            except (PeriodError, ValueError, IndexError) as exc:
                return f"a record since {d.since.words!r}, which does not resolve to a day: {exc}"
    return None


def _sessions(
    d: Draft, published_at: datetime, lang: str, notes: list[str]
) -> tuple[list[date] | None, list[date] | None]:
    """(the sessions the period means on the claim's exchange, the sessions to write into the claim).

    The claim keeps its period in words and leaves the sessions to the checker, which applies the same
    resolver with its guards (a session still trading at publication). Only "the session before …",
    which words cannot say, is written as a date.
    """
    if d.after is not None and d.listing.mic and d.listing.timezone:
        since = sinceclose.sessions(d, published_at, lang, notes)
        if since is not None:
            return since, since
    if d.period is None:
        notes.append("no day named: the checker searches the sessions before publication")
        return None, None
    if not (d.listing.mic and d.listing.timezone):
        notes.append(f"period {d.period.words!r}: no exchange calendar known for {d.listing.symbol}")
        return None, None
    if d.anchor_week:
        week = _week_of(d, published_at, lang, notes)
        if week is not None:
            return week, week
    try:
        res = resolve_period(d.period.words, published_at, d.listing.mic, d.listing.timezone, lang)
        if d.shift:
            day = shift_sessions(d.listing.mic, res.first, d.shift)
            which = "the session before that" if d.shift == -1 else f"{sessions_word(d.shift)} that"
            notes.append(f"period {res.how}; {which}: {day}")
            return [day], [day]
        if d.anchor is not None and not d.anchor_week:
            anchored = _anchored(d, published_at, lang)
            if anchored is not None and anchored != (res.first, res.last):
                first, last = anchored
                how = "runs on from the session after" if d.forward else "ends on"
                notes.append(
                    f"period {d.period.words!r} {how} the day the article named ({d.anchor.words!r}): "
                    f"{first} to {last}, not the sessions before publication ({res.first} to {res.last})"
                )
                d.penalty += ANCHOR_PENALTY
                days = [first] if first == last else [first, last]
                return days, days
    except (PeriodError, ValueError, IndexError) as exc:
        closed = todayclosed.last_close(d, exc, notes)  # "Und heute? … 3,2 Billionen Dollar wert" on a Saturday
        if closed is not None:
            return closed, closed
        notes.append(f"period {d.period.words!r} does not resolve to sessions: {exc}")
        d.penalty += 0.1
        return None, None
    notes.append(f"period {res.how}")
    if _one_session(d) and res.first != res.last:
        # "finished the week at 6,025.99": a level is one session's, the last of the span; so is a record close
        notes.append(f"a level is one session's: the last of {d.period.words!r}, {res.last}")
        return [res.last], [res.last]
    return ([res.first] if res.first == res.last else [res.first, res.last]), None


def _week_of(d: Draft, published_at: datetime, lang: str, notes: list[str]) -> list[date] | None:
    """ "gained 14% on Tuesday, Jan. 21, and 20% that week": the sessions of the week of the anchor day on the
    claim's exchange (for a level, the last of them), when that is not the week of publication; else None."""
    if d.anchor is None or d.period is None or not (d.listing.mic and d.listing.timezone):
        return None
    tz = ZoneInfo(d.listing.timezone)
    try:
        day = resolve_period(d.anchor.words, published_at, d.listing.mic, d.listing.timezone, lang).last
        sunday = datetime.combine(day + timedelta(days=6 - day.weekday()), time(23, 59), tz)
        end = min(sunday, published_at.astimezone(tz))
        res = resolve_period(d.period.words, end, d.listing.mic, d.listing.timezone, lang)
    except (PeriodError, ValueError, IndexError):
        return None
    try:
        now = resolve_period(d.period.words, published_at, d.listing.mic, d.listing.timezone, lang)
    except (PeriodError, ValueError, IndexError):
        publication = "none of its sessions had closed"
    else:
        if (now.first, now.last) == (res.first, res.last):
            return None
        publication = f"{now.first} to {now.last}"
    notes.append(
        f"period {d.period.words!r} is the week of the day the article named ({d.anchor.words!r}): {res.first} to "
        f"{res.last}, not the week of publication ({publication})"
    )
    d.penalty += ANCHOR_PENALTY
    if _one_session(d) and res.first != res.last:
        notes.append(f"a level is one session's: the last of {d.period.words!r}, {res.last}")
        return [res.last]
    return [res.first] if res.first == res.last else [res.first, res.last]


def _one_session(d: Draft) -> bool:
    """Whether the claim is one session's: a close level, a market value, a record close ("beendete die Woche mit
    21.732 Punkten auf Rekordniveau" is Friday's close, as the level is)."""
    return d.kind in (kinds.CLOSE_LEVEL, kinds.MARKET_CAP_LEVEL) or d.record in ("highest_close", "lowest_close")


def _anchored(d: Draft, published_at: datetime, lang: str) -> tuple[date, date] | None:
    """The sessions of a counted period ending on the anchor day, on the claim's exchange."""
    if d.anchor is None or d.period is None or not (d.listing.mic and d.listing.timezone):
        return None
    tz = ZoneInfo(d.listing.timezone)
    try:
        day = resolve_period(d.anchor.words, published_at, d.listing.mic, d.listing.timezone, lang).last
        day = shift_sessions(d.listing.mic, day, d.anchor_shift) if d.anchor_shift else day
        if d.forward:  # "has since risen for three straight sessions": the n sessions after the day named
            n = resolve_period(d.period.words, published_at, d.listing.mic, d.listing.timezone, lang).n_sessions
            return shift_sessions(d.listing.mic, day, 1), shift_sessions(d.listing.mic, day, n)
        end = min(datetime.combine(day, time(23, 59), tz), published_at.astimezone(tz))
        res = resolve_period(d.period.words, end, d.listing.mic, d.listing.timezone, lang)
    except (PeriodError, ValueError, IndexError):
        return None
    return res.first, res.last
