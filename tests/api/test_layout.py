"""The API's layout holds: the business layer knows no HTTP, data access knows no business
logic, and no package imports one that imports it back."""

import ast
from collections import defaultdict
from pathlib import Path

from api.core.settings import REPO_ROOT

API = REPO_ROOT / "api"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def part_of(module: str) -> str:
    """The package a module belongs to: api.core, api.services.faq, api.web.advisor, …"""
    parts = module.split(".")
    depth = 3 if len(parts) > 3 and parts[1] in ("services", "web") else 2
    return ".".join(parts[:depth])


def test_the_business_layer_knows_no_http() -> None:
    for path in modules(API / "services"):
        http = {m for m in imports_of(path) if m.split(".")[0] in ("fastapi", "starlette")}
        assert not http, f"{path.relative_to(REPO_ROOT)} imports {http}"


def test_data_access_imports_only_the_orm() -> None:
    for path in modules(API / "repositories"):
        ours = {m for m in imports_of(path) if m.startswith("api")}
        assert ours <= {"api.orm"}, f"{path.relative_to(REPO_ROOT)} imports {ours}"


def test_only_main_deps_orm_and_cli_at_the_top() -> None:
    loose = {path.name for path in API.glob("*.py")}
    assert loose == {"__init__.py", "main.py", "deps.py", "orm.py", "cli.py"}


def test_no_import_cycle_between_packages() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in modules(API):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for imported in imports_of(path):
            if imported.startswith("api.") and part_of(imported) != part_of(module):
                edges[part_of(module)].add(part_of(imported))

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in edges.get(start, set()) - seen:
            if step == goal or reaches(step, goal, seen | {step}):
                return True
        return False

    for package, targets in edges.items():
        for other in targets:
            assert not reaches(other, package, {other}), f"{package} <-> {other}"
