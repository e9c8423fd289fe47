"""Data tests for every word list shipped under ``rules/`` (codespell lints its dictionary the same way).

An accept list hides words from the checks, so an entry that is itself a known misspelling would
hide a real typo: sorted, no duplicates, and no entry that codespell's dictionary lists as a
misspelling (when codespell is installed) or that the date-misspelled-month rule flags in a date.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import pytest

from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import builtin_rules_dir, load_rules

LISTS = sorted(builtin_rules_dir().rglob("*.txt"))


def _entries(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@cache
def _codespell_misspellings() -> frozenset[str] | None:
    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        return None
    dictionary = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary.txt"
    if not dictionary.is_file():
        return None
    lines = dictionary.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("->", 1)[0].strip().lower() for line in lines if "->" in line)


def test_there_are_word_lists() -> None:
    assert LISTS, "no rules/**/*.txt found"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_sorted_without_duplicates(path: Path) -> None:
    entries = _entries(path)
    assert entries == sorted(entries, key=lambda e: (e.casefold(), e)), f"{path.name} is not sorted"
    folded = [e.casefold() for e in entries]
    assert len(folded) == len(set(folded)), f"{path.name} lists an entry twice"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_no_entry_is_a_known_misspelling(path: Path) -> None:
    known = _codespell_misspellings()
    if known is None:
        pytest.skip("codespell is not installed: python -m pip install '.[test]' (the test extra has it)")
    listed = sorted(e for e in _entries(path) if e.lower() in known)
    assert not listed, f"{path.name}: codespell lists these as misspellings: {listed}"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_no_entry_is_a_misspelled_month_or_weekday(path: Path) -> None:
    rule = next(r for r in load_rules([builtin_rules_dir()]) if r.id == "date-misspelled-month")
    linter = DocumentLinter([rule])
    for entry in _entries(path):
        word = entry[:1].upper() + entry[1:]
        text = f"Talks\n\nThe talks ended on 5 {word} 2020 and on {word} 6, 2021.\n"
        assert not linter.lint(Document("x.txt", text)), f"{path.name}: {entry!r} reads as a misspelled date"


def test_a_misspelling_would_be_caught() -> None:
    """The checks above can fail: a known misspelling and a slip of a month are detected."""
    known = _codespell_misspellings()
    if known is not None:
        assert "recieve" in known
    rule = next(r for r in load_rules([builtin_rules_dir()]) if r.id == "date-misspelled-month")
    text = "Talks\n\nThe talks ended on 5 Septemeber 2020.\n"
    assert DocumentLinter([rule]).lint(Document("x.txt", text))
