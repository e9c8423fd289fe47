"""Inline suppression comments in Markdown/HTML (and any) copy.

``<!-- newslint-disable [rule, ...] -->`` ... ``<!-- newslint-enable [rule, ...] -->``
switches rules off for a block (to the end of the file when not re-enabled);
``<!-- newslint-disable-next-line [rule, ...] -->`` for the following line only.
Without rule ids a directive covers every rule; a selector may also be a category.
A directive that hides nothing is reported by the ``unused-suppression`` rule
(off by default, like ruff's RUF100), and the directive comments themselves are
never flagged by other rules (they are markup on purpose).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.document import Document
from newslint.core.findings import Finding, Hit

MARKER = "newslint-"
_DIRECTIVE = compiled(
    r"<!--[ \t]*newslint-(?P<verb>disable-next-line|disable|enable)\b(?P<rules>[^>\n]*?)[ \t]*-->"
)


@dataclass
class Directive:
    verb: str
    rules: frozenset[str] | None  # None: every rule
    start: int  # offsets of the comment
    end: int
    first_line: int  # lines it covers
    last_line: int
    used: int = field(default=0)

    def covers(self, f: Finding) -> bool:
        return self.first_line <= f.line <= self.last_line and (
            self.rules is None or f.rule in self.rules or f.category in self.rules
        )


def _rules(text: str) -> frozenset[str] | None:
    names = frozenset(n for n in regex.split(r"[\s,]+", text.strip()) if n)
    return names or None


def parse_directives(doc: Document) -> list[Directive]:
    """Suppression ranges in ``doc``: disable blocks (closed by enable) and next-line directives."""
    if MARKER not in doc.text:
        return []
    last_line = len(doc.lines)
    out: list[Directive] = []
    open_blocks: list[Directive] = []
    for m in _DIRECTIVE.finditer(doc.text):
        line = doc.line_of(m.start())
        rules = _rules(m.group("rules"))
        verb = m.group("verb")
        if verb == "disable-next-line":
            out.append(Directive(verb, rules, m.start(), m.end(), line + 1, line + 1))
        elif verb == "disable":
            block = Directive(verb, rules, m.start(), m.end(), line, last_line)
            out.append(block)
            open_blocks.append(block)
        else:  # enable: closes every open block, or those naming one of its rules
            for block in list(open_blocks):
                if rules is None or block.rules is None or block.rules & rules:
                    block.last_line = line
                    open_blocks.remove(block)
    return out


def _inside_directive(f: Finding, doc: Document, directives: Sequence[Directive]) -> bool:
    for d in directives:
        line, column = doc.position(d.start)
        end_line, end_column = doc.position(d.end)
        if (
            line <= f.line <= end_line
            and (f.line, f.column) >= (line, column)
            and ((f.end_line, f.end_column) <= (end_line, end_column))
        ):
            return True
    return False


def apply_suppressions(
    doc: Document, findings: list[Finding], enabled: Collection[str] = ()
) -> tuple[list[Finding], list[Hit]]:
    """Findings left after the document's directives, and a hit per unused directive.

    ``enabled`` holds the rule ids and categories of this run: a directive naming only
    rules that did not run cannot be judged unused.
    """
    directives = parse_directives(doc)
    if not directives:
        return findings, []
    kept = []
    for f in findings:
        if _inside_directive(f, doc, directives):
            continue
        hiding = [d for d in directives if d.covers(f)]
        for d in hiding:
            d.used += 1
        if not hiding:
            kept.append(f)
    unused = [
        Hit(d.start, d.end, {"directive": d.verb, "rules": ", ".join(sorted(d.rules or ())) or "all rules"})
        for d in directives
        if not d.used and (d.rules is None or d.rules & set(enabled))
    ]
    return kept, unused
