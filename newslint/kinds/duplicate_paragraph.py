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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from newslint.document import Document, Paragraph
from newslint.findings import Fix, Hit, RelatedSpan
from newslint.kinds.base import Kind
from newslint.kinds.duplicate_text import LIST_ITEM, Comparable, near_duplicate
from newslint.options import Option

#: a lead has at least this many words (a shorter first line is a byline or a crosshead)
LEAD_WORDS = 5
#: above this many paragraphs, compare only those that start or end with the same three words
#: (all pairs of a 3,000-paragraph file take seconds; a copy with one edit keeps one end intact)
FULL_COMPARISON_LIMIT = 200


def _prepared(doc: Document) -> list[tuple[Paragraph, Comparable]]:
    """Every body paragraph that is not a list item, normalised once for all duplicate rules."""
    return [(para, Comparable.of(para.text)) for para in doc.body if not LIST_ITEM.match(para.text)]


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


def likeness(verbatim: bool, score: float) -> str:
    """How alike two copies are, in words an editor reads without a manual."""
    if verbatim:
        return "word for word"
    if score >= 1.0:
        return "with the same words (only case, punctuation or spacing differ)"
    return f"almost word for word ({int(score * 100)}% the same)"


class DuplicateParagraph(Kind):
    name = "duplicate-paragraph"
    # compares the body's paragraphs, whatever the scope: "text" and "body" both mean that
    scopes = ("text", "body")
    can_fix = True
    description = (
        "Flags a body paragraph that repeats an earlier one verbatim or near-verbatim, on the later "
        "copy, with the first copy as related location and the similarity in the message.  Text is "
        "compared after erasing case, quote and dash style, punctuation and spacing; the score is a "
        "token-level edit similarity (1.0 = same words).  `target: lead` reports copies of the lead, "
        "`target: other` copies of any other paragraph.  Skips the headline, the source line, list "
        "items, paragraphs shorter than `min_words`, paragraphs that share only a quotation (when "
        "quotes make up `quote_share` of both, the words around the quotes must match too) and pairs "
        "that differ in a figure (lines of a results table).  The (unsafe) fix deletes the later copy."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "target": Option(
            "str",
            "lead",
            "which first copies to report: the lead, or any other paragraph",
            choices=("lead", "other"),
        ),
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
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.threshold: float = self.options["threshold"]
        self.min_words: int = self.options["min_words"]
        self.quote_share: float = self.options["quote_share"]
        self.target: str = self.options["target"]

    def _score(self, a: Comparable, b: Comparable) -> float:
        return near_duplicate(a, b, self.threshold, self.quote_share)

    def check(self, doc: Document) -> Iterator[Hit]:
        paras = candidates(doc, min(self.min_words, LEAD_WORDS))
        found = lead_of(paras)
        if found is None:
            return
        lead, lead_words = found
        later = [(p, c) for p, c in paras if p.index > lead.index and len(c.words) >= self.min_words]
        copies_of_lead = [(p, self._score(lead_words, c)) for p, c in later]
        if self.target == "lead":
            if len(lead_words.words) >= self.min_words:
                yield from (self._hit(doc, p, lead, score, "lead") for p, score in copies_of_lead if score)
            return
        lead_copies = {p.index for p, score in copies_of_lead if score}
        yield from self._repeats(doc, [(p, c) for p, c in later if p.index not in lead_copies])

    def _repeats(self, doc: Document, paras: Sequence[tuple[Paragraph, Comparable]]) -> Iterator[Hit]:
        originals: list[tuple[Paragraph, Comparable]] = []
        blocks: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        blocked = len(paras) > FULL_COMPARISON_LIMIT
        for para, prepared in paras:
            keys = (("start", prepared.words[:3]), ("end", prepared.words[-3:]))
            earlier: Iterable[int] = range(len(originals))
            if blocked:
                earlier = sorted({i for key in keys for i in blocks.get(key, ())})
            match = next(
                ((originals[i][0], s) for i in earlier if (s := self._score(originals[i][1], prepared))), None
            )
            if match is not None:
                yield self._hit(doc, para, match[0], match[1], "paragraph")
                continue
            for key in keys:
                blocks.setdefault(key, []).append(len(originals))
            originals.append((para, prepared))

    def _hit(self, doc: Document, para: Paragraph, first: Paragraph, score: float, what: str) -> Hit:
        params = {
            "similarity": f"{score:.0%}",
            "first_line": first.first_line,
            "what": what,
            "verbatim": "verbatim" if para.text.strip() == first.text.strip() else "near-verbatim",
            "likeness": likeness(para.text.strip() == first.text.strip(), score),
        }
        return Hit(
            para.start,
            para.end,
            params,
            related=(RelatedSpan(first.start, "first copy here"),),
            fix=removal(doc, para),
        )
