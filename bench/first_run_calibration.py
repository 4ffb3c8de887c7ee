"""Confidence on UNSEEN text: every blind set read once more with the rules of its first run, pooled.

    python -m bench.first_run_calibration             # the tables, from tests/data/articles/first-runs.jsonl
    python -m bench.first_run_calibration --collect   # read the sets again at their commits, rewrite that file
    python -m bench.first_run_calibration --trade-off # ceilings tried on dev and blind15 too (figures only)

A blind set's first run is the only time the extractor met it unseen: its README records the commit of main
whose rules read it (``FIRST_RUNS``). ``--collect`` checks each commit out in a temporary worktree
(``git worktree add --detach /tmp/fr-<set> <commit>``), builds a tree of links that mirrors the installed package
of THAT commit (as ``scripts/typecheck`` does), and runs ``bench/first_run_reader.py`` on today's copy of the set
(its articles and labels have not changed since it was frozen) with that tree first on ``PYTHONPATH``: each
extracted claim with its confidence, notes, the inferences that commit saw, and whether it is fully right as that
commit's ``evaluate`` counts it. The figures it gives are the README's first-run figures, to the claim.

The tables then read the inferences of each claim from its notes with TODAY's ``calibration.INFERENCES`` (and the
ones its commit recorded), so ``calibration.CEILINGS`` can be held to what each inference was worth on text the
rules had never seen. Each set's first run is judged as read by today's core on the shipped snapshot
(``bench.asread``): its ``outcome`` gives the kinds ``calibration.weigh`` adds once a claim is judged. blind15 is not
in the pool: it stays blind (``--trade-off`` prints its figures only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marketfact.claims.extract import calibration  # noqa: E402
from marketfact.claims.extract.calibration import AS_READ, CONFIRM_BELOW, INFERENCES, inferences, look_back  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
POOL = ARTICLES / "first-runs.jsonl"
"""The pooled first-run readings, one JSON object a line (written by ``--collect``)."""

FIRST_RUNS: dict[str, str] = {
    # set: commit of main whose rules made its first run (the set's README)
    "blind4": "a7253f5",  # the freezing commit itself: its change is the set, evaluate and the bench
    "blind5": "2d989eb",
    "blind6": "23bbbc8",
    "blind7": "e8f880d",
    "blind8": "2873f13",
    "blind9": "edd6594",  # pooled since session 10, when it became seen
    "blind10": "8da0d97",  # pooled since session 10 (second round), when it became seen
    "blind11": "81e6ed0",  # pooled since session 11, when it became seen (record labels corrected in ea89ead)
    "blind12": "4060812",  # pooled since session 12, when it became seen (intraday hedges corrected in 6078b1c)
    "blind13": "8830cc8",  # pooled since session 12's second round, when it became seen
    "blind14": "b81bda9",  # pooled since session 13, when it became seen
}
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
DANGEROUS = ("wrong company", "wrong day")
Record = dict[str, Any]


# ---- collecting ---------------------------------------------------------------------------------------------
def _package_tree(checkout: Path, tree: Path) -> None:
    """Links under ``tree`` that make ``checkout``'s folders importable as the one package ``marketfact``."""
    import tomllib

    dirs = tomllib.loads((checkout / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    top = tree / "marketfact"
    top.mkdir(parents=True)
    for item in (checkout / dirs["marketfact"]).iterdir():
        (top / item.name).symlink_to(item)
    for name, folder in dirs.items():
        if name != "marketfact":
            (top / name.removeprefix("marketfact.")).symlink_to(checkout / folder, target_is_directory=True)


def read_first_run(name: str, commit: str) -> list[Record]:
    """The readings of set ``name`` by the rules of ``commit`` (a detached worktree under /tmp, kept)."""
    checkout = Path(tempfile.gettempdir()) / f"fr-{name}"
    if not checkout.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), commit], check=True)
    head = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True)
    if not head.stdout.startswith(commit):
        raise SystemExit(f"{checkout} is at {head.stdout.strip()}, not {commit}: remove it and run again")
    with tempfile.TemporaryDirectory() as tree:
        _package_tree(checkout, Path(tree))
        env = {**os.environ, "PYTHONPATH": tree}
        reader = ROOT / "bench" / "first_run_reader.py"
        done = subprocess.run(
            [sys.executable, str(reader), str(ARTICLES / name)], env=env, capture_output=True, text=True, check=True
        )
    if str(checkout) not in done.stderr:  # the right tree was imported, not this one
        raise SystemExit(f"{name}: the reader imported {done.stderr.strip()}, not {checkout}")
    out = []
    for line in done.stdout.splitlines():
        rec = json.loads(line)
        out.append({"set": name, "commit": commit, **_features(rec), **rec})
    return judged(out)


