"""Error pages (404, 403, 500) come in the site's layout, in the reader's language."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_it_shows_a_missing_page_in_the_sites_layout_and_language():
    response = Client().get("/no-such-page/?lang=zh-hans")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert 'class="site"' in html  # the header and footer of every page
    assert "找不到页面" in html
    assert "Page not found" not in html


def test_it_shows_a_refusal_in_the_sites_layout_and_language(personas):
    client = Client()
    client.force_login(personas.ke_user)
    response = client.get("/audit/?party=KE&lang=zh-hans")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site"' in html
    assert "不允许" in html


def test_it_shows_a_server_error_without_any_request_context():
    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert 'class="site"' in html
    assert "服务器错误" in html


def test_arabic_error_pages_read_right_to_left():
    html = Client().get("/no-such-page/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
