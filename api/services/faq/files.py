"""The topic files of FAQ_DIR: reading them for an import, writing a topic's file, exporting
the live topics after a publish.

A topic's file is kept with each version (`render` makes it when a version is saved): the
house format of data/faq/ (a comment, the fields in their order, answers folded with `>-`,
examples as a `|` block of "- question" lines), where every answer whose text did not change
keeps the previous file's lines, line breaks and all, and so does the comment. A file that
was imported and not changed is written back byte for byte; a changed one differs in git only
where the topic did.
"""

from __future__ import annotations

import logging
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from api.services.faq.content import (
    ContentError,
    Finding,
    Topic,
    document_of,
    parse_file,
    validate_document,
)
from vocabulary.languages import LANGUAGES

logger = logging.getLogger(__name__)

WIDTH = 92  # the longest line a new answer text is folded into
ANSWER_INDENT = 8


@dataclass(frozen=True)
class TopicFile:
    """A topic as read from its file: the document and the file's text."""

    topic: Topic
    document: dict[str, Any]
    text: str


def read_folder(folder: Path) -> tuple[dict[str, TopicFile], list[Finding]]:
    """Every *.yml topic file of the folder that keeps the schema, and what is wrong with the
    others."""
    files: dict[str, TopicFile] = {}
    found: list[Finding] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            topic = parse_file(path)
        except ContentError as error:
            found += error.findings
            continue
        files[topic.topic] = TopicFile(topic, document_of(topic), path.read_text("utf-8"))
    return files, found


def _header(previous: str | None, document: dict[str, Any]) -> str:
    if previous is not None:
        lines = previous.splitlines(keepends=True)
        comment = "".join(line for line in _leading(lines) if line.startswith("#"))
        if comment:
            return comment
    return f"# FAQ topic: {' '.join(document['title']['en'].split())}\n"


def _leading(lines: list[str]) -> list[str]:
    """The comment lines the file begins with."""
    result = []
    for line in lines:
        if not line.startswith("#"):
            break
        result.append(line)
    return result


def _folded_blocks(previous: str | None) -> dict[str, list[str]]:
    """The previous file's folded texts: their value, and their lines without indentation
    (the `>-` indicator first)."""
    if previous is None:
        return {}
    try:
        root = yaml.compose(previous)
    except yaml.YAMLError:
        return {}
    blocks: dict[str, list[str]] = {}
    pending: list[yaml.Node] = [] if root is None else [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending += [value for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.ScalarNode) and node.style == ">":
            source = previous[node.start_mark.index : node.end_mark.index]
            indicator, *content = source.splitlines()
            indent = min((len(c) - len(c.lstrip(" ")) for c in content if c.strip()), default=0)
            blocks[node.value] = [indicator.strip(), *(c[indent:] for c in content)]
    return blocks


def _plain(value: str) -> str:
    """A one-line scalar as YAML writes it: plain when it can be, quoted when it must."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _quoted(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style='"')
    return dumped.removesuffix("\n")


def _answer(text: str, reuse: dict[str, list[str]]) -> str:
    """An answer text at its place (after "fi: "), folded with `>-`."""
    pad = " " * ANSWER_INDENT
    kept = reuse.get(text)
    if kept is not None:
        indicator, *content = kept
        return indicator + "\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in content)
    foldable = (
        text
        and text == text.strip()
        and text.isprintable()
        and "  " not in text
        and "\t" not in text
    )
    if not foldable:
        return _quoted(text) + "\n"
    lines = textwrap.wrap(
        text, width=WIDTH - ANSWER_INDENT, break_long_words=False, break_on_hyphens=False
    )
    if " ".join(lines) != text:
        return _quoted(text) + "\n"
    return ">-\n" + "".join(f"{pad}{line}\n" for line in lines)


def _house_format(document: dict[str, Any], previous: str | None) -> str:
    reuse = _folded_blocks(previous)
    out = [_header(previous, document), f"topic: {_plain(document['topic'])}\n", "title:\n"]
    out += [f"  {language}: {_plain(document['title'][language])}\n" for language in LANGUAGES]
    out.append("sources:\n")
    out += [f"  - {_plain(source)}\n" for source in document["sources"]]
    out.append(f"reviewed: {_quoted(document['reviewed'])}\n")
    out.append(f"unverified: {'true' if document.get('unverified') else 'false'}\n")
    out.append(f"related: [{', '.join(_plain(r) for r in document.get('related', []))}]\n")
    out.append("variants:\n")
    for variant in document["variants"]:
        marker = "  - "
        for key in ("valid_from", "valid_until"):
            if key in variant:
                out.append(f"{marker}{key}: {_quoted(variant[key])}\n")
                marker = "    "
        out.append(f"{marker}answer:\n")
        out += [
            f"      {language}: {_answer(variant['answer'][language], reuse)}"
            for language in LANGUAGES
        ]
    out.append("examples:\n")
    for language in LANGUAGES:
        out.append(f"  {language}: |\n")
        out += [f"    - {example}\n" for example in document["examples"][language]]
    return "".join(out)


def _reads_back(text: str, document: dict[str, Any]) -> bool:
    try:
        raw = yaml.safe_load(text)
        return document_of(validate_document(raw, document["topic"])) == document
    except (yaml.YAMLError, ContentError):
        return False


def render(document: dict[str, Any], previous: str | None = None) -> str:
    """The topic's file for `document` (a valid topic's document_of), with the previous
    version's file (if any) kept wherever the document did not change."""
    text = _house_format(document, previous)
    if _reads_back(text, document):
        return text
    # Never a file that means something else: PyYAML's own layout reads back for certain.
    logger.warning("FAQ topic %s: written in PyYAML's layout", document["topic"])
    return _header(previous, document) + yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, width=WIDTH
    )


def write_folder(folder: Path, files: dict[str, str], remove: set[str]) -> list[str]:
    """Writes each topic's file ({topic: text}) whose content differs from the one there and
    removes the files of `remove`, each atomically; returns the file names changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for topic, text in sorted(files.items()):
        path = folder / f"{topic}.yml"
        if path.exists() and path.read_bytes() == text.encode("utf-8"):
            continue
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, path)
        changed.append(path.name)
    for topic in sorted(remove):
        path = folder / f"{topic}.yml"
        if path.exists():
            path.unlink()
            changed.append(path.name)
    return changed
