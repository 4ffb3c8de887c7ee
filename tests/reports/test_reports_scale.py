"""Large runs: report.json is written piece by piece with the very same text, and a large run's page is a digest.

The JSON text must stay the standard library's (``json.dumps(..., ensure_ascii=False, indent=2)``) when it
is produced one claim at a time; the page of a run of more than ``max_cards`` claims shows the claims that
are not CORRECT, at most ``max_cards`` of them, and says what it leaves out. Large runs are the hand-built
cases of conftest.py (real snapshot prices) repeated under new claim ids (``cases.many``).
"""

from __future__ import annotations

import enum
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label
from marketfact.reports import MAX_CLAIM_CARDS, render_html, write_reports
from marketfact.reports import _write_atomically as write_atomically
from marketfact.reports.article import SEVERITY
from marketfact.reports.digest import even_shares, select_cards
from marketfact.reports.jsonreport import dumps, report_json, report_text, validate_report
from marketfact.reports.jsontext import Encoded, LazyList, dumps_indented, iter_indented


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


TEXT = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x00\x1f\u2028é€😀'), max_size=8)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT
JSON_DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=25,
)


class Colour(enum.StrEnum):
    RED = "red"


# ---------------------------------------------------------------------------------------------- JSON text


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(TEXT, st.tuples(JSON_DATA, st.booleans()), max_size=5))
def test_iter_indented_gives_the_text_of_the_whole(members: dict[str, tuple[Any, bool]]) -> None:
    plain = {key: value for key, (value, _) in members.items()}
    lazy = {
        key: LazyList(iter(value)) if lazy and isinstance(value, list) else value
        for key, (value, lazy) in members.items()
    }
    assert "".join(iter_indented(lazy)) == _stdlib(plain)


@settings(max_examples=200, deadline=None)
@given(JSON_DATA, st.integers(min_value=0, max_value=4))
def test_a_value_encoded_at_a_level_is_its_text_nested_that_deep(data: Any, level: int) -> None:
    nested: Any = data
    for _ in range(level):
        nested = [nested]
    prefix = "".join("[\n" + "  " * (i + 1) for i in range(level))
    suffix = "".join("\n" + "  " * i + "]" for i in reversed(range(level)))
    assert _stdlib(nested) == prefix + dumps_indented(data, level=level) + suffix


@pytest.mark.parametrize(
    "item",
    [
        {7: "an int key: the standard library's own encoder takes over"},
        {"label": Colour.RED, "price": np.float64(142.62)},
        {"deep": [{"x": [1, {"y": None}]}], 2.5: True},
    ],
)
def test_unusual_items_of_a_lazy_list_fall_back_at_the_right_depth(item: Any) -> None:
    data = {"head": {"a": 1}, "claims": [item, {"b": [item]}]}
    lazy = {"head": {"a": 1}, "claims": LazyList(iter([item, {"b": [item]}]))}
    assert "".join(iter_indented(lazy)) == _stdlib(data)


def test_empty_lazy_lists_and_objects() -> None:
    assert "".join(iter_indented({})) == "{}"
    assert "".join(iter_indented({"a": LazyList(()), "b": []})) == _stdlib({"a": [], "b": []})


def test_iter_indented_refuses_keys_that_are_not_text() -> None:
    with pytest.raises(TypeError, match="keys must be str"):
        "".join(iter_indented({1: "x"}))  # type: ignore[dict-item]


def test_encoded_values_are_placed_where_they_stand() -> None:
    value = {"name": "close_not_null", "sessions": ["2025-01-20"], "rows": [], "ok": False, "n": 1.5}
    fragment = Encoded.of(value)
    data = {"a": [fragment, {"b": fragment}], "c": fragment}
    expected = _stdlib({"a": [value, {"b": value}], "c": value})
    assert dumps_indented(data) == expected
    # Something unusual elsewhere hands the whole value to json.dumps, which decodes the fragments again.
    assert dumps_indented({**data, 7: "int key"}) == _stdlib({"a": [value, {"b": value}], "c": value, 7: "int key"})
    with pytest.raises(ValueError, match="Out of range float values"):
        dumps_indented({**data, "nan": float("nan")})
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        dumps_indented({**data, "set": {1}})


# ------------------------------------------------------------------------------------------- large runs


@pytest.fixture(scope="module")
def big(cases: Any) -> RunReport:
    """2 101 claims: far more CORRECT and INCORRECT than MISLEADING or UNVERIFIABLE claims."""
    counts = {"CORRECT": 1500, "INCORRECT": 400, "MOSTLY_CORRECT": 150, "MISLEADING": 40, "UNVERIFIABLE": 11}
    return cases.many(counts)


