"""The practice documents the product draws on, by the title a person can look up.

A rule, prompt or fact taken from one of them cites it by this title and a section, never by a
file name (the documents' files are named by a hash; a user could not find them by it).
"""

import re

PROCEDURES_PART_6 = "Permanence: considerations arising from key principles (procedures manual, Part 6)"
KSS = "DfE, Knowledge and Skills Statement: Achieving Permanence"
LEEDS = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)"
CAMDEN = "Camden, Permanence practice guidance for social workers"
BIRMINGHAM = "Birmingham Children's Trust, Permanence Guidance"

DOCUMENTS = (PROCEDURES_PART_6, KSS, LEEDS, CAMDEN, BIRMINGHAM)
# The councils whose own documents these are: a rule from one is a local rule of that council.
COUNCIL_OF = {LEEDS: "Leeds", CAMDEN: "Camden", BIRMINGHAM: "Birmingham"}


def cite(document: str, section: str = "", detail: str = "") -> str:
    """'Leeds City Council, Permanence Policy and Guidance (...), section 8.6 (who may apply)'."""
    text = document + (f", {section}" if section else "")
    return text + (f" ({detail})" if detail else "")


# The three councils' own documents are local policy. Outside that council's pack, what the product
# takes from them is a practice prompt, shown labelled as practice guidance after any law.
PRACTICE_GUIDANCE = "Practice guidance"
_COUNCIL = re.compile(r"\b(Leeds|Camden|Birmingham)\b")


def as_cited(source: str) -> str:
    """A citation as a person reads it: the law first, as given, then any part naming a council's own
    document labelled as practice guidance. 'Children Act 1989 s33(3); Leeds ... §8.7' becomes
    'Children Act 1989 s33(3). Practice guidance: Leeds ... §8.7'. Text already labelled is kept."""
    if not source or PRACTICE_GUIDANCE in source or not _COUNCIL.search(source):
        return source
    parts = [part.strip() for part in source.split(";") if part.strip()]
    law = [part for part in parts if not _COUNCIL.search(part)]
    practice = [part for part in parts if _COUNCIL.search(part)]
    labelled = f"{PRACTICE_GUIDANCE}: " + "; ".join(practice)
    return "; ".join(law).rstrip(".") + ". " + labelled if law else labelled
