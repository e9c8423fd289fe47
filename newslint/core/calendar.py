"""The calendar vocabulary: one data file (``vocabularies/<name>.json``) that rules name.

Month and weekday names, their abbreviations, ordinal suffixes and the month
forms of each house style live in ``newslint/vocabularies/calendar.json`` only
(JSON, not YAML: the tokenizer needs it at import, before any YAML is parsed).
Date rules reference it by name (option ``vocabulary``), as Vale's vocabularies
are referenced; code that needs the names (sentence splitting, topic stopwords,
the spelling rule) asks this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY_DIR = Path(__file__).resolve().parent.parent / "vocabularies"  # newslint/vocabularies
DEFAULT = "calendar"


@dataclass(frozen=True)
class Calendar:
    """A calendar vocabulary, in calendar order (January, Monday first)."""

    months: Mapping[str, tuple[str, ...]]  # full name -> abbreviations
    weekdays: Mapping[str, tuple[str, ...]]
    ordinals: tuple[str, ...]
    house_forms: Mapping[str, Mapping[str, str]]  # house style -> full month name -> its form

    def full_names(self) -> frozenset[str]:
        """Month and weekday names, lowercased ("january", "monday")."""
        return frozenset(n.lower() for n in (*self.months, *self.weekdays))

    def abbreviations(self) -> frozenset[str]:
        """Month and weekday abbreviations, lowercased, without periods ("sept", "thurs")."""
        names = (*self.months.values(), *self.weekdays.values())
        return frozenset(a.lower().rstrip(".") for group in names for a in group)

    def month_words(self) -> frozenset[str]:
        """Month names and their abbreviations, lowercased."""
        return frozenset(w.lower() for full, abbrevs in self.months.items() for w in (full, *abbrevs))


def known() -> list[str]:
    """The names of the vocabularies that ship with newslint."""
    return sorted(p.stem for p in VOCABULARY_DIR.glob("*.json"))


@cache
def load(name: str = DEFAULT) -> Calendar:
    """The vocabulary called ``name``; ``KeyError`` names the known ones."""
    if name not in known():
        raise KeyError(f"unknown vocabulary {name!r} (known: {', '.join(known())})")
    path = VOCABULARY_DIR / f"{name}.json"
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        return Calendar(
            months={str(k): tuple(v or ()) for k, v in data["months"].items()},
            weekdays={str(k): tuple(v or ()) for k, v in data["weekdays"].items()},
            ordinals=tuple(data["ordinals"]),
            house_forms={str(k): dict(v or {}) for k, v in (data.get("house_forms") or {}).items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuntimeError(f"{path}: broken calendar vocabulary ({exc!r})") from None


def calendar_names() -> frozenset[str]:
    """Lowercased month and weekday names of the default vocabulary (for the spelling rule)."""
    return load().full_names()


__all__ = ["DEFAULT", "Calendar", "calendar_names", "known", "load"]
