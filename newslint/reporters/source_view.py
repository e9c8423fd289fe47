"""The source line under a text finding, with carets under the flagged span (ruff's "full" view).

::

      |
    3 | The minister said the the talks would resume on Monday.
      |                       ^^^ repeated-word
      |

Long lines (a news paragraph is often one line) are cut to a window around the span.  Control
characters from the article are shown as U+FFFD, one column each, so they can neither move
the carets nor reach the terminal.
"""

from __future__ import annotations

import unicodedata

from newslint.core.findings import Finding

#: columns of the line shown before the flagged span and in all
BEFORE, WIDTH = 40, 120
_ELLIPSIS = "…"


def _visible(text: str) -> str:
    return "".join(
        " " if c == "\t" else "\ufffd" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
        for c in text
    )


def render(f: Finding, line: str, paint: dict[str, str] | None = None) -> str:
    """The lines to print under ``f``; ``paint`` maps "gutter"/"caret" to ANSI codes."""
    start = max(0, f.column - 1)
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(min(end, len(line)), start + 1)
    first = 0
    if len(line) > WIDTH:
        first = max(0, min(start - BEFORE, len(line) - WIDTH))
    shown = line[first : first + WIDTH]
    lead = _ELLIPSIS if first > 0 else ""
    tail = _ELLIPSIS if first + WIDTH < len(line) else ""
    carets = "^" * max(1, min(end, first + WIDTH) - start)
    pad = " " * (len(lead) + start - first)
    number = str(f.line)
    gutter = " " * len(number) + " |"

    def colour(text: str, what: str) -> str:
        code = (paint or {}).get(what)
        return f"\x1b[{code}m{text}\x1b[0m" if code else text

    return (
        f"{colour(gutter, 'gutter')}\n"
        f"{colour(number + ' |', 'gutter')} {lead}{_visible(shown)}{tail}\n"
        f"{colour(gutter, 'gutter')} {pad}{colour(carets + ' ' + f.rule, 'caret')}\n"
        f"{colour(gutter, 'gutter')}\n"
    )
