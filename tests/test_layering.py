"""The one direction of imports: the pure core never imports Prefect; flows only wire it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE = ("claims", "market", "checks", "reports", "history")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def is_orchestration(module: str) -> bool:
    """Prefect itself, or marketfact's own flows (``marketfact.flows``, built from ``flows/``)."""
    return module.split(".")[0] == "prefect" or module == "marketfact.flows" or module.startswith("marketfact.flows.")


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_never_import_prefect_or_flows(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    offenders = {
        str(f.relative_to(ROOT)): sorted(m for m in imported_modules(f) if is_orchestration(m))
        for f in files
    }
    assert {f: m for f, m in offenders.items() if m} == {}


def test_the_checker_itself_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from prefect import flow\nimport prefect.tasks\n")
    assert imported_modules(bad) == {"prefect", "prefect.tasks"}
    assert is_orchestration("marketfact.flows.tasks")
    assert not is_orchestration("marketfact.flowsy")
    assert not is_orchestration("marketfact.checks")


def test_great_expectations_is_imported_lazily() -> None:
    """GX costs seconds to import: no module may import it at module level."""
    offenders = []
    for f in sorted(f for pkg in (*PURE, "flows", "marketfact") for f in (ROOT / pkg).rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in tree.body:
            mods = (
                [a.name for a in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            if any(m.split(".")[0] == "great_expectations" for m in mods):
                offenders.append(str(f.relative_to(ROOT)))
    assert offenders == []


LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"settings", "files", "collector", "memory"}),  # the foundations: settings, atomic file writes, the GC
    # pauses, memory given back
    frozenset({"market"}),  # instruments, calendars, price sources
    frozenset({"claims"}),  # claim files, hedges, numbers, periods, extraction
    frozenset({"checks"}),  # plan, measure, judge, explain; data-quality suites
    frozenset({"reports", "history"}),  # what a run leaves behind: pages, JSON, the verdict history
    frozenset({"flows"}),  # Prefect wiring
    frozenset({"web"}),  # the review desk
    # the command: its group and error handler, options, checks before work, start-up, output, running a
    # check's flow, the commands around the checks, the subcommands
    frozenset(
        {"group", "errors", "options", "preflight", "startup", "console", "running", "commands", "cli", "__init__"}
        | {"__main__", "entry"}
    ),
)
"""The layer order, lowest first: a module imports only from its own layer or the layers below it."""


def package_modules() -> dict[str, Path]:
    """``marketfact`` subpackage or top-level module name → its files' folder (or file)."""
    import tomllib

    dirs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    found = {name.removeprefix("marketfact."): ROOT / folder for name, folder in dirs.items() if name != "marketfact"}
    found.update({f.stem: f for f in (ROOT / dirs["marketfact"]).glob("*.py")})
    return found


def layer_of(unit: str) -> int:
    return next(i for i, units in enumerate(LAYERS) if unit in units)


def test_every_part_of_the_package_has_a_layer() -> None:
    assert sorted(u for u in package_modules() if not any(u in layer for layer in LAYERS)) == []


def test_imports_go_down_the_layers_only() -> None:
    upward = []
    for unit, where in package_modules().items():
        for f in sorted(where.rglob("*.py")) if where.is_dir() else [where]:
            for module in imported_modules(f):
                parts = module.split(".")
                if parts[0] != "marketfact" or len(parts) < 2 or parts[1] not in package_modules():
                    continue
                if layer_of(parts[1]) > layer_of(unit):
                    upward.append(f"{f.relative_to(ROOT)} imports {module}")
    assert upward == []


def test_the_layer_checker_can_fail() -> None:
    assert layer_of("checks") > layer_of("claims") > layer_of("market")
    assert layer_of("flows") > layer_of("reports") == layer_of("history")
