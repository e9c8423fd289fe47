"""The hostile-input table: rule files, configurations, data files, special files, links, output.

Each case builds a folder, runs ``newslint ARGS`` in it and states what must happen: the exit
status, a pattern the output must hold (``file:line: message`` for rule and config errors,
file and what is wrong for data files) and, for some, a check of the files afterwards.
``test_hostile.py`` runs the table in-process (quick) and, marked slow, under ``python -X dev``
in a subprocess (no traceback, no warning).
"""

from __future__ import annotations

import base64
import gzip
import json
import marshal
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
FIXED = "Budget talks resume\n\nThe minister said the talks would resume on Monday.\n"
CONFIG_WITH_RULES = "rule-paths: [rules]\n"
SECONDS = 30.0  # every case finishes well within this (a hang would not)


@dataclass(frozen=True)
class Case:
    section: str
    name: str
    args: tuple[str, ...]
    code: int
    expect: str  # a regex the combined stderr + stdout must match
    files: dict[str, str | bytes] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    after: Callable[[Path, str], None] | None = None  # checks on the folder (and output) afterwards
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    unless_root: bool = False  # relies on permission denial, which root does not get
    in_process: bool = True  # False: needs a fresh process (caches are read once per process)
    slow: bool = False  # over a few seconds: only in the slow run

    @property
    def id(self) -> str:
        return f"{self.section}/{self.name}"


def rule_file(options: str = "  tokens: [zzz]", message: str = "Bad '{match}'", scope: str = "text") -> str:
    """A rule file; line 5 is ``message``, line 9 ``options:``, options start on line 10."""
    return (
        "id: hostile\n"
        "kind: existence\n"
        "category: style\n"
        "severity: warning\n"
        f"message: {json.dumps(message)}\n"
        "summary: A test rule.\n"
        "why: Tests.\n"
        f"scope: {scope}\n"
        "options:\n"
        f"{options}\n"
        "examples:\n"
        "  bad: []\n"
        "  good: []\n"
    )


