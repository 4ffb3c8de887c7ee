"""Read a claim file (YAML or JSON) into validated models, with errors a person can act on.

Claim files come from people and from other programs, so reading one is bounded before anything is
validated: its size (``max_bytes``, from ``max_claims``), the number of claims, how deeply it nests and how
far its YAML aliases expand (a few hundred bytes of ``&a [*b, *b, …]`` can stand for billions of values).
Error messages quote at most a short excerpt of what was read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from marketfact.claims.model import ClaimFile
from marketfact.claims.store import COMPACT_ABOVE, compact_file

MAX_CLAIMS = 100_000
"""Claims a file may hold unless the caller allows more (``marketfact check --max-claims``)."""

BYTES_PER_CLAIM = 600
"""File size allowed per claim: the benchmark's claims take ≈190 bytes each, the seed file's ≈330."""

MIN_MAX_BYTES = 8 * 1024 * 1024
"""A file of few claims may still carry long quotes: no limit below this many bytes."""

NODES_PER_CLAIM = 200
"""YAML values (after alias expansion) allowed per claim: a claim with every field and a long note list
has about 40."""

MAX_DEPTH = 64
"""Nesting allowed in a claim file: the schema needs 4 levels (claims → claim → sessions → date)."""

MAX_PROBLEMS = 20
"""Validation problems listed in one error; the rest are counted."""

EXCERPT_CHARS = 60
"""At most this much of the input is quoted back in a message."""


class ClaimFileError(Exception):
    """A claim file could not be read; the message names the file, the claim and the field.

    ``problems`` holds one line per problem (at most ``MAX_PROBLEMS``, then a count of the rest).
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]

    @property
    def first_line(self) -> str:
        """The first problem, with a count of the others: the one line a terminal shows."""
        more = len(self.problems) - 1
        first = " ".join(self.problems[0].split())
        return first if more <= 0 else f"{first} (and {more} more problem{'s' if more != 1 else ''})"


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters: never echo a whole input back."""
    if isinstance(value, list | tuple | dict) and len(value) > limit:
        return f"<{type(value).__name__} of {len(value)} items>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def max_bytes(max_claims: int) -> int:
    """The largest claim file accepted when up to ``max_claims`` claims are allowed."""
    return max(MIN_MAX_BYTES, max_claims * BYTES_PER_CLAIM)


def _where(data: Any, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into "claim 'nvda-mon', field 'hedge'"."""
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        claims = data.get("claims") if isinstance(data, dict) else None
        item = claims[loc[1]] if isinstance(claims, list) and loc[1] < len(claims) else None
        cid = item.get("id") if isinstance(item, dict) else None
        name = f"claim {excerpt(cid, 40)}" if isinstance(cid, str) and cid else f"claim #{loc[1] + 1}"
        rest = ".".join(str(p) for p in loc[2:])
        return f"{name}, field {rest!r}" if rest else name
    return "field " + repr(".".join(str(p) for p in loc)) if loc else "top level"


def parse_claims(data: Any, origin: str = "<data>") -> ClaimFile:
    """Validate already-parsed data; raise ``ClaimFileError`` listing the problems (the first ``MAX_PROBLEMS``)."""
    try:
        return ClaimFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False)
        lines = [
            f"{origin}: {_where(data, tuple(err['loc']))}: {err['msg'][:300]}"
            + (f" (got {excerpt(err['input'])})" if err["type"] == "extra_forbidden" else "")
            for err in errors[:MAX_PROBLEMS]
        ]
        if len(errors) > MAX_PROBLEMS:
            lines.append(f"{origin}: … and {len(errors) - MAX_PROBLEMS} more problems")
        raise ClaimFileError("\n".join(lines), lines) from None
    except RecursionError:
        raise ClaimFileError(f"{origin}: not a claim file: it nests deeper than a claim file can") from None


def _expanded_nodes(root: yaml.Node, limit: int) -> int:
    """How many values the YAML document stands for once its aliases are expanded (stops past ``limit``).

    An alias is a reference to a node composed once, so ``[*a, *a]`` costs nothing to compose but twice
    ``a`` to validate: sizes are summed per node, each node's size computed once, depth-first without
    recursion. Nesting deeper than ``MAX_DEPTH`` or an alias inside the node it names raises RecursionError.
    """

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        return []

    sizes: dict[int, int] = {}
    open_nodes: set[int] = {id(root)}
    stack = [(root, iter(children(root)))]
    while stack:
        node, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            open_nodes.discard(id(node))
            size = 1 + sum(sizes[id(c)] for c in children(node))
            if size > limit:
                return size
            sizes[id(node)] = size
        elif id(child) in open_nodes:
            raise RecursionError("an alias inside the node it names")
        elif id(child) not in sizes:
            if len(stack) >= MAX_DEPTH:
                raise RecursionError("nested too deeply")
            open_nodes.add(id(child))
            stack.append((child, iter(children(child))))
    return sizes[id(root)]


