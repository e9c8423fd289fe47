"""``spelling``: misspelled words, with the recall of a dictionary and the precision of a list.

A word is accepted at once when a curated dictionary lists it (Hunspell en_GB/en_US, affixes
applied), or it is on a word list (wire jargon, the user's accept list), a common British form of
a dictionary word, or a contraction of a known word.  Web frequency alone never makes a word: the
web writes recieve too.  Otherwise the word's shape is asked first (a lost apostrophe, two words
run together, a held key, a derived word), then it is flagged only when the noisy channel agrees:
some correction within two edits is far more likely than the word as written (its frequency, less
the cost of the slip, beats the word's own frequency by a margin, smaller for a word that neither
a dictionary nor the web knows).
Capitalised words need a larger margin (they are usually names), and a capitalised word that
recurs in the article, or sits mid-sentence beside other capitalised words, is taken as a name.
Verdicts are memoised per process, so the common case is a couple of dict lookups per word.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from rapidfuzz import process
from rapidfuzz.distance import OSA

from newslint.calendar import calendar_names
from newslint.document import SCOPES, Document
from newslint.findings import Fix, Hit, RelatedSpan
from newslint.kinds.base import Kind
from newslint.options import Option
from newslint.spelling_morphology import (
    agent_noun,
    collapse_triples,
    derived,
    elongated,
    irregular_plural,
    missing_apostrophe,
    prefixed,
    run_together,
)
from newslint.spelling_names import inconsistent_names
from newslint.tokens import match_case

if TYPE_CHECKING:
    from newslint.spelling_candidates import CandidateIndex
    from newslint.spelling_lexicon import Lexicon

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
_COMPOUND_GAP = 1.0
_COMPOUND_ZIPF = 1.8  # ... or a word one slip away this much commoner (suprise: sup+rise)
_COMPOUND_UNLISTED_ZIPF = 1.0  # ... (1.0 when the web hardly knows the compound: existant, roomate)
_COMPOUND_UNLISTED_MAX_ZIPF = 2.5  # (a compound on fewer web pages than this is unlisted)
_UNLISTED_COMMONER = 0.9  # an unlisted lowercase word one slip from a word this much commoner: a slip
_DERIVED_COMMONER = 2.5  # a word that looks derived is a slip of one this much commoner (aweful)
_UNLISTED_COMMONER_SIX = 2.0  # ... and for a six-letter word two slips away (collum, tounge)
_UNLISTED_COMMONER_FIVE = 2.5  # ... five letters (skool)
_UNLISTED_COMMONER_FAR = 1.5  # ... the same for a long word two slips away (definetly, occurance)
_HELD_KEY_COMMON_ZIPF = 5.0  # a short word with a tripled letter giving a word this common: a slip (willl)
_MARGIN_UNLISTED = 0.3  # a lowercase word in no dictionary and rare on the web: a slip, unless ...
_MARGIN_UNLISTED_FAR = 0.5  # ... the same for a long word two slips from its correction
_UNHEARD_OF_ZIPF = 1.0  # a capitalised form rarer than this on the web is a slip or an obscure name
_KNOWN_NAME_ZIPF = 2.5  # ... of a name (or word) at least this common
_MARGIN_UNLISTED_NAME = 1.5  # ... the same for a name one slip from a name the dictionaries know
_CONTEXT_BOOST = 1.0  # a correction the article uses elsewhere ...
_CONTEXT_REACH = 1.5  # ... moves up past corrections at most this much likelier
_CONTEXT_MAX_ZIPF = 5.0  # (a word as common as "for" is in every article: no evidence)
_ATTESTED_EXTRA = 1.0  # more margin for a word the web or pyspellchecker knows, though no dictionary
_LISTED_RARE_MAX_ZIPF = 3.0  # (none for a word only pyspellchecker lists, rarer than this on the web:
# its list is counted from subtitles and keeps their misspellings: pervious, surprize) ...
_LISTED_RARE_COMMONER = 2.5  # ... one slip from a word the web writes this much more often)
_SHAPE_GAP = 50.0  # a lost apostrophe or space: as sure as a misspelling gets, below a forced word
_RUN_TOGETHER_MAX_ZIPF = 2.0  # a joined pair written on more web pages than this is a coinage
_HELD_KEY_MIN = 6  # a shorter word with a tripled letter is an exclamation (Booo, hisss)
_NAME = 99.0
_PLURAL_RARER = 2.0  # an unlisted plural this much rarer than its singular is not its plural
_NAME_SLIP_MAX_ZIPF = 1.5  # a capitalised form the web knows better than this is a name of its own
_WELL_KNOWN_SLIP_ZIPF = 1.5  # a misspelling on this many web pages is a well-known one (recieve)
_RIVAL_GAP = 1.5  # a second correction within this much of the first makes the fix a guess
#: a shorter "slip" is as often an abbreviation or dialect (shd, weh) as a typo: never a safe fix
_SAFE_FIX_MIN_LETTERS = 4
_PROPER_MIN_ZIPF = 4.0  # a name this common, lowercased, is a slip (british); a rarer one may be a word
_CHUNK_MEMO_LIMIT = 1_000_000  # chunks remembered per process (a few tens of MB at most)
# Punctuation around a word in running text (never part of a word: see _WORD).
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,.;:!?…*/|-–—"
_CALENDAR = calendar_names()  # month and weekday names: the calendar vocabulary
_CONTRACTIONS = ("n't", "'ll", "'re", "'ve", "'d", "'m", "'s")
_INITIAL_BEFORE = frozenset(".!?:;—–-…\n\r\"“”‘'([")
_EN_GB_EXCEPTIONS = frozenset({"program", "programs", "disk", "disks", "analog", "dialog"})


class _Verdict:
    """Why a lowercase word is suspicious: the gap to its best correction, and the corrections."""

    __slots__ = ("distance", "gap", "ranked", "shape", "suggestions")

    def __init__(
        self,
        gap: float,
        suggestions: tuple[str, ...],
        ranked: tuple[tuple[str, int, float, float], ...] = (),
        shape: bool = False,
    ) -> None:
        self.gap = gap
        self.shape = shape  # a lost apostrophe or space, a key held down: not a misspelling
        self.suggestions = suggestions
        self.ranked = ranked  # (word, edits, gap, rank) of each searched correction, best first
        # edits to the likeliest correction, the one that gives the gap (0: from a list)
        self.distance = max(ranked, key=lambda r: r[2])[1] if ranked else 0

    def within(self, edits: int) -> _Verdict | None:
        """The verdict with only corrections at most ``edits`` away (None when none is)."""
        if self.distance <= edits:
            return self
        near = tuple(r for r in self.ranked if r[1] <= edits)
        return _Verdict(max(r[2] for r in near), tuple(r[0] for r in near), near) if near else None


_HELD = _Verdict(0.0, (), shape=True)  # a letter held for effect (pleeease): fine as written


class Spelling(Kind):
    name = "spelling"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    overlap = "yields"  # a date rule or an agreeing rule on the same word reports it instead
    can_fix = True
    description = (
        "Flags words that look misspelled: in no curated dictionary (Hunspell en_GB and en_US with their "
        "affixes, so British spellings, inflections and listed compounds pass), not on a word list, and "
        "with a far more likely correction within two edits (the noisy channel; wordfreq weighs the "
        "evidence, but a word the web knows is not thereby a word: recieve, occured).  Also flags words "
        "run together (inwhich -> in which), lost apostrophes (dont -> don't), letters held down "
        "(folllowing), a name spelled two ways in one article (the minority form, with the majority's "
        "line as related; option `names`), and well-known names written in lowercase (british -> "
        "British).  Accepted: British and American spellings (narrow with `locale`), wire jargon (pct, "
        "mln, dlrs, ...), closed compounds of two common words, words derived by a productive suffix or "
        "prefix (tieless, rebanding), contractions and possessives (' and ’), names (capitalised words "
        "that recur or sit among capitalised words need much stronger evidence).  Skipped: URLs, e-mail "
        "addresses, @handles, #hashtags, `code`, words with digits or periods (U.S., 3rd, COVID-19), ALL-"
        "CAPS words and MixedCase words (acronyms, brands), non-Latin scripts and emoji, words shorter "
        "than `min_length` or longer than 40 letters, and a word followed by [sic].  A hyphenated "
        "compound is judged whole first (have-nots); parts of a hyphenated name are names.  `reject` "
        "words are always flagged.  Suggestions are ranked by frequency, by how plausible the slip is (a "
        "letter left out or swapped, adjacent keys, doubled letters) and by the words of the article.  A "
        "fix is safe (applied by --fix) only when near-certain: a lost apostrophe, a held key, or a well-"
        "known misspelling with one correction; a guess needs --unsafe-fixes, and no fix drops a word."
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
        "common": Option(
            "float",
            3.5,
            "Zipf frequency from which a word no dictionary lists needs a larger margin",
            minimum=0,
        ),
        "margin": Option("float", 1.2, "how much likelier a correction must be (Zipf units)", minimum=0),
        "margin_capitalised": Option(
            "float", 3.1, "the same for a capitalised word opening a sentence", minimum=0
        ),
        "margin_name": Option("float", 3.6, "the same for a capitalised word mid-sentence", minimum=0),
        "margin_evidence": Option(
            "float", 1.0, "the same when the article uses the correction elsewhere", minimum=0
        ),
        "names": Option(
            "bool", True, "flag a name spelled two ways in one article (the form used less often)"
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
        from newslint.spelling_lexicon import Lexicon
        from newslint.spelling_lists import load_accept, load_reject, resolve

        bases = [Path(rule.source).parent] if getattr(rule, "source", "") else []
        opts = self.options
        self.lexicon = Lexicon.load()
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
        self.check_names: bool = opts["names"]
        self.max_edits_capitalised: int = opts["max_edits_capitalised"]
        self.max_edits_short: int = opts["max_edits_short"]
        self._memo: dict[tuple[str, int], _Verdict | None] = {}
        self._unknown_names: dict[str, bool] = {}
        self._no_name_slip: set[str] = set()  # lowercased tokens that cannot be a name slip
        # Whether every dictionary word is fine as written: not when some are rejected, or with
        # locale en-GB (color, center are flagged then).
        self._dictionary_is_plain = not self.reject and self.locale == "en"
        self._fine: dict[str, bool] = {}
        self._plain: set[str] = set()  # surface forms that never need checking
        self._plain_chunks: set[str] = set()  # whitespace-delimited chunks holding only plain forms
        self._plain_tokens: set[str] = set()  # lowercased tokens all of whose forms are plain
        self._odd_tokens: dict[str, tuple[str, ...]] = {}  # the others, and their odd forms

    @functools.cached_property
    def index(self) -> CandidateIndex:
        """The candidate corrections, loaded on first need: many articles have no word to weigh."""
        from newslint.spelling_candidates import CandidateIndex

        return CandidateIndex(self.lexicon.zipf, allowed=self.lexicon.corrections)

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
        """Whether a curated dictionary (or the user) vouches for the lowercase word.

        Frequency alone never does: the web's word counts hold the misspellings people make
        (recieve, occured), which are judged against their corrections instead (see ``verdict``).
        """
        lex = self.lexicon
        if lw in lex.words or lw in self.accept:
            return True
        if lex.freq(lw) >= 2.5 and lex.british_variant_known(lw):
            return True
        for ending in _CONTRACTIONS:
            if lw.endswith(ending) and len(lw) > len(ending) + 1:
                stem = lw[: -len(ending)]
                return stem in lex.us_words or lex.freq(stem) >= self.common or self._known(stem)
        # The plural of a dictionary word the lists lack (recourses, flyovers): a long stem, and common.
        # Not when the web writes the stem far more often (aircrafts, countrys, softwares).
        stem = lw[:-1]
        return (
            lw.endswith("s")
            and len(stem) >= 6
            and stem in lex.words
            and lex.freq(stem) >= 2.5
            and lex.freq(stem) - lex.freq(lw) < _PLURAL_RARER
            and not irregular_plural(stem, lex.words)
        )

    def _attested(self, lw: str) -> bool:
        """Not in a curated dictionary, but common on the web or in pyspellchecker's list: a word
        only when no correction is far likelier (jargon, slang, names) -- the noisy channel decides
        with a larger margin."""
        return lw in self.lexicon.us_words or self.lexicon.freq(lw) >= self.common

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
            result = self._shape_verdict(lw)
            if result is _HELD:
                result = None
            elif result is None and not derived(lw, self.lexicon.words):
                result = self._channel_verdict(lw, edits)
            elif result is None:
                result = self._derived_verdict(lw)
        self._memo[key] = result
        return result

    def _shape_verdict(self, lw: str) -> _Verdict | None:
        """A word with its apostrophe lost (dont) or two words run together (inwhich)."""
        lex = self.lexicon
        apostrophe = missing_apostrophe(lw, lex.words)
        if apostrophe:
            return _Verdict(_SHAPE_GAP, (apostrophe,), shape=True)
        if lw.endswith("in") and lw + "g" in lex.words:
            return _Verdict(_SHAPE_GAP, (lw + "g",), shape=True)  # goin, nothin: a g dropped
        if elongated(lw):
            fixed = collapse_triples(lw)
            common = lex.freq(fixed) >= _HELD_KEY_COMMON_ZIPF
            if fixed in lex.words and (len(fixed) >= _HELD_KEY_MIN or common):
                return _Verdict(_SHAPE_GAP, (fixed,), shape=True)  # folllowing, noteboook, willl
            return _HELD  # hisss, Booo, pleeease: held for effect
        if lex.freq(lw) < _RUN_TOGETHER_MAX_ZIPF:
            split = run_together(lw, lex.words, lex.freq)
            if split:
                # atfer is a slip of after (one edit, a common word), not "at fer"
                rarer = min(lex.freq(part) for part in split.split())
                near = self.index.candidates(lw, 1)
                if not (near and max(c.zipf for c in near) >= rarer - 1.0):
                    return _Verdict(_SHAPE_GAP, (split,), shape=True)
        return None

    def _derived_verdict(self, lw: str) -> _Verdict | None:
        """A word that looks derived (aweful: awe+ful, signes: sign+es) is still a slip when it is a
        well-known one: on many web pages, and one edit from a dictionary word the web writes far
        more often (awful, signs).  A coinage (tieless, rueing, trailblazed) is on hardly any."""
        if self.lexicon.freq(lw) < _WELL_KNOWN_SLIP_ZIPF:
            return None
        verdict = self._channel_verdict(lw, 1)
        if verdict is None or not verdict.ranked:
            return None
        top = verdict.ranked[0][0]
        lex = self.lexicon
        if top in lex.words and lex.freq(top) - lex.freq(lw) >= _DERIVED_COMMONER:
            return verdict
        return None

    def _channel_verdict(self, lw: str, edits: int) -> _Verdict | None:
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
            near = [c for c in cands if c.distance == 1 and c.word.rstrip("s") != lw.rstrip("s")]
            likelier = max((c.zipf for c in near), default=0.0) - freq
            commoner = _COMPOUND_UNLISTED_ZIPF if freq < _COMPOUND_UNLISTED_MAX_ZIPF else _COMPOUND_ZIPF
            if not near or (max(c.score for c in near) - freq < _COMPOUND_GAP and likelier < commoner):
                return None
        ranked = tuple((c.word, c.distance, c.score - freq, c.rank) for c in cands)
        return _Verdict(gap, tuple(c.word for c in cands), ranked)

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

    def _shape_unlikely(self, word: str, margin: float, verdict: _Verdict, hyphenated: bool) -> bool:
        """A lost space or apostrophe is not what happened to a part of a hyphenated compound, a
        capitalised word mid-sentence (Aton, Cluedo: names), or a capitalised word that would
        split in two (Windo at the start of a sentence) or take a g (Linkin)."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        dropped_g = top == word.lower() + "g"  # Linkin Park
        return hyphenated or (word[0].isupper() and (margin == self.margins[2] or " " in top or dropped_g))

    def _repeated_slip(self, word: str) -> bool:
        """A lowercase word written more than once that is still a slip (honourary twice): in no
        dictionary, rare on the web, and one plain slip from a word far likelier.  A writer
        repeats a misspelling they believe in; a coined term has no such near word."""
        lw = _stem(word)
        if not lw.islower() or len(lw) < 6 or self._attested(lw) or self.lexicon.freq(lw) >= 2.5:
            return False
        words = self.lexicon.words
        if self.lexicon.is_compound(lw) or prefixed(lw, words) or agent_noun(lw, words):
            return False  # paycuts, rebanding, sentencers: made on purpose
        verdict = self.verdict(lw, 1)
        return verdict is not None and not verdict.shape and verdict.distance == 1 and verdict.gap >= 1.0

    def _lowercased_name(self, word: str) -> str | None:
        """The capitalised form of a well-known name written in lowercase (british, friday), when
        no dictionary has the lowercase word (china, march are words too); not a short one (des,
        van: French, Dutch)."""
        if len(word) < 5 or not word.isalpha() or not word.islower() or word in self.accept:
            return None
        lex = self.lexicon
        if word in lex.names and word not in lex.words and lex.freq(word) >= _PROPER_MIN_ZIPF:
            return word[:1].upper() + word[1:]
        return None

    def _unheard_of(self, word: str) -> bool:
        """A capitalised word of five letters or more that no dictionary lists and hardly any web
        page has: a name the web has never seen, or a slip."""
        lw = word.lower()
        return len(word) >= 5 and self.lexicon.freq(lw) < _UNHEARD_OF_ZIPF and not self._attested(lw)

    def _compound_fine(self, text: str, ws: int, we: int) -> bool:
        """A hyphenated compound judged whole first: listed as such (have-nots, touchy-feely), or
        a name (any part capitalised: Chong-gyu, Ngo-Anh), or with a number (18-year-olds)."""
        start, end = ws, we
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in "-'’"):
            end += 1
        whole = text[start:end].strip("-'’")
        parts = [p for p in whole.split("-") if p]
        if any(p[:1].isupper() or any(ch.isdigit() for ch in p) for p in parts):
            return True
        lowered = _stem(whole).lower()
        return lowered in self.lexicon.words or lowered in self.accept

    def _needed(
        self, word: str, margin: float, verdict: _Verdict, text: str, hyphenated: bool = False
    ) -> float:
        """Lower the positional margin on evidence: the article spells the correction right
        elsewhere, the correction is a month or weekday (Febuary, Wensday), or no dictionary
        and hardly any web page has the word as written (recieve, Hollwood)."""
        top = verdict.suggestions[0] if verdict.suggestions else ""
        lw = word.lower()
        if margin >= _NAME:  # among names (PSV Einhoven): only a name the dictionaries know, mistyped
            known_name = top in self.lexicon.names and self.lexicon.freq(top) >= _KNOWN_NAME_ZIPF
            if known_name and verdict.distance == 1 and self._unheard_of(word) and not hyphenated:
                return _MARGIN_UNLISTED_NAME if _dropped_or_swapped(lw, top) else margin
            return margin
        if not self._attested(lw) and not hyphenated and not word[0].isupper() and len(word) >= 7:
            margin = min(margin, _MARGIN_UNLISTED_FAR)  # definatly, tommorow: two slips in a long word
        unlisted = not self._attested(lw) and len(word) >= 5 and not hyphenated
        if unlisted and verdict.distance == 1 and not word[0].isupper():
            margin = min(margin, _MARGIN_UNLISTED)  # recieve: receive is one slip away
        rare_listed = lw in self.lexicon.us_words and self.lexicon.freq(lw) < _LISTED_RARE_MAX_ZIPF
        if (
            (not self._attested(lw) or rare_listed)
            and len(word) >= 5
            and not hyphenated
            and not word[0].isupper()
            and self._commoner_near(lw, verdict)
        ):
            return -_NAME  # pharoah, hinderance, definetly: the web writes the correction far more
        if (
            verdict.distance == 1
            and not hyphenated
            and word[0].isupper()
            and self._unheard_of(word)
            and self.lexicon.freq(top) >= _KNOWN_NAME_ZIPF
            and (margin <= self.margins[1] or top in self.lexicon.names)  # mid-sentence: a name
            and _dropped_or_swapped(lw, top)
        ):
            # Hollwood, Thaliand, Subtitute: a known name or word with a letter dropped or two
            # swapped, and the form as written on hardly any web page: wherever it stands.
            margin = min(margin, _MARGIN_UNLISTED_NAME)
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

    def _commoner_near(self, lw: str, verdict: _Verdict) -> bool:
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
            return commoner >= _UNLISTED_COMMONER
        if edits == 2 and len(lw) == 5:
            return commoner >= _UNLISTED_COMMONER_FIVE
        if edits == 2 and len(lw) == 6:
            return commoner >= _UNLISTED_COMMONER_SIX
        return edits == 2 and len(lw) >= 7 and commoner >= _UNLISTED_COMMONER_FAR

    def _attested_extra(self, lw: str, verdict: _Verdict) -> float:
        """The extra margin for a word the web or pyspellchecker knows though no dictionary does:
        none for a rare one a slip from a dictionary word the web writes far more often."""
        if not self._attested(lw):
            return 0.0
        lex = self.lexicon
        freq = lex.freq(lw)
        if freq < _LISTED_RARE_MAX_ZIPF and any(
            edits == 1 and word in lex.words and lex.freq(word) - freq >= _LISTED_RARE_COMMONER
            for word, edits, _gap, _rank in verdict.ranked
        ):
            return 0.0
        return _ATTESTED_EXTRA

    def _plain_form(self, word: str) -> bool:
        """Whether a surface form never needs checking: known, or skipped by its shape."""
        if len(word) < self.min_length or len(word) > 40 or not _LATIN.fullmatch(word):
            return True
        norm = _stem(word)
        if not norm or norm[1:] != norm[1:].lower():
            return True  # ALL CAPS or MixedCase: acronyms and brands
        if norm[0].isupper() and norm.lower() in self.lexicon.names:
            return True  # a name the dictionaries know, capitalised as it should be
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
            listed = {t for t in self.lexicon.words.among(novel) if t.isalpha()}
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
            if len(offsets) > 1 and not self._forced(_stem(form).lower()) and not self._repeated_slip(form):
                continue
            for ws in offsets:
                yield ws, form

    def check(self, doc: Document) -> Iterator[Hit]:
        flagged: set[int] = set()
        for hit in self._misspellings(doc):
            flagged.add(hit.start)
            yield hit
        if self.check_names and self._may_hold_name_slips(doc):
            for hit in self._name_slips(doc):
                if hit.start not in flagged:
                    yield hit

    def _may_hold_name_slips(self, doc: Document) -> bool:
        """Whether the document has a word of five letters or more that no dictionary lists and
        the web hardly knows (what a name slip must be): one set difference over its vocabulary,
        so most articles skip the name check's pass over the text."""
        known = self._no_name_slip
        for token in doc.lowered_vocabulary - known:
            stem = _stem(token)
            if len(stem) >= 5 and stem.isalpha() and self._unknown_name(stem):
                return True
            known.add(token)
        if len(known) > _CHUNK_MEMO_LIMIT:
            known.clear()
        return False

    def _unknown_name(self, word: str) -> bool:
        """A capitalised form no dictionary lists and the web hardly knows (for the name check)."""
        unknown = self._unknown_names.get(word)
        if unknown is None:
            lw = _stem(word).lower()
            lex = self.lexicon
            unknown = not (
                lw in lex.words
                or lw in lex.names
                or word in self.accept
                or lex.freq(lw) >= _NAME_SLIP_MAX_ZIPF
            )
            if len(self._unknown_names) > _CHUNK_MEMO_LIMIT:
                self._unknown_names.clear()
            self._unknown_names[word] = unknown
        return unknown

    def _name_slips(self, doc: Document) -> Iterator[Hit]:
        """A name spelled two ways in the article: the minority form, pointing at the majority."""
        text = doc.text
        regions = list(doc.regions(self.rule.scope))
        lex = self.lexicon
        for slip in inconsistent_names(text, self._unknown_name, lex.freq, lex.words.__contains__):
            ws, we = slip.start, slip.end
            if not any(start <= ws and we <= end for start, end in regions):
                continue
            if _not_prose(text, ws, we) or _SIC.match(text, we) or _scare_quoted(text, ws, we):
                continue
            yield Hit(
                ws,
                we,
                {"match": text[ws:we], "suggestion": slip.majority},
                suggestions=(slip.majority,),
                related=(RelatedSpan(slip.majority_start, f"spelled '{slip.majority}' here"),),
                fix=Fix(ws, we, slip.majority, safe=False),
            )

    def _misspellings(self, doc: Document) -> Iterator[Hit]:
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
                if lw == norm and _rhymes(text, ws, we, self.lexicon.words):
                    continue  # "naming, shaming and faming": wordplay
                if lw.endswith("in") and text[we : we + 1] in ("'", "’"):
                    continue  # nothin': the g left out on purpose, and marked
                forced = self._forced(lw)
                margin = 0.0
                proper = self._lowercased_name(norm)
                if proper:
                    if not _in_compound(text, ws, we):
                        yield Hit(
                            ws,
                            we,
                            {"match": text[ws:we], "suggestion": proper},
                            suggestions=(proper,),
                            fix=Fix(ws, we, proper, safe=False),
                        )
                    continue
                if not forced:
                    if lower is None:
                        lower = text.lower()
                    if _occurrences(lower, lw) > 1 and not self._repeated_slip(norm):
                        continue  # used twice: a name or a term of the story, not a slip
                    margin = self._position_margin(text, ws, we, norm, doc)
                    if margin >= _NAME and not (_near_calendar(lw) or self._unheard_of(norm)):
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
                hyphenated = _in_compound(text, ws, we)
                if not forced and hyphenated and self._compound_fine(text, ws, we):
                    continue
                if not forced and verdict.shape and self._shape_unlikely(norm, margin, verdict, hyphenated):
                    continue
                needed = self._needed(norm, margin, verdict, text, hyphenated)
                if not forced and verdict.gap < needed + self._attested_extra(lw, verdict):
                    continue
                ordered = _in_context(verdict, doc.lowered_vocabulary, self.lexicon)
                suggestions = tuple(match_case(s, norm) for s in ordered[:3])
                top = suggestions[0] if suggestions else ""
                yield Hit(
                    ws,
                    we,
                    {"match": text[ws:we], "suggestion": top or "?"},
                    suggestions=suggestions,
                    fix=self._fix(ws, we, norm, verdict, top, forced),
                )

    def _fix(self, ws: int, we: int, word: str, verdict: _Verdict, top: str, forced: bool) -> Fix | None:
        """The fix for a flagged word: none when the correction would drop a word of the text
        (toprevent -> prevent), safe only when the correction is near-certain."""
        if not top or _drops_a_word(word.lower(), top.lower(), self.lexicon.words):
            return None
        return Fix(ws, we, top, safe=self._certain(word, verdict, forced))

    def _certain(self, word: str, verdict: _Verdict, forced: bool) -> bool:
        """Whether a correction is near-certain, so that ``--fix`` may apply it unasked: the
        user's own reject list with one correction; a lost apostrophe or a key held down; or a
        well-known misspelling (written on many web pages, listed in no dictionary, lowercase)
        one edit from a word and with no rival correction as near.  Anything else is a guess."""
        if forced:
            return len(verdict.suggestions) == 1
        if verdict.shape:
            return " " not in verdict.suggestions[0]  # don't, following; "in which" is a guess
        lw = word.lower()
        if not word.islower() or verdict.distance != 1 or len(lw) < _SAFE_FIX_MIN_LETTERS:
            return False
        if self._attested(lw):
            return False
        if self.lexicon.freq(lw) < _WELL_KNOWN_SLIP_ZIPF:
            return False
        best = verdict.ranked[0]
        return not any(r[1] <= best[1] and r[2] > verdict.gap - _RIVAL_GAP for r in verdict.ranked[1:])


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


