"""`marketfact extract` (and check-article's input checks) through click's CliRunner: no Prefect, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from marketfact.claims.load import load_claims, parse_claims
from marketfact.cli import main
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "articles"


def expected(name: str) -> dict:  # type: ignore[type-arg]
    """The hand-written expectation of a test article."""
    return yaml.safe_load((ARTICLES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


def article(name: str) -> Path:
    """The test article ``name`` (.txt or .md)."""
    return next(p for p in ARTICLES.glob(f"{name}.*") if p.suffix in (".txt", ".md"))


def run(*args: str | Path) -> object:
    """Run the CLI in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_extract_prints_a_claim_file_check_accepts() -> None:
    name = "en-asia-open"
    exp = expected(name)
    result = run("extract", article(name), "--published", exp["published_at"])
    assert result.exit_code == 0, result.stderr
    claims = parse_claims(yaml.safe_load(result.stdout), "stdout")
    assert sorted(c.instrument for c in claims.claims) == sorted(c["instrument"] for c in exp["claims"])
    assert claims.article is not None
    assert claims.article.published_at.isoformat() == "2025-01-28T17:00:00+09:00"
    # every claim and every number that is no claim is reported on stderr, not on stdout
    for claim in claims.claims:
        assert f"claim {claim.id}" in result.stderr
    assert "not a market claim: '$2 billion'" in result.stderr
    assert "not a market claim" not in result.stdout.split("\narticle:")[1]


def test_extract_writes_the_file_and_lists_what_is_not_a_claim(tmp_path: Path) -> None:
    name = "de-energie-wochenbilanz"
    exp = expected(name)
    out = tmp_path / "claims.yaml"
    result = run("extract", article(name), "--published", exp["published_at"], "--lang", "de", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    claims = load_claims(out)
    assert sorted(c.instrument for c in claims.claims) == sorted(c["instrument"] for c in exp["claims"])
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{len(exp['claims'])} claim(s) found in ")
    for number in exp["not_market"]:
        assert any(line.startswith(f"not a market claim: {number['text']!r}") for line in lines), number
    unresolved = [line for line in lines if line.startswith("unresolved name: 'Constellation'")]
    assert len(unresolved) == 1
    for symbol in exp["unresolved"][0]["candidates"]:
        assert f"{symbol} " in unresolved[0].split("candidates:")[1]
    assert f"wrote {out}" in result.stderr
    # the same lines head the file as comments
    head = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("unresolved name: 'Constellation'" in line for line in head)


def test_user_alias_file_resolves_a_name(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "instruments:\n"
        "  - {symbol: CEG, name: Constellation Energy, kind: equity, mic: XNAS, timezone: America/New_York,\n"
        "     currency: USD, names: [Constellation, Constellation Energy]}\n",
        encoding="utf-8",
    )
    exp = expected("de-energie-wochenbilanz")
    result = run(
        "extract", article("de-energie-wochenbilanz"), "--published", exp["published_at"], "--aliases", aliases
    )
    assert result.exit_code == 0, result.stderr
    claims = parse_claims(yaml.safe_load(result.stdout))
    assert "CEG" in {c.instrument for c in claims.claims}
    assert "unresolved name" not in result.stderr


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


FRENCH = (
    "Les actions de la société ont chuté de 5 pour cent lundi, selon les courtiers qui suivent le marché. "
    "Le titre a perdu une partie de ses gains pour la semaine dans une séance difficile."
).encode()
NO_CLAIM = b"The company said it would hire 500 people this year and open two offices in the city by summer."


@pytest.mark.parametrize(
    ("case", "published", "message"),
    [
        ("empty", "2025-01-28T17:00:00+09:00", "is empty"),
        ("blank", "2025-01-28T17:00:00+09:00", "is empty"),
        ("binary", "2025-01-28T17:00:00+09:00", "binary file"),
        ("latin1", "2025-01-28T17:00:00+09:00", "is not UTF-8 text"),
        ("french", "2025-01-28T17:00:00+09:00", "looks French"),
        ("missing-file", "2025-01-28T17:00:00+09:00", "no such file"),
        ("good", None, "publication time is missing: give --published"),
        ("good", "28.01.2025", "cannot read the publication time '28.01.2025'"),
        ("good", "2025-01-28T17:00:00", "has no time zone"),
        ("good", "2025-02-30T10:00:00+01:00", "cannot read the publication time"),
        ("no-claim", "2025-01-28T17:00:00+09:00", "no checkable market claim found"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "check-article"])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, command: str, case: str, published: str | None, message: str
) -> None:
    files = {
        "empty": b"",
        "blank": b" \n\t\n",
        "binary": bytes(range(256)) * 4,
        "latin1": "Die Aktie von Nvidia fiel am Montag um 17 Prozent, schätzen Händler.".encode("latin-1"),
        "french": FRENCH,
        "no-claim": NO_CLAIM,
    }
    if case == "good":
        path = article("en-asia-open")
    elif case == "missing-file":
        path = tmp_path / "nowhere.txt"
    else:
        path = _write(tmp_path, f"{case}.txt", files[case])
    args: list[str | Path] = [command, path, "-o", tmp_path / ("out.yaml" if command == "extract" else "out")]
    if published is not None:
        args += ["--published", published]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert message in errors[0]
    assert result.stderr.splitlines()[-1] == errors[0]
    assert not (tmp_path / "out.yaml").exists()
    assert not (tmp_path / "out").exists()  # check-article stopped before Prefect and before any report


def test_bad_alias_file_is_one_line(tmp_path: Path) -> None:
    bad = _write(tmp_path, "aliases.yaml", b"instruments: [\n")
    result = run("extract", article("en-asia-open"), "--published", "2025-01-28T17:00:00+09:00", "--aliases", bad)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {bad}")


def test_unknown_language_option_is_refused() -> None:
    result = run("extract", article("en-asia-open"), "--published", "2025-01-28T17:00:00+09:00", "--lang", "fr")
    assert result.exit_code == 2
    assert "'fr' is not one of" in result.stderr


def test_lang_option_overrides_detection() -> None:
    """Read with German words, an English article has no move verb left: no claim, and the CLI says so."""
    name = "en-asia-open"
    args = ("extract", article(name), "--published", expected(name)["published_at"])
    auto, german = run(*args), run(*args, "--lang", "de")
    assert auto.exit_code == 0
    assert "(en, published" in auto.stderr.splitlines()[0]
    assert german.stderr.splitlines()[0].startswith("0 claim(s) found in ")
    assert "(de, published" in german.stderr.splitlines()[0]
    assert german.exit_code == 2
    assert german.stderr.splitlines()[-1].startswith("error: no checkable market claim found")


def test_help_reads_like_documentation() -> None:
    for command in ("extract", "check-article"):
        result = run(command, "--help")
        assert result.exit_code == 0
        for option in ("--published", "--lang", "--aliases", "--online", "-o"):
            assert option in result.stdout, (command, option)
    assert "--fail-on" in run("check-article", "--help").stdout
