"""``trailing-junk``: what is not the article at its end: page furniture, or another story glued on.

Article extractors and feed tools keep what a page prints after the story
(newsletter plugs, share prompts, "You may also like" lists, tags, copyright and
affiliate notices, contact lines) and append the next story, a "related" teaser or
a recommended item.  Two signals, one finding per block:

- page furniture is recognised by its wording and shape, from cue lists that are
  data (``offtopic/boilerplate.json``, the rule's options), by :mod:`newslint.offtopic.junk`;
- another story, at the end of a text without furniture, is recognised by topic: the end is split
  into items at lines that open a new item (a headline-like line, a cue phrase
  such as "Read more", a second dateline), walking back from the end while each
  item is foreign to what precedes it (few of its informative words occur in the
  article).

The block is reported from its first line to the end of the text, ``related``
pointing at the article's last paragraph; the unsafe fix deletes the block.
Credits, sign-offs, corrections, notes and Q&A lines (``keep_cues``) are the
story's own and never start a block unless ``flag_credits`` is set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from newslint.core.document import Document, Paragraph
from newslint.core.findings import Fix, Hit, RelatedSpan
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.patterns import compile_pattern
from newslint.offtopic.junk import CUE_LISTS, Cues, Line, trailing_block, vocabulary
from newslint.offtopic.shapes import (
    DEFAULT_CUES,
    HEADLINE_WORDS,
    asks_the_reader,
    cue_pattern,
    is_credit_line,
    is_cue,
    is_end_matter,
    is_headline_like,
    is_list_entry,
    is_prose,
    is_source_line,
    starts_like_sentence,
)
from newslint.offtopic.topic import Bag, names, word_stems


@dataclass(frozen=True)
class Item:
    """A run of paragraphs at the end of the body that may be one appended item."""

    paragraphs: tuple[Paragraph, ...]
    opener: str  # "headline", "cue" or "dateline"

    @property
    def first(self) -> Paragraph:
        return self.paragraphs[0]


@dataclass(frozen=True)
class Verdict:
    item: Item
    overlap: float  # share of the item's word information found in the text before it
    head_overlap: float  # the same for its first line alone
    cohesion: float  # share of the first line's information repeated in the rest of the item
    words: int  # content words in the item
    foreign: bool
    reason: str


def shared(overlap: float) -> str:
    """The item's word overlap with the article, in words an editor reads without a manual."""
    percent = round(overlap * 100)
    if percent == 0:
        return "none of its key words appear in the article"
    return f"{percent}% of its key words appear in the article"


MIN_HEAD_WORDS = 2  # a headline of one content word says too little to compare topics with
UNRELATED_HEAD_PARTS = 3  # a headline sharing under a third of `max_head_overlap` is plainly off-topic
RESUMED_SHARE = 0.3  # an item's last paragraph this much about the article returns to the article
JUNK_ARTICLE_SHARE = 2  # furniture needs 1/2 of the article words that a comparison of topics does
FURNITURE_QUOTE = 60  # characters of the furniture line quoted in the message


def _dateline_starts(doc: Document) -> frozenset[int]:
    """Where the document's paragraphs that open with a dateline start (a second story's among them)."""
    return doc.memo("dateline-starts", lambda: frozenset(d.start for d in doc.datelines))


def _is_source(doc: Document, para: Paragraph) -> bool:
    return doc.source_line is not None and para.start == doc.source_line.start


JUNK_WINDOW = 40  # default of `junk_window`: comment threads and link lists run to a few dozen lines

_CUE_HELP = {
    "list_cues": 'openings of a line that heads a list of links, tags or comments ("You may also like", '
    '"Most popular", "Tags:"): from it to the end is junk',
    "junk_cues": "openings of a line that is page furniture itself (newsletter and app plugs, share and "
    "comment prompts, copyright, affiliate and legal notices, timestamps)",
    "junk_marks": "patterns anywhere in a short line that make it furniture (an e-mail address, (c), a phone "
    "number)",
    "soft_cues": 'openings of a follow prompt ("Follow us on ..."): furniture next to other furniture, '
    "but alone a sign-off some outlets print as part of the story",
    "keep_cues": "openings of a line that belongs to the story and is never junk (credits, sign-offs, "
    "corrections, notes and references, Q&A lines); such a line ends the junk block above it",
}


