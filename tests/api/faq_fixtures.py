"""Made-up FAQ topics for tests (the real content is tested by `scripts/build_faq.py --check`)."""

from pathlib import Path
from typing import Any

import yaml


def topic(name: str, related: list[str] | None = None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "topic": name,
        "title": {"fi": f"Aihe {name}", "sv": f"Ämne {name}", "en": f"Topic {name}"},
        "sources": ["https://example.org/rule"],
        "reviewed": "2026-11-29",
        "related": related or [],
        "variants": [
            {
                "valid_until": "2025-12-31",
                "answer": {"fi": "Vanha sääntö.", "sv": "Gammal regel.", "en": "Old rule."},
            },
            {
                "valid_from": "2026-01-01",
                "answer": {"fi": "Uusi sääntö.", "sv": "Ny regel.", "en": "New rule."},
            },
        ],
        "examples": {
            "fi": "".join(f"- {name} kysymys {i}\n" for i in range(15)),
            "sv": "".join(f"- {name} fråga {i}\n" for i in range(10)),
            "en": "".join(f"- {name} question {i}\n" for i in range(10)),
        },
    }
    data.update(changes)
    return data


def write(folder: Path, *topics: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for item in topics:
        (folder / f"{item['topic']}.yml").write_text(yaml.safe_dump(item, allow_unicode=True))
    return folder
