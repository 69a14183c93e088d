"""Field types shared by every endpoint: bounded dates, plain text, code lists as enums, ids."""

from datetime import date
from typing import Annotated, Literal

from ninja import Path
from pydantic import AfterValidator, Field

EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


def _in_range(day):
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"Dates must fall between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}")
    return day


def _plain(text):
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
        raise ValueError("Text must not contain control characters")
    return text


Day = Annotated[date, AfterValidator(_in_range), Field(examples=["2026-04-01"])]


def Text(max_length, **kwargs):
    return Annotated[str, Field(max_length=max_length, **kwargs), AfterValidator(_plain)]


def Required(max_length, **kwargs):
    return Annotated[str, Field(min_length=1, max_length=max_length, **kwargs), AfterValidator(_plain)]


def Codes(codes):
    """An enum of a code list's codes (a CodeList, Django-style choices, or plain values)."""
    return Literal[tuple(code[0] if isinstance(code, tuple) else code for code in codes)]


MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
RefId = Annotated[int, Field(ge=1, le=MAX_ID)]
