"""Checking claims: data quality first, then the measurement, then the verdict. No Prefect here."""