class TrailingJunk(Kind):
    name = "trailing-junk"
    fixes = Fixes.UNSAFE
    description = (
        "Flags the block at the end of the text that is not the article, as one finding from its first "
        "line to the end, `related` pointing at the article's last paragraph; the unsafe fix deletes the "
        "block.  Two signals.  Page furniture, by wording and shape: a line heading a list of links, tags "
        "or comments (`list_cues`: everything after it is junk), furniture lines (`junk_cues`: newsletter "
        "and app plugs, share and comment prompts, copyright, legal and affiliate notices, timestamps; "
        "`junk_marks`: an e-mail address, (c), a phone number in a short line), follow prompts beside them "
        "(`soft_cues`), with the short labels and links around them and at most one short paragraph of "
        "text between two of them (a bio); the lists ship in newslint/offtopic/boilerplate.json and a "
        "newsroom adds its outlets' wording with `extend-junk_cues` and the like.  Lines opening like "
        "`keep_cues` (credits and sign-offs such as 'Reporting by', 'Contributing:', 'With wires', '(AP)', "
        "photo credits, corrections, footnotes '[2] ...', Q&A 'Q: ...') are the story's and end the block "
        "above them (`flag_credits: true` flags them too, for corpus builders).  Another story, by topic, "
        "at the end of a text without furniture: a trailing item that belongs to another story: at the "
        "end of the article, a block opened by "
        "a headline-like line (short, capitalised, no closing full stop), a cue line (the `cues` list: "
        '"Read more", "Related:", "In other news", "Most read"...; from a cue to the end is one tail) or a '
        "second dateline, whose informative words mostly do not occur in the article before it (word "
        "overlap weighted by rarity in general English).  Topic is judged by more than shared vocabulary: "
        "an item whose headline the article does not share is foreign when the article holds few of its "
        "names, places, firms and figures (capitalised words that do not open a sentence, acronyms, numbers "
        "other than years), even when the two share a section's vocabulary, and in an article without "
        "subheadings a final headline and lead sharing little with it is foreign; a bare headline-like last "
        "line (a teaser) is foreign when it shares little with the article.  Several appended items are "
        "reported once, at the first, even when it is loosely related to the article, and the "
        'fix removes them all.  Credit and end lines ("Reporting by ...", "(c) 2024", "Reuter", "-30-", '
        '"###", a referee "P Lamont (Scotland)") are never flagged; in an article with subheadings a last '
        "section styled like them is kept.  Articles shorter than `min_article_words` are not judged.  The "
        "unsafe fix deletes the tail."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "max_overlap": Option(
            "float",
            0.2,
            "an item (headline and text) is foreign below this overlap with the article",
            minimum=0,
            maximum=1,
        ),
        "max_overlap_bare": Option(
            "float",
            0.1,
            "the same for a bare headline-like line with no text of its own",
            minimum=0,
            maximum=1,
        ),
        "max_overlap_related": Option(
            "float",
            0.35,
            "a higher limit for an item whose headline the article does not share (a neighbouring story); "
            "not used in articles with subheadings",
            minimum=0,
            maximum=1,
        ),
        "max_head_overlap": Option(
            "float", 0.4, "the item's headline overlap allowed by `max_overlap_related`", minimum=0, maximum=1
        ),
        "min_cohesion": Option(
            "float",
            0.6,
            "share of the item's headline its own text must repeat for `max_overlap_related`",
            minimum=0,
            maximum=1,
        ),
        "max_overlap_cue": Option(
            "float",
            0.6,
            "an item opened by a cue phrase or a dateline is foreign below this",
            minimum=0,
            maximum=1,
        ),
        "min_overlap_section": Option(
            "float",
            0.05,
            "in an article with subheadings, a last section styled like them is kept from this overlap up",
            minimum=0,
            maximum=1,
        ),
        "min_article_words": Option(
            "int", 40, "content words the article needs before the tail to be judged", minimum=1
        ),
        "min_item_words": Option("int", 4, "content words an item needs to be judged", minimum=1),
        "max_tail_paragraphs": Option(
            "int", 8, "how many final body paragraphs may belong to the tail", minimum=1
        ),
        "max_headline_words": Option(
            "int", HEADLINE_WORDS, "longest line that still reads as a headline", minimum=3
        ),
        # Same-section donors share an article's vocabulary but not its people, places, firms and figures.
        "max_overlap_names": Option(
            "float",
            0.45,
            "an item whose headline the article does not share is foreign below this overlap when the "
            "article holds few of its names, places and figures",
            minimum=0,
            maximum=1,
        ),
        "min_head_overlap_section": Option(
            "float",
            0.75,
            "a headline-like line whose words the article shares this much heads a section of the article "
            '("What next for Harrowby"), however far its text strays',
            minimum=0,
            maximum=1,
        ),
        # In 2,095 BBC articles no article without subheadings ends in a headline-like line and prose
        # that shares little with it; appended stories' headline and lead do.
        "max_overlap_lead_item": Option(
            "float",
            0.45,
            "in an article without subheadings, a final headline-like line with a paragraph of prose (a "
            "story's headline and lead) is foreign below this overlap when the article shares at most "
            "`max_head_overlap` of the headline",
            minimum=0,
            maximum=1,
        ),
        "max_overlap_unnamed": Option(
            "float",
            0.6,
            "the same, up to this overlap, when the article holds none of `min_unknown_names` or more names",
            minimum=0,
            maximum=1,
        ),
        "min_unknown_names": Option(
            "int", 3, "names, places and figures an item needs for `max_overlap_unnamed`", minimum=1
        ),
        "max_name_coverage": Option(
            "float",
            0.4,
            "share of the item's names, places and figures the article may hold for `max_overlap_names`",
            minimum=0,
            maximum=1,
        ),
        # BBC articles' own headline-like last lines share 0.56 or more of their information with them.
        "max_overlap_bare_last": Option(
            "float",
            0.4,
            "a bare headline-like last line (a teaser, two content words or more) is foreign below this",
            minimum=0,
            maximum=1,
        ),
        **{
            name: Option(
                "list[str]", list(vocabulary()[name]), f"{help_text} (regular expressions, any case)"
            )
            for name, help_text in _CUE_HELP.items()
        },
        "junk_window": Option(
            "int", JUNK_WINDOW, "how many final paragraphs are searched for page furniture", minimum=1
        ),
        "flag_credits": Option(
            "bool", False, "treat credit, sign-off and note lines (`keep_cues`) at the end as junk too"
        ),
        "cues": Option(
            "list[str]",
            list(DEFAULT_CUES),
            "openings (regular expressions, case-insensitive) of a line that announces appended items: "
            "everything from it to the end is the tail",
        ),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.cue = cue_pattern(self.options["cues"])
        cue_options = dict(self.options)
        if self.options["flag_credits"]:
            cue_options["junk_cues"] = [*self.options["keep_cues"], *self.options["junk_cues"]]
            cue_options["keep_cues"] = []
        self.cues = Cues.of(cue_options)

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        for i, cue in enumerate(options.get("cues", ())):
            compile_pattern(cue, f"cues[{i}]", ignorecase=True)
        defaults = vocabulary()
        Cues.of({name: options.get(name, defaults[name]) for name in CUE_LISTS})

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.headline is None:
            return
        body = list(doc.body)
        junk = self.junk_start(doc, body)
        # Furniture found at the end is the block; topic drift judges the ends without furniture.  (Judged
        # before the furniture too, on the 364 extractions of corpus/scraped it took story lines for
        # teasers on three pages and found no appended story that the furniture had not marked.)
        verdicts = self.judge(doc) if junk is None else []
        foreign = [v for v in verdicts if v.foreign]
        if foreign:
            first = foreign[0]
            start = body.index(first.item.first)
            params = {"reason": f"{first.reason}; {shared(first.overlap)}", "overlap": f"{first.overlap:.2f}"}
        elif junk is not None:
            start = junk
            params = {"reason": self._furniture(body[junk:]), "overlap": ""}
        else:
            return
        para = body[start]
        last = body[start - 1] if start else doc.headline
        end = body[-1]
        yield Hit(
            para.start,
            end.end,
            params,
            related=(RelatedSpan(last.start, "the article's last paragraph"),),
            fix=Fix(para.start, len(doc.text), "", safe=False),
        )

    def junk_start(self, doc: Document, body: Sequence[Paragraph]) -> int | None:
        """Index in ``body`` of the first paragraph of trailing page furniture, or None.

        The article before it must be long enough to be one: a page that is mostly furniture is not
        judged (nothing would be left to call the article).  Half of `min_article_words` is enough here:
        the furniture's wording, not a comparison of topics, is the evidence.
        """
        start = trailing_block([p.text for p in body], self.cues, window=self.options["junk_window"])
        if start is None:
            return None
        article = Bag(p.text for p in body[:start])
        if sum(article.counts.values()) * JUNK_ARTICLE_SHARE < self.options["min_article_words"]:
            return None
        return start

    def _furniture(self, block: Sequence[Paragraph]) -> str:
        """What the block is, for the message: its first furniture line, quoted short."""
        first = next((p.text for p in block if self.cues.classify(p.text) in (Line.JUNK, Line.LIST)), "")
        quoted = first if len(first) <= FURNITURE_QUOTE else first[: FURNITURE_QUOTE - 1].rstrip() + "…"
        return f"page furniture, not the article ('{quoted}')"

    # ------------------------------------------------------------ analysis

    def judge(self, doc: Document) -> list[Verdict]:
        """Verdicts for the trailing items, in text order; only a final run of foreign ones counts."""
        body = list(doc.body)
        items = self.items(doc)
        if not items or doc.headline is None:
            return []
        verdicts: list[Verdict] = []
        # Openers styled like the article's own headline may be other stories' headlines; the rest
        # (an all-capitals crosshead under a sentence-case headline) are the article's subheadings.
        upper = doc.headline.text.isupper()
        starts = {item.first.text for item in items if item.first.text.isupper() == upper}
        pending: list[Verdict] = []  # weakly related items after which no foreign item has come yet
        for item in reversed(items):
            sectioned = any(h not in starts for h in self._subheads(body, body.index(item.first)))
            verdict = self.verdict(doc, item, sectioned=sectioned)
            if verdict is not None and not verdict.foreign and verdicts and self._joins_tail(body, verdict):
                verdict = replace(
                    verdict, foreign=True, reason="headline-like line before another appended item"
                )
            if verdict is not None and verdict.foreign:
                # the article does not resume under a headline after another story: a weakly related
                # item after a foreign one is appended too
                verdicts += [replace(v, foreign=True, reason="after another appended item") for v in pending]
                pending = []
                verdicts.append(verdict)
            elif verdict is not None and not verdicts and self._may_follow_tail(verdict, starts):
                pending.insert(0, verdict)
            else:
                break
        first = verdicts[-1] if verdicts else None
        if (
            first is not None
            and first.item.opener == "headline"
            and first.overlap >= self.options["min_overlap_section"]
            and self._is_section_heading(body, body.index(first.item.first))
        ):
            return []  # one more section of an article with subheadings, straying from the rest
        return verdicts[::-1]

    def items(self, doc: Document) -> list[Item]:
        body = list(doc.body)
        while body and (is_end_matter(body[-1].text) or self.cues.keeps(body[-1].text)):
            body.pop()
        if len(body) < 2:
            return []
        window = max(1, len(body) - self.options["max_tail_paragraphs"])
        max_words = self.options["max_headline_words"]
        starts: list[tuple[int, str]] = []
        dated = _dateline_starts(doc)
        for i in range(window, len(body)):
            text = body[i].text
            if is_cue(text, self.cue):
                starts.append((i, "cue"))
                break  # a cue announces the tail: everything after it belongs to it
            elif is_headline_like(text, max_words=max_words):
                if self._opens_item(body, i):
                    starts.append((i, "headline"))
            elif body[i].start in dated and not (starts and starts[-1][0] == i - 1):
                starts.append((i, "dateline"))
        items: list[Item] = []
        for n, (i, opener) in enumerate(starts):
            stop = starts[n + 1][0] if n + 1 < len(starts) else len(body)
            items.append(Item(tuple(body[i:stop]), opener))
        return items

    def _opens_item(self, body: Sequence[Paragraph], i: int) -> bool:
        """A headline-like paragraph opens an item unless it is one entry of a list or a mid-text label.

        After prose it opens one; after another short line only when text of its own follows (a list of
        names or dates does not).  The text that follows must start like a sentence.
        """
        max_words = self.options["max_headline_words"]
        k = i + 2 if i + 2 < len(body) and is_source_line(body[i + 1].text) else i + 1
        nxt = body[k].text if k < len(body) else None
        if nxt is not None and not starts_like_sentence(nxt):
            return False
        text = body[i].text
        if asks_the_reader(text):
            return False  # "Have you ever seen anything like it?": the writer talking, not a headline
        if is_list_entry(text) and any(is_list_entry(p.text) for p in body[:i]):
            return False
        after_prose = not is_headline_like(body[i - 1].text, max_words=max_words) and is_prose(
            body[i - 1].text
        )
        return after_prose or (
            nxt is not None and is_prose(nxt) and not is_headline_like(nxt, max_words=max_words)
        )

    def _joins_tail(self, body: Sequence[Paragraph], verdict: Verdict) -> bool:
        """Appended items come in runs: next to a foreign item, a weakly related one is taken as well."""
        return (
            verdict.item.opener != "cue"
            and verdict.words >= self.options["min_item_words"]
            and verdict.overlap < self.options["max_overlap_related"]
            and verdict.reason == "on topic"
            and any(is_prose(p.text) for p in verdict.item.paragraphs[1:])
            and not self._is_section_heading(body, body.index(verdict.item.first))
        )

    def _may_follow_tail(self, verdict: Verdict, starts: set[str]) -> bool:
        """A last item too weakly related to the article to end it if a foreign item comes before it
        (headed like the article itself, not like its crossheads)."""
        return (
            verdict.item.opener == "headline"
            and verdict.item.first.text in starts
            and verdict.overlap < self.options["max_overlap_related"]
            and verdict.reason != "the article resumes after it"
        )

    def _subheads(self, body: Sequence[Paragraph], stop: int) -> list[str]:
        """Headline-like lines before ``body[stop]`` that head a section of prose (not list entries)."""
        max_words = self.options["max_headline_words"]
        return [
            body[k].text
            for k in range(1, stop)
            if is_headline_like(body[k].text, max_words=max_words, min_words=1)
            and not is_list_entry(body[k].text)
            and k + 1 < len(body)
            and is_prose(body[k + 1].text)
        ]

    def _is_section_heading(self, body: Sequence[Paragraph], i: int) -> bool:
        """In an article with subheadings, a line no longer and in the same case as those is one more."""
        text = body[i].text.strip()
        subheads = self._subheads(body, i)
        if not subheads or is_list_entry(text):
            return False
        if len(subheads) < 2:
            return False
        longest = max(len(h.split()) for h in subheads)
        return len(text.split()) <= longest + 2 and any(h.isupper() == text.isupper() for h in subheads)

    def verdict(self, doc: Document, item: Item, *, sectioned: bool = False) -> Verdict | None:
        """Judge one item against the article text before it; None when there is too little to judge.

        The item is represented by its opening (headline-like line up to its first paragraph of prose):
        that is where a story says what it is about, and it keeps long appended stories comparable
        with short ones.
        """
        before = [p.text for p in doc.paragraphs if p.end <= item.first.start and not _is_source(doc, p)]
        article = Bag(before)
        if sum(article.counts.values()) < self.options["min_article_words"]:
            if item.opener == "cue":  # the cue alone says what it is; the topic cannot be compared
                return Verdict(
                    item, 0.0, 0.0, 0.0, 0, True, "cue phrase; article too short to compare topics"
                )
            return None
        prose = next((k for k, p in enumerate(item.paragraphs) if k and is_prose(p.text)), None)
        opening = item.paragraphs if prose is None else item.paragraphs[: prose + 1]
        sample = Bag(p.text for p in opening)
        head = Bag([item.first.text])
        rest = Bag(p.text for p in opening[1:])
        words = sum(sample.counts.values())
        overlap = sample.coverage_by(article)
        head_overlap = head.coverage_by(article)
        cohesion = head.coverage_by(rest) if len(rest) else 0.0
        opts = self.options
        foreign, reason = False, "on topic"
        dated = _dateline_starts(doc)
        dateline = item.opener == "dateline" or any(p.start in dated for p in item.paragraphs[1:2])
        if item.opener == "cue":
            foreign, reason = overlap < opts["max_overlap_cue"], "cue phrase"
        elif prose is None and self._bare_last_line(item, words, overlap):
            foreign, reason = True, "headline-like last line sharing little with the article"
        elif words < opts["min_item_words"]:
            reason = "too short to judge"
        elif dateline and overlap < opts["max_overlap_cue"]:
            foreign, reason = True, "second dateline"
        elif prose is None:
            if overlap < opts["max_overlap_bare"]:
                foreign, reason = True, "headline-like line with no text"
        elif overlap < opts["max_overlap"] and not (
            len(head) >= 1 and head_overlap >= opts["min_head_overlap_section"]
        ):
            foreign, reason = True, "headline-like line"
        elif (
            not sectioned
            and len(head) >= MIN_HEAD_WORDS
            and overlap < opts["max_overlap_unnamed"]
            and head_overlap <= opts["max_head_overlap"]
            and self._strange_names(before, opening, overlap)
        ):
            foreign, reason = True, "headline-like line; names and figures not in the article"
        elif (
            not sectioned
            and len(head) >= MIN_HEAD_WORDS
            and overlap < opts["max_overlap_lead_item"]
            and head_overlap <= opts["max_head_overlap"]
        ):
            foreign, reason = True, "headline-like line and lead of a story of its own"
        elif (
            not sectioned
            and len(head) >= MIN_HEAD_WORDS
            and overlap < opts["max_overlap_related"]
            and (
                head_overlap <= opts["max_head_overlap"] / UNRELATED_HEAD_PARTS
                or (head_overlap <= opts["max_head_overlap"] and cohesion >= opts["min_cohesion"])
            )
        ):
            foreign, reason = True, "headline-like line with a story of its own"
        if (
            foreign
            and item.opener != "cue"  # a cue announces the rest as appended
            and len(item.paragraphs) > len(opening)
            and self._resumes(article, sample, item.paragraphs[-1])
        ):
            foreign, reason = False, "the article resumes after it"
        return Verdict(item, overlap, head_overlap, cohesion, words, foreign, reason)

    def _strange_names(self, before: Sequence[str], opening: Sequence[Paragraph], overlap: float) -> bool:
        """The item names people, places, firms or figures and the article holds few of them (or, for an
        item sharing more of the article's vocabulary, several and none of them)."""
        found = set().union(*(names(p.text) for p in opening))
        if not found:
            return False
        known = found & word_stems(before)
        if overlap >= self.options["max_overlap_names"]:
            return not known and len(found) >= self.options["min_unknown_names"]
        limit: float = self.options["max_name_coverage"]
        return len(known) <= limit * len(found)

    def _bare_last_line(self, item: Item, words: int, overlap: float) -> bool:
        """A lone headline-like last line (a teaser) sharing little with the article.

        In 2,095 BBC articles the headline-like last lines that belong to their article ("Half-Life 2
        is out now for the PC", "You can hear more from ...") share 0.56 or more of their information
        with it; a bare name, or one with a bracketed country or body ("P O'Brien (New Zealand)", a
        referee), shares nothing and is not a teaser either.
        """
        if len(item.paragraphs) != 1 or words < MIN_HEAD_WORDS or is_credit_line(item.first.text):
            return False
        limit: float = self.options["max_overlap_bare_last"]
        return overlap < limit

    @staticmethod
    def _resumes(article: Bag, opening: Bag, last: Paragraph) -> bool:
        """The item's last paragraph is about the article again, not about the item's own opening."""
        bag = Bag([last.text])
        back = bag.coverage_by(article)
        return back >= RESUMED_SHARE and back > bag.coverage_by(opening)
