"""Partitions a worker reads itself: JSONL byte ranges and Parquet row groups give every record once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.sources.partitions import Part, count_part, numbered, part_records, plan
from newslint.sources.records import Record, RecordError, RecordFields, read_records

FIELDS = RecordFields(id=None)


def _archive(path: Path) -> bytes:
    """JSON Lines with what a cut may land in: a BOM, blank lines, bad JSON, a missing field,
    non-ASCII text and a line much longer than the others."""
    lines = [
        "\ufeff" + json.dumps({"text": "First story."}),
        "",
        json.dumps({"text": "Zürich café opened on Monday.", "id": "z"}, ensure_ascii=False),
        "{not json",
        json.dumps({"body": "no text field"}),
        "   ",
        json.dumps({"text": "A long one. " * 40}),
        json.dumps({"text": "Last story, no newline after it."}),
    ]
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes(data)
    return data


def _key(item: Record | RecordError) -> tuple[object, ...]:
    if isinstance(item, RecordError):
        return ("error", item.number, item.id, item.message)
    return ("record", item.number, item.id, item.text)


def _read(parts: list[Part]) -> list[tuple[object, ...]]:
    counts = {i: count_part(p) for i, p in enumerate(parts) if p.kind == "jsonl"}
    return [_key(item) for part in numbered(parts, counts) for item in part_records(part, FIELDS)]


def test_jsonl_ranges_cut_anywhere_give_each_record_once_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    data = _archive(path)
    whole = [_key(item) for item in read_records(str(path), FIELDS)]
    assert len(whole) == 6 and sum(k[0] == "error" for k in whole) == 2
    for size in [*range(1, 40), 64, 100, 333, len(data) - 1, len(data), 10 * len(data)]:
        parts = plan([str(path)], size)
        assert all(p.kind == "jsonl" for p in parts)
        assert len(parts) == -(-len(data) // size)
        assert _read(parts) == whole, size


def test_ranges_numbered_only_after_counting(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    _archive(path)
    part = plan([str(path)], 50)[1]
    assert part.first == 0
    with pytest.raises(AssertionError):
        list(part_records(part, FIELDS))


def test_parquet_row_groups_are_parts_numbered_from_the_footer(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="not installed: python -m pip install '.[test]'")
    pq = pytest.importorskip("pyarrow.parquet", reason="not installed: python -m pip install '.[test]'")
    rows = [{"id": f"r{n}", "text": f"Story number {n}.", "extra": "x" * n} for n in range(11)]
    path = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(rows), str(path), row_group_size=3)
    fields = RecordFields(id="id")
    parts = plan([str(path)])
    assert [(p.kind, p.start, p.first) for p in parts] == [
        ("parquet", 0, 1),
        ("parquet", 1, 4),
        ("parquet", 2, 7),
        ("parquet", 3, 10),
    ]
    split = [_key(item) for part in parts for item in part_records(part, fields)]
    assert split == [_key(item) for item in read_records(str(path), fields)]
    assert [k[2] for k in split] == [f"r{n}" for n in range(11)]


def test_unsplittable_and_unreadable_archives_are_whole_parts(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(b"")
    (tmp_path / "b.csv").write_text("text\nOne.\n")
    (tmp_path / "c.parquet").write_bytes(b"not parquet")
    names = [str(tmp_path / n) for n in ("a.jsonl.gz", "b.csv", "c.parquet", "gone.jsonl")]
    assert [(p.kind, p.path) for p in plan(names)] == [("whole", n) for n in names]


def test_relative_paths_are_read_from_the_run_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.txt").write_text("Text.\n")
    (part,) = plan(["x.txt"])
    assert part.paths == ("x.txt",) and part.sources == (str(tmp_path / "x.txt"),)
