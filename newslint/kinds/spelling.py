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

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA

from newslint.document import SCOPES, Document
from newslint.findings import Fix, Hit
from newslint.kinds.base import Kind
from newslint.options import Option
from newslint.tokens import match_case

# Text that is not prose (tested on the whitespace-delimited chunk around a suspicious word only):
# URLs, e-mail addresses, handles, hashtags, inline code, domain names.
_NOT_PROSE = regex.compile(
    r"(?:https?://|ftp://|www\.)|@\w|(?:^|[\s(\"'“])#\w|`|\w\.(?:com|org|net|gov|edu|uk|io|info|biz|tv|ca|au|de|fr|in)\b"
)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*")
_MARK = regex.compile(r"\p{M}")  # combining marks: tokens of the lowercased text would split there
_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f']+")
_OPEN_QUOTES = frozenset("\"“‘'«")
_CLOSE_AFTER = regex.compile(r"[,.!?;:]?[\"”’'»]")
_SIC = regex.compile(r"\s*[\[(]sic[\])]", regex.IGNORECASE)
_WORD_INNER = ".'’-"  # besides letters, what a word before a name may hold (St. John's, Jean-Luc)
_NEXT_WORD = regex.compile(r"(?:'s|’s)? (\p{L}+)")
_COMPOUND_GAP = 2.0
_NAME = 99.0
_CHUNK_MEMO_LIMIT = 1_000_000  # chunks remembered per process (a few tens of MB at most)
# Punctuation around a word in running text (never part of a word: see _WORD).
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,.;:!?…*/|-–—"
_CALENDAR = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    )
)
_CONTRACTIONS = ("n't", "'ll", "'re", "'ve", "'d", "'m", "'s")
_INITIAL_BEFORE = frozenset(".!?:;—–-…\n\r\"“”‘'([")
_EN_GB_EXCEPTIONS = frozenset({"program", "programs", "disk", "disks", "analog", "dialog"})


class _Verdict:
    """Why a lowercase word is suspicious: the gap to its best correction, and the corrections."""

    __slots__ = ("distance", "gap", "ranked", "suggestions")

    def __init__(
        self, gap: float, suggestions: tuple[str, ...], ranked: tuple[tuple[str, int, float], ...] = ()
    ) -> None:
        self.gap = gap
        self.suggestions = suggestions
        self.ranked = ranked  # (word, edits, gap) of each searched correction, best first
        self.distance = ranked[0][1] if ranked else 0  # edits to the best (0: from a list)

    def within(self, edits: int) -> _Verdict | None:
        """The verdict with only corrections at most ``edits`` away (None when none is)."""
        if self.distance <= edits:
            return self
        near = tuple(r for r in self.ranked if r[1] <= edits)
        return _Verdict(near[0][2], tuple(r[0] for r in near), near) if near else None


