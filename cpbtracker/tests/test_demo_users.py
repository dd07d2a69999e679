"""`demo load` creates its demo users and never touches an existing account."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cpbtracker.management.commands.demo import create_demo_users

pytestmark = pytest.mark.django_db


def test_it_never_resets_an_existing_account_of_a_demo_user_name():
    real = get_user_model().objects.create_user("secretariat", password="a-Real-passphrase-42")

    assert create_demo_users() == ["ke-nfp", "ke-user", "cn-nfp"]

    real.refresh_from_db()
    assert real.check_password("a-Real-passphrase-42")
    assert not real.check_password("demo")
    assert not real.is_staff and not real.roles.exists()  # no role granted either
    assert get_user_model().objects.get(username="ke-nfp").check_password("demo")
    assert create_demo_users() == []  # a second load leaves its own users alone too
