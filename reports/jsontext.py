"""JSON text indented by two spaces, exactly as ``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)``.

The standard library encodes indented JSON in pure Python, through a generator per nested value; its C
encoder handles only compact output. A 1 000-claim report holds about 1.7 million values, and that
generator chain cost more than building the report itself. This encoder writes the same text into a
list (strings still go through the C ``encode_basestring``), about three times faster. Anything it does
not expect (a non-string key, a value that is not plain JSON data) is handed to ``json.dumps`` itself,
so the text is the standard library's in every case; tests compare the two on generated data.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # the C function when available
from typing import Any

INDENT = "  "


class _Unusual(Exception):
    """A value the fast path does not handle; the caller falls back to ``json.dumps``."""


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


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)``, faster on large reports."""
    out: list[str] = []
    try:
        _value(data, out, "\n")
    except (_Unusual, RecursionError):  # json.dumps gives its own answer: text, or its error
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)
