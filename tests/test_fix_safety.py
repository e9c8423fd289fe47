"""How ``--fix`` counts its edits.

What each rule's fix does to a text (safe fixes only where certain, issue 15) is stated by the
rule's own examples (``fixed:`` / ``unsafe_fixed:`` in ``rules/**/*.yaml``) and checked by
``tests/test_rule_fixtures.py`` and ``newslint rules test``.
"""

from __future__ import annotations

from newslint.app import fixer
from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules

RULES = {r.id: r for r in all_rules(Settings())}


def test_the_count_is_the_number_of_edits_made() -> None:
    linter = DocumentLinter([RULES["repeated-word"]])
    doc = Document("t.txt", "T\n\nThe the talks and and the the end.\n")
    text, applied, _ = fixer.fix_document(doc, linter.lint, False)
    assert text == "T\n\nThe talks and the end.\n" and applied == 3