def test_report_text_is_the_text_of_report_json(seed_run: RunReport, big: RunReport, cases: Any) -> None:
    for run in (seed_run, cases.hostile_run(), big):
        assert "".join(report_text(run)) == dumps(report_json(run))


def test_write_reports_streams_the_json_and_bounds_the_page(tmp_path: Path, cases: Any) -> None:
    run = cases.many({"CORRECT": 40, "INCORRECT": 15, "MISLEADING": 5})
    paths = write_reports(run, tmp_path, charts=False, max_cards=10)
    text = paths.json.read_text(encoding="utf-8")
    assert text == dumps(report_json(run))
    data = json.loads(text)
    validate_report(data)
    assert len(data["claims"]) == len(run.verdicts)  # every claim, whatever the page shows
    page = BeautifulSoup(paths.html.read_text(encoding="utf-8"), "html.parser")
    assert len(page.select("section.claim")) == 10
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failure_while_streaming_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old", encoding="utf-8")

    def pieces() -> Any:
        yield "{"
        yield '\n  "claims": ['
        raise ValueError("Out of range float values are not JSON compliant")

    with pytest.raises(ValueError, match="Out of range"):
        write_atomically(path, pieces())
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("sizes", "limit", "expected"),
    [
        ([23495, 5703, 3119, 17068], 2000, [500, 500, 500, 500]),  # the 100 000-claim benchmark run
        ([400, 40, 11, 150], 40, [10, 10, 10, 10]),
        ([400, 40, 11, 150], 100, [30, 30, 11, 29]),  # a small group's rest goes to the others
        ([10, 5000, 0, 3000], 2000, [10, 995, 0, 995]),
        ([3, 3], 10, [3, 3]),
        ([5, 5], 0, [0, 0]),
        ([0, 0, 0], 7, [0, 0, 0]),
        ([1, 1, 1], 2, [1, 1, 0]),
    ],
)
def test_even_shares(sizes: list[int], limit: int, expected: list[int]) -> None:
    assert even_shares(sizes, limit) == expected


def test_select_cards(big: RunReport) -> None:
    assert select_cards(big.verdicts, len(big.verdicts)) == big.verdicts  # a small run: every claim, in order
    shown = select_cards(big.verdicts, 100)
    assert len(shown) == 100
    labels = [v.label.value for v in shown]
    assert "CORRECT" not in labels
    assert labels == sorted(labels, key=SEVERITY.index)  # the least favourable first
    assert Counter(labels) == {"INCORRECT": 30, "MISLEADING": 30, "UNVERIFIABLE": 11, "MOSTLY_CORRECT": 29}
    order = {v.claim_id: i for i, v in enumerate(big.verdicts)}
    incorrect = [order[v.claim_id] for v in shown if v.label is Label.INCORRECT]
    assert incorrect == sorted(incorrect)  # run order within a verdict


def text(node: Any) -> str:
    """Visible text, non-breaking spaces as spaces, whitespace collapsed."""
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True).replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            ["This run checked 2,101 claims", "(at most 100)", "100 of the 601", "Claims left out of this page: 2,001"],
        ),
        ("de", ["Dieser Lauf hat 2.101 Aussagen", "(höchstens 100)", "100 der 601", "weggelassene Aussagen: 2.001"]),
    ],
)
def test_a_large_run_page_is_a_digest(big: RunReport, lang: str, said: list[str]) -> None:
    page = BeautifulSoup(render_html(big, lang, charts=False, max_cards=100), "html.parser")
    sections = page.select("section.claim")
    assert len(sections) == 100
    assert {s.select_one(".badge")["data-label"] for s in sections} == {
        "INCORRECT",
        "MISLEADING",
        "UNVERIFIABLE",
        "MOSTLY_CORRECT",
    }
    summary = page.select_one("#summary .digest")
    assert (summary["data-total"], summary["data-shown"], summary["data-left-out"]) == ("2101", "100", "2001")
    for part in said:
        assert part in text(summary)
    assert summary.select_one("a.full-json")["href"] == "report.json"
    rows = {
        r["data-label"]: [text(td) for td in r.select("td")] for r in summary.select("table.digest-counts tbody tr")
    }
    assert list(rows) == list(SEVERITY)
    sep = "," if lang == "en" else "."
    assert rows["CORRECT"][1:] == [f"1{sep}500", "0", f"1{sep}500"]
    assert rows["UNVERIFIABLE"][1:] == ["11", "11", "0"]
    # The counts at the top still count the whole run.
    counts = {n["data-count"]: int(n.get_text()) for n in page.select("#summary [data-count]")}
    assert counts == {"total": 2101, "pass": 1650, "fail": 440, "unverifiable": 11}
    # One index row, one card and one ClaimReview per claim shown; every review points at a card on the page.
    assert len(page.select("table.claims-index tbody tr")) == 100
    reviews = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert len(reviews) == 100
    anchors = {s["id"] for s in sections}
    assert {r["url"].removeprefix("report.html#") for r in reviews} == anchors


