"""SSDA903 code lists, one module each, with their meanings.

Pure Python: the timescales engine, the models, the demo generator and the
903 import/export all read the same lists from here.
"""

from .base import CodeList  # noqa: F401
