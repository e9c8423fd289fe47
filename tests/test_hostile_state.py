"""State files under attack (issue 27, items 1, 2, 8, 10): what newslint reads back from a cache
is verified before use, a bad entry is rebuilt, the stores stay small, and nothing in the
project's ``.newslint_cache/`` makes a run write elsewhere or trust what it holds."""

from __future__ import annotations

import json
import marshal
import os
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

from newslint.cli import app
from newslint.core import cache, compiled_patterns, rule_cache
from newslint.core.cache import MISSING, read_cached, write_cached
from newslint.core.compiled_patterns import PatternStore
from newslint.core.rule_cache import RuleFileCache
from newslint.run.result_cache import CACHE_DIR, ResultCache

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"


def test_every_flipped_byte_of_a_cache_file_is_caught(tmp_path: Path) -> None:
    """One flipped bit anywhere (header, digest or payload) and the file is not decoded."""
    path = tmp_path / "c.marshal"
    data = {"a": (1, 2.5, "x" * 40, b"\x00\xff"), "b": [None, True]}
    for keyed in (False, True):
        assert write_cached(path, data, keyed=keyed)
        good = path.read_bytes()
        assert read_cached(path, keyed=keyed) == data
        assert read_cached(path, keyed=not keyed) is MISSING  # a checked file is not a keyed one
        for i in range(len(good)):
            damaged = bytearray(good)
            damaged[i] ^= 1 << (i % 8)
            path.write_bytes(bytes(damaged))
            assert read_cached(path, keyed=keyed) is MISSING, f"byte {i} flipped, still read"
        path.write_bytes(good[: len(good) // 2])  # cut short
        assert read_cached(path, keyed=keyed) is MISSING


def test_random_bytes_and_old_raw_marshal_files_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "c.marshal"
    for content in (os.urandom(4096), marshal.dumps({"x": 1}), b"", b"NLCACHE2c"):
        path.write_bytes(content)
        assert read_cached(path) is MISSING


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_link_as_a_cache_file_is_not_opened_and_is_replaced_on_write(tmp_path: Path) -> None:
    fifo, link, victim = tmp_path / "f.marshal", tmp_path / "l.marshal", tmp_path / "victim"
    os.mkfifo(fifo)
    victim.write_text("precious")
    os.symlink(victim, link)
    assert read_cached(fifo) is MISSING  # at once: a blocking open would hang here
    assert read_cached(link) is MISSING  # not followed
    assert write_cached(fifo, 1) and write_cached(link, 2)
    assert read_cached(fifo) == 1 and read_cached(link) == 2
    assert victim.read_text() == "precious" and not link.is_symlink()


def test_a_keyed_file_needs_this_users_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A results file shipped with a repository (written under another key) is never decoded."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "mine"))
    path = tmp_path / "results.marshal"
    assert write_cached(path, {"a": 1}, keyed=True)
    assert read_cached(path, keyed=True) == {"a": 1}
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "theirs"))
    assert read_cached(path, keyed=True) is MISSING
    key = tmp_path / "theirs" / "key"
    assert key.stat().st_size == 32 and key.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_unusable_key_file_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    os.mkfifo(tmp_path / "key")
    key = cache.secret()
    assert key is not None and (tmp_path / "key").read_bytes() == key


# --- the compiled-pattern store (item 2, item 8) ---

PATTERNS = [
    (r"\b(?:could|should|would) of\b", regex.I),
    (r"(?P<w>\p{L}+)\s+(?P=w)", regex.V1),
    (r"^\s*(?:additional\s+)?reporting by", regex.M | regex.I),
    (r"\d{1,2} (?:Jan|Feb|Mar)\w* \d{4}", 0),
]


def _matches(store: PatternStore) -> list[object]:
    text = "He could of gone on 3 March 2024, the the end.\n reporting by X"
    return [[m.span() for m in store.compile(p, f).finditer(text)] for p, f in PATTERNS]


