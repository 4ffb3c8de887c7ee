"""Settings, output folders and history databases that cannot be used (issues 12, 16, 20).

Each is met as a user meets it, through the installed command: one ``error:`` line saying what failed and
what to do, exit 2 for the user's input or settings and 3 for the environment, and no traceback. The fast
ones stop before Prefect starts; the ones that run a check are marked slow.
"""

from __future__ import annotations

import io
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from marketfact.errors import EXIT_ENVIRONMENT, EXIT_USER
from tests.reliability.helpers import SEED, run


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("MARKETFACT_LANG", "fr", "setting MARKETFACT_LANG: Input should be 'en' or 'de' (got 'fr')"),
        ("MARKETFACT_SOURCE", "bogus", "setting MARKETFACT_SOURCE: Input should be 'auto', 'snapshot' or 'yfinance'"),
        ("MARKETFACT_HISTORY_URL", "bogus://x", "MARKETFACT_HISTORY_URL is not a database URL"),
        ("MARKETFACT_HISTORY_URL", "::not a url", "MARKETFACT_HISTORY_URL is not a database URL"),
    ],
)
def test_settings_a_user_got_wrong(tmp_path: Path, setting: str, value: str, expected: str) -> None:
    run("check", SEED, "-o", tmp_path / "out", **{setting: value}).assert_one_clear_line(EXIT_USER, expected)
    assert not list(tmp_path.glob("out/*/report.html"))


def test_the_report_folder_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("keep me", encoding="utf-8")
    run("check", SEED, "-o", target).assert_one_clear_line(EXIT_USER, str(target), "is a file, not a folder")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_the_report_folder_is_read_only(readonly_dir: Path) -> None:
    line = run("check", SEED, "-o", readonly_dir).assert_one_clear_line(EXIT_ENVIRONMENT, str(readonly_dir))
    assert "choose" in line
    assert "-o" in line
    run("check", SEED, "-o", readonly_dir / "sub").assert_one_clear_line(EXIT_ENVIRONMENT, str(readonly_dir))


def _damaged_histories(tmp_path: Path) -> dict[str, Path]:
    """history.db files made unusable in two ways: random bytes, and a real database cut short."""
    random_bytes = tmp_path / "random" / "history.db"
    random_bytes.parent.mkdir()
    random_bytes.write_bytes(bytes((i * 7919) % 256 for i in range(5000)))
    truncated = tmp_path / "truncated" / "history.db"
    truncated.parent.mkdir()
    with sqlite3.connect(truncated) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    with truncated.open("r+b") as handle:
        handle.truncate(3000)
    return {"random": random_bytes, "truncated": truncated}


@pytest.mark.parametrize(("damage", "expected"), [("random", "is not a database"), ("truncated", "is damaged")])
def test_history_command_on_a_damaged_database(tmp_path: Path, damage: str, expected: str) -> None:
    db = _damaged_histories(tmp_path)[damage]
    before = db.read_bytes()
    line = run("history", "-o", db.parent).assert_one_clear_line(EXIT_ENVIRONMENT, str(db), expected)
    assert "No verdict history yet" not in line
    assert db.read_bytes() == before, "a damaged history is left as it was, for whoever repairs it"


def test_history_command_without_history_says_so(tmp_path: Path) -> None:
    outcome = run("history", "-o", tmp_path)
    assert outcome.code == EXIT_USER
    assert "No verdict history" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    db = _damaged_histories(tmp_path)["random"]
    outcome = run("--debug", "history", "-o", db.parent)
    assert outcome.code == EXIT_ENVIRONMENT
    assert "Traceback" in outcome.stderr
    assert outcome.error_lines


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_check_with_a_damaged_history_still_writes_its_reports(tmp_path: Path, damage: str) -> None:
    db = _damaged_histories(tmp_path)[damage]
    outcome = run("check", SEED, "-o", db.parent)
    line = outcome.assert_one_clear_line(EXIT_ENVIRONMENT, str(db), "the reports above were written")
    assert "move" in line
    assert len(list(db.parent.glob("*/report.html"))) == 1
    assert "5 claim" not in outcome.stdout or "pass" in outcome.stdout
    assert "CORRECT" in outcome.stdout, "the verdicts are printed all the same"


@pytest.mark.slow
def test_check_on_a_full_disk(full_disk: Path, tmp_path: Path) -> None:
    outcome = run("check", SEED, "-o", full_disk)
    line = outcome.assert_one_clear_line(EXIT_ENVIRONMENT, str(full_disk), "No space left on device")
    assert "free some space" in line
    # the next run elsewhere works, and so does one here once there is room
    for child in full_disk.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    assert run("check", SEED, "-o", tmp_path / "elsewhere").code == 0


def _terminal(level: int) -> tuple[logging.Handler, io.StringIO]:
    """A terminal handler at ``level`` (WARNING by default, NOTSET under --verbose) with the command's filter."""
    from marketfact.errors import quiet_tracebacks

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(level)
    logger = logging.getLogger("prefect.flow_runs.reliability-test")
    logger.addHandler(handler)
    quiet_tracebacks()
    return handler, stream


@pytest.mark.parametrize(("level", "shown"), [(logging.WARNING, False), (logging.NOTSET, True)])
def test_prefects_own_failure_lines_are_left_to_the_error_line(level: int, shown: bool) -> None:
    """Prefect's engine logs the exception as it ends the run ("Encountered exception during execution: …");
    the command's ``error:`` line says it again: on the terminal only ours, unless --verbose."""
    handler, stream = _terminal(level)
    logger = logging.getLogger("prefect.flow_runs.reliability-test")
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError as exc:
            logger.exception("Encountered exception during execution: %r", exc)
        logger.error("no prices for NVDA: the cache is damaged")  # an error of the run's own: kept
    finally:
        logger.removeHandler(handler)
    said = stream.getvalue()
    assert ("Encountered exception" in said) is shown, said
    assert "no prices for NVDA" in said
    assert "Traceback" not in said
