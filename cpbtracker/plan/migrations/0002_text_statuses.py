"""The English status of each plan text becomes one status per language (``statuses``)."""

from __future__ import annotations

from django.db import migrations, models

ITEMS = ["capacityactivity", "capacityarea", "indicator", "objective"]
HELP = "language -> source | official | translation of the text"
ENGLISH_COLUMNS = [(name, "english") for name in [*ITEMS, "goal"]] + [("goal", "outcome_english")]


def english_column(default: str | None = None) -> models.CharField:
    # a default lets the removed columns come back on rows that exist (migrating backwards)
    return models.CharField(
        max_length=12,
        choices=[("official", "official English text"), ("translation", "translation")],
        default=default,
    )


def copy_english_status(apps, schema_editor) -> None:
    for name in ITEMS:
        for row in apps.get_model("plan", name).objects.all():
            row.statuses = {"zh": "source", "en": row.english}
            row.save(update_fields=["statuses"])
    for goal in apps.get_model("plan", "Goal").objects.all():
        goal.statuses = {"zh": "source", "en": goal.english}
        goal.outcome_statuses = {"zh": "source", "en": goal.outcome_english}
        goal.save(update_fields=["statuses", "outcome_statuses"])
    apps.get_model("plan", "Area").objects.update(statuses={"zh": "source", "en": "official"})
    apps.get_model("plan", "NarrativeSection").objects.update(
        statuses={"zh": "source", "en": "translation"}
    )


def copy_english_back(apps, schema_editor) -> None:
    for name in ITEMS:
        for row in apps.get_model("plan", name).objects.all():
            row.english = row.statuses.get("en", "translation")
            row.save(update_fields=["english"])
    for goal in apps.get_model("plan", "Goal").objects.all():
        goal.english = goal.statuses.get("en", "translation")
        goal.outcome_english = goal.outcome_statuses.get("en", "translation")
        goal.save(update_fields=["english", "outcome_english"])


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name="statuses",
                field=models.JSONField(default=dict, help_text=HELP),
            )
            for name in [*ITEMS, "area", "goal", "narrativesection"]
        ],
        migrations.AddField(
            model_name="goal",
            name="outcome_statuses",
            field=models.JSONField(default=dict, help_text=HELP),
        ),
        *[
            migrations.AlterField(model_name=name, name=column, field=english_column("translation"))
            for name, column in ENGLISH_COLUMNS
        ],
        migrations.RunPython(copy_english_status, copy_english_back),
        *[migrations.RemoveField(model_name=name, name=column) for name, column in ENGLISH_COLUMNS],
    ]
