"""The name of a Rasa model: the fingerprint of what it is trained from.

    python publisher/fingerprint.py                  # the fingerprint of the repository's model
    python publisher/fingerprint.py --list           # the files it covers (make's prerequisites)
    python publisher/fingerprint.py --generated DIR  # with the FAQ's generated files from DIR

It covers the configuration, the hand-written domain and training data, the custom components
and what they import, and of the FAQ only the generated training data and responses
(scripts/build_faq.py), which hold the topic ids and their examples and no answer text. So a
text publish (or a new day) keeps the fingerprint, and the model, while new examples or topics
change it. The Makefile names the model it trains by it, and so does the training worker: a
model for content that was live before (a rollback) is found, not trained again.

Standard library only: make runs it before any environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Generated from the FAQ's topic files: read from the folder they were generated into.
GENERATED = ("data/nlu/generated/faq.yml", "domain/faq.generated.yml")
# Not in the model: the tracker and lock stores are loaded from endpoints*.yml, the launchers
# run Rasa and the action server, and the vocabulary only they, the actions and the API use
# (message limits, production mode, the sections' names, the idempotency key's header, what
# the tracker store need not send to be redacted).
NOT_TRAINED = {
    "rasa_components/redacting_tracker_store.py",
    "rasa_components/lock_store.py",
    "rasa_components/rasa_cli.py",
    "rasa_components/action_server.py",
    "vocabulary/messages.py",
    "vocabulary/deployment.py",
    "vocabulary/idempotency.py",
    "vocabulary/section_labels.py",
    "vocabulary/redaction.py",
}


def _sorted(paths: list[Path], repo: Path) -> list[str]:
    return sorted(p.relative_to(repo).as_posix() for p in paths if p.is_file())


def fixed_inputs(repo: Path = REPO) -> list[str]:
    """The files of the repository itself, in a fixed order (relative paths)."""
    domain = [p for p in repo.glob("domain/*.yml") if not p.name.endswith(".generated.yml")]
    data = [
        p
        for p in repo.glob("data/**/*.yml")
        if not p.relative_to(repo).as_posix().startswith(("data/faq/", "data/nlu/generated/"))
    ]
    components = [
        p
        for p in repo.glob("rasa_components/*.py")
        if p.relative_to(repo).as_posix() not in NOT_TRAINED
    ]
    vocabulary = [
        p for p in repo.glob("vocabulary/*.py") if p.relative_to(repo).as_posix() not in NOT_TRAINED
    ]
    return [
        "config.yml",
        *_sorted(domain, repo),
        *_sorted(data, repo),
        *_sorted(components, repo),
        *_sorted(vocabulary, repo),
        *_sorted(list(repo.glob("embeddings/*.py")), repo),
        "requirements/rasa.txt",
    ]


def fingerprint(repo: Path = REPO, generated: Path | None = None) -> str:
    """16 hex digits over the fixed inputs of `repo` and the generated files under
    `generated` (default: `repo`)."""
    digest = hashlib.sha256()
    for name in fixed_inputs(repo):
        digest.update((repo / name).read_bytes())
    for name in GENERATED:
        digest.update(((generated or repo) / name).read_bytes())
    return digest.hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--list", action="store_true", help="print the files it covers")
    parser.add_argument("--generated", type=Path, help="where the generated FAQ files are")
    args = parser.parse_args()
    if args.list:
        sys.stdout.write(" ".join([*fixed_inputs(), *GENERATED]) + "\n")
        return 0
    try:
        sys.stdout.write(fingerprint(generated=args.generated) + "\n")
    except FileNotFoundError as missing:
        sys.stderr.write(f"missing: {missing.filename} (run `make faq`)\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
