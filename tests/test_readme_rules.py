"""The README's rule table is made from the rules (``newslint rules --format markdown``) and kept
current: this test fails, naming the command that rewrites it, when the two differ."""

from __future__ import annotations

import difflib
from pathlib import Path

from helpers import REPO, run_newslint

from newslint.app.rule_table import BEGIN, COMMAND, END, markdown_table, table_in
from newslint.engine.rules import builtin_rules_dir, load_rules


def test_the_readme_rule_table_is_the_rules_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = table_in(readme)
    assert shown is not None, f"README.md has no rule table markers: {BEGIN} ... {END}"
    made = markdown_table(load_rules([builtin_rules_dir()]))
    diff = "".join(difflib.unified_diff(shown.splitlines(True), made.splitlines(True), "README.md", "rules"))
    assert shown == made, f"README.md's rule table is out of date; run `{COMMAND}`:\n{diff}"


def test_every_rule_has_a_row() -> None:
    rules = load_rules([builtin_rules_dir()])
    rows = markdown_table(rules).splitlines()[2:]
    assert sorted(row.split(" | ")[0].strip("| `") for row in rows) == sorted(r.id for r in rules)


def test_write_puts_the_table_between_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "DOC.md"
    doc.write_text(f"# Rules\n\n{BEGIN}\nold table\n{END}\n\nMore text.\n", encoding="utf-8")
    done = run_newslint("rules", "--format", "markdown", "--write", str(doc), cwd=tmp_path)
    assert done.returncode == 0 and "rule table updated" in done.stdout
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and text.endswith(f"{END}\n\nMore text.\n")
    assert table_in(text) == run_newslint("rules", "--format", "markdown", cwd=tmp_path).stdout
    again = run_newslint("rules", "--format", "markdown", "--write", str(doc), cwd=tmp_path)
    assert "already current" in again.stdout and doc.read_text(encoding="utf-8") == text


def test_write_without_markers_or_markdown_is_an_error(tmp_path: Path) -> None:
    doc = tmp_path / "DOC.md"
    doc.write_text("# Rules\n", encoding="utf-8")
    done = run_newslint("rules", "--format", "markdown", "--write", str(doc), cwd=tmp_path)
    assert done.returncode == 2 and "no rule table markers" in done.stderr and "Traceback" not in done.stderr
    assert doc.read_text(encoding="utf-8") == "# Rules\n"
    assert run_newslint("rules", "--write", str(doc), cwd=tmp_path).returncode == 2
    assert run_newslint("rules", "--format", "html", cwd=tmp_path).returncode == 2
    missing = run_newslint("rules", "--format", "markdown", "--write", "nope.md", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.md" in missing.stderr
