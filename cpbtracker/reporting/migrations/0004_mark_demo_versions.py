from django.db import migrations


def mark_demo_versions(apps, schema_editor):
    """Versions made by `demo load` before versions carried the flag: the first version of a
    demo report. Later versions (an import or a reopened draft added to it) stay real."""
    ReportVersion = apps.get_model("reporting", "ReportVersion")
    ReportVersion.objects.filter(report__is_demo=True, number=1).update(is_demo=True)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_draft_revision")]

    operations = [migrations.RunPython(mark_demo_versions, migrations.RunPython.noop)]
