"""An extract staged on local disk (SQLite), so that a national extract is read once, in constant
memory, and each person's rows can then be fetched a batch at a time.

While staging, every row is given its person (directly, or through the period of care for reviews
and visits), its key, and a 48-bit hash of its values. A person's digest is the sum of their rows'
hashes with the count: equal digests mean an unchanged person, who is not mapped again. Problems
that belong to the extract rather than to one row's values (a blank or repeated key, a row whose
person is not in ssd_person) are found here.
"""

import shutil
import sqlite3
import tempfile
import zlib
from collections import defaultdict
from pathlib import Path

from .mapping.values import Problem
from .sources import SourceError
from .spec import LOOKUP_TABLES, REQUIRED_TABLES, TABLES

BATCH_INSERT = 5000
SEP = "\x1f"


MASK = (1 << 52) - 1  # a person's sum of row hashes stays inside SQLite's 64-bit integers


def row_hash(table, values):
    """52 bits from two CRC-32s of the row (fast, and stable from one run to the next)."""
    data = (table + SEP + SEP.join(values)).encode("utf-8", "surrogatepass")
    return ((zlib.crc32(data) << 32) | zlib.crc32(data, 0x5BD1E995)) & MASK


class Staging:
    """The staged extract. Use as a context manager: the file is removed afterwards."""

    def __init__(self, folder=None):
        self.folder = Path(tempfile.mkdtemp(prefix="ssd-staging-", dir=folder))
        self.db = sqlite3.connect(self.folder / "extract.sqlite3")
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;")
        self.present = {}  # table -> columns staged
        self.counts = {}  # table -> rows read
        self.problems = []  # Problem(...) found while staging
        # Each person's sum of row hashes and row count, added up while reading (rows that find
        # their person only through a link are added after the links are made).
        self.sums, self.rows_counted = defaultdict(int), defaultdict(int)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- loading ---------------------------------------------------------------------------

    def load(self, source, progress=None):
        """Read every table the feed knows from `source`. Raises SourceError if the extract as
        a whole cannot be used (no ssd_person, a required column missing)."""
        say = progress or (lambda message: None)
        available = source.tables()
        for required in REQUIRED_TABLES:
            if required not in available:
                raise SourceError(f"the extract has no {required} table: every child must be in it")
        if "ssd_cla_episodes" in available and "ssd_legal_status" not in available:
            raise SourceError("ssd_cla_episodes needs ssd_legal_status: an episode's legal status comes from it")
        if "ssd_cla_episodes" in available and "ssd_cla_placement" not in available:
            raise SourceError("ssd_cla_episodes needs ssd_cla_placement: an episode's placement comes from it")
        if "ssd_involvements" in available and "ssd_professionals" not in available:
            raise SourceError("ssd_involvements needs ssd_professionals: an allocation names its worker")
        order = [t for t in TABLES if t in available]
        for table in order:
            spec = TABLES[table]
            columns = [c for c in spec.column_names if c in available[table]]
            missing = [c.name for c in spec.columns if c.required and c.name not in available[table]]
            if missing:
                raise SourceError(f"{table} has no column {', '.join(missing)}")
            self._stage(source, table, columns)
            say(f"Read {table}: {self.counts[table]:,} rows")
        self._link_people()
        self._check_keys()
        self._check_people()

    def _stage(self, source, table, columns):
        spec = TABLES[table]
        names = ", ".join(f'"{c}"' for c in columns)
        self.db.execute(f'CREATE TABLE "{table}" (_row TEXT, _person TEXT, _key TEXT, _h INTEGER, {names})')
        self.present[table] = columns
        insert = f'INSERT INTO "{table}" VALUES ({", ".join("?" * (len(columns) + 4))})'
        batch, count = [], 0
        person_column, key_column = spec.person, spec.key
        person_at = columns.index(person_column) if person_column in columns else None
        key_at = columns.index(key_column)
        sums, counted = self.sums, self.rows_counted
        for row, cells in source.rows(table, columns):
            person = cells[person_at].strip() if person_at is not None else None
            key = cells[key_at].strip()
            h = row_hash(table, cells)
            if person:
                sums[person] += h
                counted[person] += 1
            batch.append((row, person or None, key, h, *cells))
            count += 1
            if len(batch) >= BATCH_INSERT:
                self.db.executemany(insert, batch)
                batch = []
        if batch:
            self.db.executemany(insert, batch)
        self.counts[table] = count
        self.db.execute(f'CREATE INDEX "{table}_person" ON "{table}" (_person)')
        self.db.execute(f'CREATE INDEX "{table}_key" ON "{table}" (_key)')

    def _link_people(self):
        """Rows that name no person find one through the period of care (reviews, visits)."""
        for table, columns in self.present.items():
            for link in TABLES[table].links:
                if link.column not in columns or link.table not in self.present:
                    continue
                target = TABLES[link.table]
                self.db.execute(
                    f'CREATE INDEX IF NOT EXISTS "{link.table}_{link.target_column}" ON "{link.table}" ("{link.target_column}")'
                )
                self.db.execute(
                    f'UPDATE "{table}" SET _person = (SELECT t."{target.person}" FROM "{link.table}" t '
                    f'WHERE t."{link.target_column}" = "{table}"."{link.column}" LIMIT 1) '
                    f"WHERE (_person IS NULL OR _person = '') AND \"{link.column}\" IS NOT NULL AND \"{link.column}\" != ''"
                )

    def _check_keys(self):
        for table in self.present:
            spec = TABLES[table]
            for row, person in self.db.execute(f"SELECT _row, _person FROM \"{table}\" WHERE _key = ''"):
                self.problems.append(
                    Problem(table, row, spec.key, "", "is blank: every row needs its identifier", person or "")
                )
            duplicates = f"SELECT _key FROM \"{table}\" WHERE _key != '' GROUP BY _key HAVING COUNT(*) > 1"
            for row, person, key in self.db.execute(
                f'SELECT _row, _person, _key FROM "{table}" WHERE _key IN ({duplicates}) ORDER BY _key, _row'
            ):
                self.problems.append(
                    Problem(
                        table, row, spec.key, key, "appears on more than one row: a key names one row", person or ""
                    )
                )

    def _check_people(self):
        """Rows whose person is missing or not in ssd_person cannot be applied to anyone."""
        for table in self.present:
            spec = TABLES[table]
            if spec.person is None or table == "ssd_person":
                continue
            for row, person in self.db.execute(
                f"SELECT _row, _person FROM \"{table}\" WHERE _person IS NULL OR _person = '' OR _person NOT IN "
                "(SELECT _key FROM ssd_person)"
            ):
                field = spec.person if spec.person in self.present[table] else spec.links[0].column
                if person:
                    message = "names a person who is not in ssd_person"
                else:
                    message = (
                        "names no person (and its period of care matches no episode)" if spec.links else "is blank"
                    )
                self.problems.append(Problem(table, row, field, person or "", message))

    # --- reading back ------------------------------------------------------------------------

    def people(self):
        """Every person id in ssd_person, in key order."""
        return [
            key for (key,) in self.db.execute("SELECT DISTINCT _key FROM ssd_person WHERE _key != '' ORDER BY _key")
        ]

    def digests(self):
        """{person: digest}: the sum of the person's row hashes (mod 2**63) and their row count,
        with what their rows point at (the worker and team of each involvement)."""
        sums, counts = defaultdict(int, self.sums), defaultdict(int, self.rows_counted)
        for table, columns in self.present.items():
            spec = TABLES[table]
            if not spec.links:
                continue
            # Rows that named no person themselves and found one through their period of care.
            own = f'("{spec.person}" IS NULL OR "{spec.person}" = \'\')' if spec.person in columns else "1"
            for person, total, count in self.db.execute(
                f'SELECT _person, SUM(_h), COUNT(*) FROM "{table}" WHERE _person IS NOT NULL AND {own} GROUP BY _person'
            ):
                sums[person] += total
                counts[person] += count
        if "ssd_involvements" in self.present and "ssd_professionals" in self.present:
            team = (
                "LEFT JOIN ssd_department d ON d._key = i.invo_professional_team"
                if "ssd_department" in self.present and "invo_professional_team" in self.present["ssd_involvements"]
                else ""
            )
            team_hash = "COALESCE(d._h, 0)" if team else "0"
            for person, total in self.db.execute(
                f"SELECT i._person, SUM(p._h + {team_hash}) FROM ssd_involvements i "
                f"JOIN ssd_professionals p ON p._key = i.invo_professional_id {team} GROUP BY i._person"
            ):
                sums[person] += total
        return {p: f"{sums[p] % (1 << 63):x}.{counts[p]}" for p in sums}

    def lookups(self):
        """{table: {key: {column: value}}} for the look-up tables (workers, teams)."""
        out = {}
        for table in LOOKUP_TABLES:
            columns = self.present.get(table)
            if not columns:
                out[table] = {}
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = {
                row[0]: dict(zip(columns, row[1:], strict=True))
                for row in self.db.execute(f"SELECT _key, {names} FROM \"{table}\" WHERE _key != ''")
            }
        return out

    def rows_for(self, people):
        """{person: {table: [(row, {column: value})]}} for a batch of people."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS batch (p TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM batch")
        self.db.executemany("INSERT OR IGNORE INTO batch VALUES (?)", [(p,) for p in people])
        out = {p: {} for p in people}
        for table, columns in self.present.items():
            if TABLES[table].person is None:
                continue
            names = ", ".join(f't."{c}"' for c in columns)
            for row in self.db.execute(
                f'SELECT t._person, t._row, {names} FROM "{table}" t JOIN batch ON batch.p = t._person ORDER BY t.rowid'
            ):
                out[row[0]].setdefault(table, []).append((row[1], dict(zip(columns, row[2:], strict=True))))
        return out
