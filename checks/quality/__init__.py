"""Great Expectations suites as code, one module per dataset, turned into ``ValidationOutcome``s.

Great Expectations is imported lazily inside the suite runners: it costs seconds to import, and a run
that fails before any data is fetched should not pay for it.
"""
