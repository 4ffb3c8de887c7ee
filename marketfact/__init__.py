"""marketfact: fact-check claims about market moves against real market data."""

__version__ = "0.1.0"
