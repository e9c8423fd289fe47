"""Cross-file duplicate leads: the opt-in rule through the real CLI, and the lead index file."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from helpers import run_newslint
from typer.testing import CliRunner

from newslint.app.lead_index import FORMAT, RULE_ID, VERSION, LeadIndex, summarise
from newslint.cli import app
from newslint.core.document import Document
from newslint.core.errors import NewslintError

RULE = RULE_ID
LEAD = "The central bank raised its main interest rate by half a point on Thursday to curb rising prices."
ARTICLES = {
    "a-rates.txt": f"Bank raises rates\n\n{LEAD}\n\nMarkets had expected the move.\n",
    "b-weather.txt": "Storm warning\n\nForecasters warned of gales along the west coast on Tuesday night.\n",
    "c-football.txt": "Cup final\n\nThe holders won the cup final on Saturday with a goal in extra time.\n",
}
# Filed again under another headline, with curly quotes, a double space and one word added.
REFILED = (
    "Rates up again\n\n"
    "The central bank raised its main  interest rate by half a point on Thursday "
    "to curb “rising” prices again.\n"
)

runner = CliRunner()


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def check_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", "--no-cache", "--format", "json", "--no-progress", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_two_files_with_the_same_lead_are_reported_on_the_later_one(tmp_path: Path) -> None:
    folder = write(tmp_path / "copy", {**ARTICLES, "d-refiled.txt": REFILED})
    data = check_json("--select", RULE, str(folder))
    (finding,) = data["findings"]
    assert finding["path"].endswith("d-refiled.txt") and finding["line"] == 3
    assert finding["rule"] == RULE and finding["category"] == "duplicate"
    (related,) = finding["related"]
    assert related["path"].endswith("a-rates.txt") and related["line"] == 3


def test_a_folder_without_shared_leads_is_clean(tmp_path: Path) -> None:
    folder = write(tmp_path / "copy", ARTICLES)
    assert check_json("--select", RULE, str(folder))["findings"] == []


def test_the_rule_is_off_by_default(tmp_path: Path) -> None:
    folder = write(tmp_path / "copy", {**ARTICLES, "d-refiled.txt": REFILED})
    assert check_json("--select", "duplicate", str(folder))["findings"] == []


def test_index_round_trips_from_a_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "archive", ARTICLES)
    index = LeadIndex()
    for path in sorted(folder.iterdir()):
        summary = summarise(Document(str(path), path.read_text(encoding="utf-8")), 8)
        assert summary is not None
        index.add(str(path), summary.line, summary.words, summary.signature)
    saved = tmp_path / "leads.idx"
    index.save(saved)
    loaded = LeadIndex.load(saved)
    assert loaded.to_json() == index.to_json()
    raw = json.loads(gzip.decompress(saved.read_bytes()))
    assert (raw["format"], raw["version"], len(raw["entries"])) == (FORMAT, VERSION, 3)
    refiled = summarise(Document("new.txt", REFILED), 8)
    assert refiled is not None
    (match,) = loaded.query(refiled.words, refiled.signature)
    assert match.path.endswith("a-rates.txt") and match.line == 3 and match.score > 0.9


def test_unknown_index_versions_and_other_files_are_refused(tmp_path: Path) -> None:
    future = tmp_path / "future.idx"
    future.write_bytes(gzip.compress(json.dumps({"format": FORMAT, "version": VERSION + 1}).encode()))
    with pytest.raises(NewslintError, match="version"):
        LeadIndex.load(future)
    other = tmp_path / "other.idx"
    other.write_text("not an index", encoding="utf-8")
    with pytest.raises(NewslintError, match="not a newslint lead index"):
        LeadIndex.load(other)


def test_index_build_then_check_against(tmp_path: Path) -> None:
    archive = write(tmp_path / "archive", ARTICLES)
    fresh = ARTICLES["b-weather.txt"].replace("gales", "snow")
    new = write(tmp_path / "new", {"refiled.txt": REFILED, "fresh.txt": fresh})
    index = tmp_path / "leads.idx"
    built = runner.invoke(app, ["index", "build", str(archive), "-o", str(index)])
    assert built.exit_code == 0, built.output
    assert "3 leads" in built.output
    data = check_json("--select", "duplicate", "--against", str(index), str(new))
    found = sorted(
        (Path(f["path"]).name, f["line"], Path(f["related"][0]["path"]).name) for f in data["findings"]
    )
    assert found == [("fresh.txt", 3, "b-weather.txt"), ("refiled.txt", 3, "a-rates.txt")]
    # The archive checked against its own index: a file never matches itself.
    assert check_json("--select", "duplicate", "--against", str(index), str(archive))["findings"] == []


def test_check_against_a_missing_index_is_a_usage_error(tmp_path: Path) -> None:
    folder = write(tmp_path / "copy", ARTICLES)
    result = run_newslint("check", "--against", str(tmp_path / "missing.idx"), str(folder))
    assert result.returncode == 2
    assert "missing.idx" in result.stderr and "lead index" in result.stderr


def test_a_bucket_compares_a_bounded_number_of_earlier_members_and_the_shuffle_agrees() -> None:
    """Many copies of one lead: each is compared with the first members of its bucket and the
    latest ones (issue #27 item 11), and the shuffle join's pairs are the same pairs."""
    from newslint.duplicates.minhash import (
        BUCKET_FIRST,
        BUCKET_RECENT,
        LSHBuckets,
        pairs_in_bucket,
        signature_of,
    )

    signature = signature_of(LEAD.split())
    buckets = LSHBuckets(0.5)
    expected = set()
    for item in range(1_000):
        earlier = buckets.candidates(signature)
        assert len(earlier) == min(item, BUCKET_FIRST + BUCKET_RECENT)
        assert item == 0 or 0 in earlier  # the first copy is always among them
        expected |= {(e, item) for e in earlier}
        buckets.add(item, signature)
    assert set(pairs_in_bucket(range(1_000))) == expected


def test_thousands_of_records_sharing_one_lead_finish_in_seconds(tmp_path: Path) -> None:
    """5,000 records with one lead took minutes when each was compared with all before it."""
    archive = tmp_path / "wire.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        for i in range(5_000):
            text = f"Rates story {i}\n\n{LEAD}\n\nParagraph {i} of the body differs from the others.\n"
            out.write(json.dumps({"id": f"r{i:05d}", "text": text}) + "\n")
    started = time.monotonic()
    findings = check_json("--select", RULE, str(archive))["findings"]
    assert time.monotonic() - started < 30
    assert len(findings) == 4_999
    first = f"{archive}#1"
    assert {f["related"][0]["path"] for f in findings} == {first}
    assert all(f["message"].startswith(f"Lead repeats the lead of {first}:3 ") for f in findings)
