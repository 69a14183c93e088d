# Missing episodes move into the case record (children.MissingEpisode), where they are recorded
# from the child's page with the return interview; the return reads and writes that model.

from django.db import migrations


def copy_to_the_case_record(apps, schema_editor):
    old = apps.get_model("returns", "MissingEpisode")
    new = apps.get_model("children", "MissingEpisode")
    new.objects.bulk_create(
        [new(child_id=row.child_id, kind=row.kind, start=row.start, end=row.end) for row in old.objects.all()],
        batch_size=2000,
    )


def copy_back(apps, schema_editor):
    old = apps.get_model("returns", "MissingEpisode")
    new = apps.get_model("children", "MissingEpisode")
    old.objects.bulk_create(
        [old(child_id=row.child_id, kind=row.kind, start=row.start, end=row.end) for row in new.objects.all()],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0002_return_uploads"),
        ("children", "0004_the_living_record"),
    ]

    operations = [
        migrations.RunPython(copy_to_the_case_record, copy_back),
        migrations.DeleteModel(name="MissingEpisode"),
    ]
