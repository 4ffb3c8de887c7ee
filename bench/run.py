"""Benchmark marketfact on SYNTHETIC data: the pure core, the Prefect flow and a naive baseline, side by side.

Usage (from the repository root, in the project's virtualenv)::

    python -m bench.run                       # full size: 500 instruments × 260 sessions, 100 000 claims
    python -m bench.run --instruments 500 --sessions 260 --claims 100000 --naive-subset 1000
    python -m bench.run --tiny                # 5 × 30, 200 claims, naive subset 20: seconds, for tests
    python -m bench.run --skip-flow --profile # no Prefect; print a cProfile of the core's run
    python -m bench.run --flow-claims 1000    # pipeline and flow on the first 1 000 claims (default: all)
    python -m bench.run --claims 20000 --trace-memory   # tracemalloc per step: what holds the memory
    python -m bench.run --compare-python ../before/.venv/bin/python   # pipeline and flow also on another
                                              # checkout (its interpreter, its marketfact), side by side

What it does:

1. writes SYNTHETIC data under ``bench/_data/`` (gitignored, regenerated each run): seeded random-walk
   daily OHLCV on the real sessions of XNYS, XNAS, XETR, XTKS and XPAR, a shares table and ECB-style FX
   rates, in the snapshot layout ``market.snapshot.SnapshotSource`` reads; and a JSON claim file of
   claims over every metric kind, hedge word and exchange (a few UNVERIFIABLE by construction);
2. runs each phase in its own process, so each phase's peak RSS is its own:
   - **core**: ``plan_run`` → ``fetch_all`` (SnapshotSource) → ``fetch_conversions`` → ``evaluate``;
     claim-file loading (JSON + pydantic) and ``build_verdicts`` are timed apart from it;
   - **naive**: the first ``--naive-subset`` claims that give their sessions as dates, one CSV read and
     one computation each, as a notebook would do it; its measurements are compared with the core's;
   - **pipeline**: the flow's steps called directly in one process, no Prefect (load, plan, fetch, FX and
     share counts, Great Expectations, judging with Verdicts, HTML/JSON reports) on the flow's claims:
     the flow/pipeline ratio is what Prefect's orchestration costs, the issue's flow target;
   - **flow**: ``flows.verify.verify_claims`` on the same files (``--skip-flow`` leaves it out), after a
     no-op flow that pays Prefect's fixed start (with the imports and calendars the pipeline phase has
     before its clock starts); task runs are counted through the Prefect client. It checks all claims,
     or the first ``--flow-claims`` (then the core is timed once more on exactly those, for the flow/core
     ratio). Its report draws charts only up to ``flows.verify.MAX_CHARTED_CLAIMS`` claims and shows a
     digest above ``reports.MAX_CLAIM_CARDS``; its RunReport is marked synthetic;
3. prints claims per second, the ratios, the task runs, peak RSS and the issue's targets. The targets are
   reported, never asserted. Every printed line starts with ``SYNTHETIC``.

Peak RSS is the high-water mark of the phase process's resident memory (VmHWM) at checkpoints (bench/phases.py).
The pipeline's steps and the flow's tasks are also measured one by one (bench/memory.py): resident memory
before each, its peak during it and what stays after it. ``--compare-python`` runs the pipeline and the flow
a second time with another checkout's interpreter (its editable marketfact; this bench's code), so before
and after are measured in one run on the same data, one after the other, and printed side by side.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.synthetic import DATA_ROOT, EXCHANGES, SYNTHETIC_LABEL

REPO = Path(__file__).resolve().parent.parent
RESULT_TAG = "BENCH-RESULT "
PHASES = ("core", "naive", "pipeline", "flow")
TARGETS = {
    "core_s": 2.0,
    "core_rss_mb": 500.0,
    "flow_factor": 1.5,
    "naive_factor": 100.0,
    "flow_core_factor": 6.0,
    "flow_rss_mb": 800.0,
}
"""The issue's targets: core ≤ 2 s and ≤ 500 MB; flow ≤ 1.5 × its steps in-process, plus a fixed start;
naive/core ≥ 100×."""


def say(text: str = "") -> None:
    """Print one line of the report, labelled synthetic."""
    print(f"SYNTHETIC | {text}".rstrip(), flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--instruments", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=260)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--naive-subset", type=int, default=1000)
    parser.add_argument("--verdicts", type=int, default=0, help="claims to materialise as Verdicts (0: all, -1: none)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tiny", action="store_true", help="5 instruments × 30 sessions, 200 claims, naive 20")
    parser.add_argument("--skip-flow", action="store_true", help="leave out the Prefect flow")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the core")
    parser.add_argument("--data-dir", type=Path, default=DATA_ROOT, help="where synthetic data goes")
    parser.add_argument(
        "--flow-claims",
        type=int,
        default=0,
        help="claims the pipeline and the flow check (0, the default: all); with fewer, the core is also "
        "timed on that subset for the flow/core ratio",
    )
    parser.add_argument(
        "--trace-memory", action="store_true", help="tracemalloc in the pipeline and flow (slower: use fewer claims)"
    )
    parser.add_argument(
        "--compare-python",
        type=Path,
        help="the interpreter of another checkout (before a change): its pipeline and flow run too, side by side",
    )
    parser.add_argument("--phase", choices=[*PHASES, "core-subset", "core-profile"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tiny:
        args.instruments, args.sessions, args.claims, args.naive_subset = 5, 30, 200, 20
    args.flow_claims = min(args.flow_claims, args.claims) if args.flow_claims > 0 else args.claims
    return args


def run_phase(args: argparse.Namespace) -> int:
    """Child process: run one phase and print its result as one JSON line."""
    from bench import phases

    root, claims_path, flow_path = args.data_dir / "snapshot", args.data_dir / "claims.json", flow_claims_path(args)
    if args.phase == "core-subset":
        result = phases.core_phase(root, flow_path, args.verdicts, 0, profile=False)
    elif args.phase == "core-profile":  # its own process: the profiler slows what it watches
        result = phases.core_phase(root, claims_path, -1, 0, profile=True)
    elif args.phase == "core":
        result = phases.core_phase(root, claims_path, args.verdicts, args.naive_subset, profile=False)
    elif args.phase == "naive":
        result = phases.naive_phase(root, claims_path, args.naive_subset)
    elif args.phase == "pipeline":
        result = phases.pipeline_phase(root, flow_path, args.data_dir / "out-pipeline", args.trace_memory)
    else:
        result = phases.flow_phase(
            root, flow_path, args.data_dir / "out", args.data_dir / "prefect-home", args.trace_memory
        )
    print(RESULT_TAG + json.dumps(result, default=str), flush=True)
    return 0


def flow_claims_path(args: argparse.Namespace) -> Path:
    """The claim file the flow reads: all claims, or the first ``--flow-claims`` of them."""
    name = "claims.json" if args.flow_claims >= args.claims else f"claims-first-{args.flow_claims}.json"
    return args.data_dir / name


def spawn(args: argparse.Namespace, phase: str, python: Path | None = None) -> dict[str, Any]:
    """Run ``phase`` in a fresh interpreter (``python``: another checkout's); its stderr passes through, its
    result line is parsed."""
    command = [str(python or sys.executable), *other_checkout(args.data_dir, python), "-m", "bench.run"]
    command += ["--phase", phase, "--data-dir", str(args.data_dir)]
    command += ["--naive-subset", str(args.naive_subset), "--verdicts", str(args.verdicts)]
    command += ["--claims", str(args.claims), "--flow-claims", str(args.flow_claims)]
    command += ["--trace-memory"] if args.trace_memory else []
    started = time.perf_counter()
    # Each checkout imports from its bytecode, written once: a fresh one under PYTHONDONTWRITEBYTECODE compiled
    # every module at each import, CPU that belongs to neither side (some inside the flow: tasks import lazily).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPATH": str(args.data_dir / "bench-only")} if python else {}
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False, env=env)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if done.returncode != 0 or not lines:
        return {"phase": phase, "error": f"exit code {done.returncode}; see the messages above"}
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(RESULT_TAG))
    result["process_wall"] = time.perf_counter() - started
    return result


def other_checkout(data_dir: Path, python: Path | None) -> list[str]:
    """The interpreter options that make another checkout's ``python`` import its own marketfact.

    Run from this repository, ``python -m`` would put it first on the path, so ``marketfact.cli``,
    ``marketfact.memory`` … would be this checkout's while ``marketfact.checks`` … were the other's (its
    editable install maps those). ``-P`` leaves the working directory off the path; this bench's code comes
    from a folder that holds only a link to it (on ``PYTHONPATH``, see ``spawn``).
    """
    if python is None:
        return []
    only = data_dir / "bench-only"
    only.mkdir(parents=True, exist_ok=True)
    if not (only / "bench").exists():
        (only / "bench").symlink_to(REPO / "bench", target_is_directory=True)
    return ["-P"]


def per_second(claims: int, seconds: float) -> str:
    """Claims per second as "12,345 claims/s"."""
    return f"{claims / seconds:,.0f} claims/s" if seconds > 0 else "n/a claims/s"


def show_steps(result: dict[str, Any], before: dict[str, Any] | None = None) -> None:
    """One line per timed step: wall and CPU seconds; with ``before`` (``--compare-python``), that checkout's too."""
    old = (before or {}).get("steps", {})
    for name, (wall, cpu) in result.get("steps", {}).items():
        was = old.get(name)
        side = f"  | before {was[0]:8.3f} s wall {was[1]:8.3f} s CPU" if was else ""
        say(f"    {name:<48} {wall:8.3f} s wall {cpu:8.3f} s CPU{side}")


def show_memory(title: str, after: dict[str, Any], before: dict[str, Any] | None = None) -> None:
    """Resident memory per step (MB): before it, its peak, after it; with ``before``, that checkout's alongside."""
    steps = after.get("memory", {})
    if not steps:
        return
    say(f"  memory per step of the {title} (MB resident: at start → peak during → after)"
        + ("; before | after the change" if before else ""))  # fmt: skip
    old = (before or {}).get("memory", {})

    def cell(entry: dict[str, Any] | None) -> str:
        if not entry:
            return f"{'—':>24}"
        return f"{entry['before']:6.0f} → {entry['peak']:6.0f} → {entry['after']:6.0f}"

    for name in [*steps, *[n for n in old if n not in steps]]:
        line = f"    {name:<40} " + (f"{cell(old.get(name))} | " if before else "") + cell(steps.get(name))
        say(line)
        entry = steps.get(name) or {}
        if "traced_peak" in entry:
            traced = f"peak {entry['traced_peak']:.0f} MB, still allocated after {entry['traced_after']:.0f} MB"
            say(f"      traced: {traced}")
            for where, size in entry.get("held", []):
                say(f"        {size:7.1f} MB  {where}")


def agreement(core: dict[str, Any], naive: dict[str, Any]) -> tuple[int, int]:
    """How many sampled claims the naive baseline and the core measured alike (both None counts)."""
    same = 0
    for cid, value in naive["sample"].items():
        other = core["sample"].get(cid)
        if (value is None and other is None) or (
            value is not None and other is not None and math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9)
        ):
            same += 1
    return same, len(naive["sample"])


