"""One quiet, ephemeral Great Expectations context per run, with every suite built once.

This is the only module that imports Great Expectations, and it does so inside ``GxSession``'s
constructor: the import costs seconds and a run that never validates should not pay for it.

Quiet means: no progress bars (``ProgressBarsConfig``), no analytics (``analytics_enabled=False`` and
``GX_ANALYTICS_ENABLED=false``), no temporary Data Docs site (the ephemeral default writes one to
/tmp), GX's warnings and chatty logs silenced while GX runs.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from marketfact.checks.quality import gxkwargs
from marketfact.checks.quality.offline import Offline, make_offline
from marketfact.checks.quality.spec import Batch, Spec

DATASOURCE = "marketfact"
SITE = "marketfact"


@contextmanager
def quiet() -> Iterator[None]:
    """Silence GX's deprecation and pandas warnings for the duration of a GX call."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@dataclass
class Costs:
    """Seconds spent in each phase of data-quality checking during one run."""

    gx_import: float = 0.0
    context: float = 0.0
    suites: float = 0.0
    validations: list[tuple[str, float]] = field(default_factory=list)
    data_docs: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain figures for printing or a JSON report."""
        total_validation = sum(t for _, t in self.validations)
        return {
            "gx_import_s": round(self.gx_import, 3),
            "context_s": round(self.context, 3),
            "suites_s": round(self.suites, 3),
            "validations": len(self.validations),
            "validation_s": round(total_validation, 3),
            "data_docs_s": round(self.data_docs, 3),
        }


@functools.cache
def idle_context() -> Any:
    """An empty ephemeral GX context, one per process: GX's current project once a run's own is let go of
    (``checks.quality.validate.release``). It holds no suite, asset or result."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False), analytics_enabled=False
    )
    with quiet():
        return gx.get_context(mode="ephemeral", project_config=config)


def let_go(context: Any) -> None:
    """If ``context`` is GX's current project, make ``idle_context()`` the current one instead, so that GX
    holds nothing of it (see ``checks.quality.validate.release``)."""
    from great_expectations.data_context.data_context.context_factory import project_manager

    try:
        current = project_manager.get_current_project()
    except Exception:  # GX has no current project: nothing to let go of
        return
    if current is context:
        project_manager.set_project(idle_context())


def plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its string columns as plain objects, each distinct text one Python object.

    GX filters the whole frame once per metric; pandas' string dtype makes that ~1.5× slower than plain
    objects, so strings go in as objects. ``astype(object)`` made one Python string per cell (≈60 bytes
    each: ≈40 MB for the window frame of 100 000 SYNTHETIC claims, whose symbol, currency and zone
    columns repeat a few texts); these columns hold a pointer per cell to one string per text. The values,
    and a missing one (the dtype's own missing value), are those ``astype(object)`` gives.
    """
    plain: dict[str, pd.Series] = {}
    for column, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.StringDtype):
            codes, texts = pd.factorize(frame[column])
            values = np.empty(len(texts) + 1, dtype=object)
            values[:-1] = texts
            values[-1] = dtype.na_value  # code -1: a missing value
            plain[str(column)] = pd.Series(values[codes], index=frame.index, dtype=object)
    return frame.assign(**plain) if plain else frame


class GxSession:
    """An ephemeral GX context holding one suite, asset and validation definition per dataset kind."""

    def __init__(self, suites: Mapping[str, Sequence[Spec]], costs: Costs) -> None:
        self.costs = costs
        start = time.perf_counter()
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        with quiet():
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )
        self.gx = gx
        gxkwargs.install()
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        costs.gx_import = time.perf_counter() - start

        start = time.perf_counter()
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        with quiet():
            self.context = gx.get_context(mode="ephemeral", project_config=config)
            self.source = self.context.data_sources.add_pandas(DATASOURCE)
        costs.context = time.perf_counter() - start

        start = time.perf_counter()
        self.definitions: dict[str, Any] = {}
        self.specs: dict[str, dict[str, Spec]] = {}
        with quiet():
            for name, specs in suites.items():
                self._add_suite(name, specs)
        costs.suites = time.perf_counter() - start
        self.site_dir: Path | None = None
        self.offline: Offline | None = None  # what the last Data Docs build needed rewriting

    def _expectation(self, spec: Spec) -> Any:
        from great_expectations.expectations.row_conditions import Column

        kwargs = dict(spec.kwargs)
        if spec.when is not None:
            conditions = [Column(flag) == True for flag in spec.when.flags]  # noqa: E712 - GX builds a condition
            condition: Any = conditions[0]
            for more in conditions[1:]:
                condition = (condition & more) if spec.when.join == "all" else (condition | more)
            kwargs["row_condition"] = condition
        cls = getattr(self.gx.expectations, spec.gx_class)
        return cls(
            **kwargs,
            severity=spec.severity,
            description=spec.notes or None,  # what a reader is told the expectation checks
            notes=f"**{spec.name}** ({spec.severity}, {spec.scope} rows): {spec.notes}",
            meta={"name": spec.name, "scope": spec.scope, "columns": list(spec.columns)},
        )

    def _add_suite(self, name: str, specs: Sequence[Spec]) -> None:
        keys = [s.key for s in specs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"suite {name} names an expectation twice")
        suite = self.context.suites.add(
            self.gx.ExpectationSuite(name=name, expectations=[self._expectation(s) for s in specs])
        )
        asset = self.source.add_dataframe_asset(name)
        batch_definition = asset.add_batch_definition_whole_dataframe(f"{name} frame")
        self.definitions[name] = self.context.validation_definitions.add(
            self.gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
        )
        self.specs[name] = {s.key: s for s in specs}

    def validate(self, batch: Batch, run_name: str) -> tuple[Any, str]:
        """Run ``batch`` through its suite; the GX result and the Data Docs page path of it."""
        from great_expectations.core.run_identifier import RunIdentifier

        # The run name becomes a folder of the Data Docs site: keep it to portable characters.
        run_name = re.sub(r"[^\w.=^-]+", "-", run_name)
        run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
        start = time.perf_counter()
        frame = plain_strings(batch.frame)
        with quiet():
            result = self.definitions[batch.suite].run(
                batch_parameters={"dataframe": frame},
                expectation_parameters=batch.parameters or None,
                # The failing rows' index is what we need; their values are read from the frame.
                result_format={"result_format": "COMPLETE", "exclude_unexpected_values": True},
                run_id=run_id,
            )
        self.costs.validations.append((run_name, time.perf_counter() - start))
        self.drop_batches()
        return result, self._page(batch.suite, run_id)

    def drop_batches(self) -> None:
        """Let go of the frames GX keeps after a validation.

        GX's pandas engine keeps every batch it loaded (its ``BatchManager``, one per asset: the window,
        evidence, claim-set, share-count and FX frames) until the context goes, though nothing reads them
        again: each validation loads its own, and the Data Docs are rendered from the stored results. At
        100 000 SYNTHETIC claims they added up to ≈130 MB at the validation's peak (bench.run).
        """
        engine = self.source.execution_engine
        if engine is not None:
            engine.batch_manager.reset_batch_cache()
            engine.batch_manager.batch_data_cache.clear()

    def _page(self, suite: str, run_id: Any) -> str:
        """Where the Data Docs site puts this validation, relative to the site root."""
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        identifier = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite),
            run_id=run_id,
            batch_identifier=f"{DATASOURCE}-{suite}",
        )
        return "/".join(quote(str(part), safe="") for part in ("validations", *identifier.to_tuple())) + ".html"

    def build_docs(self, site_dir: Path) -> Path:
        """Render every stored validation and the suites into a static site under ``site_dir``, readable
        offline (``checks.quality.offline``)."""
        start = time.perf_counter()
        config: Any = {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(site_dir)},
        }
        with quiet():
            if self.site_dir is None:
                self.context.add_data_docs_site(SITE, config)
            else:
                self.context.update_data_docs_site(SITE, config)
            self.site_dir = site_dir
            self.context.build_data_docs(site_names=[SITE])
        self.offline = make_offline(site_dir)  # GX's pages load CSS, fonts, scripts from CDNs; now from the site
        self.costs.data_docs = time.perf_counter() - start
        return site_dir / "index.html"
