"""Spelling, the verdict on a word: is the lowercase word fine, and if not, how suspicious it is.

The ``spelling`` kind asks this of every word its forms pass on; apart from the document, so the
answers are memoised per process.  A word a dictionary or list vouches for is fine; otherwise its
shape (a lost apostrophe or space, a held key), then the noisy channel over candidate corrections,
decide.  Split out of ``newslint/kinds/spelling.py`` (issue 18) so each job reads on its own.
"""

from __future__ import annotations

import functools
from collections.abc import Container
from typing import TYPE_CHECKING

from newslint.core.findings import Fix
from newslint.spelling.morphology import (
    FUNCTION_WORDS,
    adverb_slip,
    collapse_triples,
    derived,
    elongated,
    irregular_plural,
    misplaced_apostrophe,
    missing_apostrophe,
    plural_of,
    rare_doubling,
    regular_participle,
    run_together,
)

if TYPE_CHECKING:
    from newslint.spelling.candidates import CandidateIndex
    from newslint.spelling.lexicon import Lexicon
    from newslint.spelling.lists import WordList

_COMPOUND_GAP = 1.0  # a compound stands unless a word one slip away is this much likelier ...
_COMPOUND_ZIPF = 1.8  # ... or a word one slip away this much commoner (suprise: sup+rise)
_COMPOUND_UNLISTED_ZIPF = 1.0  # ... (1.0 when the web hardly knows the compound: existant, roomate)
_COMPOUND_UNLISTED_MAX_ZIPF = 2.5  # (a compound on fewer web pages than this is unlisted)
_DERIVED_COMMONER = 2.5  # a word that looks derived is a slip of one this much commoner (aweful)
_HELD_KEY_COMMON_ZIPF = 5.0  # a short word with a tripled letter giving a word this common: a slip (willl)
_SHAPE_GAP = 50.0  # a lost apostrophe or space: as sure as a misspelling gets, below a forced word
_RUN_TOGETHER_MAX_ZIPF = 2.0  # a joined pair written on more web pages than this is a coinage
_HELD_KEY_MIN = 6  # a shorter word with a tripled letter is an exclamation (Booo, hisss)
_PLURAL_RARER = 2.0  # an unlisted plural this much rarer than its singular is not its plural
WELL_KNOWN_SLIP_ZIPF = 1.5  # a misspelling on this many web pages is a well-known one (recieve)
_RIVAL_GAP = 1.5  # a second correction within this much of the first makes the fix a guess
#: a shorter "slip" is as often an abbreviation or dialect (shd, weh) as a typo: never a safe fix
_SAFE_FIX_MIN_LETTERS = 4
_CONTRACTIONS = ("n't", "'ll", "'re", "'ve", "'d", "'m", "'s")
_EN_GB_EXCEPTIONS = frozenset({"program", "programs", "disk", "disks", "analog", "dialog"})
_FORCED_GAP = 99.0  # a rejected word or one of the other locale: flagged whatever the margin
_OTHER_LOCALE_MIN_ZIPF = 2.0  # (en-US) a British spelling is flagged when its American form is this common
_BRITISH_FORM_MIN_ZIPF = 2.5  # a British form of a dictionary word, this common on the web: a word
_PLURAL_STEM_MIN_LETTERS = 6  # a plural the lists lack is vouched for only from a stem this long
_PLURAL_STEM_MIN_ZIPF = 2.5  # ... and at least this common on the web
_SUGGESTION_POOL = 10  # corrections the suggestion is chosen from (the verdict weighs the best five)
_RUN_TOGETHER_SLIP_SLACK = 1.0  # a one-slip word nearly as common as the rarer part: a slip (atfer)
_COMMON_PAIR_COMMONER = 2.0  # two words written this much more often apart (Zipf) than joined: alot
_COMMON_PAIR_MIN_ZIPF = 5.4  # ... a pair this common (a lot 6.9, in spite 5.5; a count 4.6) ...
_COMMON_PAIR_OVER_SLIP = 2.2  # ... and this much likelier than a one-slip word (alow: allow 1.8)
_ZIPF_OFFSET = 9.0
_WEAKLY_LISTED_MAX_ZIPF = 2.0  # a word only the British list has, rarer than this on the web ...
_WEAKLY_LISTED_UNHEARD_ZIPF = 1.0  # ... (rarer than this unless the slip is a doubled letter) ...
_WEAKLY_LISTED_COMMONER = 1.4  # ... one slip from a word both lists have, this much commoner
_WEAKLY_LISTED_MIN_LETTERS = 6  # ... and this long, is not vouched for (cannisters, wholescale)


