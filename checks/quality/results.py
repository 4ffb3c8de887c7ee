"""Great Expectations' validation results turned into the project's ``ExpectationResult``s.

Reports never see GX's types: each GX result becomes, per dataset in the batch, one or more
``ExpectationResult``s naming the expectation for people, its severity, the failing sessions (or claim
ids), the implicated columns, and a sentence quoting the values that broke it. This module reads GX
objects by attribute only and so does not import Great Expectations.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from string import Formatter
from typing import Any, cast

import numpy as np
import pandas as pd

from marketfact.checks.quality.outcome import ExpectationResult, FoundRow, Severity
from marketfact.checks.quality.spec import Batch, Spec
from marketfact.checks.reasons import Reason, read_reasons

MAX_ROWS_IN_DETAIL = 6


def _exception_message(info: Any) -> str | None:
    """The first exception message in GX's exception_info (flat, or keyed by metric)."""
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message") or "exception")
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message") or "exception")
    return None


def _failing_positions(result: Mapping[str, Any], size: int) -> list[int]:
    """Row positions GX reported as unexpected (its index list holds the batch's RangeIndex labels)."""
    positions: set[int] = set()
    for item in result.get("unexpected_index_list") or []:
        value = item.get("index") if isinstance(item, dict) else item
        if isinstance(value, int | float) and 0 <= int(value) < size:
            positions.add(int(value))
    return sorted(positions)


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isnan(value):
            return "empty"
        if value.is_integer() and abs(value) >= 1e4:  # a volume: every digit, grouped ("9,441,600")
            return f"{value:,.0f}"
        return f"{value:.6g}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return "empty" if value is None or value is pd.NaT else str(value)


def plain(value: Any) -> float | int | bool | str | date | None:
    """A quoted value as plain Python for ``FoundRow`` (None: empty); a session's Timestamp as its date."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float | int | bool | str | date):
        return value
    return str(value)


def _label(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


class _Columns:
    """The batch frame's columns as numpy arrays, converted once and shared by every failure.

    ``take`` returns the values at some positions; datetimes come back as Timestamps (as ``astype(object)``
    gives them), boxed only at the positions asked for: a failure names a few rows of a frame that may
    hold tens of thousands.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._arrays: dict[str, np.ndarray | pd.Series] = {}

    def __contains__(self, column: str) -> bool:
        return column in self.frame.columns

    def take(self, column: str, positions: Sequence[int]) -> np.ndarray:
        """The column's values at ``positions`` (row positions of the frame)."""
        if column not in self._arrays:
            series = self.frame[column]
            naive_time = isinstance(series.dtype, np.dtype) and series.dtype.kind == "M"
            # A zoned datetime column is kept as a Series, so pandas boxes it with its zone.
            zoned = not naive_time and pd.api.types.is_datetime64_any_dtype(series)
            self._arrays[column] = series if zoned else series.to_numpy()
        values = self._arrays[column]
        if isinstance(values, pd.Series):
            return values.iloc[list(positions)].astype(object).to_numpy()
        picked = values[list(positions)]
        if picked.dtype.kind == "M":
            boxed = np.empty(len(picked), dtype=object)
            boxed[:] = [pd.Timestamp(v) for v in picked]
            return boxed
        return picked


def _value(value: Any) -> Any:
    """numpy's datetime64 as a Timestamp, anything else as it is."""
    return pd.Timestamp(value) if isinstance(value, np.datetime64) else value


def _describe(
    columns: _Columns, positions: Sequence[int], batch: Batch, quoted: Sequence[str]
) -> tuple[str, tuple[FoundRow, ...], int]:
    """The failing rows quoted in words (the record), as ``FoundRow``s, and how many more failed."""
    shown = list(dict.fromkeys(c for c in quoted if c in columns and c != batch.column_key))
    cell_value = batch.column_key is not None and "value" in shown
    if cell_value:
        shown.remove("value")
    rows = positions[:MAX_ROWS_IN_DETAIL]
    keys = columns.take(batch.row_key, rows)
    column_keys = columns.take(batch.column_key, rows) if batch.column_key else None
    cells = columns.take("value", rows) if cell_value else None
    quoted_values = {c: columns.take(c, rows) for c in shown}
    parts = []
    found = []
    for k in range(len(rows)):
        key = _value(keys[k])
        label = _label(key)
        if column_keys is not None:
            label += f" {column_keys[k]}"
        if cells is not None:  # an evidence cell: "2025-01-20 close 1.02774 (floor 1.02794)"
            label += f" {_fmt(cells[k])}"
        values = ", ".join(f"{c} {_fmt(_value(quoted_values[c][k]))}" for c in shown)
        parts.append(f"{label} ({values})" if values else label)
        found.append(
            FoundRow(
                key.date() if isinstance(key, pd.Timestamp) else str(key),
                None if column_keys is None else str(column_keys[k]),
                cells is not None,
                None if cells is None else plain(cells[k]),
                tuple((c, plain(_value(quoted_values[c][k]))) for c in shown),
            )
        )
    more = len(positions) - MAX_ROWS_IN_DETAIL
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else ""), tuple(found), max(more, 0)


