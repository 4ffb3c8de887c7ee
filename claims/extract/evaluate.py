"""Extraction quality over labelled article sets: precision, recall, every wrong claim with its confidence,
and a reliability table (confidence band → share of claims fully right).

    python -m marketfact.claims.extract.evaluate [FOLDER ...]

Each folder holds articles with ``<name>.expected.yaml`` (tests/data/articles/README.md). A claim is right
only when instrument, session(s), metric, direction, value or range and hedge all match one expected claim
(``scoring.claim_matches``). A wrong claim is classed by the expected claim of the same value it most
resembles: ``wrong company``, ``wrong day``, ``wrong hedge or metric``, ``wrong direction``; ``not a claim``
when no expected claim has that value.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from marketfact.claims.extract.calibration import CEILINGS, INFERENCES, weigh
from marketfact.claims.extract.extract import extract_claims
from marketfact.claims.extract.inputs import read_article
from marketfact.claims.extract.model import Extraction
from marketfact.claims.extract.scoring import Score, expected_sessions, hedge_words, load_expected, score
from marketfact.claims.model import Claim
from marketfact.claims.readings import Reading

BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
"""Confidence bands of the reliability table: [low, high)."""

DANGEROUS = ("wrong company", "wrong day")
"""Wrong claims that put a verdict on the wrong company or day."""


@dataclass(frozen=True)
class WrongClaim:
    """An extracted claim that matches no expected claim, with the class of its error."""

    article: str
    claim: Claim
    reading: Reading
    kind: str
    expected: dict[str, Any] | None


@dataclass
class SetResult:
    """One labelled set read and scored."""

    name: str
    scores: list[tuple[Score, Extraction]] = field(default_factory=list)
    wrong: list[WrongClaim] = field(default_factory=list)
    graded: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, fully right) per claim

    @property
    def counts(self) -> tuple[int, int, int]:
        """(found, invented, missed) over all articles."""
        tp = sum(len(s.found) for s, _ in self.scores)
        fp = sum(len(s.invented) for s, _ in self.scores)
        fn = sum(len(s.missed) for s, _ in self.scores)
        return tp, fp, fn

    @property
    def precision(self) -> float:
        """Micro-averaged precision (1.0 when nothing was extracted)."""
        tp, fp, _ = self.counts
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        """Micro-averaged recall (1.0 when nothing was expected)."""
        tp, _, fn = self.counts
        return tp / (tp + fn) if tp + fn else 1.0

    def dangerous(self, threshold: float = 0.8) -> list[WrongClaim]:
        """Wrong-company or wrong-day claims with confidence at or above ``threshold``."""
        return [w for w in self.wrong if w.kind in DANGEROUS and w.reading.confidence >= threshold]

    def confident_wrong(self, threshold: float = 0.8) -> list[WrongClaim]:
        """Every wrong claim with confidence at or above ``threshold``."""
        return [w for w in self.wrong if w.reading.confidence >= threshold]


def classify(claim: Claim, reading: Reading, left: Sequence[dict[str, Any]], every: Sequence[dict[str, Any]]) -> tuple[
    str, dict[str, Any] | None
]:  # fmt: skip
    """The kind of error of a wrong claim, judged against the expected claims of the same value.

    Expected claims still unmatched (``left``) are preferred to those another claim already matched.
    """

    def same_value(w: dict[str, Any]) -> bool:
        if claim.record is not None or w["metric"] == "record":  # a record states no number: its kind stands in
            return claim.record is not None and claim.record.value == w.get("record")
        if "range" in w:
            return claim.range is not None and all(
                math.isclose(a, b) for a, b in zip(claim.range, w["range"], strict=True)
            )
        return claim.value is not None and math.isclose(claim.value, float(w["value"]))

    for pool in (left, every):
        near = [w for w in pool if same_value(w)]
        if not near:
            continue

        def misses(w: dict[str, Any]) -> int:
            sessions = list(reading.sessions) if reading.sessions else None
            return (
                (claim.instrument != w["instrument"]) * 4
                + (sessions != expected_sessions(w.get("sessions"))) * 2
                + (claim.direction != w.get("direction"))
                + (claim.metric.value != w["metric"] or hedge_words(claim.hedge) != hedge_words(w.get("hedge")))
            )

        best = min(near, key=misses)
        sessions = list(reading.sessions) if reading.sessions else None
        if claim.instrument != best["instrument"]:
            return "wrong company", best
        if sessions != expected_sessions(best.get("sessions")):
            return "wrong day", best
        if claim.direction != best.get("direction"):
            return "wrong direction", best
        if pool is every:
            return "duplicate", best
        return "wrong hedge or metric", best
    return "not a claim", None


Judge = Callable[[Extraction], Mapping[str, str]]
"""Claim id → verdict outcome (pass, fail, unverifiable) of the claims an extraction read, judged as read."""


def evaluate_folder(folder: Path, name: str | None = None, judge: Judge | None = None) -> SetResult:
    """Read and score every labelled article in ``folder``; with ``judge``, each reading weighed by its claim's
    verdict as read, as ``marketfact check-article`` does (``calibration.weigh``)."""
    result = SetResult(name or folder.name)
    for path in sorted(folder.glob("*.expected.yaml")):
        expected = load_expected(path)
        extraction = extract_claims(read_article(expected.article), expected.published_at, "auto")
        if judge is not None:
            outcome = judge(extraction)
            weighed = [weigh(r, outcome.get(r.claim_id, "")) for r in extraction.readings]
            extraction = replace(extraction, readings=weighed)
        s = score(extraction, expected)
        result.scores.append((s, extraction))
        found_ids = {c.id for c, _ in s.found}
        for claim, reading in zip(extraction.claims, extraction.readings, strict=True):
            right = claim.id in found_ids
            result.graded.append((reading.confidence, right))
            if not right:
                kind, want = classify(claim, reading, s.missed, expected.claims)
                result.wrong.append(WrongClaim(s.name, claim, reading, kind, want))
    return result


def every_reading(results: Sequence[SetResult]) -> list[tuple[Reading, bool]]:
    """Every extracted claim's reading in the sets, with whether the claim was fully right."""
    out = []
    for r in results:
        for s, x in r.scores:
            right = {c.id for c, _ in s.found}
            out += [(reading, reading.claim_id in right) for reading in x.readings]
    return out


