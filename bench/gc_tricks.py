"""Paired measurement of the garbage-collector trick (marketfact.collector) on the seed check.

    .venv/bin/python -m bench.gc_tricks [--pairs 7]             # the start-up pause on and off
    .venv/bin/python -m bench.gc_tricks --against CHECKOUT      # this code against another checkout's

``--pairs`` pairs of ``marketfact check examples/deepseek-2025-01.yaml`` runs, side by side in one session: one run
as shipped, one with the start-up pause of the garbage collector switched off, their order alternating from pair to
pair. Prints the median wall and CPU time (the command's process, not the server's) of each side and the medians of
the paired differences (what the pause saves), with the load average: on a shared machine the CPU time is the
steadier figure. The pause is switched off from outside (a wrapper replaces the collector's functions before the
command imports them): the product has no switch for it. ``--against`` pairs runs of this code with runs of another
checkout of the project (say, of an earlier commit: ``git archive COMMIT | tar -x -C /tmp/before``), imported from a
tree of links that mirrors the installed package, as ``scripts/typecheck`` makes one.
Figures: docs/performance.md, "Garbage collector".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "deepseek-2025-01.yaml"
TRICKS = ("imports",)

WRAPPER = """
import sys
off = set(sys.argv.pop(1).split(",")) - {""}
from marketfact import collector
if "imports" in off:
    collector.pause_imports = collector.resume_imports = lambda: None
from marketfact.cli import main
sys.argv[0] = "marketfact"
main()
"""


PLAIN = "import sys\nsys.argv.pop(1)\nfrom marketfact.cli import main\nsys.argv[0] = 'marketfact'\nmain()\n"


def one_run(off: str, out: Path, tree: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (the command's process) of one seed check with the tricks ``off`` (comma-separated)
    switched off; ``tree``: the package imported from there (another checkout's, all its tricks on)."""
    command = [sys.executable, "-c", PLAIN if tree else WRAPPER, off, "check", str(SEED), "-o", str(out), "-q"]
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=out.parent, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


Run = Callable[[], tuple[float, float]]


def paired(first: Run, second: Run, pairs: int) -> dict[str, object]:
    """``pairs`` runs of each, side by side, the order alternating; medians of wall and CPU time and of the
    paired differences (second minus first: what the first saves), with the load average before and after."""
    runs: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    load = os.getloadavg()[0]
    for i in range(pairs):
        for side in (0, 1) if i % 2 == 0 else (1, 0):
            runs[side].append((first if side == 0 else second)())
    out: dict[str, object] = {"pairs": pairs, "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}
    for k, what in enumerate(("wall", "cpu")):
        one, two = ([r[k] for r in side] for side in runs)
        out[f"{what}_first_median_s"] = round(statistics.median(one), 2)
        out[f"{what}_second_median_s"] = round(statistics.median(two), 2)
        out[f"{what}_saved_median_s"] = round(statistics.median(b - a for a, b in zip(one, two, strict=True)), 2)
        out[f"{what}_first_s"] = [round(t, 2) for t in one]
        out[f"{what}_second_s"] = [round(t, 2) for t in two]
    return out


def link_tree(checkout: Path, tree: Path) -> Path:
    """A folder from which ``import marketfact`` finds ``checkout``'s package, laid out as installed."""
    dirs = tomllib.loads((checkout / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    top = tree / "marketfact"
    top.mkdir(parents=True)
    for item in (checkout / dirs["marketfact"]).iterdir():
        if item.suffix in {".py", ".typed"}:
            (top / item.name).symlink_to(item)
    for name, folder in dirs.items():
        if name != "marketfact":
            (top / name.removeprefix("marketfact.")).symlink_to(checkout / folder, target_is_directory=True)
    return tree


def against(checkout: Path, pairs: int, work: Path) -> dict[str, object]:
    """This code (first) paired with ``checkout``'s (second)."""
    tree = link_tree(checkout.resolve(), work / "tree")
    return {
        "against": str(checkout),
        **paired(lambda: one_run("", work / "out"), lambda: one_run("", work / "out", tree), pairs),
    }


def measure(trick: str, pairs: int, work: Path) -> dict[str, object]:
    """Every trick on (first) paired with ``trick`` off (second)."""
    return {"trick": trick, **paired(lambda: one_run("", work / "out"), lambda: one_run(trick, work / "out"), pairs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--tricks", default=",".join(TRICKS))
    parser.add_argument("--against", type=Path, help="another checkout of the project to pair this code with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gc-tricks-") as tmp:
        one_run("", Path(tmp) / "out")  # warm the file cache and the snapshot's price cache, not counted
        if args.against:
            print(json.dumps(against(args.against, args.pairs, Path(tmp))), flush=True)
            return
        for trick in args.tricks.split(","):
            print(json.dumps(measure(trick, args.pairs, Path(tmp))), flush=True)


if __name__ == "__main__":
    main()
