"""Line shapes at the end of an article: headline-like lines, cue phrases, datelines, end matter.

Kept apart from the scoring in ``kinds.trailing_junk`` because these are pure text
patterns, each testable on one line, while the scoring compares whole blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.patterns import MATCH_TIMEOUT
from newslint.core.structure import DATELINE, is_dateline, is_list_entry, is_source_line
from newslint.core.tokens import JOINED_WORD

# "Reporting by ...; Editing by ...", "(c) 2024 Reuters", "Reuter", "-30-", "###", "Copyright ...".
END_MATTER = compiled(
    r"""^\s*(?:
        (?:additional\s+)?(?:reporting|editing|writing|compiled|produced|research|translated|photos?|video)
            (?:\s+and\s+\w+)?\s+by\b.*
      | \(?(?:c|©)\)?\s*(?:copyright\s+)?\d{4}\b.* | ©.* | copyright\b.*
      | all\s+rights\s+reserved\b.*
      | reuters?\W*$ | (?:ap|afp|upi|pa|bbc(?:\s+news)?)\W*$
      | -+\s*30\s*-+ | \#{3,} | -+\s*end\s*-+ | end\s*$ | \*{3,} | ={3,} | _{3,}
      | \((?:reporting|editing|writing|additional\s+reporting)\b.*
      | \[?(?:source|sources|photo|image|picture|credit)s?\s*:.*
      | \(?(?:image|photo|picture)\s+(?:credit|courtesy)\b.*
      | this\s+(?:article|story|post|piece|report)\s+(?:was\s+|has\s+been\s+|is\s+|first\s+|originally\s+)
            (?:originally\s+|first\s+|updated|published|appeared|corrected|amended).*
      | (?:follow|like|find)\s+(?:[\p{L}@._]+\s+){1,3}on\s+
            (?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|social\s+media)\b.*
      | sign\s+up\b.* | subscribe\b.*
      | click\s+here\b.* | share\s+this\b.* | (?:tags|filed\s+under|topics)\s*:.* | contact\s+(?:us|the)\b.*
      | (?:for\s+more\s+(?:information|details|news)|more\s+information)\s*[:,].*
      | (?:editor|editors|correction|clarification)['’]?s?\s+note\s*:.*
      | (?:\p{Lu}[\p{L}.'’-]+\s+){1,3}(?:is|was)\s+(?:a|an|the)?\s*[\p{L}\s-]{0,40}?
            (?:correspondent|editor|reporter|writer|columnist|journalist|contributor|author|producer|presenter)\b.*
    )\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# Teaser and recommendation cues that scrapers keep from "related content" boxes.  The rule's YAML
# holds the list it uses (``cues``); this default serves callers without a rule.
DEFAULT_CUES = (
    r"related(?:\s+(?:stories|story|articles?|coverage|content|news|links?|reading|topics?))?\s*[:|>»\-–—]",
    r"read\s+(?:more|next|also)\b",
    r"also\s+read\b",
    r"see\s+also\b",
    r"further\s+reading\b",
    r"more\s+(?:from|on|stories|news|coverage|headlines)\b",
    r"recommended\b(?:\s+(?:for\s+you|stories|reading|articles?))?\s*[:|>»\-–—]?",
    r"watch\s*[:|>»\-–—]",
    r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested)\b",
    r"most\s+(?:read|popular|viewed|shared)\b",
    r"top\s+stories\b",
    r"trending(?:\s+now)?\s*[:|>»\-–—]",
)


def cue_pattern(cues: Sequence[str]) -> regex.Pattern[str]:
    """One pattern for a list of cue openings (regular expressions), case-insensitive."""
    return compiled(r"^\s*\W{0,3}(?:" + "|".join(f"(?:{c})" for c in cues) + ")", regex.IGNORECASE)


@cache
def default_cues() -> regex.Pattern[str]:
    """The default cue pattern, compiled on first use (the rule compiles its own from YAML)."""
    return cue_pattern(DEFAULT_CUES)


_TERMINAL = compiled(r"[.;,:]['\"’”)\]]*$")
_ELLIPSIS = compiled(r"(?:\.\.\.|…)['\"’”)\]]*$")
_SENTENCE_BREAK = compiled(r"[a-z\p{Ll}]{2,}[.!?]['\"’”)]*\s+\p{Lu}")


_PROSE_END = compiled(r"[.!?…]['\"’”)\]]*$")


PROSE_WORDS = 30  # a line this long is running text even without a full stop (no headline is)
END_MATTER_CHARS = 200  # end matter is a credit or a notice, never a paragraph of text
CUE_LINE_WORDS = 30  # a cue line ("Read more: ...") holds a cue and a title, not a paragraph
CUE_SCAN_CHARS = 200  # a cue opens its line: only the start is matched
HEADLINE_CHARS = 200  # no headline is longer
HEADLINE_WORDS = 22  # the default of off-topic-tail's `max_headline_words`: longer lines are text
HEADLINE_DIGIT_PARTS = 3  # more than one word in this many with digits: a table row or a score line


def is_prose(text: str) -> bool:
    """Running text: ends like a sentence or is long."""
    return bool(_PROSE_END.search(text.rstrip())) or len(text.split()) >= PROSE_WORDS


def starts_like_sentence(text: str) -> bool:
    """Starts with a capital, a digit or an opening quote: the way a story's text starts."""
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "'\"‘“«(["


def is_end_matter(text: str) -> bool:
    return bool(END_MATTER.match(text)) and len(text) <= END_MATTER_CHARS


def is_cue(text: str, pattern: regex.Pattern[str] | None = None) -> bool:
    """A short line opening with a cue phrase ("Read more", "Related:", "In other news")."""
    if len(text) > 2 * CUE_SCAN_CHARS:  # far longer than a cue line's words: no need to look
        return False
    pattern = pattern or default_cues()
    opening = text[:CUE_SCAN_CHARS]
    return bool(pattern.match(opening, timeout=MATCH_TIMEOUT)) and len(text.split()) <= CUE_LINE_WORDS


_CREDIT = compiled(r"^(?:\p{Lu}[\p{L}\p{M}.'’-]*\s+){0,3}\p{Lu}[\p{L}\p{M}.'’-]*(?:\s*\([^()]{1,40}\))?$")


_READER = compiled(r"\b(?:you|your|yours|we|us|our|i|me|my)\b", regex.IGNORECASE)


def asks_the_reader(text: str) -> bool:
    """A question put to the reader or by the writer ("Have you ever seen anything so fine?").

    Headlines rarely speak in the first or second person; a story's own lines often do.
    """
    line = text.strip()
    return line.endswith("?") and bool(_READER.search(line))


def is_credit_line(text: str) -> bool:
    """A bare name, perhaps with a bracketed country or body: "Paddy O'Brien (New Zealand)", "Joel Jutge"."""
    line = text.strip()
    return line.endswith(")") or bool(_CREDIT.match(line))


def is_headline_like(text: str, *, max_words: int = HEADLINE_WORDS, min_words: int = 2) -> bool:
    """A single short line, capitalised like a headline, that does not end like a sentence.

    Ends in an ellipsis, a question mark or a quote are allowed (real teasers do);
    a full stop, comma, colon or semicolon is not.  Title case, sentence case and
    all capitals all pass; a line that holds two sentences does not.
    """
    line = text.strip()
    if "\n" in line or not line or len(line) > HEADLINE_CHARS:
        return False
    words = JOINED_WORD.findall(line)
    if not min_words <= len(words) <= max_words:
        return False
    if _TERMINAL.search(line) and not _ELLIPSIS.search(line):
        return False
    if line.endswith("!") or _SENTENCE_BREAK.search(line):
        return False
    first = line.lstrip("'\"‘“(«[")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if sum(any(c.isdigit() for c in w) for w in words) > len(words) / HEADLINE_DIGIT_PARTS:
        return False  # a table row or a score line, not a headline
    return not is_end_matter(line)


__all__ = [
    "DATELINE",
    "DEFAULT_CUES",
    "END_MATTER",
    "asks_the_reader",
    "cue_pattern",
    "default_cues",
    "is_credit_line",
    "is_cue",
    "is_dateline",
    "is_end_matter",
    "is_headline_like",
    "is_list_entry",
    "is_prose",
    "is_source_line",
    "starts_like_sentence",
]
