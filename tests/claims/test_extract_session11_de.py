"""Classes of German reading fixed in session 11 of issue 14 (invented sentences, not the blind sets'), by read12de:
before any claim about a company, "die Aktie" or "das Papier" out of reach of a name is the only company the article
named (a title, a reader's question) when it named only one; with two it stays no claim."""

from __future__ import annotations

import pytest

from tests.claims.extracted import d, read

_INTRO = (
    "Im Blick: {names}\n\nDer Konzern liefert Netzteile für Rechenzentren. Der Chef gilt als vorsichtig. Neue Werke "
    "sind geplant. Die Kunden warten.\n\nAm Montag fiel die Aktie um 2,8 Prozent."
)


@pytest.mark.parametrize(
    ("names", "want"),
    [
        ("Was ist los bei Vistra?", [("VST", 2.8, d("2025-02-10"))]),
        ("Vistra und Constellation Energy im Vergleich", []),
    ],
)
def test_the_only_company_the_article_named_is_that_of_a_reference_out_of_reach(names: str, want: list) -> None:
    assert read(_INTRO.format(names=names), "2025-02-12T08:00:00+01:00") == want
