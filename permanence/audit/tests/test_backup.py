"""A backup taken while the app runs restores every record."""

import os
import subprocess

import pytest
from django.db import connection

from permanence.backups import backup, restore

TABLES = [
    "children_child",
    "children_episode",
    "children_allocation",
    "planning_permanenceplan",
    "audit_auditevent",
    "accounts_user",
]


def counts(cursor):
    result = {}
    for table in TABLES:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        result[table] = cursor.fetchone()[0]
    return result


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_and_restore_find_every_record(council, tmp_path):
    import sqlite3

    with connection.cursor() as cursor:
        before = counts(cursor)
    path = backup(tmp_path / "backup.sqlite3")
    assert path.stat().st_mode & 0o777 == 0o600, "a backup holds every record: its owner alone may read it"
    copy = sqlite3.connect(path)
    assert counts(copy.cursor()) == before
    copy.close()
    restored = tmp_path / "restored.sqlite3"
    restore(path, settings_dict={"NAME": str(restored)})
    copy = sqlite3.connect(restored)
    assert counts(copy.cursor()) == before
    name = copy.execute("SELECT first_name FROM children_child WHERE id = ?", [council["other"].pk]).fetchone()[0]
    assert name == "Otto"
    copy.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL path")
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_restores_into_a_fresh_database(council, tmp_path):
    with connection.cursor() as cursor:
        before = counts(cursor)
    path = backup(tmp_path / "backup.dump")
    assert path.stat().st_mode & 0o777 == 0o600, "a backup holds every record: its owner alone may read it"
    settings_dict = dict(connection.settings_dict)
    target = settings_dict["NAME"] + "_restore"
    env = dict(os.environ, PGPASSWORD=str(settings_dict.get("PASSWORD") or ""))
    args = [
        "-h",
        settings_dict["HOST"] or "127.0.0.1",
        "-p",
        str(settings_dict["PORT"] or 5432),
        "-U",
        settings_dict["USER"] or "postgres",
    ]
    subprocess.run(["dropdb", "--if-exists", *args, target], check=True, env=env)
    subprocess.run(["createdb", *args, target], check=True, env=env)
    try:
        restore(path, settings_dict=settings_dict | {"NAME": target})
        import psycopg

        with psycopg.connect(
            dbname=target, host=args[1], port=args[3], user=args[5], password=settings_dict.get("PASSWORD") or None
        ) as restored:
            assert counts(restored.cursor()) == before
    finally:
        subprocess.run(["dropdb", "--if-exists", *args, target], check=True, env=env)
