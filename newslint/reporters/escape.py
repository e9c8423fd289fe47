"""Keeping text from an article from acting as anything but text in a report.

An article may hold terminal escape sequences, form feeds, a newline inside a flagged span or
bidirectional overrides; printed raw they recolour a terminal, clear it, or forge a finding
line.  Text output shows such characters as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``);
XML output drops what XML 1.0 cannot hold at all, in the same visible form.
"""

from __future__ import annotations

import re

# C0 controls (tab kept), DEL, C1 controls, line/paragraph separators, bidirectional controls.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 forbids in character data (tab, newline and carriage return are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_control(text: str) -> str:
    """``text`` with control and direction characters written as visible escapes (one line)."""
    return _CONTROL.sub(_visible, text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot represent written as visible escapes."""
    return _NOT_XML.sub(_visible, text)