class Verdict:
    """Why a lowercase word is suspicious: the gap to its best correction, and the corrections."""

    __slots__ = ("distance", "gap", "ranked", "searched", "shape", "suggestions")

    def __init__(
        self,
        gap: float,
        suggestions: tuple[str, ...],
        ranked: tuple[tuple[str, int, float, float], ...] = (),
        shape: bool = False,
        searched: int = 0,
    ) -> None:
        self.gap = gap
        self.shape = shape  # a lost apostrophe or space, a key held down: not a misspelling
        self.suggestions = suggestions
        self.ranked = ranked  # (word, edits, gap, rank) of each searched correction, best first
        self.searched = searched  # how many edits away corrections were searched (0: none were)
        # edits to the likeliest correction, the one that gives the gap (0: from a list)
        self.distance = max(ranked, key=lambda r: r[2])[1] if ranked else 0

    def within(self, edits: int) -> Verdict | None:
        """The verdict with only corrections at most ``edits`` away (None when none is)."""
        if self.distance <= edits and self.searched <= edits:
            return self
        if self.distance <= edits:
            return Verdict(self.gap, self.suggestions, self.ranked, self.shape, edits)
        near = tuple(r for r in self.ranked if r[1] <= edits)
        if not near:
            return None
        return Verdict(max(r[2] for r in near), tuple(r[0] for r in near), near, searched=edits)


_HELD = Verdict(0.0, (), shape=True)  # a letter held for effect (pleeease): fine as written


