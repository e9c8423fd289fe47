"""Spelling, the evidence of the article: how much likelier a correction must be for a word here.

The verdict on a word alone is not enough: its case and place (a name mid-sentence), the words
around it, and whether the article spells the correction right elsewhere move the margin.  Split
out of ``newslint/kinds/spelling.py`` (issue 18) so each job reads on its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA

from newslint.core.calendar import calendar_names
from newslint.core.document import Document
from newslint.spelling.morphology import (
    agent_noun,
    collapse_triples,
    misplaced_apostrophe,
    prefixed,
)
from newslint.spelling.text import dropped_or_swapped, initial_before, occurrences, stem, transposed
from newslint.spelling.verdict import WELL_KNOWN_SLIP_ZIPF, Verdict, Verdicts

_NEXT_WORD = regex.compile(r"(?:'s|’s)? (\p{L}+)")
# followed by two more capitalised items of a comma-separated list (a team list, a roll of names)
_NAME_LIST = regex.compile(r"(?:'s|’s)?, \p{Lu}[\p{L}'’-]*(?:,| and) \p{Lu}")
_UNLISTED_COMMONER = 0.9  # an unlisted lowercase word one slip from a word this much commoner: a slip
_UNLISTED_COMMONER_LONG = 0.5  # ... less for a long word (creedence, beastiality): one slip from a
_UNLISTED_LONG_MIN_LETTERS = 9  # ... listed word, a word this long is rarely another word
_UNLISTED_COMMONER_SIX = 2.0  # ... and for a six-letter word two slips away (collum, tounge)
_UNLISTED_COMMONER_FIVE = 2.5  # ... five letters (skool)
_UNLISTED_COMMONER_FAR = 1.5  # ... the same for a long word two slips away (definetly, occurance)
_MARGIN_UNLISTED = 0.3  # a lowercase word in no dictionary and rare on the web: a slip, unless ...
_MARGIN_UNLISTED_FAR = 0.5  # ... the same for a long word two slips from its correction
_UNHEARD_OF_ZIPF = 1.0  # a capitalised form rarer than this on the web is a slip or an obscure name
_KNOWN_NAME_ZIPF = 2.5  # ... of a name (or word) at least this common
_KNOWN_LONG_NAME_ZIPF = 1.5  # ... (among names: this common for a long one) ...
_LONG_NAME_MIN_LETTERS = 10  # ... (this long)
_MARGIN_UNLISTED_NAME = 1.5  # ... the same for a name one slip from a name the dictionaries know
_ATTESTED_EXTRA = 1.0  # more margin for a word the web or pyspellchecker knows, though no dictionary
_LISTED_RARE_MAX_ZIPF = 3.0  # (none for a word only pyspellchecker lists, rarer than this on the web:
# its list is counted from subtitles and keeps their misspellings: pervious, surprize) ...
_LISTED_RARE_COMMONER = 2.5  # ... one slip from a word the web writes this much more often)
NAME_MARGIN = 99.0  # the margin of a capitalised word among capitalised words: a name, never flagged
_PROPER_MIN_ZIPF = 4.0  # a name this common, lowercased, is a slip (british); a rarer one may be a word
CALENDAR = calendar_names()  # month and weekday names: the calendar vocabulary
_INITIAL_BEFORE = frozenset(".!?:;—–-…\n\r\"“”‘'([")
_CALENDAR_NAMES = sorted(CALENDAR)
_NAME_BEFORE_REACH = 60  # characters looked back for a capitalised word before a name
_REPEATED_SLIP_MIN_LETTERS = 6  # a shorter word written twice is a term of the story, not a slip
_REPEATED_SLIP_MAX_ZIPF = 2.5  # ... and so is one this common on the web
_REPEATED_SLIP_GAP = 1.0  # ... unless its correction is at least this much likelier
_REPEATED_SLIP_COMMONER = 1.5  # ... or a well-known misspelling of a word the web writes this much more
_USED_ELSEWHERE_MAX_ZIPF = 5.5  # a correction the article uses, rarer than this: evidence (lowercase)
_USED_CAPITALISED_MAX_ZIPF = 5.0  # ... the same for a capitalised word
_CAPITALISED_EVIDENCE_EXTRA = 0.5  # a capitalised word needs this much more than margin_evidence
_TRANSPOSED_MIN_ZIPF = 3.5  # two letters swapped in a word this common (Britian): evidence
_TRANSPOSED_MIN_LETTERS = 6  # ... in a word at least this long (shorter swaps make other words)
_SHORT_WORD_MAX_LETTERS = 4  # a word this short takes max_edits_short (hoc, auf are not slips)
_LONG_WORD_MIN_LETTERS = 7  # a word this long, in no list, may be two slips from its correction
_UNLISTED_MIN_LETTERS = 5  # an unlisted word this long one slip from a word: a slip (recieve)
_UNHEARD_OF_MIN_LETTERS = 5  # a shorter capitalised form the web lacks is an abbreviation or a name
_COMMON_SLIP_MIN_LETTERS = 7  # a capitalised slip of a common word flagged anywhere is this long ...
_COMMON_SLIP_MIN_ZIPF = 3.5  # ... and its correction at least this common
_FAMOUS_SLIP_MIN_LETTERS = 10  # a capitalised form this long (shorter: Peston, Patrik are names) ...
_FAMOUS_SLIP_MAX_ZIPF = 2.5  # ... rarer than this on the web ...
_FAMOUS_MIN_ZIPF = 3.4  # ... a learned slip of a name at least this common ...
_FAMOUS_COMMONER = 1.5  # ... and this much commoner than the form as written ...
_MARGIN_FAMOUS_SLIP = 0.5  # ... needs only this margin (Volkswagon, Beiber, Cristie)
_VOWELS = frozenset("aeiouy")
_HYPHENATED_SLIP_MAX_ZIPF = 1.5  # a part of a hyphenated compound this rare alone is weighed as a word
_LOWERCASED_NAME_MIN_LETTERS = 5  # a shorter lowercased name is often a foreign word (des, van)


@dataclass(frozen=True)
class Margins:
    """How much likelier (Zipf units) a correction must be than the word as written."""

    lowercase: float  # a lowercase word
    capitalised: float  # a capitalised word opening a sentence or in the headline
    name: float  # a capitalised word mid-sentence (usually a name)
    evidence: float  # any word whose correction the article uses elsewhere


@dataclass(frozen=True)
class EditLimits:
    """How many edits away a correction may be."""

    most: int  # any word
    short: int  # a word of four letters or fewer (hoc, auf are not slips of his, and)
    capitalised: int  # a capitalised word (a name two edits from a common word is a name)


class ArticleEvidence:
    """The weighing of words in one article: the margin a word needs from its case and place and
    from what the article writes elsewhere (built per document by the ``spelling`` kind)."""

    def __init__(self, verdicts: Verdicts, margins: Margins, limits: EditLimits, doc: Document) -> None:
        self.verdicts = verdicts
        self.lexicon = verdicts.lexicon
        self.margins = margins
        self.limits = limits
        self.doc = doc
        self.text = doc.text

    @staticmethod
    def _initial(text: str, start: int, floor: int) -> bool:
        """Whether the word at ``start`` begins a sentence, line or quotation."""
        i = start - 1
        while i >= floor and text[i] in " \t\"“‘'([*":
            if text[i] in "\"“‘'([":
                return True
            i -= 1
        return i < floor or text[i] in _INITIAL_BEFORE

    def position_margin(self, ws: int, we: int, word: str) -> float:
        """The margin a word needs from its case and place: lowercase, sentence-initial, mid-sentence,
        or among other capitalised words (a name: effectively never flagged)."""
        text, doc = self.text, self.doc
        if not word[0].isupper():
            return self.margins.lowercase
        if _NAME_LIST.match(text, we):
            return NAME_MARGIN  # "Replacements: Gotting, Smith, Lock": one of a list of names
        inner = word[1:-1]
        if ("'" in inner or "’" in inner) and not misplaced_apostrophe(
            word.lower().replace("’", "'"), self.lexicon.words
        ):
            return NAME_MARGIN  # Ma'a, Sa'id: an apostrophe inside a name, not a contraction (Wer'e)
        para = doc.paragraph_at(ws)
        if (doc.headline and ws < doc.headline.end) or self._initial(text, ws, para.start if para else 0):
            return self.margins.capitalised
        if initial_before(text, ws, max(0, ws - _NAME_BEFORE_REACH)).isupper():
            return NAME_MARGIN
        after = _NEXT_WORD.match(text, we)
        if after and after.group(1)[:1].isupper():
            return NAME_MARGIN
        return self.margins.name

    def max_edits_for(self, word: str) -> int:
        """How far a correction may be: less for capitalised words (names) and short words
        (abbreviations, foreign words), where two edits reach a common word by chance."""
        limit = self.limits.most
        if word[:1].isupper():
            limit = min(limit, self.limits.capitalised)
        if len(word) <= _SHORT_WORD_MAX_LETTERS:
            limit = min(limit, self.limits.short)
        return limit

    def shape_unlikely(self, word: str, margin: float, verdict: Verdict, hyphenated: bool) -> bool:
        """A lost space or apostrophe is not what happened to a part of a hyphenated compound, a
        capitalised word mid-sentence (Aton, Cluedo: names), or a capitalised word that would
        split in two (Windo at the start of a sentence) or take a g (Linkin)."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        dropped_g = top == word.lower() + "g"  # Linkin Park
        return hyphenated or (word[0].isupper() and (margin == self.margins.name or " " in top or dropped_g))

    def repeated_slip(self, word: str) -> bool:
        """A lowercase word written more than once that is still a slip (honourary twice): in no
        dictionary, rare on the web, and one plain slip from a word far likelier, or a well-known
        misspelling of one the web writes far more often (a word of the story the web lacks,
        ariary, is no such slip).  A writer repeats a misspelling they
        believe in; a coined term has no such near word."""
        lw = stem(word)
        if (
            not lw.islower()
            or len(lw) < _REPEATED_SLIP_MIN_LETTERS
            or self.verdicts.attested(lw)
            or self.lexicon.freq(lw) >= _REPEATED_SLIP_MAX_ZIPF
        ):
            return False
        words = self.lexicon.words
        if self.lexicon.is_compound(lw) or prefixed(lw, words) or agent_noun(lw, words):
            return False  # paycuts, rebanding, sentencers: made on purpose
        verdict = self.verdicts.verdict(lw, 1)
        return (
            verdict is not None
            and not verdict.shape
            and verdict.distance == 1
            and (verdict.gap >= _REPEATED_SLIP_GAP or self._well_known_slip(lw, verdict))
        )

    def _well_known_slip(self, lw: str, verdict: Verdict) -> bool:
        """A misspelling people write (on many web pages) of a dictionary word one slip away that
        the web writes far more often still (honourary, honorary); the writer's repeating it is
        evidence too, so the bar is higher than for a single use (pestis, pests: a Latin name)."""
        lex = self.lexicon
        freq = lex.freq(lw)
        if freq < WELL_KNOWN_SLIP_ZIPF or not verdict.ranked or verdict.ranked[0][1] != 1:
            return False
        top = verdict.ranked[0][0]
        return top in lex.words and lex.freq(top) - freq >= _REPEATED_SLIP_COMMONER

    def lowercased_name(self, word: str) -> str | None:
        """The capitalised form of a well-known name written in lowercase (british, friday), when
        no dictionary has the lowercase word (china, march are words too); not a short one (des,
        van: French, Dutch)."""
        if (
            len(word) < _LOWERCASED_NAME_MIN_LETTERS
            or not word.isalpha()
            or not word.islower()
            or word in self.verdicts.accept
        ):
            return None
        lex = self.lexicon
        if word in lex.names and word not in lex.words and lex.freq(word) >= _PROPER_MIN_ZIPF:
            return word[:1].upper() + word[1:]
        return None

    def unheard_of(self, word: str) -> bool:
        """A capitalised word of five letters or more that no dictionary lists and hardly any web
        page has: a name the web has never seen, or a slip."""
        lw = word.lower()
        return (
            len(word) >= _UNHEARD_OF_MIN_LETTERS
            and self.lexicon.freq(lw) < _UNHEARD_OF_ZIPF
            and not self.verdicts.attested(lw)
        )

    def compound_fine(self, ws: int, we: int) -> bool:
        """A hyphenated compound judged whole first: listed as such (have-nots, touchy-feely), or
        a name (any part capitalised: Chong-gyu, Ngo-Anh), or with a number (18-year-olds)."""
        text = self.text
        start, end = ws, we
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in "-'’"):
            end += 1
        whole = text[start:end].strip("-'’")
        parts = [p for p in whole.split("-") if p]
        if any(p[:1].isupper() or any(ch.isdigit() for ch in p) for p in parts):
            return True
        lowered = stem(whole).lower()
        return lowered in self.lexicon.words or lowered in self.verdicts.accept

    def needed(self, word: str, margin: float, verdict: Verdict, hyphenated: bool = False) -> float:
        """Lower the positional margin on evidence: the article spells the correction right
        elsewhere, the correction is a month or weekday (Febuary, Wensday), or no dictionary
        and hardly any web page has the word as written (recieve, Hollwood)."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        lw = word.lower()
        if word[0].isupper() and not hyphenated and self.common_word_slip(word, verdict):
            return min(margin, self.margins.lowercase)  # Aquisitions, Commmittee: a word, not a name
        if word[0].isupper() and not hyphenated and self.famous_name_slip(word, verdict):
            return min(margin, _MARGIN_FAMOUS_SLIP)  # Volkswagon, Beiber: a famous name misspelled
        if (
            word[0].isupper()
            and margin == self.margins.name
            and top[:1].islower()
            and top not in self.lexicon.names
            and not occurrences(self.text, top[:1].upper() + top[1:])
        ):
            return NAME_MARGIN  # Gotting, Paion mid-sentence: a name a slip from a common word
        if margin >= NAME_MARGIN:  # among names (PSV Einhoven): only a name the dictionaries know, mistyped
            known = self._well_known_name(top, word)
            if known and verdict.distance == 1 and self.unheard_of(word) and not hyphenated:
                return _MARGIN_UNLISTED_NAME if dropped_or_swapped(lw, top) else margin
            return margin
        if (
            not self.verdicts.attested(lw)
            and not hyphenated
            and not word[0].isupper()
            and len(word) >= _LONG_WORD_MIN_LETTERS
        ):
            margin = min(margin, _MARGIN_UNLISTED_FAR)  # definatly, tommorow: two slips in a long word
        # in a hyphenated compound only a word the web hardly writes alone (one-hundreth; a coined
        # part such as vaxxers is written alone often enough)
        alone = not hyphenated or self.lexicon.freq(lw) < _HYPHENATED_SLIP_MAX_ZIPF
        unlisted = not self.verdicts.attested(lw) and len(word) >= _UNLISTED_MIN_LETTERS and alone
        if unlisted and verdict.distance == 1 and not word[0].isupper():
            margin = min(margin, _MARGIN_UNLISTED)  # recieve: receive is one slip away
        rare_listed = lw in self.lexicon.us_words and self.lexicon.freq(lw) < _LISTED_RARE_MAX_ZIPF
        if (
            (not self.verdicts.attested(lw) or rare_listed)
            and len(word) >= _UNLISTED_MIN_LETTERS
            and alone
            and not word[0].isupper()
            and self._commoner_near(lw, verdict)
        ):
            return -NAME_MARGIN  # pharoah, hinderance, definetly: the web writes the correction far more
        if (
            verdict.distance == 1
            and not hyphenated
            and word[0].isupper()
            and self.unheard_of(word)
            and self.lexicon.freq(top) >= _known_floor(word)
            and (margin <= self.margins.capitalised or top in self.lexicon.names)  # mid-sentence: a name
            and dropped_or_swapped(lw, top)
        ):
            # Hollwood, Thaliand, Subtitute: a known name or word with a letter dropped or two
            # swapped, and the form as written on hardly any web page: wherever it stands.
            margin = min(margin, _MARGIN_UNLISTED_NAME)
        if not word[0].isupper():
            if (
                len(top) >= 5
                and self.lexicon.freq(top) < _USED_ELSEWHERE_MAX_ZIPF
                and occurrences(self.text, top)
            ):
                return min(margin, self.margins.evidence)
            return margin
        cased = top[:1].upper() + top[1:]
        variant = word.startswith(cased) or cased.startswith(word)  # Magic/Magica: a real variant
        if (
            len(top) >= 5
            and self.lexicon.freq(top) < _USED_CAPITALISED_MAX_ZIPF
            and not variant
            and occurrences(self.text, cased)
            and not occurrences(self.text, top)
        ):
            margin = min(margin, self.margins.evidence + _CAPITALISED_EVIDENCE_EXTRA)
        if top in CALENDAR and len(top) > 5:
            margin = min(margin, self.margins.evidence)  # Febuary, Wensday: a misspelled common name
        elif (
            len(word) >= _TRANSPOSED_MIN_LETTERS
            and self.lexicon.freq(top) >= _TRANSPOSED_MIN_ZIPF
            and transposed(word.lower(), top)
        ):
            margin = min(
                margin, self.margins.evidence + _CAPITALISED_EVIDENCE_EXTRA
            )  # Britian, Bangaldesh: two letters swapped
        return margin

    def common_word_slip(self, word: str, verdict: Verdict) -> bool:
        """A capitalised word no web page writes, long, and a common lowercase word (no name) with
        a letter left out, doubled or held, or two swapped (Aquisitions, Commmittee): a slip
        wherever it stands.  Names one letter from a word are changes of a letter or additions
        (Gotting, Lievin), and the web knows most names that newswires print."""
        lw = word.lower()
        lex = self.lexicon
        if len(lw) < _COMMON_SLIP_MIN_LETTERS or lex.freq(lw) > 0 or not verdict.suggestions:
            return False
        top = verdict.suggestions[0]
        if " " in top or top not in lex.words or top in lex.names or lex.freq(top) < _COMMON_SLIP_MIN_ZIPF:
            return False
        if verdict.shape:
            return len(verdict.suggestions) == 1 and collapse_triples(lw) == top
        return verdict.distance == 1 and (dropped_or_swapped(lw, top) or _doubled(lw, top))

    def may_be_famous_slip(self, word: str) -> bool:
        """Whether a capitalised word among names is worth weighing as a famous name misspelled:
        long, and rarer on the web than a famous name (cheap: no search)."""
        lw = word.lower()
        return len(lw) >= _FAMOUS_SLIP_MIN_LETTERS and self.lexicon.freq(lw) < _FAMOUS_SLIP_MAX_ZIPF

    def famous_name_slip(self, word: str, verdict: Verdict) -> bool:
        """A capitalised form the web writes rarely, one learned slip (a letter dropped, doubled
        or undoubled, two swapped, a vowel for a vowel) from a name the web writes far more often
        (Volkswagon, Beiber, Cristie): the famous name misspelled, wherever it stands."""
        lw = word.lower()
        lex = self.lexicon
        if not self.may_be_famous_slip(word) or verdict.shape or verdict.distance != 1 or not verdict.ranked:
            return False
        if self.verdicts.attested(lw):
            return False
        top = verdict.ranked[0][0]
        famous = lex.freq(top)
        return (
            top in lex.names
            and famous >= _FAMOUS_MIN_ZIPF
            and famous - lex.freq(lw) >= _FAMOUS_COMMONER
            and _learned_slip(lw, top)
        )

    def _well_known_name(self, top: str, word: str) -> bool:
        """Whether the correction of a capitalised word among names is well known: a name the
        dictionaries list and the web writes often (less often for a long one: a long name one
        slip from another is rarely a third).  Not a common word: names one slip from a word
        abound (Geneti, Sprem)."""
        return top in self.lexicon.names and self.lexicon.freq(top) >= _known_floor(word)

    def _commoner_near(self, lw: str, verdict: Verdict) -> bool:
        """Whether a word no dictionary lists has as its likeliest correction a dictionary word one
        slip away (two in a long word) that the web writes far more often: a well-known misspelling,
        whatever the channel's cost of the slip (it undervalues the misspellings people learn:
        pharoah, hinderance).  Not a compound or a prefixed word (hardcourt, unpayable): coined."""
        lex = self.lexicon
        if not verdict.ranked or lex.is_compound(lw) or prefixed(lw, lex.words):
            return False
        word, edits = verdict.ranked[0][:2]
        if word not in lex.words:
            return False
        commoner = lex.freq(word) - lex.freq(lw)
        if edits == 1:
            long_word = len(lw) >= _UNLISTED_LONG_MIN_LETTERS
            return commoner >= (_UNLISTED_COMMONER_LONG if long_word else _UNLISTED_COMMONER)
        if edits == 2 and len(lw) == 5:
            return commoner >= _UNLISTED_COMMONER_FIVE
        if edits == 2 and len(lw) == 6:
            return commoner >= _UNLISTED_COMMONER_SIX
        return edits == 2 and len(lw) >= 7 and commoner >= _UNLISTED_COMMONER_FAR

    def attested_extra(self, lw: str, verdict: Verdict) -> float:
        """The extra margin for a word the web or pyspellchecker knows though no dictionary does:
        none for a rare one a slip from a dictionary word the web writes far more often."""
        if not self.verdicts.attested(lw):
            return 0.0
        lex = self.lexicon
        freq = lex.freq(lw)
        if freq < _LISTED_RARE_MAX_ZIPF and any(
            edits == 1 and word in lex.words and lex.freq(word) - freq >= _LISTED_RARE_COMMONER
            for word, edits, _gap, _rank in verdict.ranked
        ):
            return 0.0
        return _ATTESTED_EXTRA


def _learned_slip(word: str, other: str) -> bool:
    """A letter of ``other`` left out, doubled or undoubled, two neighbours swapped, or one vowel
    written for another: the slips of a writer who half-remembers a name."""
    if dropped_or_swapped(word, other) or _doubled(word, other) or _doubled(other, word):
        return True
    diff = [i for i in range(len(word)) if len(word) == len(other) and word[i] != other[i]]
    return len(diff) == 1 and word[diff[0]] in _VOWELS and other[diff[0]] in _VOWELS


def _doubled(word: str, other: str) -> bool:
    """``other`` with one of its letters written twice (Commitee, Committtee)."""
    return len(word) == len(other) + 1 and any(
        word[i] == word[i - 1] and word[:i] + word[i + 1 :] == other for i in range(1, len(word))
    )


def _known_floor(word: str) -> float:
    """How common on the web the correction of an unheard-of capitalised word must be: less for
    a long word (Blomefontein), as a long name one slip from a known one is rarely a third."""
    return _KNOWN_LONG_NAME_ZIPF if len(word) >= _LONG_NAME_MIN_LETTERS else _KNOWN_NAME_ZIPF


@functools.lru_cache(maxsize=65536)
def near_calendar(word: str) -> bool:
    """Within two edits of a month or weekday name (one C call over the nineteen names)."""
    return process.extractOne(word, _CALENDAR_NAMES, scorer=OSA.distance, score_cutoff=2) is not None
