"""A large claim file kept compact: one tuple of field values per claim, ``Claim`` models built on access.

A validated ``Claim`` model takes ≈2.4 KB (its ``__dict__`` of 27 fields is most of it); 100 000 of them
stayed resident through a whole run although a run reads every claim's fields only while planning and the
full model only for the cards its page shows (issue 18). Above ``COMPACT_ABOVE`` claims, ``load_claims``
validates the claims in chunks of ``CHUNK`` with the very same models (same rules), keeps each claim as a
``ClaimRow`` (a named tuple of the model's fields, ≈0.3 KB) and drops the model. A file with any problem is
validated again whole by ``claims.load.parse_claims``, so its error messages are exactly those of a small file.

``ClaimStore`` is a ``Sequence[Claim]``: indexing or iterating builds an equal ``Claim`` (no validation:
the values are the validated ones) each time; code that reads fields of every claim reads ``rows``.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, overload

from pydantic import ValidationError

from marketfact.claims.model import Claim, ClaimFile

COMPACT_ABOVE = 2_000
"""Files of more claims are kept as a ``ClaimStore`` (the same size above which a run keeps its verdicts
columnar, ``checks.columnar.LAZY_ABOVE``); smaller ones stay a list of models, as before."""

CHUNK = 1_000
"""Claims validated as models at once: the models of one chunk exist at a time."""

FIELDS: tuple[str, ...] = tuple(Claim.model_fields)

ClaimRow = NamedTuple("ClaimRow", [(name, Any) for name in FIELDS])  # type: ignore[misc]
"""One claim's validated field values, by the field names of ``Claim`` (attribute access as on a model)."""

_SHARED = ("subject", "instrument", "period", "value_text", "hedge", "currency", "source_url")
"""Fields whose values repeat across claims: one object per distinct value is kept, not one per claim."""


class ClaimStore(Sequence[Claim]):
    """Claims as ``ClaimRow`` tuples; ``store[i]`` is the ``Claim`` a list would hold there (built each time)."""

    __slots__ = ("_given", "_index", "_sets", "rows")

    def __init__(self, rows: list[Any], given: array[int], sets: list[set[str]]) -> None:
        self.rows: list[Any] = rows  # ClaimRow per claim, in the file's order
        self._given = given  # per claim, which of ``_sets`` holds the fields the file gave
        self._sets = sets
        self._index: _ById | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Claim: ...
    @overload
    def __getitem__(self, index: slice) -> list[Claim]: ...
    def __getitem__(self, index: int | slice) -> Claim | list[Claim]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.rows)))]
        row = self.rows[index]
        given = self._sets[self._given[index]]
        return Claim.model_construct(_fields_set=given, **row._asdict())

    def __iter__(self) -> Iterator[Claim]:
        return (self[i] for i in range(len(self.rows)))

    def by_id(self) -> Mapping[str, Claim]:
        """Claims by id (the first of a repeated id), each built when looked up.

        The positions by id are found once per store and kept: the page, ``report.json`` and the flow's events
        each asked for them, a walk of every claim each time (≈0.04 s at 100 000 SYNTHETIC claims).
        """
        if self._index is None:
            self._index = _ById(self)
        return self._index


class _ById(Mapping[str, Claim]):
    """``ClaimStore.by_id``: positions by id; a ``Claim`` is built per look-up."""

    def __init__(self, store: ClaimStore) -> None:
        self._store = store
        self._at: dict[str, int] = {}
        for i, row in enumerate(store.rows):
            self._at.setdefault(row.id, i)

    def __getitem__(self, claim_id: str) -> Claim:
        return self._store[self._at[claim_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def rows_of(claims: Sequence[Claim]) -> Sequence[Any]:
    """What to read every claim's fields from: a store's rows (no models built), else the claims themselves."""
    return claims.rows if isinstance(claims, ClaimStore) else claims


def by_id(claims: Sequence[Claim]) -> Mapping[str, Claim]:
    """Claims by id: built on look-up for a store, a dict otherwise (the last of a repeated id, as before)."""
    return claims.by_id() if isinstance(claims, ClaimStore) else {c.id: c for c in claims}


def kept(claims: Sequence[Claim]) -> Sequence[Claim]:
    """The claims as a run keeps them: a store as it is, anything else as a tuple."""
    return claims if isinstance(claims, ClaimStore) else tuple(claims)


def compact_file(data: dict[str, Any]) -> ClaimFile | None:
    """``data`` validated chunk by chunk into a ``ClaimFile`` holding a ``ClaimStore``; None at any problem.

    ``data["claims"]`` (a list) is emptied as it is read: each chunk's dicts are dropped once validated.
    None means the file is not valid (a problem in a chunk, or an id repeated across chunks): the caller
    validates it again whole, for the messages.
    """
    collecting = gc.isenabled()
    gc.disable()  # the rows hold lists, so each would be traversed again by every collection: +30 % CPU
    try:
        return _compact(data)
    finally:
        if collecting:
            gc.enable()


def _compact(data: dict[str, Any]) -> ClaimFile | None:
    items: list[Any] = data["claims"]
    head = {key: value for key, value in data.items() if key != "claims"}
    rows: list[Any] = []
    given: array[int] = array("H")
    sets: list[set[str]] = []
    set_at: dict[int, int] = {}  # by the set's identity: the sets live in ``sets`` meanwhile
    shared: dict[Any, Any] = {}
    positions = [FIELDS.index(name) for name in _SHARED]
    when = FIELDS.index("published_at")
    seen: set[str] = set()
    article = None
    for start in range(0, len(items), CHUNK):
        try:
            part = ClaimFile.model_validate({**head, "claims": items[start : start + CHUNK]})
        except (ValidationError, RecursionError):
            return None
        article = part.article
        for claim in part.claims:
            if claim.id in seen:
                return None
            seen.add(claim.id)
            values = list(claim.__dict__.values())
            for k in positions:
                value = values[k]
                if value is not None:
                    values[k] = shared.setdefault(value, value)
            if (at := values[when]) is not None:  # equal instants in other offsets are not the same value
                values[when] = shared.setdefault((at, at.utcoffset()), at)
            rows.append(ClaimRow._make(values))
            fields_set = claim.__pydantic_fields_set__  # shared by the claims that gave the same fields
            key = id(fields_set)
            if key not in set_at:
                set_at[key] = len(sets)
                sets.append(fields_set)
            given.append(set_at[key])
        items[start : start + CHUNK] = [None] * len(part.claims)
    present: set[str] = {name for name in ("article", "claims") if name in data}
    return ClaimFile.model_construct(_fields_set=present, article=article, claims=ClaimStore(rows, given, sets))
