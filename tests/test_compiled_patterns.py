"""Compiled regexes kept between runs: rebuilt without parsing, identical in use, never wrong."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
import regex

from newslint.core import compiled_patterns
from newslint.core.compiled_patterns import PatternStore

DATE = r"(?<!\p{L})(?P<day>\d{1,2}) (?P<month>Jan|Feb)(?:uary)?(?!\p{L})"
TEXT = "Filed on 3 January, revised 14 Feb, not on 4 Febrero."


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pattern was parsed again")

    monkeypatch.setattr(compiled_patterns.regex, "compile", refuse)


def test_a_pattern_compiled_once_is_rebuilt_in_a_later_run_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "patterns.marshal"
    first = PatternStore(store)
    fresh = first.compile(DATE, regex.V1 | regex.IGNORECASE)
    first.save()
    _no_parsing(monkeypatch)
    rebuilt = PatternStore(store).compile(DATE, regex.V1 | regex.IGNORECASE)
    assert rebuilt.pattern == fresh.pattern and rebuilt.flags == fresh.flags
    spans = [(m.span(), m.groupdict()) for m in rebuilt.finditer(TEXT)]
    assert spans == [(m.span(), m.groupdict()) for m in fresh.finditer(TEXT)]
    assert [m["month"] for m in rebuilt.finditer(TEXT)] == ["Jan", "Feb"]


def test_the_flags_are_part_of_the_key(tmp_path: Path) -> None:
    store = tmp_path / "patterns.marshal"
    first = PatternStore(store)
    first.compile("feb", regex.IGNORECASE)
    first.save()
    plain = PatternStore(store).compile("feb")
    assert plain.search("FEB") is None
    assert PatternStore(store).compile("feb", regex.IGNORECASE).search("FEB") is not None


def test_an_invalid_pattern_raises_and_is_not_stored(tmp_path: Path) -> None:
    store = PatternStore(tmp_path / "patterns.marshal")
    with pytest.raises(regex.error):
        store.compile("(unclosed")
    assert store.entries == {} and not store.changed


def test_a_foreign_or_damaged_entry_is_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    other = PatternStore(tmp_path / "other.marshal")
    other.compile("cat")
    key = "0:dog"
    path.write_bytes(marshal.dumps({key: next(iter(other.entries.values())), "0:x": ("junk",)}))
    store = PatternStore(path)
    assert store.compile("dog").search("hotdog") is not None  # not the stored "cat"
    assert store.compile("x").search("x") is not None
    path.write_bytes(b"not marshal data")
    assert PatternStore(path).compile("dog").pattern == "dog"


def test_an_unchanged_store_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    first = PatternStore(path)
    first.compile("a+")
    first.save()
    before = path.stat().st_mtime_ns
    again = PatternStore(path)
    again.compile("a+")
    again.save()
    assert not again.changed and path.stat().st_mtime_ns == before


def test_the_store_keeps_the_most_recent_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled_patterns, "LIMIT", 3)
    path = tmp_path / "patterns.marshal"
    store = PatternStore(path)
    for word in ("one", "two", "three", "four"):
        store.compile(word)
    store.save()
    assert sorted(PatternStore(path).entries) == ["0:four", "0:three", "0:two"]


def test_the_process_store_follows_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "a"))
    compiled_patterns.compiled("zebra crossing")
    compiled_patterns.save()
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "b"))
    compiled_patterns.compiled("zebra crossing")
    compiled_patterns.save()
    written = sorted(p.parent.name for p in tmp_path.rglob("patterns-*.marshal"))
    assert written == ["a", "b"]
