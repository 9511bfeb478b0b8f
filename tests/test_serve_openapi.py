"""Property-based API test from the server's own OpenAPI document (schemathesis): whatever a client
sends that the document allows (and much that it does not), the server never answers 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from rhetoric.serve import Settings, create_app  # noqa: E402

_FOLDER = tempfile.TemporaryDirectory(prefix="rhetoric-openapi-")
APP = create_app(Settings(db=Path(_FOLDER.name) / "q.sqlite"))
schema = schemathesis.openapi.from_asgi("/v1/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_the_document_describes_gets_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
