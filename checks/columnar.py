"""A run's verdicts kept as the judged table: ``Verdict`` objects are built only for the rows asked for.

Building a ``Verdict`` (sentences, evidence, price path, alternatives) for every claim of a run of 100 000 claims
takes seconds (docs/performance.md), and its page shows at most ``reports.MAX_CLAIM_CARDS`` cards. ``VerdictTable`` is a
``Sequence[Verdict]`` over the judged table (one row per claim, in the claim file's order): its length,
labels and counts come from the table's columns, ``take`` builds the Verdicts of the rows a page shows,
and iterating builds them batch by batch as it goes and keeps them (the cost of the old tuple, paid only
as far as someone reads: the history database and the terminal's list read all, the events the first 500 failures).
``columns`` is the run's verdicts as plain columns, what ``reports.columnar`` writes to Parquet.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np
import pandas as pd

from marketfact.checks.evidence import RunEvidence
from marketfact.checks.explain import build_verdicts
from marketfact.checks.measure import PricePanel
from marketfact.checks.verdicts import OUTCOMES, Label, Verdict

LAZY_ABOVE = 2000
"""Runs of more claims keep their verdicts as a ``VerdictTable`` (``checks.run.assemble``); smaller runs,
whose page shows every claim (``reports.MAX_CLAIM_CARDS``), get a tuple of Verdicts as always."""

BATCH = 2000
"""Rows built into Verdicts at a time when the whole table is iterated: bounded memory, few calls."""

COLUMNS_VERSION = "1"
"""Version of ``columns``' layout (names, types, meaning); ``reports.columnar`` writes it into the file."""


class VerdictTable(Sequence[Verdict]):
    """The verdicts of a run, as a sequence built lazily from the judged table."""

    __slots__ = ("_built", "_cache", "evidence", "judged", "panel")

    def __init__(self, evidence: RunEvidence, judged: pd.DataFrame, panel: PricePanel) -> None:
        self.evidence, self.judged, self.panel = evidence, judged.reset_index(drop=True), panel
        self._cache: dict[int, Verdict] = {}
        self._built: list[Verdict] = []  # the first len(_built) verdicts, once iterated

    def __len__(self) -> int:
        return len(self.judged)

    @overload
    def __getitem__(self, index: int) -> Verdict: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Verdict, ...]: ...

    def __getitem__(self, index: int | slice) -> Verdict | tuple[Verdict, ...]:
        if isinstance(index, slice):
            return self.take(range(len(self))[index])
        n = len(self)
        if not -n <= index < n:
            raise IndexError(index)
        return self.take([index % n])[0]

    def __iter__(self) -> Iterator[Verdict]:
        # Built batch by batch as the reader goes, and kept: a reader that stops early (the first 500
        # failures) builds little, one that reads them all (history, terminal) builds each once.
        i = 0
        while i < len(self):
            if i >= len(self._built):
                start = len(self._built)
                self._built.extend(self._build(range(start, min(start + BATCH, len(self)))))
            yield self._built[i]
            i += 1

    def __repr__(self) -> str:
        return f"VerdictTable({len(self)} verdicts)"

    def take(self, positions: Sequence[int]) -> tuple[Verdict, ...]:
        """The Verdicts at ``positions`` (in that order), built once and remembered."""
        built = len(self._built)
        missing = sorted({p for p in positions if p >= built and p not in self._cache})
        if missing:
            self._cache.update(zip(missing, self._build(missing), strict=True))
        return tuple(self._built[p] if p < built else self._cache[p] for p in positions)

    def _build(self, positions: Sequence[int]) -> list[Verdict]:
        rows = self.judged.iloc[list(positions)]
        return build_verdicts(self.evidence, rows, self.panel)

    def labels(self) -> list[str]:
        """Every verdict's label value, in order."""
        return [str(label) for label in self.judged["label"].to_numpy()]

    def label_counts(self) -> Counter[str]:
        """Verdicts per label value."""
        return Counter({str(k): int(v) for k, v in self.judged["label"].value_counts().items()})

    def columns(self) -> pd.DataFrame:
        """One row per verdict, the facts a machine needs, in plain columns (layout ``COLUMNS_VERSION``).

        The sentences, evidence rows and price paths of a verdict are in ``take``'s Verdicts (and in the
        report of a run small enough to show every claim); these columns say what was checked and found.
        """
        j = self.judged
        labels = j["label"].astype(str)
        unverifiable = labels == Label.UNVERIFIABLE.value
        problem = j["problem"].astype(str) if "problem" in j else pd.Series("", index=j.index)
        if "quality_problem" in j:
            problem = problem.where(problem != "", j["quality_problem"].astype(str))
        measured = pd.to_numeric(j["measured"], errors="coerce").astype(float)
        return pd.DataFrame(
            {
                "claim_id": j["claim_id"].astype(str),
                "label": labels,
                "outcome": labels.map({label.value: outcome for label, outcome in OUTCOMES.items()}),
                "measured": measured.where(np.isfinite(measured)),
                "unit": j["unit"].astype(str),
                "claim_currency": j["currency"].astype(str).where(j["currency"].notna(), None),
                "lo": _finite(j["lo"]),
                "hi": _finite(j["hi"]),
                "direction": _directions(j["direction"]),
                "basis": j["basis"].astype(str),
                "symbol": j["symbol"].astype(str),
                "exchange": j["calendar"].astype(str) if "calendar" in j else None,
                "start": _dates(j["start"]),
                "end": _dates(j["end"]),
                "base": _dates(j["base"]),
                "reason": problem.where(unverifiable, None),
            }
        )


