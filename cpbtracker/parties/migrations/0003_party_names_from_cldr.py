"""Party names in the six UN languages from CLDR (they were English and Chinese only)."""

from django.db import migrations


def names_from_cldr(apps, schema_editor):
    from cpbtracker.parties.names import government_names

    Party = apps.get_model("parties", "Party")
    for party in Party.objects.all():
        names = government_names(party.iso2, party.name)
        if names != party.name:
            party.name = names
            party.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("parties", "0002_verbose_names")]

    operations = [migrations.RunPython(names_from_cldr, migrations.RunPython.noop)]
