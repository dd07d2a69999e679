"""The API lives under /api/v1/; the unversioned paths of before redirect there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_serves_the_api_under_v1():
    assert reverse("api-indicators") == "/api/v1/indicators/"
    assert reverse("api-draft", args=["KE", 5]) == "/api/v1/drafts/KE/5/"
    assert reverse("schema") == "/api/v1/schema/"


def test_it_redirects_an_old_path_permanently_keeping_the_query(client):
    response = client.get("/api/parties/on/?treaty=CP&date=2021-01-01")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/parties/on/?treaty=CP&date=2021-01-01"
    assert client.get(response["Location"]).status_code == 200


def test_it_redirects_a_write_without_asking_for_a_csrf_token():
    response = Client(enforce_csrf_checks=True).patch(
        "/api/drafts/KE/5/", data="{}", content_type="application/json"
    )
    assert response.status_code == 308  # the client repeats the PATCH at the new address
    assert response["Location"] == reverse("api-draft", args=["KE", 5])


def test_it_redirects_the_old_schema_and_root(client):
    assert client.get("/api/schema/")["Location"] == reverse("schema")
    assert client.get("/api/")["Location"] == reverse("api-root")


def test_the_v1_root_lists_the_resources(client):
    listed = client.get(reverse("api-root"), HTTP_ACCEPT="application/json").json()
    assert listed["plan/goals"].endswith("/api/v1/plan/goals/")
    assert listed["parties"].endswith("/api/v1/parties/")


def test_the_schema_names_only_versioned_paths(client):
    paths = client.get(reverse("schema"), {"format": "json"}).json()["paths"]
    assert paths and all(p.startswith("/api/v1/") for p in paths)
    assert "/api/v1/plan/goals/" in paths and "/api/v1/drafts/{iso2}/{cycle}/" in paths