def first_with_outcome(verdicts: Sequence[Verdict], outcome: str, limit: int) -> tuple[Verdict, ...]:
    """The first ``limit`` verdicts whose outcome is ``outcome`` (pass, fail, unverifiable), in order.

    A ``VerdictTable`` finds them by its label column and builds only those (most are the page's cards, built
    already): iterating it built every verdict up to the last one wanted, ≈1 800 for a run's first 500 failures.
    """
    if isinstance(verdicts, VerdictTable):
        labels = {label.value for label, its in OUTCOMES.items() if its == outcome}
        return verdicts.take([i for i, label in enumerate(verdicts.labels()) if label in labels][:limit])
    return tuple(itertools.islice((v for v in verdicts if v.outcome == outcome), limit))


def _finite(column: pd.Series[Any]) -> pd.Series[Any]:
    values = pd.to_numeric(column, errors="coerce").astype(float)
    return values.where(np.isfinite(values))


def _directions(column: pd.Series[Any]) -> pd.Series[Any]:
    sign = pd.to_numeric(column, errors="coerce").astype(float).to_numpy()
    words = [("down" if s < 0 else "up") if s == s and s != 0 else None for s in sign]  # NaN != NaN
    return pd.Series(words, index=column.index, dtype=object)


def _dates(column: pd.Series[Any]) -> pd.Series[Any]:
    return pd.to_datetime(column, errors="coerce").dt.date


class ShardedVerdicts(Sequence[Verdict]):
    """The verdicts of a run checked in shards (``checks.shard``): counts for all, Verdicts for the page.

    Its length and label counts are the whole run's; the Verdicts it holds are the cards the shards
    offered the page (``shown``). Every verdict is in the shards' Parquet files under ``path`` (relative
    to the report): reading one by position is refused, as iterating would silently see only the page.
    """

    __slots__ = ("_counts", "path", "shown")

    def __init__(self, shown: Sequence[Verdict], counts: Mapping[str, int], path: str) -> None:
        self.shown = tuple(shown)
        self._counts = Counter(dict(counts))
        self.path = path

    def __len__(self) -> int:
        return sum(self._counts.values())

    @overload
    def __getitem__(self, index: int) -> Verdict: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Verdict, ...]: ...

    def __getitem__(self, index: int | slice) -> Verdict | tuple[Verdict, ...]:
        raise TypeError(f"a sharded run's verdicts are in {self.path} (Parquet); its page shows .shown")

    def __iter__(self) -> Iterator[Verdict]:
        raise TypeError(f"a sharded run's verdicts are in {self.path} (Parquet); its page shows .shown")

    def __repr__(self) -> str:
        return f"ShardedVerdicts({len(self)} verdicts, {len(self.shown)} shown, in {self.path})"

    def label_counts(self) -> Counter[str]:
        """Verdicts per label value, over every shard."""
        return Counter(self._counts)
