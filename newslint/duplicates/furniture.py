"""Paragraphs a page prints in three places or more: captions and credits, not pasted copies.

A pasted lead or a block extracted twice gives two copies of a paragraph, and a
lead pasted again and again gives its copies side by side.  A photo caption or
credit that the page repeats beside every picture is printed in many places,
with the story between them; extractors keep them all.  Such a line is page
furniture, not a duplicated lead or a repeated paragraph: the duplicate rules
neither take it for the lead nor report its copies.  A longer line that opens
with it (the caption with the photographer's credit appended) is the same
furniture.  The lead, the first paragraph long enough to be one, is furniture only when it
does not end like a sentence (a caption at the top of the page): a lead written as a sentence
and printed three times is a pasted lead.  Only short paragraphs count: a whole extraction printed three times
repeats paragraphs of 40 words and more, and those copies stay reported.  This
module defines no kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newslint.core.compiled_patterns import compiled

#: a paragraph printed in this many places (runs of copies with other paragraphs between) is furniture;
#: a paste gives two copies, or several side by side
MIN_PLACES = 3
#: longest repeated paragraph (in words) taken for a caption or credit: captions are a sentence or two
MAX_CAPTION_WORDS = 40
#: a sentence's end, before closing quotes or brackets: a lead ends so, a caption often does not
SENTENCE_END = compiled(r"[.!?…][\"'’”)\]]*\s*$")


def ends_a_sentence(text: str) -> bool:
    """``text`` ends as a sentence does ("... on Monday."), not as a caption or a title."""
    return SENTENCE_END.search(text) is not None


def repeated_furniture(paragraphs: Sequence[tuple[str, ...]], keep: tuple[str, ...] = ()) -> set[int]:
    """Positions in ``paragraphs`` (normalised words, in order) of captions and credits repeated through
    the text: the short paragraphs printed in ``MIN_PLACES`` places or more, and those that open with one.
    Empty paragraphs (a zero-width space between two copies) do not separate places.  ``keep`` is never
    furniture (the lead, written as a sentence: pasted again and again, it is still a pasted lead)."""
    places: Counter[tuple[str, ...]] = Counter()
    previous: tuple[str, ...] = ()
    for words in paragraphs:
        if not words:
            continue
        if words != previous and words != keep and len(words) <= MAX_CAPTION_WORDS:
            places[words] += 1
        previous = words
    printed = {words for words, n in places.items() if n >= MIN_PLACES}
    if not printed:
        return set()
    lengths = sorted({len(words) for words in printed})
    return {
        k
        for k, words in enumerate(paragraphs)
        if any(words[:n] in printed for n in lengths if n <= len(words))
    }
