"""``newslint vocab learn``: turn a folder of a desk's own archive into an accept list of names.

A capitalised word the lexicon does not know, used mid-sentence in at least ``min_files``
different articles, is a name the desk writes on purpose (a minister, a town, a club); a slip is
rarely repeated across articles.  The output is a sorted accept list for the ``spelling`` rule's
``accept_files`` option.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import regex

from newslint.spelling.lexicon import Lexicon

_WORD = regex.compile(r"(?<=[\p{L},;] )\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?")  # capitalised, mid-sentence


def learn(files: Iterable[Path], min_files: int = 2, lexicon: Lexicon | None = None) -> list[str]:
    """Unknown capitalised words used mid-sentence in at least ``min_files`` files, sorted."""
    lex = lexicon or Lexicon.load()
    per_file: Counter[str] = Counter()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        per_file.update({m.group().replace("’", "'").removesuffix("'s") for m in _WORD.finditer(text)})
    names = []
    for word, n in per_file.items():
        lw = word.lower()
        if n >= min_files and lw not in lex.us_words and lex.freq(lw) < 3.5:
            names.append(word)
    return sorted(names)


def archive_files(folder: Path) -> list[Path]:
    return sorted(p for pattern in ("*.txt", "*.md") for p in folder.rglob(pattern) if p.is_file())


def write_list(names: list[str], out: Path, source: str) -> None:
    header = f"# Names learned by `newslint vocab learn` from {source}; one a line.\n"
    from newslint.core.output_file import write_text  # never through a link: the list is kept in a repository

    write_text(out, header + "".join(f"{name}\n" for name in names), "accept list", follow_links=False)
