"""Whom a number is about: the grammatical subject of its clause before names in an aside or after a preposition,
and what a reference ("die Aktie", "the index", "it") points back to."""

from __future__ import annotations

import re

from marketfact.claims.extract import rules
from marketfact.claims.extract.decide import Context
from marketfact.claims.extract.direction import directionwords
from marketfact.claims.extract.entities import AliasEntry, Listing
from marketfact.claims.extract.kind import closeextreme
from marketfact.claims.extract.reading import SentenceView, Subject
from marketfact.claims.extract.subject import antecedent, denials, openingphrase
from marketfact.claims.numbers import Quantity


def pick_subject(view: SentenceView, q: Quantity) -> Subject | None:
    """The name or reference ``q`` is most likely about: in its clause before it, in its clause after it
    ("Um 17 Prozent brach die Nvidia-Aktie ein"), then the nearest earlier clause, skipping an aside.

    Names after a preposition ("Lieferant für TSMC", "a supplier to Google", "rivals such as AMD") and names
    in an aside are subjects only when the sentence offers nothing else.
    """
    first = _row_label(view, q) or _noun_for(view, q) or _after_close_price(view, q) or _owner(view, q)
    first = first or openingphrase.main_subject(view, q)  # "After a 4.6% drop on Monday, TSMC rebounded 2.1%"
    first = first or antecedent.antecedent(view, q)  # "im Dax, der um 0,5 Prozent stieg": the relative clause's name
    return first or _pick_subject(view, q, demote=True) or _pick_subject(view, q, demote=False)


_OWNED = re.compile(r"\s+(?:[a-z]+\s+){0,2}")
"""Between a name in the possessive and a number it owns: at most two words ("Nvidia's nearly 3% gain")."""


def _owner(view: SentenceView, q: Quantity) -> Subject | None:
    """ "contrasted with Nvidia's 2.6% gain", "compared with the S&P 500's 0.01% dip": a name in the possessive right
    before a number owns it, also after a preposition (English)."""
    if view.lang != "en":
        return None
    text = view.sentence.text
    s0 = view.sentence.start
    for s in view.subjects:
        possessive = s.kind == "mention" and s.text.endswith(("'s", "’s")) and s.end <= q.span[0]
        if possessive and _OWNED.fullmatch(text[s.end - s0 : q.span[0] - s0]):
            return s
    return None


def _after_close_price(view: SentenceView, q: Quantity) -> Subject | None:
    """ "At Friday's close, $174.46, Oracle had gained 1.2%": a closing price set off by commas before any name of its
    sentence is about the first name after it."""
    if not closeextreme.after_named_close(view, q) or any(s.end <= q.span[0] for s in view.subjects):
        return None
    return next((s for s in view.subjects if s.start >= q.span[1] and s.kind != "pronoun"), None)


def _noun_for(view: SentenceView, q: Quantity) -> Subject | None:
    """ "a 2.8% gain for ASML", "a 3.3% drop for the Dax": the name after "for" right after q's move noun is whom the
    move is about (English)."""
    if view.lang != "en":
        return None
    after = [t for t in view.toks if t.start >= q.span[1]][:4]
    lows = [t.low for t in after]
    moves = directionwords.UP["en"] | directionwords.DOWN["en"] | {"advance"}
    if len(after) < 3 or lows[0] not in moves or lows[1] != "for":
        return None
    at = after[3].start if lows[2] == "the" and len(after) > 3 else after[2].start
    return next((s for s in view.subjects if s.start == at and s.kind != "pronoun"), None)


def _row_label(view: SentenceView, q: Quantity) -> Subject | None:
    """ "ASML (Nasdaq ADR) | Jan 29 | +4.3% | $712.65": in a table's row the first name of its first cell is whom
    the numbers of its other cells are about."""
    if view.label is None or view.label[0] <= q.span[0] < view.label[1]:
        return None
    named = [s for s in view.subjects if view.label[0] <= s.start < view.label[1] and s.kind != "pronoun"]
    return named[0] if named else None