def test_a_damaged_pattern_store_is_rebuilt_with_the_same_matches(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    fresh = PatternStore(path)
    expected = _matches(fresh)
    fresh.save()
    good = path.read_bytes()
    for i in range(0, len(good), max(1, len(good) // 300)):  # some 300 single flipped bytes
        damaged = bytearray(good)
        damaged[i] ^= 0xFF
        path.write_bytes(bytes(damaged))
        store = PatternStore(path)
        assert store.entries == {}
        assert _matches(store) == expected
    path.write_bytes(os.urandom(len(good)))
    assert _matches(PatternStore(path)) == expected


def test_an_entry_of_another_layout_never_reaches_the_c_call(tmp_path: Path) -> None:
    """Even in a file with a valid checksum, only entries shaped as ``regex`` makes them are used."""
    path = tmp_path / "patterns.marshal"
    source, flags = PATTERNS[0]
    real = PatternStore(tmp_path / "other.marshal")
    real.compile(source, flags)
    arguments = next(iter(real.entries.values()))
    odd = [("x",), arguments[:5], (*arguments[:2], [1, 2, 3], *arguments[3:]), (*arguments, 1), "text", None]
    for entry in odd:
        write_cached(path, {f"{flags}:{source}": entry})
        store = PatternStore(path)
        assert store.compile(source, flags).pattern == source


def test_a_huge_pattern_is_compiled_but_not_stored(tmp_path: Path) -> None:
    store = PatternStore(tmp_path / "patterns.marshal")
    words = "|".join(f"w{i:06d}" for i in range(60_000))
    assert store.compile(f"(?:{words})").match("w012345")
    store.save()
    assert not (tmp_path / "patterns.marshal").exists() or len(store.entries) == 0


def test_the_pattern_store_keeps_within_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled_patterns, "STORE_BYTES", 20_000)
    path = tmp_path / "patterns.marshal"
    store = PatternStore(path)
    for i in range(200):
        store.compile("|".join(f"a{i}b{j}" for j in range(20)))
    store.save()
    assert path.stat().st_size < 21_000
    kept = PatternStore(path).entries
    assert 0 < len(kept) < 200 and next(reversed(kept)).endswith("a199b19")  # the newest kept


def test_the_rule_cache_skips_huge_files_and_keeps_within_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rule_cache, "ENTRY_BYTES", 10_000)
    monkeypatch.setattr(rule_cache, "STORE_BYTES", 30_000)
    monkeypatch.setattr(rule_cache, "_SETTLED_NS", 0)
    path = tmp_path / "rules.marshal"
    store = RuleFileCache(path)
    big = tmp_path / "big.yaml"
    big.write_text("x")
    store.load(big, lambda f: {"tokens": ["t" * 20_000]})
    assert store.entries == {}  # parsed, not stored
    for i in range(10):
        small = tmp_path / f"r{i}.yaml"
        small.write_text("x")
        store.load(small, lambda f: {"tokens": ["t" * 5_000]})
    store.save()
    assert path.stat().st_size < 31_000 and 0 < len(RuleFileCache(path).entries) < 10


# --- the project's result cache (items 1 and 10) ---


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    monkeypatch.chdir(folder)
    return folder


def _findings(*args: str) -> tuple[list[dict[str, object]], str]:
    result = CliRunner().invoke(app, ["check", "--no-progress", "--format", "json", *args, "a.txt"])
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)["findings"], result.stderr


def test_tampered_entries_are_validated_and_ignored(project: Path) -> None:
    """A results file written with this user's key but holding nonsense: linted afresh."""
    expected, _ = _findings("--no-cache")
    _findings()
    (results,) = (project / CACHE_DIR).glob("results-*")
    stored = read_cached(results, keyed=True)
    digest, packed = stored["a.txt"]
    first = packed[0]
    bad = [
        (*first[:6], "catastrophic", *first[7:]),  # severity
        ("3", *first[1:]),  # line a string
        (True, *first[1:]),  # line a bool
        (*first[:9], ((1, "m", None, "extra"),), *first[10:]),  # related of another shape
        (*first[:10], (5, 2, "x", True), *first[11:]),  # fix ending before it starts
        first[:5],  # cut short
        "not a tuple",
    ]
    for entry in bad:
        write_cached(results, {"a.txt": (digest, (entry,))}, keyed=True)
        assert _findings()[0] == expected, entry
    write_cached(results, {"a.txt": "x", "b.txt": (digest, "x")}, keyed=True)
    assert _findings()[0] == expected


def test_a_shipped_results_file_is_not_trusted(project: Path) -> None:
    """A results file from elsewhere (checked, not keyed with this user's key) is ignored."""
    expected, _ = _findings("--no-cache")
    _findings()
    (results,) = (project / CACHE_DIR).glob("results-*")
    stored = read_cached(results, keyed=True)
    digest, _packed = stored["a.txt"]
    write_cached(results, {"a.txt": (digest, ())})  # "no findings", checksummed but not keyed
    assert _findings()[0] == expected


def test_links_in_the_cache_folder_are_refused_once_and_the_run_goes_uncached(project: Path) -> None:
    victim = project.parent / "victim"
    victim.write_text("precious")
    (project / CACHE_DIR).mkdir()
    os.symlink("../../victim", project / CACHE_DIR / "CACHEDIR.TAG")
    expected, _ = _findings("--no-cache")
    findings, stderr = _findings()
    assert findings == expected and victim.read_text() == "precious"
    assert stderr.count("result cache not used") == 1, stderr
    assert "CACHEDIR.TAG: a symbolic link" in stderr
    assert not list((project / CACHE_DIR).glob("results-*"))


def test_a_cache_folder_made_from_scratch_is_whole(project: Path) -> None:
    _findings()
    folder = project / CACHE_DIR
    assert (folder / ".gitignore").read_text().endswith("*\n")
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert ResultCache(project, "k").refused is None
