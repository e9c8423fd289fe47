"""The spelling rule's work is bounded: a text of nothing but unknown words (a list, a dump of
tokens) costs time linear in its size, not one search per word over the whole text."""

from __future__ import annotations

import random
import time

import pytest

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules

_SIZE = 160 * 1024
_LIMIT_SECONDS = 15.0


def _random_words(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    lines, length = [], 0
    while length < size:
        line = " ".join("".join(rng.choice(letters) for _ in range(7)) for _ in range(12)) + "."
        lines.append(line)
        length += len(line) + 1
    return "Word list\n\n" + "\n".join(lines) + "\n"


@pytest.mark.slow
def test_160_kb_of_random_seven_letter_words_finishes_in_bounded_time() -> None:
    rules = [r for r in all_rules(Settings()) if r.id == "spelling"]
    linter = DocumentLinter(rules)
    linter.lint(Document("warm.txt", "Warm up\n\nThe lexicon is loaded here, not timed.\n"))
    text = _random_words(_SIZE)
    started = time.perf_counter()
    findings = linter.lint(Document("random.txt", text))
    elapsed = time.perf_counter() - started
    assert elapsed < _LIMIT_SECONDS, f"{elapsed:.1f} s for {len(text)} characters"
    assert findings  # some of the words were still weighed and flagged
