"""A snapshot's figure keeps the engine's result as JSON, as the indicators' store does, instead
of one column per number. Snapshots taken before keep their numbers: each row's columns become
that JSON (and back, when migrating backwards)."""

from django.db import migrations, models

# The columns of a figure before this migration, each now a key of its JSON (or derived).
OLD_COLUMNS = (
    "status",
    "source",
    "unit",
    "value",
    "numerator",
    "denominator",
    "population",
    "response_rate",
    "baseline_cycle",
    "baseline_value",
    "parties",
    "note",
    "parts",
)
# The columns without a null, made nullable before they go: migrating backwards adds them
# to the rows first and fills them afterwards.
NULLABLE_FIRST = {
    "status": models.CharField(max_length=20, null=True),
    "source": models.CharField(max_length=12, null=True),
    "unit": models.CharField(max_length=12, null=True),
    "numerator": models.PositiveIntegerField(null=True),
    "denominator": models.PositiveIntegerField(null=True),
    "population": models.PositiveIntegerField(null=True),
}


def _frozen_status(source, value):
    """A baseline's or part's status, which the columns did not keep: its value tells."""
    if source == "manual":
        return "manual"
    return "no-data" if value is None else "computed"


def _baseline(row, value):
    return {
        "code": row.code,
        "cycle": row.baseline_cycle,
        "source": row.source,
        "status": _frozen_status(row.source, value),
        "value": value,
    }


def figure_json(row):
    """The result's JSON from the old columns: the response rate is kept as the Parties that
    reported (the rate had one decimal: a population under 500 gives back the same count)."""
    reporting = None
    if row.response_rate is not None and row.population:
        reporting = round(row.response_rate * row.population / 100)
    has_baseline = row.baseline_cycle is not None
    return {
        "code": row.code,
        "cycle": row.cycle,
        "source": row.source,
        "status": row.status,
        "value": row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "population": row.population,
        "reporting": reporting,
        "parties": row.parties,
        "note": row.note,
        "unit": row.unit,
        "baseline": _baseline(row, row.baseline_value) if has_baseline else None,
        "parts": [
            {
                "code": row.code,
                "cycle": row.cycle,
                "source": row.source,
                "status": _frozen_status(row.source, part["value"]),
                "value": part["value"],
                "key": part["key"],
                "label": part["label"],
                "baseline": _baseline(row, part["baseline_value"]) if has_baseline else None,
            }
            for part in row.parts
        ],
    }


def columns_to_json(apps, schema_editor):
    figures = apps.get_model("evaluation", "SnapshotFigure").objects
    rows = list(figures.all())
    for row in rows:
        row.figure = figure_json(row)
    figures.bulk_update(rows, ["figure"], batch_size=500)


def json_to_columns(apps, schema_editor):
    figures = apps.get_model("evaluation", "SnapshotFigure").objects
    rows = list(figures.all())
    for row in rows:
        data = row.figure
        for name in ("status", "source", "unit", "value", "numerator", "denominator", "note"):
            setattr(row, name, data[name])
        row.population = data["population"]
        reporting = data.get("reporting")
        row.response_rate = (
            round(100 * reporting / row.population, 1)
            if reporting is not None and row.population
            else None
        )
        baseline = data.get("baseline")
        row.baseline_cycle = baseline["cycle"] if baseline else None
        row.baseline_value = baseline["value"] if baseline else None
        row.parties = {group: names for group, names in data["parties"].items() if names}
        row.parts = [
            {
                "key": part["key"],
                "label": part["label"],
                "value": part["value"],
                "baseline_value": part["baseline"]["value"] if part.get("baseline") else None,
            }
            for part in data.get("parts", ())
            if part.get("key")
        ]
    figures.bulk_update(rows, OLD_COLUMNS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0011_snapshot_freezes_regions_and_conclusions")]

    operations = [
        migrations.RenameModel("StoredResult", "SnapshotFigure"),
        migrations.AlterField(
            model_name="snapshotfigure",
            name="snapshot",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="figures",
                to="evaluation.snapshot",
            ),
        ),
        migrations.AddField(
            model_name="snapshotfigure",
            name="figure",
            field=models.JSONField(
                null=True, help_text="The engine's result with its baseline and parts."
            ),
        ),
        *(
            migrations.AlterField(model_name="snapshotfigure", name=name, field=field)
            for name, field in NULLABLE_FIRST.items()
        ),
        migrations.RunPython(columns_to_json, json_to_columns),
        *(migrations.RemoveField(model_name="snapshotfigure", name=name) for name in OLD_COLUMNS),
        migrations.AlterField(
            model_name="snapshotfigure",
            name="figure",
            field=models.JSONField(help_text="The engine's result with its baseline and parts."),
        ),
    ]
