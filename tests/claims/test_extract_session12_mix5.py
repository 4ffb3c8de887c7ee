"""Classes of reading fixed in session 12 of issue 14 by read13mix5, found in six dev articles in everyday desk styles
written before their writer read the rules (invented sentences here, not the blind sets'): a listing said by its kind
of share ("The ADRs were down …", "its ADRs") refers back to the company named before, not to a name after a
preposition later in its sentence ("on reports about a possible tie-up with Intel")."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

CASES = {
    "'The ADRs' refer back to the company named before, not to a name after a preposition": (
        "Taiwan Semiconductor had a wild ride. The ADRs were down as much as 3.3% at one point on Tuesday on reports "
        "about a possible tie-up with Intel, but they closed up 0.4%.",
        "2025-02-11T16:25:00-05:00",
        [("TSM", 3.3, d("2025-02-11")), ("TSM", 0.4, d("2025-02-11"))],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_class_of_the_mix5_round_is_read_with_its_company_and_days(case: str) -> None:
    text, published, want = CASES[case]
    assert read(text, published) == want
