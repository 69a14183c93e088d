"""`permanence backup` and `permanence restore`, for SQLite and PostgreSQL.

SQLite: the online backup API copies a consistent snapshot while the app keeps running.
PostgreSQL: pg_dump reads one consistent snapshot (a single repeatable-read transaction);
restore is pg_restore into the database (--clean drops what is there first).
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path


def _pg_env(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _pg_args(settings_dict):
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return args


def _private_file(path):
    """Create (or empty) the backup file readable by its owner only, before any data is in it:
    a backup holds every child's record."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT


def backup(path, *, connection=None):
    from django.db import connection as default

    connection = connection or default
    path = Path(path)
    _private_file(path)
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite's backup waits for the write lock this very connection holds: it would never finish.
            raise RuntimeError("A SQLite backup cannot be taken inside a transaction")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        subprocess.run(
            [
                shutil.which("pg_dump") or "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                *_pg_args(settings_dict),
                settings_dict["NAME"],
            ],
            check=True,
            env=_pg_env(settings_dict),
        )
    else:
        raise ValueError(f"No backup for the {connection.vendor} database")
    os.chmod(path, 0o600)
    return path


def restore(path, *, connection=None, settings_dict=None):
    """Replace the database's contents with the backup at `path`. Stop the app first."""
    from django.db import connection as default

    connection = connection or default
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            if settings_dict:  # into another database file
                target = sqlite3.connect(settings_dict["NAME"])
                source.backup(target)
                target.close()
            else:
                connection.close()  # no transaction of ours may be open on the file
                connection.ensure_connection()
                source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        settings_dict = settings_dict or connection.settings_dict
        subprocess.run(
            [
                shutil.which("pg_restore") or "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                settings_dict["NAME"],
                *_pg_args(settings_dict),
                str(path),
            ],
            check=True,
            env=_pg_env(settings_dict),
        )
    else:
        raise ValueError(f"No restore for the {connection.vendor} database")


def backup_main(argv):
    parser = argparse.ArgumentParser(prog="permanence backup", description="Back up the database while it runs.")
    parser.add_argument("path", help="where to write the backup (.sqlite3 for SQLite, .dump for PostgreSQL)")
    args = parser.parse_args(argv)
    print(f"Backed up to {backup(args.path)}")
    return 0


def restore_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence restore", description="Replace the database with a backup. Stop the app first."
    )
    parser.add_argument("path")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)
    if not args.yes and input("This replaces everything in the database. Type 'restore' to go on: ") != "restore":
        print("Nothing restored.")
        return 1
    restore(args.path)
    print(f"Restored from {args.path}")
    return 0
