"""Field types shared by every endpoint: bounded dates, plain text, code lists as enums, ids."""

from datetime import date
from typing import Annotated, Literal

from ninja import Path
from pydantic import AfterValidator, Field

from permanence.text import free_text

EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


def _in_range(day):
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"Dates must fall between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}")
    return day


def _plain(text):
    # The same characters the pages refuse (a right-to-left override, a zero-width space, a control character).
    problem = free_text.hidden_problem("The text", text)
    if problem:
        raise ValueError(problem)
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