class Verdicts:
    """The verdicts on single lowercase words, from the lexicon and the rule's word lists.

    Built once per rule; memoises its answers for the process, so the common case is a couple of
    dict lookups per word.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        accept: WordList,
        reject: dict[str, str],
        locale: str,
        common: float,
        max_edits: int,
    ) -> None:
        self.lexicon = lexicon
        self.accept = accept
        self.reject = reject
        self.locale = locale
        self.common = common  # Zipf from which an unlisted word counts as attested
        self.max_edits = max_edits
        self._memo: dict[tuple[str, int], Verdict | None] = {}
        self._fine: dict[str, bool] = {}

    @functools.cached_property
    def index(self) -> CandidateIndex:
        """The candidate corrections, loaded on first need: many articles have no word to weigh."""
        from newslint.spelling.candidates import CandidateIndex

        return CandidateIndex(self.lexicon.zipf, allowed=self.lexicon.corrections)

    # ------------------------------------------------------------ word verdicts

    def locale_verdict(self, lw: str) -> Verdict | None:
        """A spelling of the other English than the one asked for."""
        lex = self.lexicon
        if self.locale == "en-US" and lw not in lex.us_words:
            us = lex.british_variant_known(lw, _OTHER_LOCALE_MIN_ZIPF)
            if us:
                return Verdict(_FORCED_GAP, (us,))
        elif self.locale == "en-GB" and lw in lex.us_words and lw not in _EN_GB_EXCEPTIONS:
            gb = lex.british_form_of(lw)
            if gb:
                return Verdict(_FORCED_GAP, (gb,))
        return None

    def known(self, lw: str) -> bool:
        """Whether a curated dictionary (or the user) vouches for the lowercase word.

        Frequency alone never does: the web's word counts hold the misspellings people make
        (recieve, occured), which are judged against their corrections instead (see ``verdict``).
        """
        lex = self.lexicon
        if lw in self.accept:
            return True
        if lw in lex.words:
            return not self.rarely_doubled(lw)
        if lex.freq(lw) >= _BRITISH_FORM_MIN_ZIPF and lex.british_variant_known(lw):
            return True
        if regular_participle(lw, lex.words):
            return True  # skilling: the -ing form of a verb the dictionary lists as skilled
        for ending in _CONTRACTIONS:
            if lw.endswith(ending) and len(lw) > len(ending) + 1:
                stem = lw[: -len(ending)]
                return stem in lex.us_words or lex.freq(stem) >= self.common or self.known(stem)
        # The plural of a dictionary word the lists lack (recourses, flyovers): a long stem, and common.
        # Not when the web writes the stem far more often (aircrafts, countrys, softwares).
        stem = lw[:-1]
        return (
            lw.endswith("s")
            and len(stem) >= _PLURAL_STEM_MIN_LETTERS
            and stem in lex.words
            and lex.freq(stem) >= _PLURAL_STEM_MIN_ZIPF
            and lex.freq(stem) - lex.freq(lw) < _PLURAL_RARER
            and not irregular_plural(stem, lex.words)
        )

    def rarely_doubled(self, lw: str) -> bool:
        """A dictionary word only the British list has that writers hardly use as it stands: a
        consonant doubled where writers hardly ever double it (targetted), or a form the web
        hardly writes one slip from a word both lists have and the web writes far more often
        (cannisters, wholescale).  Not vouched for: the channel judges it."""
        lex = self.lexicon
        if lw in lex.us_words:
            return False
        if rare_doubling(lw, lex.words, lex.freq) is not None:
            return True
        freq = lex.freq(lw)
        if freq >= _WEAKLY_LISTED_MAX_ZIPF or len(lw) < _WEAKLY_LISTED_MIN_LETTERS:
            return False
        if lex.british_variant_known(lw):
            return False  # a British spelling of an American word (the locale decides)
        # a letter left out or added inside the word: not its first letter (bourses, courses),
        # its ending (automations, automation: the affix rules' plural of a mass noun), nor a
        # letter changed (courters, counters: a word of its own).  A doubled letter is the slip
        # people make (cannisters) and may be commoner; any other only on hardly a web page.
        for c in self.index.candidates(lw, 1):
            inside = (
                abs(len(c.word) - len(lw)) == 1
                and c.word[0] == lw[0]
                and c.word[-2:] == lw[-2:]
                and c.word in lex.us_words
            )
            if not inside:
                continue
            doubled = len(lw) == len(c.word) + 1 and any(
                lw[i] == lw[i - 1] and lw[:i] + lw[i + 1 :] == c.word for i in range(1, len(lw))
            )
            unheard = freq < _WEAKLY_LISTED_UNHEARD_ZIPF
            if (doubled or unheard) and c.zipf - freq >= _WEAKLY_LISTED_COMMONER:
                return True
        return False

    def attested(self, lw: str) -> bool:
        """Not in a curated dictionary, but common on the web or in pyspellchecker's list: a word
        only when no correction is far likelier (jargon, slang, names) -- the noisy channel decides
        with a larger margin."""
        return lw in self.lexicon.us_words or self.lexicon.freq(lw) >= self.common

    def forced(self, lw: str) -> bool:
        """Whether the word is flagged whatever the document says: rejected, or of the other locale."""
        return lw in self.reject or (self.locale != "en" and self.locale_verdict(lw) is not None)

    def fine(self, lw: str) -> bool:
        """Whether a lowercase word needs no further thought (memoised; the common case)."""
        ok = self._fine.get(lw)
        if ok is None:
            ok = (
                lw not in self.reject
                and self.known(lw)
                and not (self.locale != "en" and self.locale_verdict(lw))
            )
            self._fine[lw] = ok
        return ok

    def verdict(self, lw: str, max_edits: int | None = None) -> Verdict | None:
        """None when the lowercase word is fine; else how suspicious it is, with corrections up to
        ``max_edits`` away (default: the rule's ``max_edits``; memoised)."""
        edits = self.max_edits if max_edits is None else max_edits
        key = (lw, edits)
        try:
            return self._memo[key]
        except KeyError:
            pass
        result: Verdict | None = None
        if lw in self.reject:
            right = self.reject[lw]
            result = Verdict(_FORCED_GAP, (right,) if right else ())
        elif self.locale != "en" and (loc := self.locale_verdict(lw)):
            result = loc
        elif not self.known(lw):
            result = self._shape_verdict(lw)
            if result is _HELD:
                result = None
            elif result is None and not derived(lw, self.lexicon.words):
                result = self._channel_verdict(lw, edits)
            elif result is None:
                result = self._derived_verdict(lw)
        self._memo[key] = result
        return result

    def _shape_verdict(self, lw: str) -> Verdict | None:
        """A word with its apostrophe lost (dont) or one letter off (wer'e), or two words run
        together (inwhich)."""
        lex = self.lexicon
        apostrophe = missing_apostrophe(lw, lex.words) or misplaced_apostrophe(lw, lex.words)
        if apostrophe:
            return Verdict(_SHAPE_GAP, (apostrophe,), shape=True)
        plural = plural_of(lw[:-1], lex.words) if lw.endswith("s") and lw[:-1] in lex.words else None
        if plural and not elongated(lw):
            return Verdict(_SHAPE_GAP, (plural,), shape=True)  # countrys, calfs: -s for an irregular plural
        adverb = adverb_slip(lw, lex.words)
        if adverb:
            return Verdict(_SHAPE_GAP, (adverb,), shape=True)  # publically, accidently
        if lw.endswith("in") and lw + "g" in lex.words:
            return Verdict(_SHAPE_GAP, (lw + "g",), shape=True)  # goin, nothin: a g dropped
        if elongated(lw):
            fixed = collapse_triples(lw)
            common = lex.freq(fixed) >= _HELD_KEY_COMMON_ZIPF
            if fixed in lex.words and (len(fixed) >= _HELD_KEY_MIN or common):
                return Verdict(_SHAPE_GAP, (fixed,), shape=True)  # folllowing, noteboook, willl
            return _HELD  # hisss, Booo, pleeease: held for effect
        pair = self._common_pair(lw)
        if pair:
            return Verdict(_SHAPE_GAP, (pair,), shape=True)  # alot, upto, infact: "a lot" far likelier
        if lex.freq(lw) < _RUN_TOGETHER_MAX_ZIPF:
            split = run_together(lw, lex.words, lex.freq)
            if split:
                # atfer is a slip of after (one edit, a common word), not "at fer"
                rarer = min(lex.freq(part) for part in split.split())
                near = self.index.candidates(lw, 1)
                slip = near and max(c.zipf for c in near) >= rarer - _RUN_TOGETHER_SLIP_SLACK
                if not slip and near and self._unheard_pair(split):
                    # forsee: not "for see" (a pair English hardly writes) but a slip of foresee
                    return Verdict(_SHAPE_GAP, tuple(c.word for c in near), shape=True)
                if not slip:
                    return Verdict(_SHAPE_GAP, (split,), shape=True)
        return None

    def _common_pair(self, lw: str) -> str | None:
        """Two words with a function word among them that English writes far more often apart
        than joined (a lot / alot, up to / upto, as well / aswell): the space lost, though the web
        writes the joined form too.  Counts from the bigram model, as Zipf values."""
        from newslint.spelling import context as spelling_context

        model = spelling_context.load()
        if model is None:
            return None
        words, joined = self.lexicon.words, self.lexicon.freq(lw)
        for i in range(1, len(lw)):
            head, tail = lw[:i], lw[i:]
            if (
                not (head in FUNCTION_WORDS or tail in FUNCTION_WORDS)
                or head not in words
                or tail not in words
            ):
                continue
            count = model.pairs.get(f"{head} {tail}")
            if count is None:
                continue
            pair = count - model.total + _ZIPF_OFFSET
            if pair < _COMMON_PAIR_MIN_ZIPF or pair - joined < _COMMON_PAIR_COMMONER:
                continue
            # adress, befor: a slip of one word (address, before) likelier than two words joined
            slip = max((c.score for c in self.index.candidates(lw, 1)), default=0.0)
            return f"{head} {tail}" if pair - slip >= _COMMON_PAIR_OVER_SLIP else None
        return None

    @staticmethod
    def _unheard_pair(split: str) -> bool:
        """Whether two words are a pair English hardly writes ("for see", "in force" is not): then
        a word one slip away (foresee, enforce) is likelier than a lost space."""
        from newslint.spelling import context as spelling_context

        model = spelling_context.load()
        if model is None:
            return False
        first, second = split.split()
        return not model.listed(first, second)

    def _derived_verdict(self, lw: str) -> Verdict | None:
        """A word that looks derived (aweful: awe+ful, signes: sign+es) is still a slip when it is a
        well-known one: on many web pages, and one edit from a dictionary word the web writes far
        more often (awful, signs).  A coinage (tieless, rueing, trailblazed) is on hardly any."""
        if self.lexicon.freq(lw) < WELL_KNOWN_SLIP_ZIPF:
            return None
        verdict = self._channel_verdict(lw, 1)
        if verdict is None or not verdict.ranked:
            return None
        top = verdict.ranked[0][0]
        lex = self.lexicon
        if top in lex.words and lex.freq(top) - lex.freq(lw) >= _DERIVED_COMMONER:
            return verdict
        return None

    def _channel_verdict(self, lw: str, edits: int) -> Verdict | None:
        """The noisy channel: the likeliest corrections and how much likelier than the word they are."""
        cands = self.index.candidates(lw.replace("'", ""), edits)
        if not cands:
            return None
        freq = self.lexicon.freq(lw)
        gap = max(c.score for c in cands) - freq
        # A closed compound of two common words (carmaker, housebuilder) stands unless one
        # slip away from a much likelier word (meet+ting, sur+port, sup+rise) that is not merely
        # its plural or singular (grassroot: the compound as an adjective).
        if self.lexicon.is_compound(lw):
            near = [c for c in cands if c.distance == 1 and not self._number_variant(c.word, lw, freq)]
            likelier = max((c.zipf for c in near), default=0.0) - freq
            commoner = _COMPOUND_UNLISTED_ZIPF if freq < _COMPOUND_UNLISTED_MAX_ZIPF else _COMPOUND_ZIPF
            if not near or (max(c.score for c in near) - freq < _COMPOUND_GAP and likelier < commoner):
                return None
        ranked = tuple((c.word, c.distance, c.score - freq, c.rank) for c in cands)
        return Verdict(gap, tuple(c.word for c in cands), ranked, searched=edits)

    def corrections(self, lw: str, verdict: Verdict) -> tuple[tuple[str, int, float, float], ...]:
        """The corrections to choose the suggestion from: the verdict's own, and for a slip weighed
        by the channel a wider pool of the same search (the words around may pick a lower one)."""
        if verdict.shape or not verdict.searched or not verdict.ranked:
            return verdict.ranked
        freq = self.lexicon.freq(lw)
        cands = self.index.candidates(lw.replace("'", ""), verdict.searched, limit=_SUGGESTION_POOL)
        return tuple((c.word, c.distance, c.score - freq, c.rank) for c in cands)

    def _number_variant(self, word: str, lw: str, freq: float) -> bool:
        """Whether a correction is merely the plural or singular of a compound (grassroot), not
        a slip of it: unless the web writes it far more often (everythings, everything)."""
        return word.rstrip("s") == lw.rstrip("s") and self.lexicon.freq(word) - freq < _PLURAL_RARER

    def fix(self, ws: int, we: int, word: str, verdict: Verdict, top: str, forced: bool) -> Fix | None:
        """The fix for a flagged word: none when the correction would drop a word of the text
        (toprevent -> prevent), safe only when the correction is near-certain."""
        if not top or _drops_a_word(word.lower(), top.lower(), self.lexicon.words):
            return None
        return Fix(ws, we, top, safe=self.certain(word, verdict, forced))

    def certain(self, word: str, verdict: Verdict, forced: bool) -> bool:
        """Whether a correction is near-certain, so that ``--fix`` may apply it unasked: the
        user's own reject list with one correction; a lost apostrophe or a key held down; or a
        well-known misspelling (written on many web pages, listed in no dictionary, lowercase)
        one edit from a word and with no rival correction as near.  Anything else is a guess."""
        if forced:
            return len(verdict.suggestions) == 1
        if verdict.shape:
            # don't, following; "in which" is a guess, and so is forsee when near more than foresee
            return len(verdict.suggestions) == 1 and " " not in verdict.suggestions[0]
        lw = word.lower()
        if not word.islower() or verdict.distance != 1 or len(lw) < _SAFE_FIX_MIN_LETTERS:
            return False
        if self.attested(lw):
            return False
        if self.lexicon.freq(lw) < WELL_KNOWN_SLIP_ZIPF:
            return False
        best = verdict.ranked[0]
        return not any(r[1] <= best[1] and r[2] > verdict.gap - _RIVAL_GAP for r in verdict.ranked[1:])


def _drops_a_word(word: str, correction: str, words: Container[str]) -> bool:
    """Whether the correction is the word less a leading or trailing word of its own (toprevent
    -> prevent drops "to"): a fix that deletes text the writer meant."""
    if correction == word or len(correction) >= len(word):
        return False
    if word.endswith(correction):
        rest = word[: len(word) - len(correction)]
    elif word.startswith(correction):
        rest = word[len(correction) :]
    else:
        return False
    return len(rest) >= 2 and rest in words
