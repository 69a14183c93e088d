"""Where an SSD extract is read from: a folder of CSV files (one per table, named as the table), or
a database whose schema holds the SSD tables (PostgreSQL, SQLite; SQL Server through pyodbc).

A source yields each table's rows as a list of texts ("" for none), one at a time, so an extract of any
size is read in constant memory. Nothing here knows the product: see staging.py for what is done
with the rows.
"""

import csv
import os
import re
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .spec import TABLES

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
FETCH = 5000


class SourceError(Exception):
    """The extract cannot be read as a whole (no such folder, a database that refuses the
    connection, a file that is not CSV): the run fails and nothing changes."""


def describe(source):
    """What to call a source in the status page and logs: a database URL without its password."""
    text = str(source).strip()
    if not re.match(r"^[a-z][a-z0-9+]*://", text):
        return text
    parts = urlsplit(text)
    user = f"{unquote(parts.username)}@" if parts.username else ""
    host = f"{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}"
    schema = parse_qs(parts.query).get("schema", [""])[-1]
    return f"{parts.scheme}://{user}{host}{parts.path}" + (f" (schema {schema})" if schema else "")


def open_source(source):
    """A Source for a folder path or a database URL."""
    text = str(source).strip()
    if re.match(r"^[a-z][a-z0-9+]*://", text):
        scheme = text.split("://", 1)[0]
        if scheme in ("sqlite", "sqlite3"):
            return SqliteSource(text)
        if scheme in ("postgres", "postgresql", "pgsql"):
            return PostgresSource(text)
        if scheme in ("mssql", "sqlserver"):
            return SqlServerSource(text)
        raise SourceError(f"{scheme}:// is not a database the feed reads: use postgresql://, sqlite:/// or mssql://")
    return CsvFolder(text)


class CsvFolder:
    """ssd_person.csv, ssd_cla_episodes.csv ... in one folder; UTF-8 (a byte-order mark is fine)."""

    kind = "folder"

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_dir():
            raise SourceError(f"{path} is not a folder (SOURCE is a folder of CSV files or a database URL)")
        self.files = {}
        for file in sorted(self.path.iterdir()):
            if file.suffix.lower() == ".csv" and file.stem.lower() in TABLES:
                if file.stem.lower() in self.files:
                    raise SourceError(f"{file.name}: a second file for the table {file.stem.lower()}")
                self.files[file.stem.lower()] = file
        self.description = str(self.path.resolve())

    def default_as_at(self):
        """The extract is as old as its oldest file (a folder gathered over a night is not newer
        than its first table)."""
        if not self.files:
            return datetime.now(UTC)
        oldest = min(os.stat(f).st_mtime for f in self.files.values())
        return datetime.fromtimestamp(oldest, UTC)

    def tables(self):
        """{table: [columns]} for the tables present."""
        found = {}
        for table, file in self.files.items():
            with _open(file) as handle:
                try:
                    header = next(csv.reader(handle), [])
                except (UnicodeDecodeError, csv.Error) as error:
                    raise SourceError(f"{file.name}: the header cannot be read ({_why(error)})") from None
            found[table] = [h.strip().lower() for h in header]
        return found

    def rows(self, table, columns):
        """(line, [text of each of `columns`, "" where the file has no such column]) for each row;
        the header is line 1."""
        file = self.files[table]
        with _open(file) as handle:
            reader = csv.reader(handle)
            try:
                header = [h.strip().lower() for h in next(reader, [])]
                width = len(header)
                # Columns the file lacks read as "" (a cell past the end of the header's columns).
                where = [header.index(c) if c in header else width for c in columns]
                pick = itemgetter(*where) if len(where) > 1 else (lambda cells: (cells[where[0]],))
                padding = [""] * (width + 1)
                for cells in reader:
                    if not (cells and (cells[0] or any(cells))):
                        continue  # a blank line, or one of empty cells a spreadsheet left behind
                    if len(cells) <= width:
                        cells = cells + padding[: width + 1 - len(cells)]
                    yield reader.line_num, list(pick(cells))
            except (UnicodeDecodeError, csv.Error) as error:
                raise SourceError(
                    f"{file.name}, line {reader.line_num}: cannot be read as CSV ({_why(error)})"
                ) from None

    def close(self):
        pass


def _open(file):
    return open(file, encoding="utf-8-sig", newline="")


def _why(error):
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text at byte {error.start}; save it as CSV UTF-8"
    return str(error)


