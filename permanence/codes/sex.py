"""SEX: sex of the child (SSDA903)."""

from .base import CodeList

SEX = CodeList.of("Sex", "SEX", [("1", "Male"), ("2", "Female")])