class Spelling(Kind):
    name = "spelling"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    overlap = "yields"  # a date rule or an agreeing rule on the same word reports it instead
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
    option_schema: ClassVar[Mapping[str, Option]] = {
        "locale": Option(
            "str", "en", "en (British and American), en-US or en-GB", choices=("en", "en-US", "en-GB")
        ),
        "accept": Option("list[str]", [], "extra words (or regexes) that are fine"),
        "accept_files": Option("list[path]", [], "files of accepted words/regexes, one a line"),
        "reject": Option("dict[str,str]", {}, "words always flagged -> their suggestion"),
        "reject_files": Option("list[path]", [], "files of 'wrong -> right' lines, always flagged"),
        "wordlists": Option("list[str]", [], "built-in accept lists, relative to the rule file"),
        "min_length": Option("int", 3, "shortest word checked", minimum=1),
        "common": Option("float", 3.5, "Zipf frequency at which a word is accepted outright", minimum=0),
        "margin": Option("float", 1.2, "how much likelier a correction must be (Zipf units)", minimum=0),
        "margin_capitalised": Option(
            "float", 3.1, "the same for a capitalised word opening a sentence", minimum=0
        ),
        "margin_name": Option("float", 3.6, "the same for a capitalised word mid-sentence", minimum=0),
        "margin_evidence": Option(
            "float", 1.0, "the same when the article uses the correction elsewhere", minimum=0
        ),
        "max_edits": Option("int", 2, "largest edit distance to a correction", minimum=1, maximum=3),
        "max_edits_short": Option(
            "int",
            1,
            "the same for a word of four letters or fewer (hoc, oche, auf are not slips of his, the, and)",
            minimum=1,
            maximum=3,
        ),
        "max_edits_capitalised": Option(
            "int",
            1,
            "the same for a capitalised word (a name two edits from a common word is a name)",
            minimum=1,
            maximum=3,
        ),
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
        self.margins: tuple[float, float, float, float] = (
            opts["margin"],
            opts["margin_capitalised"],
            opts["margin_name"],
            opts["margin_evidence"],
        )
        self.max_edits: int = opts["max_edits"]
        self.max_edits_capitalised: int = opts["max_edits_capitalised"]
        self.max_edits_short: int = opts["max_edits_short"]
        self._memo: dict[tuple[str, int], _Verdict | None] = {}
        # Whether every dictionary word is fine as written: not when some are rejected, or with
        # locale en-GB (color, center are flagged then).
        self._dictionary_is_plain = not self.reject and self.locale != "en-GB"
        self._fine: dict[str, bool] = {}
        self._plain: set[str] = set()  # surface forms that never need checking
        self._plain_chunks: set[str] = set()  # whitespace-delimited chunks holding only plain forms
        self._plain_tokens: set[str] = set()  # lowercased tokens all of whose forms are plain
        self._odd_tokens: dict[str, tuple[str, ...]] = {}  # the others, and their odd forms

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
        # The plural of a dictionary word the lists lack (recourses, flyovers): a long stem, and common.
        stem = lw[:-1]
        return lw.endswith("s") and len(stem) >= 6 and stem in lex.us_words and lex.freq(stem) >= 2.5

    def fine(self, lw: str) -> bool:
        """Whether a lowercase word needs no further thought (memoised; the common case)."""
        ok = self._fine.get(lw)
        if ok is None:
            ok = (
                lw not in self.reject
                and self._known(lw)
                and not (self.locale != "en" and self._locale_verdict(lw))
            )
            self._fine[lw] = ok
        return ok

    def verdict(self, lw: str, max_edits: int | None = None) -> _Verdict | None:
        """None when the lowercase word is fine; else how suspicious it is, with corrections up to
        ``max_edits`` away (default: the rule's ``max_edits``; memoised)."""
        edits = self.max_edits if max_edits is None else max_edits
        key = (lw, edits)
        try:
            return self._memo[key]
        except KeyError:
            pass
        result: _Verdict | None = None
        if lw in self.reject:
            right = self.reject[lw]
            result = _Verdict(99.0, (right,) if right else ())
        elif self.locale != "en" and (loc := self._locale_verdict(lw)):
            result = loc
        elif not self._known(lw):
            cands = self.index.candidates(lw.replace("'", ""), edits)
            if cands:
                gap = cands[0].score - self.lexicon.freq(lw)
                # A closed compound of two common words (carmaker, housebuilder) stands unless one
                # slip away from a much likelier word (meet+ting, sur+port).
                if not (self.lexicon.is_compound(lw) and (cands[0].distance > 1 or gap < _COMPOUND_GAP)):
                    freq = self.lexicon.freq(lw)
                    ranked = tuple((c.word, c.distance, c.score - freq) for c in cands)
                    result = _Verdict(gap, tuple(c.word for c in cands), ranked)
        self._memo[key] = result
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

    def _position_margin(self, text: str, ws: int, we: int, word: str, doc: Document) -> float:
        """The margin a word needs from its case and place: lowercase, sentence-initial, mid-sentence,
        or among other capitalised words (a name: effectively never flagged)."""
        if not word[0].isupper():
            return float(self.margins[0])
        para = doc.paragraph_at(ws)
        if (doc.headline and ws < doc.headline.end) or self._initial(text, ws, para.start if para else 0):
            return float(self.margins[1])
        if _initial_before(text, ws, max(0, ws - 60)).isupper():
            return _NAME
        after = _NEXT_WORD.match(text, we)
        if after and after.group(1)[:1].isupper():
            return _NAME
        return float(self.margins[2])

    def _max_edits_for(self, word: str) -> int:
        """How far a correction may be: less for capitalised words (names) and short words
        (abbreviations, foreign words), where two edits reach a common word by chance."""
        limit = self.max_edits
        if word[:1].isupper():
            limit = min(limit, self.max_edits_capitalised)
        if len(word) <= 4:
            limit = min(limit, self.max_edits_short)
        return limit

    def _needed(self, word: str, margin: float, verdict: _Verdict, text: str) -> float:
        """Lower the positional margin on evidence: the article spells the correction right
        elsewhere, or the correction is a month or weekday (Febuary, Wensday)."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        if not word[0].isupper():
            if len(top) >= 5 and self.lexicon.freq(top) < 5.5 and _occurrences(text, top):
                return min(margin, self.margins[3])
            return margin
        cased = top[:1].upper() + top[1:]
        variant = word.startswith(cased) or cased.startswith(word)  # Magic/Magica: a real variant
        if (
            len(top) >= 5
            and self.lexicon.freq(top) < 5.0
            and not variant
            and _occurrences(text, cased)
            and not _occurrences(text, top)
        ):
            margin = min(margin, self.margins[3] + 0.5)
        if top in _CALENDAR and len(top) > 5:
            margin = min(margin, self.margins[3])  # Febuary, Wensday: a misspelled common name
        elif len(word) >= 6 and self.lexicon.freq(top) >= 3.5 and _transposed(word.lower(), top):
            margin = min(margin, self.margins[3] + 0.5)  # Britian, Bangaldesh: two letters swapped
        return margin

    def _plain_form(self, word: str) -> bool:
        """Whether a surface form never needs checking: known, or skipped by its shape."""
        if len(word) < self.min_length or len(word) > 40 or not _LATIN.fullmatch(word):
            return True
        norm = _stem(word)
        if not norm or norm[1:] != norm[1:].lower():
            return True  # ALL CAPS or MixedCase: acronyms and brands
        return self.fine(norm.lower())

    def _odd_forms(self, text: str) -> set[str]:
        """The word forms in ``text`` that need a closer look.

        Whitespace-delimited chunks ("said,", "(Reuters)") recur across a corpus far more than they
        vary, so chunks already seen to be a plain word in punctuation are dropped with one set
        difference in C, and the rest are tokenised in one call (a word never spans whitespace).
        """
        plain, plain_chunks = self._plain, self._plain_chunks
        novel = set(text.split()) - plain_chunks
        if not novel:
            return set()
        odd: set[str] = set()
        for form in set(_WORD.findall(" ".join(novel))) - plain:
            if self._plain_form(form):
                plain.add(form)
            else:
                odd.add(form)
        for chunk in novel:
            if chunk.strip(_EDGE_PUNCTUATION) in plain:
                plain_chunks.add(chunk)
        if len(plain_chunks) > _CHUNK_MEMO_LIMIT:
            plain_chunks.clear()
        return odd

    def _plain_part(self, part: str) -> bool:
        """Whether every way of writing the lowercase word ``part`` (lowercase, Capitalised, ALL
        CAPS, MixedCase) is plain: the shape test and the dictionary do not depend on case."""
        if len(part) < self.min_length or len(part) > 40 or not _LATIN.fullmatch(part):
            return True
        norm = _stem(part)
        return not norm or self.fine(norm.lower())

    def _odd_forms_of(self, vocabulary: frozenset[str]) -> set[str]:
        """The forms needing a closer look, from the document's lowercased vocabulary (computed
        once for several rules).  Known tokens are dropped with one set difference in C.  Only a
        lowercase or Capitalised form can be odd (ALL CAPS and MixedCase words are skipped), so
        those two spellings of each unknown word are the forms to look for in the text."""
        plain_tokens, odd_tokens = self._plain_tokens, self._odd_tokens
        odd: set[str] = set()
        novel = vocabulary - plain_tokens
        if self._dictionary_is_plain:
            # A dictionary word is plain in any case: no need to take it apart (a word with an
            # apostrophe still is: "opec's" is checked as "opec", as in the text).
            listed = {t for t in novel & self.lexicon.us_words if t.isalpha()}
            if listed:
                plain_tokens |= listed
                novel -= listed
        for token in novel:
            forms = odd_tokens.get(token)
            if forms is None:
                found: set[str] = set()
                for part in _WORD.findall(token):
                    if not self._plain_part(part):
                        for form in {part, part[:1].upper() + part[1:], part[:1].title() + part[1:]}:
                            if form not in self._plain and not self._plain_form(form):
                                found.add(form)
                if not found:
                    plain_tokens.add(token)
                    continue
                forms = odd_tokens[token] = tuple(found)
            odd.update(forms)
        if len(plain_tokens) > _CHUNK_MEMO_LIMIT or len(odd_tokens) > _CHUNK_MEMO_LIMIT:
            plain_tokens.clear()
            odd_tokens.clear()
        return odd

    def _forced(self, lw: str) -> bool:
        """Whether the word is flagged whatever the document says: rejected, or of the other locale."""
        return lw in self.reject or (self.locale != "en" and self._locale_verdict(lw) is not None)

    def _single_uses(self, text: str, start: int, end: int, odd: set[str]) -> Iterator[tuple[int, str]]:
        """(offset, form) of the odd forms worth a closer look: a form written twice or more is
        a name or a term of the story (unless a rule forces it), so it is dropped here at once."""
        for form, offsets in _find_words(text, start, end, odd).items():
            if len(offsets) > 1 and not self._forced(_stem(form).lower()):
                continue
            for ws in offsets:
                yield ws, form

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        lower: str | None = None
        whole = self.rule.scope == "text" and (text.isascii() or not _MARK.search(text))
        for start, end in doc.regions(self.rule.scope):
            if whole:
                odd = self._odd_forms_of(doc.lowered_vocabulary)
            else:
                odd = self._odd_forms(text[start:end] if start or end != len(text) else text)
            if not odd:
                continue
            for ws, word in sorted(self._single_uses(text, start, end, odd)):
                we = ws + len(word)
                if (we + 1 < len(text) and text[we] in ".@-_/\\" and text[we + 1].isalnum()) or (
                    ws > 1 and text[ws - 1] in ".@_/\\" and text[ws - 2].isalnum()
                ):
                    continue  # part of U.S., a domain, a path or a dotted name
                if text[we : we + 1] == "&" or text[ws - 1 : ws] in ("&", "#", ";"):
                    continue  # an HTML entity around it (clich&#233;)
                norm = _stem(word)
                we = ws + len(norm)
                lw = norm.lower()
                if _not_prose(text, ws, we) or _SIC.match(text, we) or _scare_quoted(text, ws, we):
                    continue
                forced = self._forced(lw)
                margin = 0.0
                if not forced:
                    if lower is None:
                        lower = text.lower()
                    if _occurrences(lower, lw) > 1:
                        continue  # used twice: a name or a term of the story, not a slip
                    margin = self._position_margin(text, ws, we, norm, doc)
                    if margin >= _NAME and not _near_calendar(lw):
                        continue
                # Taha, Randt (names), hoc, auf: two edits from The, And, his, and; Wensday stays.
                # Only words that may use the far corrections pay for searching them.
                limit = self.max_edits if forced else self._max_edits_for(norm)
                verdict = self.verdict(lw, self.max_edits if _near_calendar(lw) else limit)
                if verdict is None:
                    continue
                if not forced and not (verdict.suggestions and verdict.suggestions[0] in _CALENDAR):
                    verdict = verdict.within(limit)
                    if verdict is None:
                        continue
                if not forced and verdict.gap < self._needed(norm, margin, verdict, text):
                    continue
                suggestions = tuple(match_case(s, norm) for s in verdict.suggestions[:3])
                top = suggestions[0] if suggestions else ""
                yield Hit(
                    ws,
                    we,
                    {"match": text[ws:we], "suggestion": top or "?"},
                    suggestions=suggestions,
                    fix=Fix(ws, we, top, safe=len(suggestions) == 1)
                    if top
                    else None,  # a guess among several: unsafe
                )


def _stem(word: str) -> str:
    """The word with its apostrophes straightened and a possessive 's dropped (Kim’s -> Kim)."""
    return word.replace("’", "'").removesuffix("'s")


