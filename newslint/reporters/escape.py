"""Keeping text from an article from acting as anything but text in a report.

An article may hold terminal escape sequences, form feeds, a newline inside a flagged span or
bidirectional overrides; printed raw they recolour a terminal, clear it, or forge a finding
line.  Text output shows such characters as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``);
XML output drops what XML 1.0 cannot hold at all, in the same visible form.

Lone surrogates cannot be written as UTF-8 at all: a file name's undecodable bytes (Python
holds ``\xff`` as ``\udcff``), a record id or a text of a JSON archive holding ``"\ud800"``.
Every report shows them the same visible way, in every format: the byte a file name held as
``\xff``, any other surrogate as ``\ud800`` (:func:`visible_surrogates`; the findings and
errors of a report pass through :func:`clean_finding` and :func:`clean_error`).
"""

from __future__ import annotations

import dataclasses
import re

from newslint.core.findings import Excerpt, FileError, Finding, Fix, Related
from newslint.core.surrogates import SURROGATE, visible, visible_in, visible_surrogates

__all__ = ["clean_error", "clean_finding", "escape_control", "visible_in", "visible_surrogates", "xml_safe"]

# C0 controls (tab kept), DEL, C1 controls, line/paragraph separators, bidirectional controls.
_CONTROL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What XML 1.0 forbids in character data (tab, newline and carriage return are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _has_surrogate(text: str | None) -> bool:
    return text is not None and not text.isascii() and SURROGATE.search(text) is not None


def clean_finding(f: Finding) -> Finding:
    """``f`` with every text in it free of lone surrogates (itself when there is none)."""
    texts = (f.path, f.message, f.flagged, f.record, f.rule, f.category, f.fingerprint, *f.suggestions)
    related = any(_has_surrogate(r.message) or _has_surrogate(r.path) for r in f.related)
    fix = f.fix is not None and _has_surrogate(f.fix.replacement)
    excerpt = f.excerpt is not None and _has_surrogate(f.excerpt.text)
    if not (related or fix or excerpt or any(_has_surrogate(t) for t in texts)):
        return f
    v = visible_surrogates
    return dataclasses.replace(
        f,
        path=v(f.path),
        message=v(f.message),
        flagged=v(f.flagged),
        record=None if f.record is None else v(f.record),
        rule=v(f.rule),
        category=v(f.category),
        fingerprint=v(f.fingerprint),
        suggestions=tuple(map(v, f.suggestions)),
        related=tuple(
            Related(r.line, v(r.message), None if r.path is None else v(r.path)) for r in f.related
        ),
        fix=None if f.fix is None else Fix(f.fix.start, f.fix.end, v(f.fix.replacement), f.fix.safe),
        excerpt=None if f.excerpt is None else _clean_excerpt(f.excerpt),
    )


def _clean_excerpt(e: Excerpt) -> Excerpt:
    before, inside = visible_surrogates(e.text[: e.start]), visible_surrogates(e.text[e.start : e.end])
    return Excerpt(
        before + inside + visible_surrogates(e.text[e.end :]), len(before), len(before) + len(inside)
    )


def clean_error(e: FileError) -> FileError:
    """``e`` with its path, message and record free of lone surrogates."""
    if not any(_has_surrogate(t) for t in (e.path, e.message, e.record)):
        return e
    record = None if e.record is None else visible_surrogates(e.record)
    return dataclasses.replace(
        e, path=visible_surrogates(e.path), message=visible_surrogates(e.message), record=record
    )


def escape_control(text: str) -> str:
    """``text`` with control and direction characters (and lone surrogates) written as visible
    escapes (one line)."""
    return _CONTROL.sub(visible, text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot represent written as visible escapes."""
    return _NOT_XML.sub(visible, text)
