"""``duplicate-paragraph``: a paragraph that repeats an earlier one of the same article.

Feed merges and scrapers paste the lead twice, often with cosmetic changes
(quote style, spacing, dash, case, a word added or dropped).  Paragraphs are
compared after :func:`~newslint.kinds.duplicate_text.tokens` normalisation with a
token-level similarity; the later copy is reported, pointing at the first.
``target: lead`` reports copies of the lead (the common, severe case);
``target: other`` reports copies of any other paragraph, so one defect is
reported once.  The headline, the source line, list items and short lines
(bylines, ``ADVERTISEMENT``, crossheads) are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

import regex
from rapidfuzz.distance import Indel
from rapidfuzz.process import extract

from newslint.core.document import Document, Paragraph
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Kind
from newslint.core.options import Option
from newslint.core.patterns import MATCH_TIMEOUT, PatternTimeout, compile_pattern
from newslint.kinds.duplicate_edit import MIN_SIMILARITY, EditPolicy, edited_copy
from newslint.kinds.duplicate_text import Comparable, near_duplicate, similarity

#: a lead has at least this many words (a shorter first line is a byline or a crosshead)
LEAD_WORDS = 5
#: above this many paragraphs, compare only those that start or end with the same three words
#: (all pairs of a 3,000-paragraph file take seconds; a copy with one edit keeps one end intact)
FULL_COMPARISON_LIMIT = 200
NOTICE_SCAN_CHARS = 300  # a notice ("Correction: ...") opens its paragraph: only the start is matched
BLOCK_KEY_WORDS = 3  # in long files, copies are looked for among paragraphs sharing first or last words


def _notice_pattern(notices: Sequence[str]) -> regex.Pattern[str]:
    """Any of the notice openings, at the start of a paragraph after any punctuation."""
    for i, n in enumerate(notices):
        compile_pattern(n, f"notices[{i}]", ignorecase=True)  # name the bad one
    return compile_pattern(
        r"^\W*(?:" + "|".join(f"(?:{n})" for n in notices) + ")", "notices", ignorecase=True
    )


def _prepared(doc: Document) -> list[tuple[Paragraph, Comparable]]:
    """Every body paragraph that is not a list item, normalised once for all duplicate rules."""
    items = {p.start for p in doc.list_items}  # list entries repeat by design ("- No comment")
    return [(para, Comparable.of(para.text)) for para in doc.body if para.start not in items]


def candidates(doc: Document, min_words: int) -> list[tuple[Paragraph, Comparable]]:
    """Body paragraphs worth comparing: long enough, not list items, in order."""
    return [
        (p, c)
        for p, c in doc.memo("duplicate-paragraphs", lambda: _prepared(doc))
        if len(c.words) >= min_words
    ]


def lead_of(paras: Sequence[tuple[Paragraph, Comparable]]) -> tuple[Paragraph, Comparable] | None:
    """The lead: the first body paragraph long enough to be one (bylines come before it)."""
    return next(((p, c) for p, c in paras if len(c.words) >= LEAD_WORDS), None)


def removal(doc: Document, para: Paragraph) -> Fix:
    """Delete ``para`` with the line break(s) that separate it from the paragraph before."""
    before = doc.paragraphs[para.index - 1].end if para.index > 0 else para.start
    return Fix(before, para.end, "", safe=False)


class Score(NamedTuple):
    value: float  # similarity, or for an edited copy the aligned share
    how: str  # "verbatim", "near-verbatim" or "edited copy"


def likeness(score: Score) -> str:
    """How alike two copies are, in words an editor reads without a manual."""
    if score.how == "verbatim":
        return "word for word"
    if score.how == "edited copy":
        return f"with light edits ({int(score.value * 100)}% of its words in sentences of the first)"
    if score.value >= 1.0:
        return "with the same words (only case, punctuation or spacing differ)"
    return f"almost word for word ({int(score.value * 100)}% the same)"


class DuplicateParagraph(Kind):
    name = "duplicate-paragraph"
    # compares the body's paragraphs, whatever the scope: "text" and "body" both mean that
    scopes = ("text", "body")
    can_fix = True
    description = (
        "Flags a body paragraph that repeats an earlier one verbatim, near-verbatim or lightly edited, on "
        "the later copy, with the first copy as related location and the similarity in the message.  "
        "How similarity is measured: text is compared after erasing case, quote and dash style, "
        "punctuation and spacing.  First, a token-level edit similarity (1.0 = same words in the same "
        "order) at or above `threshold` makes a near-verbatim copy.  Otherwise, for pairs whose edit "
        "similarity is at least 0.4, sentence-level alignment finds edited copies (a sentence added or "
        "dropped, clauses or sentences moved, synonyms, figures restated as '3m'/'3 million', "
        "'three'/'3', '10%'/'10 per cent'): each paragraph is cut into sentences with figures written one "
        "way; two sentences of `sentence_threshold` or more bigram overlap (Dice coefficient of adjacent "
        "word pairs, so word order counts) are aligned; the score is the share of one paragraph's words in "
        "aligned sentences, reported from `edited_threshold` up when both paragraphs have "
        "`min_aligned_words` aligned words and the longer has `min_longer_share` of its words aligned.  "
        "`target: lead` reports copies of the lead, `target: other` copies of any other paragraph.  Skips "
        "the headline, the source line, list items, paragraphs shorter than `min_words`, paragraphs that "
        "share only a quotation (when quotes make up `quote_share` of both, the words around the quotes "
        "must match too; a sentence aligned only with a quoted copy of itself is a quotation, not a copy), "
        "pairs that differ in a figure (lines of a results table) and paragraphs opening like a `notices` "
        "entry (a correction quoting the story).  The (unsafe) fix deletes the later copy."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "target": Option(
            "str",
            "lead",
            "which first copies to report: the lead, or any other paragraph",
            choices=("lead", "other"),
        ),
        # Any two paragraphs (repeated-paragraph), so stricter than duplicate-lead's 0.8: in 2,095 BBC
        # articles the closest different paragraphs are results and award lists (0.78-0.87, one or two
        # names changed), all below 0.9 or shorter than 10 words.
        "threshold": Option(
            "float", 0.9, "lowest similarity (0-1) that counts as a copy", minimum=0.5, maximum=1.0
        ),
        "min_words": Option("int", 8, "shortest paragraph (in words) to compare", minimum=1),
        "quote_share": Option(
            "float",
            0.5,
            "share of quoted words above which the attribution must match too",
            minimum=0.0,
            maximum=1.0,
        ),
        # Edited copies (a sentence added or dropped, clauses moved, a synonym, a figure restated): in
        # 2,095 BBC articles and the 1,070 of corpus/real no two different paragraphs align more than
        # 0.55 with 11 words; edited copies made by bench/hard_structure.py align 0.76-1.00.
        "edited_threshold": Option(
            "float",
            0.75,
            "lowest share of a paragraph's words in sentences aligned with the other paragraph that makes "
            "it an edited copy (1.0 would need every sentence aligned)",
            minimum=0.5,
            maximum=1.0,
        ),
        "sentence_threshold": Option(
            "float", 0.7, "lowest bigram overlap (Dice) for two sentences to align", minimum=0.5, maximum=1.0
        ),
        "min_aligned_words": Option(
            "int", 12, "words each paragraph must have in aligned sentences for an edited copy", minimum=1
        ),
        "min_longer_share": Option(
            "float",
            0.35,
            "aligned share of the longer paragraph needed for an edited copy",
            minimum=0.0,
            maximum=1.0,
        ),
        "notices": Option(
            "list[str]",
            [],
            "openings (regular expressions, case-insensitive) of a paragraph that quotes another on "
            "purpose, such as a correction notice; such a paragraph is never a copy",
        ),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.threshold: float = self.options["threshold"]
        self.min_words: int = self.options["min_words"]
        self.quote_share: float = self.options["quote_share"]
        self.target: str = self.options["target"]
        self.edits = EditPolicy(
            self.options["edited_threshold"],
            self.options["sentence_threshold"],
            self.options["min_aligned_words"],
            self.options["min_longer_share"],
        )
        notices = self.options["notices"]
        self.notice = _notice_pattern(notices) if notices else None

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        if options.get("notices"):
            _notice_pattern(options["notices"])

    @property
    def _cutoff(self) -> float:
        """Pairs below this edit similarity are neither near-verbatim nor edited copies."""
        return min(self.threshold, MIN_SIMILARITY)

    def _score(self, a: Comparable, b: Comparable) -> Score | None:
        """How ``b`` (the later paragraph) copies ``a``: edit similarity, else aligned share."""
        raw = similarity(a.words, b.words, self._cutoff)
        return self._judge(a, b, raw) if raw else None

    def _judge(self, a: Comparable, b: Comparable, raw: float) -> Score | None:
        """:meth:`_score` for a pair whose edit similarity ``raw`` is known."""
        score = near_duplicate(a, b, self.threshold, self.quote_share, raw)
        how = "verbatim" if a.text.strip() == b.text.strip() else "near-verbatim"
        if not score:
            score, how = edited_copy(a, b, self.edits, self.quote_share), "edited copy"
        if not score or (self.notice is not None and self._is_notice(b.text)):
            return None
        return Score(score, how)

    def _is_notice(self, text: str) -> bool:
        assert self.notice is not None
        try:
            return self.notice.match(text[:NOTICE_SCAN_CHARS], timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            raise PatternTimeout(self.notice.pattern[:80]) from None

    def check(self, doc: Document) -> Iterator[Hit]:
        paras = candidates(doc, min(self.min_words, LEAD_WORDS))
        found = lead_of(paras)
        if found is None:
            return
        lead, lead_words = found
        later = [(p, c) for p, c in paras if p.index > lead.index and len(c.words) >= self.min_words]
        copies_of_lead = self._copies_of(lead_words, later)
        if self.target == "lead":
            if len(lead_words.words) >= self.min_words:
                yield from (self._hit(doc, p, lead, score) for p, score in copies_of_lead)
            return
        lead_copies = {p.index for p, _ in copies_of_lead}
        yield from self._repeats(doc, [(p, c) for p, c in later if p.index not in lead_copies])

    def _repeats(self, doc: Document, paras: Sequence[tuple[Paragraph, Comparable]]) -> Iterator[Hit]:
        originals: list[tuple[Paragraph, Comparable]] = []
        blocks: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        blocked = len(paras) > FULL_COMPARISON_LIMIT
        words: list[tuple[str, ...]] = []  # the originals' words, for one comparison call per paragraph
        for para, prepared in paras:
            keys = (("start", prepared.words[:BLOCK_KEY_WORDS]), ("end", prepared.words[-BLOCK_KEY_WORDS:]))
            if blocked:
                earlier = sorted({i for key in keys for i in blocks.get(key, ())})
                match = next(
                    ((originals[i][0], s) for i in earlier if (s := self._score(originals[i][1], prepared))),
                    None,
                )
            else:
                match = self._first_copy(originals, words, prepared)
            if match is not None:
                yield self._hit(doc, para, match[0], match[1])
                continue
            for key in keys:
                blocks.setdefault(key, []).append(len(originals))
            originals.append((para, prepared))
            words.append(prepared.words)

    def _copies_of(
        self, first: Comparable, later: Sequence[tuple[Paragraph, Comparable]]
    ) -> list[tuple[Paragraph, Score]]:
        """The later paragraphs that copy ``first``, in order (one comparison call for all of them)."""
        if not later:
            return []
        scored = extract(
            first.words,
            [c.words for _, c in later],
            scorer=Indel.normalized_similarity,
            score_cutoff=self._cutoff,
            limit=None,
        )
        copies = [(later[i][0], self._judge(first, later[i][1], float(raw))) for _, raw, i in scored]
        return sorted(((p, score) for p, score in copies if score is not None), key=lambda c: c[0].index)

    def _first_copy(
        self,
        originals: Sequence[tuple[Paragraph, Comparable]],
        words: Sequence[tuple[str, ...]],
        later: Comparable,
    ) -> tuple[Paragraph, Score] | None:
        """The earliest original that ``later`` copies: edit similarities against all of them in one
        call (the paragraph's words are prepared once, not once per pair), then the guards in order."""
        if not words:
            return None
        scored = extract(
            later.words, words, scorer=Indel.normalized_similarity, score_cutoff=self._cutoff, limit=None
        )
        for _, raw, i in sorted(scored, key=lambda hit: hit[2]):
            score = self._judge(originals[i][1], later, float(raw))
            if score is not None:
                return originals[i][0], score
        return None

    def _hit(self, doc: Document, para: Paragraph, first: Paragraph, score: Score) -> Hit:
        params = {
            "similarity": f"{score.value:.0%}",
            "first_line": first.first_line,
            "what": "lead" if self.target == "lead" else "paragraph",
            "verbatim": score.how,
            "likeness": likeness(score),
        }
        return Hit(
            para.start,
            para.end,
            params,
            related=(RelatedSpan(first.start, "first copy here"),),
            fix=removal(doc, para),
        )
