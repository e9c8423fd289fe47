"""The one lint path: check, report and index build lint through lint_paths."""

from __future__ import annotations

import os
from pathlib import Path

from newslint.app.html_report import build_data
from newslint.config.config import Settings, load_settings
from newslint.core.cache import cache_dir
from newslint.run.lint import lint_paths

ARTICLE = "Talks resume\n\nThe minister said the the talks would resume.\n\nA second paragraph here.\n"


def _settings(folder: Path) -> Settings:
    return load_settings(None, folder, isolated=True)


def test_lint_paths_lints_the_discovered_files_with_the_chosen_rules(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.md").write_text("Calm\n\nNothing to see.\n")
    run = lint_paths(_settings(tmp_path), [str(tmp_path)], ignore=["spelling"])
    assert run.files == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    assert "spelling" not in {r.id for r in run.rules}
    assert [(Path(f.path).name, f.line, f.rule) for f in run.result.findings] == [
        ("a.txt", 3, "repeated-word")
    ]
    assert run.result.findings[0].excerpt is None  # only kept when asked


def test_excerpts_are_kept_so_the_report_never_reads_the_files_again(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    run = lint_paths(_settings(tmp_path), [str(article)], excerpts=True)
    [finding] = [f for f in run.result.findings if f.rule == "repeated-word"]
    assert finding.excerpt is not None
    assert finding.excerpt.text == "The minister said the the talks would resume."
    assert finding.excerpt.start == finding.excerpt.text.index("the the") + len("the ")
    assert finding.excerpt.text[finding.excerpt.start : finding.excerpt.end] == "the"
    article.unlink()  # the report is built from the run alone
    data = build_data(run.result.findings, run.result.errors, run.files, run.rules)
    [row] = [r for r in data["findings"] if r[3] == "repeated-word"]
    assert data["contexts"][row[8]] == "The minister said the the talks would resume."
    assert (row[9], row[10]) == (finding.excerpt.start, finding.excerpt.end)


def test_without_compare_cross_file_rules_only_summarise(tmp_path: Path) -> None:
    lead = "The central bank raised its main interest rate by half a point on Thursday to curb prices.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Rates rise\n\n" + lead)
    settings = _settings(tmp_path)
    from newslint.engine.ruleset import all_rules, apply_settings

    [rule] = [
        r for r in apply_settings(all_rules(settings), settings) if r.id == "duplicate-lead-across-files"
    ]
    compared = lint_paths(settings, [str(tmp_path)], rules=[rule])
    assert [Path(f.path).name for f in compared.result.findings] == ["b.txt"]
    summarised = lint_paths(settings, [str(tmp_path)], rules=[rule], compare=False)
    assert summarised.result.findings == []
    assert sorted(Path(p).name for p in summarised.result.collected) == ["a.txt", "b.txt"]
    assert all(s[rule.id] is not None for s in summarised.result.collected.values())


def test_the_suite_keeps_its_caches_out_of_the_home_folder(hermetic_cache: Path) -> None:
    assert cache_dir() == hermetic_cache
    assert not str(cache_dir()).startswith(os.path.expanduser("~") + os.sep + ".cache")
