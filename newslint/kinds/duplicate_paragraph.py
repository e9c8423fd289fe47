"""``duplicate-paragraph``: a paragraph that repeats an earlier one of the same article.

Feed merges and scrapers paste the lead twice, often with cosmetic changes
(quote style, spacing, dash, case, a word added or dropped).  Paragraphs are
compared after :func:`~newslint.duplicates.tokens.tokens` normalisation with a
token-level similarity; the later copy is reported, pointing at the first.
``target: lead`` reports copies of the lead (the common, severe case);
``target: other`` reports copies of any other paragraph, so one defect is
reported once.  The headline, the source line, list items, short lines
(bylines, ``ADVERTISEMENT``, crossheads) and captions repeated through the page
(:mod:`newslint.duplicates.furniture`) are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, ClassVar, NamedTuple

import regex
from rapidfuzz.distance import Indel
from rapidfuzz.process import extract

from newslint.core.compiled_patterns import compiled
from newslint.core.document import Document, Paragraph
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.patterns import MATCH_TIMEOUT, PatternTimeout, compile_pattern
from newslint.duplicates.edit import MIN_SIMILARITY
from newslint.duplicates.furniture import ends_a_sentence, repeated_furniture
from newslint.duplicates.text import Comparable, EditPolicy, edited_copy, near_duplicate
from newslint.duplicates.tokens import similarity
from newslint.offtopic.junk import Cues, trailing_block, vocabulary

#: a lead has at least this many words (a shorter first line is a byline or a crosshead)
LEAD_WORDS = 5
#: above this many paragraphs, compare only those that start or end with the same three words
#: (all pairs of a 3,000-paragraph file take seconds; a copy with one edit keeps one end intact)
FULL_COMPARISON_LIMIT = 200
NOTICE_SCAN_CHARS = 300  # a notice ("Correction: ...") opens its paragraph: only the start is matched
BLOCK_KEY_WORDS = 3  # in long files, copies are looked for among paragraphs sharing first or last words
#: in long files, each paragraph is compared with at most this many earlier paragraphs of each of its two
#: blocks (the latest ones): 5,000 near-identical paragraphs would otherwise make 12 million comparisons
MAX_BLOCK_COMPARISONS = 24
#: a repeat among short paragraphs (this many words on average around both copies) is the article's own
#: list, table or plan repeating an entry ("Portion: 1 cup rice" every day of a meal plan), not a paste
LIST_NEIGHBOUR_WORDS = 15
LIST_NEIGHBOURS = 2  # paragraphs on each side looked at for that
MIN_LIST_NEIGHBOURS = 2
#: a short label and a colon opening a paragraph: one field of a record written as text
FIELD = compiled(r"^\s*[\p{L}][\p{L}'’ -]{0,40}:\s+\S")
FURNITURE_WINDOW = 40  # final paragraphs searched for page furniture, as off-topic-tail's default
MIN_OWN_REPEATS = 3  # distinct paragraphs repeated among short ones before the article counts as a list
#: one copy mostly quoted and the other hardly at all: a statement quoted in the story and shown in full
#: (an embedded post), not a paste
QUOTING_SHARE = 0.5
BARE_SHARE = 0.2


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


def _not_furniture(doc: Document) -> list[tuple[Paragraph, Comparable]]:
    """:func:`_prepared` without the captions and credits the text prints three times or more."""
    paras = doc.memo("duplicate-paragraphs", lambda: _prepared(doc))
    lead = lead_of(paras)
    keep = lead[1].words if lead is not None and ends_a_sentence(lead[1].text) else ()
    furniture = repeated_furniture([c.words for _, c in paras], keep)
    return [pc for k, pc in enumerate(paras) if k not in furniture]


def candidates(doc: Document, min_words: int) -> list[tuple[Paragraph, Comparable]]:
    """Body paragraphs worth comparing: long enough, not list items, not a caption or credit repeated
    through the page (never the lead, never a copy), in order."""
    return [
        (p, c)
        for p, c in doc.memo("duplicate-candidates", lambda: _not_furniture(doc))
        if len(c.words) >= min_words
    ]


def lead_of(paras: Sequence[tuple[Paragraph, Comparable]]) -> tuple[Paragraph, Comparable] | None:
    """The lead: the first body paragraph long enough to be one (bylines come before it)."""
    return next(((p, c) for p, c in paras if len(c.words) >= LEAD_WORDS), None)


def removal(doc: Document, para: Paragraph) -> Fix:
    """Delete ``para`` with the line break(s) that separate it from the paragraph before."""
    before = doc.paragraphs[para.index - 1].end if para.index > 0 else para.start
    return Fix(before, para.end, "", safe=False)


def list_like(doc: Document, para: Paragraph, other: Paragraph) -> bool:
    """``para`` sits among short paragraphs (``other``, its copy, aside): an entry of a list, table or
    plan written as paragraphs.  Two such neighbours at least: a short article is not a list."""
    body = doc.body
    k = doc.memo("body-positions", lambda: {p.index: i for i, p in enumerate(body)}).get(para.index)
    if k is None:
        return False
    around = (*body[max(0, k - LIST_NEIGHBOURS) : k], *body[k + 1 : k + 1 + LIST_NEIGHBOURS])
    words = [len(p.text.split()) for p in around if p.index != other.index and p.text.strip(" \u200b\ufeff")]
    return len(words) >= MIN_LIST_NEIGHBOURS and sum(words) / len(words) < LIST_NEIGHBOUR_WORDS


def trailing_furniture(doc: Document) -> int:
    """Index (in ``doc.paragraphs``) where the page furniture at the end starts, or past the end.

    A copy inside that block (a bio printed at the top and again in the footer) is furniture:
    off-topic-tail reports the block and its fix deletes it, so it is not reported twice.  Found
    with the shipped cue lists: the duplicate rules do not read off-topic-tail's options.
    """

    def find() -> int:
        body = doc.body
        start = trailing_block([p.text for p in body], _default_cues(), window=FURNITURE_WINDOW)
        return body[start].index if start is not None else len(doc.paragraphs)

    return doc.memo("trailing-furniture", find)


@cache
def _default_cues() -> Cues:
    return Cues.of(vocabulary())


def is_field(text: str) -> bool:
    """A labelled field ("Serves: 4", "Portion: 1 cup rice, 1 tsp oil"): records repeat their fields."""
    return FIELD.match(text) is not None


def quotes_the_other(a: Comparable, b: Comparable) -> bool:
    """One copy quotes the text and the other gives it bare: the story quoting a post it also shows."""
    return max(a.quoted, b.quoted) >= QUOTING_SHARE and min(a.quoted, b.quoted) <= BARE_SHARE


def more_copies(n: int) -> str:
    """The copies after the reported one, for the message: one finding stands for all of them."""
    if n <= 0:
        return ""
    return "; 1 more copy follows" if n == 1 else f"; {n} more copies follow"


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
    fixes = Fixes.UNSAFE
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
        "entry (a correction quoting the story).  Repeats the article makes itself are not copies: when "
        "three or more paragraphs repeat among short ones (a list, table or plan written as paragraphs), "
        "or a labelled field ('Portion: ...') repeats among them, those repeats; and a statement quoted "
        "in the story and also shown bare (an embedded post).  A paragraph or lead copied several times "
        "is one finding, at its first copy, the message counting the rest; a copy inside the page "
        "furniture at the end is left to off-topic-tail.  A caption or credit the page prints beside every "
        "picture (a paragraph of at most 40 words printed in three or more places, with other paragraphs "
        "between, and any paragraph opening with it; not the lead written as a sentence) is neither the "
        "lead nor a copy.  In files of more than 200 paragraphs each "
        "paragraph is compared with at most 24 earlier ones sharing its first or last three words "
        "(per key), so the work grows linearly.  The (unsafe) fix deletes the later copy."
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
        # A one-sentence summary an extractor repeats can be 8 or 9 words; repeated-paragraph at 8 reports
        # nothing in 2,095 BBC articles, corpus/real, corpus/wire or the dev split that 10 did not.
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
        furniture = trailing_furniture(doc)
        later = [
            (p, c)
            for p, c in paras
            if p.index > lead.index and len(c.words) >= self.min_words and p.index < furniture
        ]
        copies_of_lead = self._copies_of(lead_words, later)
        if self.target == "lead":
            comparable = dict((p.index, c) for p, c in later)
            own = [
                (p, score)
                for p, score in copies_of_lead
                if not quotes_the_other(lead_words, comparable[p.index])
            ]
            if len(lead_words.words) >= self.min_words and own:
                p, score = own[0]  # a lead repeated many times is one defect: reported at its first copy
                yield self._hit(doc, p, lead, score, copies=len(copies_of_lead))
            return
        lead_copies = {p.index for p, _ in copies_of_lead}
        yield from self._repeats(doc, [(p, c) for p, c in later if p.index not in lead_copies])

    def _repeats(self, doc: Document, paras: Sequence[tuple[Paragraph, Comparable]]) -> Iterator[Hit]:
        originals: list[tuple[Paragraph, Comparable]] = []
        blocks: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        blocked = len(paras) > FULL_COMPARISON_LIMIT
        words: list[tuple[str, ...]] = []  # the originals' words, for one comparison call per paragraph
        originals_by_index: dict[int, Comparable] = {}
        matches: list[tuple[Paragraph, Paragraph, Score]] = []  # (later copy, first copy, score)
        for para, prepared in paras:
            keys = (("start", prepared.words[:BLOCK_KEY_WORDS]), ("end", prepared.words[-BLOCK_KEY_WORDS:]))
            if blocked:
                earlier = sorted({i for key in keys for i in blocks.get(key, ())[-MAX_BLOCK_COMPARISONS:]})
                match = next(
                    ((originals[i][0], s) for i in earlier if (s := self._score(originals[i][1], prepared))),
                    None,
                )
            else:
                match = self._first_copy(originals, words, prepared)
            if match is not None:
                if not quotes_the_other(originals_by_index[match[0].index], prepared):
                    matches.append((para, match[0], match[1]))
                continue
            for key in keys:
                blocks.setdefault(key, []).append(len(originals))
            originals.append((para, prepared))
            originals_by_index[para.index] = prepared
            words.append(prepared.words)
        # An article that repeats several entries among short paragraphs is a list, table or plan that
        # repeats itself (a meal plan's portions day after day); a single repeat is a paste all the same.
        listed = len({first.index for _, first, _ in matches}) >= MIN_OWN_REPEATS
        reported: set[int] = set()  # first copies already reported: many copies of one are one defect
        for para, first, score in matches:
            entry = (
                (listed or is_field(para.text))
                and list_like(doc, first, para)
                and list_like(doc, para, first)
            )
            if first.index in reported or entry:
                continue
            reported.add(first.index)
            yield self._hit(doc, para, first, score)

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

    def _hit(self, doc: Document, para: Paragraph, first: Paragraph, score: Score, copies: int = 1) -> Hit:
        params = {
            "similarity": f"{score.value:.0%}",
            "first_line": first.first_line,
            "what": "lead" if self.target == "lead" else "paragraph",
            "verbatim": score.how,
            "likeness": likeness(score) + more_copies(copies - 1),
        }
        return Hit(
            para.start,
            para.end,
            params,
            related=(RelatedSpan(first.start, "first copy here"),),
            fix=removal(doc, para),
        )
