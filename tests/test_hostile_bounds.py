"""Hostile input that must stay bounded (issue #27, items 3, 4, 6, 7, 9, 11): archives that are
damaged, cut short or inflate without end, configurations that are slow or exhausting to read,
and articles whose size makes per-word or per-line work explode.

Each case runs ``newslint`` in-process and states the exit status, a pattern the output must hold
(the file, and what is wrong), and that no traceback is printed.  The bounds themselves are
scaled down where a full-size case would take seconds (the constants are patched); the full
sizes are measured by ``bench/hostile_bounds.py``.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import zlib
from pathlib import Path

import pytest
from helpers import run_newslint

from newslint.config.config_source import MAX_KEY_PARTS
from newslint.core.document import MAX_LINES, Document, check_lines
from newslint.core.patterns import SHARED_ALLOWANCES, Budget, PatternTimeout, SharedAllowance
from newslint.engine import engine
from newslint.sources import records

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
CLEAN = "Budget talks resume\n\nThe minister said talks would resume on Monday.\n"
#: seconds every case here ends within (a hang or a quadratic read would not)
SECONDS = 60.0


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    started = time.monotonic()
    done = run_newslint(*args, cwd=tmp_path)
    assert time.monotonic() - started < SECONDS, args
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    return done.returncode, output


def _jsonl(*texts: str) -> bytes:
    return b"".join(json.dumps({"text": t}).encode() + b"\n" for t in texts)


# ------------------------------------------------------------------ archives (items 6, 7, 11)


def test_a_json_number_of_5000_digits_is_an_error_for_its_record(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(
        _jsonl(CLEAN) + b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n" + _jsonl(ARTICLE)
    )
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl")
    assert code == 1
    assert re.search(r"a\.jsonl: record 2: is not valid JSON \(Exceeds the limit", out), out
    assert "a.jsonl#3:" in out  # the records after it are still linted


def test_garbage_zstd_is_one_line_naming_the_file(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    (tmp_path / "a.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd" + b"\xff" * 64)
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl.zst")
    assert code == 1
    assert re.search(r"a\.jsonl\.zst: not a zstd file .*damaged", out), out


def test_a_zstd_window_too_large_is_refused_not_allocated(tmp_path: Path) -> None:
    pytest.importorskip("zstandard")
    # frame header: magic, descriptor 0 (no content size), window descriptor 0xf8 = 2 TiB window
    (tmp_path / "a.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd\x00\xf8" + b"\x00" * 20)
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl.zst")
    assert code == 1
    assert re.search(r"a\.jsonl\.zst: .*too much memory", out), out


@pytest.mark.parametrize("suffix", [".jsonl.zst", ".jsonl.gz"])
def test_an_archive_cut_in_half_is_an_error_not_silent_loss(tmp_path: Path, suffix: str) -> None:
    raw = _jsonl(*[f"Story {i} is here.\n" for i in range(2000)])
    if suffix == ".jsonl.zst":
        zstandard = pytest.importorskip("zstandard")
        packed = zstandard.ZstdCompressor().compress(raw)
    else:
        packed = gzip.compress(raw)
    (tmp_path / f"a{suffix}").write_bytes(packed[: len(packed) // 2])
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", f"a{suffix}")
    assert code == 1
    assert re.search(rf"a{re.escape(suffix)}: .*(cut short|ended before)", out), out


def test_zstd_archives_of_several_frames_are_read_whole(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    frame = zstandard.ZstdCompressor().compress(_jsonl(ARTICLE))
    (tmp_path / "a.jsonl.zst").write_bytes(frame * 3)
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl.zst")
    assert code == 1
    assert [f"a.jsonl.zst#{n}:" in out for n in (1, 2, 3)] == [True] * 3


def test_an_archive_inflating_past_the_ratio_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "INFLATE_FLOOR", 1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    blanks = b"\n" * (1 << 20)
    data = packer.compress(_jsonl(ARTICLE)) + b"".join(packer.compress(blanks) for _ in range(16))
    (tmp_path / "a.jsonl.gz").write_bytes(data + packer.compress(_jsonl(ARTICLE)) + packer.flush())
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl.gz")
    assert code == 1
    assert re.search(r"a\.jsonl\.gz: inflates more than 100 times", out), out


def test_blank_lines_are_skipped_in_bulk_and_records_keep_their_numbers(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(_jsonl(CLEAN) + b"\n" * 3_000_000 + _jsonl(ARTICLE))
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.jsonl")
    assert code == 1
    assert "a.jsonl#2:" in out


def test_xml_declaring_an_unknown_encoding_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(b'<?xml version="1.0" encoding="klingon"?><nitf><p>Hi.</p></nitf>')
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.xml")
    assert code == 1
    assert re.search(r"a\.xml: declares an encoding that cannot be read", out), out


# ------------------------------------------------------------------ Parquet (items 4, 6)


def test_parquet_dates_out_of_pythons_range_are_read_as_text(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "text": [ARTICLE],
            "when": pa.array([2**62], type=pa.int64()).cast(pa.timestamp("us")),
            "day": pa.array([2**31 - 1], type=pa.int32()).cast(pa.date32()),
            "took": pa.array([2**62], type=pa.duration("s")),
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    for field in ("when", "day", "took"):
        code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "--id-field", field, "a.parquet")
        assert code == 1, out
        assert "repeated-word" in out


def test_a_parquet_decompression_bomb_is_refused_within_its_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(records, "INFLATE_FLOOR", 1 << 20)
    pq.write_table(pa.table({"text": ["x" * 100_000] * 300}), tmp_path / "a.parquet", compression="zstd")
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.parquet")
    assert code == 1
    assert re.search(r"a\.parquet: inflates more than 100 times its size on disk", out), out


def test_parquet_rows_are_read_in_small_batches() -> None:
    assert records.PARQUET_BATCH_ROWS * 2_100_000 < 256 << 20  # a batch of probe-sized texts


# ------------------------------------------------------------------ configurations (item 9)


def test_a_2mb_yaml_comment_is_read_quickly(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text(
        "#" + "x" * 2_000_000 + "\n\n" * 1000 + "fail-on: error\nbogus: 1\n"
    )
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 2
    assert re.search(r"\.newslint\.yaml:2002: unknown key 'bogus'", out), out


def test_a_long_dotted_toml_key_is_refused_before_parsing(tmp_path: Path) -> None:
    key = ".".join(["a"] * 40_000)
    (tmp_path / "pyproject.toml").write_text(f"[tool.newslint]\nfail-on = 'error'\n{key} = 1\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 2
    assert re.search(
        rf"pyproject\.toml:3: invalid TOML: a dotted key of more than {MAX_KEY_PARTS} parts", out
    )


def test_ordinary_dotted_toml_keys_still_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nrules.repeated-word.severity = 'error'\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 1
    assert "error [repeated-word]" in out


@pytest.mark.parametrize("codec", ["punycode", "undefined"])
def test_an_encoding_that_is_not_a_character_set_is_a_config_error(tmp_path: Path, codec: str) -> None:
    (tmp_path / ".newslint.yaml").write_text(f"fail-on: error\nencoding: {codec}\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 2
    assert re.search(rf"\.newslint\.yaml:2: 'encoding': '{codec}' is not a character set", out), out
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "--encoding", codec, "a.txt")
    assert code == 2, out


def test_rule_paths_of_the_root_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("fail-on: error\nrule-paths: [/]\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 2
    assert re.search(r"\.newslint\.yaml:2: rule-paths: / is the root or home folder", out), out


def test_a_rule_folder_walk_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.engine import rules

    monkeypatch.setattr(rules, "MAX_RULE_WALK", 50)
    for i in range(60):
        (tmp_path / "house" / f"d{i}").mkdir(parents=True)
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [house]\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 2
    assert re.search(r"house: holds more than 50 files .*not a rule folder", out), out


def test_patterns_that_run_out_share_one_allowance_per_document() -> None:
    shared = SharedAllowance(0)
    budget = Budget(0, shared)
    budget.started -= 10  # as if this rule's pattern had run for ten seconds and then run out
    error = budget.ran_out(_Pattern())  # type: ignore[arg-type]
    assert isinstance(error, PatternTimeout)
    assert shared.left < 0 < SHARED_ALLOWANCES
    with pytest.raises(PatternTimeout):  # every later rule on the document stops at once
        Budget(0, shared).left(_Pattern())  # type: ignore[arg-type]


class _Pattern:
    pattern = "(a+)+$"


def test_twenty_catastrophic_rules_cost_a_bounded_time(tmp_path: Path) -> None:
    rules_dir = tmp_path / "house"
    rules_dir.mkdir()
    names = [f"slow{i}" for i in range(20)]
    for name in names:
        (rules_dir / f"{name}.yaml").write_text(
            f"id: {name}\nkind: existence\ncategory: style\nseverity: warning\nmessage: Bad\n"
            "summary: A test rule.\nwhy: Tests.\nscope: text\noptions:\n  patterns: ['(a|aa)+$']\n"
            "examples:\n  bad: []\n  good: []\n"
        )
    (tmp_path / ".newslint.yaml").write_text(f"rule-paths: [house]\nextend-select: [{', '.join(names)}]\n")
    (tmp_path / "a.txt").write_text("H\n\n" + "a" * 5000 + "!\n")
    started = time.monotonic()
    code, out = _run(tmp_path, "check", "--no-cache", "a.txt")
    assert code == 1
    assert out.count("rule stopped on this file") == 20
    # two shared allowances (2 s each), start-up and a busy machine's slack; not 20 x 2 s (69 s before)
    assert time.monotonic() - started < 30


# ------------------------------------------------------------------ articles (item 3)


def test_a_rule_stops_after_its_bound_of_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_HITS_PER_RULE", 50)
    (tmp_path / "a.txt").write_text("Head\n\n" + "the the " * 500 + "\n")
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.txt")
    assert code == 1
    assert out.count("[repeated-word]") == 51
    assert "rule stopped after 50 findings in this file" in out


def test_a_text_of_too_many_lines_is_not_linted_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a\n\n" * (MAX_LINES // 2 + 1))
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "a.txt")
    assert code == 1
    assert re.search(r"a\.txt: has [\d,]+ lines, more than an article's", out), out
    (tmp_path / "b.jsonl").write_bytes(_jsonl("a\n\n" * (MAX_LINES // 2 + 1), ARTICLE))
    code, out = _run(tmp_path, "check", "--isolated", "--no-cache", "b.jsonl")
    assert code == 1
    assert "b.jsonl: record 1: has" in out and "b.jsonl#2:" in out


def test_a_text_within_the_line_bound_is_a_document() -> None:
    check_lines("a\n" * MAX_LINES)
    assert len(Document("x.txt", "the the\n").lowered_words) == 2


# ------------------------------------------------------------------ the pool (item 11)


def test_a_large_jsonl_archive_is_split_across_the_pool_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.run import runner

    monkeypatch.setattr(runner, "SPLIT_ARCHIVE_BYTES", 4096)
    texts = [ARTICLE if i % 7 == 0 else CLEAN for i in range(400)]
    data = _jsonl(*texts[:200]) + b"not json\n\n\n" + _jsonl(*texts[200:])
    (tmp_path / "a.jsonl").write_bytes(data)
    assert len(runner._split_archives([str(tmp_path / "a.jsonl")])) == 1
    _, one = _run(tmp_path, "check", "--isolated", "--no-cache", "-j", "1", "a.jsonl")
    code, two = _run(tmp_path, "check", "--isolated", "--no-cache", "-j", "2", "a.jsonl")
    assert code == 1
    assert one == two
    assert "a.jsonl: record 201: is not valid JSON" in two
    assert two.count("[repeated-word]") == len([t for t in texts if t == ARTICLE])
