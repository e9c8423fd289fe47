#!/usr/bin/env python3
"""Probe the ``newslint`` on PATH with hostile caches, outputs and arguments (issue 27, items 1,
2, 5, 8, 10, 12, 13) and print a tried / held table.

    python bench/hostile_probe.py [--only ITEM] [--timeout SECONDS] [-v]

Each case builds a folder of its own (under a temporary folder), runs ``newslint`` there with a
private user cache folder and a time limit, and *holds* when the run ends within the limit, by
no signal, with no traceback, with the exit status wanted, and with the folder (and anything
outside it) as it should be afterwards.  Every case is also in the test suite
(``tests/hostile_cases.py``, ``tests/test_hostile_state.py``, ``tests/test_hostile_streams.py``);
this script is the black-box view of the installed command.  The only network use is a
loopback server of its own (``--scheduler`` garbage case).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import importlib
import json
import marshal
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
VICTIM = "precious\n"
ODD = os.fsdecode(b"x\xff.txt")  # a file name that is not UTF-8


@dataclass
class Probe:
    item: int
    name: str
    argv: list[str]  # after "newslint"; a first element "sh:" runs the rest as a shell command
    codes: tuple[int, ...]
    files: dict[str, str | bytes] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None
    check: Callable[[Path, str], str | None] | None = None  # a problem, or None
    stdin: bytes | None = None
    close: tuple[int, ...] = ()  # descriptors closed in the child
    stdout_to: str | None = None  # a path standard output goes to


@dataclass
class Outcome:
    probe: Probe
    held: bool
    seconds: float
    why: str


# --- helpers for setups and checks ---


def victim_kept(folder: Path, _output: str) -> str | None:
    victim = folder.parent / "victim"
    if victim.exists() and victim.read_text() != VICTIM:
        return "wrote through a link to a file outside"
    if (folder.parent / "created").exists():
        return "created the target of a dangling link"
    elsewhere = folder.parent / "elsewhere"
    if elsewhere.exists() and any(elsewhere.iterdir()):
        return "wrote into a linked folder outside"
    return None


def plant(name: str, target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder.parent / "victim").write_text(VICTIM)
        (folder.parent / "elsewhere").mkdir(exist_ok=True)
        link = folder / name
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, link)

    return make


def fifo(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        os.mkfifo(folder / name)

    return make


def unchanged(name: str, text: str = ARTICLE) -> Callable[[Path, str], str | None]:
    def check(folder: Path, _output: str) -> str | None:
        return None if (folder / name).read_text() == text else f"{name} was overwritten"

    return check


def says(text: str) -> Callable[[Path, str], str | None]:
    def check(_folder: Path, output: str) -> str | None:
        return None if text in output else f"output lacks {text!r}"

    return check


def both(*checks: Callable[[Path, str], str | None]) -> Callable[[Path, str], str | None]:
    def check(folder: Path, output: str) -> str | None:
        return next((p for c in checks if (p := c(folder, output)) is not None), None)

    return check


def user_cache(folder: Path) -> Path:
    return folder.parent / "cache"


def damage_user_cache(how: str) -> Callable[[Path], None]:
    """The warm user cache copied beside the case, then damaged."""

    def make(folder: Path) -> None:
        cache = user_cache(folder)
        rng = random.Random(how)
        for entry in cache.iterdir():
            if how == "fifo":
                entry.unlink()
                os.mkfifo(entry)
            elif how == "random" and entry.name.startswith("patterns-"):
                entry.write_bytes(rng.randbytes(entry.stat().st_size))
            elif how == "flip" and entry.name.startswith("patterns-"):
                data = bytearray(entry.read_bytes())
                for _ in range(100):  # about one per stored pattern
                    data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
                entry.write_bytes(bytes(data))

    return make


def results_file(folder: Path) -> Path | None:
    return next(iter((folder / ".newslint_cache").glob("results-*")), None)


def tamper_results(kind: str) -> Callable[[Path], None]:
    """A results file of this run key holding nonsense (keyed with this user's key when the
    installed package can write one, so that its entries, not its digest, are what is judged)."""

    def make(folder: Path) -> None:
        subprocess.run(
            ["newslint", "check", "a.txt"], cwd=folder, env=ENV[0], capture_output=True, timeout=60
        )
        path = results_file(folder)
        if path is None:
            return
        if kind == "fifo":
            path.unlink()
            os.mkfifo(path)
            return
        os.environ["NEWSLINT_CACHE_DIR"] = ENV[0]["NEWSLINT_CACHE_DIR"]
        try:  # a version that keys its result cache: write with the key, so the entry is judged
            cache = importlib.import_module("newslint.core.cache")
            stored = cache.read_cached(path, keyed=True)
            write = functools.partial(cache.write_cached, path, keyed=True)
        except (ImportError, TypeError):
            stored = None
        if not isinstance(stored, dict):  # an older version: plain marshal data
            stored = marshal.loads(path.read_bytes())
            write = lambda data: path.write_bytes(marshal.dumps(data))  # noqa: E731
        digest, packed = stored["a.txt"]
        first = list(packed[0])
        if kind == "severity":
            first[6] = "catastrophic"
        else:
            first[0] = "3"
        write({"a.txt": (digest, (tuple(first),))})

    return make


LEAD = "Rates\n\nThe central bank raised its main interest rate by half a point on Thursday to curb prices.\n"


def odd_index(folder: Path) -> None:
    """A lead index whose entry's path holds a lone surrogate (as a crafted index can)."""
    (folder / "old.txt").write_text(LEAD)
    subprocess.run(["newslint", "index", "build", "-o", "l.idx", "old.txt"], cwd=folder, env=ENV[0],
                   capture_output=True, timeout=60)  # fmt: skip
    data = json.loads(gzip.decompress((folder / "l.idx").read_bytes()))
    data["entries"][0]["path"] = "old\ud800.txt"
    (folder / "l.idx").write_bytes(gzip.compress(json.dumps(data).encode()))
    (folder / "old.txt").unlink()