def report(args: argparse.Namespace, results: dict[str, dict[str, Any]], generated: float) -> int:
    """Print the figures; return 1 when a phase failed."""
    failed = [name for name, r in results.items() if "error" in r]
    for name in failed:
        say(f"{name}: FAILED — {results[name]['error']}")
    core = results.get("core", {})
    naive = results.get("naive", {})
    flow = results.get("flow", {})
    n = args.claims
    say()
    if "core_wall" in core:
        load = core["steps"]["claim file loading (JSON + pydantic)"][0]
        verdicts = core["steps"].get("verdict materialisation (build_verdicts)", (0.0, 0.0))[0]
        say(f"claim file loading (JSON + pydantic, not in core time): {load:.3f} s, {per_second(n, load)}")
        say(
            f"core: {core['core_wall']:.3f} s wall ({core['core_cpu']:.3f} s CPU), "
            f"{per_second(n, core['core_wall'])}; peak RSS {core['rss_mb']['after core']:.0f} MB "
            f"(after imports {core['rss_mb']['after setup']:.0f} MB, "
            f"after claim loading {core['rss_mb']['after claim loading']:.0f} MB)"
        )
        show_steps(core)
        say(
            f"verdict materialisation: {core['verdicts_built']} Verdicts in {verdicts:.3f} s, "
            f"{per_second(core['verdicts_built'], verdicts)}; peak RSS {core['rss_mb']['after verdicts']:.0f} MB"
        )
        say(f"core labels: {core['labels']}")
    if "naive_wall" in naive:
        same, total = agreement(core, naive) if "sample" in core else (0, 0)
        say(
            f"naive baseline ({naive['claims']} claims, one CSV read each): {naive['naive_wall']:.3f} s wall "
            f"({naive['naive_cpu']:.3f} s CPU), {per_second(naive['claims'], naive['naive_wall'])}; "
            f"peak RSS {naive['rss_mb']['peak']:.0f} MB; measurements equal to the core's: {same}/{total}"
        )
    flow_core = results.get("core-subset", core)
    pipeline = results.get("pipeline", {})
    if "pipeline_wall" in pipeline:
        say(
            f"the flow's steps in-process, no Prefect, on {pipeline['claims']} claims: "
            f"{pipeline['pipeline_wall']:.3f} s wall ({pipeline['pipeline_cpu']:.3f} s CPU); "
            f"peak RSS {pipeline['rss_mb']['peak']:.0f} MB"
        )
        show_steps(pipeline, results.get("pipeline-before"))
        show_memory("in-process steps", pipeline, results.get("pipeline-before"))
    if "flow_wall" in flow:
        show_flow(args, flow, flow_core, pipeline, results.get("flow-before"))
        show_memory("flow's tasks", flow, results.get("flow-before"))
    compared(results)
    say()
    ratios(core, naive, flow, flow_core, pipeline)
    profile = results.get("core-profile", {}).get("profile", "")
    if profile:
        say()
        say("cProfile of the core (plan_run → evaluate, in a process of its own):")
        for line in profile.splitlines():
            say("  " + line)
    return 1 if failed else 0


