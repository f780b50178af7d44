"""PII redaction of clients' free text before anything stores it."""

from api.services.redaction.redactor import Redactor, build_redactor

__all__ = ["Redactor", "build_redactor"]
