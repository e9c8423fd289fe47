#!/usr/bin/env python3
"""Measure the default rules on a real corpus against a hand-reviewed list of their findings.

    python bench/review.py CORPUS                     # e.g. ../shared/bench/bbc
    python bench/review.py CORPUS --reviewed bench/reviewed/bbc-findings.tsv
    python bench/review.py CORPUS --edits             # also every safe edit `--fix` would make

Runs ``newslint check --format json`` (the installed command, default rules) on the
corpus and matches each finding with the reviewed list (a TSV: rule, path relative
to the corpus, line, flagged text, verdict ``genuine`` or ``false-positive``,
reason).  Prints each rule's precision over its reviewed findings and lists every
finding not reviewed yet, so that a change to a rule shows up as new lines to judge.

``--edits`` replays ``--fix`` (safe fixes only, pass by pass, as the fixer does) on
the corpus in memory and lists every edit with its check: it repairs a finding
reviewed as genuine (and, for a reordered date, a harmonised variant or a removed
doubled word, is right by construction), it DAMAGES correct text (its finding was
reviewed as a false positive), or it is unreviewed.  Rules named in ``--skip`` (by
default the spelling rule, reviewed by its own engineer) are counted but not listed.

Exit status 1 when a default-on rule is below ``--min-precision``, when a reviewed
finding is a damaging edit, or when a finding of a rule not skipped is unreviewed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REVIEWED = HERE / "reviewed" / "bbc-findings.tsv"
FIELDS = ("rule", "path", "line", "column", "flagged", "verdict", "reason")
VERDICTS = ("genuine", "false-positive")
#: rules whose safe fix cannot change what the text says once the finding is genuine
BY_CONSTRUCTION = {
    "date-format-mix": "a date reordered into the article's own format",
    "date-style": "a date rewritten in the house style",
    "spelling-variant-mix": "a variant harmonised to the article's majority",
    "repeated-word": "a doubled word removed",
}

Key = tuple[str, str, int, int, str]


@dataclass(frozen=True)
class Seen:
    """A finding as the review knows it: where, what, and (when reviewed) the verdict."""

    rule: str
    path: str
    line: int
    column: int
    flagged: str
    message: str = ""

    @property
    def key(self) -> Key:
        return (self.rule, self.path, self.line, self.column, self.flagged)


def load_reviewed(path: Path) -> dict[Key, tuple[str, str]]:
    """(rule, path, line, column, flagged) -> (verdict, reason); a bad row is an error naming its line."""
    out: dict[Key, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row.get("verdict") not in VERDICTS:
                sys.exit(f"{path}:{number}: verdict must be one of {', '.join(VERDICTS)}")
            key = (row["rule"], row["path"], int(row["line"]), int(row["column"]), row["flagged"])
            out[key] = (row["verdict"], row["reason"])
    return out


def relative(path: str, corpus: Path) -> str:
    return Path(os.path.relpath(path, corpus)).as_posix()


def run_findings(corpus: Path) -> list[Seen]:
    """The findings of ``newslint check`` (this environment's) on the corpus (default rules, all cores)."""
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "json", "--no-progress", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"newslint failed ({done.returncode}): {done.stderr.strip()}")
    data = json.loads(done.stdout)
    return [
        Seen(f["rule"], relative(f["path"], corpus), f["line"], f["column"], flagged_text(f), f["message"])
        for f in data["findings"]
    ]


def flagged_text(finding: dict[str, object]) -> str:
    """The flagged text, read back from the file (the JSON gives its span)."""
    lines = Path(str(finding["path"])).read_text(encoding="utf-8-sig").splitlines()
    line, column = int(str(finding["line"])), int(str(finding["column"]))
    end_line, end_column = int(str(finding["end_line"])), int(str(finding["end_column"]))
    if end_line != line:
        return first_line(lines[line - 1][column - 1 :])
    return first_line(lines[line - 1][column - 1 : end_column - 1])


def first_line(flagged: str) -> str:
    """What the reviewed list records of a flagged text: its first line, at most 80 characters."""
    return (flagged.splitlines() or [""])[0][:80]


@dataclass(frozen=True)
class Edit:
    finding: Seen
    before: str
    after: str
    passno: int


