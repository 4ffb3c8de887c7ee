"""Checks a command makes before any work (before Prefect starts): each failure is one line and an exit code."""

from __future__ import annotations

from pathlib import Path

from marketfact.group import Stage, input_error
from marketfact.settings import Settings


def writable_out(out: Path) -> Path:
    """The report folder, created if need be, and known writable before any work (else one line, exit 2/3)."""
    import tempfile

    if out.exists() and not out.is_dir():
        input_error(f"{out} is a file, not a folder: give a folder for the reports with -o")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out, prefix=".marketfact-probe-"):
        pass
    Stage.out = out
    return out


def require_snapshot(settings: Settings, source: str | None) -> None:
    """A snapshot folder that is none, or whose date is unreadable, is said before any work (exit 2; the
    shipped one: exit 3)."""
    if (source or settings.source) == "yfinance":
        return
    where = settings.snapshot_dir
    problem = None
    if not (where / "instruments.csv").is_file():
        problem = f"{where} is not a market-data snapshot (no instruments.csv)"
    elif (where / "SNAPSHOT.toml").is_file():
        from marketfact.market.snapshot import snapshot_date
        from marketfact.market.source import MarketDataError

        try:
            snapshot_date(where)
        except MarketDataError as exc:
            problem = str(exc)
    if problem is None:
        return
    from marketfact.settings import SHIPPED_SNAPSHOT

    if where == SHIPPED_SNAPSHOT:
        from marketfact.errors import EnvironmentProblem

        raise EnvironmentProblem(f"the shipped snapshot is damaged: {problem}: reinstall marketfact")
    input_error(f"MARKETFACT_SNAPSHOT_DIR: {problem}")


def checked_history_url(settings: Settings, out: Path) -> str:
    """The history's URL, known to name a database SQLAlchemy can drive (else one line and exit 2)."""
    url = settings.history_for(out)
    from sqlalchemy import exc as sa
    from sqlalchemy import make_url

    try:
        make_url(url).get_dialect()
    except (sa.ArgumentError, sa.NoSuchModuleError, ImportError, ValueError) as exc:
        from marketfact.history.problems import history_problem

        problem = exc if isinstance(exc, sa.SQLAlchemyError) else sa.ArgumentError(str(exc))
        input_error(history_problem(problem, url)[1])
    return url


def checked_report_base_url(given: str | None, settings: Settings) -> str | None:
    """``--report-base-url`` checked (exit 2 if it is no http(s) URL), else the setting."""
    from marketfact.settings import report_base_url

    try:
        return report_base_url(given) if given else settings.report_base_url
    except ValueError as exc:
        input_error(str(exc))
