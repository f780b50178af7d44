"""A domain response in a given language, for an action that sets the language slot itself.

Rasa renders `response=` by the slots as they were before the action's events, so an action
that has just chosen the language picks the matching variation from the domain instead.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.types import DomainDict


def in_language(domain: DomainDict, name: str, language: str, **values: Any) -> dict[str, Any]:
    """`text` (filled with `values`) and `buttons` of the variation for `language`; the one
    without a condition (Finnish) when there is none."""
    variations: list[dict[str, Any]] = (domain.get("responses") or {}).get(name) or []
    chosen = next(
        (
            v
            for v in variations
            if any(
                c.get("name") == "language" and c.get("value") == language
                for c in v.get("condition") or []
            )
        ),
        next((v for v in variations if not v.get("condition")), {"text": ""}),
    )
    return {
        "text": str(chosen.get("text", "")).format(**values),
        "buttons": chosen.get("buttons", []),
    }
