"""What a validation keeps in memory: the same values in less of it (docs/scale.md, memory per step)."""

from __future__ import annotations

import pandas as pd

from marketfact.checks.quality.gxsession import plain_strings


def test_plain_strings_are_what_astype_object_gives_with_one_object_per_text() -> None:
    frame = pd.DataFrame({"symbol": ["VST", None, "SAP.DE", "VST"], "n": [1, 2, 3, 4]})
    frame["ext"] = pd.array(["EUR", None, "EUR", "USD"], dtype="string")  # pd.NA as its missing value
    expected = frame.astype({c: object for c, t in frame.dtypes.items() if isinstance(t, pd.StringDtype)})
    plain = plain_strings(frame)
    pd.testing.assert_frame_equal(plain, expected)
    assert plain["symbol"].iloc[0] is plain["symbol"].iloc[3]  # one Python string per distinct text
    numbers = frame[["n"]]
    assert plain_strings(numbers) is numbers  # nothing to convert: the frame itself
    empty = plain_strings(pd.DataFrame({"s": pd.Series([], dtype="str")}))
    assert empty["s"].dtype == object
    assert empty.empty


def test_a_validation_leaves_no_frame_in_gx(quality_run) -> None:  # type: ignore[no-untyped-def]
    quality_run.validate_claims([])
    engine = quality_run.session.source.execution_engine
    assert engine.batch_manager.batch_data_cache == {}
    assert not engine.batch_manager.batch_cache
