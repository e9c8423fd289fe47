"""Lone surrogates shown as visible escapes, the same way in every output.

A lone surrogate cannot be written as UTF-8: a file name's undecodable bytes (Python holds the
byte ``0xff`` as ``\udcff``), a record id or a text of a JSON archive holding ``"\ud800"``.
Whatever newslint writes shows the byte a file name held as ``\xff`` and any other surrogate
as ``\ud800`` (the form the reporters give control characters too).
"""

from __future__ import annotations

import re
from typing import Any

SURROGATE = re.compile("[\ud800-\udfff]")
#: the surrogates ``surrogateescape`` holds undecodable bytes 0x80-0xff as
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def visible(m: re.Match[str]) -> str:
    """The visible escape of the one character ``m`` matched."""
    code = ord(m.group())
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_surrogates(text: str) -> str:
    """``text`` with lone surrogates written as visible escapes (it can then be UTF-8)."""
    if text.isascii() or not SURROGATE.search(text):
        return text
    return SURROGATE.sub(visible, text)


def visible_in(data: Any) -> Any:
    """JSON-like ``data`` (dicts, lists, tuples, strings) with every string's lone surrogates
    written as visible escapes (the same objects where there is none)."""
    if isinstance(data, str):
        return visible_surrogates(data)
    if isinstance(data, dict):
        return {visible_in(k): visible_in(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(visible_in(v) for v in data)
    return data
