"""The fast indented JSON writer gives exactly the standard library's text, and the index reads report heads.

``reports.jsontext.dumps_indented`` replaces ``json.dumps(..., ensure_ascii=False, indent=2, allow_nan=False)``
for speed; hypothesis feeds both the same generated data. ``reports.index.read_head`` reads a report.json
only up to its validations; it must give the same run and counts as parsing the whole file.
"""

from __future__ import annotations

import enum
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketfact.checks.runreport import RunReport
from marketfact.claims.model import Article
from marketfact.reports import write_reports
from marketfact.reports.index import read_head, scan_runs
from marketfact.reports.jsonreport import dumps, report_json
from marketfact.reports.jsontext import dumps_indented


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)


# Text with what JSON must escape: quotes, backslashes, control characters, line separators, non-ASCII.
TEXT = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x00\x1f\x7f\u2028é€😀'))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT
JSON_DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple) | st.dictionaries(TEXT, inner, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(JSON_DATA)
def test_same_text_as_json_dumps(data: Any) -> None:
    assert dumps_indented(data) == _stdlib(data)


class Colour(enum.StrEnum):
    RED = "red"


class Size(enum.IntEnum):
    BIG = 3


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": [], "b": {}, "c": ()},
        {"label": Colour.RED, "size": Size.BIG, Colour.RED: 1},
        {"price": np.float64(142.62), "values": [np.float64(-0.0), 1e16, 1e-7, 5e-324]},
        {7: "int key", 2.5: "float key", None: "null key", True: "bool key"},  # json turns keys into text
        [True, False, None, 0, -1, 10**30],
    ],
)
def test_edge_cases_match(data: Any) -> None:
    assert dumps_indented(data) == _stdlib(data)


@pytest.mark.parametrize("bad", [{"x": float("nan")}, [float("inf")], {"x": {1, 2}}, {("a",): 1}, [object()]])
def test_what_json_refuses_is_refused_the_same_way(bad: Any) -> None:
    with pytest.raises((ValueError, TypeError)) as expected:
        _stdlib(bad)
    with pytest.raises(type(expected.value), match=str(expected.value).split(":")[0]):
        dumps_indented(bad)


def test_seed_report_text_is_the_standard_librarys(seed_run: RunReport) -> None:
    data = report_json(seed_run)
    assert dumps(data) == _stdlib(data) + "\n"


def test_read_head_gives_what_a_full_parse_gives(tmp_path: Path, seed_run: RunReport) -> None:
    # A title holding the very marker the head reader stops at: inside JSON its newline is escaped.
    article = Article(title='Sell-off\n  "validations": [', url="https://example.org/a")
    run = replace(seed_run, article=article)
    path = write_reports(run, tmp_path, charts=False).json
    full = json.loads(path.read_text(encoding="utf-8"))
    head = read_head(path)
    assert head == {k: full[k] for k in ("schema_version", "run", "article", "counts")}
    assert "validations" not in head
    assert "claims" not in head


def test_a_report_written_another_way_is_read_in_full(tmp_path: Path, seed_run: RunReport) -> None:
    folder = tmp_path / "compact"
    folder.mkdir()
    data = report_json(replace(seed_run, run_id="compact"))
    (folder / "report.json").write_text(json.dumps(data), encoding="utf-8")  # no indentation, no marker
    assert read_head(folder / "report.json") == data
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "report.json").write_text('{"run": {\n  "validations": []}', encoding="utf-8")
    index = scan_runs(tmp_path)
    assert [e.run_id for e in index.runs] == ["compact"]
    assert index.runs[0].counts == {k: data["counts"][k] for k in ("total", "pass", "fail", "unverifiable")}
    assert index.skipped == ("broken",)
