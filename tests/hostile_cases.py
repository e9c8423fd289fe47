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
    temp = folder / ".a.txt.dead1234.newslint-tmp"
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

CASES = [
    *RULE_CASES,
    *TIMEOUT_CASES,
    *CONFIG_CASES,
    *DATA_CASES,
    *CACHE_CASES,
    *(SPECIAL_CASES if HAS_FIFO else []),
    *LINK_CASES,
    *OUTPUT_CASES,
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
