"""Benchmarks of marketfact on SYNTHETIC data (see bench/run.py)."""
