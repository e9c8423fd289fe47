"""Baselines: record today's findings so that a later run reports only new ones.

A finding is matched by content, never by line number or folder: the rule id,
the flagged text (case and spacing normalised) and a few words either side of it
on the same line, hashed.  Inserting lines above a finding or moving the file to
another folder therefore keeps it matched; the file's base name is kept beside
the fingerprint so that the same sentence in a different article is still new.
Matching is a multiset: a defect that appears twice is hidden twice, not more.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError
from newslint.core.findings import Finding
from newslint.core.fingerprint import finding_fingerprint
from newslint.core.jsondata import BadJSON, loads_bounded
from newslint.core.surrogates import visible_surrogates
from newslint.sources.files import read_limited

VERSION = 1


def _key(f: Finding) -> tuple[str, str]:
    """(file name, fingerprint); a name's lone surrogates as the baseline file shows them."""
    return visible_surrogates(os.path.basename(f.path.replace("\\", "/"))), finding_fingerprint(f)


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Record the current findings (only those: a finding that went away drops out).

    A baseline is kept in the repository, so it is never written through a symbolic link (a
    cloned repository could point one anywhere): such a link is an error
    (:mod:`newslint.core.output_file`)."""
    from newslint.core.output_file import write_text

    entries = [
        {
            "file": _key(f)[0],
            "fingerprint": _key(f)[1],
            "rule": f.rule,
            "path": visible_surrogates(f.path),
            "line": f.line,
        }
        for f in sorted(findings, key=Finding.sort_key)
    ]
    data = {"version": VERSION, "tool": "newslint", "findings": entries}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_text(path, text + "\n", "baseline", follow_links=False)
    return len(entries)


def load_baseline(path: Path) -> Counter[tuple[str, str]]:
    """The (file, fingerprint) pairs a baseline records; a damaged file is an error naming it."""
    try:
        data: Any = loads_bounded(read_limited(str(path)).decode("utf-8"))
    except OSError as exc:
        raise NewslintError(f"cannot read baseline: {exc.strerror or exc}", str(path)) from None
    except UnicodeDecodeError:
        raise NewslintError("baseline is not UTF-8 text", str(path)) from None
    except BadJSON as exc:
        raise NewslintError(f"not a usable baseline: {exc}", str(path)) from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise NewslintError(f"not a newslint baseline (version {VERSION})", str(path))
    keys: Counter[tuple[str, str]] = Counter()
    for i, entry in enumerate(data["findings"]):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("file"), str)
            or not isinstance(entry.get("fingerprint"), str)
        ):
            raise NewslintError(
                f"baseline entry {i} must be an object with string 'file' and 'fingerprint'", str(path)
            )
        keys[(entry["file"], entry["fingerprint"])] += 1
    return keys


def filter_baseline(findings: Iterable[Finding], known: Counter[tuple[str, str]]) -> list[Finding]:
    """The findings the baseline does not account for."""
    remaining = Counter(known)
    out = []
    for f in findings:
        key = _key(f)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            out.append(f)
    return out