def by_inference(readings: Iterable[tuple[Reading, bool]]) -> list[tuple[str, int, int]]:
    """Per kind of inference (calibration.INFERENCES): (kind, claims that made it, of them fully right)."""
    items = list(readings)
    rows = []
    for kind in INFERENCES:
        hit = [ok for reading, ok in items if kind in reading.inferred]
        rows.append((kind, len(hit), sum(hit)))
    return rows


def reliability(graded: Iterable[tuple[float, bool]]) -> list[tuple[tuple[float, float], int, int]]:
    """Per confidence band: (band, claims in it, claims fully right)."""
    rows = []
    items = list(graded)
    for lo, hi in BANDS:
        inside = [ok for c, ok in items if lo <= c < hi]
        rows.append(((lo, hi), len(inside), sum(inside)))
    return rows


def _want(w: dict[str, Any]) -> str:
    sessions = ",".join(str(d) for d in w.get("sessions") or []) or "-"
    value = w.get("range", w.get("value"))
    if w["metric"] == "record":
        value = f"{w.get('record')} since={w.get('since') or '-'}"
    money = f" {w.get('currency')} {w.get('scale', 'one')}" if w.get("currency") else ""
    return (
        f"{w['instrument']} {w['metric']} {w.get('direction')} {value}{money} hedge={w.get('hedge')!r} "
        f"sessions={sessions}"
    )


