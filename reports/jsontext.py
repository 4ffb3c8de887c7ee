"""JSON text indented by two spaces, exactly as ``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)``.

The standard library encodes indented JSON in pure Python, through a generator per nested value; its C
encoder handles only compact output. A 1 000-claim report holds about 1.7 million values, and that
generator chain cost more than building the report itself. This encoder writes the same text into a
list (strings still go through the C ``encode_basestring``), about three times faster. Anything it does
not expect (a non-string key, a value that is not plain JSON data) is handed to ``json.dumps`` itself,
so the text is the standard library's in every case; tests compare the two on generated data.

``iter_indented`` gives the same text in pieces, encoding the items of a ``LazyList`` one at a time: a
100 000-claim report is written claim by claim instead of as one dict and one string of a gigabyte. An
``Encoded`` value is text encoded once and placed wherever it occurs: a value repeated thousands of times
(the same expectation result in every validation) is encoded once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # the C function when available
from typing import Any

INDENT = "  "


class _Unusual(Exception):
    """A value the fast path does not handle; the caller falls back to ``json.dumps``."""


@dataclass(frozen=True, slots=True)
class Encoded:
    """A value as ``dumps_indented`` encodes it at level 0; the encoders put it in place, re-indented."""

    text: str

    @classmethod
    def of(cls, data: Any) -> Encoded:
        """``data`` encoded."""
        return cls(dumps_indented(data))


def _decoded(value: Any) -> Any:
    """``json.dumps``'s ``default``: an ``Encoded`` value as data again, anything else refused as json does."""
    if isinstance(value, Encoded):
        return json.loads(value.text)  # floats, ints and strings come back as they were: same text again
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _float(value: float) -> str:
    if math.isfinite(value):
        return float.__repr__(value)
    raise _Unusual  # json.dumps raises its own ValueError for NaN and infinities


def _scalar(value: Any) -> str | None:
    """The text of a plain scalar, or None for anything else (containers, subclasses, other types)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # type: ignore[no-any-return]
    if kind is float:
        return _float(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    return None


def _container(value: Any, out: list[str], newline: str) -> None:
    """Append a list, tuple or dict at the indentation ``newline`` ends with."""
    inner = newline + INDENT
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str and not isinstance(key, str):
                raise _Unusual
            text = _scalar(item)
            if text is not None:  # most values: one piece of text for the key and the value
                out.append(f"{separator}{encode_basestring(key)}: {text}")
            else:
                out.append(f"{separator}{encode_basestring(key)}: ")
                _value(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
        return
    if not value:
        out.append("[]")
        return
    separator = "[" + inner
    for item in value:
        text = _scalar(item)
        if text is not None:
            out.append(separator + text)
        else:
            out.append(separator)
            _value(item, out, inner)
        separator = "," + inner
    out.append(newline + "]")


def _value(value: Any, out: list[str], newline: str) -> None:
    """Append one value; the order of the checks is the standard library's (a bool is not an int here)."""
    text = _scalar(value)
    if text is not None:
        out.append(text)
    elif type(value) in (dict, list, tuple):
        _container(value, out, newline)
    elif type(value) is Encoded:
        out.append(value.text.replace("\n", newline))
    elif isinstance(value, str):  # subclasses (a StrEnum) as json treats them: by their str value
        out.append(encode_basestring(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):  # numpy's float64 is one
        out.append(_float(value))
    elif isinstance(value, list | tuple | dict):
        _container(value, out, newline)
    else:
        raise _Unusual


def dumps_indented(data: Any, *, level: int = 0) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)``, faster on large reports.

    ``level`` gives the text as it stands nested that many levels deep in an indented document: every
    line after the first is indented by ``level`` more steps (JSON strings hold no raw newline).
    """
    newline = "\n" + INDENT * level
    out: list[str] = []
    try:
        _value(data, out, newline)
    except (_Unusual, RecursionError):  # json.dumps gives its own answer: text, or its error
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False, default=_decoded)
        return text.replace("\n", newline) if level else text
    return "".join(out)


@dataclass(frozen=True, slots=True)
class LazyList:
    """A JSON array whose items ``iter_indented`` encodes one at a time, as the iterable yields them."""

    items: Iterable[Any]


def iter_indented(data: Mapping[str, Any]) -> Iterator[str]:
    """The text of ``dumps_indented(data)`` in pieces; a ``LazyList`` value is encoded item by item.

    Only ``data``'s own values may be a ``LazyList`` (the text is the same as with a list in its place),
    and its keys must be strings. No piece holds more than one top-level value or one item of a list.
    """
    if not data:
        yield "{}"
        return
    separator = "{\n" + INDENT
    for key, value in data.items():
        if not isinstance(key, str):
            raise TypeError(f"keys must be str, not {type(key).__name__}")
        name = f"{separator}{encode_basestring(key)}: "
        separator = ",\n" + INDENT
        if not isinstance(value, LazyList):
            yield name + dumps_indented(value, level=1)
            continue
        opening, empty = name + "[\n" + INDENT * 2, True
        for item in value.items:
            yield opening + dumps_indented(item, level=2)
            opening, empty = ",\n" + INDENT * 2, False
        yield name + "[]" if empty else "\n" + INDENT + "]"
    yield "\n}"
