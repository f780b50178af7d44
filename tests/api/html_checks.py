"""Structural accessibility checks of the advisor UI's HTML (what a test can check)."""

import re
from html.parser import HTMLParser


class PageStructure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.headings: list[int] = []
        self.label_targets: set[str] = set()
        self.fields: list[dict[str, str | None]] = []
        self.table_headers: list[dict[str, str | None]] = []
        self.first_link: str | None = None
        self.inline_scripts = 0
        self.style_attributes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(str(attributes["for"]))
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.fields.append(attributes)
        elif tag == "th":
            self.table_headers.append(attributes)
        elif tag == "a" and self.first_link is None:
            self.first_link = attributes.get("href")
        elif tag == "script" and "src" not in attributes:
            self.inline_scripts += 1


def check_page(html: str, lang: str) -> PageStructure:
    page = PageStructure()
    page.feed(html)
    assert page.html_lang == lang
    assert page.first_link == "#main", "the skip link comes first"
    assert 'id="main"' in html
    assert page.headings.count(1) == 1, "one h1"
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading levels skip: {page.headings}"
    for field in page.fields:
        assert field.get("id") in page.label_targets, f"no label for {field}"
    for header in page.table_headers:
        assert header.get("scope") in ("col", "row")
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    return page
