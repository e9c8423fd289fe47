"""Findings as a table: one row a finding, the JSON object's keys as columns (Parquet output).

A corpus run's findings go on into dataframes; a Parquet file keeps their types.  ``related``
and ``suggestions`` are kept as JSON text and a list of strings; ``record`` is null for files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newslint.core.errors import NewslintError
from newslint.core.findings import Finding

#: the columns, in order, with their pyarrow type names
COLUMNS: tuple[tuple[str, str], ...] = (
    ("path", "string"),
    ("record", "string"),
    ("line", "int64"),
    ("column", "int64"),
    ("end_line", "int64"),
    ("end_column", "int64"),
    ("rule", "string"),
    ("category", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("suggestions", "list<string>"),
    ("related", "string"),
)


def finding_row(f: Finding) -> dict[str, Any]:
    row = f.to_dict()
    row.setdefault("record", None)
    row["related"] = json.dumps(row["related"], ensure_ascii=False)
    return {name: row[name] for name, _ in COLUMNS}


def rows(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """One row a finding; lone surrogates shown as visible escapes, as in every report."""
    from newslint.reporters.escape import clean_finding

    return [finding_row(clean_finding(f)) for f in findings]


def arrow_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def write_parquet(findings: Iterable[Finding], output: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise NewslintError("--format parquet needs pyarrow: pip install 'newslint[records]'") from None
    from newslint.core.output_file import opened

    table = pa.Table.from_pylist(rows(findings), schema=arrow_schema())
    with opened(output) as handle:
        try:
            pq.write_table(table, handle)
        except pa.ArrowException as exc:  # the handle's OSError, as Arrow words it
            raise NewslintError(f"cannot write output: {exc}", str(output)) from None


def findings_meta() -> Any:
    """An empty pandas frame with the findings columns (Dask's ``meta``)."""
    import pandas as pd

    dtypes = {"string": "object", "int64": "int64", "list<string>": "object"}
    return pd.DataFrame({name: pd.Series([], dtype=dtypes[kind]) for name, kind in COLUMNS})