def format_sets(results: Sequence[SetResult], threshold: float = 0.8, wrong_lists: bool = True) -> str:
    """The figures of each set side by side, the reliability table per set and all together, every wrong
    claim with its confidence (``wrong_lists``: and every missed one)."""
    out: list[str] = []
    width = max(12, *(len(r.name) for r in results))
    out.append(f"{'':<26}" + "".join(f"{r.name:>{width}}" for r in results))
    rows: list[tuple[str, Any]] = [
        ("articles", lambda r: str(len(r.scores))),
        ("claims expected", lambda r: str(r.counts[0] + r.counts[2])),
        ("claims extracted", lambda r: str(r.counts[0] + r.counts[1])),
        ("fully right", lambda r: str(r.counts[0])),
        ("precision", lambda r: f"{r.precision:.2f}"),
        ("recall", lambda r: f"{r.recall:.2f}"),
        (f"wrong at conf >= {threshold:.1f}", lambda r: str(len(r.confident_wrong(threshold)))),
        (f"  wrong company/day >= {threshold:.1f}", lambda r: str(len(r.dangerous(threshold)))),
    ]
    for label, fn in rows:
        out.append(f"{label:<26}" + "".join(f"{fn(r):>{width}}" for r in results))
    out.append("")
    out.append("reliability (confidence band -> share of claims fully right)")
    every: list[tuple[float, bool]] = [g for r in results for g in r.graded]
    table = [(r.name, reliability(r.graded)) for r in results] + [("all", reliability(every))]
    out.append(f"{'band':<12}" + "".join(f"{name:>{width + 6}}" for name, _ in table))
    for i, (lo, hi) in enumerate(BANDS):
        cells = []
        for _, rel in table:
            _, n, ok = rel[i]
            cells.append(f"{ok}/{n} = {ok / n:.2f}" if n else "—")
        out.append(f"{f'{lo:.1f}-{min(hi, 1.0):.1f}':<12}" + "".join(f"{c:>{width + 6}}" for c in cells))
    out.append("")
    out.append("inferences (all sets): claims, fully right, smoothed share (right+1)/(claims+2), ceiling used")
    for kind, n, ok in by_inference(every_reading(results)):
        share = (ok + 1) / (n + 2)
        out.append(f"  {kind:<28} {n:>4} {ok:>4} {share:>6.2f} {CEILINGS[kind]:>6.2f}")
    for r in results if wrong_lists else ():
        out.append("")
        out.append(f"wrong claims in {r.name} ({len(r.wrong)}):")
        for w in r.wrong:
            c = w.claim
            value: object = c.value if c.value is not None else c.range
            if c.record is not None:
                value = f"{c.record.value} since={c.since or '-'}"
            sessions = ",".join(str(d) for d in w.reading.sessions) if w.reading.sessions else "-"
            want = f"  [expected {_want(w.expected)}]" if w.expected is not None else ""
            out.append(
                f"  {w.reading.confidence:.2f} {w.kind:<22} {w.article[:30]:<30} {c.instrument} {c.metric.value} "
                f"{c.direction} {value} hedge={c.hedge!r} sessions={sessions}{want}"
            )
        missed = [(s.name, m) for s, _ in r.scores for m in s.missed]
        out.append(f"missed claims in {r.name} ({len(missed)}):")
        for name, m in missed:
            out.append(f"  {name[:30]:<30} {_want(m)}")
    return "\n".join(out)


ARTICLE_SETS = (
    "dev", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10",
    "blind11", "blind12", "blind13", "blind14", "blind15",
)  # fmt: skip
"""The folders of tests/data/articles scored next to the regression set (the folder itself), in the order printed."""


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for each folder given (default: the regression set and ``ARTICLE_SETS``)."""
    args = list(argv if argv is not None else sys.argv[1:])
    root = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"
    default = [root] + [root / n for n in ARTICLE_SETS]
    folders = [Path(a).absolute() for a in args] or default
    names = ["regression" if f == root else f.name for f in folders]
    results = [evaluate_folder(f, n) for f, n in zip(folders, names, strict=True)]
    print(format_sets(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
