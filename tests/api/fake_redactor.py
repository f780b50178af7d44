"""A FAKE redactor for tests: building the real one (Presidio) takes time.

It only replaces runs of digits with <NUMBER>, which is enough to see that what is stored
and shown is the redactor's output, never the raw text.
"""

import re

from api.services.redaction import Redactor


class FakeRedactor(Redactor):
    def __init__(self) -> None:
        self.calls: list[str] = []  # languages only: the tests need not keep the texts

    def redact(self, text: str, language: str) -> str:
        self.calls.append(language)
        return re.sub(r"\d+", "<NUMBER>", text)
