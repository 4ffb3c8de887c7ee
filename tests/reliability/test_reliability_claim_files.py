"""Hostile and broken claim files (issues 16, 20): one line naming file, claim and field, exit 2, in bounded time.

Each case runs the installed ``marketfact check`` as a user would; all of them stop before Prefect starts.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from marketfact.claims.load import ClaimFileError, load_claims
from marketfact.claims.model import ClaimFile
from marketfact.errors import EXIT_USER
from tests.reliability.helpers import SEED, SEED_TEXT, run, seed_with

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)
"""A 9-level YAML alias bomb of 9 aliases each (about 350 bytes): 9**9 values once expanded."""

VALUE_CASES = [
    ("value: 17", "value: .nan", "field 'value'", "finite"),
    ("value: 17", "value: .inf", "field 'value'", "finite"),
    ("value: 17", "value: -.inf", "field 'value'", "finite"),
    ("value: 17", "value: 1.0e+308", "field 'value': 1e+308 % is out of bounds", "fall in percent is at most 100"),
    ("value: 17", 'value: "250"', "field 'value': 250 % is out of bounds", "nvda-monday-plunge"),
    ("range: [5, 6]", "range: [5, .nan]", "field 'range.1'", "finite"),
    ("range: [5, 6]", "range: [.inf, .inf]", "field 'range.0'", "finite"),
    ("range: [5, 6]", "range: [5, 1.0e+300]", "field 'range': 1e+300 % is out of bounds", "rise in percent"),
    ("value: 563", "value: 1.0e+300", "field 'value': 1e+300 billion EUR is out of bounds", "money claim"),
]


def first_line(path: Path, max_claims: int | None = None) -> str:
    """The line ``marketfact check`` prints for ``path`` (``ClaimFileError.first_line``), read in-process."""
    with pytest.raises(ClaimFileError) as err:
        load_claims(path) if max_claims is None else load_claims(path, max_claims)
    return err.value.first_line


@pytest.mark.parametrize(("old", "new", "where", "why"), VALUE_CASES, ids=[c[1] for c in VALUE_CASES])
def test_values_must_be_finite_and_within_their_units_bounds(
    tmp_path: Path, old: str, new: str, where: str, why: str
) -> None:
    path = seed_with(tmp_path, old, new)
    line = first_line(path)
    for word in (str(path), "claim '", where, why):
        assert word in line, (word, line)


def test_a_nan_value_through_the_command(tmp_path: Path) -> None:
    path = seed_with(tmp_path, "value: 17", "value: .nan")
    run("check", path, "-o", tmp_path / "out").assert_one_clear_line(
        EXIT_USER, str(path), "claim 'nvda-monday-plunge', field 'value'", "finite"
    )
    assert not (tmp_path / "out").exists(), "nothing is written for a claim file that is refused"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BOMB + "claims: *i\n", "aliases expand to more than"),
        (BOMB + "claims:\n  - id: x\n    text: *i\n", "aliases expand to more than"),
        ("claims: &a [*a]\n", "an alias refers to itself"),
        ("claims: " + "[" * 200 + "]" * 200 + "\n", "nests too deeply"),
        ("claims: " + "[" * 5000 + "]" * 5000 + "\n", "not valid YAML"),  # libyaml's own depth limit
        ("claims:\n" + "".join("  " * i + "- \n" for i in range(1, 300)), "nests too deeply"),
        ("claims: [\n", "not valid YAML"),
        ("\tclaims: [x]\n", "not valid YAML"),
        ('claims:\n  - id: a\n    text: "\\0 raw\x00"\n', "NUL"),
    ],
    ids=["alias-bomb", "alias-in-field", "self-alias", "deep-200", "deep-5000", "deep-block", "unclosed", "tab", "nul"],
)
def test_yaml_that_is_no_claim_file_is_refused_quickly_with_a_short_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    line = first_line(path)
    assert time.perf_counter() - start < 5
    assert str(path) in line, line
    assert expected in line, line
    assert len(line) < 400, "the input is never echoed back at length"


def test_an_alias_bomb_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB + "claims: *i\n", encoding="utf-8")
    assert path.stat().st_size < 400
    outcome = run("check", path, "-o", tmp_path / "out", timeout=60)
    outcome.assert_one_clear_line(EXIT_USER, str(path), "aliases expand to more than")
    assert len(outcome.stderr) < 1000


def test_deeply_nested_json_is_not_a_claim_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"claims": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert "nests too deeply" in first_line(path)


def test_an_unknown_field_holding_a_huge_value_is_quoted_in_short(tmp_path: Path) -> None:
    path = seed_with(tmp_path, "value: 17", "value: 17\n    colour: " + json.dumps("x" * 100_000))
    line = first_line(path)
    assert "field 'colour'" in line
    assert "Extra inputs" in line
    assert len(line) < 300


def test_many_problems_make_one_line_with_a_count(tmp_path: Path) -> None:
    claims = [{"id": f"c{i}", "text": "t", "subject": "s", "metric": "nope", "direction": "up"} for i in range(500)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"claims": claims}), encoding="utf-8")
    line = run("check", path).assert_one_clear_line(EXIT_USER, "claim 'c0'", "more problems")
    assert len(line) < 400, "one line, whatever the number of problems"
    with pytest.raises(ClaimFileError) as err:
        load_claims(path)
    assert len(err.value.problems) == 21, "20 problems listed, then a count of the rest"


def test_file_size_and_claim_count_are_limited_and_max_claims_raises_the_limit(tmp_path: Path) -> None:
    claim = SEED_TEXT.split("claims:\n", 1)[1].split("\n\n")[0]  # the first claim's block
    blocks = [claim.replace("nvda-monday-plunge", f"c{i}") for i in range(30)]
    path = tmp_path / "thirty.yaml"
    path.write_text("claims:\n" + "\n".join(blocks) + "\n", encoding="utf-8")
    assert len(load_claims(path).claims) == 30
    with pytest.raises(ClaimFileError, match=r"30 claims, more than the 20 allowed; .* --max-claims"):
        load_claims(path, max_claims=20)
    big = tmp_path / "big.yaml"
    big.write_text("claims: []\n# " + "x" * (9 * 1024 * 1024) + "\n", encoding="utf-8")
    line = run("check", big, "--max-claims", "10").assert_one_clear_line(
        EXIT_USER, str(big), "9.4 MB is larger than a claim file of 10 claims may be (8.4 MB)", "--max-claims"
    )
    allowed = run("check", big, timeout=60)  # the default allows 100 000 claims, 60 MB
    assert allowed.code == EXIT_USER
    assert "field 'claims'" in allowed.error_lines[0], "read, then judged on content"
    assert line


def test_control_characters_never_survive_into_a_claim(tmp_path: Path) -> None:
    hostile = 'text: "Nvidia \\e[2J\\e]0;owned\\a fell \\0 17 %\\x9b31m\\u202e."'
    path = seed_with(tmp_path, 'text: "Nvidia\'s share price at first plunged 17 % on Monday."', hostile)
    path.write_text(path.read_text().replace("subject: Nvidia\n", 'subject: "Nv\\eidia\\x07"\n', 1))
    claim = load_claims(path).claims[0]
    assert claim.text == "Nvidia [2J]0;owned fell  17 %31m."
    assert claim.subject == "Nvidia"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"claims: [\xff\xfe]\n"), "not UTF-8"),
        (lambda p: p.write_text("- a list\n"), "expected a mapping"),
        (lambda p: p.write_text(""), "expected a mapping"),
    ],
    ids=["folder", "missing", "latin-1", "list", "empty"],
)
def test_files_that_cannot_be_read(tmp_path: Path, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "claims.yaml"
    make(path)
    line = first_line(path)
    assert str(path) in line, line
    assert expected in line, line


def test_the_command_and_the_flow_parse_the_file_once(tmp_path: Path) -> None:
    """Issue 20.9: the command parses the claim file to fail fast and keeps it; the flow's load in the same
    process takes it instead of parsing again, once; a changed file is parsed anew."""
    import shutil

    from marketfact.claims import load as loading

    path = tmp_path / "claims.yaml"
    shutil.copy(SEED, path)
    calls: list[Path] = []
    real = loading._load_claims

    def counted(p: Path, most: int) -> ClaimFile:
        calls.append(p)
        return real(p, most)

    loading._load_claims = counted  # type: ignore[assignment]
    try:
        kept = loading.load_claims(path, keep=True)
        assert loading.load_claims(path) is kept
        assert len(calls) == 1
        assert loading.load_claims(path) is not kept, "handed over once: nothing held after the run"
        assert len(calls) == 2
        loading.load_claims(path, keep=True)
        path.write_text(SEED.read_text(encoding="utf-8").replace("plunged 17 %", "plunged 18 %"), encoding="utf-8")
        assert "18 %" in loading.load_claims(path).claims[0].text
        assert len(calls) == 4
    finally:
        loading._load_claims = real  # type: ignore[assignment]
        loading._KEPT.clear()


@pytest.mark.bench
def test_the_parse_bench_runs_small() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bench.claim_parse", "--claims", "2000"],
        cwd=SEED.parents[1], capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert "SYNTHETIC benchmark data: 2000 claims" in done.stdout
    assert "once / twice: time" in done.stdout
