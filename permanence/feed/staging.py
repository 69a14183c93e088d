"""An extract read once in constant memory, then each person's rows fetched a batch at a time from a
staging file on local disk (SQLite).

Reading (`load`) gives every row its person (directly, or through the period of care for reviews
and visits), its key, and a 52-bit hash of its values. A person's digest is the sum of their rows'
hashes with the count: equal digests mean an unchanged person, who is not mapped again. Problems
that belong to the extract rather than to one row's values (a blank or repeated key, a row whose
person is not in ssd_person) are found while reading.

Only the rows of the people who are then mapped need staging (`stage`): on a nightly delta, a
folder of CSV files is read a second time and only the changed people's rows are kept, which is
far cheaper than staging the whole extract. A first load (`everything=True`) and a database source
(read once: a live database could change between two readings) are staged while they are read.
"""

import shutil
import sqlite3
import sys
import tempfile
import zlib
from array import array
from collections import defaultdict
from pathlib import Path

import numpy

from .mapping.values import Problem
from .sources import SourceError
from .spec import LOOKUP_TABLES, REQUIRED_TABLES, TABLES

BATCH_INSERT = 5000
SEP = "\x1f"


MASK = (1 << 52) - 1  # a person's sum of row hashes stays inside 64-bit integers


def row_hash(table, values):
    """52 bits from two CRC-32s of the row (fast, and stable from one run to the next)."""
    data = (table + SEP + SEP.join(values)).encode("utf-8", "surrogatepass")
    return ((zlib.crc32(data) << 32) | zlib.crc32(data, 0x5BD1E995)) & MASK


