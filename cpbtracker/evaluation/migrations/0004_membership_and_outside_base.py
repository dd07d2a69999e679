"""Stored figures use the engine's new names: source "registry" is "membership", the drill-down
group "not_applicable" is "outside_base"."""

from django.db import migrations


def rename(apps, schema_editor, source, group):
    StoredResult = apps.get_model("evaluation", "StoredResult")
    StoredResult.objects.filter(source=source[0]).update(source=source[1])
    changed = []
    for result in StoredResult.objects.all().only("pk", "parties"):
        if group[0] in result.parties:
            result.parties[group[1]] = result.parties.pop(group[0])
            changed.append(result)
    StoredResult.objects.bulk_update(changed, ["parties"], batch_size=500)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, ("registry", "membership"), ("not_applicable", "outside_base"))


def backwards(apps, schema_editor):
    rename(apps, schema_editor, ("membership", "registry"), ("outside_base", "not_applicable"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_contribution")]

    operations = [migrations.RunPython(forwards, backwards)]
