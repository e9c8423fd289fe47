"""``confusion``: a real word written for another of its set (form for from), told by its neighbours.

A spelling check cannot see "came form the city": every word is in the dictionary.  The words
around it can.  For each word of a confusion set, the likelihood of each word of the set between
the same two neighbours is compared under a bigram language model (``spelling.context``: word-pair
counts from books): log P(w | left) + log P(right | w) = log c(left w) + log c(w right) - log c(w)
up to terms that do not depend on w.  A pair the list lacks was written fewer times than the
list's floor and than a tenth of its word's uses: for the word as written it is taken at that
bound (the most it can be, so the writer gets the benefit of the doubt), for the other word at a
tenth of it.  The other word is suggested
only when it is far likelier (``margin``, log10), and never as a safe fix: the model is evidence,
not certainty.  Without the word-pair counts (``symspellpy`` missing) the rule reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from newslint.core.document import SCOPES, Document
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option
from newslint.core.tokens import match_case
from newslint.spelling.ranking import neighbours

if TYPE_CHECKING:
    from newslint.spelling.context import Bigrams

_UNLISTED_OTHER = 1.0  # an unlisted pair of the other word: a tenth of the written word's estimate
_PAIR_SHARE = 1.0  # an unlisted pair is at most a tenth of the uses of its word (log10)


class Confusion(Kind):
    name = "confusion"
    scopes = SCOPES
    fixes = Fixes.UNSAFE
    description = (
        "Flags a real word written for another of its confusion set (came form the -> from, less then "
        "those -> than, a fund manger at -> manager) when the words either side make the other far "
        "likelier: a bigram "
        "language model over English word-pair counts compares each word of the set between the same "
        "neighbours, and the other word must win by `margin` (log10).  A word without a word on "
        "each side (punctuation between) is not judged.  The fix is never safe: the model is evidence, not "
        "certainty.  Pairs too rare for the word-pair list (a fledging company, unchartered waters) give "
        "no evidence either way, so those slips pass."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "sets": Option("list[str]", [], "groups of words written for one another, '|'-separated"),
        "margin": Option("float", 2.0, "how much likelier (log10) the other word must be", minimum=0),
    }

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.others: dict[str, tuple[str, ...]] = {}
        for group in self.options["sets"]:
            words = [w.strip().lower() for w in group.split("|") if w.strip()]
            for word in words:
                self.others[word] = tuple(dict.fromkeys((*self.others.get(word, ()), *words)))
        alternation = "|".join(sorted(map(regex.escape, self.others), key=len, reverse=True))
        bounded = rf"(?<![\p{{L}}'’-])(?:{alternation or '(?!)'})(?![\p{{L}}'’-])"
        self.pattern = regex.compile(bounded, regex.IGNORECASE)
        self.margin: float = self.options["margin"]

    def check(self, doc: Document) -> Iterator[Hit]:
        if not self.others or not any(w in doc.lowered_vocabulary for w in self.others):
            return
        from newslint.spelling import context as spelling_context

        model = spelling_context.load()
        if model is None:
            return
        text = doc.text
        for start, end in doc.regions(self.rule.scope):
            for m in self.pattern.finditer(text, start, end):
                word = m.group()
                context = neighbours(text, m.start(), m.end())
                if not all(context):
                    continue  # one neighbour ("had a manger,") says little more than the words' counts
                best = self._likelier(word.lower(), context, model)
                if best:
                    suggestion = match_case(best, word)
                    yield Hit(
                        m.start(),
                        m.end(),
                        {"match": word, "suggestion": suggestion},
                        suggestions=(suggestion,),
                        fix=Fix(m.start(), m.end(), suggestion, safe=False),
                    )

    def _likelier(self, word: str, context: tuple[str, str], model: Bigrams) -> str | None:
        """The word of the set far likelier than ``word`` between its neighbours, or None."""
        written = _score(word, context, model, model.floor)
        if written is None:
            return None
        best: tuple[float, str] | None = None
        for other in self.others[word]:
            if other == word:
                continue
            score = _score(other, context, model, model.floor - _UNLISTED_OTHER)
            if score is not None and score - written >= self.margin and (best is None or score > best[0]):
                best = (score, other)
        return best[1] if best else None


def _score(word: str, context: tuple[str, str], model: Bigrams, unlisted: float) -> float | None:
    """log P(left word right) up to terms the same for every word: log c(left word) + log c(word
    right) - log c(word), an unlisted pair counted at ``unlisted`` (None when the word is not in
    the model's list of words)."""
    count = model.words.get(word)
    if count is None:
        return None
    left, right = context
    unlisted = min(unlisted, count - _PAIR_SHARE)
    before, after = model.pairs.get(f"{left} {word}"), model.pairs.get(f"{word} {right}")
    return (unlisted if before is None else before) + (unlisted if after is None else after) - count
