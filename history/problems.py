"""A database error from the verdict history, as one line a person can act on, and whether to retry it.

SQLAlchemy's messages carry the SQL and a link; what a user needs is which database, what is wrong with it
and what to do: a file that is no SQLite database (truncated, random bytes), a URL SQLAlchemy cannot read,
a server that does not answer. Only a lock held by another recorder is worth retrying.
"""

from __future__ import annotations

EXIT_USER = 2
EXIT_ENVIRONMENT = 3

_SETTING = "MARKETFACT_HISTORY_URL"


def _where(url: str | None) -> str:
    if not url:
        return "the verdict history"
    try:
        from sqlalchemy import make_url

        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unreadable URL is shown cut short, never with what may be a password
        shown = url.split("@")[-1][:80]
    return f"the verdict history at {shown}"


def history_problem(exc: BaseException, url: str | None = None) -> tuple[int, str]:
    """(exit code, one line) for a database error ``exc`` met on the history at ``url``."""
    from sqlalchemy import exc as sa

    where = _where(url)
    original = getattr(exc, "orig", None)
    detail = " ".join(str(original if original is not None else exc).split("\n")[0].split())[:160]
    if isinstance(exc, sa.ArgumentError | sa.NoSuchModuleError):
        return (
            EXIT_USER,
            f"{_SETTING} is not a database URL SQLAlchemy can use ({detail}); e.g. sqlite:////path/history.db",
        )
    if isinstance(exc, sa.DatabaseError) and "not a database" in detail:
        return EXIT_ENVIRONMENT, (
            f"{where} is not a database (damaged or overwritten); move the file aside (a new history starts "
            f"on the next run) or point {_SETTING} elsewhere"
        )
    if isinstance(exc, sa.DatabaseError) and ("malformed" in detail or "corrupt" in detail):
        return EXIT_ENVIRONMENT, (f"{where} is damaged ({detail}); restore it from a backup or move it aside")
    if isinstance(exc, sa.OperationalError) and ("full" in detail or "disk I/O" in detail):
        return EXIT_ENVIRONMENT, f"cannot write {where}: {detail}; free some space"
    if isinstance(exc, sa.OperationalError) and "readonly" in detail.replace("-", "").replace(" ", ""):
        return EXIT_ENVIRONMENT, f"cannot write {where}: it is read-only; fix its permissions or set {_SETTING}"
    if isinstance(exc, sa.OperationalError):
        return EXIT_ENVIRONMENT, f"cannot use {where} ({detail}); check that it is reachable, or set {_SETTING}"
    if isinstance(exc, sa.InterfaceError | sa.DBAPIError):
        return EXIT_ENVIRONMENT, f"cannot use {where} ({detail})"
    return EXIT_ENVIRONMENT, f"cannot use {where} ({type(exc).__name__}: {detail})"


def worth_retrying(exc: BaseException) -> bool:
    """Whether a failed recording may succeed if tried again: only a lock another process held too long."""
    from sqlalchemy import exc as sa

    return isinstance(exc, sa.OperationalError) and "locked" in str(getattr(exc, "orig", exc))
