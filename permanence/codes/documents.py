"""The practice documents the product draws on, by the title a person can look up.

A rule, prompt or fact taken from one of them cites it by this title and a section, never by a
file name (the documents' files are named by a hash; a user could not find them by it).
"""

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
