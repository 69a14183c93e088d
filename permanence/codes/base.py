from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class CodeList:
    """A named SSDA903 code list: code -> meaning, in the standard's order."""

    name: str
    field: str
    meanings: MappingProxyType = field(repr=False)

    @classmethod
    def of(cls, name, field, pairs):
        return cls(name=name, field=field, meanings=MappingProxyType(dict(pairs)))

    def __contains__(self, code):
        return code in self.meanings

    def __iter__(self):
        return iter(self.meanings)

    @property
    def codes(self):
        return frozenset(self.meanings)

    def meaning(self, code):
        return self.meanings.get(code, f"Unknown {self.field} code {code!r}")

    def label(self, code):
        """'C2 Full care order' for display."""
        return f"{code} {self.meanings[code]}" if code in self.meanings else str(code)

    def choices(self):
        return [(code, f"{code}: {meaning}") for code, meaning in self.meanings.items()]

    def check(self, code):
        """The problem with a code, in words, or None when it is known."""
        if code in self.meanings:
            return None
        return f"{code!r} is not a {self.field} code; expected one of {', '.join(self.meanings)}"
