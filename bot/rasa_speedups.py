"""A hot spot of Rasa 3.6 (pinned) removed without changing what Rasa does.

Rasa checks every action server response with `jsonschema.validate(result, schema)`. That function
first validates the schema itself against the JSON Schema meta-schema, then builds a new validator,
on every call: on 2 cores it took about 30 ms of CPU of an 80 ms figure-question turn, a third of
the Rasa server's time under load (py-spy, docs/benchmarks.md). The schema never changes, so here
the validator is built once and the response is checked exactly as before: the same errors, the same
message added to them.

`install()` is called in the Rasa server process (it is idempotent).
"""
from __future__ import annotations

import functools
from typing import Any, Dict

from rasa.core.actions import action as rasa_action
from rasa.shared.constants import DOCS_BASE_URL

_original = rasa_action.RemoteAction._validate_action_result


@functools.lru_cache(maxsize=1)
def response_validator():
    from jsonschema.validators import validator_for

    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self, result: Dict[str, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def install() -> None:
    rasa_action.RemoteAction._validate_action_result = validate_action_result


def original_validate_action_result(action, result: Dict[str, Any]) -> bool:
    """Rasa's own check, to compare against."""
    return _original(action, result)