def _initial_before(text: str, ws: int, floor: int) -> str:
    """The first letter of the word that ends one space before ``ws`` (not before ``floor``), or "".

    The word is the run of letters and ``.'’-`` ending there, from its first letter: what the
    pattern ``(\\p{L}[\\p{L}.'’-]*) $`` finds searched in ``text[floor:ws]``, without trying
    every start in the window (a hot path: once per capitalised unknown word).
    """
    end = ws - 1
    if end > floor and text[end] == "\n":
        end -= 1  # as the pattern's $, which also matches before a final line break
    if end < floor or text[end] != " ":
        return ""
    start = end
    while start > floor and (text[start - 1].isalpha() or text[start - 1] in _WORD_INNER):
        start -= 1
    for i in range(start, end):
        if text[i].isalpha():
            return text[i]
    return ""


def _occurrences(text: str, word: str) -> int:
    """How often ``word`` occurs in ``text`` as a whole word (case as given)."""
    n = 0
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalpha()) and (j >= len(text) or not text[j].isalpha()):
            n += 1
        i = text.find(word, j)
    return n


def _find_words(text: str, start: int, end: int, words: set[str]) -> dict[str, list[int]]:
    """The offsets of each whole-word occurrence of the given words in ``text[start:end]``."""
    found: dict[str, list[int]] = {}
    for word in words:
        i = text.find(word, start, end)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not _is_word_char(text[i - 1])) and (j >= len(text) or not _is_word_char(text[j])):
                found.setdefault(word, []).append(i)
            i = text.find(word, j, end)
    return found


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


