"""The installed ``marketfact`` command's entry point.

Importing the command takes about a second; a Ctrl-C in that second is the same one line and exit code 130
as later (``marketfact.group``), not an import traceback. Tests import ``marketfact.cli`` itself, which
installs no signal handler on import.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    from marketfact.cli import main as command  # the group installs its own handler before any work

    command()


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("interrupted: nothing was written\n")
    sys.exit(130)  # marketfact.errors.EXIT_INTERRUPTED, not imported: this module must import nothing heavy