def test_a_large_run_of_correct_claims_says_so(cases: Any) -> None:
    run = cases.many({"CORRECT": 30})
    page = BeautifulSoup(render_html(run, "en", charts=False, max_cards=10), "html.parser")
    assert page.select("section.claim") == []
    assert "Every claim of this run is correct" in text(page.select_one(".digest"))


def test_the_threshold_is_the_number_of_cards(cases: Any) -> None:
    at_limit = cases.many({"CORRECT": MAX_CLAIM_CARDS - 3, "INCORRECT": 3})
    html = render_html(at_limit, charts=False)
    assert html.count('<section class="claim ') == MAX_CLAIM_CARDS
    assert 'class="digest"' not in html
    over = cases.many({"CORRECT": MAX_CLAIM_CARDS - 2, "INCORRECT": 3})
    html = render_html(over, charts=False)
    assert html.count('<section class="claim ') == 3
    assert 'class="digest"' in html


def test_a_small_run_page_has_no_digest(seed_html: dict[str, str]) -> None:
    for html in seed_html.values():
        assert 'class="digest"' not in html
        assert "passed-suite" not in html


def test_a_digest_lists_failed_validations_and_counts_the_passed(cases: Any) -> None:
    ok = (ExpectationResult("shares_positive", "expect_column_values_to_be_between", "critical", True),)
    shares = tuple(
        ValidationOutcome(f"shares: {symbol}", "shares_outstanding", ok, data_docs="gx/shares.html")
        for symbol in ("NVDA", "SAP.DE", "6857.T")  # one dataset per symbol
    )
    run = cases.many({"CORRECT": 8, "INCORRECT": 4})
    run = replace(run, validations=(*run.validations, *shares))
    page = BeautifulSoup(render_html(run, "en", charts=False, max_cards=5), "html.parser")
    rows = page.select("table.validations tbody tr")
    assert [text(r.select("td")[0]) for r in rows if "passed-suite" not in r.get("class", [])] == ["ENR.DE"]
    passed = {r["data-suite"]: r for r in page.select("table.validations tr.passed-suite")}
    assert {suite: int(r["data-count"]) for suite, r in passed.items()} == {"prices": 1, "shares_outstanding": 3}
    assert "Passed, not listed here: 3" in text(passed["shares_outstanding"])
    assert [a["href"] for a in passed["shares_outstanding"].select("a")] == ["gx/shares.html"]
    small = BeautifulSoup(render_html(run, "en", charts=False), "html.parser")  # 12 claims: every one listed
    assert len(small.select("table.validations tbody tr")) == 5


def test_a_digest_escapes_what_it_shows(cases: Any) -> None:
    claim, verdict = cases.hostile_run().claims[0], cases.hostile_run().verdicts[0]
    pairs = [
        (claim.model_copy(update={"id": f"h{i}"}), replace(verdict, claim_id=f"h{i}", label=Label.INCORRECT))
        for i in range(6)
    ]
    run = cases.build_run(pairs, article=cases.hostile_run().article)
    html = render_html(run, charts=False, max_cards=3)
    page = BeautifulSoup(html, "html.parser")
    assert {s.get("type") for s in page.find_all("script")} == {"application/ld+json"}
    assert page.find("img") is None
    assert page.find("iframe") is None
    assert [text(p) for p in page.select(".claim-text")] == [cases.HOSTILE["text"]] * 3


def test_the_page_in_pieces_is_the_page(seed_run: RunReport, big: RunReport, tmp_path: Path) -> None:
    """write_reports streams the HTML (``html_pieces``): the same text as ``render_html``, byte for byte."""
    from marketfact.reports.html import html_pieces

    for run, charts in ((seed_run, True), (big, False)):
        pieces = list(html_pieces(run, "de", charts=charts))
        assert len(pieces) > 1 or run is seed_run
        assert "".join(pieces) == render_html(run, "de", charts=charts)
    paths = write_reports(big, tmp_path, charts=False)
    assert paths.html.read_text(encoding="utf-8") == render_html(big, "en", charts=False)
    with pytest.raises(ValueError, match="fr"):
        html_pieces(big, "fr")  # a bad language fails on the call, before a piece is written
