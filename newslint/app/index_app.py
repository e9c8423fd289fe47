"""``newslint index build``: index the leads of an archive for ``check --against``.

The archive (files, or the records of JSONL/CSV/Parquet archives) is linted through the one
lint path (:func:`newslint.run.lint.lint_paths`) with only the cross-file lead rule, asked to
summarise each lead and compare nothing; the summaries go into the kind's ``LeadIndex``, whose
file format is :mod:`newslint.duplicates.lead_index_file`'s.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from newslint.app.lead_index import RULE_ID, LeadIndex
from newslint.config.config import load_settings
from newslint.core.output_file import refuse_inputs
from newslint.core.surrogates import visible_surrogates
from newslint.engine.ruleset import all_rules, apply_settings
from newslint.reporters.escape import escape_control
from newslint.run.lint import lint_paths
from newslint.run.runner import default_jobs
from newslint.sources.records import RecordFields


def build_command(
    paths: Sequence[str],
    output: Path,
    config: Path | None,
    jobs: int | None,
    fields: RecordFields | None = None,
) -> str:
    """Index the leads of the archive's files and records, save, and say what was done.

    A record's lead is stored as ``archive#id`` (its file and record id)."""
    first = next((p for p in paths if Path(p).exists()), ".")
    settings = load_settings(config, Path(first))
    rule = next(r for r in apply_settings(all_rules(settings), settings) if r.id == RULE_ID)
    run = lint_paths(settings, paths, rules=[rule], jobs=jobs or default_jobs(), compare=False, fields=fields)
    index = LeadIndex()
    skipped = 0
    for key, collected in run.result.collected.items():  # files and records, in the run's order
        summary = collected.get(RULE_ID)
        if summary is None:
            skipped += 1
        else:
            words = tuple(visible_surrogates(w) for w in summary.words)
            index.add(visible_surrogates(key), summary.line, words, summary.signature)
    refuse_inputs(output, run.files, "lead index")
    index.save(output)
    for error in run.result.errors:
        sys.stderr.write(f"newslint: {escape_control(error.path)}: {escape_control(error.message)}\n")
    items = len(run.result.collected)
    return (
        f"Indexed {len(index)} leads of {items} files and records into {escape_control(str(output))} "
        f"({skipped} had no usable lead)."
    )
