"""The editor UI's strings: the same keys in Finnish and English, and every key a template
names is there."""

import re

from api.web.editor.strings import STRINGS
from api.web.jinja import WEB_DIR
from api.web.staff.strings import STRINGS as LAYOUT


def test_both_languages_have_every_string() -> None:
    assert STRINGS["fi"].keys() == STRINGS["en"].keys()


def test_every_string_the_templates_name_exists() -> None:
    named = set()
    for template in (WEB_DIR / "templates" / "editor").glob("*.html"):
        named |= set(re.findall(r"\bt\.([a-z_]+)", template.read_text()))
    assert named - STRINGS["fi"].keys() - LAYOUT["fi"].keys() == set()
