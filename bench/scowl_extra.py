#!/usr/bin/env python3
"""Regenerate ``newslint/spelling/data/scowl-80-extra.txt.gz``: the lowercase words SCOWL size 80
lists that the Hunspell dictionaries (SCOWL size ~60) lack.

    sudo apt-get install wamerican-huge wbritish-huge
    python bench/scowl_extra.py [--out PATH]

SCOWL ("Spell Checker Oriented Word Lists", Kevin Atkinson) at size 80 is the curated list of
Debian's ``wamerican-huge`` and ``wbritish-huge`` (/usr/share/dict/*-english-huge): rare words
that are words in their own right (robusta, olein, renin, uncited), edited by people, so it holds
no misspellings the way a web word count does.  Size 95 (``*-insane``) is too loose to use.

Only lowercase entries are kept (the spelling verdict judges lowercase words; names are the
dictionaries' job), with their possessive "'s" stripped, minus every form the Hunspell dictionaries
already list.  The file is sorted, one word a line, gzip'd without a timestamp so a rebuild from
the same lists is byte-identical.  SCOWL's copyright and permission notice must travel with it
(``newslint/spelling/data/SCOWL-COPYRIGHT``).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from newslint.spelling.hunspell import build_forms

LISTS = (Path("/usr/share/dict/american-english-huge"), Path("/usr/share/dict/british-english-huge"))
OUT = Path(__file__).resolve().parent.parent / "newslint" / "spelling" / "data" / "scowl-80-extra.txt.gz"


def lowercase_entries(paths: tuple[Path, ...]) -> set[str]:
    """The lowercase entries of the word lists, possessives stripped."""
    words: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip().replace("\u2019", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if word and word.islower() and not any(ch.isdigit() for ch in word):
                words.add(word)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    missing = [str(p) for p in LISTS if not p.is_file()]
    if missing:
        print(f"error: {', '.join(missing)} not found (apt-get install wamerican-huge wbritish-huge)")
        return 2
    known, names = build_forms()
    extra = sorted(lowercase_entries(LISTS) - set(known) - set(names))
    data = ("\n".join(extra) + "\n").encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", filename="", mtime=0) as gz:
        gz.write(data)
    print(f"{len(extra)} words -> {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
