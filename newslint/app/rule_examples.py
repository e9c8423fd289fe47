"""Executable rule examples: a rule's YAML is the one place its expected behaviour is written.

A bad example must give exactly the lines it states (and the column and message fragment when
it states them), and ``--fix`` / ``--fix --unsafe-fixes`` must turn it into exactly its
``fixed:`` / ``unsafe_fixed:`` text (absent: that run changes nothing).  A good example must
give no finding.  The examples also prove the rule's fix declaration (:class:`Fixes`): a
rule that declares no fix, or only safe ones, cannot show an unsafe fix, and so on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from newslint.app import fixer
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.core.rule_model import Fixes
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Example, Rule, with_overrides


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    expected: str  # what is wrong, a line a problem, e.g. "missing line 5\nunexpected line 7 (...)"

    def describe(self) -> str:
        text = self.example.text.strip()
        if not text:  # the rule lacks an example
            return f"{self.rule.source}: [{self.rule.id}] {self.expected}"
        snippet = text.splitlines()[0][:60]
        problems = self.expected.replace("\n", "\n    ")
        return f"{self.rule.source}: [{self.rule.id}] example {snippet!r}:\n    {problems}"


_FILE_MARK = regex.compile(r"^=== (\S+) ===\n", regex.M)


def example_documents(rule: Rule, text: str) -> list[Document]:
    """One document, or several where the example separates files with ``=== name ===`` lines
    (corpus-level rules compare files; their findings count on the last file)."""
    parts = _FILE_MARK.split(text)
    if len(parts) == 1:
        return [Document(f"<{rule.id} example>", text)]
    names, bodies = parts[1::2], parts[2::2]
    return [Document(name, body) for name, body in zip(names, bodies, strict=False)]


def example_findings(linter: DocumentLinter, rule: Rule, text: str) -> list[Finding]:
    """The rule's findings in the example (on the last file, for multi-file examples)."""
    docs = example_documents(rule, text)
    findings = [f for doc in docs for f in linter.lint(doc)]
    if linter.corpus_checks:
        findings += linter.finish((doc.path, linter.collect(doc)) for doc in docs)
    last = docs[-1].path
    return sorted((f for f in findings if f.rule == rule.id and f.path == last), key=Finding.sort_key)


def fixed_text(linter: DocumentLinter, rule: Rule, text: str, unsafe: bool) -> str:
    """The example's text after ``--fix`` (``unsafe``: with ``--unsafe-fixes``), as the fixer
    applies them, pass by pass."""
    out, _, _ = fixer.fix_document(Document(f"<{rule.id} example>", text), linter.lint, unsafe)
    return out


def text_diff(expected: str, got: str) -> str:
    """A unified diff of two texts, for a failure message."""
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), got.splitlines(keepends=True), "expected", "got", n=1
    )
    return "".join(lines).rstrip("\n")


def _finding_problems(example: Example, findings: list[Finding]) -> list[str]:
    if not findings:
        return ["bad example not flagged"]
    got = {f.line for f in findings}
    problems = []
    if example.lines:
        missing, unexpected = sorted(set(example.lines) - got), sorted(got - set(example.lines))
        if missing:
            problems.append("missing line " + ", ".join(map(str, missing)))
        problems += [f"unexpected line {f.line} ({f.message})" for f in findings if f.line in unexpected]
    if example.column is not None and not any(
        (f.line, f.column) == (example.lines[0], example.column) for f in findings
    ):
        problems.append(
            f"no finding at column {example.column}, got " + ", ".join(str(f.column) for f in findings)
        )
    if example.message is not None and not any(example.message in f.message for f in findings):
        problems.append(f"no message contains {example.message!r}, got {findings[0].message!r}")
    return problems


def _fix_problems(linter: DocumentLinter, rule: Rule, example: Example) -> list[str]:
    if len(example_documents(rule, example.text)) > 1:
        declared = example.fixed is not None or example.unsafe_fixed is not None
        return ["fixed: / unsafe_fixed: apply to one-file examples only"] if declared else []
    safe = example.fixed if example.fixed is not None else example.text
    unsafe = example.unsafe_fixed if example.unsafe_fixed is not None else safe
    got_safe = fixed_text(linter, rule, example.text, unsafe=False)
    got_unsafe = fixed_text(linter, rule, example.text, unsafe=True)
    problems = []
    if got_safe != safe:
        problems.append(f"--fix gives another text:\n{text_diff(safe, got_safe)}")
    if got_unsafe != unsafe and (got_unsafe, unsafe) != (got_safe, safe):  # not the same news twice
        problems.append(f"--fix --unsafe-fixes gives another text:\n{text_diff(unsafe, got_unsafe)}")
    return problems


def _declaration_problem(rule: Rule, example: Example) -> str | None:
    """Why the example contradicts the fixes the rule declares, if it does."""
    declared = rule.fixes
    shows_safe = example.fixed is not None
    shows_unsafe = example.unsafe_fixed is not None and example.unsafe_fixed != example.fixed
    if declared is Fixes.NONE and (shows_safe or shows_unsafe):
        return "example shows a fix, but the rule declares none"
    if declared is Fixes.SAFE and shows_unsafe:
        return "example shows an unsafe fix, but the rule declares only safe ones"
    if declared is Fixes.UNSAFE and shows_safe:
        return "example shows a safe fix, but the rule declares only unsafe ones"
    return None


def check_example(rule: Rule, example: Example, bad: bool, linter: DocumentLinter | None = None) -> list[str]:
    """What is wrong with one example (empty: it passes)."""
    # An example may set options (a house style the rule's default leaves off).
    if example.options:
        linter = DocumentLinter([with_overrides(rule, None, example.options)])
    linter = linter or DocumentLinter([rule])
    findings = example_findings(linter, rule, example.text)
    if not bad:
        declares = example.lines or example.fixed is not None or example.unsafe_fixed is not None
        problems = ["good example declares findings or fixes"] if declares else []
        problems += [f"good example flagged on line {f.line} ({f.message})" for f in findings]
        return problems
    problems = _finding_problems(example, findings) + _fix_problems(linter, rule, example)
    declaration = _declaration_problem(rule, example)
    return problems + ([declaration] if declaration else [])


def check_examples(rule: Rule, linter: DocumentLinter | None = None) -> Iterator[ExampleFailure]:
    linter = linter or DocumentLinter([rule])
    for bad, examples in ((True, rule.bad), (False, rule.good)):
        for example in examples:
            problems = check_example(rule, example, bad, linter)
            if problems:
                yield ExampleFailure(rule, example, "\n".join(problems))


def check_all(rules: Sequence[Rule]) -> list[ExampleFailure]:
    failures: list[ExampleFailure] = []
    for rule in rules:
        if not rule.bad or not rule.good:
            missing = "bad" if not rule.bad else "good"
            failures.append(ExampleFailure(rule, Example(""), f"no {missing} example"))
            continue
        failures.extend(check_examples(rule))
    return failures