def _pick_subject(view: SentenceView, q: Quantity, demote: bool) -> Subject | None:
    real = [s for s in view.subjects if s.kind != "pronoun" and not (demote and view.demoted(s, q.span[0]))]

    def unlisted(s: Subject) -> bool:
        """A name known to have no listing (DeepSeek)."""
        return s.kind == "mention" and s.mention is not None and s.mention.lookup.status == "unlisted"

    # An unlisted name (DeepSeek) is the subject only when nothing listed stands before the number.
    if any(not unlisted(s) and s.end <= q.span[0] for s in real):
        real = [s for s in real if not unlisted(s)]
    c0, c1 = view.clause(q.span[0])
    before = [s for s in real if s.end <= q.span[0]]
    in_clause = [s for s in before if s.start >= c0]
    if in_clause:
        return in_clause[-1]
    named = _named_before_parenthesis(view, q)
    if named is not None:
        return named
    after = [s for s in real if s.start >= q.span[1] and s.end <= c1]
    if after:
        # "die Aktie von Nvidia", "the shares of Nvidia": the name after the reference is the subject
        ref, rest = after[0], after[1:]
        if ref.kind.endswith("_ref") and rest and rest[0].kind == "mention" and rest[0].start - ref.end <= 6:
            return rest[0]
        return ref
    own = [s for s in view.subjects if s.kind == "pronoun" and c0 <= s.start < q.span[0]]
    if own and before and before[-1].end <= c0 and _in_when_clause(view, before[-1].start):
        return own[-1]  # "Am Tag zuvor, als die Börsen zulegten, hatte sie …": the clause's own subject
    if before:
        last = before[-1]
        a0, _ = view.clause(last.start)
        older = [s for s in before if s.end <= a0]
        return older[-1] if view.is_aside(last.start) and older else last
    if demote:
        return None
    pronouns = [s for s in view.subjects if s.kind == "pronoun" and c0 <= s.start < c1]
    return pronouns[0] if pronouns else None


def _named_before_parenthesis(view: SentenceView, q: Quantity) -> Subject | None:
    """ "der Testgerätehersteller Advantest (plus 3,1 Prozent) gehörte zu den Favoriten", "Broadcom (+4.5%)": a number
    in parentheses that opens right after a name is that name's, also where the name stands in what reads as an
    aside."""
    c0, _ = view.clause(q.span[0])
    opener = next((t for t in view.toks if t.start == c0 - 1), None)
    if opener is None or opener.text != "(":
        return None
    names = [s for s in view.subjects if s.kind == "mention" and s.end <= opener.start]
    if not names or view.words_between(names[-1].end, opener.start):
        return None
    return names[-1]


def _demoted_here(view: SentenceView, start: int) -> bool:
    """Whether the name at ``start`` stands in an aside (", ein Zulieferer des US-Konzerns Nvidia,"). A name after a
    preposition may still be the topic ("Anders bei Schneider Electric: Die Aktie …"); a name a correction denies is
    not ("Oracle, not Microsoft, was the stock that …")."""
    subject = next((s for s in view.subjects if s.start == start), None)
    return view.is_aside(start) or (subject is not None and denials.denied_name(view, subject))


def _in_when_clause(view: SentenceView, pos: int) -> bool:
    """Whether the clause at ``pos`` opens with "als"/"when" (a time clause: its names are not the main clause's)."""
    c0, _ = view.clause(pos)
    first = next((t for t in view.toks if t.start >= c0), None)
    return first is not None and first.low in ("als", "when")


