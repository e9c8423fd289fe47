"""Hostile inputs of issue #27 at full size, against the ``newslint`` on PATH: tried / held.

Each case builds its files in a scratch folder, runs ``newslint`` under ``/usr/bin/time -v``
with a timeout, and holds when the run ends within its time and memory bounds, with the exit
status it should have, the line of output it should print, and no traceback.  Prints one row a
case (seconds, peak MB) and the count held.

    python bench/hostile_bounds.py [--only NAME ...] [--scratch DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
LEAD = "LONDON (Wire) - The central bank of region {n} held its main rate on Thursday, as markets expected."


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    args: tuple[str, ...]
    code: int
    expect: str  # a regex the output must hold
    seconds: float
    megabytes: float = 1024.0


def _jsonl(texts: list[str]) -> bytes:
    return b"".join(json.dumps({"text": t}).encode() + b"\n" for t in texts)


def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data)
        else:
            path.write_bytes(data)

    return build


def _both(*builds: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for one in builds:
            one(folder)

    return build


def _zstd(data: bytes) -> bytes:
    import zstandard

    return bytes(zstandard.ZstdCompressor().compress(data))


def _newline_bomb(folder: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\n" * (1 << 24)
    with open(folder / "bomb.jsonl.gz", "wb") as out:
        out.write(packer.compress(_jsonl([ARTICLE])))
        for _ in range(128):  # 2 GiB of blank lines
            out.write(packer.compress(chunk))
        out.write(packer.compress(_jsonl([ARTICLE])) + packer.flush())


def _parquet_bomb(folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["x" * 2_100_000] * 300}), folder / "bomb.parquet", compression="zstd")


def _parquet_dates(folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "text": [ARTICLE],
            "when": pa.array([2**62], type=pa.int64()).cast(pa.timestamp("us")),
        }
    )
    pq.write_table(table, folder / "dates.parquet")


def _many_records(count: int, name: str, lead: bool = False) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        with open(folder / name, "w") as out:
            for i in range(count):
                # every 500th record repeats the first one's lead; the others' leads differ
                body = LEAD.format(n=0 if i % 500 == 0 else i) if lead else f"Record {i} reads cleanly."
                out.write(json.dumps({"id": f"r{i}", "text": f"Headline {i}\n\n{body}\n"}) + "\n")

    return build


def _slow_rules(folder: Path) -> None:
    names = [f"slow{i}" for i in range(20)]
    for name in names:
        (folder / "house").mkdir(exist_ok=True)
        (folder / "house" / f"{name}.yaml").write_text(
            f"id: {name}\nkind: existence\ncategory: style\nseverity: warning\nmessage: Bad\n"
            "summary: A test rule.\nwhy: Tests.\nscope: text\noptions:\n  patterns: ['(a|aa)+$']\n"
            "examples:\n  bad: []\n  good: []\n"
        )
    (folder / ".newslint.yaml").write_text(f"rule-paths: [house]\nextend-select: [{', '.join(names)}]\n")
    (folder / "a.txt").write_text("H\n\n" + "a" * 5000 + "!\n")


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


STORIES = _jsonl([f"Story {i} is here.\n" for i in range(5000)])
CHECK = ("check", "--no-cache", "--no-progress")
ISOLATED = (*CHECK, "--isolated")

CASES = [
    Case(
        "the-the-5MB",
        _write("a.txt", "the " * (5 << 18)),
        (*ISOLATED, "a.txt"),
        1,
        r"rule stopped after",
        10,
        500,
    ),
    Case(
        "a-blank-x3.3M",
        _write("a.txt", "a\n\n" * 3_300_000),
        (*ISOLATED, "a.txt"),
        1,
        r"a\.txt: has .* lines",
        15,
    ),
    Case("parquet-bomb", _parquet_bomb, (*ISOLATED, "bomb.parquet"), 1, r"bomb\.parquet: inflates", 60, 1024),
    Case(
        "json-5000-digits",
        _write("a.jsonl", '{"text": "x", "n": ' + "9" * 5000 + "}\n"),
        (*ISOLATED, "a.jsonl"),
        1,
        r"a\.jsonl: record 1: is not valid JSON",
        30,
    ),
    Case(
        "zst-garbage",
        _write("a.jsonl.zst", b"\x28\xb5\x2f\xfd" + b"\xff" * 100),
        (*ISOLATED, "a.jsonl.zst"),
        1,
        r"a\.jsonl\.zst: not a zstd file",
        30,
    ),
    Case(
        "zst-huge-window",
        _write("a.jsonl.zst", b"\x28\xb5\x2f\xfd\x00\xf8" + b"\x00" * 20),
        (*ISOLATED, "a.jsonl.zst"),
        1,
        r"a\.jsonl\.zst: .*too much memory",
        30,
    ),
    Case(
        "zst-cut-in-half",
        lambda f: _write("a.jsonl.zst", _half(_zstd(STORIES)))(f),
        (*ISOLATED, "a.jsonl.zst"),
        1,
        r"cut short",
        30,
    ),
    Case(
        "gz-cut-in-half",
        _write("a.jsonl.gz", _half(gzip.compress(STORIES))),
        (*ISOLATED, "a.jsonl.gz"),
        1,
        r"a\.jsonl\.gz: .*ended before",
        30,
    ),
    Case(
        "parquet-dates",
        _parquet_dates,
        (*ISOLATED, "--id-field", "when", "dates.parquet"),
        1,
        r"repeated-word",
        30,
    ),
    Case(
        "xml-unknown-encoding",
        _write("a.xml", b'<?xml version="1.0" encoding="klingon"?><nitf><p>Hi.</p></nitf>'),
        (*ISOLATED, "a.xml"),
        1,
        r"a\.xml: declares an encoding",
        30,
    ),
    Case("20-catastrophic-rules", _slow_rules, (*CHECK, "a.txt"), 1, r"rule stopped on this file", 15),
    Case(
        "yaml-comment-2MB",
        _both(
            _write(".newslint.yaml", "#" + "x" * 2_000_000 + "\nfail-on: error\n"), _write("a.txt", ARTICLE)
        ),
        (*CHECK, "a.txt"),
        0,
        r"1 finding",
        10,
    ),
    Case(
        "yaml-comment-4MB-blank-lines",
        _both(_write(".newslint.yaml", "#x" + "\n" * 4_000_000 + "bogus: 1\n"), _write("a.txt", ARTICLE)),
        (*CHECK, "a.txt"),
        2,
        r"\.newslint\.yaml:4000001: unknown key",
        10,
    ),
    Case(
        "toml-key-20000-parts",
        _both(
            _write("pyproject.toml", "[tool.newslint]\n" + ".".join(["a"] * 20_000) + " = 1\n"),
            _write("a.txt", ARTICLE),
        ),
        (*CHECK, "a.txt"),
        2,
        r"pyproject\.toml:2: invalid TOML: a dotted key",
        10,
    ),
    Case(
        "toml-key-40000-parts",
        _both(
            _write("pyproject.toml", "[tool.newslint]\n" + ".".join(["a"] * 40_000) + " = 1\n"),
            _write("a.txt", ARTICLE),
        ),
        (*CHECK, "a.txt"),
        2,
        r"pyproject\.toml:2: invalid TOML: a dotted key",
        10,
    ),
    Case(
        "encoding-punycode",
        _both(_write(".newslint.yaml", "encoding: punycode\n"), _write("a.txt", ARTICLE)),
        (*CHECK, "a.txt"),
        2,
        r"\.newslint\.yaml:1: 'encoding': 'punycode' is not a character set",
        10,
    ),
    Case(
        "rule-paths-root",
        _both(_write(".newslint.yaml", "rule-paths: [/]\n"), _write("a.txt", ARTICLE)),
        (*CHECK, "a.txt"),
        2,
        r"\.newslint\.yaml:1: rule-paths: / is the root",
        10,
    ),
    Case(
        "jsonl-gz-2GB-of-newlines",
        _newline_bomb,
        (*ISOLATED, "bomb.jsonl.gz"),
        1,
        r"bomb\.jsonl\.gz: inflates",
        30,
        500,
    ),
    Case(
        "jsonl-1M-records",
        _many_records(1_000_000, "big.jsonl"),
        (*ISOLATED, "big.jsonl"),
        0,
        r"0 findings",
        300,
    ),
    Case(
        "jsonl-100k-leads-across-files",
        _many_records(100_000, "leads.jsonl", lead=True),
        (*ISOLATED, "--extend-select", "duplicate-lead-across-files", "leads.jsonl"),
        1,
        r"duplicate-lead-across-files",
        300,
    ),
]


def _peak_mb(verbose: str) -> float:
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", verbose)
    return int(m.group(1)) / 1024 if m else 0.0


def run_case(case: Case, scratch: Path) -> tuple[bool, float, float, int | None, str]:
    """(held, seconds, peak MB, exit status or None on timeout, why not held)."""
    folder = scratch / case.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    case.build(folder)
    newslint = shutil.which("newslint") or "newslint"
    started = time.monotonic()
    # a session of its own, so that a timeout ends newslint too, not only /usr/bin/time
    process = subprocess.Popen(
        ["/usr/bin/time", "-v", newslint, *case.args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr_all = process.communicate(timeout=case.seconds * 3)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        shutil.rmtree(folder, ignore_errors=True)
        return False, time.monotonic() - started, 0.0, None, f"past {case.seconds * 3:.0f} s"
    done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr_all)
    seconds = time.monotonic() - started
    shutil.rmtree(folder, ignore_errors=True)
    verbose, _, stderr = done.stderr.rpartition("\tCommand being timed:")
    output = done.stdout + verbose
    megabytes = _peak_mb(stderr)
    why = ""
    if "Traceback" in output:
        why = "traceback"
    elif done.returncode != case.code:
        why = f"exit {done.returncode}, not {case.code}"
    elif not re.search(case.expect, output):
        why = f"no /{case.expect}/ in output"
    elif seconds > case.seconds:
        why = f"{seconds:.1f} s > {case.seconds:.0f} s"
    elif megabytes > case.megabytes:
        why = f"{megabytes:.0f} MB > {case.megabytes:.0f} MB"
    return not why, seconds, megabytes, done.returncode, why


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the cases' files")
    args = parser.parse_args()
    cases = [c for c in CASES if args.only is None or c.name in args.only]
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="newslint-hostile-"))
    held = 0
    print(f"{'case':32} {'bound':>7} {'seconds':>8} {'MB':>7} {'exit':>4}  held")
    for case in cases:
        ok, seconds, megabytes, code, why = run_case(case, scratch)
        held += ok
        shown = "-" if code is None else str(code)
        verdict = "yes" if ok else f"NO ({why})"
        print(
            f"{case.name:32} {case.seconds:>6.0f}s {seconds:>8.1f} {megabytes:>7.0f} {shown:>4}  {verdict}",
            flush=True,
        )
    print(f"tried {len(cases)}, held {held}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0 if held == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
