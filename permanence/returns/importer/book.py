"""The year's new reviews, kept as one byte per child per day of the year.

A return can carry a very large Reviews file; kept as rows, its reviews would cost memory in
proportion. Here the cost is fixed by the number of children (366 bytes each), whatever the file's
size, and a second review of the same child on the same day is seen at once.
"""

import re
from datetime import date, timedelta

from permanence.codes.participation import PARTICIPATION

CODES = ("", *PARTICIPATION)  # byte value - 1 -> participation code ("" when not given)
_HELD = re.compile(b"[^\x00]")


class ReviewBook:
    def __init__(self, refs, first: date):
        self.refs = list(refs)  # child number -> reference
        self.number = {ref: n for n, ref in enumerate(self.refs)}
        self.first = first
        self.cells = bytearray(len(self.refs) * 366)
        self.count = 0

    def add(self, ref, day, code):
        """False when the child already has a review that day."""
        at = self.number[ref] * 366 + (day - self.first).days
        if self.cells[at]:
            return False
        self.cells[at] = CODES.index(code) + 1
        self.count += 1
        return True

    def leave_out(self, refs):
        for ref in refs:
            n = self.number.get(ref)
            if n is not None:
                start = n * 366
                self.count -= sum(1 for value in self.cells[start : start + 366] if value)
                self.cells[start : start + 366] = bytes(366)

    def __len__(self):
        return self.count

    def children(self):
        """The references of the children with at least one new review."""
        return {ref for n, ref in enumerate(self.refs) if _HELD.search(self.cells, n * 366, (n + 1) * 366)}

    def __iter__(self):
        """(ref, day, participation) in child order, then date order."""
        for n, ref in enumerate(self.refs):
            row = self.cells[n * 366 : (n + 1) * 366]
            for found in _HELD.finditer(row):
                offset = found.start()
                yield ref, self.first + timedelta(days=offset), CODES[row[offset] - 1]
