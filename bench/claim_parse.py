"""Benchmark: reading a large claim file once or twice (issue 20.9), and the memory it takes.

    python -m bench.claim_parse                   # 276 000 SYNTHETIC claims (≈50 MB of JSON)
    python -m bench.claim_parse --claims 20000    # smaller

The claims come from the benchmark's generator (``bench.synthetic``: random-walk prices, SYNTHETIC benchmark
data, never market data), written as JSON. Each way is measured in a fresh process, side by side on the same
file: ``twice`` is what ``marketfact check`` did before (the command parsed the file to fail fast, the flow
parsed it again); ``once`` is what it does now (the command keeps what it parsed, the flow's load takes it).
``models`` is one load as it was before the compact store (every claim a ``Claim`` model, the file validated
whole), ``store`` one load now (``claims.store``). Prints the seconds of each load, the total, the peak
resident memory of the process, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import SYNTHETIC_LABEL, generate_claims, write_claims, write_market


def _measure(path: Path, max_claims: int, keep: bool, way: str = "") -> dict[str, float]:
    """Two loads as the command and the flow make them, in this (fresh) process."""
    from marketfact.claims.load import load_claims, parse_claims

    if way in ("models", "store"):  # one load: the whole file into models as before, or into the store
        started = time.perf_counter()
        if way == "models":
            loaded = parse_claims(json.loads(path.read_text(encoding="utf-8")), str(path))
        else:
            loaded = load_claims(path, max_claims)
        spent = time.perf_counter() - started
        assert len(loaded.claims)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"command_s": spent, "flow_s": 0.0, "total_s": spent, "peak_mb": peak}
    started = time.perf_counter()
    first = load_claims(path, max_claims, keep=keep)  # the command, before Prefect starts
    command = time.perf_counter() - started
    started = time.perf_counter()
    second = load_claims(path, max_claims)  # the flow's load-claims task
    flow = time.perf_counter() - started
    assert len(first.claims) == len(second.claims)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"command_s": command, "flow_s": flow, "total_s": command + flow, "peak_mb": peak_kib / 1024}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=276_000)
    parser.add_argument("--child", nargs=3, metavar=("FILE", "MAX", "WAY"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        file, most, way = args.child
        print(json.dumps(_measure(Path(file), int(most), way == "once", way)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        market = write_market(Path(tmp) / "market", instruments=200, sessions=260)
        path = write_claims(generate_claims(market, args.claims), Path(tmp) / "claims.json")
        size = path.stat().st_size
        per = size / args.claims
        print(f"{SYNTHETIC_LABEL}: {args.claims} claims, {size / 1e6:.1f} MB of JSON ({per:.0f} B/claim)")
        figures = {}
        for way in ("twice", "once", "models", "store"):
            done = subprocess.run(
                [sys.executable, "-m", "bench.claim_parse", "--child", str(path), str(args.claims), way],
                capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1],
            )  # fmt: skip
            figures[way] = json.loads(done.stdout)
            f = figures[way]
            print(
                f"{way:5s}: command {f['command_s']:.1f} s + flow {f['flow_s']:.2f} s = {f['total_s']:.1f} s; "
                f"peak memory {f['peak_mb']:.0f} MB ({f['peak_mb'] * 1e6 / args.claims:.0f} B/claim)"
            )
        before, after = figures["twice"], figures["once"]
        print(
            f"once / twice: time {after['total_s'] / before['total_s']:.2f}, "
            f"peak memory {after['peak_mb'] / before['peak_mb']:.2f}"
        )
        before, after = figures["models"], figures["store"]
        print(
            f"store / models (one load): time {after['total_s'] / before['total_s']:.2f}, "
            f"peak memory {after['peak_mb'] / before['peak_mb']:.2f}"
        )


if __name__ == "__main__":
    main()
