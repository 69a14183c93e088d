"""The synthetic demo council: a pure generator (`generator.py`) and a fast loader (`loader.py`).

`load_demo` is imported lazily so the pure generator stays importable without Django set up.
"""


def load_demo(**kwargs):
    from .loader import load_demo as _load_demo  # here, so the pure generator imports without Django

    return _load_demo(**kwargs)
