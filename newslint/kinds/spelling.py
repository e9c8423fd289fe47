"""``spelling``: misspelled words, with the recall of a dictionary and the precision of a list.

A word is accepted at once when it is in the dictionary, common in the frequency lexicon, on a
word list (wire jargon, the user's accept list), a British form of a dictionary word, a closed
compound of two common words, or a contraction of a known word.  Otherwise it is flagged only
when the noisy channel agrees: some correction within two edits is far more likely than the word
as written (its frequency, less the cost of the slip, beats the word's own frequency by a margin).
Capitalised words need a larger margin (they are usually names), and a capitalised word that
recurs in the article, or sits mid-sentence beside other capitalised words, is taken as a name.
Verdicts are memoised per process, so the common case is a couple of dict lookups per word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import regex

from newslint.document import Document
from newslint.findings import Fix, Hit
from newslint.kinds.base import Kind
from newslint.options import Option

# Text that is not prose: URLs, e-mail addresses, handles, hashtags, inline code.
_NOT_PROSE = regex.compile(
    r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w])[@#][\w_]+|`[^`\n]{1,200}`"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|uk|io|info|biz|tv|ca|au|de|fr|in)\b\S*"
)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*")
_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f']+")
_SIC = regex.compile(r"\s*[\[(]sic[\])]", regex.IGNORECASE)
_PREV_WORD = regex.compile(r"(\p{L}[\p{L}.'’-]*) $")
_NEXT_WORD = regex.compile(r"(?:'s|’s)? (\p{L}+)")
_COMPOUND_GAP = 2.0
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_CONTRACTIONS = ("n't", "'ll", "'re", "'ve", "'d", "'m", "'s")
_INITIAL_BEFORE = frozenset(".!?:;—–-…\n\r\"“”‘'([")
_EN_GB_EXCEPTIONS = frozenset({"program", "programs", "disk", "disks", "analog", "dialog"})


class _Verdict:
    """Why a lowercase word is suspicious: the gap to its best correction, and the corrections."""

    __slots__ = ("gap", "suggestions")

    def __init__(self, gap: float, suggestions: tuple[str, ...]) -> None:
        self.gap = gap
        self.suggestions = suggestions


def match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Spelling(Kind):
    name = "spelling"
    can_fix = True
    description = (
        "Flags words that look misspelled: not in the dictionary (pyspellchecker), not common in the "
        "frequency lexicon (wordfreq), not on a word list, and with a far more likely correction within "
        "two edits (the noisy channel).  Accepted: British and American spellings (narrow with `locale`), "
        "wire jargon (pct, mln, dlrs, ...), closed compounds of two common words, contractions and "
        "possessives (' and ’), names (capitalised words that recur or sit among capitalised words need "
        "much stronger evidence).  Skipped: URLs, e-mail addresses, @handles, #hashtags, `code`, words with "
        "digits or periods (U.S., 3rd, COVID-19), ALL-CAPS words and MixedCase words (acronyms, brands), "
        "non-Latin scripts and emoji, words shorter than `min_length` or longer than 40 letters, and a "
        "word followed by [sic].  Hyphenated words are checked part by part.  `reject` words are always "
        "flagged.  Suggestions are ranked by frequency and by how plausible the slip is (adjacent keys, "
        "swapped or doubled letters)."
    )
    option_schema: Mapping[str, Option] = {
        "locale": Option("str", "en", "en (British and American), en-US or en-GB", choices=("en", "en-US", "en-GB")),
        "accept": Option("list[str]", [], "extra words (or regexes) that are fine"),
        "accept_files": Option("list[str]", [], "files of accepted words/regexes, one a line"),
        "reject": Option("dict[str,str]", {}, "words always flagged -> their suggestion"),
        "reject_files": Option("list[str]", [], "files of 'wrong -> right' lines, always flagged"),
        "wordlists": Option("list[str]", [], "built-in accept lists, relative to the rule file"),
        "min_length": Option("int", 3, "shortest word checked", minimum=1),
        "common": Option("float", 3.5, "Zipf frequency at which a word is accepted outright", minimum=0),
        "margin": Option("float", 1.3, "how much likelier a correction must be (Zipf units)", minimum=0),
        "margin_capitalised": Option("float", 3.1, "the same for a capitalised word opening a sentence",
                                     minimum=0),
        "margin_name": Option("float", 3.6, "the same for a capitalised word mid-sentence", minimum=0),
        "margin_evidence": Option("float", 1.0, "the same when the article uses the correction elsewhere",
                                  minimum=0),
        "max_edits": Option("int", 2, "largest edit distance to a correction", minimum=1, maximum=3),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        from newslint.spelling_candidates import CandidateIndex
        from newslint.spelling_lexicon import Lexicon
        from newslint.spelling_lists import load_accept, load_reject, resolve

        bases = [Path(rule.source).parent] if getattr(rule, "source", "") else []
        opts = self.options
        self.lexicon = Lexicon.load()
        self.index = CandidateIndex(self.lexicon.zipf)
        files = [resolve(n, bases) for n in (*opts["wordlists"], *opts["accept_files"])]
        self.accept = load_accept(files, opts["accept"])
        self.reject = load_reject([resolve(n, bases) for n in opts["reject_files"]], opts["reject"])
        self.locale: str = opts["locale"]
        self.min_length: int = opts["min_length"]
        self.common: float = opts["common"]
        self.margins = (opts["margin"], opts["margin_capitalised"], opts["margin_name"], opts["margin_evidence"])
        self.max_edits: int = opts["max_edits"]
        self._memo: dict[str, _Verdict | None] = {}

    # ------------------------------------------------------------ word verdicts

    def _locale_verdict(self, lw: str) -> _Verdict | None:
        """A spelling of the other English than the one asked for."""
        lex = self.lexicon
        if self.locale == "en-US" and lw not in lex.us_words:
            us = lex.british_variant_known(lw, 2.0)
            if us:
                return _Verdict(99.0, (us,))
        elif self.locale == "en-GB" and lw in lex.us_words and lw not in _EN_GB_EXCEPTIONS:
            gb = lex.british_form_of(lw)
            if gb:
                return _Verdict(99.0, (gb,))
        return None

    def _known(self, lw: str) -> bool:
        lex = self.lexicon
        if lw in lex.us_words or lex.freq(lw) >= self.common or lw in self.accept:
            return True
        if lex.british_variant_known(lw):
            return True
        for ending in _CONTRACTIONS:
            if lw.endswith(ending) and len(lw) > len(ending) + 1:
                stem = lw[: -len(ending)]
                return stem in lex.us_words or lex.freq(stem) >= self.common or self._known(stem)
        return False

    def verdict(self, lw: str) -> _Verdict | None:
        """None when the lowercase word is fine; else how suspicious it is (memoised)."""
        try:
            return self._memo[lw]
        except KeyError:
            pass
        result: _Verdict | None = None
        if lw in self.reject:
            right = self.reject[lw]
            result = _Verdict(99.0, (right,) if right else ())
        elif self.locale != "en" and (loc := self._locale_verdict(lw)):
            result = loc
        elif not self._known(lw):
            cands = self.index.candidates(lw.replace("'", ""), self.max_edits)
            if cands:
                gap = cands[0].score - self.lexicon.freq(lw)
                # A closed compound of two common words (carmaker, housebuilder) stands unless one
                # slip away from a much likelier word (meet+ting, sur+port).
                if not (self.lexicon.is_compound(lw) and (cands[0].distance > 1 or gap < _COMPOUND_GAP)):
                    result = _Verdict(gap, tuple(c.word for c in cands))
        self._memo[lw] = result
        return result

    # ------------------------------------------------------------ document evidence

    @staticmethod
    def _initial(text: str, start: int, floor: int) -> bool:
        """Whether the word at ``start`` begins a sentence, line or quotation."""
        i = start - 1
        while i >= floor and text[i] in " \t\"“‘'([*":
            if text[i] in "\"“‘'([":
                return True
            i -= 1
        return i < floor or text[i] in _INITIAL_BEFORE

    def _needed(self, text: str, ws: int, we: int, word: str, verdict: _Verdict, doc: Document,
                seen: Counter[str]) -> float:
        """The margin a suspicious word must clear, from its case, its neighbours and the article."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        if not word[0].isupper():
            if top in seen and len(top) >= 5 and self.lexicon.freq(top) < 5.5:
                return min(self.margins[0], self.margins[3])  # spelt right elsewhere in the article
            return float(self.margins[0])
        cased = top[:1].upper() + top[1:]
        if (cased in seen and top not in seen and len(top) >= 5 and self.lexicon.freq(top) < 5.0
                and not (word.startswith(cased) or cased.startswith(word))):
            return float(self.margins[3]) + 0.5  # the name, spelt right elsewhere in the article
        if verdict.suggestions and verdict.suggestions[0] in _CALENDAR:
            return float(self.margins[3]) + 1.0  # Febuary, Wensday: a misspelled common name
        para = doc.paragraph_at(ws)
        if (doc.headline and ws < doc.headline.end) or self._initial(text, ws, para.start if para else 0):
            return float(self.margins[1])
        before = _PREV_WORD.search(text, max(0, ws - 60), ws)
        after = _NEXT_WORD.match(text, we)
        if (before and before.group(1)[:1].isupper()) or (after and after.group(1)[:1].isupper()):
            return 99.0  # among capitalised words mid-sentence: part of a name
        return float(self.margins[2])

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        skips = [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text)]
        counts: Counter[str] | None = None
        for start, end in doc.regions(self.rule.scope):
            for m in _WORD.finditer(text, start, end):
                word = m.group()
                if len(word) < self.min_length or len(word) > 40 or not _LATIN.fullmatch(word):
                    continue
                ws, we = m.start(), m.end()
                if (we < len(text) and text[we] in ".@-_/\\" and we + 1 < len(text) and text[we + 1].isalnum()) or (
                    ws > 0 and text[ws - 1] in ".@_/\\" and ws > 1 and text[ws - 2].isalnum()
                ):
                    continue  # part of U.S., a domain, a path or a dotted name
                if text[we : we + 1] == "&" or text[ws - 1 : ws] in ("&", "#", ";"):
                    continue  # an HTML entity around it (clich&#233;)
                norm = word.replace("’", "'")
                if norm.endswith("'s"):
                    norm, we = norm[:-2], we - 2
                if norm[1:] != norm[1:].lower():
                    continue  # ALL CAPS or MixedCase: acronyms and brands
                lw = norm.lower()
                verdict = self.verdict(lw)
                if verdict is None:
                    continue
                if any(s <= ws < e for s, e in skips) or _SIC.match(text, we):
                    continue
                if verdict.gap < 90:
                    if counts is None:
                        counts = Counter(w.group() for w in _WORD.finditer(text))
                        folded: Counter[str] = Counter()
                        for form, n in counts.items():
                            folded[form.lower()] += n
                    if folded[word.lower()] > 1:
                        continue  # used twice: a name or a term of the story, not a slip
                    if verdict.gap < self._needed(text, ws, we, norm, verdict, doc, counts):
                        continue
                suggestions = tuple(match_case(s, norm) for s in verdict.suggestions[:3])
                top = suggestions[0] if suggestions else ""
                yield Hit(
                    ws, we,
                    {"match": text[ws:we], "suggestion": top or "?"},
                    suggestions=suggestions,
                    fix=Fix(ws, we, top) if top else None,
                )
