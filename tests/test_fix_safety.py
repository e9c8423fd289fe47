"""What each rule's fix does to text: safe fixes only where certain (issue 15).

Each case gives a rule, a text, and the text after ``--fix`` (safe fixes only) and
after ``--fix --unsafe-fixes``; a guess must never be a safe fix.
"""

from __future__ import annotations

import pytest

from newslint.app import fixer
from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules

RULES = {r.id: r for r in all_rules(Settings())}

CASES = [
    # could-of: certain before a past participle, never "would of course" or "the might of"
    (
        "could-of",
        "T\n\nWe could of won. Would of course. The might of Rome.\n",
        "T\n\nWe could have won. Would of course. The might of Rome.\n",
        None,
    ),
    (
        "could-of",
        "T\n\nHe Might of known; they must of seen it.\n",
        "T\n\nHe Might have known; they must have seen it.\n",
        None,
    ),
    # repeated-word: "the the" is certain; "about about" is offered only as unsafe
    (
        "repeated-word",
        "T\n\nThe the talks are about about money.\n",
        "T\n\nThe talks are about about money.\n",
        "T\n\nThe talks are about money.\n",
    ),
    (
        "repeated-word",
        "T\n\nAdd to this this law, as they had had enough.\n",
        "T\n\nAdd to this this law, as they had had enough.\n",
        None,
    ),
    # date-format-mix: the odd date rewritten into the article's own format
    (
        "date-format-mix",
        "T\n\nTalks began on 3 March.\n\nThey resumed on 9 March and end on March 20.\n",
        "T\n\nTalks began on 3 March.\n\nThey resumed on 9 March and end on 20 March.\n",
        None,
    ),
    # spelling-variant-mix: the minority variant harmonised to the majority
    (
        "spelling-variant-mix",
        "T\n\nThe colour of the centre was chosen by the organisation; the color was wrong.\n",
        "T\n\nThe colour of the centre was chosen by the organisation; the colour was wrong.\n",
        None,
    ),
]


def fixed(rule_id: str, text: str, unsafe: bool) -> str:
    linter = DocumentLinter([RULES[rule_id]])
    out, _, _ = fixer.fix_document(Document("t.txt", text), linter.lint, unsafe)
    return out


@pytest.mark.parametrize(("rule_id", "text", "safe", "unsafe"), CASES)
def test_fixed_text(rule_id: str, text: str, safe: str, unsafe: str | None) -> None:
    assert fixed(rule_id, text, unsafe=False) == safe
    assert fixed(rule_id, text, unsafe=True) == (unsafe or safe)


def test_the_count_is_the_number_of_edits_made() -> None:
    linter = DocumentLinter([RULES["repeated-word"]])
    doc = Document("t.txt", "T\n\nThe the talks and and the the end.\n")
    text, applied, _ = fixer.fix_document(doc, linter.lint, False)
    assert text == "T\n\nThe talks and the end.\n" and applied == 3
