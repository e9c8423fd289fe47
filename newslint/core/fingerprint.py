"""Content fingerprints of findings: the engine stamps every finding, baselines and SARIF match on them.

A fingerprint is the rule id, the flagged text (case and spacing normalised) and a few words
either side of it on the same line, hashed: it survives lines inserted above and a moved file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.core.compiled_patterns import compiled
from newslint.core.tokens import CONTEXT_WORD

if TYPE_CHECKING:
    from newslint.core.document import Document
    from newslint.core.findings import Finding

CONTEXT_WORDS = 3  # words kept on each side of the flagged text
_WINDOW = 200  # characters searched for them
_SPACE = compiled(r"\s+")


def normalise(text: str) -> str:
    """Case- and whitespace-insensitive form: survives re-wrapping and re-casing."""
    return _SPACE.sub(" ", text.replace("’", "'")).strip().casefold()


def _hash(*parts: str) -> str:
    import hashlib  # on the first finding: loading OpenSSL is a hundredth of a one-file run

    # surrogatepass: a record's text may hold a lone surrogate; other text hashes as before
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def fingerprint(doc: Document, rule_id: str, start: int, end: int, message: str = "") -> str:
    """Content fingerprint of a span: rule + normalised text + nearby words on the same line."""
    line = doc.lines[doc.line_of(start) - 1]
    last = doc.lines[doc.line_of(end) - 1] if end > start else line
    # A window, not the whole line: a 10 MB one-line file must not cost a scan per finding.
    before_text = doc.text[max(line.start, start - _WINDOW) : start]
    after_text = doc.text[end : min(max(end, last.end), end + _WINDOW)]
    before = [w.casefold() for w in CONTEXT_WORD.findall(before_text)][-CONTEXT_WORDS:]
    after = [w.casefold() for w in CONTEXT_WORD.findall(after_text)][:CONTEXT_WORDS]
    flagged = normalise(doc.text[start:end]) or normalise(message)
    return _hash(rule_id, flagged, " ".join(before), " ".join(after))


def finding_fingerprint(f: Finding) -> str:
    """The engine's fingerprint, or one from the finding itself (corpus-level findings)."""
    return f.fingerprint or _hash(f.rule, normalise(f.flagged), normalise(f.message))
