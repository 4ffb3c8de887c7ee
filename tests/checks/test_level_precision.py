"""A level stated exactly is judged by its stated precision, cut or rounded (#17): news writes the Nikkei's
close of 39,016.87 on 28 Jan 2025 (market/data/prices/^N225.csv) as "bei 39.016 Punkten"."""

from __future__ import annotations

import pytest

from marketfact.checks.run import run_in_process
from marketfact.claims.load import parse_claims
from marketfact.claims.terms import ClaimColumns, claim_terms, term_columns
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource


def _claims(*values: tuple[str, str, str | None]):  # type: ignore[no-untyped-def]
    rows = [
        {"id": cid, "text": f"Nikkei 225 at {value}", "subject": "Nikkei 225", "instrument": "^N225",
         "metric": "close_level", "unit": "points", "value": value, "sessions": ["2025-01-28"],
         **({"hedge": hedge} if hedge else {})}
        for cid, value, hedge in values
    ]  # fmt: skip
    return parse_claims({"claims": rows}, "test")


@pytest.mark.parametrize(
    ("value", "hedge", "label"),
    [
        ("39016", None, "CORRECT"),  # cut to whole points
        ("39017", None, "CORRECT"),  # rounded
        ("39016.87", None, "CORRECT"),
        ("39016.8", None, "CORRECT"),  # cut to one decimal
        ("39015", None, "MOSTLY_CORRECT"),  # one point short: the last digit's near miss
        ("39016.5", None, "MOSTLY_CORRECT"),  # stated to a tenth: cut gives 39016.8
        ("39000", "rund", "CORRECT"),
    ],
)
def test_a_level_is_correct_within_its_stated_digits_cut_or_rounded(
    snapshot, value: str, hedge: str | None, label: str
) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(("n225", value, hedge))
    report = run_in_process(claims, snapshot, snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource())
    assert [v.label.value for v in report.verdicts] == [label]


def test_the_table_of_many_claims_cuts_levels_as_one_claim_does() -> None:
    claims = _claims(("a", "39016", None), ("b", "39016", "rund"), ("c", "39.5", None)).claims
    bulk = term_columns(claims, ClaimColumns.of(claims))
    one = [claim_terms(c) for c in claims]
    assert one[0][1:3] == (39015.5, 39017.0)  # [39015.5, 39017): rounded or cut
    assert one[2][1:3] == (39.45, 39.6)
    assert bulk["lo"].tolist() == [t[1] for t in one]
    assert bulk["hi"].tolist() == [t[2] for t in one]