def _load_yaml(text: str, node_limit: int) -> Any:
    """YAML through libyaml (C, when installed) with alias expansion and nesting bounded before construction."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        if _expanded_nodes(root, node_limit) > node_limit:
            raise _TooLarge
        return loader.construct_document(root)
    finally:
        loader.dispose()


class _TooLarge(Exception):
    """The document stands for more values than allowed (aliases expanded)."""


_KEPT: dict[tuple[object, ...], ClaimFile] = {}
"""The one claim file ``load_claims(keep=True)`` read, until the next load of the same unchanged file takes it."""


def _identity(path: Path, max_claims: int) -> tuple[object, ...] | None:
    """What makes two reads of ``path`` the same read: the file (device, inode), its size and time, the limit."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, max_claims)


def load_claims(path: Path, max_claims: int = MAX_CLAIMS, *, keep: bool = False) -> ClaimFile:
    """Read and validate a claim file (``.yaml``, ``.yml`` or ``.json``) of at most ``max_claims`` claims.

    ``keep``: the command reads the file to fail fast, before Prefect starts; the flow then loads it again in
    the same process. Kept, the parsed file is handed to that next load (of the same path, unchanged: same
    inode, size and modification time) instead of parsing it twice (issue 20.9: a 50 MB file took minutes
    per parse); the hand-over empties the store, so nothing is held after the run.
    """
    path = Path(path)
    identity = _identity(path, max_claims)
    if identity is not None and identity in _KEPT:
        return _KEPT.pop(identity)
    claims = _load_claims(path, max_claims)
    _KEPT.clear()
    if keep and identity is not None and identity == _identity(path, max_claims):
        _KEPT[identity] = claims
    return claims


def forget_kept() -> None:
    """Drop what ``load_claims(keep=True)`` kept (a run that will not load the file again as a whole)."""
    _KEPT.clear()


def _load_claims(path: Path, max_claims: int) -> ClaimFile:
    limit = max_bytes(max_claims)
    hint = "if it is meant to be this large, allow more with --max-claims"
    try:
        if path.is_dir():
            raise ClaimFileError(f"{path}: is a folder, not a claim file")
        size = path.stat().st_size
        if size > limit:
            raise ClaimFileError(
                f"{path}: {size / 1e6:.1f} MB is larger than a claim file of {max_claims} claims may be "
                f"({limit / 1e6:.1f} MB); {hint}"
            )
        with path.open(encoding="utf-8") as handle:
            text = handle.read(limit + 1)
    except FileNotFoundError:
        raise ClaimFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimFileError(f"{path}: cannot read it as UTF-8 text ({_reason(exc)})") from None
    if len(text) > limit:  # a file that grew, or a device: bounded all the same
        raise ClaimFileError(f"{path}: larger than a claim file of {max_claims} claims may be; {hint}")
    if "\x00" in text:
        raise ClaimFileError(f"{path}: holds a NUL character: not a text file")
    data = _parse_text(path, text, max_claims)
    if not isinstance(data, dict):
        raise ClaimFileError(f"{path}: expected a mapping with a 'claims' list at the top level")
    claims = data.get("claims")
    if isinstance(claims, list) and len(claims) > max_claims:
        raise ClaimFileError(f"{path}: {len(claims)} claims, more than the {max_claims} allowed; {hint}")
    if isinstance(claims, list) and len(claims) > COMPACT_ABOVE:
        compact = compact_file(data)  # empties data's claim list as it goes
        if compact is not None:
            return compact
        data = _parse_text(path, text, max_claims)  # not valid: validated whole, for the same messages
    return parse_claims(data, str(path))


def _parse_text(path: Path, text: str, max_claims: int) -> Any:
    """The claim file's text as JSON or YAML data, bounded (``MAX_DEPTH``, ``NODES_PER_CLAIM``)."""
    kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
    try:
        return json.loads(text) if kind == "JSON" else _load_yaml(text, max_claims * NODES_PER_CLAIM)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ClaimFileError(f"{path}: not valid {kind}: {' '.join(str(exc).split())[:200]}") from None
    except RecursionError:
        raise ClaimFileError(
            f"{path}: not a claim file: it nests too deeply (over {MAX_DEPTH} levels) or an alias refers to itself"
        ) from None
    except _TooLarge:
        raise ClaimFileError(
            f"{path}: not a claim file: its aliases expand to more than {max_claims * NODES_PER_CLAIM} values "
            f"({NODES_PER_CLAIM} per claim allowed)"
        ) from None


def _reason(exc: BaseException) -> str:
    """An OS or decoding error in a few words."""
    if isinstance(exc, UnicodeDecodeError):
        return f"byte {exc.object[exc.start : exc.start + 1]!r} at offset {exc.start} is not UTF-8"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)[:200]
