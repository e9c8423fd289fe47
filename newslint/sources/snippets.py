"""The source lines under text findings (``--output-format full``), read once per file.

The pipeline gathers them; the text reporter only lays them out.  Lines are split exactly as
:class:`~newslint.core.document.Document` splits them, so a finding's line number finds its line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from newslint.core.compiled_patterns import compiled
from newslint.core.document import BOM
from newslint.core.findings import Finding

_LINE_BREAK = compiled(r"\r\n|\r|\n")


def source_lines(
    findings: Iterable[Finding], encoding: str | None, stdin: tuple[bytes, str] | None = None
) -> dict[tuple[str, int], str]:
    """(path, line) -> the text of that line, for every finding's first line."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for f in findings:
        wanted[f.path].add(f.line)
    out: dict[tuple[str, int], str] = {}
    for path, numbers in wanted.items():
        if stdin is not None and path == stdin[1]:
            data: bytes | None = stdin[0]
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                data = None
        if data is None:
            continue
        text = data.decode(encoding or "utf-8", errors="replace")
        if text.startswith(BOM):
            text = text[1:]
        for number, line in enumerate(_LINE_BREAK.split(text), 1):
            if number in numbers:
                out[(path, number)] = line
    return out
