"""`python -m rasa_components.rasa_cli ARGS` is `rasa ARGS` with Rasa 3.6's action calls made
cheap and its usage telemetry off.

Rasa 3.6 checks every response of the action server with `jsonschema.validate`, which first
checks the response schema itself against JSON Schema's draft 2020-12 meta-schema, on every
call. Measured with py-spy under `make bench-latency`, that meta-schema check was more than
half of the Rasa server's CPU time per message. Here the schema is checked once and its
validator kept; every response is still validated against the same schema, with the same error.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from jsonschema import exceptions, validators
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.telemetry import TELEMETRY_ENABLED_ENVIRONMENT_VARIABLE


@functools.cache
def response_validator() -> Validator:
    """The validator of Rasa's action response schema, checked against its meta-schema once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator: Validator = validator_class(schema)
    return validator


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the kept validator (jsonschema.validate's
    own steps after its schema check: the best-matching error is raised)."""
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result


def main() -> None:
    # A public service reports nothing to third parties, whatever Rasa's global config says
    # (the entry point's environment, read by rasa.telemetry before anything is sent).
    os.environ[TELEMETRY_ENABLED_ENVIRONMENT_VARIABLE] = "false"
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
