"""What the commands' options share: path types, and the options several commands take."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# Every path a user types is made absolute here, from the working directory (click's resolve_path), and
# stays absolute: Great Expectations, a Prefect worker and a Dask worker need not share our directory.
PATH = click.Path(path_type=Path, resolve_path=True)
FILE_PATH = click.Path(path_type=Path, dir_okay=False, resolve_path=True)

PUBLISHED_HELP = "When the article appeared: ISO 8601 with a time zone, e.g. 2025-01-28T07:30:00+01:00 (required)."
ALIASES_HELP = "An alias file of your own (YAML shaped like claims/data/aliases.yaml); repeat for more."
ONLINE_HELP = "Look names the alias table lacks up with yfinance's search (needs the network)."


def config_option(text: str):  # type: ignore[no-untyped-def]
    """The ``-c/--config`` option naming the schedule file."""
    return click.option("-c", "--config", type=PATH, default=Path("schedules.yaml"), show_default=True, help=text)


def aliases_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--aliases FILE`` (repeatable) and ``--online``: how an article's company names are resolved."""
    command = click.option("--online", is_flag=True, help=ONLINE_HELP)(command)
    return click.option("--aliases", "alias_files", multiple=True, type=PATH, help=ALIASES_HELP)(command)


out_option = click.option("-o", "--out", "out_dir", type=PATH, help="Report folder [default: out/].")
source_option = click.option(
    "--source",
    type=click.Choice(["auto", "snapshot", "yfinance"]),
    help="auto: the snapshot where it covers, yfinance otherwise [default: auto].",
)
published_option = click.option("--published", metavar="DATETIME", help=PUBLISHED_HELP)
article_lang_option = click.option(
    "--lang", type=click.Choice(["auto", "de", "en"]), default="auto", show_default=True,
    help="The article's language; auto tells German from English by its function words.",
)  # fmt: skip
