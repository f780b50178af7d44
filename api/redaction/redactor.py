"""The redactor the API applies to every client text before storing it.

Interface only for now: the Presidio-based implementation replaces `redact`.
"""

from api.settings import ApiSettings


class Redactor:
    def redact(self, text: str, language: str) -> str:
        """`text` with personal data replaced by placeholders such as <HETU>."""
        raise NotImplementedError("PII redaction is not built yet")


def build_redactor(settings: ApiSettings) -> Redactor:
    """Build once in the app's lifespan (loads the language pipelines)."""
    return Redactor()
