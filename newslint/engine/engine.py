"""The engine: runs rules over a Document and turns their hits into located Findings.

This is the one place where offsets become lines and columns, where the rule's
id, category and severity are attached, and where overlapping reports of the same
word are merged as the rules declare (``overlap:``; a misspelled month is reported
once).  It names no rule, kind or category.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from newslint.core.document import Document
from newslint.core.findings import Finding, Hit, Related, format_message
from newslint.core.fingerprint import fingerprint
from newslint.core.kind import PlacedHit
from newslint.core.messages import MAX_MESSAGE, clip
from newslint.core.suppression import apply_suppressions
from newslint.engine.rules import Rule
from newslint.kinds import CorpusKind, Kind, get_kind

#: findings one rule may report on one document: past this many the rule is stopped and says so
#: once (5 MB of "the the" would otherwise make a million findings, gigabytes and minutes)
MAX_HITS_PER_RULE = 1000


def bounded(hits: Iterable[Hit]) -> list[Hit]:
    """The first :data:`MAX_HITS_PER_RULE` hits, and a note in place of the rest (not computed)."""
    out = list(itertools.islice(hits, MAX_HITS_PER_RULE + 1))
    if len(out) > MAX_HITS_PER_RULE:
        out[MAX_HITS_PER_RULE:] = [
            Hit(
                0,
                0,
                message=f"rule stopped after {MAX_HITS_PER_RULE:,} findings in this file: "
                "the rest are not reported",
            )
        ]
    return out


def build_kind(rule: Rule) -> Kind:
    kind = get_kind(rule.kind)
    if kind is None:  # parse_rule already refused unknown kinds
        raise ValueError(f"unknown kind {rule.kind!r}")
    return kind(rule)


class DocumentLinter:
    """A set of rules built once (per process) and applied to many documents."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.checks: list[tuple[Rule, Kind]] = [(rule, build_kind(rule)) for rule in self.rules]
        self.timings: dict[str, float] = defaultdict(float)
        self.selectors = {r.id for r in self.rules} | {r.category for r in self.rules}
        self.yielding = {r.id for r in self.rules if r.overlap == "yields"}
        self.covering = {r.id for r in self.rules if r.overlap == "covers"}

    @property
    def corpus_checks(self) -> list[tuple[Rule, CorpusKind]]:
        return [(r, k) for r, k in self.checks if isinstance(k, CorpusKind)]

    def lint(self, doc: Document) -> list[Finding]:
        findings: list[Finding] = []
        for rule, kind in self.checks:
            started = time.perf_counter()
            try:
                hits = bounded(kind.check(doc))
            except Exception as exc:  # a broken rule must not hide the other rules' findings
                hits = [
                    Hit(0, 0, message=f"rule {rule.id!r} failed on this file: {type(exc).__name__}: {exc}")
                ]
            findings.extend(self.locate(doc, rule, hit) for hit in hits)
            self.timings[rule.id] += time.perf_counter() - started
        merged = merge_overlaps(findings, self.yielding, self.covering)
        findings, unused = apply_suppressions(doc, merged, self.selectors)
        for rule, kind in self.checks:
            findings.extend(self.locate(doc, rule, hit) for hit in kind.after_suppression(doc, unused))
        return sorted(findings, key=Finding.sort_key)

    def collect(self, doc: Document) -> dict[str, Any]:
        """Per-document summaries for the corpus-level rules."""
        out: dict[str, Any] = {}
        for rule, kind in self.corpus_checks:
            started = time.perf_counter()
            out[rule.id] = kind.collect(doc)
            self.timings[rule.id] += time.perf_counter() - started
        return out

    def finish(self, collected: Iterable[tuple[str, dict[str, Any]]]) -> list[Finding]:
        items = list(collected)
        findings: list[Finding] = []
        for rule, kind in self.corpus_checks:
            pairs = [(path, summary[rule.id]) for path, summary in items if rule.id in summary]
            findings.extend(self.place(rule, hit) for hit in kind.finish(pairs))
        return sorted(findings, key=Finding.sort_key)

    @staticmethod
    def locate(doc: Document, rule: Rule, hit: Hit) -> Finding:
        """The finding of a hit in ``doc``: its offsets located as lines and columns (to *locate*
        is to find where offsets are; a hit that already knows its lines is *placed*)."""
        start = max(0, min(hit.start, len(doc.text)))
        end = max(start, min(hit.end, len(doc.text)))
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        flagged = doc.text[start:end]
        message = clip(hit.message or "", MAX_MESSAGE) or format_message(
            rule.message, {"match": flagged, **hit.params}
        )
        related = tuple(Related(doc.line_of(r.offset), r.message) for r in hit.related)
        return Finding(
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=message,
            suggestions=tuple(hit.suggestions),
            related=related,
            fix=hit.fix,
            flagged=flagged,
            fingerprint=fingerprint(doc, rule.id, start, end, message),
        )

    @staticmethod
    def place(rule: Rule, hit: PlacedHit) -> Finding:
        """The finding of a cross-file hit, which names its file and lines itself: nothing to locate."""
        message = clip(hit.message or "", MAX_MESSAGE) or format_message(rule.message, hit.params)
        return Finding(
            path=hit.path,
            line=hit.line,
            column=hit.column,
            end_line=hit.end_line,
            end_column=hit.end_column,
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=message,
            suggestions=hit.suggestions,
            related=hit.related,
        )


def _span(f: Finding) -> tuple[int, int, int, int]:
    return (f.line, f.column, f.end_line, f.end_column)


def merge_overlaps(findings: list[Finding], yielding: set[str], covering: set[str]) -> list[Finding]:
    """Drop a finding of a yielding rule on words a more specific rule already reports (one report
    per defect): a covering rule's finding spanning it (a misspelled month), or another rule
    flagging the very same span with the same correction (a British spelling under
    ``locale: en-US`` is a variant, not a typo)."""
    if not yielding:
        return findings
    covering_lines: dict[int, list[Finding]] = defaultdict(list)
    agreeing: set[tuple[tuple[int, int, int, int], str]] = set()
    for f in findings:
        if f.rule in covering:
            covering_lines[f.line].append(f)
        elif f.rule not in yielding and f.suggestions:
            agreeing.add((_span(f), f.suggestions[0].lower()))
    if agreeing:
        findings = [
            f
            for f in findings
            if not (f.rule in yielding and f.suggestions and (_span(f), f.suggestions[0].lower()) in agreeing)
        ]
    if not covering_lines:
        return findings

    def covered(f: Finding) -> bool:
        return any(
            d.line == f.line
            and d.column <= f.column
            and (f.end_column <= d.end_column or d.end_line > f.line)
            for d in covering_lines.get(f.line, ())
        )

    return [f for f in findings if not (f.rule in yielding and covered(f))]
