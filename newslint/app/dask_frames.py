"""Lint a Dask dataframe's text column or a Dask bag of texts; get a findings dataframe back.

Each partition is linted on its worker by a :class:`newslint.Linter` built once per worker
process and rule set (building the rules is most of a small job's cost).  The findings
dataframe has the columns of :data:`newslint.app.findings_table.COLUMNS` (``related`` as JSON
text), one row a finding, ``path`` the name given and ``record`` the row's id.  With
``duplicate_leads=True`` the records are also compared with each other for repeated leads
(``duplicate-lead-across-files``, as ``newslint check --engine dask`` does): MinHash signatures
per partition, LSH bands joined through a shuffle (:mod:`newslint.app.dask_leads`).
Needs the ``dask`` extra: ``pip install 'newslint[dask]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newslint.app.api import Linter, load_api_settings
from newslint.app.dask_leads import LeadCheck, duplicate_lead_findings, leads_meta, leads_of
from newslint.app.findings_table import finding_row, findings_meta
from newslint.app.lead_index import RULE_ID
from newslint.core.errors import NewslintError
from newslint.engine.engine import build_kind
from newslint.engine.ruleset import resolve_rules
from newslint.run.runner import lint_record
from newslint.sources.records import Record, RecordError, RecordFields, from_mapping

__all__ = ["findings_meta", "lint_bag", "lint_dataframe"]

_LINTERS: dict[tuple[str | None, tuple[str, ...] | None], Linter] = {}


def _linter(config: str | None, select: tuple[str, ...] | None) -> Linter:
    key = (config, select)
    if key not in _LINTERS:
        _LINTERS[key] = Linter.from_config(config, select=select)
    return _LINTERS[key]


def _rows_of(
    items: Iterable[Mapping[str, Any]],
    path: str,
    fields: RecordFields,
    config: str | None,
    select: tuple[str, ...] | None,
) -> list[dict[str, Any]]:
    linter = _linter(config, select)
    rows: list[dict[str, Any]] = []
    for number, row in enumerate(items, 1):
        record: Record | RecordError = from_mapping(number, row, fields)
        if isinstance(record, RecordError):
            raise ValueError(f"{path}: record {record.id}: {record.message}")
        for f in lint_record(linter.engine, path, record).findings:
            rows.append(finding_row(f))
    return rows


def lead_check(config: str | None, select: tuple[str, ...] | None, path: str) -> LeadCheck:
    """The duplicate-lead rule of the config (switched on if it is off by default), with its options."""
    settings = load_api_settings(config, select=select, extend_select=(RULE_ID,))
    for rule in resolve_rules(settings):
        if rule.kind == "duplicate-lead-corpus":
            options = build_kind(rule).options
            return LeadCheck(
                rule,
                options["threshold"],
                options["lsh_threshold"],
                options["min_words"],
                options["max_related"],
                path,
            )
    raise NewslintError(f"duplicate_leads: the configuration leaves out {RULE_ID!r}")


def _frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    meta = findings_meta()
    if not rows:
        return meta
    # the same dtypes as ``meta`` whatever pandas infers (pandas 3 infers a string dtype)
    return pd.DataFrame(rows, columns=list(meta.columns)).astype(meta.dtypes.to_dict())


def lint_dataframe(
    ddf: Any,
    text: str = "text",
    id: str = "id",
    *,
    title: str | None = None,
    path: str = "<dataframe>",
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
    duplicate_leads: bool = False,
) -> Any:
    """The findings of every row of ``ddf`` (its ``text`` column; ``id`` names the record).

    ``duplicate_leads``: also report a record whose lead repeats an earlier record's (earlier:
    by id as text), joined on the cluster (the rows are read twice: once to lint, once for leads).
    """
    conf = str(config) if config is not None else None
    chosen = tuple(select) if select is not None else None
    fields = RecordFields(text, title, id)
    wanted = [c for c in (text, title, id) if c is not None]
    missing = [c for c in wanted if c not in ddf.columns]
    if missing:
        raise NewslintError(f"the dataframe has no column {missing[0]!r}")

    def partition(frame: Any) -> Any:
        return _frame(_rows_of(frame[wanted].to_dict("records"), path, fields, conf, chosen))

    found = ddf.map_partitions(partition, meta=findings_meta())
    if not duplicate_leads:
        return found
    import dask.dataframe as dd

    check = lead_check(conf, chosen, path)

    def leads(frame: Any) -> Any:
        return leads_of(frame[wanted].to_dict("records"), fields, check)

    lead_rows = ddf.map_partitions(leads, meta=leads_meta())
    return dd.concat([found, duplicate_lead_findings(lead_rows, check)])  # type: ignore[no-untyped-call]


def lint_bag(
    bag: Any,
    *,
    text: str = "text",
    id: str | None = None,
    title: str | None = None,
    path: str = "<bag>",
    config: str | Path | None = None,
    select: Sequence[str] | None = None,
    duplicate_leads: bool = False,
) -> Any:
    """The findings of a ``dask.bag`` of texts (or of records as mappings), as a dataframe.

    Bare texts are numbered within their partition as ``PARTITION:N``.  ``duplicate_leads``:
    as for :func:`lint_dataframe`.
    """
    import dask.dataframe as dd
    from dask.delayed import delayed

    conf = str(config) if config is not None else None
    chosen = tuple(select) if select is not None else None
    fields = RecordFields(text, title, id if id is not None else "_id")

    def partition(items: list[Any], index: int) -> Any:
        return _frame(_rows_of(_bag_rows(items, index, text, id), path, fields, conf, chosen))

    parts = bag.to_delayed()
    found = dd.from_delayed([delayed(partition)(p, i) for i, p in enumerate(parts)], meta=findings_meta())
    if not duplicate_leads:
        return found
    check = lead_check(conf, chosen, path)

    def leads(items: list[Any], index: int) -> Any:
        return leads_of(_bag_rows(items, index, text, id), fields, check)

    lead_rows = dd.from_delayed([delayed(leads)(p, i) for i, p in enumerate(parts)], meta=leads_meta())
    return dd.concat([found, duplicate_lead_findings(lead_rows, check)])  # type: ignore[no-untyped-call]


def _bag_rows(items: list[Any], index: int, text: str, id: str | None) -> list[Any]:
    """A bag partition's items as records: a bare text gets the id ``PARTITION:N``."""
    rows = [
        {text: item, "_id": f"{index}:{n}"} if isinstance(item, str) else item
        for n, item in enumerate(items, 1)
    ]
    if id is None:
        rows = [r if "_id" in r else {**r, "_id": f"{index}:{n}"} for n, r in enumerate(rows, 1)]
    return rows
