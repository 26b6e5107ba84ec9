"""Whether a test whose browser or service is missing may skip: not under CI (CI=true) nor with
ZWGK_REQUIRE_ALL=1, where a suite skipped for want of chromium, Redis or PostgreSQL would let the
run pass without having tested it."""
import os

import pytest


def everything_required() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1") or os.environ.get("ZWGK_REQUIRE_ALL") == "1"


def missing(message: str) -> None:
    """Skips the test saying what is missing, or fails it when everything is required."""
    if everything_required():
        pytest.fail(f"{message}\n(CI=true or ZWGK_REQUIRE_ALL=1: a missing requirement is an error, not a skip)",
                    pytrace=False)
    pytest.skip(message)
