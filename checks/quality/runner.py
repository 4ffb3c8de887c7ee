"""``QualityRun``: the data-quality checks of one run, as the engine calls them.

One ephemeral Great Expectations context per run, created on the first validation (so a run that never
validates never imports GX); every suite built once; one validation per dataset (all claims on a
symbol share one price validation whose evidence rows are the union of theirs). Each result comes back
as the project's ``ValidationOutcome``; ``build_data_docs`` renders GX's own pages into the report
folder, and each outcome links to its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from marketfact.checks.quality import claimset, fx, prices, shares
from marketfact.checks.quality.gxsession import Costs, GxSession
from marketfact.checks.quality.outcome import ExpectationResult, ValidationOutcome
from marketfact.checks.quality.pricebatch import PriceCheck, build_frames
from marketfact.checks.quality.results import convert
from marketfact.checks.quality.spec import Batch
from marketfact.claims.model import Claim
from marketfact.market.model import FxQuote, Instrument, PriceSeries, SharesQuote

SUITES = {
    prices.WINDOW_SUITE: prices.WINDOW_SPECS,
    prices.EVIDENCE_SUITE: prices.EVIDENCE_SPECS,
    fx.SUITE: fx.SPECS,
    shares.SUITE: shares.SPECS,
    claimset.SUITE: claimset.SPECS,
}
DOCS_DIRNAME = "data-docs"


def prices_dataset(symbol: str) -> str:
    """The dataset name of a symbol's prices: ``prices: NVDA``."""
    return f"prices: {symbol}"


