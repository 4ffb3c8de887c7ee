"""The online fallback for names the alias table lacks: Yahoo Finance's search through yfinance.

Used only when asked (``AliasTable.load(searcher=yahoo_searcher())``) and only where the network is
there; every failure becomes one ``SearchError`` line, which the extractor reports next to the name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from marketfact.claims.extract.entities import Searcher


class SearchError(RuntimeError):
    """The online name search failed (no network, rate limit); the message says so in one line."""


def yahoo_searcher(timeout: float = 10.0) -> Searcher:
    """A ``Searcher`` backed by ``yfinance.Search``; failures raise ``SearchError`` with one readable line."""

    def search(name: str) -> Sequence[Mapping[str, Any]]:
        """Yahoo's quotes for ``name`` (symbol, names, quote type, exchange)."""
        from marketfact.market.yahoonet import translate_yfinance_error

        try:
            import yfinance

            found = yfinance.Search(
                name,
                max_results=8,
                news_count=0,
                lists_count=0,
                include_cb=False,
                recommended=0,
                timeout=timeout,
                raise_errors=True,
            )
            return list(found.quotes)
        except Exception as exc:
            raise SearchError(str(translate_yfinance_error(exc, f"a search for {name!r}", timeout))) from None

    return search
