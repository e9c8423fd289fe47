"""Stored word tables answer exactly as the sets and dicts they replace, searched or built."""

from __future__ import annotations

import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.spelling import lexicon as spelling_lexicon
from newslint.spelling import word_tables
from newslint.spelling.lexicon import RareWords
from newslint.spelling.word_tables import WordSet, WordValues

WORDS = ["zebra", "apple", "café", "cafe", "naïve", "Zürich", "a", "apples", "ab", "über", "ångström"]
PROBES = [*WORDS, "", "b", "caf", "cafés", "zebras", "A", "Apple", "zz", "ü", "naive", "ångströms"]


def test_a_word_set_answers_as_a_frozenset_by_search_and_once_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_tables, "MIN_SEARCHES", 5)
    table, truth = WordSet.of(WORDS), frozenset(WORDS)
    answers = [(word, word in table) for word in PROBES * 3]  # past the budget: built half way
    assert answers == [(word, word in truth) for word in PROBES * 3]
    assert table._built == truth  # it was built, and holds just the words
    assert sorted(table) == sorted(truth) and len(table) == len(truth)


def test_among_gives_the_words_held(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_tables, "MIN_SEARCHES", 8)
    table = WordSet.of(WORDS)
    assert table.among({"café", "cafés", "über", "x"}) == {"café", "über"}
    assert table.among(set(PROBES)) == set(PROBES) & set(WORDS)  # more than its budget: built
    assert table._built is not None


def test_what_is_not_a_word_is_not_held() -> None:
    table = WordSet.of(["one\ntwo", "three"])
    assert "one\ntwo" not in table and "one" not in table and 3 not in table  # type: ignore[operator]
    assert list(table) == ["three"] and len(WordSet()) == 0 and "x" not in WordSet()


def test_a_word_mapping_answers_as_a_dict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_tables, "MIN_SEARCHES", 4)
    truth = {w: len(w) / 3 for w in WORDS}
    table = WordValues.of(truth)
    got = [(w, table.get(w), table.get(w, -1.0), w in table) for w in PROBES * 2]
    assert got == [(w, truth.get(w), truth.get(w, -1.0), w in truth) for w in PROBES * 2]
    assert table["café"] == truth["café"]
    with pytest.raises(KeyError):
        table["caf"]
    assert dict(table.items()) == truth and sorted(table) == sorted(truth) and len(table) == len(truth)


@settings(max_examples=60, deadline=None)
@given(st.sets(st.text(min_size=1, max_size=6)), st.lists(st.text(max_size=6), max_size=20))
def test_any_words_at_all(words: set[str], probes: list[str]) -> None:
    held = {w for w in words if "\n" not in w}
    table = WordSet.of(words)
    assert [p in table for p in [*probes, *held]] == [p in held for p in [*probes, *held]]


def test_rare_words_answer_the_same_searched_or_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling_lexicon, "MIN_SEARCHES", 3)
    words = sorted(["aab", "abc", "café", "zzz", "über"])
    rare = RareWords("\n".join(words), array.array("H", [120, 150, 233, 199, 101]).tobytes())
    probes = ["abc", "zzz", "abd", "", "café", "über", "aab", "cafe"] * 2
    assert [rare.get(p) for p in probes] == [1.5, 1.99, 0.0, 0.0, 2.33, 1.01, 1.2, 0.0] * 2
    assert rare._words == words  # past its budget it was split into a list
