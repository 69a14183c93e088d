"""Which kinds of row a child has at all, in one query.

A page with many sections (the child page has over forty) would otherwise ask for each section's
rows whether or not there are any; on a typical child's page more than half of those reads find
nothing (no escalations, no sibling decisions, no disruption meetings ...). `with_rows(child_id,
models)` asks once which of `models` have a row about the child, and a section whose model has
none is shown empty without being read.

It only ever says "maybe some" or "certainly none": a model is reported present when any of its
rows is about the child, a superset of what a section then reads with its own conditions, so a
section is never shown empty when it has rows.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet


def _where(model: type[Model]) -> tuple[str, str]:
    """(table, column) holding the child's id for a row of `model`: its `child` key, a plain
    `child_id` column, or the join table of its `children`."""
    names = {field.name: field for field in model._meta.get_fields()}
    field = names.get("child")
    if isinstance(field, ForeignKey):  # OneToOneField is a ForeignKey
        return model._meta.db_table, str(field.column)
    column = getattr(names.get("child_id"), "column", None)
    if isinstance(column, str):
        return model._meta.db_table, column
    field = names.get("children")
    if isinstance(field, ManyToManyField):
        through = field.remote_field.through
        child_model = field.related_model
        for key in through._meta.get_fields():  # type: ignore[union-attr]
            if isinstance(key, ForeignKey) and key.related_model is child_model:
                return through._meta.db_table, str(key.column)  # type: ignore[union-attr]
    raise LookupError(f"{model._meta.label} has no child, child_id or children to find a child's rows by")


def with_rows(child_id: int, models: Iterable[type[Model]]) -> frozenset[type[Model]]:
    """The models among `models` with at least one row about the child `child_id`: one query."""
    models = list(models)
    if not models:
        return frozenset()
    quote = connection.ops.quote_name
    parts, params = [], []
    for i, model in enumerate(models):
        table, column = _where(model)
        # `i` is this loop's own integer and the names come from the models: nothing from outside
        # is put into the statement; the child's id is a parameter.
        parts.append(f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = %s)")
        params.append(child_id)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return frozenset(models[row[0]] for row in cursor.fetchall())


def rows_of(present: frozenset[type[Model]] | None, queryset: QuerySet) -> list:
    """The rows of `queryset`, read only when its model may have some (`may_have`); else none."""
    return list(queryset) if may_have(present, queryset.model) else []


def may_have(present: frozenset[type[Model]] | None, model: type[Model]) -> bool:
    """Whether a section reading `model` rows must read them: always when nobody asked first
    (`present` None), else only when `with_rows` found some."""
    return present is None or model in present
