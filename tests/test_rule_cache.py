"""The rule-file cache: reused while a file is unchanged, never trusted once it changes."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from shared import EXISTENCE_RULE, write_rule

from newslint.core.rule_cache import RuleFileCache
from newslint.engine.rules import load_rules

HOUR_AGO = 3600


class CountingParser:
    def __init__(self, data: object = None) -> None:
        self.calls = 0
        self.data = data

    def __call__(self, file: Path) -> object:
        self.calls += 1
        return self.data if self.data is not None else {"text": file.read_text(encoding="utf-8")}


def settled(path: Path, text: str, age: int = HOUR_AGO) -> Path:
    """Write ``text`` to ``path`` with a modification time ``age`` seconds ago."""
    path.write_text(text, encoding="utf-8")
    when = int(datetime.datetime.now().timestamp()) - age
    os.utime(path, (when, when))
    return path


def test_an_unchanged_file_is_parsed_once_across_runs(tmp_path: Path) -> None:
    rule = settled(tmp_path / "r.yaml", "a: 1\n")
    store = tmp_path / "cache" / "rules.marshal"
    parse = CountingParser()
    first = RuleFileCache(store)
    assert first.load(rule, parse) == {"text": "a: 1\n"}
    first.save()
    second = RuleFileCache(store)
    assert second.load(rule, parse) == {"text": "a: 1\n"}
    assert parse.calls == 1


@pytest.mark.parametrize("edit", ["same size, new time", "new size, same time"])
def test_a_changed_file_is_parsed_again(tmp_path: Path, edit: str) -> None:
    rule = settled(tmp_path / "r.yaml", "a: 1\n")
    store = tmp_path / "rules.marshal"
    cache = RuleFileCache(store)
    cache.load(rule, CountingParser())
    cache.save()
    before = rule.stat().st_mtime_ns
    if edit == "same size, new time":
        settled(rule, "a: 2\n", age=2 * HOUR_AGO)
    else:
        rule.write_text("a: 22\n", encoding="utf-8")
        os.utime(rule, ns=(before, before))
    parse = CountingParser()
    assert RuleFileCache(store).load(rule, parse) == {"text": rule.read_text(encoding="utf-8")}
    assert parse.calls == 1


def test_changing_the_returned_data_does_not_change_the_cache(tmp_path: Path) -> None:
    rule = settled(tmp_path / "r.yaml", "a: 1\n")
    store = tmp_path / "rules.marshal"
    cache = RuleFileCache(store)
    first = cache.load(rule, CountingParser({"options": {"tokens": ["a"]}}))
    first["options"]["tokens"].append("b")
    again = cache.load(rule, CountingParser())
    cache.save()
    assert again == {"options": {"tokens": ["a"]}}
    assert RuleFileCache(store).load(rule, CountingParser()) == {"options": {"tokens": ["a"]}}


def test_a_file_written_just_now_is_not_stored(tmp_path: Path) -> None:
    rule = tmp_path / "r.yaml"
    rule.write_text("a: 1\n", encoding="utf-8")
    store = tmp_path / "rules.marshal"
    cache = RuleFileCache(store)
    cache.load(rule, CountingParser())
    cache.save()
    assert not store.exists()


def test_data_marshal_cannot_hold_is_returned_but_not_stored(tmp_path: Path) -> None:
    rule = settled(tmp_path / "r.yaml", "when: 2024-01-01\n")
    store = tmp_path / "rules.marshal"
    cache = RuleFileCache(store)
    data = {"when": datetime.date(2024, 1, 1)}
    assert cache.load(rule, CountingParser(data)) == data
    cache.save()
    assert not store.exists()


def test_a_corrupt_or_unwritable_cache_only_costs_the_parse(tmp_path: Path) -> None:
    rule = settled(tmp_path / "r.yaml", "a: 1\n")
    corrupt = tmp_path / "rules.marshal"
    corrupt.write_bytes(b"\x00not marshal")
    parse = CountingParser()
    assert RuleFileCache(corrupt).load(rule, parse) == {"text": "a: 1\n"}
    blocked = tmp_path / "a-file" / "rules.marshal"
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    cache = RuleFileCache(blocked)
    assert cache.load(rule, parse) == {"text": "a: 1\n"}
    cache.save()  # cannot create the folder: no error
    assert parse.calls == 2


def test_load_rules_sees_an_edit_after_the_rule_was_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_rule(tmp_path, EXISTENCE_RULE)
    rule_file = folder / "house" / "r.yaml"
    settled(rule_file, EXISTENCE_RULE)
    assert [r.summary for r in load_rules([folder])] == ["A banned word."]
    assert list((tmp_path / "cache").iterdir())  # stored
    settled(rule_file, EXISTENCE_RULE.replace("A banned word.", "A word we ban."), age=2 * HOUR_AGO)
    assert [r.summary for r in load_rules([folder])] == ["A word we ban."]


def test_a_cached_rule_with_an_error_is_still_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.core.errors import RuleError

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_rule(tmp_path, EXISTENCE_RULE.replace("severity: warning", "severity: loud"))
    settled(folder / "house" / "r.yaml", EXISTENCE_RULE.replace("severity: warning", "severity: loud"))
    for _ in range(2):  # parsed, then from the cache
        with pytest.raises(RuleError) as info:
            load_rules([folder])
        assert info.value.line == 4
