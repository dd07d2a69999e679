"""A control character in a Party's name is refused at every door: the Parties CSV and the
admin (a spreadsheet of Parties could not hold it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cpbtracker.parties.models import Party

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"


def test_the_parties_csv_refuses_a_control_character_naming_row_and_column(tmp_path):
    path = tmp_path / "parties.csv"
    text = (ASSETS / "parties-update.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("Sierra Leone", "Sierra\x0bLeone"), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("parties", "import", str(path))
    assert "row 2, column name_en: contains a control character (U+000B)" in str(refused.value)
    assert Party.objects.get(iso2="SL").name["en"] == "Sierra Leone"


def test_the_admin_refuses_a_control_character_in_a_party_name(client):
    client.force_login(get_user_model().objects.create_superuser("admin"))
    kenya = Party.objects.get(iso2="KE")
    url = f"/admin/parties/party/{kenya.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update(
        {
            "name": '{"en": "Ken\\u000bya"}',
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    page = client.post(url, data)
    assert page.status_code == 200  # the form again, with the error
    assert "A control character (U+000B) cannot be stored." in page.content.decode()
    assert Party.objects.get(iso2="KE").name["en"] == "Kenya"
