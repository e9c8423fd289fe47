"""Cross-record duplicate leads for :mod:`newslint.app.dask_frames`: a lazy Dask graph, no driver in the loop.

The same check as ``duplicate-lead-across-files`` in ``newslint check --engine dask``, built
from dataframe steps so the work stays on the cluster and grows about linearly with the
records: each partition computes its records' leads and MinHash signatures; (LSH band key,
record) rows are shuffled on the band key so each bucket lands in one partition, which emits
its (earlier, later) record pairs; the pairs are joined with the two leads' words and scored
exactly; a shuffle on the later record gathers its matches into one finding.  "Earlier" is the
order of record ids (as text), as a check run orders ``archive#id``.  The rule's
``index`` option (an archive index file) is not read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newslint.app.findings_table import finding_row, findings_meta
from newslint.core.document import Document
from newslint.core.findings import Related
from newslint.core.kind import PlacedHit
from newslint.duplicates.minhash import band_keys, pairs_in_bucket
from newslint.duplicates.tokens import similarity
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import Rule
from newslint.kinds.duplicate_corpus import summarise
from newslint.run.dask_engine import band_key
from newslint.sources.records import RecordError, RecordFields, from_mapping

#: joins a lead's words into one text column (words never hold this character)
SEP = "\x1f"


@dataclass(frozen=True)
class LeadCheck:
    """The rule and its options, resolved on the driver and sent with each task."""

    rule: Rule
    threshold: float
    lsh_threshold: float
    min_words: int
    max_related: int
    path: str


def _empty(columns: Mapping[str, str]) -> Any:
    """An empty pandas frame of these column dtypes (a ``meta``: as a frame, not a dict, so Dask
    converts its text columns as it converts the data's and joins see one dtype)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in columns.items()})


def leads_meta() -> Any:
    return _empty(
        {
            "record": "object",
            "line": "int64",
            "end_line": "int64",
            "end_column": "int64",
            "words": "object",
            "signature": "object",
        }
    )


def leads_of(rows: Iterable[Mapping[str, Any]], fields: RecordFields, check: LeadCheck) -> Any:
    """The leads (and signatures) of one partition's records; records without a lead are left out."""
    import pandas as pd

    out: list[dict[str, Any]] = []
    for number, row in enumerate(rows, 1):
        record = from_mapping(number, row, fields)
        if isinstance(record, RecordError):
            continue  # the linting of the same partition reports it
        summary = summarise(Document(check.path, record.text), check.min_words)
        if summary is None:
            continue
        out.append(
            {
                "record": record.id,
                "line": summary.line,
                "end_line": summary.end_line,
                "end_column": summary.end_column,
                "words": SEP.join(summary.words),
                "signature": summary.signature.hex(),  # text: Dask may convert object columns to strings
            }
        )
    meta = leads_meta()
    return pd.DataFrame(out, columns=list(meta.columns)).astype(meta.dtypes.to_dict()) if out else meta


def _bands(leads: Any, threshold: float) -> Any:
    import pandas as pd

    bands: list[int] = []
    owners: list[str] = []
    for record, signature in zip(leads["record"], leads["signature"], strict=True):
        keys = band_keys(bytes.fromhex(signature), threshold)
        bands.extend(band_key(k) for k in keys)
        owners.extend([record] * len(keys))
    return pd.DataFrame(
        {"band": pd.Series(bands, dtype="int64"), "record": pd.Series(owners, dtype="object")}
    )


def _pairs(frame: Any) -> Any:
    import pandas as pd

    pairs: set[tuple[str, str]] = set()
    for _, members in frame.groupby("band")["record"]:
        if len(members) > 1:
            pairs.update(pairs_in_bucket(members.tolist()))
    ordered = sorted(pairs)
    return pd.DataFrame(
        {
            "earlier": pd.Series([p[0] for p in ordered], dtype="object"),
            "later": pd.Series([p[1] for p in ordered], dtype="object"),
        }
    )


def _scored(frame: Any, threshold: float) -> Any:
    scores = [
        similarity(a.split(SEP), b.split(SEP), threshold)
        for a, b in zip(frame["earlier_words"], frame["words"], strict=True)
    ]
    kept = frame.assign(score=scores)
    return kept[kept["score"] >= threshold].drop(columns=["earlier_words", "words"])


def _findings(frame: Any, check: LeadCheck) -> Any:
    """One finding a later record, its matches best first (as the in-memory check orders them)."""
    import pandas as pd

    rows = []
    for later, group in frame.drop_duplicates(["earlier", "later"]).groupby("later"):
        first = group.iloc[0]
        matches = sorted(
            ((float(s), f"{check.path}#{e}", int(n)) for s, e, n in zip(*_cols(group), strict=True)),
            key=lambda m: (-m[0], m[1], m[2]),
        )
        score, other, other_line = matches[0]
        hit = PlacedHit(
            check.path,
            int(first["line"]),
            1,
            int(first["end_line"]),
            int(first["end_column"]),
            params={
                "other": other,
                "other_line": other_line,
                "similarity": f"{score:.0%}",
                "copies": len(matches),
            },
            related=tuple(
                Related(n, f"same lead ({s:.0%} similar)", p) for s, p, n in matches[: check.max_related]
            ),
        )
        finding = DocumentLinter.place(check.rule, hit)
        rows.append({**finding_row(finding), "record": str(later)})
    meta = findings_meta()
    return pd.DataFrame(rows, columns=list(meta.columns)).astype(meta.dtypes.to_dict()) if rows else meta


def _cols(group: Any) -> tuple[list[Any], list[Any], list[Any]]:
    return group["score"].tolist(), group["earlier"].tolist(), group["earlier_line"].tolist()


def duplicate_lead_findings(leads: Any, check: LeadCheck) -> Any:
    """The duplicate-lead findings of a Dask dataframe of leads (:func:`leads_of` partitions)."""

    parts = max(2, leads.npartitions)
    bands = leads[["record", "signature"]].map_partitions(
        _bands, check.lsh_threshold, meta=_empty({"band": "int64", "record": "object"})
    )
    pairs = bands.shuffle("band", npartitions=parts).map_partitions(
        _pairs, meta=_empty({"earlier": "object", "later": "object"})
    )
    words = leads[["record", "line", "words"]]
    earlier = words.rename(columns={"record": "earlier", "line": "earlier_line", "words": "earlier_words"})
    later = leads[["record", "line", "end_line", "end_column", "words"]].rename(columns={"record": "later"})
    # one text dtype on both sides of each join, whatever Dask's string conversion did
    pairs = pairs.astype({"earlier": "string", "later": "string"})
    earlier = earlier.astype({"earlier": "string"})
    later = later.astype({"later": "string"})
    joined = pairs.merge(earlier, on="earlier", npartitions=parts).merge(later, on="later", npartitions=parts)
    scored = joined.map_partitions(
        _scored,
        check.threshold,
        meta=_empty(
            {
                "earlier": "object",
                "later": "object",
                "earlier_line": "int64",
                "line": "int64",
                "end_line": "int64",
                "end_column": "int64",
                "score": "float64",
            }
        ),
    )
    return scored.shuffle("later", npartitions=parts).map_partitions(_findings, check, meta=findings_meta())
