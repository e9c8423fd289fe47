"""Check kinds: one module each, found by discovery.

A module in this package that defines a subclass of :class:`newslint.core.kind.Kind`
(or :class:`~newslint.core.kind.CorpusKind`) with a ``name`` is a kind; nothing
else needs editing to add one.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newslint.core.kind import CorpusKind, Fixes, Kind

__all__ = ["CorpusKind", "Fixes", "Kind", "available_kinds", "get_kind"]


@cache
def available_kinds() -> dict[str, type[Kind]]:
    found: dict[str, type[Kind]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Kind)
                and value.__module__ == module.__name__
                and value.name
            ):
                found[value.name] = value
    return found


def get_kind(name: str) -> type[Kind] | None:
    return available_kinds().get(name)
