"""Prefect flows: they only wire the pure core's steps together as tasks. No logic lives here."""
