"""The pieces a planning document is made of, independent of Word or PDF.

A section is a heading and a list of blocks; the renderers know only these four blocks.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list


@dataclass(frozen=True)
class Table:
    headers: list
    rows: list  # each a list of strings, as long as headers
    first_column_is_heading: bool = True


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: list
