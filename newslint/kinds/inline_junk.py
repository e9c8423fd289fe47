"""``inline-junk``: page furniture at the top of the text or inside it, where extractors leave it.

Besides the trailing block (``trailing-junk``), extractors keep furniture between
the story's paragraphs: "Advertisement" slots, "Related: <headline>" and "Read
more: ..." links, share prompts, "Back to Gallery".  The same cue lists as the trailing rule
decide what a line is (:mod:`newslint.offtopic.junk`); a run of furniture lines is
one finding.  Kept apart from the trailing rule because a line inside the story is
weaker evidence: one cue and no block around it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from newslint.core.document import Document, Paragraph
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.offtopic.junk import CUE_LISTS, Cues, Line, trailing_block, vocabulary

QUOTE_CHARS = 60  # characters of the furniture line quoted in the message
JUNK_WINDOW = 40  # as trailing-junk's `junk_window`: its block is left to it


class InlineJunk(Kind):
    name = "inline-junk"
    fixes = Fixes.UNSAFE
    description = (
        "Flags page furniture at the top of the text or between its paragraphs: lines the cue lists call "
        "furniture (`list_cues` such as 'Related:' or 'Read more:' with a link, `junk_cues` such as "
        "'Advertisement', share prompts, 'Back to Gallery'; `junk_marks`).  A run of such lines is one "
        "finding; the trailing block is left to off-topic-tail.  "
        "Credit and note lines (`keep_cues`) are never flagged.  The unsafe fix deletes the run."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        **{
            name: Option("list[str]", list(vocabulary()[name]), "as in trailing-junk (off-topic-tail)")
            for name in CUE_LISTS
        },
        "junk_window": Option(
            "int", JUNK_WINDOW, "final paragraphs where trailing-junk looks for its block", minimum=1
        ),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.cues = Cues.of(self.options)

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        defaults = vocabulary()
        Cues.of({name: options.get(name, defaults[name]) for name in CUE_LISTS})

    def check(self, doc: Document) -> Iterator[Hit]:
        body = list(doc.body)
        tail = trailing_block([p.text for p in body], self.cues, window=self.options["junk_window"])
        inside = body if tail is None else body[:tail]
        flagged = self.furniture(inside)
        run: list[Paragraph] = []
        for k, para in enumerate(inside):
            if k in flagged:
                run.append(para)
                continue
            if run:
                yield self._hit(doc, run, para)
                run = []
        if run:
            yield self._hit(doc, run, None)

    def furniture(self, paragraphs: Sequence[Paragraph]) -> set[int]:
        """Indexes of the furniture lines among ``paragraphs``."""
        kinds = [self.cues.classify(p.text) for p in paragraphs]
        found = {k for k, kind in enumerate(kinds) if kind in (Line.JUNK, Line.LIST)}
        return found

    def _hit(self, doc: Document, run: Sequence[Paragraph], after: Paragraph | None) -> Hit:
        first, last = run[0], run[-1]
        if after is not None:  # the run and the blank lines after it
            fix = Fix(first.start, after.start, "", safe=False)
        else:  # the run and the line breaks before it
            before = doc.paragraphs[first.index - 1].end if first.index > 0 else first.start
            fix = Fix(before, last.end, "", safe=False)
        return Hit(
            first.start,
            last.end,
            {"what": first.text if len(first.text) <= QUOTE_CHARS else first.text[: QUOTE_CHARS - 1] + "…"},
            related=(RelatedSpan(doc.headline.start, "the article's headline"),) if doc.headline else (),
            fix=fix,
        )