def alias_bomb(levels: int, indent: str = "  ") -> str:
    lines = [f"{indent}a0: &a0 [l, l]"]
    lines += [f"{indent}a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, levels)]
    return "\n".join(lines)


def rule_case(name: str, text: str, line: int | None, message: str, **kw: object) -> Case:
    where = rf"hostile\.yaml:{line}: " if line else r"hostile\.yaml(:\d+)?: "
    return Case(
        "rule files",
        name,
        ("check", "--no-progress", "a.txt"),
        2,
        where + message,
        files={".newslint.yaml": CONFIG_WITH_RULES, "rules/x/hostile.yaml": text, "a.txt": ARTICLE},
        **kw,  # type: ignore[arg-type]
    )


def _points_at_alias(name: str) -> Callable[[Path, str], None]:
    def check(folder: Path, output: str) -> None:
        m = re.search(rf"{re.escape(name)}:(\d+):", output)
        assert m, output
        line = (folder / name).read_text().splitlines()[int(m.group(1)) - 1] if "/" not in name else ""
        if line:
            assert "*a" in line, f"line {m.group(1)} holds no alias: {line!r}"

    return check


def _rule_alias_check(folder: Path, output: str) -> None:
    m = re.search(r"hostile\.yaml:(\d+):", output)
    assert m, output
    line = (folder / "rules/x/hostile.yaml").read_text().splitlines()[int(m.group(1)) - 1]
    assert "*a" in line, f"line {m.group(1)} holds no alias: {line!r}"


DEEP = "[" * 20_000 + "]" * 20_000
BIG = "9" * 5_000

RULE_CASES = [
    rule_case(
        "alias bomb in options",
        rule_file(f"  tokens: [zzz]\n  requires: []\n  patterns: []\n  exceptions: []\nx:\n{alias_bomb(30)}"),
        None,
        "YAML aliases expand to more than",
        after=_rule_alias_check,
    ),
    rule_case(
        "20,000 levels of nesting", rule_file(f"  tokens: {DEEP}"), 10, "YAML nested more than 100 levels"
    ),
    rule_case(
        "!!python/object/apply tag",
        rule_file("  tokens: !!python/object/apply:os.system [echo pwned]"),
        10,
        "YAML tag .*python/object/apply.* is not allowed",
    ),
    rule_case("private tag", rule_file("  tokens: !secret [zzz]"), 10, "YAML tag '!secret' is not allowed"),
    rule_case(
        "!!binary tag", rule_file("  tokens: [!!binary aGVsbG8=]"), 10, "YAML tag .*binary.* is not allowed"
    ),
    rule_case(
        "alias cycle", rule_file("  tokens: &t [zzz, *t]"), 10, "YAML alias refers to a node that contains it"
    ),
    rule_case(
        "5,000-digit integer",
        rule_file(f"  tokens: [zzz]\n  requires: {BIG}"),
        11,
        "number with more than 4,000 digits",
    ),
    rule_case(
        "message format spec (300 MB padding)",
        rule_file(message="{match:>300000000}"),
        5,
        r"message field \{match:>300000000\} is not allowed",
    ),
    rule_case(
        "message attribute access",
        rule_file(message="{match.__class__.__mro__}"),
        5,
        r"message field \{match.__class__.__mro__\} is not allowed",
    ),
    rule_case(
        "message indexing", rule_file(message="{match[0]}"), 5, r"message field \{match\[0\]\} is not allowed"
    ),
    rule_case(
        "message conversion", rule_file(message="{match!r}"), 5, r"message field \{match!r\} is not allowed"
    ),
    rule_case(
        "message positional field", rule_file(message="bad {}"), 5, r"message field \{\} is not allowed"
    ),
    rule_case(
        "message unbalanced brace", rule_file(message="bad {match"), 5, "message template is malformed"
    ),
    rule_case("invalid regex", rule_file("  patterns: ['(unclosed']"), 10, "invalid regex"),
    rule_case(
        "invalid exception regex", rule_file("  tokens: [zzz]\n  exceptions: ['[z-a]']"), 11, "invalid regex"
    ),
    rule_case("two documents", rule_file() + "---\nid: other\n", None, "invalid YAML"),
    rule_case("not UTF-8", rule_file().encode("utf-8") + b"# \xff\xfe\n", None, "cannot read"),
    rule_case("a list as a key", rule_file() + "? [a, b]\n: c\n", 14, "a list or mapping as a mapping key"),
    rule_case(
        "an option name that is not a string",
        rule_file("  tokens: [zzz]\n  : x"),
        11,
        "option name None must be a string",
    ),
    rule_case("a list, not a mapping", "- id: hostile\n", 1, "a rule file must hold a mapping"),
    rule_case(
        "one 300 kB token (compiled, it took 280 bytes a byte, every run)",
        rule_file("  tokens: [" + "abcdefg" * 43_000 + "]"),
        None,
        r"rule file is 301,\d+ bytes, more than 262,144: not loaded",
    ),
]

# Time limits: the run ends in bounded time, the rule says it was stopped, other rules still run.
TIMEOUT_CASES = [
    Case(
        "regex time limits",
        "catastrophic pattern, scope line, 100 lines",
        ("check", "--no-progress", "--select", "hostile", "t.txt"),
        1,
        r"t\.txt:1:1: warning \[hostile\] rule stopped on this file: pattern .* ran past its time limit",
        files={
            ".newslint.yaml": CONFIG_WITH_RULES,
            "rules/x/hostile.yaml": rule_file("  patterns: ['(a|a)+$']", scope="line"),
            "t.txt": ("a" * 30 + "b\n") * 100,
        },
    ),
    Case(
        "regex time limits",
        "catastrophic exception pattern",
        ("check", "--no-progress", "--select", "hostile", "t.txt"),
        1,
        r"rule stopped on this file: pattern .* ran past its time limit",
        files={
            ".newslint.yaml": CONFIG_WITH_RULES,
            "rules/x/hostile.yaml": rule_file("  patterns: ['a+b']\n  exceptions: ['(a|a)+$']", scope="line"),
            "t.txt": ("a" * 30 + "b\n") * 100,
        },
    ),
    Case(
        "regex time limits",
        "catastrophic spelling accept entry",
        ("check", "--no-progress", "--select", "spelling", "t.txt"),
        1,
        r"t\.txt:1:1: .*\[spelling\].*pattern '\(a\|a\)\+\$' ran past its time limit",
        files={
            ".newslint.yaml": "rules:\n  spelling:\n    options:\n      accept: ['(a|a)+$']\n",
            "t.txt": "Headline\n\n" + " ".join(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"] * 2000) + "\n",
        },
    ),
]

CONFIG_CASES = [
    Case(
        "configs",
        "alias bomb in select",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:\d+: YAML aliases expand to more than",
        files={".newslint.yaml": "x:\n" + alias_bomb(30) + "\nselect: *a29\n", "a.txt": ARTICLE},
        after=_points_at_alias(".newslint.yaml"),
    ),
    Case(
        "configs",
        "20,000 levels in select",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:1: YAML nested more than 100 levels",
        files={".newslint.yaml": f"select: {DEEP}\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "!!python/object/apply on a list option",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:2: YAML tag .*python/object/apply:os\.system.* is not allowed",
        files={
            ".newslint.yaml": "fail-on: error\nselect: !!python/object/apply:os.system [ls]\n",
            "a.txt": ARTICLE,
        },
    ),
    Case(
        "configs",
        "!!set tag",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:1: YAML tag .*set.* is not allowed",
        files={".newslint.yaml": "ignore: !!set {style: null}\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "5,000-digit integer",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:1: number with more than 4,000 digits",
        files={".newslint.yaml": f"fail-on: {BIG}\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "alias cycle",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:1: YAML alias refers to a node that contains it",
        files={".newslint.yaml": "select: &s [spelling, *s]\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "an anchor defined twice",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:3: YAML anchor &a is defined twice",
        files={
            ".newslint.yaml": "select: [&a typo, date]\nfail-on: error\nexclude: &a ['drafts/*']\n",
            "a.txt": ARTICLE,
        },
    ),
    Case(
        "configs",
        "a list as a mapping key",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:2: a list or mapping as a mapping key is not supported",
        files={".newslint.yaml": "fail-on: error\n? [select]\n: [typo]\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "a mapping as a key in text libyaml refuses but the loader reads (found by fuzzing)",
        ("check", "--no-progress", "a.txt"),
        2,
        r"\.newslint\.yaml:3: a list or mapping as a mapping key is not supported",
        files={
            ".newslint.yaml": "select: [t? ypo, date]\nrules:\n?   spelling:\n    severity: error\n",
            "a.txt": ARTICLE,
        },
    ),
    Case(
        "configs",
        "TOML nested 20,000 levels",
        ("check", "--no-progress", "--config", "pyproject.toml", "a.txt"),
        2,
        r"pyproject\.toml: invalid TOML: nested too deeply",
        files={"pyproject.toml": f"[tool.newslint]\nselect = {DEEP}\n", "a.txt": ARTICLE},
    ),
    Case(
        "configs",
        "TOML 5,000-digit integer",
        ("check", "--no-progress", "--config", "pyproject.toml", "a.txt"),
        2,
        r"pyproject\.toml: invalid TOML: Exceeds the limit",
        files={"pyproject.toml": f"[tool.newslint]\nfail-on = {BIG}\n", "a.txt": ARTICLE},
    ),
]


def baseline(findings: object, version: object = 1) -> str:
    return json.dumps({"version": version, "tool": "newslint", "findings": findings})


def baseline_case(name: str, content: str | bytes, expect: str) -> Case:
    return Case(
        "data files",
        f"baseline: {name}",
        ("check", "--no-progress", "--baseline", "base.json", "a.txt"),
        2,
        r"base\.json: .*" + expect,
        files={"base.json": content, "a.txt": ARTICLE},
    )


def _index(entries: object, **top: object) -> bytes:
    data = {
        "format": "newslint-lead-index",
        "version": 1,
        "minhash": {"num_perm": 128, "seed": 1, "scheme": "affine32", "shingle": 5},
        "entries": entries,
        **top,
    }
    return gzip.compress(json.dumps(data).encode())


GOOD_ENTRY = {
    "path": "old.txt",
    "line": 3,
    "words": "a b c",
    "signature": base64.b64encode(bytes(512)).decode(),
}


def index_case(name: str, content: bytes, expect: str) -> Case:
    return Case(
        "data files",
        f"lead index: {name}",
        ("check", "--no-progress", "--against", "leads.idx", "a.txt"),
        2,
        r"leads\.idx: .*" + expect,
        files={"leads.idx": content, "a.txt": ARTICLE},
    )


def _gzip_bomb(folder: Path) -> None:
    """About 1 MB on disk inflating to 1 GB: 1,024 gzip members of 1 MB of spaces each."""
    member = gzip.compress(b" " * (1 << 20), compresslevel=9)
    (folder / "leads.idx").write_bytes(member * 1024)


DATA_CASES = [
    baseline_case("nested 20,000 levels", DEEP, "not a usable baseline: JSON nested too deeply"),
    baseline_case("5,000-digit integer", '{"version": 1, "findings": [], "n": ' + BIG + "}", "4300 digits"),
    baseline_case("not JSON", "{version: 1", "not a usable baseline: not JSON"),
    baseline_case("Latin-1 bytes", b'{"version": 1, "x": "caf\xe9"}', "baseline is not UTF-8 text"),
    baseline_case("findings not a list", baseline({"a": 1}), "not a newslint baseline"),
    baseline_case("entry of wrong type", baseline([5]), "baseline entry 0 must be an object"),
    baseline_case(
        "fingerprint a number", baseline([{"file": "a.txt", "fingerprint": 5}]), "baseline entry 0"
    ),
    baseline_case("a list at the top", "[1, 2]", "not a newslint baseline"),
    index_case("line a string", _index([{**GOOD_ENTRY, "line": "3"}]), "entry 0: 'line' must be an integer"),
    index_case(
        "line a boolean", _index([{**GOOD_ENTRY, "line": True}]), "entry 0: 'line' must be an integer"
    ),
    index_case("line zero", _index([{**GOOD_ENTRY, "line": 0}]), "entry 0: 'line' must be at least 1"),
    index_case("entries not a list", _index({"a": 1}), "'entries' is not a list"),
    index_case("entry not an object", _index([GOOD_ENTRY, 5]), "entry 1: must be an object"),
    index_case("words missing", _index([{"path": "x", "line": 1}]), "entry 0: 'words' must be a string"),
    index_case("path a list", _index([{**GOOD_ENTRY, "path": ["x"]}]), "entry 0: 'path' must be a string"),
    index_case("bad base64", _index([{**GOOD_ENTRY, "signature": "!!notbase64"}]), "not valid base64"),
    index_case(
        "odd-length signature", _index([{**GOOD_ENTRY, "signature": "YWJj"}]), "holds 3 bytes, not 512"
    ),
    index_case(
        "signature a number", _index([{**GOOD_ENTRY, "signature": 7}]), "'signature' must be a string"
    ),
    index_case("deep JSON", gzip.compress(DEEP.encode()), "JSON nested too deeply"),
    index_case("5,000-digit version", gzip.compress(('{"version": ' + BIG + "}").encode()), "4300 digits"),
    index_case("not gzip", b"plain text", "not a newslint lead index"),
    index_case("truncated gzip", _index([GOOD_ENTRY])[:20], "not a newslint lead index"),
    index_case("wrong format name", _index([], format="other"), "not a newslint lead index"),
    index_case("future version", _index([], version=99), "version '99' is not supported"),
    Case(
        "data files",
        "lead index: gzip bomb (1 MB inflating to 1 GB)",
        ("check", "--no-progress", "--against", "leads.idx", "a.txt"),
        2,
        r"leads\.idx: lead index inflates to more than",
        files={"a.txt": ARTICLE},
        setup=_gzip_bomb,
    ),
]


def _caches_all_wrong(folder: Path, output: str) -> None:
    """Every cache file that now exists was rewritten with the right shape."""
    for entry in (folder / "cache").iterdir():
        if entry.name.startswith(("rules-", "lexicon-", "candidates-")) and entry.name != "lexicon-x.marshal":
            assert not isinstance(marshal.loads(entry.read_bytes()), int), entry.name


def _poison_caches(folder: Path) -> None:
    """A cache folder where every file newslint would read holds ``marshal.dumps(5)``."""
    import subprocess
    import sys

    from helpers import REPO

    cache = folder / "cache"
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "newslint", "check", "--no-cache", str(folder / "a.txt")]
    subprocess.run(command, cwd=folder, env=env, check=False)
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(marshal.dumps(5))
    (cache / "rules-2.marshal").write_bytes(marshal.dumps({"x": (1, 2, marshal.dumps(5))}))


CACHE_CASES = [
    Case(
        "caches",
        "every cache file of the right format but the wrong shape",
        ("check", "--no-progress", "a.txt"),
        1,
        r"a\.txt:3:23: warning \[repeated-word\]",
        files={"a.txt": ARTICLE},
        setup=_poison_caches,
        env={"NEWSLINT_CACHE_DIR": "{folder}/cache"},
        after=_caches_all_wrong,
        in_process=False,
        slow=True,
    ),
]


def _fifo(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)

    return make


def _link(name: str, target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, folder / name)

    return make


def _lints(*names: str, absent: tuple[str, ...] = ()) -> Callable[[Path, str], None]:
    def check(folder: Path, output: str) -> None:
        for name in names:
            assert re.search(rf"(^|\n){re.escape(name)}:\d+:\d+: ", output), f"{name} not linted:\n{output}"
        for name in absent:
            assert not re.search(rf"(^|\n){re.escape(name)}:\d+:\d+: ", output), f"{name} linted:\n{output}"

    return check


HAS_FIFO = hasattr(os, "mkfifo")

SPECIAL_CASES = [
    Case(
        "special files",
        "FIFO *.txt in a folder",
        ("check", "--no-progress", "copy"),
        1,
        r"copy/pipe\.txt: a FIFO, not a regular file: not read",
        files={"copy/a.txt": ARTICLE},
        setup=_fifo("copy/pipe.txt"),
        after=_lints("copy/a.txt"),
    ),
    Case(
        "special files",
        "symlink *.txt to /dev/zero in a folder",
        ("check", "--no-progress", "copy"),
        1,
        r"copy/zero\.txt: a character device, not a regular file: not read",
        files={"copy/a.txt": ARTICLE},
        setup=_link("copy/zero.txt", "/dev/zero"),
        after=_lints("copy/a.txt"),
    ),
    Case(
        "special files",
        "FIFO given directly",
        ("check", "--no-progress", "pipe.txt", "a.txt"),
        1,
        r"pipe\.txt: a FIFO, not a regular file: not read",
        files={"a.txt": ARTICLE},
        setup=_fifo("pipe.txt"),
        after=_lints("a.txt"),
    ),
    Case(
        "special files",
        "/dev/zero given directly",
        ("check", "--no-progress", "/dev/zero"),
        1,
        r"/dev/zero: a character device, not a regular file: not read",
    ),
    Case(
        "special files",
        "file over --max-file-size",
        ("check", "--no-progress", "--max-file-size", "1000", "big.txt", "a.txt"),
        1,
        r"big\.txt: larger than 1,000 bytes \(--max-file-size\): not read",
        files={"big.txt": ARTICLE * 100, "a.txt": ARTICLE},
        after=_lints("a.txt"),
    ),
    Case(
        "special files",
        "standard input over --max-file-size",
        ("check", "--no-progress", "--max-file-size", "1000", "-"),
        2,
        r"standard input is larger than 1,000 bytes",
        stdin=ARTICLE.encode() * 100,
    ),
    Case(
        "special files",
        "broken symlink in a folder (skipped, -v says so)",
        ("check", "--no-progress", "-v", "copy"),
        1,
        r"skipped copy/gone\.txt: broken symbolic link",
        files={"copy/a.txt": ARTICLE},
        setup=_link("copy/gone.txt", "nowhere.txt"),
    ),
    Case(
        "special files",
        "symlink to a folder (not followed, -v says so)",
        ("check", "--no-progress", "-v", "copy"),
        1,
        r"skipped copy/loop: symbolic link to a folder \(not followed\)",
        files={"copy/a.txt": ARTICLE},
        setup=_link("copy/loop", "."),
    ),
    Case(
        "special files",
        "accept list that is a FIFO",
        ("check", "--no-progress", "a.txt"),
        2,
        r"names\.txt: cannot read word list: a FIFO, not a regular file",
        files={
            ".newslint.yaml": "rules:\n  spelling:\n    options:\n      accept_files: [names.txt]\n",
            "a.txt": ARTICLE,
        },
        setup=_fifo("names.txt"),
    ),
    Case(
        "special files",
        "baseline that is /dev/zero",
        ("check", "--no-progress", "--baseline", "/dev/zero", "a.txt"),
        2,
        r"/dev/zero: cannot read baseline: a character device, not a regular file",
        files={"a.txt": ARTICLE},
    ),
    Case(
        "special files",
        "baseline that is a FIFO",
        ("check", "--no-progress", "--baseline", "base.json", "a.txt"),
        2,
        r"base\.json: cannot read baseline: a FIFO, not a regular file",
        files={"a.txt": ARTICLE},
        setup=_fifo("base.json"),
    ),
    Case(
        "folder walking",
        "*.TXT and *.markdown are copy",
        ("check", "--no-progress", "copy"),
        1,
        r"2 findings in 2 files",
        files={"copy/STORY.TXT": ARTICLE, "copy/notes.markdown": ARTICLE},
        after=_lints("copy/STORY.TXT", "copy/notes.markdown"),
    ),
    Case(
        "folder walking",
        "README and LICENSE are not articles, license-fees-rise.txt is",
        ("check", "--no-progress", "-v", "copy"),
        1,
        r"skipped copy/README\.md: excluded by 'README\.\*'",
        files={
            "copy/README.md": ARTICLE,
            "copy/LICENSE.txt": ARTICLE,
            "copy/a.txt": ARTICLE,
            "copy/license-fees-rise.txt": ARTICLE,  # articles whose names merely start like one
            "copy/security-papers-found.txt": ARTICLE,
        },
        after=_lints(
            "copy/a.txt",
            "copy/license-fees-rise.txt",
            "copy/security-papers-found.txt",
            absent=("copy/README.md", "copy/LICENSE.txt"),
        ),
    ),
    Case(
        "folder walking",
        "an accept list inside the tree is not an article",
        ("check", "--no-progress", "-v", "copy"),
        1,
        r"skipped copy/names\.txt: a word list read by a rule",
        files={
            ".newslint.yaml": "rules:\n  spelling:\n    options:\n      accept_files: [copy/names.txt]\n",
            "copy/names.txt": "Qwghlm\nthe the\n",
            "copy/a.txt": ARTICLE,
        },
        after=_lints("copy/a.txt", absent=("copy/names.txt",)),
    ),
    Case(
        "folder walking",
        "an unreadable subfolder is reported",
        ("check", "--no-progress", "copy"),
        1,
        r"copy/locked: cannot read folder: Permission denied",
        files={"copy/a.txt": ARTICLE, "copy/locked/b.txt": ARTICLE},
        setup=lambda folder: os.chmod(folder / "copy/locked", 0),
        unless_root=True,
    ),
]


def _tree_is(expected: dict[str, str]) -> Callable[[Path, str], None]:
    def check(folder: Path, output: str) -> None:
        for name, text in expected.items():
            assert (folder / name).read_text() == text, name

    return check


def _after_symlink(folder: Path, output: str) -> None:
    assert (folder / "link.txt").is_symlink(), "the link was replaced by a file"
    assert (folder / "target/story.txt").read_text() == FIXED


def _after_hardlink(folder: Path, output: str) -> None:
    a, b = folder / "a.txt", folder / "b.txt"
    assert a.stat().st_ino == b.stat().st_ino and a.stat().st_nlink == 2
    assert a.read_text() == ARTICLE


def _after_readonly(folder: Path, output: str) -> None:
    path = folder / "ro.txt"
    assert path.read_text() == ARTICLE and stat.S_IMODE(path.stat().st_mode) == 0o444


def _after_mode(folder: Path, output: str) -> None:
    path = folder / "a.txt"
    assert path.read_text() == FIXED and stat.S_IMODE(path.stat().st_mode) == 0o640


def _after_owner(folder: Path, output: str) -> None:
    path = folder / "a.txt"
    assert path.read_text() == FIXED and (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def _no_temp_files(folder: Path, output: str) -> None:
    assert not list(folder.rglob("*.newslint-tmp")), list(folder.rglob("*.newslint-tmp"))


def _stale_temp(folder: Path) -> None:
    temp = folder / ".a.txt.999999999-0123456789abcdef.newslint-tmp"  # a process id no system gives
    temp.write_text("half a fix")
    os.utime(temp, (1_000_000_000, 1_000_000_000))


FIX = ("check", "--no-progress", "--select", "repeated-word", "--fix")

LINK_CASES = [
    Case(
        "links and modes",
        "symlink: the target is fixed, the link stays",
        (*FIX, "link.txt"),
        0,
        r"applied 1 fix to 1 file",
        files={"target/story.txt": ARTICLE},
        setup=_link("link.txt", "target/story.txt"),
        after=_after_symlink,
    ),
    Case(
        "links and modes",
        "hard links: refused, links kept",
        (*FIX, "a.txt"),
        1,
        r"a\.txt: has 2 hard links: not fixed",
        files={"a.txt": ARTICLE},
        setup=lambda folder: os.link(folder / "a.txt", folder / "b.txt"),
        after=_after_hardlink,
    ),
    Case(
        "links and modes",
        "read-only (0444): skipped with a message",
        (*FIX, "ro.txt"),
        1,
        r"ro\.txt: read-only: not fixed",
        files={"ro.txt": ARTICLE},
        setup=lambda folder: os.chmod(folder / "ro.txt", 0o444),
        after=_after_readonly,
    ),
    Case(
        "links and modes",
        "mode 0640 kept",
        (*FIX, "a.txt"),
        0,
        r"applied 1 fix to 1 file",
        files={"a.txt": ARTICLE},
        setup=lambda folder: os.chmod(folder / "a.txt", 0o640),
        after=_after_mode,
    ),
    Case(
        "links and modes",
        "stale temporary file of a killed run removed",
        (*FIX, "a.txt"),
        0,
        r"applied 1 fix to",
        files={"a.txt": ARTICLE},
        setup=_stale_temp,
        after=_no_temp_files,
    ),
]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # only root can hand a file to another owner
    LINK_CASES.append(
        Case(
            "links and modes",
            "another user's file keeps its owner",
            (*FIX, "a.txt"),
            0,
            r"applied 1 fix to 1 file",
            files={"a.txt": ARTICLE},
            setup=lambda folder: os.chown(folder / "a.txt", 4321, 4322),
            after=_after_owner,
        )
    )

FORGERY = (
    "Headline\n\n"
    "The \x1b[2J\x1b[31mred\x1b[0m report\x0c said <div\n"
    'class="x">a.txt:1:1: error [spelling] forged</div> the the\x07 end \u202eevil.\n'
)


def _one_line_per_finding(folder: Path, output: str) -> None:
    findings = [line for line in output.splitlines() if re.match(r"a\.txt:\d+:\d+: ", line)]
    assert not any(ch in output for ch in "\x1b\x0c\x07\u202e"), repr(output)
    assert not any("forged" in line and not line.startswith("a.txt:3:") for line in findings), findings
    assert len(findings) == output.count("\na.txt:") + output.startswith("a.txt:")


def _valid_junit(folder: Path, output: str) -> None:
    import xml.dom.minidom

    xml.dom.minidom.parseString(output[output.index("<?xml") :])


def _single_line_annotations(folder: Path, output: str) -> None:
    lines = [line for line in output.splitlines() if line.startswith("::")]
    assert lines and all("\x1b" not in line and "\x0c" not in line for line in lines)


OUTPUT_CASES = [
    Case(
        "output escaping",
        "text: escapes, form feeds and a newline inside a match cannot forge a line",
        ("check", "--no-progress", "a.txt"),
        1,
        r"Markup left in plain text: '<div\\x0aclass=",
        files={"a.txt": FORGERY},
        after=_one_line_per_finding,
    ),
    Case(
        "output escaping",
        "JUnit with control characters is valid XML",
        ("check", "--no-progress", "--format", "junit", "a.txt"),
        1,
        r"<testsuites",
        files={"a.txt": FORGERY},
        after=_valid_junit,
    ),
    Case(
        "output escaping",
        "GitHub annotations stay one line each",
        ("check", "--no-progress", "--format", "github", "a.txt"),
        1,
        r"::warning file=a\.txt",
        files={"a.txt": FORGERY},
        after=_single_line_annotations,
    ),
    Case(
        "output escaping",
        "a file name with a newline and an escape",
        ("check", "--no-progress", "copy"),
        1,
        r"copy/evil\\x0aname\\x1b\[31m\.txt:3:23: warning",
        files={"copy/evil\nname\x1b[31m.txt": ARTICLE},
    ),
]


# --- caches: nothing in .newslint_cache/ (which may come with a cloned repository) makes a run
# write outside the project, hang or crash (issue 27, items 1 and 10) ---

VICTIM = "precious\n"


def _victim_untouched(folder: Path, output: str) -> None:
    assert (folder.parent / "victim").read_text() == VICTIM, "written through a link in .newslint_cache"
    assert not (folder.parent / "created").exists(), "a dangling link in .newslint_cache was created"
    assert not list((folder.parent / "elsewhere").iterdir()), "written into a linked cache folder"


def _cache_link(name: str, target: str) -> Callable[[Path], None]:
    """``.newslint_cache/NAME`` (or the folder itself, NAME empty) a link to ``target`` outside."""

    def make(folder: Path) -> None:
        (folder.parent / "victim").write_text(VICTIM)
        (folder.parent / "elsewhere").mkdir(exist_ok=True)
        cache = folder / ".newslint_cache"
        if not name:
            os.symlink(target, cache)
            return
        cache.mkdir(exist_ok=True)
        os.symlink(target, cache / name)

    return make


def _results_link(folder: Path) -> None:
    """A results file of every run key: a link to the victim (the key is not known in advance)."""
    _cache_link(".gitignore", "../../victim")(folder)
    os.unlink(folder / ".newslint_cache/.gitignore")
    from newslint.config.config import Settings
    from newslint.engine.ruleset import resolve_rules
    from newslint.run.result_cache import ResultCache, run_key

    key = run_key(resolve_rules(Settings()), None)
    os.symlink("../../victim", folder / ".newslint_cache" / ResultCache(folder, key).file.name)


def _results_fifo(folder: Path) -> None:
    from newslint.config.config import Settings
    from newslint.engine.ruleset import resolve_rules
    from newslint.run.result_cache import ResultCache, run_key

    _cache_link(".gitignore", "../../victim")(folder)
    os.unlink(folder / ".newslint_cache/.gitignore")
    key = run_key(resolve_rules(Settings()), None)
    os.mkfifo(folder / ".newslint_cache" / ResultCache(folder, key).file.name)


def _cache_case(name: str, setup: Callable[[Path], None], expect: str, **kw: object) -> Case:
    return Case(
        "caches",
        name,
        ("check", "--no-progress", "a.txt"),
        1,
        expect,
        files={"a.txt": ARTICLE},
        setup=setup,
        after=_victim_untouched,
        **kw,  # type: ignore[arg-type]
    )


REPEATED = r"a\.txt:3:23: warning \[repeated-word\]"
REFUSED = r"\.newslint_cache(/[^:]+)?: a symbolic link: result cache not used"

STATE_CASES = [
    _cache_case(
        "CACHEDIR.TAG a link to a file outside", _cache_link("CACHEDIR.TAG", "../../victim"), REFUSED
    ),
    _cache_case("dangling .gitignore link", _cache_link(".gitignore", "../../created"), REFUSED),
    _cache_case(".newslint_cache a link to a folder outside", _cache_link("", "../elsewhere"), REFUSED),
    _cache_case("results file a link outside", _results_link, REFUSED),
    _cache_case(
        "results file a FIFO",
        _results_fifo,
        r"results-\w+\.marshal: a FIFO, not a regular file: result cache not used",
    ),
]


def _findings_kept(folder: Path, output: str) -> None:
    assert re.search(REPEATED, output), output


def _warm_cache_copy(folder: Path) -> Path:
    """The session's user cache folder, warmed by one run, copied to ``folder/cache``."""
    import shutil
    import subprocess
    import sys

    from helpers import REPO

    session = Path(os.environ["NEWSLINT_CACHE_DIR"])
    if not list(session.glob("lexicon-*")) or not list(session.glob("patterns-*")):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        subprocess.run(
            [sys.executable, "-m", "newslint", "check", "--no-cache", str(folder / "a.txt")],
            env=env,
            check=False,
            capture_output=True,
        )
    cache = folder / "cache"
    shutil.copytree(session, cache)
    return cache


def _flip_bytes(folder: Path) -> None:
    """The pattern store with one byte flipped in the code of every stored pattern, rewritten
    with a valid header and no valid checksum (as a disk or a careless edit leaves it)."""
    import random

    cache = _warm_cache_copy(folder)
    rng = random.Random(27)
    for store in cache.glob("patterns-*"):
        data = bytearray(store.read_bytes())
        for _ in range(200):
            data[rng.randrange(25, len(data))] ^= 1 << rng.randrange(8)
        store.write_bytes(bytes(data))


def _random_state(folder: Path) -> None:
    """Every user cache file replaced by random bytes of its size."""
    import random

    cache = _warm_cache_copy(folder)
    rng = random.Random(28)
    for entry in cache.iterdir():
        if entry.is_file():
            entry.write_bytes(rng.randbytes(max(entry.stat().st_size, 64)))


def _fifo_state(folder: Path) -> None:
    """Every user cache file (lexicon, patterns, rules, key) a FIFO."""
    cache = _warm_cache_copy(folder)
    for entry in list(cache.iterdir()):
        if entry.is_file():
            entry.unlink()
            os.mkfifo(entry)


def _state_rebuilt(folder: Path, output: str) -> None:
    _findings_kept(folder, output)
    for entry in (folder / "cache").iterdir():  # those a one-file run reads (not a test's others)
        if entry.name.startswith(("lexicon-", "patterns-", "rules-", "key")):
            assert entry.is_file() and not entry.is_symlink(), f"{entry.name} left as it was"


USER_CACHE_CASES = [
    Case(
        "caches",
        name,
        ("check", "--no-progress", "a.txt"),  # the result cache too: it needs the key
        1,
        REPEATED,
        files={"a.txt": ARTICLE},
        setup=setup,
        env={"NEWSLINT_CACHE_DIR": "{folder}/cache"},
        after=_state_rebuilt,
        in_process=False,
    )
    for name, setup in (
        ("pattern store with flipped bytes (was SIGSEGV or a hang)", _flip_bytes),
        ("every user cache file random bytes", _random_state),
        ("every user cache file a FIFO (lexicon, patterns, rules, key)", _fifo_state),
    )
]


# --- output: lone surrogates in file names, record ids and --stdin-filename never crash a
# format, and writing an output never damages an input or hangs (issue 27, items 5, 12, 13) ---

ODD_NAME = "x\udcff.txt"  # a file name holding the byte 0xff (not UTF-8)
RECORDS = json.dumps({"id": "x\ud800", "text": "Headline\n\nThe the cat sat on the mat.\n"}) + "\n"
SURROGATE_FILES = {ODD_NAME: ARTICLE, "r.jsonl": RECORDS}
ODD_SHOWN = r"x\\xff\.txt"  # as text shows it
ODD_JSON = r"x\\\\xff\.txt"  # as JSON writes that text


def _json_parses(folder: Path, output: str) -> None:
    json.loads(output[output.index("{") :])


def _jsonl_parses(folder: Path, output: str) -> None:
    lines = [line for line in output.splitlines() if line.startswith("{")]
    assert len(lines) == 2 and all(json.loads(line) for line in lines)


def _file_written(name: str) -> Callable[[Path, str], None]:
    def check(folder: Path, output: str) -> None:
        assert (folder / name).is_file() and (folder / name).stat().st_size > 0, name

    return check


def _surrogate_case(fmt: str, expect: str, after: Callable[[Path, str], None] | None = None) -> Case:
    return Case(
        "output escaping",
        f"lone surrogates in a file name and a record id: {fmt}",
        ("check", "--no-progress", "--format", fmt, "--id-field", "id", ODD_NAME, "r.jsonl"),
        1,
        expect,
        files=SURROGATE_FILES,
        after=after,
    )


LEAD = "Rates\n\nThe central bank raised its main interest rate by half a point on Thursday to curb prices.\n"


def _index_with_odd_path(folder: Path) -> None:
    """A lead index of ``old.txt`` whose entry's path holds a lone surrogate."""
    from typer.testing import CliRunner

    from newslint.cli import app

    (folder / "old.txt").write_text(LEAD)
    CliRunner().invoke(app, ["index", "build", "-o", str(folder / "l.idx"), str(folder / "old.txt")])
    data = json.loads(gzip.decompress((folder / "l.idx").read_bytes()))
    data["entries"][0]["path"] = "old\ud800.txt"
    (folder / "l.idx").write_bytes(gzip.compress(json.dumps(data).encode()))
    (folder / "old.txt").unlink()


SURROGATE_CASES = [
    _surrogate_case("text", rf"(?s)(?=.*{ODD_SHOWN}:3:23: warning)(?=.*r\.jsonl#x\\ud800:3:5: warning)"),
    _surrogate_case("json", ODD_JSON, _json_parses),
    _surrogate_case("jsonl", ODD_JSON, _jsonl_parses),
    _surrogate_case("github", r"file=" + ODD_SHOWN),
    _surrogate_case("sarif", r'"uri": "x%FF\.txt"', _json_parses),
    _surrogate_case("junit", ODD_SHOWN, _valid_junit),
    Case(
        "output escaping",
        "lone surrogates: parquet",
        (
            "check",
            "--no-progress",
            "-f",
            "parquet",
            "-o",
            "f.parquet",
            "--id-field",
            "id",
            ODD_NAME,
            "r.jsonl",
        ),
        1,
        r"^$",
        files=SURROGATE_FILES,
        after=_file_written("f.parquet"),
    ),
    Case(
        "output escaping",
        "lone surrogates: HTML report",
        ("report", "-o", "r.html", "--id-field", "id", ODD_NAME, "r.jsonl"),
        0,
        r"wrote 2 findings to r\.html",
        files=SURROGATE_FILES,
        after=_file_written("r.html"),
    ),
    Case(
        "output escaping",
        "lone surrogates: baseline written, then it hides both",
        ("check", "--no-progress", "--write-baseline", "b.json", "--id-field", "id", ODD_NAME, "r.jsonl"),
        0,
        r"recorded 2 findings in b\.json",
        files=SURROGATE_FILES,
        after=_file_written("b.json"),
    ),
    Case(
        "output escaping",
        "lone surrogates: index build",
        ("index", "build", "-o", "i.idx", "--id-field", "id", "r.jsonl", ODD_NAME),
        0,
        r"Indexed \d+ leads of 2 files and records into i\.idx",
        files={
            ODD_NAME: "Headline\n\n" + "The central bank raised its main rate by half a point on Thursday.\n",
            "r.jsonl": json.dumps(
                {
                    "id": "x\ud800",
                    "text": "Rates\n\nThe central bank raised its rate x\ud800 on Friday to curb prices.\n",
                }
            )
            + "\n",
        },
        after=_file_written("i.idx"),
    ),
    Case(
        "output escaping",
        "a lead index entry whose path holds a lone surrogate",
        ("check", "--no-progress", "--against", "l.idx", "new.txt"),
        1,
        r"new\.txt:3:1: warning \[duplicate-lead-across-files\] Lead repeats the lead of old\\ud800\.txt:3",
        files={"new.txt": LEAD.replace("Rates", "Rates up")},
        setup=_index_with_odd_path,
    ),
    Case(
        "output escaping",
        "--stdin-filename with a byte that is not UTF-8",
        ("check", "--no-progress", "--format", "sarif", "--stdin-filename", ODD_NAME, "-"),
        1,
        r'"uri": "x%FF\.txt"',
        stdin=ARTICLE.encode(),
        after=_json_parses,
    ),
]


def _unchanged(name: str, text: str = ARTICLE) -> Callable[[Path, str], None]:
    def check(folder: Path, output: str) -> None:
        assert (folder / name).read_text() == text, f"{name} was overwritten"

    return check


def _through_link(folder: Path, output: str) -> None:
    assert (folder.parent / "victim").read_text() == VICTIM, "written through the link"
    assert (folder / "b.json").is_symlink()


def _victim_link(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder.parent / "victim").write_text(VICTIM)
        os.symlink("../victim", folder / name)

    return make


def _output_case(name: str, args: tuple[str, ...], code: int, expect: str, **kw: object) -> Case:
    return Case("outputs", name, args, code, expect, **kw)  # type: ignore[arg-type]


INPUT = r"would overwrite a\.txt, an input of this run: not written"
OUTPUT_CASES_27 = [
    _output_case(
        "-o naming an input",
        ("check", "--no-progress", "-o", "a.txt", "a.txt"),
        2,
        r"a\.txt: the output " + INPUT,
        files={"a.txt": ARTICLE},
        after=_unchanged("a.txt"),
    ),
    _output_case(
        "-o naming an input inside a folder",
        ("check", "--no-progress", "-o", "copy/a.txt", "copy"),
        2,
        r"the output would overwrite copy/a\.txt",
        files={"copy/a.txt": ARTICLE},
        after=_unchanged("copy/a.txt"),
    ),
    _output_case(
        "--write-baseline naming an input",
        ("check", "--no-progress", "--write-baseline", "a.txt", "a.txt"),
        2,
        r"the baseline " + INPUT,
        files={"a.txt": ARTICLE},
        after=_unchanged("a.txt"),
    ),
    _output_case(
        "report -o naming an input",
        ("report", "-o", "a.txt", "a.txt"),
        2,
        r"the report " + INPUT,
        files={"a.txt": ARTICLE},
        after=_unchanged("a.txt"),
    ),
    _output_case(
        "index build -o naming an input",
        ("index", "build", "-o", "a.txt", "a.txt"),
        2,
        r"the lead index " + INPUT,
        files={"a.txt": ARTICLE},
        after=_unchanged("a.txt"),
    ),
    _output_case(
        "vocab learn -o naming an input",
        ("vocab", "learn", "copy", "-o", "copy/a.txt"),
        2,
        r"the accept list would overwrite copy/a\.txt",
        files={"copy/a.txt": ARTICLE},
        after=_unchanged("copy/a.txt"),
    ),
    _output_case(
        "--write-baseline a link to a file outside",
        ("check", "--no-progress", "--write-baseline", "b.json", "a.txt"),
        2,
        r"b\.json: baseline file is a symbolic link: not written through",
        files={"a.txt": ARTICLE},
        setup=_victim_link("b.json"),
        after=_through_link,
    ),
    _output_case(
        "vocab learn -o a link to a file outside",
        ("vocab", "learn", "copy", "-o", "b.json"),
        2,
        r"b\.json: accept list file is a symbolic link: not written through",
        files={"copy/a.txt": ARTICLE},
        setup=_victim_link("b.json"),
        after=_through_link,
    ),
    _output_case(
        "UTF-16 with --encoding utf-16 is read",
        ("check", "--no-progress", "--encoding", "utf-16", "u.txt"),
        1,
        r"u\.txt:3:23: warning \[repeated-word\]",
        files={"u.txt": ARTICLE.encode("utf-16")},
    ),
    _output_case(
        "UTF-32 NUL characters are still binary",
        ("check", "--no-progress", "--encoding", "utf-32", "u.txt"),
        1,
        r"u\.txt: binary file \(contains NUL characters\)",
        files={"u.txt": "a\0b".encode("utf-32")},
    ),
    _output_case(
        "-j 99999999999999999999",
        ("check", "--no-progress", "-j", "99999999999999999999", "a.txt"),
        2,
        r"^newslint: --jobs must be from 0 \(every core\) to 1,024, not 99999999999999999999$",
        files={"a.txt": ARTICLE},
    ),
    _output_case(
        "--max-file-size 2**63 with standard input",
        ("check", "--no-progress", "--max-file-size", str(2**63), "-"),
        1,
        r"<stdin>:3:23: warning \[repeated-word\]",
        stdin=ARTICLE.encode(),
    ),
    _output_case(
        "--max-file-size 10**30 on a file",
        ("check", "--no-progress", "--max-file-size", str(10**30), "a.txt"),
        1,
        REPEATED,
        files={"a.txt": ARTICLE},
    ),
    _output_case(
        "a path longer than PATH_MAX",
        ("check", "--no-progress", "a/" * 3000 + "x.txt"),
        2,
        r"^newslint: (a/)+x\.txt: name too long$",
    ),
    _output_case(
        "a file name longer than NAME_MAX",
        ("check", "--no-progress", "b" * 300 + ".txt"),
        2,
        r"^newslint: b+\.txt: name too long$",
    ),
    _output_case(
        "--scheduler nonsense",
        ("check", "--no-progress", "--engine", "dask", "--scheduler", "nonsense", "a.txt"),
        2,
        r"^newslint: --scheduler: not a Dask scheduler address: missing port number in address 'nonsense'$",
        files={"a.txt": ARTICLE},
    ),
]


def _fifo_output(args: tuple[str, ...], name: str, expect: str) -> Case:
    return _output_case(
        f"FIFO nothing reads as {name}", args, 2, expect, files={"a.txt": ARTICLE}, setup=_fifo("out")
    )


FIFO_OUTPUT_CASES = [
    _fifo_output(
        ("check", "--no-progress", "-o", "out", "a.txt"),
        "-o",
        r"out: cannot write output: a FIFO that nothing reads",
    ),
    _fifo_output(
        ("check", "--no-progress", "--write-baseline", "out", "a.txt"),
        "--write-baseline",
        r"out: cannot write baseline: a FIFO that nothing reads",
    ),
    _fifo_output(
        ("report", "-o", "out", "a.txt"), "report -o", r"out: cannot write report: a FIFO that nothing reads"
    ),
    _fifo_output(
        ("index", "build", "-o", "out", "a.txt"),
        "index build -o",
        r"out: cannot write lead index: a FIFO that nothing reads",
    ),
]

CASES = [
    *RULE_CASES,
    *TIMEOUT_CASES,
    *CONFIG_CASES,
    *DATA_CASES,
    *CACHE_CASES,
    *(SPECIAL_CASES if HAS_FIFO else []),
    *LINK_CASES,
    *OUTPUT_CASES,
    *(STATE_CASES if HAS_FIFO else []),
    *USER_CACHE_CASES,
    *SURROGATE_CASES,
    *OUTPUT_CASES_27,
    *(FIFO_OUTPUT_CASES if HAS_FIFO else []),
]


def build(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if case.setup is not None:
        case.setup(folder)
