from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType


@dataclass(frozen=True)
class CodeList:
    """A named SSDA903 code list: code -> meaning, in the standard's order."""

    name: str
    field: str
    meanings: MappingProxyType[str, str] = dataclass_field(repr=False)

    @classmethod
    def of(cls, name: str, field: str, pairs: Iterable[tuple[str, str]]) -> "CodeList":
        return cls(name=name, field=field, meanings=MappingProxyType(dict(pairs)))

    def __contains__(self, code: object) -> bool:
        return code in self.meanings

    def __iter__(self) -> Iterator[str]:
        return iter(self.meanings)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.meanings)

    def meaning(self, code: str) -> str:
        return self.meanings.get(code, f"Unknown {self.field} code {code!r}")

    def label(self, code: str) -> str:
        """'C2 Full care order' for display."""
        return f"{code} {self.meanings[code]}" if code in self.meanings else str(code)

    def choices(self) -> list[tuple[str, str]]:
        return [(code, f"{code}: {meaning}") for code, meaning in self.meanings.items()]

    def check(self, code: str) -> str | None:
        """The problem with a code, in words, or None when it is known."""
        if code in self.meanings:
            return None
        return f"{code!r} is not a {self.field} code; expected one of {', '.join(self.meanings)}"
