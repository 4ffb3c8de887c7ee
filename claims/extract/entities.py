"""Company and index names in text → listings, through a shipped alias table a user file can extend.

``AliasTable.mentions`` finds every known name in a stretch of text (with its offsets); ``lookup``
answers for one name: resolved to a listing, ambiguous (with its candidates), unlisted (DeepSeek), or
unknown (with near names and, when asked for, the candidates of an online search). Nothing is guessed:
an ambiguous or unknown name comes back with candidates for a person to choose from.

The online fallback is a ``Searcher``: a function from a name to Yahoo-style quote dicts (``symbol``,
``longname``/``shortname``, ``quoteType``, ``exchange``). ``claims.extract.search.yahoo_searcher`` wraps
``yfinance.Search``; tests pass a plain function.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from marketfact.claims.listingspec import ListingSpec
from marketfact.claims.readings import Candidate

SHIPPED_ALIASES = Path(__file__).resolve().parent.parent / "data" / "aliases.yaml"

Searcher = Callable[[str], Sequence[Mapping[str, Any]]]
"""Name → quotes, shaped like ``yfinance.Search(name).quotes``."""


class AliasFileError(ValueError):
    """An alias file cannot be read; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Listing:
    """One listing of a company or an index: symbol, exchange calendar, time zone, currency."""

    symbol: str
    name: str
    kind: str = "equity"
    mic: str | None = None
    timezone: str | None = None
    currency: str | None = None
    note: str = ""
    where: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """A company or index with the names it goes by; ``listing`` is the one claims are checked on."""

    listing: Listing
    names: tuple[str, ...]
    tickers: tuple[str, ...] = ()
    other_listings: tuple[Listing, ...] = ()
    exchange_sense: bool = False  # "Nasdaq" is also an exchange: "an der Nasdaq" is no index claim
    origin: str = "aliases"

    @property
    def symbol(self) -> str:
        """The listing's symbol."""
        return self.listing.symbol

    @property
    def name(self) -> str:
        """The name reports use for it."""
        return self.listing.name

    @property
    def kind(self) -> str:
        """``equity`` or ``index``."""
        return self.listing.kind


Status = Literal["resolved", "ambiguous", "unlisted", "unknown"]


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a name means: a listing, candidates to choose from, or why there is none."""

    name: str
    status: Status
    entry: AliasEntry | None = None
    candidates: tuple[Candidate, ...] = ()
    message: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A known name found in text, with its offsets and what it means."""

    start: int
    end: int
    text: str
    lookup: Lookup
    modifier: bool = False  # "Nvidia-Chef", "Dax-Konzern": the name qualifies another noun

    @property
    def entry(self) -> AliasEntry | None:
        """The resolved entry, if any."""
        return self.lookup.entry


def normalise(name: str) -> str:
    """The key a name is filed under: casefolded, hyphens as spaces, no dot or comma ending a word."""
    return " ".join(re.split(r"[\s\-]+", re.sub(r"[.,]+(?=\s|$)", "", name.casefold().strip())))


_HEADS = {
    "aktie", "aktien", "aktienkurs", "kurs", "papier", "papiere", "titel", "index", "indexes", "börsenwert",
    "marktwert", "adr", "adrs", "shares", "stock", "composite", "notierung",
}  # fmt: skip
"""Words a name may be hyphenated to and still be the subject ("Nvidia-Aktie"); others make it a modifier."""

_EXCHANGE_AFTER = re.compile(
    r"^(?:[-\s](?:listed|notiert\w*|gelistet\w*|börse|parkett|exchange|stock exchange)\b|(?-i::\s*[A-Z][A-Z.]{0,6}\b))",
    re.I,
)
"""After "Nasdaq", words of the exchange: "Nasdaq-listed", "(Nasdaq: NVDA)" before a ticker; not "Nasdaq Composite:
+0.98%", a list item's index before its figure."""