def _scare_quoted(text: str, ws: int, we: int) -> bool:
    """A word quoted on its own ('the “frunk”') is a coined or cited term, not a slip."""
    return ws > 0 and text[ws - 1] in _OPEN_QUOTES and bool(_CLOSE_AFTER.match(text, we))


def _not_prose(text: str, ws: int, we: int) -> bool:
    """Whether the whitespace-delimited chunk holding a word is a URL, address, handle, tag or code."""
    left = max(text.rfind(" ", 0, ws), text.rfind("\n", 0, ws)) + 1
    right = min((i for i in (text.find(" ", we), text.find("\n", we)) if i >= 0), default=len(text))
    return _NOT_PROSE.search(text, max(left - 1, 0), right) is not None


def _transposed(word: str, other: str) -> bool:
    """Whether two adjacent letters of ``other`` are swapped in ``word`` (and nothing else differs)."""
    if len(word) != len(other):
        return False
    diff = [i for i in range(len(word)) if word[i] != other[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == other[diff[1]]
        and (word[diff[1]] == other[diff[0]])
    )


_CALENDAR_NAMES = sorted(_CALENDAR)


@functools.lru_cache(maxsize=65536)
def _near_calendar(word: str) -> bool:
    """Within two edits of a month or weekday name (one C call over the nineteen names)."""
    return process.extractOne(word, _CALENDAR_NAMES, scorer=OSA.distance, score_cutoff=2) is not None
