"""Rasa sends the domain only to the actions marked `send_domain: true` in domain/ and to the
validate_* ones (endpoints.yml: enable_selective_domain); the others get an empty one. An
action whose code reads its `domain` argument must be marked, or it would answer with empty
texts; one that does not read it should not be (the domain is about 110 kB of JSON a call)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action

import actions

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"


def marked_actions() -> set[str]:
    marked: set[str] = set()
    for path in DOMAIN_DIR.glob("*.yml"):
        part: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in part.get("actions") or []:
            if isinstance(entry, dict):
                marked |= {
                    name for name, config in entry.items() if (config or {}).get("send_domain")
                }
    return marked


def reads_domain(function: Any) -> bool:
    """Whether the body of `function` uses its `domain` argument."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    [definition] = tree.body
    assert isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef)
    return any(
        isinstance(node, ast.Name) and node.id == "domain" and isinstance(node.ctx, ast.Load)
        for statement in definition.body
        for node in ast.walk(statement)
    )


def our_actions() -> dict[str, type[Action]]:
    found: dict[str, type[Action]] = {}
    for module_info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            ours = cls.__module__ == module.__name__ and not inspect.isabstract(cls)
            if ours and issubclass(cls, Action):
                action: Action = cls()
                found[action.name()] = cls
    return found


def needs_domain(cls: type[Action]) -> bool:
    """Any method of the action or of its bases in actions/ reads `domain`."""
    return any(
        reads_domain(member)
        for base in cls.__mro__
        if base.__module__.startswith("actions.")
        for member in vars(base).values()
        if inspect.isfunction(member) and "domain" in inspect.signature(member).parameters
    )


def test_every_action_that_reads_the_domain_is_sent_it() -> None:
    needing = {name for name, cls in our_actions().items() if needs_domain(cls)}
    sent = marked_actions() | {name for name in our_actions() if name.startswith("validate_")}
    assert needing - sent == set()


def test_no_action_is_sent_the_domain_it_does_not_read() -> None:
    assert {name for name in marked_actions() if not needs_domain(our_actions()[name])} == set()


def test_the_check_sees_a_helper_given_the_domain() -> None:
    # action_session_start passes its domain to the pulse offer of a held meeting.
    assert needs_domain(our_actions()["action_session_start"])
    assert not needs_domain(our_actions()["action_greet"])
