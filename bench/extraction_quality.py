"""Extraction quality on the hand-written test articles, and the verdicts of what was extracted.

    python -m bench.extraction_quality [--articles tests/data/articles] [--validate]

First the labelled sets side by side (the regression articles, ``dev/`` the rules are tuned on, ``blind/``, ``blind2/``
(now dev-like), ``blind3/`` to ``blind10/`` (seen), ``blind11/`` to ``blind13/`` (seen by session 12), ``blind14/``
(seen by session 13) and ``blind15/`` (blind, never tuned on)): precision, recall, wrong claims at confidence >= 0.8,
the reliability table (confidence band -> share of claims fully right) and every wrong claim with its confidence
(``claims.extract.evaluate``). Then the same figures after the verdicts, as ``marketfact check-article`` shows them:
each reading weighed by its claim's verdict as read (a claim that fails or cannot be checked as read is seldom read
right: ``claims.extract.calibration.weigh``). Then,
for the regression articles: claims expected, extracted, found, precision and recall per article; and every extracted
claim checked by the core (``checks.run.run_in_process``) against the shipped market-data snapshot, with its verdict.
Offline: no network is used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.asread import AsRead  # noqa: E402
from marketfact.checks.run import run_in_process  # noqa: E402
from marketfact.claims.extract import extract_claims, read_article  # noqa: E402
from marketfact.claims.extract.evaluate import ARTICLE_SETS, evaluate_folder, format_sets  # noqa: E402
from marketfact.claims.extract.model import Extraction  # noqa: E402
from marketfact.claims.extract.scoring import Score, load_expected, score  # noqa: E402
from marketfact.claims.load import parse_claims  # noqa: E402
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource  # noqa: E402


def _scores(folder: Path) -> list[tuple[Score, Extraction]]:
    out = []
    for path in sorted(folder.glob("*.expected.yaml")):
        expected = load_expected(path)
        extraction = extract_claims(read_article(expected.article), expected.published_at, "auto")
        out.append((score(extraction, expected), extraction))
    return out


def _print_quality(results: list[tuple[Score, Extraction]]) -> None:
    print(f"{'article':<34} {'lang':<4} {'expected':>8} {'extracted':>9} {'found':>5} {'precision':>9} {'recall':>6}")
    tp = fp = fn = 0
    others_ok = 0
    for s, x in results:
        expected = len(s.found) + len(s.missed)
        print(
            f"{s.name:<34} {x.language:<4} {expected:>8} {len(x.claims):>9} {len(s.found):>5} "
            f"{s.precision:>9.2f} {s.recall:>6.2f}"
        )
        for line in s.problems():
            print(f"    ! {line}")
        tp, fp, fn = tp + len(s.found), fp + len(s.invented), fn + len(s.missed)
        others_ok += s.perfect
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'total':<39} {tp + fn:>8} {tp + fp:>9} {tp:>5} {precision:>9.2f} {recall:>6.2f}")
    print(f"articles read perfectly (claims, non-market numbers, unresolved names): {others_ok}/{len(results)}")


def _print_verdicts(results: list[tuple[Score, Extraction]], validate: bool) -> None:
    snapshot = SnapshotSource()
    instruments = snapshot.instruments()
    fx = {"ecb": EcbFxSource()}
    shares = SnapshotSharesSource()
    counts: dict[str, int] = {}
    print()
    print(f"{'claim':<34} {'instrument':<10} {'verdict':<15} {'measured':>10}  claim")
    for s, x in results:
        if not x.claims:
            continue
        claim_file = parse_claims(x.to_claim_file_dict(title=s.name), s.name)
        run = run_in_process(claim_file, snapshot, instruments, fx, shares, validate=validate, claims_file=s.name)
        by_id = {c.id: c for c in claim_file.claims}
        for v in run.verdicts:
            claim = by_id[v.claim_id]
            measured = f"{v.measured:+.2f}" if v.measured is not None else "—"
            counts[v.label.value] = counts.get(v.label.value, 0) + 1
            print(
                f"{s.name[:20] + ':' + v.claim_id:<34} {claim.instrument or '':<10} {v.label.value:<15} "
                f"{measured:>10}  {claim.text}"
            )
            if v.reason:
                print(f"{'':<62}({v.reason})")
    print("verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))


def main(argv: list[str] | None = None) -> int:
    """Print extraction precision/recall and the verdicts of the extracted claims."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=ROOT / "tests" / "data" / "articles")
    parser.add_argument("--validate", action="store_true", help="run the Great Expectations suites too (slower)")
    args = parser.parse_args(argv)
    args.articles = args.articles.absolute()
    results = _scores(args.articles)
    if not results:
        print(f"no *.expected.yaml in {args.articles}", file=sys.stderr)
        return 2
    sets = [("regression", args.articles)] + [(n, args.articles / n) for n in ARTICLE_SETS]
    print(format_sets([evaluate_folder(f, n) for n, f in sets if f.is_dir()]))
    print()
    print("After the verdicts: each reading weighed by its claim's verdict as read, as check-article does")
    print("(claims.extract.calibration.weigh; judged on the shipped snapshot by bench.asread)")
    judge = AsRead().of
    print(format_sets([evaluate_folder(f, n, judge) for n, f in sets if f.is_dir()], wrong_lists=False))
    print()
    _print_quality(results)
    _print_verdicts(results, args.validate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
