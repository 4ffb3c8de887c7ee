"""Tell German from English (and both from other languages) by counting function words.

No model, no download: articles are long enough that the share of "der/die/und" against
"the/and/of" decides, and a handful of French, Spanish, Italian and Dutch function words lets the
error say which language it saw instead of guessing German or English.
"""

from __future__ import annotations

import re
from collections import Counter

from marketfact.claims.extract.inputs import UnsupportedLanguageError

SUPPORTED = ("de", "en")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": _words(
        "der die das und ist nicht mit von den dem des ein eine einen auf für sich im zu am auch nach bei um "
        "wie aus sind wurde hat haben noch nur über als oder aber wird vom zum zur dass weil während"
    ),
    "en": _words(
        "the and of to is was were with that for on from by its it as at are has have had this which but "
        "after while than their be been shares percent"
    ),
    "fr": _words("le la les et des est une du pour dans sur au aux qui que pas ont selon cette leur"),
    "es": _words("el los las y del una por con para que se su sus como más según fue"),
    "it": _words("il lo gli e della delle dei che per con una sono è nel nella anche più"),
    "nl": _words("het een en van op voor niet met zijn werd naar dat ook bij"),
}
_NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch"}
_MIN_HITS = 3
"""Fewer function words than this and the text is too short (or too odd) to tell."""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def language_scores(text: str) -> Counter[str]:
    """How many function words of each language ``text`` holds."""
    scores: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold()):
        for lang, words in FUNCTION_WORDS.items():
            if word in words:
                scores[lang] += 1
    return scores


def detect_language(text: str) -> str:
    """``"de"`` or ``"en"``; any other language, or too little text to tell, raises ``UnsupportedLanguageError``."""
    scores = language_scores(text)
    if not scores or scores.most_common(1)[0][1] < _MIN_HITS:
        raise UnsupportedLanguageError(
            "cannot tell the article's language from so little text; pass the language (--lang de or --lang en)"
        )
    (best, n), *rest = scores.most_common()
    runner_up = rest[0][1] if rest else 0
    if best not in SUPPORTED:
        raise UnsupportedLanguageError(
            f"the article looks {_NAMES[best]} ({n} {_NAMES[best]} function words against "
            f"{scores['de']} German and {scores['en']} English); marketfact extracts claims from German and "
            "English text only"
        )
    if runner_up and n < 1.2 * runner_up:
        other = next(lang for lang, k in rest if k == runner_up)
        raise UnsupportedLanguageError(
            f"the article mixes {_NAMES[best]} and {_NAMES[other]} ({n} against {runner_up} function words); "
            "pass the language (--lang de or --lang en)"
        )
    return best


def choose_language(text: str, lang: str) -> str:
    """The language to read ``text`` in: ``lang`` itself, or the detected one for ``"auto"``."""
    key = (lang or "auto").strip().lower()
    if key == "auto":
        return detect_language(text)
    if key not in SUPPORTED:
        raise UnsupportedLanguageError(f"language {lang!r} is not supported; use 'de', 'en' or 'auto'")
    return key
