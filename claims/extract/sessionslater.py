"""A move told a count of sessions after the day told before: "Two sessions later, the stock was up 5.2%", "Three
trading days after that, Oracle slipped 0.4%", "Zwei Handelstage später …". ``claims.extract.periodof`` puts it that
many sessions after that day, as it puts "the following day" one session after it."""

from __future__ import annotations

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5,
          "zwei": 2, "drei": 3, "vier": 4, "fünf": 5}  # fmt: skip
"""The counts a phrase may open with."""

_EN = ("sessions later", "trading days later", "trading sessions later", "sessions after that",
       "trading days after that", "trading sessions after that")  # fmt: skip
_DE = ("handelstage später", "handelstage darauf", "sitzungen später", "börsentage später")
PHRASES = {
    lang: tuple(sorted(((n, *tail.split()) for n in COUNTS for tail in tails if n.isdigit() or n in words), key=len))[
        ::-1
    ]
    for lang, tails, words in (
        ("en", _EN, {"two", "three", "four", "five"}),
        ("de", _DE, {"zwei", "drei", "vier", "fünf"}),
    )
}
"""Lowercased phrases, longest first, as ``periodof.find_phrase`` wants them."""


def count(words: str) -> int:
    """The number of sessions a phrase of ``PHRASES`` counts: "Two sessions later" → 2."""
    return COUNTS[words.split()[0].lower()]