def compared(results: dict[str, dict[str, Any]]) -> None:
    """The other checkout's pipeline and flow (``--compare-python``) next to this one's."""
    for phase, wall, peak in (("pipeline", "pipeline_wall", "peak"), ("flow", "flow_wall", "after flow")):
        before, after = results.get(f"{phase}-before", {}), results.get(phase, {})
        if wall not in before or wall not in after:
            continue
        cpu = wall.replace("wall", "cpu")
        say(
            f"{phase} before → after the change: peak RSS {before['rss_mb'][peak]:.0f} → "
            f"{after['rss_mb'][peak]:.0f} MB; {before[wall]:.2f} → {after[wall]:.2f} s wall, "
            f"{before[cpu]:.2f} → {after[cpu]:.2f} s CPU; same verdicts: "
            f"{'yes' if before.get('digest') == after.get('digest') else 'no'}"
        )


def show_flow(
    args: argparse.Namespace,
    flow: dict[str, Any],
    flow_core: dict[str, Any],
    pipeline: dict[str, Any],
    before: dict[str, Any] | None = None,
) -> None:
    """The flow's figures, its task runs by task (with ``before``: that checkout's run time too), and the core
    on the same claims."""
    k = args.flow_claims
    fixed = flow["steps"]["fixed start: Prefect import, temporary server, a no-op flow"][0]
    say(
        f"flow (verify_claims) on {k} claims: fixed start {fixed:.3f} s; flow {flow['flow_wall']:.3f} s wall "
        f"({flow['flow_cpu']:.3f} s CPU), {per_second(k, flow['flow_wall'])}; peak RSS "
        f"{flow['rss_mb']['after flow']:.0f} MB (this process; the API server is another)"
    )
    if flow_core.get("claims") == k and k < args.claims and "core_wall" in flow_core:
        say(
            f"core on the same {k} claims: {flow_core['core_wall']:.3f} s wall "
            f"({flow_core['core_cpu']:.3f} s CPU), {per_second(k, flow_core['core_wall'])}"
        )
    tasks = flow["task_runs"]
    say(f"Prefect task runs: {tasks['count']} for {k} claims on {args.instruments} instruments")
    old = (before or {}).get("task_runs", {}).get("by_name", {})
    for name, (count, seconds) in sorted(tasks["by_name"].items()):
        side = f"  | before {old[name][1]:9.3f} s" if name in old else ""
        say(f"    {name:<28} {count:4d} run(s) {seconds:9.3f} s run time{side}")
    if "digest" in flow:
        same = "yes" if flow["digest"] == flow_core.get("digest") else "no (data-quality checks run in the flow only)"
        alike = "yes" if flow["digest"] == pipeline.get("digest") else "no"
        say(f"flow labels: {flow['labels']}; same verdicts as the core: {same}; as the in-process steps: {alike}")
        say(f"flow's RunReport marked synthetic: {flow['synthetic_flag']}")


