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
which forms to look at in ``newslint.spelling.forms``, the article's evidence in
``newslint.spelling.evidence``, and the verdict on a word in ``newslint.spelling.verdict``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import regex

from newslint.core.document import SCOPES, Document
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.tokens import match_case
from newslint.spelling import (
    CALENDAR,
    CHUNK_MEMO_LIMIT,
    NAME_MARGIN,
    ArticleEvidence,
    EditLimits,
    FormFinder,
    Margins,
    Verdict,
    Verdicts,
    headline_slips,
    inconsistent_names,
    letter_for_digit,
    load_bigrams,
    near_calendar,
    neighbours,
    not_prose,
    occurrences,
    rank_corrections,
    rhymes,
    scare_quoted,
    set_in_capitals,
    split_words,
    stem,
)

_LETTERS = regex.compile(r"\p{L}+")
_MARK = regex.compile(r"\p{M}")  # combining marks: tokens of the lowercased text would split there
_SIC = regex.compile(r"\s*[\[(]sic[\])]", regex.IGNORECASE)
_WEIGHED_MIN = 200  # words weighed against their corrections in any article ...
_CHARS_PER_WEIGHED = 200  # ... and one more per this many characters of a longer one
_NAME_MAJORITY_USES = 3  # (names.py) a known name once is checked against a form written this often
_NAME_SLIP_MAX_ZIPF = 1.5  # a capitalised form the web knows better than this is a name of its own