class Staging:
    """The read extract. Use as a context manager: the staging file is removed afterwards."""

    def __init__(self, folder=None):
        self.folder = Path(tempfile.mkdtemp(prefix="ssd-staging-", dir=folder))
        self.db = sqlite3.connect(self.folder / "extract.sqlite3")
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;")
        self.source = None
        self.present = {}  # table -> columns read
        self.counts = {}  # table -> rows read
        self.problems = []  # Problem(...) found while reading
        self.complete = False  # every row staged while reading
        self.staged = set()  # tables whose staging table exists
        # Each person's sum of row hashes and row count, added up while reading.
        self.sums, self.rows_counted = defaultdict(int), defaultdict(int)
        self._keys = []  # the person ids of ssd_person, in the order read
        self._known = set()  # ... as a set
        self._lookups = {}  # table -> {key: {column: value}}
        self._lookup_hashes = {}  # table -> {key: [sum of hashes, rows]}
        self._links = {}  # (table, column) -> {value: person}: what a period of care leads to

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- reading -----------------------------------------------------------------------------

    def load(self, source, progress=None, *, everything=False):
        """Read every table the feed knows from `source`. Raises SourceError if the extract as
        a whole cannot be used (no ssd_person, a required column missing). With `everything`
        (or from a database) every row is staged as it is read; otherwise `stage` is called for
        the people wanted."""
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
        self.source = source
        self.complete = everything or getattr(source, "kind", "") != "folder"
        for table in TABLES:
            if table not in available:
                continue
            spec = TABLES[table]
            missing = [c.name for c in spec.columns if c.required and c.name not in available[table]]
            if missing:
                raise SourceError(f"{table} has no column {', '.join(missing)}")
            self.present[table] = [c for c in spec.column_names if c in available[table]]
        # Look-up tables first (an involvement's digest includes its worker and team), then the
        # people (every other row must name one of them), then the rest in the specification's order.
        order = [t for t in LOOKUP_TABLES if t in self.present]
        order += [t for t in self.present if t not in order]
        key_problems, people_problems = {}, {}
        for table in order:
            key_problems[table], people_problems[table] = self._read(table)
            say(f"Read {table}: {self.counts[table]:,} rows")
        for table in self.present:
            self.problems += key_problems[table]
        for table in self.present:
            self.problems += people_problems[table]

    def _person_of(self, table, columns):
        """A function giving a row's person: its own (trimmed) or, when blank, through its links."""
        spec = TABLES[table]
        at = columns.index(spec.person) if spec.person in columns else None
        links = [
            (columns.index(link.column), self._links.get((link.table, link.target_column)))
            for link in spec.links
            if link.column in columns and link.table in self.present
        ]
        if not links:
            return lambda cells: (cells[at].strip() or None) if at is not None else None

        def person(cells):
            own = cells[at].strip() if at is not None else ""
            if own:
                return own
            found = None
            for i, targets in links:
                if cells[i] == "":
                    continue
                found = targets.get(cells[i]) if targets else None
                if found:
                    break
            return found

        return person

    def _read(self, table):
        """Read one table: hashes added to each person, keys checked, rows staged if wanted;
        returns (problems with its keys, problems with its people)."""
        spec = TABLES[table]
        columns = self.present[table]
        key_at = columns.index(spec.key)
        person_of = self._person_of(table, columns) if spec.person else (lambda cells: None)
        own_at = columns.index(spec.person) if spec.person in columns else None
        sums, counted = self.sums, self.rows_counted
        is_people, is_lookup = table == "ssd_person", spec.person is None
        known = self._known
        # Link targets this table is for (the episodes' period of care): first row wins.
        targets = [
            (columns.index(link.target_column), self._links.setdefault((table, link.target_column), {}))
            for other, other_columns in self.present.items()
            for link in TABLES[other].links
            if link.table == table and link.column in other_columns and link.target_column in columns
        ]
        person_column_at = columns.index(spec.person) if spec.person in columns else None
        involvements = table == "ssd_involvements"
        if involvements:
            professionals = self._lookup_hashes.get("ssd_professionals", {})
            team_at = (
                columns.index("invo_professional_team")
                if "ssd_department" in self.present and "invo_professional_team" in columns
                else None
            )
            departments = self._lookup_hashes.get("ssd_department", {})
            professional_at = columns.index("invo_professional_id")
        if is_lookup:
            lookup, lookup_hashes = self._lookups.setdefault(table, {}), self._lookup_hashes.setdefault(table, {})
        stage = self.complete and not is_lookup
        if stage:
            insert = self._create(table)
        # Each key's hash (8 bytes a row, whatever the extract's size); a hash seen twice sends
        # the table to be read again for the rows whose keys repeat.
        blank, keys, strangers = [], array("q"), []
        batch, count = [], 0
        for row, cells in self.source.rows(table, columns):
            count += 1
            key = cells[key_at].strip()
            h = row_hash(table, cells)
            if key:
                keys.append(hash(key))
            else:
                blank.append((row, cells))
            if is_lookup:
                if key:
                    lookup[key] = dict(zip(columns, cells, strict=True))
                entry = lookup_hashes.setdefault(key, [0, 0])
                entry[0] += h
                entry[1] += 1
                continue
            person = person_of(cells)
            if person:
                sums[person] += h
                counted[person] += 1
                if involvements:
                    sums[person] += self._worker_hash(cells, professional_at, team_at, professionals, departments)
            if is_people:
                if key:
                    if key not in known:
                        self._keys.append(key)
                    known.add(key)
            elif person is None or person not in known:
                strangers.append((row, person))
            for i, found in targets:
                if cells[i] not in found:
                    found[cells[i]] = sys.intern(cells[person_column_at]) if person_column_at is not None else None
            if stage:
                batch.append((row, person, *cells))
                if len(batch) >= BATCH_INSERT:
                    self.db.executemany(insert, batch)
                    batch = []
        if batch:
            self.db.executemany(insert, batch)
        self.counts[table] = count
        if stage:
            self._index(table)
        hashes = numpy.frombuffer(keys, dtype=numpy.int64).copy() if keys else numpy.zeros(0, dtype=numpy.int64)
        del keys
        hashes.sort()
        repeated = set(hashes[1:][hashes[1:] == hashes[:-1]].tolist())
        del hashes
        key_problems = [
            Problem(table, str(row), spec.key, "", "is blank: every row needs its identifier", person_of(cells) or "")
            for row, cells in blank
        ]
        if repeated:
            key_problems += self._repeated(table, key_at, person_of, repeated)
        people_problems = []
        if spec.person is not None and not is_people:
            field = spec.person if own_at is not None else spec.links[0].column
            for row, person in strangers:
                if person:
                    message = "names a person who is not in ssd_person"
                else:
                    message = (
                        "names no person (and its period of care matches no episode)" if spec.links else "is blank"
                    )
                people_problems.append(Problem(table, str(row), field, person or "", message))
        return key_problems, people_problems

    @staticmethod
    def _worker_hash(cells, professional_at, team_at, professionals, departments):
        """What an involvement points at, in its person's digest: its worker's row (and team's)."""
        worker = professionals.get(cells[professional_at])
        if worker is None:
            return 0
        team = departments.get(cells[team_at]) if team_at is not None else None
        if team is None:
            return worker[0]
        # Every pairing of the worker's rows with the team's rows (one of each, unless a key repeats).
        return team[1] * worker[0] + worker[1] * team[0]

    def _repeated(self, table, key_at, person_of, repeated):
        """The rows of keys that appear more than once (`repeated`: their hashes), by key and then row."""
        found, times = [], defaultdict(int)
        for row, cells in self.source.rows(table, self.present[table]):
            key = cells[key_at].strip()
            if key and hash(key) in repeated:
                person = person_of(cells) if TABLES[table].person else None
                found.append((key, str(row), person))
                times[key] += 1
        found = sorted((f for f in found if times[f[0]] > 1), key=lambda f: (f[0], f[1]))
        return [
            Problem(
                table, row, TABLES[table].key, key, "appears on more than one row: a key names one row", person or ""
            )
            for key, row, person in found
        ]

    # --- staging the rows of the people wanted --------------------------------------------------

    def _create(self, table):
        columns = self.present[table]
        names = ", ".join(f'"{c}"' for c in columns)
        self.db.execute(f'CREATE TABLE "{table}" (_row TEXT, _person TEXT, {names})')
        self.staged.add(table)
        return f'INSERT INTO "{table}" VALUES ({", ".join("?" * (len(columns) + 2))})'

    def _index(self, table):
        self.db.execute(f'CREATE INDEX "{table}_person" ON "{table}" (_person)')

    def stage(self, people, progress=None):
        """Keep the rows of `people` for `rows_for` (everything is kept already after a first
        load or from a database)."""
        if self.complete:
            return
        say = progress or (lambda message: None)
        wanted = set(people)
        for table, columns in self.present.items():
            if TABLES[table].person is None:
                continue
            insert = self._create(table)
            person_of = self._person_of(table, columns)
            batch, kept = [], 0
            if wanted:
                for row, cells in self.source.rows(table, columns):
                    person = person_of(cells)
                    if person in wanted:
                        batch.append((row, person, *cells))
                        if len(batch) >= BATCH_INSERT:
                            self.db.executemany(insert, batch)
                            kept += len(batch)
                            batch = []
            if batch:
                self.db.executemany(insert, batch)
                kept += len(batch)
            self._index(table)
            if wanted:
                say(f"Staged {table}: {kept:,} rows of the {len(wanted):,} people to apply")

    # --- reading back ------------------------------------------------------------------------

    def people(self):
        """Every person id in ssd_person, in key order."""
        return sorted(self._keys)

    def digests(self):
        """{person: digest}: the sum of the person's row hashes (mod 2**63) and their row count,
        with what their rows point at (the worker and team of each involvement)."""
        sums, counts = self.sums, self.rows_counted
        return {p: f"{sums[p] % (1 << 63):x}.{counts[p]}" for p in sums}

    def lookups(self):
        """{table: {key: {column: value}}} for the look-up tables (workers, teams)."""
        return {table: self._lookups.get(table, {}) for table in LOOKUP_TABLES}

    def rows_for(self, people):
        """{person: {table: [(row, {column: value})]}} for a batch of people."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS batch (p TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM batch")
        self.db.executemany("INSERT OR IGNORE INTO batch VALUES (?)", [(p,) for p in people])
        out = {p: {} for p in people}
        for table, columns in self.present.items():
            if TABLES[table].person is None or table not in self.staged:
                continue
            names = ", ".join(f't."{c}"' for c in columns)
            for row in self.db.execute(
                f'SELECT t._person, t._row, {names} FROM "{table}" t JOIN batch ON batch.p = t._person ORDER BY t.rowid'
            ):
                out[row[0]].setdefault(table, []).append((row[1], dict(zip(columns, row[2:], strict=True))))
        return out
