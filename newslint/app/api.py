"""The Python API for pipelines and notebooks: lint text and records in memory.

A :class:`Linter` loads the rules once (the spelling lexicon is most of that cost) and lints
any number of texts or records with them, through the same engine and per-record code as
``newslint check``; findings are the :class:`~newslint.core.findings.Finding` objects the reporters
read, and ``Finding.to_dict()`` is the object of ``--format json``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint.config.config import Settings, filter_per_file, load_settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.engine.ruleset import resolve_rules
from newslint.run.runner import FileResult, corpus_items, in_records, lint_records
from newslint.sources.records import Record, RecordError, RecordFields, records_of

__all__ = ["Linter", "lint_text"]

#: the path findings of :meth:`Linter.lint_text` report when none is given
DEFAULT_PATH = "<text>"


class Linter:
    """Rules built once, applied to many texts or records."""

    def __init__(self, rules: Sequence[Rule], settings: Settings | None = None) -> None:
        self.rules = list(rules)
        self.settings = settings or Settings()
        self.engine = DocumentLinter(self.rules)
        self._groups = {r.id: r.group for r in self.rules}

    @classmethod
    def from_config(
        cls,
        config: str | Path | None = None,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        discover: bool = False,
        extend_select: Sequence[str] = (),
    ) -> Linter:
        """Rules from the config file ``config``; without one, the built-in defaults (or, with
        ``discover``, the config file found upward from the working folder).  ``select``,
        ``extend_select`` and ``ignore`` take rule ids, groups or categories, as on the command
        line (``extend_select`` switches on rules that are off by default)."""
        settings = load_api_settings(config, select=select, discover=discover, extend_select=extend_select)
        return cls(resolve_rules(settings, list(ignore)), settings)

    def lint_text(self, text: str, *, path: str | None = None) -> list[Finding]:
        """The findings in one article's text (``path`` is only what they report)."""
        doc = Document(path or DEFAULT_PATH, text)
        return filter_per_file(self.engine.lint(doc), self.settings, self._groups)

    def lint_records(
        self,
        records: Iterable[Mapping[str, Any] | str],
        *,
        path: str = "<records>",
        text: str = "text",
        title: str | None = None,
        id: str | None = None,
    ) -> list[Finding]:
        """Findings of many articles, each tagged with its record id (``Finding.record``).

        A record is a mapping (``text``/``title``/``id`` name its fields) or a bare string (its id
        is its number).  The
        cross-record rules (a lead repeated in another record) compare the records with each
        other.  A malformed record raises :class:`ValueError` naming it.
        """
        fields = RecordFields(text, title, id)
        rows = (
            {text: r, **({id: str(n)} if id is not None else {})} if isinstance(r, str) else r
            for n, r in enumerate(records, 1)
        )
        items: list[Record | RecordError] = list(records_of(rows, fields))
        for item in items:
            if isinstance(item, RecordError):
                raise ValueError(f"record {item.id}: {item.message}")
        result = lint_records(self.engine, path, items)
        return self._finish([result])

    def _finish(self, results: list[FileResult]) -> list[Finding]:
        findings = [f for r in results for f in r.findings]
        if self.engine.corpus_checks:
            summaries, places = corpus_items(results)
            findings += in_records(self.engine.finish(summaries), places)
        kept = filter_per_file(findings, self.settings, self._groups)
        return sorted(kept, key=Finding.sort_key)


def load_api_settings(
    config: str | Path | None = None,
    *,
    select: Sequence[str] | None = None,
    discover: bool = False,
    extend_select: Sequence[str] = (),
) -> Settings:
    """The settings :meth:`Linter.from_config` resolves its rules from."""
    if config is not None:
        settings = load_settings(Path(config), Path(config).parent)
    else:
        settings = load_settings(None, Path.cwd(), isolated=not discover)
    if select is not None:
        settings = dataclasses.replace(settings, select=tuple(select))
    if extend_select:
        extended = (*settings.extend_select, *extend_select)
        settings = dataclasses.replace(settings, extend_select=extended)
    return settings


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
) -> list[Finding]:
    """The findings in ``text``, with the built-in rules or those of ``config``.

    Each call loads the rules again: to lint many texts, make one :class:`Linter`.
    """
    return Linter.from_config(config, select=select).lint_text(text, path=path)