class AliasTable:
    """Names → listings, from the shipped YAML plus any user files, with an optional online searcher."""

    def __init__(
        self,
        entries: Iterable[AliasEntry],
        ambiguous: Mapping[str, tuple[Candidate, ...]] | None = None,
        unlisted: Mapping[str, str] | None = None,
        suffixes: Iterable[str] = (),
        searcher: Searcher | None = None,
    ) -> None:
        self.entries = tuple(entries)
        self.searcher = searcher
        self._by_name: dict[str, AliasEntry] = {}
        self._by_symbol: dict[str, AliasEntry] = {}
        self._tickers: dict[str, AliasEntry] = {}
        for entry in self.entries:  # later entries (a user's file) win
            self._by_symbol[entry.symbol] = entry
            for name in entry.names:
                self._by_name[normalise(name)] = entry
            for ticker in entry.tickers:
                self._tickers[ticker] = entry
        self._ambiguous = {normalise(k): v for k, v in (ambiguous or {}).items() if normalise(k) not in self._by_name}
        self._unlisted = {normalise(k): v for k, v in (unlisted or {}).items() if normalise(k) not in self._by_name}
        self.suffixes = tuple(sorted(set(suffixes), key=len, reverse=True))
        keys = sorted({*self._by_name, *self._ambiguous, *self._unlisted}, key=len, reverse=True)
        words = "|".join(r"[\s\-]+".join(re.escape(w) for w in k.split()) for k in keys) or r"(?!x)x"
        self._names_re = re.compile(rf"(?<![\w&^])(?P<core>{words})(?P<gen>['’]s|s)?(?![\w&])", re.I)
        ticks = "|".join(re.escape(t) for t in sorted(self._tickers, key=len, reverse=True)) or r"(?!x)x"
        self._tickers_re = re.compile(rf"(?<![\w&^.])(?P<core>{ticks})(?![\w&])")
        sfx = "|".join(re.escape(s) for s in self.suffixes) or r"(?!x)x"
        self._suffix_re = re.compile(rf",?[ \t]+(?:{sfx})(?![\w&])")

    # ---- building -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, *user_files: Path | str, searcher: Searcher | None = None, shipped: bool = True) -> AliasTable:
        """The shipped table (unless ``shipped`` is False) extended by ``user_files``, in order."""
        entries: list[AliasEntry] = []
        ambiguous: dict[str, tuple[Candidate, ...]] = {}
        unlisted: dict[str, str] = {}
        suffixes: list[str] = []
        for path in ([SHIPPED_ALIASES] if shipped else []) + [Path(p) for p in user_files]:
            e, a, u, s = _read_alias_file(Path(path))
            entries += e
            ambiguous |= a
            unlisted |= u
            suffixes += s
        return cls(entries, ambiguous, unlisted, suffixes, searcher)

    def by_symbol(self, symbol: str) -> AliasEntry | None:
        """The entry whose main listing is ``symbol``."""
        return self._by_symbol.get(symbol)

    # ---- one name ---------------------------------------------------------------------------------------
    def lookup(self, name: str) -> Lookup:
        """What ``name`` means (a legal suffix is ignored); online search only for names the table lacks."""
        key = normalise(name)
        key = key if key in self._by_name else self._strip_suffix(key)
        if key in self._by_name:
            return Lookup(name, "resolved", self._by_name[key])
        if key in self._ambiguous:
            cands = self._ambiguous[key]
            listed = ", ".join(f"{c.name} ({c.symbol})" for c in cands)
            return Lookup(name, "ambiguous", None, cands, f"{name!r} may mean {listed}; name the company in full")
        if key in self._unlisted:
            return Lookup(name, "unlisted", None, (), f"{name} is not listed: {self._unlisted[key]}")
        near = tuple(
            Candidate(self._by_name[k].symbol, self._by_name[k].name, "aliases", f"a near name: {k!r}")
            for k in difflib.get_close_matches(key, list(self._by_name), n=3, cutoff=0.75)
        )
        if self.searcher is None:
            return Lookup(name, "unknown", None, near, f"{name!r} is not in the alias table")
        try:
            quotes = list(self.searcher(name))
        except Exception as exc:  # the searcher is user-supplied or the network: report, never crash
            return Lookup(name, "unknown", None, near, f"{name!r} is not in the alias table; {_search_failure(exc)}")
        found = tuple(_quote_candidate(q) for q in quotes if isinstance(q, Mapping) and q.get("symbol"))
        exact = [c for c, q in zip(found, quotes, strict=False) if self._same_name(key, c.name) and _tradable(q)]
        if len(exact) == 1:
            c = exact[0]
            listing = Listing(c.symbol, c.name, note=f"found by online search ({c.detail})")
            entry = AliasEntry(listing, (name,), origin="search")
            return Lookup(name, "resolved", entry, found, f"{name!r} found by online search: {c.symbol}")
        why = "several listings match" if len(exact) > 1 else "no listing matches the name exactly"
        return Lookup(name, "unknown", None, near + found, f"{name!r} is not in the alias table; online search: {why}")

    def _strip_suffix(self, key: str) -> str:
        """``key`` without trailing legal suffixes ("arm holdings plc" → "arm")."""
        stripped = True
        while stripped:
            stripped = False
            for suffix in self.suffixes:
                tail = " " + normalise(suffix)
                if key.endswith(tail) and key[: -len(tail)].strip():
                    key, stripped = key[: -len(tail)].rstrip(",").strip(), True
                    break
        return key

    def _same_name(self, key: str, candidate: str) -> bool:
        return self._strip_suffix(normalise(re.sub(r"[.,]", " ", candidate))) == self._strip_suffix(key)

    # ---- running text ---------------------------------------------------------------------------------
    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every known name in ``text[start:end]``, left to right, longest first where two overlap."""
        end = len(text) if end is None else end
        found: list[Mention] = []
        for m in self._names_re.finditer(text, start, end):
            core = m.group("core")
            if not (core[0].isupper() or core[0].isdigit() or core[0] in "^&"):
                continue  # "oracle", "alphabet": ordinary words
            stop = m.end()
            sfx = self._suffix_re.match(text, stop, end)
            if sfx:
                stop = sfx.end()
            found.append(self._mention(text, m.start(), stop, core))
        for m in self._tickers_re.finditer(text, start, end):
            entry = self._tickers[m.group("core")]
            found.append(Mention(m.start(), m.end(), m.group(), Lookup(m.group(), "resolved", entry)))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            if mention.entry is not None and mention.entry.exchange_sense and _exchange_context(text, mention):
                continue
            kept.append(mention)
        return kept

    def _mention(self, text: str, start: int, end: int, core: str) -> Mention:
        look = replace(self.lookup(core), name=text[start:end])
        head = re.match(r"-(\w+)", text[end:])
        modifier = head is not None and head.group(1).casefold() not in _HEADS
        return Mention(start, end, text[start:end], look, modifier)


_MOVING_AFTER = re.compile(r"\s*,\s*(?:die|der|which)\s[^,.;]*\d", re.I)
"""A relative clause with a number right after the name."""


def _exchange_context(text: str, mention: Mention) -> bool:
    """Whether "Nasdaq" here names the exchange ("an der Nasdaq", "Nasdaq-listed") rather than the index."""
    before = text[max(0, mention.start - 20) : mention.start]
    after = text[mention.end : mention.end + 20]
    if _MOVING_AFTER.match(text, mention.end, mention.end + 80):
        return False  # "an der Nasdaq, die 1,5 Prozent höher schloss": an exchange does not move, the index does
    if _EXCHANGE_AFTER.match(after):
        return True
    return bool(re.search(r"\b(?:an|auf|bei|on|at|via|from)\s+(?:der|dem|the)\s*$", before, re.I))


def _quote_candidate(q: Mapping[str, Any]) -> Candidate:
    name = str(q.get("longname") or q.get("shortname") or q.get("symbol"))
    detail = ", ".join(str(q[k]) for k in ("quoteType", "exchange") if q.get(k))
    return Candidate(str(q["symbol"]), name, "search", detail)


def _tradable(q: Mapping[str, Any]) -> bool:
    return str(q.get("quoteType", "EQUITY")).upper() in {"EQUITY", "INDEX", "ETF"}


def _search_failure(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"the online search failed ({type(exc).__name__}: {text})" if text else f"the online search failed ({exc!r})"


# ---- the file format ---------------------------------------------------------------------------------------


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v) for v in value)
    raise AliasFileError(f"{where}: expected a list of names, got {value!r}")


def _listing(item: Mapping[str, Any], where: str, check: bool = True) -> Listing:
    known = {"symbol", "name", "kind", "mic", "timezone", "currency", "note", "where"}
    extra = set(item) - known - {"names", "tickers", "other_listings", "exchange_sense"}
    if extra:
        raise AliasFileError(f"{where}: unknown field(s) {sorted(extra)}")
    if not item.get("symbol"):
        raise AliasFileError(f"{where}: every instrument needs a symbol")
    kind = str(item.get("kind", "equity"))
    if kind not in ("equity", "index"):
        raise AliasFileError(f"{where}: kind must be equity or index, got {kind!r}")
    listing = Listing(
        str(item["symbol"]),
        str(item.get("name") or item["symbol"]),
        kind,
        item.get("mic"),
        item.get("timezone"),
        item.get("currency"),
        str(item.get("note") or ""),
        _strs(item.get("where"), where),
    )
    if check and listing.mic and listing.timezone and listing.currency:
        try:  # a listing a claim can be checked on: the same rules as a claim file's own listing
            spec_of(listing)
        except ValidationError as exc:
            raise AliasFileError(f"{where}: {exc.errors()[0]['msg']}") from None
    return listing


def spec_of(listing: Listing, company: str = "") -> ListingSpec:
    """``listing`` as a claim file writes it (``claims.listingspec``); raises pydantic's ValidationError when its
    exchange, time zone or currency is not one a run can use. An other listing is named by its ``company``."""
    name = company if company and listing.name == listing.symbol else listing.name
    fields = ("symbol", "kind", "mic", "timezone", "currency", "note")
    return ListingSpec.model_validate({"name": name} | {f: getattr(listing, f) for f in fields})


def _read_alias_file(
    path: Path,
) -> tuple[list[AliasEntry], dict[str, tuple[Candidate, ...]], dict[str, str], list[str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AliasFileError(f"{path}: no such alias file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AliasFileError(f"{path}: cannot read it as a YAML alias file ({exc})") from None
    if not isinstance(data, dict):
        raise AliasFileError(f"{path}: expected a mapping with an 'instruments' list")
    extra = set(data) - {"instruments", "ambiguous", "unlisted", "suffixes"}
    if extra:
        raise AliasFileError(f"{path}: unknown top-level field(s) {sorted(extra)}")
    entries: list[AliasEntry] = []
    check = path.resolve() != SHIPPED_ALIASES  # the shipped table's listings: tests/market/test_alias_listings.py
    for i, item in enumerate(data.get("instruments") or []):
        where = f"{path}: instruments[{i}]"
        if not isinstance(item, dict):
            raise AliasFileError(f"{where}: expected a mapping")
        listing = _listing(item, where, check)
        others = tuple(_listing(o, f"{where}.other_listings", check) for o in item.get("other_listings") or [])
        names = _strs(item.get("names"), where) or (listing.name,)
        entries.append(
            AliasEntry(
                listing,
                names,
                _strs(item.get("tickers"), where),
                others,
                bool(item.get("exchange_sense")),
                origin=str(path.name),
            )
        )
    ambiguous: dict[str, tuple[Candidate, ...]] = {}
    for item in data.get("ambiguous") or []:
        if not isinstance(item, dict) or not item.get("name"):
            raise AliasFileError(f"{path}: every 'ambiguous' entry needs a name and candidates")
        ambiguous[str(item["name"])] = tuple(
            Candidate(str(c["symbol"]), str(c.get("name", c["symbol"])), "aliases")
            for c in item.get("candidates") or []
        )
    unlisted: dict[str, str] = {}
    for item in data.get("unlisted") or []:
        if not isinstance(item, dict) or not item.get("name"):
            raise AliasFileError(f"{path}: every 'unlisted' entry needs a name")
        for name in _strs(item.get("names"), str(path)) or (str(item["name"]),):
            unlisted[name] = str(item.get("note") or "not a listed company")
    return entries, ambiguous, unlisted, list(_strs(data.get("suffixes"), str(path)))
