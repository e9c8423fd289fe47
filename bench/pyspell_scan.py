#!/usr/bin/env python3
"""Reference for the spelling rule's speed: pyspellchecker's plain unknown-word scan.

    python bench/pyspell_scan.py FOLDER...

Flags every word not in pyspellchecker's English list (no names, no suggestions):
the floor a dictionary speller costs.  ``bench/run.py --spelling`` times it beside
``newslint check --select spelling`` in one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spellchecker import SpellChecker


def main() -> int:
    spell = SpellChecker()
    unknown = 0
    for folder in sys.argv[1:]:
        for path in sorted(Path(folder).rglob("*.txt")):
            words = spell.split_words(path.read_text(encoding="utf-8"))
            unknown += len(spell.unknown(words))
    print(f"{unknown} unknown words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
