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

This module keeps the kind (options, scopes, the check loop); its jobs live beside it (issue 18):
which forms to look at in ``newslint.spelling_forms``, the article's evidence in
``newslint.spelling_evidence``, and the verdict on a word in ``newslint.spelling_verdict``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import regex

from newslint.core.document import SCOPES, Document
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.tokens import match_case
from newslint.spelling_evidence import _CALENDAR, _NAME, _near_calendar
from newslint.spelling_forms import _CHUNK_MEMO_LIMIT, SpellingForms, _not_prose, _rhymes, _scare_quoted
from newslint.spelling_names import inconsistent_names
from newslint.spelling_ranking import neighbours, rank_corrections
from newslint.spelling_text import _occurrences, _stem
from newslint.spelling_verdict import Verdict

_MARK = regex.compile(r"\p{M}")  # combining marks: tokens of the lowercased text would split there
_SIC = regex.compile(r"\s*[\[(]sic[\])]", regex.IGNORECASE)
_NAME_SLIP_MAX_ZIPF = 1.5  # a capitalised form the web knows better than this is a name of its own


class Spelling(SpellingForms, Kind):
    name = "spelling"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    overlap = "yields"  # a date rule or an agreeing rule on the same word reports it instead
    fixes = Fixes.SOMETIMES
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
        "prefix (tieless, rebanding, anthemic, engagers), foreign phrases (joie de vivre), contractions "
        "and possessives (' and ’), names (capitalised words that recur or sit among capitalised words "
        "need much stronger evidence; one mid-sentence one slip from a common word is a name: Gotting).  "
        "Skipped: URLs, e-mail "
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
        "accept": Option(
            "list[str]", [], "extra words, phrases (a word passes only inside one) or regexes that are fine"
        ),
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
        self._memo: dict[tuple[str, int], Verdict | None] = {}
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
                if self.accept.phrases and self.accept.in_phrase(text, ws, we):
                    continue  # joie de vivre: a word of a listed phrase, in it
                if norm in self.accept:
                    continue  # as written: a Capitalised entry (Britian) matches exactly
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
                ordered = self._ordered(norm, verdict, doc, ws, we)
                suggestions = tuple(match_case(s, norm) for s in ordered[:3])
                top = suggestions[0] if suggestions else ""
                yield Hit(
                    ws,
                    we,
                    {"match": text[ws:we], "suggestion": top or "?"},
                    suggestions=suggestions,
                    fix=self._fix(ws, we, norm, verdict, top, forced),
                )

    def _ordered(self, word: str, verdict: Verdict, doc: Document, ws: int, we: int) -> tuple[str, ...]:
        """The flagged word's corrections, best first: by the channel, the article and the words
        either side (``newslint.spelling_ranking``)."""
        pool = self.corrections(word.lower(), verdict)
        if len(pool) < 2:
            return verdict.suggestions
        from newslint import spelling_context

        context = neighbours(doc.text, ws, we)
        bigrams = spelling_context.load()
        return rank_corrections(pool, doc.lowered_vocabulary, self.lexicon, context, bigrams, word)


def _in_compound(text: str, ws: int, we: int) -> bool:
    """Whether the word at ``ws:we`` is joined to another by a hyphen (clay-courters)."""
    return (ws > 1 and text[ws - 1] == "-" and text[ws - 2].isalnum()) or (
        we + 1 < len(text) and text[we] == "-" and text[we + 1].isalnum()
    )
