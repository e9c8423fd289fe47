#!/usr/bin/env python3
"""Side-by-side speed benchmark: newslint vs codespell and proselint, whole processes, one run.

    python bench/run.py                      # BBC corpus from ../shared/bench/bbc
    python bench/run.py --corpus DIR --runs 5
    python bench/run.py --profile-only       # just the per-rule profile

Times whole processes (start-up, rule and dictionary load, all files, exit) for
``newslint check`` with ``--jobs 1`` and with all cores, codespell and proselint,
on one ~2 kB article (the pre-commit case), 10 articles, the corpus, and a 10x
copy of it made in a temporary folder.  Prints median and spread over several
runs, the peak memory of any one process, the ratios newslint/codespell and
newslint/proselint per corpus (machines are shared and noisy: compare ratios
from one run, not absolute times), 10x/1x growth, and a per-rule profile.
codespell and proselint come from the ``bench`` extra (``pip install '.[bench]'``).

The timed processes run without ``PYTHONDONTWRITEBYTECODE`` even when it is set here, and the
package is byte-compiled first: an installed package has its ``.pyc`` files, and a checkout
timed without them would recompile every module on every run (a fifth of a one-file run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "bbc"


@dataclass
class Timing:
    tool: str
    corpus: str
    times: list[float]
    peak_mib: float

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> str:
        return f"{min(self.times):.2f}-{max(self.times):.2f}"


def tool_path(name: str) -> str | None:
    sibling = Path(sys.executable).parent / name
    return str(sibling) if sibling.exists() else shutil.which(name)


def articles(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt") if p.is_file())


def make_corpora(corpus: Path, tmp: Path) -> dict[str, list[str]]:
    """The four corpora, as argument lists (folders where the tools take folders)."""
    files = articles(corpus)
    one = tmp / "one"
    one.mkdir()
    text = next(p.read_text(encoding="utf-8") for p in files if len(p.read_bytes()) >= 2000)
    cut = text[:2048].rsplit("\n", 1)[0] + "\n"
    (one / "article.txt").write_text(cut, encoding="utf-8")
    ten = tmp / "ten"
    ten.mkdir()
    for i, p in enumerate(files[:: max(1, len(files) // 10)][:10]):
        shutil.copy(p, ten / f"{i:02}-{p.name}")
    big = tmp / "x10"
    for copy in range(10):
        for p in files:
            target = big / f"copy{copy}" / p.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, target)
    return {
        "1 article (2 kB)": [str(one / "article.txt")],
        "10 articles": [str(ten)],
        f"corpus ({len(files)})": [
            str(corpus / d) for d in sorted(os.listdir(corpus)) if (corpus / d).is_dir()
        ],
        f"10x corpus ({10 * len(files)})": [str(big)],
    }


#: the timed processes' environment: byte code written and reused, as by an installed package
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_package() -> None:
    """Byte-compile newslint where it is imported from (``pip install`` does so for a wheel)."""
    import compileall

    import newslint

    compileall.compile_dir(str(Path(newslint.__file__).parent), quiet=1)


def time_process(argv: Sequence[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of the process and its waited-for children."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1, 65):  # 1 and 65: findings (newslint, proselint; codespell)
        print(f"bench: warning: {' '.join(argv[:4])}... exited {proc.returncode}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024


def expand_files(paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        out += [str(f) for f in sorted(Path(p).rglob("*.txt"))] if Path(p).is_dir() else [p]
    return out


def commands(paths: list[str], big: bool) -> dict[str, list[str]]:
    # --no-cache: every round lints every file (the result cache would make later rounds free).
    newslint = [sys.executable, "-m", "newslint", "check", "--no-progress", "--quiet", "--no-cache"]
    out = {
        "newslint --jobs 1": [*newslint, "--jobs", "1", *paths],
        "newslint (all cores)": [*newslint, *paths],
    }
    codespell = tool_path("codespell")
    if codespell:
        out["codespell"] = [codespell, *paths]
    proselint = tool_path("proselint")
    if proselint and not big:  # proselint takes minutes on the 10x corpus; its ratio is clear without it
        out["proselint"] = [proselint, "check", *expand_files(paths)]
    return out


def measure(corpora: dict[str, list[str]], runs: int, warmup: int = 1) -> list[Timing]:
    """Time every tool on every corpus, interleaved (tool A, B, C, then A, B, C again ...) so that
    a machine slowing down or speeding up mid-run affects all tools alike; ``warmup`` rounds
    first (page cache, newslint's word-list cache on a fresh machine) are not counted."""
    results = []
    for name, paths in corpora.items():
        big = name.startswith("10x")
        tools = commands(paths, big)
        n = max(1, runs // 2) if big else runs
        skip = 0 if big else warmup  # the 10x copy is read after the 1x corpus warmed everything
        samples: dict[str, list[tuple[float, float]]] = {tool: [] for tool in tools}
        for round_no in range(skip + n):
            for tool, argv in tools.items():
                sample = time_process(argv)
                if round_no >= skip:
                    samples[tool].append(sample)
        for tool, taken in samples.items():
            results.append(Timing(tool, name, [t for t, _ in taken], max(m for _, m in taken)))
            print(f"  {name:<24} {tool:<22} {statistics.median(t for t, _ in taken):7.2f} s", file=sys.stderr)
    return results


def print_table(results: list[Timing]) -> None:
    print(f"\n{'corpus':<24} {'tool':<22} {'median s':>9} {'spread':>12} {'peak MiB':>9}")
    for r in results:
        print(f"{r.corpus:<24} {r.tool:<22} {r.median:9.2f} {r.spread:>12} {r.peak_mib:9.0f}")
    by = {(r.corpus, r.tool): r.median for r in results}
    corpora = list(dict.fromkeys(r.corpus for r in results))
    # The last column is what the cores gave newslint in this run: on shared machines two vCPUs
    # may do well under twice the work of one, and the all-cores ratio moves with it.
    print(
        f"\n{'ratios (same run)':<24} {'nl/codespell':>13} {'nl/proselint':>13} {'nl -j1/codespell':>17}"
        f" {'-j1/all cores':>14}"
    )
    for c in corpora:
        nl, nl1 = by.get((c, "newslint (all cores)")), by.get((c, "newslint --jobs 1"))
        cs, pl = by.get((c, "codespell")), by.get((c, "proselint"))
        cells = [
            f"{nl / cs:13.2f}" if nl and cs else f"{'-':>13}",
            f"{nl / pl:13.3f}" if nl and pl else f"{'-':>13}",
            f"{nl1 / cs:17.2f}" if nl1 and cs else f"{'-':>17}",
            f"{nl1 / nl:14.2f}" if nl and nl1 else f"{'-':>14}",
        ]
        print(f"{c:<24} {' '.join(cells)}")
    one = next((c for c in corpora if c.startswith("corpus")), None)
    ten = next((c for c in corpora if c.startswith("10x")), None)
    if one and ten:
        for tool in ("newslint (all cores)", "newslint --jobs 1", "codespell"):
            if (one, tool) in by and (ten, tool) in by:
                print(f"10x / 1x growth, {tool:<22} {by[(ten, tool)] / by[(one, tool)]:6.2f}")


def spelling_comparison(corpus: Path, runs: int) -> None:
    """Issue 4's yardstick: the spelling rule alone vs pyspellchecker's unknown-word scan."""
    folders = [str(corpus / d) for d in sorted(os.listdir(corpus)) if (corpus / d).is_dir()] or [str(corpus)]
    argvs = {
        "newslint --select spelling --jobs 1": [
            sys.executable,
            "-m",
            "newslint",
            "check",
            "--select",
            "spelling",
            "--jobs",
            "1",
            "-q",
            "--no-progress",
            "--no-cache",
            *folders,
        ],
        "pyspellchecker unknown-word scan": [sys.executable, str(HERE / "pyspell_scan.py"), *folders],
    }
    medians = {}
    print(f"\n{'spelling alone, whole process':<40} {'median s':>9} {'spread':>12}")
    for name, argv in argvs.items():
        times = [time_process(argv)[0] for _ in range(runs)]
        medians[name] = statistics.median(times)
        print(f"{name:<40} {medians[name]:9.2f} {min(times):6.2f}-{max(times):.2f}")
    a, b = medians.values()
    print(f"{'ratio (must be <= 2)':<40} {a / b:9.2f}")


def profile(corpus: Path) -> None:
    """In-process profile: where newslint's time goes (load, parse, each rule, report)."""
    from newslint.config.config import Settings
    from newslint.core.document import Document
    from newslint.engine.engine import DocumentLinter
    from newslint.engine.ruleset import resolve_rules
    from newslint.reporters import Report, get_reporter

    files = articles(corpus)
    t0 = time.perf_counter()
    rules = resolve_rules(Settings())
    t1 = time.perf_counter()
    linter = DocumentLinter(rules)
    t2 = time.perf_counter()
    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in files]  # tokens: lazily, by the rules
    t3 = time.perf_counter()
    findings = [f for d in docs for f in linter.lint(d)]
    if linter.corpus_checks:
        findings += linter.finish((d.path, linter.collect(d)) for d in docs)
    t4 = time.perf_counter()
    get_reporter("json")(Report(findings, (), len(docs), rules))
    t5 = time.perf_counter()
    print(f"\nper-rule profile, one process, {len(files)} files ({len(findings)} findings)")
    rows = [
        ("load rules (YAML)", t1 - t0),
        ("build kinds (dictionaries, patterns)", t2 - t1),
        ("read + parse (structure)", t3 - t2),
    ]
    rows += sorted(((f"rule {k}", v) for k, v in linter.timings.items()), key=lambda kv: -kv[1])
    rows.append(("report (json)", t5 - t4))
    rows.append(("engine overhead (locating, merging)", (t4 - t3) - sum(linter.timings.values())))
    for what, secs in rows:
        print(f"  {what:<44} {secs:7.3f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles (*.txt)")
    ap.add_argument("--runs", type=int, default=5, help="runs per tool and corpus (half on the 10x corpus)")
    ap.add_argument("--warmup", type=int, default=1, help="uncounted rounds before the timed ones")
    ap.add_argument("--profile-only", action="store_true")
    ap.add_argument("--spelling", action="store_true", help="only the spelling rule vs pyspellchecker")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        ap.error(f"corpus folder not found: {args.corpus}")
    compile_package()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "bench: timed processes run without PYTHONDONTWRITEBYTECODE (.pyc, as installed)", file=sys.stderr
        )
    if args.spelling:
        spelling_comparison(args.corpus, args.runs)
        return 0
    if not args.profile_only:
        missing = [t for t in ("codespell", "proselint") if tool_path(t) is None]
        if missing:
            print(
                f"bench: {', '.join(missing)} not installed (pip install '.[bench]'); comparing without",
                file=sys.stderr,
            )
        print(
            f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}  runs: {args.runs}", file=sys.stderr
        )
        with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
            results = measure(make_corpora(args.corpus, Path(tmp)), args.runs, args.warmup)
        print_table(results)
    profile(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
