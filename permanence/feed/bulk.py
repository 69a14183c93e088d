"""Inserting many rows at once, for a national first load.

Django's bulk_create prepares every value of every row through the query compiler; at a few
hundred thousand rows that is most of a first load. Here the ids are reserved first (from the
PostgreSQL sequence, or past the highest id inside SQLite's write lock), each value is adapted
once by the database backend, and the rows go in with executemany. Every concrete field is
written: a field the feed does not map gets the model's default, as it would through the ORM.
"""

from django.db import connection, models
from django.utils import timezone

CHUNK = 2000


def reserve_ids(model, count):
    """`count` new primary keys for `model`, never given to anyone else."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            column = model._meta.pk.column
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so nobody else inserts meanwhile.
        cursor.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) FROM "{table}"')
        top = cursor.fetchone()[0]
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            top = max(top, found[0] if found else 0)
        return list(range(top + 1, top + 1 + count))


def insert(model, rows, *, ids=True, columns=None):
    """Insert `rows` ({field attname: value}); returns their new ids (or [] with ids=False).
    `columns` ({field attname: [value of each row]}) gives a field for every row without
    copying the rows (the child of each fact)."""
    columns = columns or {}
    if not rows:
        return []
    now = timezone.now()
    ops = connection.ops
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and not ids)]
    adapters = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            adapters.append(ops.adapt_datetimefield_value)
        elif isinstance(f, models.DateField):
            adapters.append(ops.adapt_datefield_value)
        elif isinstance(f, models.JSONField):
            adapters.append(lambda value, f=f: f.get_db_prep_save(value, connection))
        else:
            adapters.append(None)
    # Values the rows do not give: the model's default, adapted once (the timestamps are "now").
    constant = {}
    for f, adapt in zip(fields, adapters, strict=True):
        if f.primary_key:
            continue
        value = now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
        constant[f.attname] = adapt(value) if adapt is not None and value is not None else value
    automatic = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    new_ids = reserve_ids(model, len(rows)) if ids else []
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    # Column by column (a list comprehension per field is several times faster than a loop per value).
    missing = object()
    columns_values = []
    for f, adapt in zip(fields, adapters, strict=True):
        if f.primary_key:
            columns_values.append(new_ids)
            continue
        fixed = constant.get(f.attname)
        if f.attname in automatic:
            columns_values.append([fixed] * len(rows))
            continue
        if f.attname in columns:
            raw = columns[f.attname]
            columns_values.append(raw if adapt is None else [None if v is None else adapt(v) for v in raw])
            continue
        raw = [row.get(f.attname, missing) for row in rows]
        if adapt is None:
            columns_values.append([fixed if v is missing else v for v in raw])
        else:
            columns_values.append([fixed if v is missing else (None if v is None else adapt(v)) for v in raw])
    prepared = list(zip(*columns_values, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), CHUNK):
            cursor.executemany(sql, prepared[start : start + CHUNK])
    return new_ids
