"""An article run's report speaks the report's language: paraphrases, reading notes, skip reasons.

Real runs: the test articles are extracted and checked in-process on the shipped snapshot (as in
test_reports_article.py). The extractor records its notes in English; a German report words each one by a rule
of ``reports.readnotes`` and writes an extracted claim's paraphrase from the claim's fields
(``reports.paraphrase``). The article's own words (quoted, or in the article text) stay as written.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from marketfact.reports import render_html
from marketfact.reports.i18n import Formatter
from marketfact.reports.paraphrase import P, paraphrase
from marketfact.reports.readnotes import known, note_text
from marketfact.reports.readreasons import REASONS
from marketfact.reports.readrules import ALIAS_NOTES_DE, NOTES
from tests.conftest import ROOT
from tests.reports.test_reports_article import NAMES, checked_article
from tests.reports.test_reports_language import own_words


def plain(text: str) -> str:
    """Babel's no-break spaces as plain spaces."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _english_pieces() -> set[str]:
    """The fixed English words of every note rule, skip reason and paraphrase (≥ 2 words, ≥ 10 characters)."""
    found = set()
    templates = [p.pattern for p, _ in (*NOTES, *REASONS)] + list(P["en"].values())
    for template in templates:
        template = re.sub(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)", "\x00", template)  # named groups out
        template = re.sub(r"\{\w+\}", "\x00", template).replace("\\", "").replace("$", "")
        for piece in template.split("\x00"):
            piece = " ".join(piece.strip(" .,:;()'\"").split())
            if piece.count(" ") >= 1 and len(piece) >= 10 and not piece.startswith("?"):
                found.add(piece)
    return found


def _own_text(html: str) -> str:
    """The page's own words, with the article's words (<q>) left out as well."""
    soup = BeautifulSoup(html, "html.parser")
    for q in soup.select("q"):
        q.decompose()
    return own_words(str(soup))


def test_every_note_and_reason_of_the_test_articles_has_a_rule() -> None:
    missing = []
    for name in NAMES:
        ex = checked_article(name).extraction
        assert ex is not None
        missing += [n for c in ex.claims for n in c.notes if not known("note", n)]
        missing += [n.reason for n in ex.not_market if not known("reason", n.reason)]
        missing += [u.reason for u in ex.unresolved if not known("reason", u.reason)]
    assert missing == []


def test_every_alias_note_has_german_words() -> None:
    notes = set()
    for node in _walk(yaml.safe_load((ROOT / "claims" / "data" / "aliases.yaml").read_text(encoding="utf-8"))):
        if isinstance(node, dict) and isinstance(node.get("note"), str):
            notes.add(node["note"])
    assert notes
    assert sorted(n for n in notes if n not in ALIAS_NOTES_DE and not n.endswith("listing in euros")) == []


def _walk(node: object) -> list[object]:
    out = [node]
    if isinstance(node, dict):
        for v in node.values():
            out += _walk(v)
    elif isinstance(node, list):
        for v in node:
            out += _walk(v)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_german_article_report_has_no_english_reading_words(name: str) -> None:
    pieces = _english_pieces()
    assert len(pieces) > 40
    text = _own_text(render_html(checked_article(name), "de", charts=False))
    assert sorted(p for p in pieces if p in text) == []


def test_english_report_keeps_the_notes_as_recorded() -> None:
    run = checked_article("de-deepseek-ausverkauf")
    ex = run.extraction
    assert ex is not None
    text = " ".join(BeautifulSoup(render_html(run, "en", charts=False), "html.parser").get_text(" ").split())
    for note in (n for c in ex.claims for n in c.notes):
        assert " ".join(note.split()) in text


