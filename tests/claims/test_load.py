"""Claim files: the seed loads; every mistake names the file, the claim and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from marketfact.claims.load import ClaimFileError, load_claims

GOOD = """
article: {published_at: 2025-01-29T07:00:00+01:00}
claims:
  - id: one
    text: Nvidia fell 17 %.
    subject: Nvidia
    instrument: NVDA
    metric: close_change
    sessions: [2025-01-27]
    direction: down
    value: 17
"""


def write(tmp_path: Path, text: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_file_has_five_claims(seed_claims) -> None:  # type: ignore[no-untyped-def]
    assert [c.id for c in seed_claims.claims] == [
        "nvda-monday-plunge",
        "nvda-tuesday-rebound",
        "nvda-market-value-at-times",
        "siemens-energy-monday",
        "advantest-two-days",
    ]
    money = seed_claims.claims[2]
    assert (money.unit, money.currency, money.scale_factor) == ("money", "EUR", 1e9)
    assert money.hedge_reading.words == ("zeitweise", "über")


def test_claims_inherit_article_publication_time(tmp_path: Path) -> None:
    claim = load_claims(write(tmp_path, GOOD)).claims[0]
    assert claim.published_at is not None
    assert claim.published_at.isoformat() == "2025-01-29T07:00:00+01:00"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("value: 17", "value: 17\n    colour: red"), "claim 'one', field 'colour': Extra inputs are not permitted"),
        (("value: 17", "value: 17\n    hedge: vielleicht"), "unknown hedge word 'vielleicht'"),
        (("metric: close_change", "metric: close_move"), "claim 'one', field 'metric'"),
        (("direction: down", "direction: sideways"), "claim 'one', field 'direction'"),
        (("value: 17", "value: -17"), "state the magnitude as a positive number"),
        (("value: 17", "value: 17\n    range: [1, 2]"), "give exactly one of value or range"),
        (("sessions: [2025-01-27]", "sessions: [2025-01-28, 2025-01-27]"), "sessions must be in order"),
        (("metric: close_change", "metric: market_cap_change"), "a market_cap_change claim is in money"),
        (("id: one", "id: 'bad id!'"), "field 'id'"),
    ],
)
def test_errors_name_file_claim_and_field(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ClaimFileError) as err:
        load_claims(path)
    assert str(path) in str(err.value)
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("claims: [", "not valid YAML"),
        ("- just a list", "expected a mapping"),
        ("claims: []", "field 'claims'"),
        (GOOD + GOOD.split("claims:")[1], "appears twice"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ClaimFileError, match=expected):
        load_claims(write(tmp_path, text))


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ClaimFileError, match="no such file"):
        load_claims(tmp_path / "absent.yaml")
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ClaimFileError, match="UTF-8"):
        load_claims(binary)


def test_json_claim_file(tmp_path: Path) -> None:
    import json

    import yaml

    data = yaml.safe_load(GOOD)
    data["article"]["published_at"] = "2025-01-29T07:00:00+01:00"
    data["claims"][0]["sessions"] = ["2025-01-27"]
    path = write(tmp_path, json.dumps(data), "claims.json")
    assert load_claims(path).claims[0].instrument == "NVDA"
