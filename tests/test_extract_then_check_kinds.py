"""End to end for the kinds beyond percent moves (#17): the installed `marketfact extract` reads a short German
and a short English article with levels, points, market value and records, and `marketfact check` judges the
claim file it wrote against the shipped snapshot (market/data/prices).

The articles are written for this test. Their numbers are the snapshot's (^GDAXI 27 Jan 2025: 21,394.93 →
21,282.18, −112.75 points; ENR.DE 60.36 → 48.32 EUR, −19.95 %; SU.PA 28 Jan close 226.70 EUR, its lowest since
13 Jan's 248.00; ^GSPC 6,101.24 → 6,012.28, −88.96 points; NVDA low 116.70 USD, 24.49 bn shares × 118.42 =
2.90 tn USD) but for one wrong close (Broadcom closed at 202.13, not 210) and one record the snapshot cannot
check (its history starts in January 2025).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

MARKETFACT = Path(sys.executable).with_name("marketfact")

GERMAN = """Dax trotzt dem Chip-Beben

FRANKFURT, 27. Januar – Der Dax verlor am Montag rund 113 Punkte und schloss bei 21.282 Punkten. Siemens Energy \
brach um knapp 20 Prozent auf 48,32 Euro ein.

Schneider Electric rutschte am Dienstag auf 226,70 Euro ab, so tief wie seit dem 13. Januar nicht mehr.
"""
ENGLISH = """Chip rout hits Wall Street

NEW YORK, Jan 27 – The S&P 500 lost 89 points to 6,012.28 on Monday. Nvidia fell as low as $116.70, and its \
market value sank below $3 trillion, its worst day since March 2020. Broadcom closed at $210.
"""
# (instrument, metric, value or record) → verdict
GERMAN_VERDICTS = {
    ("^GDAXI", "points_change", 113): "CORRECT",
    ("^GDAXI", "close_level", 21282): "CORRECT",  # 21,282.18 written to whole points
    ("ENR.DE", "close_change", 20): "CORRECT",
    ("ENR.DE", "close_level", 48.32): "CORRECT",
    ("SU.PA", "close_level", 226.7): "CORRECT",
    ("SU.PA", "record", "lowest_close"): "CORRECT",
}
ENGLISH_VERDICTS = {
    ("^GSPC", "points_change", 89): "CORRECT",
    ("^GSPC", "close_level", 6012.28): "CORRECT",
    ("NVDA", "intraday_level", 116.7): "CORRECT",
    ("NVDA", "market_cap_level", 3): "CORRECT",
    ("NVDA", "record", "biggest_fall"): "UNVERIFIABLE",
    ("AVGO", "close_level", 210): "INCORRECT",
}


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MARKETFACT_", "PREFECT_API_URL"))}
    return subprocess.run([str(MARKETFACT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "lang", "verdicts"),
    [
        (GERMAN, "2025-01-28T23:00:00+01:00", "de", GERMAN_VERDICTS),
        (ENGLISH, "2025-01-27T17:30:00-05:00", "en", ENGLISH_VERDICTS),
    ],
    ids=["de", "en"],
)
def test_extract_then_check_judges_the_new_kinds_on_the_snapshot(
    tmp_path: Path, text: str, published: str, lang: str, verdicts: dict[tuple[str, str, object], str]
) -> None:
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    extracted = run(tmp_path, "extract", "article.txt", "--published", published, "-o", "claims.yaml")
    assert extracted.returncode == 0, extracted.stderr
    claims = yaml.safe_load((tmp_path / "claims.yaml").read_text(encoding="utf-8"))
    assert claims["article"]["language"] == lang
    key = {c["id"]: (c["instrument"], c["metric"], c.get("record") or c.get("value")) for c in claims["claims"]}
    assert len(key) == len(verdicts)
    assert set(key.values()) == set(verdicts)  # 113.0 == 113: tuples of equal numbers are equal

    checked = run(tmp_path, "check", "claims.yaml", "--source", "snapshot", "--format", "jsonl", "-o", "out")
    assert checked.returncode == 0, checked.stderr[-3000:]
    got = {key[row["id"]]: row["verdict"] for row in map(json.loads, checked.stdout.splitlines())}
    assert got == verdicts
    assert (tmp_path / "out" / "index.html").is_file()