def big_rules(count: int, size: int) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / ".newslint.yaml").write_text("rule-paths: [rules]\n")
        (folder / "rules/x").mkdir(parents=True)
        for i in range(count):
            token = "".join(chr(97 + (j * 7 + i) % 26) for j in range(size))
            (folder / f"rules/x/r{i}.yaml").write_text(
                f"id: big{i}\nkind: existence\ncategory: style\nseverity: warning\nmessage: 'x'\n"
                f"summary: s.\nwhy: w.\nscope: text\noptions:\n  tokens: [{token}]\n"
                "examples:\n  bad: []\n  good: []\n"
            )

    return make


def store_small(folder: Path, _output: str) -> str | None:
    total = sum(p.stat().st_size for p in user_cache(folder).iterdir() if not p.name.startswith("lexicon"))
    return None if total < 2_000_000 else f"user cache grew to {total:,} bytes"


def json_ok(_folder: Path, output: str) -> str | None:
    try:
        json.loads(output[output.index("{") :])
    except ValueError as exc:
        return f"not JSON: {exc}"
    return None


USER_TEMPS = (".a.txt.mine.newslint-tmp", ".notes.newslint-tmp")


def old_user_temps(folder: Path) -> None:
    for name in USER_TEMPS:
        os.utime(folder / name, (1e9, 1e9))  # older than any run


def user_temps_kept(folder: Path, _output: str) -> str | None:
    gone = [name for name in USER_TEMPS if not (folder / name).exists()]
    return f"deleted the user's {', '.join(gone)}" if gone else None


def garbage_server() -> int:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def serve() -> None:
        while True:
            conn, _ = server.accept()
            with contextlib.suppress(OSError):
                conn.sendall(b"\xff" * 64 + b"HTTP/1.0 200 OK\r\n\r\nnot dask" * 20)

    threading.Thread(target=serve, daemon=True).start()
    return int(server.getsockname()[1])


RECORDS = json.dumps({"id": "x\ud800", "text": "Headline\n\nThe the cat sat on the mat.\n"}) + "\n"
ODD_FILES: dict[str, str | bytes] = {ODD: ARTICLE, "r.jsonl": RECORDS}
ODD_ARGS = ["--id-field", "id", ODD, "r.jsonl"]
ENV: list[dict[str, str]] = [{}]