class Spelling(Kind):
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
        "addresses, @handles, #hashtags, `code`, words with digits or periods (U.S., 3rd, COVID-19; but a "
        "letter typed for a digit in a year is flagged: l982), ALL-CAPS words outside a headline set in "
        "capitals (there a word the body never uses is checked: PRESSUE) and MixedCase words "
        "(acronyms, brands), non-Latin scripts and emoji, words shorter "
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
        from newslint.spelling import Lexicon, load_accept, load_reject, resolve

        bases = [Path(rule.source).parent] if getattr(rule, "source", "") else []
        opts = self.options
        files = [resolve(n, bases) for n in (*opts["wordlists"], *opts["accept_files"])]
        reject = load_reject([resolve(n, bases) for n in opts["reject_files"]], opts["reject"])
        self.verdicts = Verdicts(
            Lexicon.load(),
            load_accept(files, opts["accept"]),
            reject,
            locale=opts["locale"],
            common=opts["common"],
            max_edits=opts["max_edits"],
        )
        self.lexicon = self.verdicts.lexicon
        self.accept = self.verdicts.accept
        self.margins = Margins(
            lowercase=opts["margin"],
            capitalised=opts["margin_capitalised"],
            name=opts["margin_name"],
            evidence=opts["margin_evidence"],
        )
        self.limits = EditLimits(
            most=opts["max_edits"], short=opts["max_edits_short"], capitalised=opts["max_edits_capitalised"]
        )
        self.forms = FormFinder(self.verdicts, opts["min_length"])
        self.check_names: bool = opts["names"]
        self._unknown_names: dict[str, bool] = {}
        self._no_name_slip: set[str] = set()  # lowercased tokens that cannot be an unknown name slip

    def check(self, doc: Document) -> Iterator[Hit]:
        flagged: set[int] = set()
        evidence = ArticleEvidence(self.verdicts, self.margins, self.limits, doc)
        for hit in self._misspellings(doc, evidence):
            flagged.add(hit.start)
            yield hit
        unknown = self.check_names and self._may_hold_name_slips(doc)
        if unknown or (self.check_names and self._has_frequent_name(doc)):
            for hit in self._name_slips(doc, unknown):
                if hit.start not in flagged:
                    flagged.add(hit.start)
                    yield hit
        for hit in (*self._headline_slips(doc), *self._digit_slips(doc), *self._split_words(doc)):
            if hit.start not in flagged:
                yield hit

    def _in_scope(self, doc: Document, ws: int, we: int) -> bool:
        return any(start <= ws and we <= end for start, end in doc.regions(self.rule.scope))

    def _headline_slips(self, doc: Document) -> Iterator[Hit]:
        """The words of a headline set in capitals, checked as words (``newslint.spelling.headline``)."""
        head = doc.headline
        text = doc.text
        if head is None or not set_in_capitals(text[head.start : head.end]):
            return
        body = frozenset(_LETTERS.findall(doc.lowered_text, head.end))
        for slip in headline_slips(text, head.start, head.end, body, self.verdicts):
            ws, we = slip.start, slip.end
            if not self._in_scope(doc, ws, we) or not_prose(text, ws, we):
                continue
            right = slip.suggestion.upper()
            yield Hit(
                ws,
                we,
                {"match": text[ws:we], "suggestion": right},
                suggestions=(right,),
                fix=Fix(ws, we, right, safe=False),
            )

    def _split_words(self, doc: Document) -> Iterator[Hit]:
        """A word broken before its ending by a stray space (expand ed)."""
        text = doc.text
        lex = self.lexicon
        for split in split_words(text, lex.words, lex.freq):
            ws, we = split.start, split.end
            if not self._in_scope(doc, ws, we) or not_prose(text, ws, we):
                continue
            yield Hit(
                ws,
                we,
                {"match": text[ws:we], "suggestion": split.joined},
                suggestions=(split.joined,),
                fix=Fix(ws, we, split.joined, safe=False),
            )

    def _digit_slips(self, doc: Document) -> Iterator[Hit]:
        """A letter typed for a digit in a year (l982, 2o15)."""
        text = doc.text
        for slip in letter_for_digit(text):
            ws, we = slip.start, slip.end
            if not self._in_scope(doc, ws, we) or not_prose(text, ws, we):
                continue
            yield Hit(
                ws,
                we,
                {"match": text[ws:we], "suggestion": slip.number},
                suggestions=(slip.number,),
                fix=Fix(ws, we, slip.number, safe=False),
            )

    def _may_hold_name_slips(self, doc: Document) -> bool:
        """Whether the document has a word of five letters or more that no dictionary lists and
        the web hardly knows (what an unknown name slip must be): one set difference over its
        vocabulary, so most articles skip that part of the name check."""
        known = self._no_name_slip
        for token in doc.lowered_vocabulary - known:
            base = stem(token)
            if len(base) >= 5 and base.isalpha() and self._unknown_name(base):
                return True
            known.add(token)
        if len(known) > CHUNK_MEMO_LIMIT:
            known.clear()
        return False

    def _has_frequent_name(self, doc: Document) -> bool:
        """Whether some word no dictionary lists, of five letters or more, is written three times
        or more (what the majority of a known name's slip must be): a count over the tokens, so
        most articles skip the name check's pass over the text."""
        words = self.lexicon.words
        counts = Counter(doc.lowered_tokens)
        return any(
            n >= _NAME_MAJORITY_USES and len(t) >= 5 and t.isalpha() and t not in words
            for t, n in counts.items()
        )

    def _unknown_name(self, word: str) -> bool:
        """A capitalised form no dictionary lists and the web hardly knows (for the name check)."""
        unknown = self._unknown_names.get(word)
        if unknown is None:
            lw = stem(word).lower()
            lex = self.lexicon
            unknown = not (
                lw in lex.words
                or lw in lex.names
                or word in self.accept
                or lex.freq(lw) >= _NAME_SLIP_MAX_ZIPF
            )
            if len(self._unknown_names) > CHUNK_MEMO_LIMIT:
                self._unknown_names.clear()
            self._unknown_names[word] = unknown
        return unknown

    def _name_slips(self, doc: Document, unknown_suspects: bool) -> Iterator[Hit]:
        """A name spelled two ways in the article: the minority form, pointing at the majority."""
        text = doc.text
        regions = list(doc.regions(self.rule.scope))
        lex = self.lexicon
        found = inconsistent_names(
            text, self._unknown_name, lex.freq, lex.words.__contains__, unknown_suspects
        )
        for slip in found:
            ws, we = slip.start, slip.end
            if not any(start <= ws and we <= end for start, end in regions):
                continue
            if not_prose(text, ws, we) or _SIC.match(text, we) or scare_quoted(text, ws, we):
                continue
            yield Hit(
                ws,
                we,
                {"match": text[ws:we], "suggestion": slip.majority},
                suggestions=(slip.majority,),
                related=(RelatedSpan(slip.majority_start, f"spelled '{slip.majority}' here"),),
                fix=Fix(ws, we, slip.majority, safe=False),
            )

    def _misspellings(self, doc: Document, evidence: ArticleEvidence) -> Iterator[Hit]:
        text = doc.text
        lower: str | None = None
        whole = self.rule.scope == "text" and (text.isascii() or not _MARK.search(text))
        # Words weighed against their corrections (the costly step, about a millisecond each):
        # prose has a handful; a text with more than this is a list or a dump, and the rest of it
        # is left unweighed so the time stays linear in its size.
        budget = max(_WEIGHED_MIN, len(text) // _CHARS_PER_WEIGHED)
        for start, end in doc.regions(self.rule.scope):
            if whole:
                odd = self.forms.odd_forms_of(doc.lowered_vocabulary)
            else:
                odd = self.forms.odd_forms(text[start:end] if start or end != len(text) else text)
            if not odd:
                continue
            for ws, word in sorted(self.forms.single_uses(text, start, end, odd, evidence.repeated_slip)):
                we = ws + len(word)
                if (we + 1 < len(text) and text[we] in ".@-_/\\" and text[we + 1].isalnum()) or (
                    ws > 1 and text[ws - 1] in ".@_/\\" and text[ws - 2].isalnum()
                ):
                    continue  # part of U.S., a domain, a path or a dotted name
                if text[we : we + 1] == "&" or text[ws - 1 : ws] in ("&", "#", ";"):
                    continue  # an HTML entity around it (clich&#233;)
                norm = stem(word)
                we = ws + len(norm)
                lw = norm.lower()
                if not_prose(text, ws, we) or _SIC.match(text, we) or scare_quoted(text, ws, we):
                    continue
                if self.accept.phrases and self.accept.in_phrase(text, ws, we):
                    continue  # joie de vivre: a word of a listed phrase, in it
                if norm in self.accept:
                    continue  # as written: a Capitalised entry (Britian) matches exactly
                if lw == norm and rhymes(text, ws, we, self.lexicon.words):
                    continue  # "naming, shaming and faming": wordplay
                if lw.endswith("in") and text[we : we + 1] in ("'", "’"):
                    continue  # nothin': the g left out on purpose, and marked
                forced = self.verdicts.forced(lw)
                margin = 0.0
                proper = evidence.lowercased_name(norm)
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
                    if occurrences(lower, lw) > 1 and not evidence.repeated_slip(norm):
                        continue  # used twice: a name or a term of the story, not a slip
                    margin = evidence.position_margin(ws, we, norm)
                    rare = evidence.unheard_of(norm) or evidence.may_be_famous_slip(norm)
                    if margin >= NAME_MARGIN and not (near_calendar(lw) or rare):
                        continue
                budget -= 1
                if budget < 0:
                    return
                # Taha, Randt (names), hoc, auf: two edits from The, And, his, and; Wensday stays.
                # Only words that may use the far corrections pay for searching them.
                most = self.limits.most
                limit = most if forced else evidence.max_edits_for(norm)
                verdict = self.verdicts.verdict(lw, most if near_calendar(lw) else limit)
                if verdict is None:
                    continue
                if not forced and not (verdict.suggestions and verdict.suggestions[0] in CALENDAR):
                    verdict = verdict.within(limit)
                    if verdict is None:
                        continue
                hyphenated = _in_compound(text, ws, we)
                if not forced and hyphenated and (lw in self.lexicon.words or evidence.compound_fine(ws, we)):
                    continue  # clay-courters: a listed word in a coined compound
                if (
                    not forced
                    and verdict.shape
                    and evidence.shape_unlikely(norm, margin, verdict, hyphenated)
                ):
                    continue
                needed = evidence.needed(norm, margin, verdict, hyphenated)
                if not forced and verdict.gap < needed + evidence.attested_extra(lw, verdict):
                    continue
                ordered = self._ordered(norm, verdict, doc, ws, we)
                suggestions = tuple(match_case(s, norm) for s in ordered[:3])
                top = suggestions[0] if suggestions else ""
                yield Hit(
                    ws,
                    we,
                    {"match": text[ws:we], "suggestion": top or "?"},
                    suggestions=suggestions,
                    fix=self.verdicts.fix(ws, we, norm, verdict, top, forced),
                )

    def _ordered(self, word: str, verdict: Verdict, doc: Document, ws: int, we: int) -> tuple[str, ...]:
        """The flagged word's corrections, best first: by the channel, the article and the words
        either side (``newslint.spelling.ranking``)."""
        pool = self.verdicts.corrections(word.lower(), verdict)
        if len(pool) < 2:
            return verdict.suggestions
        context = neighbours(doc.text, ws, we)
        bigrams = load_bigrams()
        return rank_corrections(pool, doc.lowered_vocabulary, self.lexicon, context, bigrams, word)


def _in_compound(text: str, ws: int, we: int) -> bool:
    """Whether the word at ``ws:we`` is joined to another by a hyphen (clay-courters)."""
    return (ws > 1 and text[ws - 1] == "-" and text[ws - 2].isalnum()) or (
        we + 1 < len(text) and text[we] == "-" and text[we + 1].isalnum()
    )