class QualityRun:
    """One ephemeral GX context per run; suites built once; validations batched per dataset.

    ``docs_dirname`` is the folder inside the report folder that ``build_data_docs`` fills; outcomes
    link to their page relative to the report folder (valid once the docs are built there).
    """

    def __init__(self, *, docs_dirname: str = DOCS_DIRNAME) -> None:
        self.docs_dirname = docs_dirname
        self.costs = Costs()
        self.outcomes: list[ValidationOutcome] = []
        self._session: GxSession | None = None

    @property
    def session(self) -> GxSession:
        """The GX context of this run, created (and GX imported) on first use."""
        if self._session is None:
            self._session = GxSession(SUITES, self.costs)
        return self._session

    def _validate(self, batch: Batch, run_name: str) -> tuple[dict[str, list[ExpectationResult]], str]:
        result, page = self.session.validate(batch, run_name)
        return convert(result, batch, self.session.specs[batch.suite]), f"{self.docs_dirname}/{page}"

    def _run(self, batch: Batch) -> ValidationOutcome:
        ((group, dataset),) = batch.datasets.items()
        results, page = self._validate(batch, dataset)
        outcome = ValidationOutcome(dataset, batch.suite, tuple(results[group]), data_docs=page)
        self.outcomes.append(outcome)
        return outcome

    def validate_prices(
        self,
        series: PriceSeries,
        instrument: Instrument,
        window: tuple[date, date],
        evidence: dict[date, frozenset[str]],
    ) -> ValidationOutcome:
        """Validate one symbol's prices: critical on ``evidence`` (session → columns), warning on ``window``.

        Call once per symbol with the union of all its claims' evidence; ``failures_touching`` then
        tells each claim whether a critical failure hits the values it rests on.
        """
        return self.validate_prices_many([PriceCheck(series, instrument, window, evidence)])[series.symbol]

    def validate_prices_many(
        self, checks: Sequence[PriceCheck], evidence: pd.DataFrame | None = None
    ) -> dict[str, ValidationOutcome]:
        """Validate many symbols in one pass of each price suite; outcomes keyed by symbol.

        GX's cost is per expectation far more than per row, so one pass over all symbols costs about
        what one symbol does: the way to validate hundreds of instruments. ``evidence``: every check's
        evidence as one table of (symbol, session, column) rows, in place of theirs (``build_frames``).
        """
        symbols = [c.series.symbol for c in checks]
        if len(set(symbols)) != len(symbols):
            raise ValueError("validate_prices_many: each symbol once (merge the evidence of its claims)")
        if not checks:
            return {}
        window, cells = build_frames(list(checks), evidence)
        datasets = {s: prices_dataset(s) for s in symbols}
        details = {
            (c.series.symbol, "raw_close_present"): f"{c.instrument.symbol} price basis: {c.instrument.price_basis}"
            for c in checks
        }
        run_name = f"prices-{symbols[0]}" if len(symbols) == 1 else f"prices-{len(symbols)}-symbols"
        window_batch = Batch(prices.WINDOW_SUITE, window, "session", datasets, "symbol", details=details)
        merged, page = self._validate(window_batch, run_name)
        if len(cells):
            cells_batch = Batch(
                prices.EVIDENCE_SUITE, cells, "session", datasets, "symbol", column_key="column", details=details
            )
            on_cells, page = self._validate(cells_batch, run_name + "-evidence")
            merged = {s: [*on_cells[s], *merged[s]] for s in symbols}
        outcomes = {
            s: ValidationOutcome(datasets[s], prices.WINDOW_SUITE, tuple(merged[s]), data_docs=page) for s in symbols
        }
        self.outcomes.extend(outcomes.values())
        return outcomes

    def validate_fx(
        self,
        rates: pd.DataFrame,
        evidence: dict[date, frozenset[str]],
        *,
        base: str = "EUR",
        window: tuple[date, date] | None = None,
        dataset: str = "fx: ECB euro reference rates",
    ) -> ValidationOutcome:
        """Validate a table of fixings (index: fixing dates; one column per currency, per one ``base``).

        ``evidence`` maps each fixing a verdict uses to the currencies it reads (``fx.fx_evidence``
        builds it from ``FxQuote``s). A Yahoo FX series such as EURUSD=X is an OHLC bar series: validate
        it with ``validate_prices``.
        """
        return self._run(fx.fx_batch(rates, evidence, base=base, window=window, dataset=dataset))

    def validate_fx_quotes(self, quotes: Sequence[FxQuote], dataset: str) -> ValidationOutcome:
        """Validate the rates a run converted with, when no table of fixings is at hand."""
        return self._run(fx.quotes_batch(quotes, dataset))

    def validate_shares(self, quote: SharesQuote, on: date) -> ValidationOutcome:
        """Validate a share count used for a market value on ``on``."""
        return self.validate_shares_many([(quote, on)])[shares.shares_dataset(quote.symbol)]

    def validate_shares_many(self, items: Sequence[tuple[SharesQuote, date]]) -> dict[str, ValidationOutcome]:
        """Validate every (count, session) a run uses in one pass; one outcome per symbol, keyed by its
        dataset (``shares.shares_dataset``), whose failures list the sessions they hit."""
        if not items:
            return {}
        batch = shares.shares_batch(items)
        name = "shares" if len(batch.datasets) > 1 else next(iter(batch.datasets)).replace(" ", "-")
        results, page = self._validate(batch, name)
        outcomes = {
            name: ValidationOutcome(name, batch.suite, tuple(results[symbol]), data_docs=page)
            for symbol, name in batch.datasets.items()
        }
        self.outcomes.extend(outcomes.values())
        return outcomes

    def validate_claims(self, claims_table: pd.DataFrame | Sequence[Claim]) -> ValidationOutcome:
        """Validate the claim set itself (a table from ``claimset.claims_frame``, or the claims)."""
        table = claims_table if isinstance(claims_table, pd.DataFrame) else claimset.claims_frame(claims_table)
        return self._run(claimset.claims_batch(table))

    def build_data_docs(self, folder: Path) -> Path | None:
        """Build GX Data Docs for this run into ``folder/<docs_dirname>``; the index page, or None.

        None when nothing was validated (GX was never imported, there is nothing to show).
        """
        if self._session is None:
            return None
        return self._session.build_docs(Path(folder) / self.docs_dirname)

    def context(self) -> Any:
        """The GX context of this run, or None when no validation has made one yet."""
        return self._session.context if self._session is not None else None

    def close(self) -> None:
        """Let go of the GX context (its assets, stored results and the frames they hold); a later call
        to ``session`` makes a new one."""
        self._session = None

    def cost_figures(self) -> dict[str, Any]:
        """Seconds spent importing GX, creating the context, building suites, validating, rendering."""
        return {**self.costs.as_dict(), "per_validation": [(n, round(t, 3)) for n, t in self.costs.validations]}
