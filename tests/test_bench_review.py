"""``bench/review.py`` on a small corpus of its own: precision, unreviewed findings, damaging edits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

HEADER = "rule\tpath\tline\tcolumn\tflagged\tverdict\treason\n"


def review(corpus: Path, reviewed: Path) -> subprocess.CompletedProcess[str]:
    script = REPO / "bench" / "review.py"
    command = [sys.executable, str(script), str(corpus), "--reviewed", str(reviewed), "--edits"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=corpus.parent)


@pytest.mark.slow  # drives the bench script, which runs newslint in subprocesses (CI runs it)
def test_review_reports_precision_unreviewed_findings_and_each_edit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Budget talks\n\nThe the minister spoke about about money.\n")
    (corpus / "b.txt").write_text("Rates\n\nRates rose 5% &amp; fell.\n")
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text(
        HEADER
        + "repeated-word\ta.txt\t3\t5\tthe\tgenuine\tdoubled article\n"
        + "repeated-word\ta.txt\t3\t30\tabout\tgenuine\tdoubled preposition\n"
    )
    done = review(corpus, reviewed)
    assert done.returncode == 1  # the markup finding is not reviewed yet
    table = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()[1:4] if line.strip()}
    assert table["repeated-word"] == ["2", "2", "0", "0", "1.000"]
    assert "markup-debris\tb.txt\t3\t15\t&amp;\t?" in done.stdout
    assert "a.txt:3 [repeated-word] ' the' -> '' (pass 1): repairs a genuine defect" in done.stdout
    assert "about" not in done.stdout.split("safe edits")[1]  # "about about": an unsafe fix, not replayed

    reviewed.write_text(
        HEADER
        + "repeated-word\ta.txt\t3\t5\tthe\tfalse-positive\tsay it were English\n"
        + "repeated-word\ta.txt\t3\t30\tabout\tgenuine\tdoubled preposition\n"
        + "markup-debris\tb.txt\t3\t15\t&amp;\tgenuine\tentity in plain text\n"
    )
    done = review(corpus, reviewed)
    assert done.returncode == 1
    assert "' the' -> '' (pass 1): DAMAGES correct text: say it were English" in done.stdout
    assert "not reviewed" not in done.stdout