def ratios(
    core: dict[str, Any],
    naive: dict[str, Any],
    flow: dict[str, Any],
    flow_core: dict[str, Any],
    pipeline: dict[str, Any],
) -> None:
    """The ratios between the phases and the issue's targets (reported, not asserted)."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    if "naive_wall" in naive and naive["claims"] and "core_wall" in core:
        factor = (naive["naive_wall"] / naive["claims"]) / (core["core_wall"] / core["claims"])
        say(f"naive/core per claim: {factor:,.0f}× — target ≥ {TARGETS['naive_factor']:.0f}×: "
            f"{verdict(factor >= TARGETS['naive_factor'])}")  # fmt: skip
    if "flow_wall" in flow and "core_wall" in flow_core and "error" not in flow:
        if "pipeline_wall" in pipeline:
            factor = flow["flow_wall"] / pipeline["pipeline_wall"]
            say(f"flow/its steps in-process (Prefect's cost; flow without its fixed start): {factor:.2f}× — target ≤ "
                f"{TARGETS['flow_factor']}×: {verdict(factor <= TARGETS['flow_factor'])}")  # fmt: skip
        factor = flow["flow_wall"] / flow_core["core_wall"]
        cpu_factor = flow["flow_cpu"] / flow_core["core_cpu"] if flow_core["core_cpu"] > 0 else math.inf
        target = TARGETS["flow_core_factor"]
        say(f"flow/core on the same claims: {factor:.2f}× wall, {cpu_factor:.2f}× CPU — target ≤ {target:.0f}×: "
            f"{verdict(factor <= target)} by wall, {verdict(cpu_factor <= target)} by CPU (the flow also "
            f"validates with Great Expectations, builds the page's Verdicts and writes reports; the core does "
            f"none of these; on a shared machine CPU time is the steadier measure)")  # fmt: skip
        rss = flow["rss_mb"]["after flow"]
        say(f"flow peak RSS ≤ {TARGETS['flow_rss_mb']:.0f} MB: {rss:.0f} MB {verdict(rss <= TARGETS['flow_rss_mb'])}")
    if "core_wall" in core:
        wall, rss = core["core_wall"], core["rss_mb"]["after core"]
        fast, small = wall <= TARGETS["core_s"], rss <= TARGETS["core_rss_mb"]
        say(f"core target ≤ {TARGETS['core_s']:.0f} s: {wall:.3f} s {verdict(fast)}; "
            f"peak RSS ≤ {TARGETS['core_rss_mb']:.0f} MB: {rss:.0f} MB {verdict(small)}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Generate the synthetic data, run the phases, print the report."""
    args = parse_args(argv)
    if args.phase:
        return run_phase(args)
    from bench.synthetic import generate_claims, write_claims, write_market

    say(f"marketfact benchmark on {SYNTHETIC_LABEL}: seeded random walks on real exchange calendars, not market prices")
    started = time.perf_counter()
    market = write_market(args.data_dir / "snapshot", args.instruments, args.sessions, seed=args.seed)
    claims = generate_claims(market, args.claims, seed=args.seed + 4)
    write_claims(claims, args.data_dir / "claims.json")
    if args.flow_claims < args.claims and not args.skip_flow:
        write_claims({**claims, "claims": claims["claims"][: args.flow_claims]}, flow_claims_path(args))  # type: ignore[index]
    del market, claims
    generated = time.perf_counter() - started
    say(
        f"data: {args.instruments} instruments × {args.sessions} sessions on {', '.join(x.mic for x in EXCHANGES)}; "
        f"{args.claims} claims; generated in {generated:.1f} s under {args.data_dir}"
    )
    phases = ["core"] + (["core-profile"] if args.profile else []) + ["naive"]
    if not args.skip_flow:
        phases += (["core-subset"] if args.flow_claims < args.claims else []) + ["pipeline", "flow"]
    results = {}
    for phase in phases:
        if args.compare_python and phase in ("pipeline", "flow"):
            say(f"running phase {phase} with {args.compare_python} (before) …")
            results[f"{phase}-before"] = spawn(args, phase, args.compare_python)
        say(f"running phase {phase} …")
        results[phase] = spawn(args, phase)
    return report(args, results, generated)


if __name__ == "__main__":
    sys.exit(main())