def safe_edits(corpus: Path) -> Iterator[Edit]:
    """Every edit ``newslint check --fix`` (safe fixes only) would make, replayed pass by pass."""
    from newslint.app.fixer import MAX_PASSES, apply, choose, wanted
    from newslint.config.config import filter_per_file, load_settings
    from newslint.core.document import Document
    from newslint.engine.engine import DocumentLinter
    from newslint.engine.ruleset import resolve_rules
    from newslint.sources.files import discover, read_document

    settings = load_settings(None, corpus)
    rules = resolve_rules(settings)
    linter = DocumentLinter(rules)
    groups = {r.id: r.group for r in rules}
    for path in discover([str(corpus)], settings.include, settings.exclude):
        doc = read_document(path)
        if not isinstance(doc, Document):
            continue
        findings = filter_per_file(linter.lint(doc), settings, groups)
        for passno in range(1, MAX_PASSES + 1):
            by_fix = {fix: f for f in findings if (fix := wanted(f, False)) is not None}
            fixes = choose(by_fix)
            if not fixes:
                break
            for fix in fixes:
                f = by_fix[fix]
                seen = Seen(f.rule, relative(path, corpus), f.line, f.column, first_line(f.flagged))
                yield Edit(seen, doc.text[fix.start : fix.end], fix.replacement, passno)
            text = apply(doc.text, fixes)
            if text == doc.text:
                break
            doc = Document(doc.path, text, bom=doc.bom)
            findings = filter_per_file(linter.lint(doc), settings, groups)


def edit_verdict(edit: Edit, reviewed: dict[Key, tuple[str, str]]) -> str:
    verdict = reviewed.get(edit.finding.key)
    if verdict is None:
        return "UNREVIEWED"
    if verdict[0] == "false-positive":
        return "DAMAGES correct text: " + verdict[1]
    construction = BY_CONSTRUCTION.get(edit.finding.rule)
    return "repairs a genuine defect" + (f"; right by construction ({construction})" if construction else "")


def precision_table(findings: Iterable[Seen], reviewed: dict[Key, tuple[str, str]]) -> list[tuple[str, ...]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key in reviewed:
        counts[key[0]]["findings"] += 0  # a rule reviewed before shows, even with no finding now
    for f in findings:
        verdict = reviewed.get(f.key)
        counts[f.rule]["findings"] += 1
        counts[f.rule][verdict[0] if verdict else "unreviewed"] += 1
    rows = []
    for rule in sorted(counts):
        c = counts[rule]
        judged = c["genuine"] + c["false-positive"]
        precision = f"{c['genuine'] / judged:.3f}" if judged else "-"
        numbers = (c["findings"], c["genuine"], c["false-positive"], c["unreviewed"])
        rows.append((rule, *map(str, numbers), precision))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--reviewed", type=Path, default=DEFAULT_REVIEWED)
    parser.add_argument("--edits", action="store_true", help="list every safe edit of --fix, checked")
    parser.add_argument("--skip", default="spelling", help="rules counted but not listed (comma-separated)")
    parser.add_argument("--min-precision", type=float, default=0.95)
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    reviewed = load_reviewed(args.reviewed) if args.reviewed.exists() else {}
    skip = {s for s in args.skip.split(",") if s}
    findings = run_findings(corpus)
    failed = False

    print(f"{'rule':<24} {'findings':>8} {'genuine':>8} {'false+':>7} {'unrev.':>7} {'precision':>9}")
    for rule, n, good, bad, unreviewed, precision in precision_table(findings, reviewed):
        print(f"{rule:<24} {n:>8} {good:>8} {bad:>7} {unreviewed:>7} {precision:>9}")
        if rule not in skip and precision != "-" and float(precision) < args.min_precision:
            failed = True
    fresh = [f for f in findings if f.key not in reviewed and f.rule not in skip]
    if fresh:
        failed = True
        print(f"\n{len(fresh)} findings not reviewed yet (add them to {args.reviewed}):")
        for f in fresh:
            print("\t".join((f.rule, f.path, str(f.line), str(f.column), f.flagged, "?", f.message)))
    stale = set(reviewed) - {f.key for f in findings}
    if stale:
        print(f"\n{len(stale)} reviewed findings no longer reported (fixed or lost):")
        for key in sorted(stale):
            print("\t".join((*map(str, key), reviewed[key][0])))

    if args.edits:
        edits = list(safe_edits(corpus))
        print(f"\n{len(edits)} safe edits (`newslint check --fix`):")
        tally: Counter[str] = Counter()
        for edit in edits:
            verdict = edit_verdict(edit, reviewed)
            tally[verdict.split(":")[0].split(";")[0]] += 1
            if edit.finding.rule in skip and verdict == "UNREVIEWED":
                continue
            failed = failed or verdict.startswith("DAMAGES")
            f = edit.finding
            change = f"{edit.before!r} -> {edit.after!r} (pass {edit.passno})"
            print(f"{f.path}:{f.line} [{f.rule}] {change}: {verdict}")
        skipped = sum(1 for e in edits if e.finding.rule in skip and e.finding.key not in reviewed)
        if skipped:
            print(f"({skipped} unreviewed edits of {', '.join(sorted(skip))} not listed)")
        print("edits: " + ", ".join(f"{n} {what}" for what, n in tally.most_common()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
