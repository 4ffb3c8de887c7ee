"""Read a claim file (YAML or JSON) into validated models, with errors a person can act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from marketfact.claims.bulk import gc_paused
from marketfact.claims.model import ClaimFile

LONG_LIVED_CHARS = 10_000_000
"""A claim file this large (≈35 000 claims) is frozen out of the garbage collector's sight once loaded
(``claims.bulk``): its claims live as long as the run, and a collection pass over 100 000 of them costs
≈0.4 s each time, more than the collection that precedes the freeze."""


class ClaimFileError(Exception):
    """A claim file could not be read; the message names the file, the claim and the field."""


def _where(data: Any, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into "claim 'nvda-mon', field 'hedge'"."""
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        claims = data.get("claims") if isinstance(data, dict) else None
        item = claims[loc[1]] if isinstance(claims, list) and loc[1] < len(claims) else None
        cid = item.get("id") if isinstance(item, dict) else None
        name = f"claim {cid!r}" if cid else f"claim #{loc[1] + 1}"
        rest = ".".join(str(p) for p in loc[2:])
        return f"{name}, field {rest!r}" if rest else name
    return "field " + repr(".".join(str(p) for p in loc)) if loc else "top level"


def parse_claims(data: Any, origin: str = "<data>") -> ClaimFile:
    """Validate already-parsed data; raise ``ClaimFileError`` listing every problem."""
    try:
        return ClaimFile.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{origin}: {_where(data, tuple(err['loc']))}: {err['msg']}"
            + (f" (got {err['input']!r})" if err["type"] == "extra_forbidden" else "")
            for err in exc.errors()
        ]
        raise ClaimFileError("\n".join(lines)) from None


def load_claims(path: Path) -> ClaimFile:
    """Read and validate a claim file (``.yaml``, ``.yml`` or ``.json``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClaimFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimFileError(f"{path}: cannot read it as UTF-8 text ({exc})") from None
    with gc_paused(long_lived=len(text) >= LONG_LIVED_CHARS):  # see claims.bulk
        try:
            data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        except (yaml.YAMLError, json.JSONDecodeError) as exc:
            raise ClaimFileError(f"{path}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}") from None
        if not isinstance(data, dict):
            raise ClaimFileError(f"{path}: expected a mapping with a 'claims' list at the top level")
        return parse_claims(data, str(path))
