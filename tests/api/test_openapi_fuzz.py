"""schemathesis against the running service's /openapi.json, signed in as an admin: no operation
answers a 5xx (a bounded run; ``motcua eval api`` runs a longer one and the bad-file corpus)."""

from __future__ import annotations

import pytest

from eval.api_checks import ADMIN, PASSWORD, fuzz_openapi
from eval.service import LocalService


@pytest.mark.slow
def test_no_operation_answers_a_server_error():
    with LocalService() as service:
        assert service.helpdesk == "ready"
        service.add_user(ADMIN, PASSWORD, "admin")
        report = fuzz_openapi(service.url, service.token(ADMIN, PASSWORD), max_examples=8, max_time=90)
    assert report["operations"] >= 20
    assert report["failed_operations"] == [] and report["exit_status"] == 0, report