def probes(port: int) -> list[Probe]:
    a = {"a.txt": ARTICLE}
    out = [
        Probe(
            1,
            "CACHEDIR.TAG a link outside (the issue's command)",
            ["check", "a.txt"],
            (1,),
            a,
            plant(".newslint_cache/CACHEDIR.TAG", "../../victim"),
            victim_kept,
        ),
        Probe(
            1,
            "dangling .gitignore link",
            ["check", "a.txt"],
            (1,),
            a,
            plant(".newslint_cache/.gitignore", "../../created"),
            victim_kept,
        ),
        Probe(
            1,
            ".newslint_cache a link to a folder outside",
            ["check", "a.txt"],
            (1,),
            a,
            plant(".newslint_cache", "../elsewhere"),
            victim_kept,
        ),
        Probe(
            2,
            "pattern store of random bytes",
            ["check", "a.txt"],
            (1,),
            a,
            damage_user_cache("random"),
            says("[repeated-word]"),
        ),
        Probe(
            2,
            "pattern store with a flipped byte per entry",
            ["check", "a.txt"],
            (1,),
            a,
            damage_user_cache("flip"),
            says("[repeated-word]"),
        ),
        Probe(
            8,
            "ten rule files of one 3 MB token",
            ["check", "a.txt"],
            (2,),
            a,
            big_rules(10, 3_000_000),
            both(says("more than 262,144: not loaded"), store_small),
        ),
        Probe(
            8,
            "a 200 kB token rule: loaded, not cached",
            ["check", "a.txt"],
            (1,),
            a,
            big_rules(1, 200_000),
            store_small,
        ),
        Probe(
            10,
            "every user cache file a FIFO",
            ["check", "a.txt"],
            (1,),
            a,
            damage_user_cache("fifo"),
            says("[repeated-word]"),
        ),
        Probe(
            10,
            "results file a FIFO",
            ["check", "a.txt"],
            (1,),
            a,
            tamper_results("fifo"),
            says("result cache not used"),
        ),
        Probe(
            10,
            'tampered result: severity "catastrophic"',
            ["check", "a.txt"],
            (1,),
            a,
            tamper_results("severity"),
            says("warning [repeated-word]"),
        ),
        Probe(
            10,
            "tampered result: a string line",
            ["check", "a.txt"],
            (1,),
            a,
            tamper_results("line"),
            says("a.txt:3:23:"),
        ),
    ]
    for fmt in ("text", "json", "jsonl", "github", "sarif", "junit"):
        out.append(
            Probe(
                5,
                f"lone surrogates: {fmt}",
                ["check", "-f", fmt, *ODD_ARGS],
                (1,),
                ODD_FILES,
                check=json_ok if fmt in ("json", "sarif") else None,
            )
        )
    out += [
        Probe(
            5,
            "lone surrogates: parquet",
            ["check", "-f", "parquet", "-o", "f.parquet", *ODD_ARGS],
            (1,),
            ODD_FILES,
        ),
        Probe(5, "lone surrogates: report", ["report", "-o", "r.html", *ODD_ARGS], (0,), ODD_FILES),
        Probe(
            5,
            "lone surrogates: baseline",
            ["check", "--write-baseline", "b.json", *ODD_ARGS],
            (0,),
            ODD_FILES,
        ),
        Probe(
            5, "lone surrogates: index build", ["index", "build", "-o", "i.idx", *ODD_ARGS], (0,), ODD_FILES
        ),
        Probe(
            5,
            "a lead index entry path holding a lone surrogate",
            ["check", "--against", "l.idx", "new.txt"],
            (1,),
            {"new.txt": LEAD.replace("Rates", "Rates up")},
            odd_index,
            says("duplicate-lead-across-files"),
        ),
        Probe(
            5,
            "--stdin-filename x\\xff.txt",
            ["check", "-f", "sarif", "--stdin-filename", ODD, "-"],
            (1,),
            stdin=ARTICLE.encode(),
            check=json_ok,
        ),
        Probe(
            12,
            "output to /dev/full",
            ["check", "a.txt"],
            (2,),
            a,
            stdout_to="/dev/full",
            check=says("No space left on device"),
        ),
        Probe(
            12,
            "closed standard output",
            ["check", "a.txt"],
            (2,),
            a,
            close=(1,),
            check=says("standard output is closed"),
        ),
        Probe(12, "rules to /dev/full", ["rules"], (2,), stdout_to="/dev/full", check=says("No space left")),
        Probe(
            12,
            "explain with standard output closed",
            ["explain", "spelling"],
            (2,),
            close=(1,),
            check=says("standard output is closed"),
        ),
        Probe(
            12,
            "closed standard input",
            ["check", "-"],
            (2,),
            close=(0,),
            check=says("standard input is closed"),
        ),
        Probe(
            12,
            "--max-file-size 2**63 with stdin",
            ["check", "--max-file-size", str(2**63), "-"],
            (1,),
            stdin=ARTICLE.encode(),
        ),
        Probe(12, "-j 99999999999999999999", ["check", "-j", "99999999999999999999", "a.txt"], (2,), a),
        Probe(12, "a path longer than PATH_MAX", ["check", "a/" * 3000 + "x.txt"], (2,)),
        Probe(
            12,
            "a deleted working folder",
            ["sh:", 'mkdir gone && cd gone && rmdir ../gone && exec newslint check "$0"'],
            (2,),
            a,
            check=says("working folder"),
        ),
        Probe(
            12,
            "--scheduler nonsense",
            ["check", "--engine", "dask", "--scheduler", "nonsense", "a.txt"],
            (2,),
            a,
        ),
        Probe(
            12,
            "--scheduler a loopback server speaking garbage",
            ["check", "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}", "a.txt"],
            (2,),
            a,
        ),
        Probe(13, "-o naming an input", ["check", "-o", "a.txt", "a.txt"], (2,), a, check=unchanged("a.txt")),
        Probe(
            13,
            "--write-baseline naming an input",
            ["check", "--write-baseline", "a.txt", "a.txt"],
            (2,),
            a,
            check=unchanged("a.txt"),
        ),
        Probe(
            13,
            "report -o naming an input",
            ["report", "-o", "a.txt", "a.txt"],
            (2,),
            a,
            check=unchanged("a.txt"),
        ),
        Probe(
            13,
            "index build -o naming an input",
            ["index", "build", "-o", "a.txt", "a.txt"],
            (2,),
            a,
            check=unchanged("a.txt"),
        ),
        Probe(
            13,
            "--write-baseline through a link",
            ["check", "--write-baseline", "b.json", "a.txt"],
            (2,),
            a,
            plant("b.json", "../victim"),
            victim_kept,
        ),
        Probe(
            13,
            "vocab learn -o through a link",
            ["vocab", "learn", "copy", "-o", "b.json"],
            (2,),
            {"copy/a.txt": ARTICLE},
            plant("b.json", "../victim"),
            victim_kept,
        ),
        Probe(13, "-o a FIFO nothing reads", ["check", "-o", "out", "a.txt"], (2,), a, fifo("out")),
        Probe(
            13, "--write-baseline a FIFO", ["check", "--write-baseline", "out", "a.txt"], (2,), a, fifo("out")
        ),
        Probe(13, "report -o a FIFO", ["report", "-o", "out", "a.txt"], (2,), a, fifo("out")),
        Probe(13, "index build -o a FIFO", ["index", "build", "-o", "out", "a.txt"], (2,), a, fifo("out")),
        Probe(
            13,
            "--fix keeps a user's own .x.newslint-tmp",
            ["check", "--select", "repeated-word", "--fix", "a.txt"],
            (0,),
            {"a.txt": ARTICLE, ".a.txt.mine.newslint-tmp": "mine", ".notes.newslint-tmp": "mine"},
            setup=old_user_temps,
            check=user_temps_kept,
        ),
        Probe(
            13,
            "UTF-16 with --encoding utf-16",
            ["check", "--encoding", "utf-16", "u.txt"],
            (1,),
            {"u.txt": ARTICLE.encode("utf-16")},
            check=says("[repeated-word]"),
        ),
    ]
    return out


