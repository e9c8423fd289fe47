"""Spelling: the dictionaries and frequencies, the verdict on a word and its weighing in an article.

The ``spelling`` kind (``newslint/kinds/spelling.py``) uses only what this module exports:

* :class:`Verdicts`: the verdict on a lowercase word, from the lexicon and the rule's lists;
* :class:`ArticleEvidence`: per document, the margin a word needs from its case, place and the
  article's other words (:class:`Margins`, :class:`EditLimits` are the rule's settings);
* :class:`FormFinder`: the few word forms of a document worth a closer look;
* the name check (:func:`inconsistent_names`) and the order of suggestions (:func:`rank_corrections`).

The modules below are imported lazily where the cost matters (the lexicon loads its tables on
first use).
"""

from __future__ import annotations

from newslint.spelling.context import load as load_bigrams
from newslint.spelling.evidence import (
    CALENDAR,
    NAME_MARGIN,
    ArticleEvidence,
    EditLimits,
    Margins,
    near_calendar,
)
from newslint.spelling.forms import CHUNK_MEMO_LIMIT, FormFinder, not_prose, rhymes, scare_quoted
from newslint.spelling.headline import headline_slips, set_in_capitals
from newslint.spelling.lexicon import Lexicon
from newslint.spelling.lists import WordList, load_accept, load_reject, resolve
from newslint.spelling.names import inconsistent_names
from newslint.spelling.numbers import letter_for_digit
from newslint.spelling.ranking import neighbours, rank_corrections
from newslint.spelling.split import split_words
from newslint.spelling.text import occurrences, stem
from newslint.spelling.verdict import Verdict, Verdicts

__all__ = [
    "CALENDAR",
    "CHUNK_MEMO_LIMIT",
    "NAME_MARGIN",
    "ArticleEvidence",
    "EditLimits",
    "FormFinder",
    "Lexicon",
    "Margins",
    "Verdict",
    "Verdicts",
    "WordList",
    "headline_slips",
    "inconsistent_names",
    "letter_for_digit",
    "load_accept",
    "load_bigrams",
    "load_reject",
    "near_calendar",
    "neighbours",
    "not_prose",
    "occurrences",
    "rank_corrections",
    "resolve",
    "rhymes",
    "scare_quoted",
    "set_in_capitals",
    "split_words",
    "stem",
]