def test_paraphrases_per_language() -> None:
    """'Nvidia fell (zeitweise fast) 18 % (am Montag)' (the extractor's) becomes German in a German report and
    quotes the article's German words in an English one."""
    run = checked_article("de-deepseek-ausverkauf")
    claims = {c.id: c for c in run.claims}
    intraday = next(c for c in claims.values() if c.metric.value == "intraday_extreme")
    assert plain(paraphrase(intraday, Formatter("de"))) == "Nvidia fiel zeitweise um fast 18 % (am Montag)."
    english = "Nvidia fell at times almost (“zeitweise fast”) 18% (“am Montag”)."
    assert plain(paraphrase(intraday, Formatter("en"))) == english
    cap = next(c for c in claims.values() if c.metric.value == "market_cap_change")
    german_cap = "Der Börsenwert von Nvidia sank um fast („knapp“) 590 Mrd. $ (am Montag)."
    assert plain(paraphrase(cap, Formatter("de"))) == german_cap
    german = BeautifulSoup(render_html(run, "de", charts=False), "html.parser")
    shown = [plain(td.get_text(" ", strip=True)) for td in german.select(".claims-found tbody td:nth-of-type(2)")]
    assert any("Nvidia fiel um 17 % (am Montag)." in s for s in shown), shown
    assert not any(" fell " in s for s in shown)


def test_german_reading_note_words() -> None:
    fmt = Formatter("de")
    note = (
        "period 'am Montag': the most recent Monday on or before the publication date in America/New_York "
        "(2025-01-28) → XNAS 2025-01-27"
    )
    assert plain(note_text(note, fmt)) == (
        "Zeitraum „am Montag“: der letzte Montag am oder vor dem Erscheinungstag (28.01.2025, Ortszeit New York) → "
        "XNAS 27.01.2025"
    )
    assert note_text(note, Formatter("en")) == note
    assert note_text("something the rules do not know", fmt) == "something the rules do not know"


def test_the_session_after_a_day_told_before_in_german() -> None:
    """The notes of "the following day" and of a relative day said in a sentence with no number (#14)."""
    fmt = Formatter("de")
    told = "'Am Tag darauf': the session after 'am 27. Januar', told in a sentence before it"
    assert note_text(told, fmt) == "„Am Tag darauf“: der Handelstag nach „am 27. Januar“, in einem Satz davor erzählt"
    claim = "'Tags darauf': the session after 'am 27. Januar', the day of the claim before"
    assert note_text(claim, fmt) == "„Tags darauf“: der Handelstag nach „am 27. Januar“, dem Tag der Aussage davor"


def test_a_span_back_from_now_in_german() -> None:
    """ "over the past year", "als vor einem Monat": the close it runs from (session 13, read16left)."""
    note = (
        "period 'over the past year': from the close of 2024-02-14: the XNAS sessions that had closed → XNAS "
        "2024-02-15 to 2025-02-13"
    )
    assert plain(note_text(note, Formatter("de"))) == (
        "Zeitraum „over the past year“: ab dem Schlusskurs vom 14.02.2024: die geschlossenen Handelstage an der XNAS → "
        "XNAS 15.02.2024 bis 13.02.2025"
    )


def test_the_hedges_adverb_stands_before_the_preposition() -> None:
    """'zeitweise' / 'at times' before 'um' / 'by': "Der Börsenwert von Nvidia sank zeitweise um über …", not "sank um
    zeitweise über …"; an English move has no preposition and keeps "fell at times almost 18%"."""
    run = checked_article("de-deepseek-ausverkauf")
    intraday = next(c for c in run.claims if c.metric.value == "intraday_extreme")
    cap = next(c for c in run.claims if c.metric.value == "market_cap_change")
    at_times = cap.model_copy(update={"hedge": "zeitweise mehr als"})
    assert plain(paraphrase(at_times, Formatter("de"))).startswith("Der Börsenwert von Nvidia sank zeitweise um über")
    assert plain(paraphrase(at_times, Formatter("en"))).startswith("Nvidia's market value fell at times by more than")
    assert plain(paraphrase(intraday, Formatter("en"))).startswith("Nvidia fell at times almost")