def refer_back(
    view: SentenceView, subject: Subject | None, ctx: Context, money: bool = False, price: bool = False
) -> tuple[AliasEntry, Listing | None, str, str] | None:
    """What a reference ("die Aktie", "the index", "it") or a sentence without a name points back to.

    Returns (entry, the listing of the claim referred to if any, the words that named it, a note), or
    None when nothing suitable was named before. ``money``: an amount of market value; ``price``: a price's change
    in money said per share ("ein Plus von 2,84 Euro je Aktie"), which only a share has.
    """
    kind = subject.kind if subject is not None else "none"
    want = {"equity_ref": "equity", "index_ref": "index"}.get(kind)
    if money and kind == "none":
        want = "equity"  # "waren 10 Milliarden Euro an Börsenwert verschwunden": only a company has a market value
    if price and kind == "none":
        want = "equity"  # "Unter dem Strich steht ein Plus von 2,84 Euro je Aktie": a share's price
    last = ctx.paragraph_subject.get(view.sentence.paragraph)
    story = _story_company(view, subject, ctx) if last is None else None
    if story is not None:  # "Shares had risen 4.7% on Wednesday" opening a paragraph: the story's company
        return story
    if last is not None and kind in ("pronoun", "none") and (want is None or last[0].kind == want):
        return last[0], last[1], last[0].name, "the subject of the previous claim in this paragraph"
    limit = subject.start if subject is not None else view.sentence.start
    here = [
        (view.sentence.index, m.entry, m.text, _demoted_here(view, m.start))
        for m in view.mentions
        if m.entry and not m.modifier and m.end <= limit
    ]
    earlier = [(i, e, w) for i, _, e, w in ctx.named if 0 < view.sentence.index - i <= 3]
    # A name in this sentence first; before it, a name that stood as a subject ("Der Ausrüster Tokyo
    # Electron, Lieferant für TSMC, …" — "das Papier" is Tokyo Electron's, in a later sentence or in this one).
    candidates = [(i, e, w) for i, e, w, down in reversed(here) if not down]
    candidates += [c for c in reversed(earlier) if (c[0], c[1].symbol) not in ctx.demoted]
    candidates += [(i, e, w) for i, e, w, down in reversed(here) if down]
    candidates += [c for c in reversed(earlier) if (c[0], c[1].symbol) in ctx.demoted]
    for i, entry, words in candidates:
        if want is None or entry.kind == want:
            where = "earlier in this sentence" if i == view.sentence.index else f"in sentence {i + 1}"
            listing = last[1] if last is not None and last[0] is entry else None
            return entry, listing, words, f"named {where}"
    valued = want == "equity" and (not money or _says_market_value(view, subject))
    if ((money and kind == "none") or valued) and ctx.last_company is not None:
        # market value, or "die Aktie" / "der Börsenwert", with no company in reach: the company of the article's
        # latest claim about one (not "der Technologieinvestor" with a quarterly loss in money)
        entry, listing = ctx.last_company
        return entry, listing, entry.name, "the subject of the previous claim in the article about a company"
    if want == "equity" and ctx.last_company is None:
        return _only_company(ctx)
    return None


ONLY_COMPANY = "the only company the article named before"
STORY_COMPANY = "the first company the article named, the company the story is about"


def _story_company(
    view: SentenceView, subject: Subject | None, ctx: Context
) -> tuple[AliasEntry, Listing | None, str, str] | None:
    """ "Shares had risen 4.7% on Wednesday" opening a paragraph that has named no one yet, with a verb right after
    "Shares": the shares of the company the story is about, the first company the article named (not the last one
    named, in a paragraph about another: "Microsoft itself had a rough day …")."""
    if subject is None or subject.kind != "equity_ref" or subject.text != "Shares":
        return None
    if any(p == view.sentence.paragraph for _, p, _, _ in ctx.named):
        return None
    after = next((t for t in view.toks if t.start >= subject.end), None)
    if after is None or after.low in ("of", "in", "at", "on", "for"):
        return None
    firsts = sorted((i, e, w) for i, _, e, w in ctx.named if e.kind == "equity")
    return (firsts[0][1], None, firsts[0][2], STORY_COMPANY) if firsts else None


def _only_company(ctx: Context) -> tuple[AliasEntry, Listing | None, str, str] | None:
    """ "Porträt: Warum Anleger ASML nicht aus den Augen lassen" … five sentences with no name … "verlor das Papier":
    before any claim about a company, "die Aktie" out of reach of a name is the only company the article named."""
    companies = {e.symbol: (i, e, w) for i, _, e, w in ctx.named if e.kind == "equity"}
    if len(companies) != 1:
        return None
    _, entry, words = next(iter(companies.values()))
    return entry, None, words, ONLY_COMPANY


def _says_market_value(view: SentenceView, subject: Subject | None) -> bool:
    """Whether the reference names a market value ("Der Börsenwert", "Its market value", "Der Börsenwert des Konzerns"),
    or the words right after it say what it is worth ("The company is now worth a cool $3.4 trillion")."""
    if subject is None:
        return False
    after = [t.low for t in view.toks if t.start >= subject.end][:4]
    if any(w in rules.LEVEL_AFTER[view.lang] for w in after):
        return True
    # "Der Börsenwert des Konzerns": the noun of the value right before a genitive reference
    lead = [t.low for t in view.toks if t.end <= subject.start][-2:]
    words = (*lead, *(t.low for t in view.words_between(subject.start, subject.end)))
    return any(words[i : i + len(p)] == p for p in rules.MARKET_VALUE[view.lang] for i in range(len(words)))
