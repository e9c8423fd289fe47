"""The process pool: chunk order, and the same findings whatever the number of workers."""

from __future__ import annotations

from pathlib import Path

from newslint.config.config import Settings
from newslint.engine.ruleset import resolve_rules
from newslint.run.runner import POOL_THRESHOLD, from_both_ends, run


def test_chunks_alternate_from_the_front_and_the_back() -> None:
    chunks = [[str(i)] for i in range(7)]
    assert [c[0] for c in from_both_ends(chunks)] == ["0", "6", "1", "5", "2", "4", "3"]
    assert from_both_ends([]) == []
    assert sorted(from_both_ends(chunks[:4])) == sorted(chunks[:4])


def test_a_pool_finds_what_one_process_finds(tmp_path: Path) -> None:
    for i in range(POOL_THRESHOLD + 10):
        typo = "recieved" if i % 3 == 0 else "received"
        date = "Septemeber 4" if i % 5 == 0 else "September 4"
        (tmp_path / f"story-{i:03}.txt").write_text(
            f"Council approves budget {i}\n\nThe council {typo} the plan on {date}, officials said.\n",
            encoding="utf-8",
        )
    files = sorted(str(p) for p in tmp_path.iterdir())
    rules = resolve_rules(Settings())
    alone, pooled = run(files, rules, jobs=1), run(files, rules, jobs=2)
    assert pooled.files == alone.files == len(files)
    assert [f.sort_key() for f in pooled.findings] == [f.sort_key() for f in alone.findings]
    flagged = {(Path(f.path).name, f.rule) for f in alone.findings}
    assert ("story-000.txt", "spelling") in flagged and ("story-000.txt", "date-misspelled-month") in flagged
    assert ("story-001.txt", "spelling") not in flagged