def judged(rows: list[Record]) -> list[Record]:
    """``rows`` with each claim's verdict as read: ``outcome`` (pass, fail, unverifiable) and ``label``, judged by
    TODAY's core on the shipped snapshot (``bench.asread``), one claim file per article; ``claim_data`` is dropped
    once judged."""
    from bench.asread import AsRead

    judge = AsRead()
    articles: dict[str, list[Record]] = {}
    for r in rows:
        articles.setdefault(r["article"], []).append(r)
    for article, members in articles.items():
        data = {"article": members[0]["claim_data"]["article"], "claims": [r["claim_data"]["claim"] for r in members]}
        outcomes = judge.outcomes(data, article)
        for r in members:
            r["outcome"] = outcomes[r.pop("claim_data")["claim"]["id"]]
    return rows


def _features(rec: Record) -> Record:
    """Features of the sentence that might predict a wrong reading, kept instead of the sentence's text."""
    sentence, words = rec.pop("sentence"), rec.pop("subject_words")
    at = sentence.find(words) if words else -1
    return {
        "several_companies": len(rec.pop("sentence_instruments")) > 1,
        "subject_in_sentence": at >= 0,
        "subject_opens_sentence": 0 <= at <= 3,
    }


def load_pool(path: Path = POOL) -> list[Record]:
    """The pooled first-run readings, each with ``today``: its inferences by today's ``INFERENCES``, from its
    notes and the notes today's extractor and check-article add (``calibration.look_back``, with the article's
    latest session, and ``calibration.weigh``, with the claim's verdict as read)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    latest: dict[tuple[str, str], date] = {}
    for r in rows:
        r["sessions"] = [date.fromisoformat(d) for d in r["sessions"]] if r["sessions"] else None
        if r["sessions"]:
            key = (r["set"], r["article"])
            latest[key] = max(latest.get(key, r["sessions"][-1]), r["sessions"][-1])
    for r in rows:
        notes = list(r["notes"])
        look_back(notes, r["sessions"], latest.get((r["set"], r["article"])))
        if r.get("outcome") in AS_READ:  # the claim's verdict as read (``calibration.weigh``)
            notes.append(AS_READ[r["outcome"]][1])
        r["today"] = inferences(notes)
    return rows


# ---- measuring ----------------------------------------------------------------------------------------------
def smoothed(right: int, n: int) -> float:
    """The share of fully right claims, smoothed as the calibration module does: (right + 1) / (n + 2)."""
    return (right + 1) / (n + 2)


def shares(pool: Iterable[Record], key: str = "today") -> dict[str, tuple[int, int]]:
    """Per kind of inference, and ``""`` for claims with none: (claims, of them fully right)."""
    rows = list(pool)
    out = {}
    for kind in ("", *INFERENCES):
        hit = [r["right"] for r in rows if (kind in r[key] if kind else not r[key])]
        out[kind] = (len(hit), sum(hit))
    return out


def capped(pool: Iterable[Record], ceilings: Mapping[str, float]) -> list[tuple[float, Record]]:
    """Each reading's confidence held at ``ceilings`` of its (today's) inferences, the way build does."""
    return [(min([r["confidence"], *(ceilings[k] for k in r["today"])]), r) for r in pool]


def at_threshold(graded: Iterable[tuple[float, bool, str | None]]) -> tuple[int, int, int, int]:
    """(wrong at >= CONFIRM_BELOW, of them a wrong company or day, right at >= CONFIRM_BELOW, right)."""
    rows = list(graded)
    wrong = [w for c, ok, w in rows if not ok and c >= CONFIRM_BELOW]
    right = [c for c, ok, _ in rows if ok]
    return len(wrong), sum(w in DANGEROUS for w in wrong), sum(c >= CONFIRM_BELOW for c in right), len(right)


def pool_graded(pool: Sequence[Record], ceilings: Mapping[str, float]) -> list[tuple[float, bool, str | None]]:
    return [(c, r["right"], r["wrong"]) for c, r in capped(pool, ceilings)]


def first_run_ceilings(pool: Sequence[Record], now: Mapping[str, float]) -> dict[str, float]:
    """``now`` with each kind whose smoothed first-run share is under ``now``'s ceiling held at that share
    (rounded down to 0.05; never under 0.1, the extractor's lowest confidence)."""
    out = dict(now)
    for kind, (n, ok) in shares(pool).items():
        if kind and n:
            out[kind] = min(now[kind], max(0.1, int(smoothed(ok, n) * 20 + 1e-9) / 20))
    return out


def today_figures(folder: Path, ceilings: Mapping[str, float]) -> tuple[float, float, int, int, int, int]:
    """(precision, recall, wrong >= threshold, of them company/day, right >= threshold, right) of today's
    extractor on ``folder`` with ``ceilings`` in place of ``calibration.CEILINGS`` (restored after)."""
    from marketfact.claims.extract.evaluate import evaluate_folder

    saved = dict(calibration.CEILINGS)
    calibration.CEILINGS.update(ceilings)
    try:
        result = evaluate_folder(folder)
    finally:
        calibration.CEILINGS.update(saved)
    kinds = {(w.article, w.claim.id): w.kind for w in result.wrong}
    graded = [
        (reading.confidence, ok, kinds.get((s.name, reading.claim_id)))
        for s, x in result.scores
        for reading, ok in ((rd, rd.claim_id in {c.id for c, _ in s.found}) for rd in x.readings)
    ]
    return (result.precision, result.recall, *at_threshold(graded))


# ---- printing -----------------------------------------------------------------------------------------------
BEFORE: dict[str, float] = {
    # calibration.CEILINGS before session 9 (measured on the tuned articles), with its two new kinds at the
    # ceilings of the kinds they were part of then
    **{k: 0.75 for k in ("subject: short name", "hedge: words disagree", "direction: both words near")},
    **{"subject: reference back": 0.9, "subject: shared by names": 0.85, "direction: other clause": 0.9},
    **{"day: shared with the number before": 0.8, "day: shared in sentence": 0.8, "day: earlier sentence": 0.95},
    "day: look-back carried over": 0.95,  # part of "day: earlier sentence" then
    **{"day: dateline": 0.55, "day: question before": 0.7, "day: session before": 0.85, "day: session after": 0.75},
    **{"day: named before": 0.65, "day: counted from story": 0.75, "day: none named": 0.3},
    **{"day: several in sentence": 0.75, "market value: no wording": 0.7},
    **{"data: fails as read": 1.0, "data: cannot be checked as read": 1.0},  # session 10: no ceiling before
}
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # the trade-off: today's ceilings taken in one group at a time, the kinds with the lowest first-run share first
    ("before (tuned articles)", ()),
    ("+ kinds held under 0.8 before", ("day: none named", "market value: no wording", "day: named before",
                                        "day: several in sentence", "direction: both words near",
                                        "day: session after")),
    ("+ subject: reference back", ("subject: reference back", "day: session before")),
    ("+ direction: other clause", ("direction: other clause",)),
    ("+ day: shared in sentence (other)", ("day: shared in sentence",)),
    ("+ day: look-back carried over", ("day: look-back carried over",)),
    ("+ day: earlier sentence = today", ("day: earlier sentence",)),
    ("+ data: the verdict as read", ("data: fails as read", "data: cannot be checked as read")),
    ("  (verdict as read, text before)", ("data: fails as read", "data: cannot be checked as read")),
    ("  (no split: number before 0.75)", ("day: shared with the number before",)),
    ("  (no look-back: earlier 0.70)", ("day: earlier sentence", "day: look-back carried over")),
)  # fmt: skip


