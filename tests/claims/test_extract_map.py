"""The map of ``claims/extract/``: each subpackage's ``__init__`` names every module in it (one line each), so a
reader who opens the package sees what decides what; a rule added without its line fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[2] / "claims" / "extract"
SUBPACKAGES = sorted(p.parent.name for p in EXTRACT.glob("*/__init__.py"))


def test_the_readme_names_every_subpackage() -> None:
    readme = (EXTRACT / "README.md").read_text(encoding="utf-8")
    assert SUBPACKAGES
    assert [name for name in SUBPACKAGES if f"`{name}/`" not in readme] == []


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_a_subpackage_names_each_of_its_modules(name: str) -> None:
    init = (EXTRACT / name / "__init__.py").read_text(encoding="utf-8")
    modules = sorted(p.stem for p in (EXTRACT / name).glob("*.py") if p.stem != "__init__")
    assert modules
    assert [m for m in modules if f"``{m}``" not in init] == []
