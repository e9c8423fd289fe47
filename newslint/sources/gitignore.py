""".gitignore rules for folder walks (ruff's ``respect-gitignore``), matched by ``pathspec``.

A folder walk skips what git ignores: the ``.gitignore`` of every folder it enters, and those of
the folders above the walked one up to the repository's top (the folder holding ``.git``), with
``.git/info/exclude``.  As in git, a deeper file's rule wins over a shallower one's and ``!``
re-includes.  Git's own matching is done by a well-kept library, not by hand.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

#: bytes of a .gitignore read at most (a real one is a few kB)
_MAX_IGNORE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class _Spec:
    base: str  # the folder the patterns are relative to, as an absolute path
    spec: pathspec.GitIgnoreSpec


def _read(path: str, base: str) -> _Spec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read(_MAX_IGNORE_BYTES).splitlines()
    except OSError:
        return None  # unreadable or absent: git would ignore nothing from it either
    if not lines:
        return None
    import pathspec  # only when there is a .gitignore: its import costs a tenth of a one-file run

    return _Spec(base, pathspec.GitIgnoreSpec.from_lines(lines))


class GitIgnore:
    """The ignore rules in force in one folder; :meth:`enter` gives a sub-folder's."""

    def __init__(self, specs: tuple[_Spec, ...] = ()) -> None:
        self._specs = specs

    @classmethod
    def above(cls, folder: str) -> GitIgnore:
        """The rules a walk of ``folder`` starts with: those of its repository above it."""
        here = os.path.abspath(folder)
        chain = [here]
        top = None
        while True:
            if os.path.exists(os.path.join(chain[-1], ".git")):
                top = chain[-1]
                break
            parent = os.path.dirname(chain[-1])
            if parent == chain[-1]:
                break
            chain.append(parent)
        if top is None:
            return cls()
        specs = [_read(os.path.join(top, ".git", "info", "exclude"), top)]
        # the walked folder's own .gitignore is read by enter(), like every folder below it
        specs += [_read(os.path.join(f, ".gitignore"), f) for f in reversed(chain[1:])]
        rules = cls(tuple(s for s in specs if s is not None))
        # a folder named on the command line is walked even when git ignores it (as ripgrep and
        # ruff do); the rules above it would then ignore all of it, so they are left out
        return cls() if rules.ignores(here, is_dir=True) else rules

    def enter(self, folder: str) -> GitIgnore:
        """The rules in force inside ``folder`` (its own .gitignore added, when it has one)."""
        base = os.path.abspath(folder)
        spec = _read(os.path.join(base, ".gitignore"), base)
        return self if spec is None else GitIgnore((*self._specs, spec))

    def ignores(self, path: str, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (the last rule that matches it decides)."""
        if not self._specs:
            return False
        full = os.path.abspath(path)
        ignored = False
        for item in self._specs:
            rel = os.path.relpath(full, item.base).replace(os.sep, "/")
            if rel.startswith("../"):
                continue
            result = item.spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                ignored = result.include
        return ignored
