"""The same extract read from a folder of CSV files, an SQLite database and a PostgreSQL schema
gives the same record; an extract that cannot be read fails the run and changes nothing."""

import sqlite3
import uuid

import pytest
from django.db import connection, transaction

from permanence.children.models import Child, Episode, Review
from permanence.feed.models import SyncRun
from permanence.feed.spec import TABLES
from permanence.feed.sync import ssd_sync

from . import extracts as x


def facts():
    return (
        sorted(Child.objects.values_list("council_reference", "date_of_birth")),
        sorted(Episode.objects.values_list("child__council_reference", "start", "end", "legal_status", "placement")),
        sorted(Review.objects.values_list("child__council_reference", "date", "participation")),
    )


def _rows(tables, table):
    columns = TABLES[table].column_names
    return columns, [tuple(row.get(c) or None for c in columns) for row in tables[table]]


class Rollback(Exception):
    pass


def test_an_sqlite_database_gives_the_same_record_as_the_csv_folder(db, tmp_path, sync, october):
    tables = x.council()
    with pytest.raises(Rollback), transaction.atomic():
        sync(tables, october)
        from_csv = facts()
        raise Rollback
    assert not Child.objects.exists()
    path = tmp_path / "ssd.sqlite3"
    with sqlite3.connect(path) as ssd:
        for table in tables:
            columns, rows = _rows(tables, table)
            # SQL Server's SSD types: dates arrive as datetime text ("2026-01-05 00:00:00").
            ssd.execute(f'CREATE TABLE "{table}" ({", ".join(columns)})')
            ssd.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(columns))})', rows)
        ssd.execute(
            "UPDATE ssd_cla_episodes SET clae_cla_episode_start_date = clae_cla_episode_start_date || ' 00:00:00.000'"
        )
    run = ssd_sync(source=f"sqlite:///{path}", as_at=october)
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0, run.message
    assert run.source == f"sqlite://{path}" or str(path) in run.source
    assert facts() == from_csv


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads a PostgreSQL schema: runs in the PostgreSQL suite")
def test_a_postgresql_schema_gives_the_same_record_as_the_csv_folder(db, tmp_path, october):
    import psycopg

    tables = x.council()
    with pytest.raises(Rollback), transaction.atomic():
        ssd_sync(source=x.write(tmp_path / "csv", tables, as_at=october))
        from_csv = facts()
        raise Rollback
    settings = connection.settings_dict
    schema = f"ssd_test_{uuid.uuid4().hex[:8]}"
    params = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "dbname": settings["NAME"],
    }
    with psycopg.connect(**params, password=settings["PASSWORD"] or None, autocommit=True) as pg:
        pg.execute(f"CREATE SCHEMA {schema}")
        try:
            for table in tables:
                columns, rows = _rows(tables, table)
                types = ", ".join(
                    f"{c} {'timestamp' if TABLES[table].column(c).kind == 'date' else 'varchar(100)'}" for c in columns
                )
                pg.execute(f"CREATE TABLE {schema}.{table} ({types})")
                with pg.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {schema}.{table} VALUES ({', '.join(['%s'] * len(columns))})", rows
                    )
            url = f"postgresql://{params['user']}@{params['host']}:{params['port']}/{params['dbname']}?schema={schema}"
            run = ssd_sync(source=url, as_at=october)
        finally:
            pg.execute(f"DROP SCHEMA {schema} CASCADE")
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0, run.message
    assert f"schema {schema}" in run.source and "password" not in run.source
    assert facts() == from_csv


def test_a_file_that_is_not_utf8_fails_the_run_naming_it_and_changes_nothing(db, tmp_path, october):
    folder = x.write(tmp_path / "x", x.council(), as_at=october)
    with open(f"{folder}/ssd_cla_reviews.csv", "ab") as handle:
        handle.write("R9,P100,CLA-P100,,2026-06-01,N,PN1\n".encode("cp1252") + b"\xe9\xff\n")
    run = ssd_sync(source=folder)
    assert run.status == SyncRun.FAILED and "ssd_cla_reviews.csv" in run.message and "UTF-8" in run.message
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    "tables,words",
    [
        ({"ssd_cla_episodes": []}, "no ssd_person table"),
        ({"ssd_person": [], "ssd_cla_episodes": [], "ssd_cla_placement": []}, "needs ssd_legal_status"),
    ],
)
def test_an_extract_without_what_it_needs_fails_the_run(db, tmp_path, tables, words):
    run = ssd_sync(source=x.write(tmp_path / "x", tables))
    assert run.status == SyncRun.FAILED and words in run.message


def test_a_missing_required_column_is_named(db, tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "ssd_person.csv").write_text("pers_forename,pers_surname\nAva,Brook\n")
    run = ssd_sync(source=str(folder))
    assert run.status == SyncRun.FAILED and run.message == "ssd_person has no column pers_person_id"


def test_a_database_url_never_shows_its_password(db):
    run = ssd_sync(source="postgresql://ssd_reader:s3cret@127.0.0.1:1/nowhere?schema=ssd_development&connect_timeout=1")
    assert run.status == SyncRun.FAILED and "s3cret" not in run.source + run.message
    assert run.source.startswith("postgresql://ssd_reader@127.0.0.1:1/nowhere")