def _in_context(verdict: _Verdict, vocabulary: frozenset[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The corrections reordered by the article: a content word the article uses elsewhere is the
    likelier meant (negotation where "negotiations" recurs), when it was nearly as likely anyway."""
    ranked = verdict.ranked
    if len(ranked) < 2:
        return verdict.suggestions
    best = ranked[0][3]

    def rank(r: tuple[str, int, float, float]) -> float:
        used = r[0] in vocabulary and lexicon.freq(r[0]) < _CONTEXT_MAX_ZIPF and r[3] > best - _CONTEXT_REACH
        return r[3] + (_CONTEXT_BOOST if used else 0.0)

    return tuple(r[0] for r in sorted(ranked, key=lambda r: -rank(r)))


def _rhymes(text: str, ws: int, we: int, words: Container[str]) -> bool:
    """Whether a word rhymes with a listed word beside it ("naming, shaming and faming"): a coinage
    for the sound of it, not a slip.  The rhyme is all of the word but its first letter (four
    letters at least): report beside aiport is no rhyme."""
    word = text[ws:we].lower()
    if len(word) < 5:
        return False
    rhyme = word[-4:]
    nearby = _NEARBY_WORDS.findall(text, max(0, ws - _RHYME_REACH), min(len(text), we + _RHYME_REACH))
    for other in nearby:
        other = other.lower()
        if other != word and other.endswith(rhyme) and other in words and abs(len(other) - len(word)) <= 2:
            common = 0
            while common < min(len(word), len(other)) and word[-1 - common] == other[-1 - common]:
                common += 1
            if common >= max(4, len(word) - 1):
                return True
    return False


_NEARBY_WORDS = regex.compile(r"\p{L}+")
_RHYME_REACH = 30  # characters either side


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


def _in_compound(text: str, ws: int, we: int) -> bool:
    """Whether the word at ``ws:we`` is joined to another by a hyphen (clay-courters)."""
    return (ws > 1 and text[ws - 1] == "-" and text[ws - 2].isalnum()) or (
        we + 1 < len(text) and text[we] == "-" and text[we + 1].isalnum()
    )


def _dropped_or_swapped(word: str, other: str) -> bool:
    """``other`` with one letter left out (Hollwood) or two neighbours swapped (Thaliand): the
    slips of a typist, where a one-letter difference between two real names is usually a change
    of letter or an added one (Levin, Lievin)."""
    if len(word) == len(other) - 1:
        return any(other[:i] + other[i + 1 :] == word for i in range(len(other)))
    return _transposed(word, other)


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
