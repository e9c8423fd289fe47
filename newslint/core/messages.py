"""Rule message templates: only plain ``{name}`` fields, rendered with bounded length.

A template is checked when its rule is loaded: ``str.format`` would otherwise let a rule file
reach attributes (``{match.__class__.__mro__}``) or pad a field to any width
(``{match:>300000000}`` writes 300 MB per finding).  Rendering substitutes the values itself,
cutting each to :data:`MAX_VALUE` characters and the message to :data:`MAX_MESSAGE`.  A name
the kind does not pass stays as written (kinds pass different fields; a list of every name would
be one more place to edit with each new kind).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

#: characters of one substituted value (a flagged span can be a whole file)
MAX_VALUE = 200
#: characters of a whole message
MAX_MESSAGE = 1000


def template_problem(template: str) -> str | None:
    """Why ``template`` is not an acceptable message template, or None when it is."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"message template is malformed ({exc}); write a literal brace as {{{{ or }}}}"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            return f"message field {shown} is not allowed: only plain {{name}} fields"
    return None


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with its fields filled in (an unknown or missing one stays as written)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return clip(template, MAX_MESSAGE)
    out = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if name in params and not spec and not conversion:
            out.append(clip(str(params[name]), MAX_VALUE))
        else:
            out.append("{" + name + "}")
    return clip("".join(out), MAX_MESSAGE)
