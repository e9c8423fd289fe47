"""``newslint index build``: index the leads of an archive for ``check --against``.

The archive is linted through the one lint path (:func:`newslint.lint.lint_paths`) with only
the cross-file lead rule, asked to summarise each file's lead and compare nothing; the
summaries go into a :class:`~newslint.lead_index.LeadIndex`, which owns the file format.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newslint.config import load_settings
from newslint.lead_index import RULE_ID, LeadIndex
from newslint.lint import lint_paths
from newslint.ruleset import all_rules, apply_settings
from newslint.runner import default_jobs


def build_command(paths: Sequence[str], output: Path, config: Path | None, jobs: int | None) -> str:
    """Index the leads of the archive files, save, and say what was done."""
    first = next((p for p in paths if Path(p).exists()), ".")
    settings = load_settings(config, Path(first))
    rule = next(r for r in apply_settings(all_rules(settings), settings) if r.id == RULE_ID)
    run = lint_paths(settings, paths, rules=[rule], jobs=jobs or default_jobs(), compare=False)
    files = [f for f in run.files if f != "-"]
    index = LeadIndex()
    skipped = 0
    for path in files:
        summary = run.result.collected.get(path, {}).get(RULE_ID)
        if summary is None:
            skipped += 1
        else:
            index.add(path, summary.line, summary.words, summary.signature)
    index.save(output)
    return f"Indexed {len(index)} leads of {len(files)} files into {output} ({skipped} had no usable lead)."
