"""Unit tests of the hardening helpers: temp-file cleanup, compare-and-swap, templates, escapes, budgets."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import regex

from newslint.app import fixer
from newslint.config.yamlload import MAX_ALIAS_NODES, load_yaml_text
from newslint.core import patterns
from newslint.core.cache import fits
from newslint.core.errors import RuleError
from newslint.core.messages import MAX_MESSAGE, MAX_VALUE, render, template_problem
from newslint.reporters.escape import escape_control, xml_safe

fcntl = pytest.importorskip("fcntl")


def _temp(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text("partial")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


#: a process id no system gives (Linux's pid_max is at most 2**22)
GONE = 999_999_999


def test_stale_temp_files_are_removed_but_live_and_foreign_ones_kept(tmp_path: Path) -> None:
    for name in "abcd":
        (tmp_path / f"{name}.txt").write_text("copy")
    stale = _temp(tmp_path, f".a.txt.{GONE}-0123456789abcdef.newslint-tmp", 60)
    locked = _temp(tmp_path, f".b.txt.{GONE}-0123456789abcdef.newslint-tmp", 60)
    fresh = _temp(tmp_path, f".c.txt.{GONE}-0123456789abcdef.newslint-tmp", -5)  # newer than the run's start
    foreign = _temp(tmp_path, ".d.txt.tmp", 60)
    with open(locked, "rb") as handle:  # a live writer holds its lock
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        removed = fixer.clean_stale_temps([str(tmp_path)], before=time.time())
    assert removed == [str(stale)]
    assert not stale.exists() and locked.exists() and fresh.exists() and foreign.exists()
    assert fixer.clean_stale_temps([str(tmp_path)], before=time.time()) == [str(locked)]  # lock released


def test_only_temp_files_fix_itself_names_are_removed(tmp_path: Path) -> None:
    """A user's own ``.*.newslint-tmp`` files, a live writer's and one without its target stay."""
    (tmp_path / "a.txt").write_text("copy")
    kept = [
        _temp(tmp_path, ".notes.newslint-tmp", 60),  # a user's own
        _temp(tmp_path, ".a.txt.dead1234.newslint-tmp", 60),  # not our exact form
        _temp(tmp_path, f".a.txt.{os.getppid()}-0123456789abcdef.newslint-tmp", 60),  # its writer is alive
        _temp(tmp_path, f".gone.txt.{GONE}-0123456789abcdef.newslint-tmp", 60),  # no such target
    ]
    assert fixer.clean_stale_temps([str(tmp_path)], before=time.time()) == []
    assert all(path.exists() for path in kept)


def test_a_change_of_content_with_the_same_size_and_time_is_still_caught(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"the the end\n")
    info = path.stat()
    path.write_bytes(b"THE THE END\n")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same time
    with pytest.raises(fixer.ChangedOnDisk):
        fixer.write_atomic(str(path), b"the end\n", b"the the end\n")
    assert path.read_bytes() == b"THE THE END\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_symlinked_file_is_written_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"old\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    fixer.write_atomic(str(tmp_path / "link.txt"), b"new\n", b"old\n")
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_bytes() == b"new\n"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("Bad '{match}' (suggestion: {suggestion})", None),
        ("Literal {{braces}} and {match}", None),
        ("{match:>300000000}", "not allowed"),
        ("{match.__class__.__mro__}", "not allowed"),
        ("{match[0]}", "not allowed"),
        ("{match!r}", "not allowed"),
        ("{}", "not allowed"),
        ("{0}", "not allowed"),
        ("{match:{suggestion}}", "not allowed"),
        ("{secret}", None),  # a name no kind passes stays as written (see render)
        ("{match", "malformed"),
        ("match}", "malformed"),
    ],
)
def test_message_templates(template: str, problem: str | None) -> None:
    found = template_problem(template)
    assert (found is None) if problem is None else (found is not None and problem in found), found


def test_rendering_bounds_every_value_and_the_message() -> None:
    assert render("'{match}' vs {missing}", {"match": "x"}) == "'x' vs {missing}"
    long = render("{match}", {"match": "y" * 10_000})
    assert len(long) == MAX_VALUE and long.endswith("…")
    many = render("{match}" * 50, {"match": "z" * 1_000})
    assert len(many) == MAX_MESSAGE


def test_escapes_make_control_characters_visible() -> None:
    assert escape_control("a\x1b[31mb\nc\x0cd\u202ee\tf") == "a\\x1b[31mb\\x0ac\\x0cd\\u202ee\tf"
    assert xml_safe("a\x00b\x0bc\nd\te") == "a\\x00b\\x0bc\nd\te"


def test_one_time_budget_covers_every_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MATCH_TIMEOUT", 0.2)
    slow = regex.compile(r"(a|a)+$")
    text = ("a" * 26 + "b\n") * 100
    regions = [(i * 28, i * 28 + 27) for i in range(100)]
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout):
        list(patterns.matches_in(slow, text, regions))
    assert time.monotonic() - started < 3  # per region it would be 100 x 0.2 s or more


def test_a_slow_word_list_pattern_is_not_retried() -> None:
    slow = regex.compile(r"(x|x)+y")
    with pytest.raises(patterns.PatternTimeout):
        patterns.fullmatch_word(slow, "x" * 40)
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout):
        patterns.fullmatch_word(slow, "x" * 40)
    assert time.monotonic() - started < patterns.WORD_TIMEOUT


def test_cache_shapes() -> None:
    assert fits((1, "a"), (int, str)) and fits(5, None)
    assert not fits(5, (int,)) and not fits((1,), (int, str)) and not fits(("a", 1), (int, str))


def test_aliases_are_fine_up_to_the_limit() -> None:
    ok = (
        "base: &b ["
        + ", ".join(["x"] * 99)
        + "]\nuses: ["
        + ", ".join(["*b"] * (MAX_ALIAS_NODES // 100))
        + "]\n"
    )
    assert len(load_yaml_text(ok, "ok.yaml", RuleError)["uses"]) == MAX_ALIAS_NODES // 100
    too_many = ok[: -len("]\n")] + ", *b]\n"
    with pytest.raises(RuleError, match=r"ok\.yaml:2: YAML aliases expand"):
        load_yaml_text(too_many, "ok.yaml", RuleError)


def test_a_file_locked_by_another_program_is_left_alone_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fixer, "LOCK_WAIT", 0.2)
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    with open(path, "rb") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        with pytest.raises(fixer.Refused, match="locked by another program"):
            fixer.write_atomic(str(path), b"new\n", b"old\n")
    assert path.read_bytes() == b"old\n" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]