class _Database:
    """A database whose schema holds the SSD tables; read with a server-side cursor."""

    kind = "database"
    quote = '"'

    def __init__(self, url):
        parts = urlsplit(url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.schema = query.pop("schema", "") or self.default_schema
        if self.schema and not _IDENTIFIER.match(self.schema):
            raise SourceError(f"schema {self.schema!r} is not a plain name (letters, digits and _)")
        self.parts, self.query = parts, query
        # Never show a password: the description goes to the status page and the logs.
        self.description = describe(url.split("?")[0]) + (f" (schema {self.schema})" if self.schema else "")
        self.connection = self.connect()

    default_schema = ""

    def default_as_at(self):
        return datetime.now(UTC)

    def name(self, table):
        q = self.quote
        return f"{q}{self.schema}{q}.{q}{table}{q}" if self.schema else f"{q}{table}{q}"

    def tables(self):
        found = {}
        for table in TABLES:
            columns = self.columns_of(table)
            if columns:
                found[table] = [c.lower() for c in columns]
        return found

    def rows(self, table, columns):
        actual = {c.lower(): c for c in self.columns_of(table)}
        present = [c for c in columns if c in actual]
        select = ", ".join(f"{self.quote}{actual[c]}{self.quote}" for c in present)
        where = [present.index(c) if c in present else None for c in columns]
        cursor = self.cursor()
        try:
            cursor.execute(f"SELECT {select} FROM {self.name(table)}")  # names from the spec and the catalogue only
            number = 0
            while True:
                batch = cursor.fetchmany(FETCH)
                if not batch:
                    break
                for values in batch:
                    number += 1
                    yield number, [_text(values[i]) if i is not None else "" for i in where]
        finally:
            cursor.close()

    def cursor(self):
        return self.connection.cursor()

    def close(self):
        self.connection.close()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SqliteSource(_Database):
    quote = '"'

    def connect(self):
        import sqlite3

        # As dj-database-url writes them: sqlite:///relative/file and sqlite:////absolute/file.
        path = unquote(self.parts.netloc + self.parts.path[1:])
        if not Path(path).is_file():
            raise SourceError(f"{path} is not an SQLite database file")
        self.schema = ""  # one schema in an SQLite file
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def columns_of(self, table):
        cursor = self.connection.execute("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))
        return [row[0] for row in cursor.fetchall()]


class PostgresSource(_Database):
    default_schema = "public"

    def connect(self):
        import psycopg

        parts = self.parts
        try:
            return psycopg.connect(
                host=parts.hostname or None,
                port=parts.port or None,
                user=unquote(parts.username) if parts.username else None,
                password=unquote(parts.password) if parts.password else None,
                dbname=unquote(parts.path.lstrip("/")) or None,
                autocommit=False,
                **{k: v for k, v in self.query.items() if k in ("sslmode", "connect_timeout", "application_name")},
            )
        except psycopg.Error as error:
            raise SourceError(f"cannot connect to {self.description}: {str(error).strip()}") from None

    def cursor(self):
        # A named (server-side) cursor streams the rows instead of holding the table in memory.
        return self.connection.cursor(name=f"ssd_feed_{id(self)}")

    def columns_of(self, table):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
                "ORDER BY ordinal_position",
                (self.schema, table),
            )
            return [row[0] for row in cursor.fetchall()]


class SqlServerSource(_Database):
    """SQL Server, where most councils' SSD lives (documented; needs `pip install pyodbc` and the
    Microsoft ODBC driver). mssql://user:password@host:1433/database?schema=ssd_development&driver=..."""

    default_schema = "dbo"
    quote = '"'

    def connect(self):
        try:
            import pyodbc
        except ImportError:
            raise SourceError(
                "reading SQL Server needs pyodbc (pip install pyodbc) and Microsoft's ODBC driver"
            ) from None
        parts = self.parts
        driver = self.query.get("driver", "ODBC Driver 18 for SQL Server")
        server = f"{parts.hostname},{parts.port or 1433}"
        text = (
            f"DRIVER={{{driver}}};SERVER={server};DATABASE={unquote(parts.path.lstrip('/'))};"
            f"UID={unquote(parts.username or '')};PWD={unquote(parts.password or '')};"
            f"Encrypt={self.query.get('encrypt', 'yes')};TrustServerCertificate={self.query.get('trust', 'no')}"
        )
        try:
            return pyodbc.connect(text, readonly=True)
        except pyodbc.Error as error:
            raise SourceError(f"cannot connect to {self.description}: {error}") from None

    def columns_of(self, table):
        cursor = self.connection.cursor()
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
            "ORDER BY ordinal_position",
            (self.schema, table),
        )
        return [row[0] for row in cursor.fetchall()]
