"""The three kinds of rule, and what each must cite.

- A *duty* comes from statute, regulations or statutory guidance and cites them (act and
  section, regulations and regulation, or the guidance's title and chapter or paragraph).
- A *local rule* comes from the council's own policy and cites that document by its title and
  section.
- A *practice prompt* is good practice the product suggests: shown with its reason, never
  overdue, never counted as drift.

A pack that says otherwise is refused when it loads (policy.py), and a citation that is a file
name (`002_....txt`, `policy.pdf`) is refused everywhere: a person must be able to look it up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

DUTY = "duty"
LOCAL_RULE = "local_rule"
PROMPT_KIND = "prompt"
KINDS = (DUTY, LOCAL_RULE, PROMPT_KIND)
KIND_NAMES = {DUTY: "Duty", LOCAL_RULE: "Local rule", PROMPT_KIND: "Practice prompt"}
KIND_MEANINGS = {
    DUTY: "set by statute, regulations or statutory guidance",
    LOCAL_RULE: "set by the council's own policy document",
    PROMPT_KIND: "good practice the product suggests; never overdue, never counted as drift",
}
# What an obligation is shown as when its rule's timing says more than its kind. An action a
# clinic, tracking meeting or panel agreed is the council's own commitment, so its rule is a local
# rule and it is counted with them; but it is an action agreed at a meeting, not a rule of the
# council's policy, and is shown as one.
MEETING_ACTION_NAME = "Meeting action"
SHOWN_AS = {"meeting_actions": MEETING_ACTION_NAME}

# A legal citation names an Act, regulations or rules with their year, or statutory guidance.
LEGAL_CITATION = re.compile(
    r"\b(Act|Regulations|Rules)\s+(\d{4})\b|statutory guidance|Guidance and Regulations|Practice Direction",
    re.IGNORECASE,
)
# A file name is never a citation.
FILE_NAME = re.compile(r"[\w.-]+\.(txt|pdf|docx?|xlsx?|csv|html?|md|ya?ml|json)\b", re.IGNORECASE)


class CitationError(ValueError):
    pass


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CitationError(f"`{key}` must be text, not {value!r}")
    return value.strip()


def no_file_name(text: str, key: str) -> None:
    found = FILE_NAME.search(text)
    if found:
        raise CitationError(
            f"`{key}` names a file ({found.group(0)!r}); cite the document by its title and section instead"
        )


def citation(kind: str, raw: Mapping[str, Any]) -> tuple[str, str]:
    """(source, reason) for a rule of this kind, or CitationError saying what is missing."""
    source, reason = _text(raw, "source"), _text(raw, "reason")
    document, section, says = _text(raw, "document"), _text(raw, "section"), _text(raw, "says")
    for key, value in (("source", source), ("reason", reason), ("document", document), ("section", section)):
        no_file_name(value, key)
    if kind == DUTY:
        if not source:
            raise CitationError("a duty needs `source`: the act, regulations or statutory guidance that sets it")
        if not LEGAL_CITATION.search(source):
            raise CitationError(
                f"a duty must cite law (an Act, Regulations or statutory guidance with its year); {source!r} does not"
            )
        return source, reason
    if kind == LOCAL_RULE:
        if not document or not section:
            missing = " and ".join(k for k, v in (("document", document), ("section", section)) if not v)
            raise CitationError(f"a local rule needs `{missing}`: the council document's title and the section")
        cited = f"{document}, {section}" + (f" ({says})" if says else "")
        return cited, reason
    if not reason:
        raise CitationError("a practice prompt needs `reason`: why the product suggests it")
    return source, reason
