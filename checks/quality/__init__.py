"""Great Expectations suites as code, one module per dataset, turned into ``ValidationOutcome``s.

- ``prices`` / ``pricebatch``: daily prices (critical on a verdict's values, warnings on its window);
- ``fx``: FX fixings; ``shares``: shares outstanding; ``claimset``: the claim set itself;
- ``runner.QualityRun``: one ephemeral GX context per run, suites built once, validations batched;
- ``validate.validate_run``: everything one run's verdicts rest on, as the engine calls it;
- ``outcome``: the project's own result types, the only ones reports see.

Great Expectations is imported lazily (``gxsession``), on the first validation: it costs seconds to
import, and a run that fails before any data is fetched should not pay for it.
"""