def _observed(result: Mapping[str, Any]) -> tuple[Reason, ...]:
    details = result.get("details")
    mismatched = details.get("mismatched") if isinstance(details, dict) else None
    if isinstance(mismatched, dict) and mismatched.get("missing"):
        return (Reason("missing_columns", (("columns", ", ".join(sorted(map(str, mismatched["missing"])))),)),)
    if "observed_value" in result:
        return (Reason("observed", (("value", str(result["observed_value"])),)),)
    return ()


def _failed(
    spec: Spec,
    name: str,
    gx_type: str,
    severity: Severity,
    positions: list[int],
    batch: Batch,
    group: str,
    columns_of: _Columns,
) -> ExpectationResult:
    columns = tuple(spec.columns)
    if batch.column_key:
        columns = tuple(dict.fromkeys([*columns, *map(str, columns_of.take(batch.column_key, positions))]))
    keys = [_value(k) for k in columns_of.take(batch.row_key, positions)]
    sentence = batch.details.get((group, spec.name), "")
    described, found, more = _describe(columns_of, positions, batch, [*columns, *spec.quote])
    detail = "; ".join(p for p in (sentence, described) if p)
    dataset_wide = spec.scope == "dataset"
    # Dataset-wide failures list no sessions, so that they touch every verdict on the data.
    sessions: tuple[date, ...] = (
        () if dataset_wide else tuple(sorted({k.date() for k in keys if isinstance(k, pd.Timestamp)}))
    )
    rows = () if dataset_wide else tuple(sorted({str(k) for k in keys if not isinstance(k, pd.Timestamp)}))
    return ExpectationResult(
        name, gx_type, severity, False, columns, sessions, detail, rows, read_reasons(sentence), found, more
    )


def _names(spec: Spec, columns: _Columns, positions: list[int]) -> list[str]:
    """The name of each failing row: the spec's, or its template filled from the row's own values."""
    if not spec.name_template:
        return [spec.name] * len(positions)
    fields = [f for _, f, _, _ in Formatter().parse(spec.name_template) if f]
    values = zip(*(columns.take(f, positions) for f in fields), strict=True)
    return [spec.name_template.format(**dict(zip(fields, row, strict=True))) or spec.name for row in values]


def convert(validation: Any, batch: Batch, specs: Mapping[str, Spec]) -> dict[str, list[ExpectationResult]]:
    """Per dataset (group) of ``batch``: one result per expectation, one per name when rows fail.

    ``specs`` maps each expectation's key (``name@scope``, kept in its GX meta) to its ``Spec``.
    """
    frame = batch.frame
    columns = _Columns(frame)
    groups = list(batch.datasets)
    if batch.group_key and len(frame):
        # One conversion, not a pandas call per element of a string column (tens of thousands of rows).
        group_of = [str(g) for g in frame[batch.group_key].to_numpy(dtype=object).tolist()]
    else:
        group_of = [groups[0]] * len(frame)
    out: dict[str, list[ExpectationResult]] = {g: [] for g in groups}
    for res in validation.results:
        config = res.expectation_config
        meta = config.meta or {}
        spec = specs[f"{meta.get('name')}@{meta.get('scope')}"]
        severity = cast(Severity, str(getattr(config.severity, "value", config.severity) or spec.severity))
        error = _exception_message(res.exception_info)
        result = res.result or {}
        # Met reads the same in every dataset: one frozen result shared by all (a run of 100 000 SYNTHETIC
        # claims validated ≈18 000 share-count datasets, one per (symbol, session) until session 7: 27 -> 9 MB
        # held, 1.2 -> 0.6 s of CPU).
        met = ExpectationResult(spec.name, str(config.type), severity, True, spec.columns)
        positions = [] if res.success else _failing_positions(result, len(frame))
        by_group: dict[str, list[int]] = defaultdict(list)
        for pos in positions:
            by_group[group_of[pos]].append(pos)
        for group in groups:
            if error or (not res.success and not positions):
                # Nothing row-specific to blame: the whole dataset fails (a missing column, an error).
                facts = (Reason("not_checked", (("error", error),)),) if error else _observed(result)
                detail = "; ".join(f.english() for f in facts)
                out[group].append(
                    ExpectationResult(
                        spec.name, str(config.type), severity, False, spec.columns, (), detail, facts=facts
                    )
                )
                continue
            failing = by_group.get(group, [])
            if not failing:
                out[group].append(met)
                continue
            named: dict[str, list[int]] = defaultdict(list)
            for pos, name in zip(failing, _names(spec, columns, failing), strict=True):
                named[name].append(pos)
            for name, rows in named.items():
                out[group].append(_failed(spec, name, str(config.type), severity, rows, batch, group, columns))
    return out