def steps(now: Mapping[str, float]) -> list[tuple[str, dict[str, float]]]:
    """The points of the trade-off table: ``BEFORE`` with ``now``'s ceilings taken in step by step up to ``now``;
    then the verdict's ceilings alone (``BEFORE`` for the text), and ``now`` without one of its two new kinds of
    session 9 each: what the split of a kind bought."""
    points, ceilings = [], {**now, **BEFORE}  # a kind made after session 9 had no ceiling before: its own now
    for label, kinds in STEPS:
        ceilings = {**ceilings, **{k: now[k] for k in kinds}}
        if label.startswith("  (no split"):
            ceilings = {**now, kinds[0]: 0.75}
        if label.startswith("  (verdict as read, text before"):  # the data's ceilings alone
            ceilings = {**now, **BEFORE, **{k: now[k] for k in kinds}}
        if label.startswith("  (no look-back"):  # one kind again, held at the share of both together
            ceilings = {**ceilings, **dict.fromkeys(kinds, 0.7), "day: shared with the number before": 0.8}
        points.append((label, dict(ceilings)))
    return points


def _cells(figures: tuple[int, int, int, int]) -> str:
    wrong, dangerous, kept, right = figures
    return f"{wrong:>4} {dangerous:>4} {kept:>4}/{right:<4} {kept / right if right else 0:>5.2f}"


