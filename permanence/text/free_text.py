"""Limits on the text people type, with a message that names the field (pure: no Django).

Every free-text field has a length limit, and no text may carry the invisible characters that
reorder or hide what a reader sees (a right-to-left override can make "Tom" display as "moT"
or disguise a file name); the ordinary right-to-left and left-to-right marks that Arabic or
Hebrew text uses stay allowed.
"""

# Limits by kind of field, in characters.
NAME = 100  # a person's first or last name, a carer's name
SHORT = 300  # a line of text: a reason, a description, a title
LONG = 10_000  # a note, views in the child's own words, minutes of a discussion

# Bidirectional embedding, override and isolate controls (Unicode TR9), and other characters
# that change what is displayed without being seen.
HIDDEN = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u200b": "zero-width space",
    "\ufeff": "zero-width no-break space",
    "\x00": "null character",
}


def hidden_characters(text: str) -> list[str]:
    """The names of the hidden characters in `text`, in the order found (each once)."""
    found: list[str] = []
    for char in text:
        name = HIDDEN.get(char)
        if name is None and (ord(char) < 32 and char not in "\t\n\r"):
            name = "control character"
        if name and name not in found:
            found.append(name)
    return found


def hidden_problem(label: str, text: str | None) -> str:
    """The message for hidden characters in the field called `label`, or "" when there are none."""
    hidden = hidden_characters(text or "")
    if not hidden:
        return ""
    return f"{label} contains characters that hide or reorder text ({', '.join(hidden)}): remove them"


def problems(label: str, text: str | None, *, limit: int) -> list[str]:
    """What is wrong with the text typed in the field called `label` ([] when it is fine)."""
    if not text:
        return []
    found = []
    if len(text) > limit:
        found.append(f"{label} must be {limit:,} characters or fewer")
    hidden = hidden_problem(label, text)
    if hidden:
        found.append(hidden)
    return found
