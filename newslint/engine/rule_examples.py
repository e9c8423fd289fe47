"""Executable rule examples: every bad example must be flagged, every good one must not."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Example, Rule, with_overrides


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    expected: str
    got: list[int]  # lines the rule reported

    def describe(self) -> str:
        snippet = self.example.text.strip().splitlines()[0][:60] if self.example.text.strip() else "(empty)"
        got = ", ".join(map(str, self.got)) or "nothing"
        return f"{self.rule.source}: [{self.rule.id}] {self.expected}, got {got}: {snippet!r}"


_FILE_MARK = regex.compile(r"^=== (\S+) ===\n", regex.M)


def example_documents(rule: Rule, text: str) -> list[Document]:
    """One document, or several where the example separates files with ``=== name ===`` lines
    (corpus-level rules compare files; their findings count on the last file)."""
    parts = _FILE_MARK.split(text)
    if len(parts) == 1:
        return [Document(f"<{rule.id} example>", text)]
    names, bodies = parts[1::2], parts[2::2]
    return [Document(name, body) for name, body in zip(names, bodies, strict=False)]


def example_lines(linter: DocumentLinter, rule: Rule, text: str) -> list[int]:
    """Lines the rule flags in the example (on the last file, for multi-file examples)."""
    docs = example_documents(rule, text)
    findings = [f for doc in docs for f in linter.lint(doc)]
    if linter.corpus_checks:
        findings += linter.finish((doc.path, linter.collect(doc)) for doc in docs)
    last = docs[-1].path
    return sorted(f.line for f in findings if f.rule == rule.id and f.path == last)


def check_examples(rule: Rule, linter: DocumentLinter | None = None) -> Iterator[ExampleFailure]:
    linter = linter or DocumentLinter([rule])
    for example in rule.bad:
        # An example may set options (a house style the rule's default leaves off).
        own = DocumentLinter([with_overrides(rule, None, example.options)]) if example.options else linter
        lines = example_lines(own, rule, example.text)
        if not lines:
            yield ExampleFailure(rule, example, "bad example not flagged", lines)
        elif example.line is not None and example.line not in lines:
            yield ExampleFailure(rule, example, f"bad example must be flagged on line {example.line}", lines)
    for example in rule.good:
        lines = example_lines(linter, rule, example.text)
        if lines:
            yield ExampleFailure(rule, example, "good example flagged", lines)


def check_all(rules: Sequence[Rule]) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for rule in rules:
        if not rule.bad or not rule.good:
            missing = "bad" if not rule.bad else "good"
            failures.append(ExampleFailure(rule, Example(""), f"no {missing} example", []))
            continue
        failures.extend(check_examples(rule))
    return failures
