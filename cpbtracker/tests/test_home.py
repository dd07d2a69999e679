"""`/`: what the product is, where the plan stands, where each user starts, and for a Party's
users the reports of the open cycle with the requests for publication awaiting approval."""

from __future__ import annotations

import random
import re

import pytest
from django.test import Client

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, request_publication, save_answers

pytestmark = pytest.mark.django_db


def home(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def pending_request(personas):
    """Kenya's authorized user asked for its complete 5th report to be published."""
    draft = open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_user)
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(7), 0.7)
    save_answers(draft, answers, user=personas.ke_user)
    return request_publication(draft, user=personas.ke_user)


def test_it_tells_the_public_what_the_product_is_and_where_the_plan_stands(client):
    html = home(client)
    assert 'id="where-the-plan-stands"' in html and 'id="where-to-start"' in html
    tiles = re.findall(
        r'<li class="tile tile-[a-z_]+">\s*<h3><a href="/evaluation/goals/([AB]\.\d+)/', html
    )
    assert len(tiles) == 14 and tiles[0] == "A.1" and tiles[-1] == "B.4"
    assert 'href="/accounts/login/"' in html
    assert 'id="your-work"' not in html
    assert "/reports/tracker/" not in html  # the tracker is the Secretariat's


def test_the_focal_point_sees_the_request_awaiting_its_approval(client, personas, pending_request):
    client.force_login(personas.ke_nfp)
    html = home(client)
    work = html.split('id="your-work"', 1)[1].split("</section>", 1)[0]
    assert 'href="/reports/KE/5/edit/"' in work
    assert "1 request for publication awaits your approval" in " ".join(work.split())

    client.force_login(personas.ke_user)
    work = home(client).split('id="your-work"', 1)[1].split("</section>", 1)[0]
    assert "1 request for publication awaits the focal point's approval" in " ".join(work.split())

    client.force_login(personas.cn_user)  # another Party's user: China's report, no request
    work = home(client).split('id="your-work"', 1)[1].split("</section>", 1)[0]
    assert 'href="/reports/CN/5/edit/"' in work and "request" not in work


def test_the_draft_page_opens_with_the_pending_request_and_its_decision(
    client, personas, pending_request
):
    client.force_login(personas.ke_nfp)
    html = client.get("/reports/KE/5/edit/").content.decode()
    box = html.index('id="pending-request"')
    assert box < html.index("Languages of the report")  # before the sections' work
    assert html.index('value="approve"', box) < html.index("</section>", box)
    assert 'data-confirm="Approve and publish the report now?' in html

    client.force_login(personas.ke_user)  # the requester sees the request, not the decision
    html = client.get("/reports/KE/5/edit/").content.decode()
    assert 'id="pending-request"' in html and 'value="approve"' not in html


def test_signing_in_leads_to_the_home_page(personas):
    personas.ke_nfp.set_password("Biosafety-2030-ok")
    personas.ke_nfp.save()
    response = Client().post(
        "/accounts/login/", {"username": "ke-nfp", "password": "Biosafety-2030-ok"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
