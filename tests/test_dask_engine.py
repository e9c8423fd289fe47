"""The Dask engine on a 2-worker local cluster gives the local engine's findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import fixture_articles, pack_jsonl, write_articles

from newslint.config.config import Settings
from newslint.engine.ruleset import resolve_rules
from newslint.run.lint import RunSettings, lint_paths

distributed = pytest.importorskip("distributed", reason="not installed: python -m pip install '.[test]'")
pytestmark = pytest.mark.slow

LEAD = "The central bank raised interest rates by half a point on Thursday to fight inflation."


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def _articles() -> dict[str, str]:
    articles = fixture_articles()
    story = f"Bank raises rates\n\n{LEAD}\n\nMore follows here today.\n"
    articles["zz-copy-a"] = story
    articles["zz-copy-b"] = story  # a lead repeated across articles: the cross-file rule joins
    return articles


def _json(paths: list[str], engine: str, scheduler: str | None = None) -> list[dict[str, Any]]:
    settings = Settings(extend_select=("duplicate-lead-across-files",))
    rules = resolve_rules(settings)
    how = RunSettings(engine=engine, scheduler=scheduler, jobs=1)
    run = lint_paths(settings, paths, how, rules=rules)
    assert not run.result.errors
    return sorted(
        (f.to_dict() for f in run.result.findings),
        key=lambda f: json.dumps(f, sort_keys=True),
    )


def test_files_and_records_identical_between_engines(tmp_path: Path, cluster: str) -> None:
    articles = _articles()
    write_articles(tmp_path / "files", articles)
    archive = pack_jsonl(tmp_path / "all.jsonl", articles)
    files = sorted(str(p) for p in (tmp_path / "files").iterdir())
    local_files = _json(files, "local")
    assert any(f["rule"] == "duplicate-lead-across-files" for f in local_files)
    assert _json(files, "dask", cluster) == local_files
    local_records = _json([str(archive)], "local")
    assert len(local_records) == len(local_files)
    assert _json([str(archive)], "dask", cluster) == local_records


def test_byte_ranges_and_row_groups_identical_between_engines(
    tmp_path: Path, cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers read their own partitions: a JSONL archive cut into many byte ranges and a
    Parquet file of many row groups give the local engine's findings, no record lost or doubled."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newslint.sources import partitions

    articles = _articles()
    archive = pack_jsonl(tmp_path / "all.jsonl", articles)
    size = archive.stat().st_size
    monkeypatch.setattr(partitions, "RANGE_BYTES", size // 7 + 1)  # cuts land mid-record
    assert len(partitions.plan([str(archive)])) == 7
    local_records = _json([str(archive)], "local")
    assert _json([str(archive)], "dask", cluster) == local_records
    table = [{"id": name, "text": text} for name, text in articles.items()]
    parquet = tmp_path / "all.parquet"
    pq.write_table(pa.Table.from_pylist(table), str(parquet), row_group_size=len(table) // 5 + 1)
    assert [p.kind for p in partitions.plan([str(parquet)])] == ["parquet"] * 5
    local_parquet = _json([str(parquet)], "local")
    assert [f["record"] for f in local_parquet] == [f["record"] for f in local_records]
    assert _json([str(parquet)], "dask", cluster) == local_parquet
    with distributed.Client(cluster) as client:
        built = client.run(lambda: dict(__import__("newslint.run.dask_engine").run.dask_engine.BUILT))
    assert len(built) == 2 and all(counts and set(counts.values()) == {1} for counts in built.values())


def test_cli_engine_dask_and_unknown_engine(tmp_path: Path, cluster: str) -> None:
    from helpers import run_newslint

    pack_jsonl(tmp_path / "a.jsonl", {"x": "Markets fell on 3 Septemeber.\n"})
    done = run_newslint(
        "check",
        "--isolated",
        "--engine",
        "dask",
        "--scheduler",
        cluster,
        "-f",
        "jsonl",
        "a.jsonl",
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert [json.loads(line)["record"] for line in done.stdout.splitlines()] == ["1"]
    bad = run_newslint("check", "--isolated", "--engine", "spark", "a.jsonl", cwd=tmp_path)
    assert bad.returncode == 2 and "--engine must be one of local, dask" in bad.stderr


def test_lint_dataframe_and_bag(cluster: str) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from newslint.dask import lint_bag, lint_dataframe

    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": ["Markets fell on 3 Septemeber.\n", "Calm day.\n", "The recieved view.\n"],
        }
    )
    with distributed.Client(cluster):
        found = lint_dataframe(dd.from_pandas(frame, npartitions=2)).compute()
        assert sorted(zip(found["record"], found["rule"], strict=True)) == [
            ("a", "date-misspelled-month"),
            ("c", "spelling"),
        ]
        texts = db.from_sequence(["Calm day.\n", "Markets fell on 3 Septemeber.\n"], npartitions=2)
        from_bag = lint_bag(texts).compute()
        assert list(from_bag["rule"]) == ["date-misspelled-month"]
        assert list(from_bag["record"]) == ["1:1"]


def test_band_join_finds_the_pairs_the_in_memory_buckets_find(cluster: str) -> None:
    from newslint.duplicates.minhash import LSHBuckets, signature_of
    from newslint.run.dask_engine import band_join

    base = LEAD.split()
    texts = [base, [*base[:-1], "today"], list(reversed(base)), base[2:], ["unrelated", "words"] * 6]
    items = [(i, signature_of(words)) for i, words in enumerate(texts)]
    buckets = LSHBuckets(0.5)
    expected = set()
    for i, signature in items:
        expected |= {(j, i) for j in buckets.candidates(signature)}
        buckets.add(i, signature)
    assert (0, 1) in expected
    with distributed.Client(cluster) as client:
        assert band_join(client, items, 0.5) == expected


def test_band_join_bounds_a_crowded_bucket_as_the_in_memory_buckets_do(cluster: str) -> None:
    """Copies of one lead past the bucket cap: the cluster pairs each with the same bounded set of
    earlier copies as the in-memory index (issue #27 item 11), not with every earlier one."""
    from newslint.duplicates.minhash import BUCKET_FIRST, BUCKET_RECENT, LSHBuckets, signature_of
    from newslint.run.dask_engine import band_join

    count = 3 * (BUCKET_FIRST + BUCKET_RECENT)
    items = [(i, signature_of(LEAD.split())) for i in range(count)]
    buckets = LSHBuckets(0.5)
    expected = set()
    for i, signature in items:
        expected |= {(j, i) for j in buckets.candidates(signature)}
        buckets.add(i, signature)
    assert len(expected) < count * (BUCKET_FIRST + BUCKET_RECENT)
    with distributed.Client(cluster) as client:
        assert band_join(client, items, 0.5) == expected


def _table(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    keys = ("record", "line", "column", "end_line", "end_column", "rule", "message", "related")
    return sorted(tuple(r[k] for k in keys) for r in rows)


def test_lint_dataframe_and_bag_find_duplicate_leads_across_partitions(cluster: str) -> None:
    """The cross-record lead check from Python: the same findings as the in-memory check of the
    API (which compares all records in one process), with copies in different partitions."""
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from newslint.app.api import Linter
    from newslint.app.findings_table import finding_row
    from newslint.dask import lint_bag, lint_dataframe

    articles = _articles()
    articles["aa-copy-c"] = f"Rates up\n\n{LEAD.replace('Thursday', 'Friday')}\n"  # a near copy, sorted first
    articles["mm-copy-d"] = f"Rate rise\n\n{LEAD}\n\nMarkets were calm.\n"
    rows = [{"id": name, "text": text} for name, text in articles.items()]
    linter = Linter.from_config(extend_select=["duplicate-lead-across-files"])
    expected = _table([finding_row(f) for f in linter.lint_records(rows, id="id", path="<dataframe>")])
    leads = [r for r in expected if r[5] == "duplicate-lead-across-files"]
    copies = {r[0]: json.loads(r[7]) for r in leads if "copy" in r[0]}
    assert sorted(copies) == ["mm-copy-d", "zz-copy-a", "zz-copy-b"] and len(leads) > 3
    assert [r["path"] for r in copies["zz-copy-b"]] == [  # best match first, then id order
        "<dataframe>#mm-copy-d",
        "<dataframe>#zz-copy-a",
        "<dataframe>#aa-copy-c",
    ]
    frame = pd.DataFrame(rows)
    with distributed.Client(cluster):
        ddf = dd.from_pandas(frame, npartitions=4)
        found = lint_dataframe(ddf, duplicate_leads=True).compute()
        assert _table(found.to_dict("records")) == expected
        plain = lint_dataframe(ddf).compute()
        assert "duplicate-lead-across-files" not in set(plain["rule"])
        bag = db.from_sequence(rows, npartitions=3)
        from_bag = lint_bag(bag, id="id", path="<dataframe>", duplicate_leads=True).compute()
        assert _table(from_bag.to_dict("records")) == expected
