"""Fill ``complete`` for submitted versions stored before the flag existed (0002 added it
empty), with the rule submission uses, so that reading timeliness never re-validates a report;
from now on a submitted version always carries it."""

from django.db import migrations, models


def fill_complete(apps, schema_editor):
    from cpbtracker.reporting.questionnaire import is_complete, load_questionnaire

    ReportVersion = apps.get_model("reporting", "ReportVersion")
    Answer = apps.get_model("reporting", "Answer")
    unchecked = ReportVersion.objects.filter(status="submitted", complete__isnull=True)
    for schema in unchecked.values_list("report__cycle__schema", flat=True).distinct():
        questionnaire = load_questionnaire(schema)
        ids = list(unchecked.filter(report__cycle__schema=schema).values_list("pk", flat=True))
        answers = {pk: {} for pk in ids}
        for version_id, key, value in Answer.objects.filter(version_id__in=ids).values_list(
            "version_id", "key", "value"
        ):
            answers[version_id][key] = value
        passed = [pk for pk, given in answers.items() if is_complete(questionnaire, given)]
        ReportVersion.objects.filter(pk__in=passed).update(complete=True)
        ReportVersion.objects.filter(pk__in=ids).exclude(pk__in=passed).update(complete=False)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_publication_request")]

    operations = [
        migrations.RunPython(fill_complete, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reportversion",
            constraint=models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(complete__isnull=False),
                name="submitted_version_checked",
            ),
        ),
    ]
