"""Archives of records: JSONL (plain, gzip, zstd), CSV and Parquet through `newslint check`."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from corpus_helpers import fixture_articles, pack_jsonl, records_as_files, write_articles
from helpers import run_newslint

from newslint.sources.records import RecordFields, read_records

TYPO = "Markets fell on 3 Septemeber as traders worried.\n\nThe index closed lower.\n"
CLEAN = "Markets rose on Monday as traders cheered.\n\nThe index closed higher.\n"


def _json(*args: str, cwd: Path) -> dict[str, object]:
    done = run_newslint("check", "--isolated", "--no-cache", "-f", "json", *args, cwd=cwd)
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _rows() -> list[dict[str, object]]:
    return [{"id": "clean", "text": CLEAN}, {"id": "typo", "text": TYPO}]


def test_jsonl_findings_name_the_record_and_keep_the_file_as_path(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in _rows()) + "\n")
    out = _json("--id-field", "id", "a.jsonl", cwd=tmp_path)
    findings = out["findings"]
    assert [(f["path"], f["record"], f["line"], f["rule"]) for f in findings] == [  # type: ignore[index,union-attr]
        ("a.jsonl", "typo", 1, "date-misspelled-month")
    ]
    text = run_newslint("check", "--isolated", "--no-cache", "--id-field", "id", "a.jsonl", cwd=tmp_path)
    assert text.stdout.startswith("a.jsonl#typo:1:19: warning [date-misspelled-month]")
    assert text.returncode == 1


def test_without_an_id_field_records_are_numbered(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in _rows()) + "\n")
    out = _json("a.jsonl", cwd=tmp_path)
    assert [f["record"] for f in out["findings"]] == ["2"]  # type: ignore[union-attr,index]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_jsonl(tmp_path: Path, suffix: str) -> None:
    raw = ("\n".join(json.dumps(r) for r in _rows()) + "\n").encode()
    if suffix.endswith(".gz"):
        data = gzip.compress(raw)
    else:
        zstandard = pytest.importorskip("zstandard", reason="not installed: python -m pip install '.[test]'")
        data = zstandard.ZstdCompressor().compress(raw)
    (tmp_path / f"a{suffix}").write_bytes(data)
    out = _json("--id-field", "id", f"a{suffix}", cwd=tmp_path)
    assert [f["record"] for f in out["findings"]] == ["typo"]  # type: ignore[union-attr,index]


def test_a_gz_that_is_not_gzip_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_text("plain text\n")
    out = _json("a.jsonl.gz", cwd=tmp_path)
    [error] = out["errors"]  # type: ignore[misc]
    assert error["path"] == "a.jsonl.gz"
    assert error["message"].startswith("not a gzip file (the name ends in .gz), or a damaged one")


def test_a_gzip_bomb_line_is_skipped_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.sources.records

    monkeypatch.setattr(newslint.sources.records, "MAX_RECORD_BYTES", 1000)
    huge = json.dumps({"id": "big", "text": "word " * 10_000})
    lines = [huge, json.dumps({"id": "after", "text": TYPO})]
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = _json("--id-field", "id", "a.jsonl.gz", cwd=tmp_path)
    assert [f["record"] for f in out["findings"]] == ["after"]  # type: ignore[union-attr,index]
    assert out["errors"] == [
        {"path": "a.jsonl.gz", "record": "1", "message": "record 1: is longer than 1,000 bytes: not read"}
    ]


def test_a_record_that_is_not_utf8(tmp_path: Path) -> None:
    data = b'{"text": "caf\xe9"}\n' + json.dumps({"text": TYPO}).encode() + b"\n"
    (tmp_path / "a.jsonl").write_bytes(data)
    out = _json("a.jsonl", cwd=tmp_path)
    assert [f["record"] for f in out["findings"]] == ["2"]  # type: ignore[union-attr,index]
    assert out["errors"][0]["message"] == "record 1: is not UTF-8 (byte 13)"  # type: ignore[index]


def test_malformed_records_are_errors_and_the_rest_is_linted(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "n1", "text": 5}),
        "{not json",
        json.dumps({"id": "n3", "body": "no text field"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "n5", "text": TYPO}),
    ]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n")
    done = run_newslint(
        "check", "--isolated", "--no-cache", "--id-field", "id", "-f", "json", "bad.jsonl", cwd=tmp_path
    )
    assert "Traceback" not in done.stderr
    out = json.loads(done.stdout)
    assert [f["record"] for f in out["findings"]] == ["n5"]
    assert out["errors"] == [
        {"path": "bad.jsonl", "record": "n1", "message": "record n1: text field 'text' is int, not a string"},
        {
            "path": "bad.jsonl",
            "record": "2",
            "message": "record 2: is not valid JSON (Expecting property name enclosed in double quotes)",
        },
        {"path": "bad.jsonl", "record": "n3", "message": "record n3: has no text field 'text'"},
        {"path": "bad.jsonl", "record": "4", "message": "record 4: is a list, not an object"},
    ]
    assert done.returncode == 1
    text = run_newslint("check", "--isolated", "--no-cache", "bad.jsonl", cwd=tmp_path)
    assert "4 records could not be linted" in text.stdout


def test_csv_with_title_field(tmp_path: Path) -> None:
    with (tmp_path / "a.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "headline", "body"])
        writer.writeheader()
        writer.writerow({"id": "x", "headline": "Markets in the red", "body": TYPO})
    out = _json(
        "--text-field", "body", "--title-field", "headline", "--id-field", "id", "a.csv", cwd=tmp_path
    )
    # the headline is the first paragraph: the body's first line is line 3
    assert [(f["record"], f["line"]) for f in out["findings"]] == [("x", 3)]  # type: ignore[union-attr,index]


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="not installed: python -m pip install '.[test]'")
    pq = pytest.importorskip("pyarrow.parquet", reason="not installed: python -m pip install '.[test]'")
    pq.write_table(pa.Table.from_pylist(_rows()), str(tmp_path / "a.parquet"))
    out = _json("--id-field", "id", "a.parquet", cwd=tmp_path)
    assert [f["record"] for f in out["findings"]] == ["typo"]  # type: ignore[union-attr,index]
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    out = _json("broken.parquet", cwd=tmp_path)
    assert out["errors"][0]["path"] == "broken.parquet"  # type: ignore[index]
    assert out["errors"][0]["message"].startswith("cannot read Parquet")  # type: ignore[index]


def test_records_give_the_findings_their_files_give(tmp_path: Path) -> None:
    articles = fixture_articles()
    write_articles(tmp_path / "files", articles)
    pack_jsonl(tmp_path / "all.jsonl", articles)
    as_files = _json("files", cwd=tmp_path)
    as_records = _json("--id-field", "id", "all.jsonl", cwd=tmp_path)
    expected = sorted(
        [{**f, "path": f["path"].removeprefix("files/")} for f in as_files["findings"]],  # type: ignore[union-attr]
        key=lambda f: (f["path"], f["line"], f["column"], f["rule"]),
    )
    assert as_files["findings"], "the fixture articles have findings"
    assert records_as_files(as_records["findings"], "all.jsonl") == expected  # type: ignore[arg-type]


def test_parquet_output(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="not installed: python -m pip install '.[test]'")
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in _rows()) + "\n")
    done = run_newslint(
        "check",
        "--isolated",
        "--no-cache",
        "--id-field",
        "id",
        "--format",
        "parquet",
        "-o",
        "f.parquet",
        "a.jsonl",
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    rows = pq.read_table(str(tmp_path / "f.parquet")).to_pylist()
    assert [(r["path"], r["record"], r["rule"], r["suggestions"]) for r in rows] == [
        ("a.jsonl", "typo", "date-misspelled-month", ["September"])
    ]
    usage = run_newslint("check", "--isolated", "--format", "parquet", "a.jsonl", cwd=tmp_path)
    assert usage.returncode == 2 and "-o findings.parquet" in usage.stderr


def test_read_records_reports_a_missing_title_type() -> None:
    rows = list(read_records("x.jsonl", RecordFields(title="t"), b'{"text": "a", "t": 3}\n'))
    assert rows[0].message == "title field 't' is int, not a string"  # type: ignore[union-attr]


LEAD = "The central bank raised interest rates by half a point on Thursday to fight inflation."


def test_index_build_and_against_take_records(tmp_path: Path) -> None:
    story = f"Bank raises rates\n\n{LEAD}\n\nMore follows here today.\n"
    other = (
        "Football results\n\nThe home side won the derby by three goals to one on a wet evening in town.\n"
    )
    rows = [{"id": "old-1", "text": other}, {"id": "old-2", "text": story}]
    (tmp_path / "archive.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    built = run_newslint(
        "index", "build", "--id-field", "id", "archive.jsonl", "-o", "leads.idx", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    assert "Indexed 2 leads of 2 files and records" in built.stdout
    (tmp_path / "new.jsonl").write_text(json.dumps({"id": "new-1", "text": story}) + "\n")
    out = _json(
        "--id-field", "id", "--against", "leads.idx", "--select", "duplicate", "new.jsonl", cwd=tmp_path
    )
    [finding] = out["findings"]  # type: ignore[misc]
    assert (finding["path"], finding["record"], finding["rule"]) == (
        "new.jsonl",
        "new-1",
        "duplicate-lead-across-files",
    )
    assert finding["related"][0]["path"] == "archive.jsonl#old-2"


def test_sarif_and_github_name_the_record(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in _rows()) + "\n")
    args = ("check", "--isolated", "--no-cache", "--id-field", "id", "a.jsonl")
    sarif = json.loads(run_newslint(*args, "-f", "sarif", cwd=tmp_path).stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["properties"]["record"] == "typo"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.jsonl"
    assert result["locations"][0]["logicalLocations"] == [{"name": "typo", "kind": "element"}]
    github = run_newslint(*args, "-f", "github", cwd=tmp_path).stdout
    assert "file=a.jsonl,line=1" in github and "::record typo: Misspelled month" in github


def test_html_report_shows_records_as_their_own_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in _rows()) + "\n")
    done = run_newslint("report", "--id-field", "id", "a.jsonl", "-o", "r.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "a.jsonl#typo" in page and "Septemeber" in page
