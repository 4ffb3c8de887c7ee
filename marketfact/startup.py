"""The command's start-up choreography: Prefect's temporary server boots while this process imports and
warms what the flow needs, and the process exits without waiting for what it need not wait for.

Kept out of the commands (``marketfact.cli``) and out of the pure core; the machinery itself (the server,
the collector pause, the warm-up thread) is in ``marketfact.flows.runtime``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Collection, Iterator
from typing import NoReturn

from marketfact import collector
from marketfact.group import Stage
from marketfact.settings import Settings

_SERVER: list[object] = []


@contextlib.contextmanager
def prefect_session(settings: Settings) -> Iterator[None]:
    """Prefect's settings, and its temporary server launched before Prefect is imported (flows/runtime.py).

    The server boots on the other core while this process reads the input, imports Prefect and the project
    (garbage collector paused: ``marketfact.collector.pause_imports``) and, in ``ready``, warms what the flow
    needs next.
    """
    from marketfact.flows.runtime import prefect_runtime

    collector.pause_imports()
    try:
        # The CLI exits right after: the server's own shutdown need not be waited for.
        with prefect_runtime(settings.prefect_home, wait_for_stop=False) as server:
            _SERVER[:] = [server]
            yield
    finally:
        _SERVER.clear()
        collector.resume_imports()  # if the run ended before ``ready``


def warm_charts() -> None:
    """Start vl-convert's JavaScript engine, which the report's charts use (once per process)."""
    import vl_convert

    vl_convert.vegalite_to_svg({"mark": "point"}, allowed_base_urls=[])


def ready(*, charts: bool = True, tasks_here: bool = True) -> None:
    """Just before the flow: warm what its steps import or start, then wait for that and the temporary server.

    Done in a background thread, it fills time this process would spend waiting for the server; joined before
    the flow, so that the flow's tasks never import a package while the thread imports it too. In the order of
    use: Prefect serialises the flow's parameters with FastAPI's encoder; then, when the tasks run in this
    process (not on Dask's workers), exchange_calendars for the sessions, Great Expectations, the
    history's database layer and, for a run with charts, vl-convert's engine.
    """
    from marketfact.errors import quiet_tracebacks
    from marketfact.flows.runtime import prewarm

    if not Stage.debug:
        quiet_tracebacks()
    steps: list[str | Callable[[], object]] = ["fastapi.encoders"]
    if tasks_here:
        steps += ["exchange_calendars", "great_expectations", "history", *([warm_charts] if charts else [])]
    prewarm(*steps).join()
    server = _SERVER[0] if _SERVER else None
    if server is not None:
        server.wait_ready()  # type: ignore[attr-defined]


def exit_for(run: object, fail_on: str | None, unconfirmed: Collection[str] = ()) -> NoReturn:
    """Exit with the --fail-on gate's code."""
    from marketfact.reports import exit_code_for

    code = exit_code_for(run, fail_on, unconfirmed)  # type: ignore[arg-type]
    sys.exit(code)
