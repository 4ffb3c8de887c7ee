"""What a company is worth, said with adverbs or in German: "The chip giant is still worth about $3.05 trillion",
"Nvidia is now again worth $3 trillion", "Der Chip-Riese ist an der Börse jetzt wieder mehr als 3 Billionen Dollar
wert", "Nvidia ist jetzt 3,3 Billionen Dollar wert". ``decide.market_value_words`` found "worth" only right after the
company or a copula, and German "wert" only beside "Börsenwert"; these are the same wording with adverbs between."""

from __future__ import annotations

from marketfact.claims.extract import rules
from marketfact.claims.extract.sentences import Token
from marketfact.claims.extract.sentenceview import SentenceView

ADVERBS = rules.word_set("now still again once back already even jetzt noch wieder nun inzwischen mittlerweile damit")
COPULA_DE = rules.word_set("ist sind war waren wäre wären bleibt bleiben")
WORTH_DE = rules.word_set("wert schwer")
BIG = ("billion", "trillion")


def worth_cue(view: SentenceView) -> str | None:
    """The words that make an amount a company's worth, adverbs aside: English "worth" after a copula or the
    company ("is still worth"); German an amount in billions right before "wert"/"schwer" in a clause with a
    copula before it, and with "Börse" or a company named before the copula ("ist an der Börse … wert")."""
    toks = view.toks
    if view.lang == "en":
        for i, t in enumerate(toks):
            if t.low != "worth":
                continue
            k = i - 1
            while k > 0 and toks[k].low in ADVERBS:
                k -= 1
            if k >= 0 and k < i - 1 and _holder(view, toks[k]):
                return " ".join(u.text for u in toks[k : i + 1])
        return None
    for q in view.quantities:
        after = [t for t in toks if t.start >= q.span[1]][:1]
        if q.kind != "money" or q.scale not in BIG or not after or after[0].low not in WORTH_DE:
            continue
        c0, _ = view.clause(q.span[0])
        lead = view.words_between(c0, q.span[0])
        copula = next((t for t in lead if t.low in COPULA_DE), None)
        if copula is None:
            continue
        named = any(c0 <= m.start < copula.start and m.entry is not None for m in view.mentions)
        if named or any(t.low in ("börse", "börsen") for t in lead):
            return f"{copula.text} … {after[0].text}"
    return None


def _holder(view: SentenceView, before: Token) -> bool:
    return before.low in rules.WORTH_HOLDERS or any(m.end == before.end and m.entry is not None for m in view.mentions)
