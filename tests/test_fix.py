"""``--fix``, ``--unsafe-fixes`` and ``--diff``: byte-exact round trips, atomic writes, no lost edits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import REPO, run_newslint

from newslint.app import fixer
from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.core.findings import Finding
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules

SAFE = ("--select", "repeated-word,could-of")
BAD = ["Budget talks resume", "", "The minister said the the talks would of resumed.", "Fine line."]
GOOD = ["Budget talks resume", "", "The minister said the talks would have resumed.", "Fine line."]


def variants() -> list[tuple[str, bytes, bytes]]:
    out = []
    for name, newline, bom, final in [
        ("lf", "\n", False, True),
        ("crlf", "\r\n", False, True),
        ("cr", "\r", False, True),
        ("bom", "\n", True, True),
        ("bom-crlf-no-final", "\r\n", True, False),
        ("no-final", "\n", False, False),
    ]:

        def encode(lines: list[str], newline: str = newline, bom: bool = bom, final: bool = final) -> bytes:
            text = newline.join(lines) + (newline if final else "")
            return ("\ufeff" if bom else "").encode() + text.encode()

        out.append((name, encode(BAD), encode(GOOD)))
    return out


@pytest.fixture(scope="module")
def linter() -> DocumentLinter:
    rules = {r.id: r for r in all_rules(Settings())}
    return DocumentLinter([rules["repeated-word"], rules["could-of"]])


@pytest.mark.parametrize(("name", "before", "after"), variants(), ids=[v[0] for v in variants()])
def test_round_trip_keeps_bom_line_endings_and_final_newline(
    linter: DocumentLinter, tmp_path: Path, name: str, before: bytes, after: bytes
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(before)
    [result] = fixer.fix_paths([str(path)], linter.lint, unsafe=False, write=True)
    assert result.applied == 2 and result.remaining == []
    assert path.read_bytes() == after
    again = fixer.fix_paths([str(path)], linter.lint, unsafe=False, write=True)
    assert again[0].applied == 0 and path.read_bytes() == after  # idempotent
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_cli_fix_reports_what_is_left_and_never_touches_clean_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\r\n".join(BAD).encode() + b"\r\n")
    (tmp_path / "clean.txt").write_text("\n".join(GOOD))
    os.utime(tmp_path / "clean.txt", ns=(1_000_000_000, 1_000_000_000))
    result = run_newslint("check", *SAFE, "--fix", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "applied 2 fixes to 1 file" in result.stderr and "0 findings" in result.stdout
    assert (tmp_path / "a.txt").read_bytes() == "\r\n".join(GOOD).encode() + b"\r\n"
    assert os.stat(tmp_path / "clean.txt").st_mtime_ns == 1_000_000_000
    second = run_newslint("check", *SAFE, "--fix", ".", cwd=tmp_path)
    assert "applied" not in second.stderr and second.returncode == 0


def test_diff_prints_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n".join(BAD))
    result = run_newslint("check", *SAFE, "--diff", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "+The minister said the talks would have resumed.\n" in result.stdout
    assert "\\ No newline at end of file" in result.stdout
    assert (tmp_path / "a.txt").read_text() == "\n".join(BAD)


def test_unsafe_fixes_delete_only_when_asked(tmp_path: Path) -> None:
    lead = "Ministers said on Monday that talks would resume next week in Geneva."
    text = f"Talks resume\n\n{lead}\n\n{lead}\n\nNo date was given.\n"
    (tmp_path / "a.txt").write_text(text)
    safe = run_newslint("check", "--select", "duplicate-lead", "--fix", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text() == text and safe.returncode == 1
    args = ("check", "--select", "duplicate-lead", "--fix", "--unsafe-fixes", "a.txt")
    unsafe = run_newslint(*args, cwd=tmp_path)
    assert unsafe.returncode == 0, unsafe.stdout
    assert (tmp_path / "a.txt").read_text() == f"Talks resume\n\n{lead}\n\nNo date was given.\n"


def test_overlapping_fixes_apply_over_several_passes() -> None:
    def lint(doc: Document) -> list[Finding]:
        out = []
        for i in range(len(doc.text) - 1):
            if doc.text[i : i + 2] == "aa":  # overlapping hits on "aaa"
                out.append(
                    Finding(
                        doc.path,
                        1,
                        i + 1,
                        1,
                        i + 3,
                        "r",
                        "style",
                        "warning",
                        "m",
                        fix=fixer.Fix(i, i + 2, "a"),
                    )
                )
        return out

    text, applied, remaining = fixer.fix_document(Document("x", "baaaab"), lint, unsafe=False)
    assert text == "bab" and applied == 3 and remaining == []


def test_a_file_changed_on_disk_is_not_overwritten(linter: DocumentLinter, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n".join(BAD))
    result = fixer.fix_file(str(path), linter.lint, unsafe=False)
    path.write_text("An editor saved this meanwhile.\n")
    with pytest.raises(fixer.ChangedOnDisk):
        fixer.write_atomic(str(path), result.fixed, result.original)
    assert path.read_text() == "An editor saved this meanwhile.\n"


@pytest.mark.parametrize("broken", ["fsync", "replace"])
def test_a_failure_while_writing_leaves_the_original_intact(
    linter: DocumentLinter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n".join(BAD))

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, broken, fail)
    [result] = fixer.fix_paths([str(path)], linter.lint, unsafe=False, write=True)
    assert result.error and "No space left" in result.error
    assert path.read_text() == "\n".join(BAD)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # the temporary file was removed


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_between_temp_write_and_rename_leaves_the_original_intact(tmp_path: Path) -> None:
    """The process dies (SIGKILL: no cleanup runs) after the temp file is written and fsynced."""
    path = tmp_path / "a.txt"
    path.write_text("\n".join(BAD))
    script = textwrap.dedent(
        """
        import os, signal, sys
        from newslint.app import fixer
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        fixer.os.replace = die
        from newslint.cli import main
        rules = "repeated-word,could-of"
        sys.argv = ["newslint", "check", "--no-cache", "--select", rules, "--fix", sys.argv[1]]
        main()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", script, str(path)]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_text() == "\n".join(BAD)
    leftovers = [p for p in tmp_path.iterdir() if p.name != "a.txt"]
    assert all(p.name.startswith(".a.txt.") and p.name.endswith(".newslint-tmp") for p in leftovers)