def print_pool(pool: Sequence[Record], now: Mapping[str, float]) -> None:
    """Per set, the reliability table, per kind of inference and per feature, on the pooled first runs."""
    print(f"first runs, pooled: {len(pool)} claims, {sum(r['right'] for r in pool)} fully right")
    print(f"{'set':<8} {'commit':<8} {'claims':>6} {'right':>5} {'prec':>5}  wrong>=0.8 co/day")
    for name, commit in FIRST_RUNS.items():
        rows = [r for r in pool if r["set"] == name]
        w, d, _, right = at_threshold((r["confidence"], r["right"], r["wrong"]) for r in rows)
        print(f"{name:<8} {commit:<8} {len(rows):>6} {right:>5} {right / len(rows):>5.2f}  {w:>10} {d:>6}")
    print("\nreliability (band -> fully right): as read then | with today's ceilings (in-sample)")
    for lo, hi in BANDS:
        cells = []
        for graded in ([(r["confidence"], r) for r in pool], capped(pool, now)):
            inside = [r["right"] for c, r in graded if lo <= c < hi]
            cells.append(f"{sum(inside):>4}/{len(inside):<4} = {sum(inside) / len(inside) if inside else 0:.2f}")
        print(f"  {lo:.1f}-{min(hi, 1.0):.1f}   {cells[0]}   | {cells[1]}")
    print("\nper inference (today's table | that commit's): claims, right, smoothed share; ceiling before -> now")
    then = shares(pool, "inferred")
    for kind, (n, ok) in shares(pool).items():
        label = kind or "(no inference: read from its own clause)"
        tn, tok = then[kind]
        ceil = f"{BEFORE.get(kind, now[kind]):.2f} -> {now[kind]:.2f}" if kind else "1.00 -> 1.00"
        print(f"  {label:<42} {n:>4} {ok:>4} {smoothed(ok, n):>5.2f} | {tn:>4} {tok:>4}   {ceil}")
    print("\nfeatures of the sentence (claims, right, share)")
    for feature in ("several_companies", "subject_in_sentence", "subject_opens_sentence"):
        for value in (True, False):
            hit = [r["right"] for r in pool if r[feature] is value]
            share = sum(hit) / len(hit) if hit else 0
            print(f"  {f'{feature}={value}':<30} {len(hit):>4} {sum(hit):>4} {share:>5.2f}")


def print_trade_off(pool: Sequence[Record], now: Mapping[str, float], sets: Sequence[str]) -> None:
    """Per point of ``steps``: wrong at >= 0.8 (all, company/day) and right claims kept at >= 0.8, on the pooled
    first runs (in-sample for the ceilings) and on today's extractor over ``sets`` (precision/recall unchanged:
    a ceiling moves no claim)."""
    head = "".join(f" | {s + ': wrong co/day kept/right share':<38}" for s in ("first runs", *sets))
    print(f"\ntrade-off (threshold {CONFIRM_BELOW}){head}")
    for label, ceilings in steps(now):
        cells = [_cells(at_threshold(pool_graded(pool, ceilings)))]
        cells += [_cells(today_figures(ARTICLES / s, ceilings)[2:]) for s in sets]
        print(f"{label:<36}" + "".join(f" | {c:<38}" for c in cells))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the first-run tables (``--collect``: read the sets at their commits first)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collect", action="store_true", help=f"re-read the first runs, rewrite {POOL.name}")
    parser.add_argument("--trade-off", action="store_true", help="the ceilings tried on dev and blind15 too")
    args = parser.parse_args(argv)
    if args.collect:
        rows = [r for name, commit in FIRST_RUNS.items() for r in read_first_run(name, commit)]
        POOL.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pool, now = load_pool(), dict(calibration.CEILINGS)
    print_pool(pool, now)
    print_trade_off(pool, now, ("dev", "blind15") if args.trade_off else ())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