def run_probe(probe: Probe, base: Path, warm: Path, timeout: float) -> Outcome:
    folder = base / "case"
    folder.mkdir(parents=True)
    shutil.copytree(warm, user_cache(folder))
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(user_cache(folder)), "NO_COLOR": "1"}
    ENV[0] = env
    for name, content in probe.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
        )
    if probe.setup is not None:
        try:
            probe.setup(folder)
        except Exception as exc:  # the case could not be built against this version
            return Outcome(probe, False, 0.0, f"setup failed: {type(exc).__name__}: {exc}")
    if probe.argv[0] == "sh:":
        argv = ["sh", "-c", probe.argv[1], str(folder / "a.txt")]
    else:
        argv = ["newslint", *probe.argv]
    stdout = open(probe.stdout_to, "wb") if probe.stdout_to else subprocess.PIPE  # noqa: SIM115
    started = time.monotonic()
    try:
        proc = subprocess.run(
            argv,
            cwd=folder,
            env=env,
            input=probe.stdin if 0 not in probe.close else None,
            stdin=None if probe.stdin is not None or 0 in probe.close else subprocess.DEVNULL,
            stdout=None if 1 in probe.close else stdout,
            stderr=subprocess.PIPE,
            timeout=timeout,
            preexec_fn=(lambda: [os.close(fd) for fd in probe.close]) if probe.close else None,
        )
    except subprocess.TimeoutExpired:
        return Outcome(probe, False, time.monotonic() - started, f"hung past {timeout:g} s")
    finally:
        if probe.stdout_to:
            stdout.close()  # type: ignore[union-attr]
    seconds = time.monotonic() - started
    output = proc.stderr.decode("utf-8", "replace") + (proc.stdout or b"").decode("utf-8", "replace")
    if proc.returncode < 0:
        return Outcome(probe, False, seconds, f"killed by signal {-proc.returncode}")
    if "Traceback" in output:
        return Outcome(probe, False, seconds, "traceback: " + output.strip().splitlines()[-1][:80])
    if proc.returncode not in probe.codes:
        return Outcome(probe, False, seconds, f"exit {proc.returncode}: {output.strip()[:80]!r}")
    problem = probe.check(folder, output) if probe.check is not None else None
    if problem:
        return Outcome(probe, False, seconds, problem)
    first = next((line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line), "")
    return Outcome(probe, True, seconds, first[:90])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", type=int, help="run only this item of issue 27")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("-v", "--verbose", action="store_true", help="show what each held case said")
    args = parser.parse_args()
    if shutil.which("newslint") is None:
        sys.exit("no newslint on PATH")
    port = garbage_server()
    chosen = [p for p in probes(port) if args.only is None or p.item == args.only]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="newslint-probe-") as tmp:
        warm = Path(tmp) / "warm"
        seed = Path(tmp) / "seed"
        seed.mkdir()
        (seed / "a.txt").write_text(ARTICLE)
        env = {**os.environ, "NEWSLINT_CACHE_DIR": str(warm)}
        subprocess.run(["newslint", "check", "--no-cache", "a.txt"], cwd=seed, env=env, capture_output=True)
        for i, probe in enumerate(chosen):
            outcome = run_probe(probe, Path(tmp) / f"p{i}", warm, args.timeout)
            outcomes.append(outcome)
            mark = "held" if outcome.held else "FAILED"
            if args.verbose or not outcome.held:
                print(f"  {probe.item:>2} {mark:<6} {outcome.seconds:5.1f}s  {probe.name}: {outcome.why}")
    print(f"\n{'item':>4}  {'tried':>5}  {'held':>4}")
    for item in sorted({o.probe.item for o in outcomes}):
        mine = [o for o in outcomes if o.probe.item == item]
        print(f"{item:>4}  {len(mine):>5}  {sum(o.held for o in mine):>4}")
    held = sum(o.held for o in outcomes)
    print(f"{'all':>4}  {len(outcomes):>5}  {held:>4}")
    return 0 if held == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
