"""Every API operation fuzzed from the OpenAPI schema, signed in as Kenya's focal point (so the
draft endpoints and the answer shapes the schema describes are reached): no server error."""

from __future__ import annotations

import random
import secrets

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, save_answers

EXAMPLES = 20  # per operation: bounded so that the suite stays quick
ANSWER_EXAMPLES = 80  # answers to the draft, in the shapes the schema describes


# The schema as the app serves it, in-process (no network).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
# Bounded: the coverage phase would generate every boundary case of every parameter.
schema.config.phases.coverage.enabled = False
# The signed-in session stands in for the credentials the fuzzer would make up.
schema.config.generation.with_security_parameters = False


@pytest.fixture
def keep_connection(db):
    """As in Django's test client: a request does not close the test's database connection,
    which holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def signed_in(personas, keep_connection) -> dict[str, dict[str, str]]:
    """Headers of Kenya's focal point's session, with a CSRF token, and a draft to work on."""
    draft = open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_nfp)
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(3), 0.7)
    save_answers(draft, answers, user=personas.ke_nfp)
    client = Client()
    client.force_login(personas.ke_nfp)
    token = secrets.token_hex(16)  # an unmasked 32-character CSRF secret
    session = client.cookies["sessionid"].value
    return {
        "cookies": {"sessionid": session, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


def call_signed_in(case, signed_in: dict) -> None:
    if case.path.startswith("/api/v1/drafts/"):  # the draft that exists, so bodies reach it
        case.path_parameters = {**case.path_parameters, "iso2": "KE", "cycle": 5}
    response = case.call(**signed_in)
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_api_request_causes_a_server_error(case, signed_in):
    call_signed_in(case, signed_in)


@schema.include(method="PATCH", path_regex="^/api/v1/drafts/").parametrize()
@settings(
    max_examples=ANSWER_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_answer_of_any_shape_causes_a_server_error(case, signed_in):
    if isinstance(case.body, dict):  # no made-up revision: let the answers reach the draft
        case.body.pop("revision", None)
    case.headers = {k: v for k, v in (case.headers or {}).items() if k != "If-Match"}
    call_signed_in(case, signed_in)
