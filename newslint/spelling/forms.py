"""Spelling, the candidates: which word forms of a document need a closer look at all.

Most words of an article are plain (known, or skipped by their shape); this finds the few odd
ones with set differences over memoised chunks and tokens, and skips text that is not prose
(URLs, handles, code, scare quotes, wordplay).  Split out of ``newslint/kinds/spelling.py``
(issue 18) so each job reads on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator

import regex

from newslint.spelling.text import stem
from newslint.spelling.verdict import Verdicts

# Text that is not prose (tested on the whitespace-delimited chunk around a suspicious word only):
# URLs, e-mail addresses, handles, hashtags, inline code, domain names.
_NOT_PROSE = regex.compile(
    r"(?:https?://|ftp://|www\.)|@\w|(?:^|[\s(\"'“])#\w|`|\w\.(?:com|org|net|gov|edu|uk|io|info|biz|tv|ca|au|de|fr|in)\b"
)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*")
_LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f']+")
_OPEN_QUOTES = frozenset("\"“‘'«")
_CLOSE_AFTER = regex.compile(r"[,.!?;:]?[\"”’'»]")
CHUNK_MEMO_LIMIT = 1_000_000  # chunks remembered per process (a few tens of MB at most)
# Punctuation around a word in running text (never part of a word: see _WORD).
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,.;:!?…*/|-–—"
_NEARBY_WORDS = regex.compile(r"\p{L}+")
_RHYME_REACH = 30  # characters either side
_MAX_WORD_LETTERS = 40  # a longer run of letters is no word (a pasted hash, a URL slug): skipped
_RHYME_MIN_LETTERS = 5  # a shorter word rhymes with too much by chance to count as wordplay
_FIND_EACH_MAX = 64  # more odd forms than this are found in one scan of the text, not one find each
# a maximal run of word characters (as ``_is_word_char``: letters, digits, apostrophes)
_WORD_RUN = regex.compile(r"[\p{L}\p{N}'’]+")


class FormFinder:
    """The word forms of a document worth a closer look, with memo sets of plain chunks, forms
    and tokens kept for the process (built once per rule by the ``spelling`` kind)."""

    def __init__(self, verdicts: Verdicts, min_length: int) -> None:
        self.verdicts = verdicts
        self.lexicon = verdicts.lexicon
        self.min_length = min_length
        # Whether every dictionary word is fine as written: not when some are rejected, or with
        # locale en-GB (color, center are flagged then).
        self._dictionary_is_plain = not verdicts.reject and verdicts.locale == "en"
        self._plain: set[str] = set()  # surface forms that never need checking
        self._plain_chunks: set[str] = set()  # whitespace-delimited chunks holding only plain forms
        self._plain_tokens: set[str] = set()  # lowercased tokens all of whose forms are plain
        self._odd_tokens: dict[str, tuple[str, ...]] = {}  # the others, and their odd forms

    def _plain_form(self, word: str) -> bool:
        """Whether a surface form never needs checking: known, or skipped by its shape."""
        if len(word) < self.min_length or len(word) > _MAX_WORD_LETTERS or not _LATIN.fullmatch(word):
            return True
        norm = stem(word)
        if not norm or norm[1:] != norm[1:].lower():
            return True  # ALL CAPS or MixedCase: acronyms and brands
        if norm[0].isupper() and norm.lower() in self.lexicon.names:
            return True  # a name the dictionaries know, capitalised as it should be
        return self.verdicts.fine(norm.lower())

    def odd_forms(self, text: str) -> set[str]:
        """The word forms in ``text`` that need a closer look.

        Whitespace-delimited chunks ("said,", "(Reuters)") recur across a corpus far more than they
        vary, so chunks already seen to be a plain word in punctuation are dropped with one set
        difference in C, and the rest are tokenised in one call (a word never spans whitespace).
        """
        plain, plain_chunks = self._plain, self._plain_chunks
        novel = set(text.split()) - plain_chunks
        if not novel:
            return set()
        odd: set[str] = set()
        for form in set(_WORD.findall(" ".join(novel))) - plain:
            if self._plain_form(form):
                plain.add(form)
            else:
                odd.add(form)
        for chunk in novel:
            if chunk.strip(_EDGE_PUNCTUATION) in plain:
                plain_chunks.add(chunk)
        if len(plain_chunks) > CHUNK_MEMO_LIMIT:
            plain_chunks.clear()
        return odd

    def _plain_part(self, part: str) -> bool:
        """Whether every way of writing the lowercase word ``part`` (lowercase, Capitalised, ALL
        CAPS, MixedCase) is plain: the shape test and the dictionary do not depend on case."""
        if len(part) < self.min_length or len(part) > _MAX_WORD_LETTERS or not _LATIN.fullmatch(part):
            return True
        norm = stem(part)
        return not norm or self.verdicts.fine(norm.lower())

    def odd_forms_of(self, vocabulary: frozenset[str]) -> set[str]:
        """The forms needing a closer look, from the document's lowercased vocabulary (computed
        once for several rules).  Known tokens are dropped with one set difference in C.  Only a
        lowercase or Capitalised form can be odd (ALL CAPS and MixedCase words are skipped), so
        those two spellings of each unknown word are the forms to look for in the text."""
        plain_tokens, odd_tokens = self._plain_tokens, self._odd_tokens
        odd: set[str] = set()
        novel = vocabulary - plain_tokens
        if self._dictionary_is_plain:
            # A dictionary word is plain in any case: no need to take it apart (a word with an
            # apostrophe still is: "opec's" is checked as "opec", as in the text).
            listed = {t for t in self.lexicon.words.among(novel) if t.isalpha()}
            us_words = self.lexicon.us_words
            listed -= {t for t in listed if t not in us_words and self.verdicts.rarely_doubled(t)}
            if listed:
                plain_tokens |= listed
                novel -= listed
        for token in novel:
            forms = odd_tokens.get(token)
            if forms is None:
                found: set[str] = set()
                for part in _WORD.findall(token):
                    if not self._plain_part(part):
                        for form in {part, part[:1].upper() + part[1:], part[:1].title() + part[1:]}:
                            if form not in self._plain and not self._plain_form(form):
                                found.add(form)
                if not found:
                    plain_tokens.add(token)
                    continue
                forms = odd_tokens[token] = tuple(found)
            odd.update(forms)
        if len(plain_tokens) > CHUNK_MEMO_LIMIT or len(odd_tokens) > CHUNK_MEMO_LIMIT:
            plain_tokens.clear()
            odd_tokens.clear()
        return odd

    def single_uses(
        self, text: str, start: int, end: int, odd: set[str], repeated_slip: Callable[[str], bool]
    ) -> Iterator[tuple[int, str]]:
        """(offset, form) of the odd forms worth a closer look: a form written twice or more is
        a name or a term of the story (unless a rule forces it), so it is dropped here at once."""
        for form, offsets in _find_words(text, start, end, odd).items():
            forced = self.verdicts.forced(stem(form).lower())
            if len(offsets) > 1 and not forced and not repeated_slip(form):
                continue
            for ws in offsets:
                yield ws, form


def _find_words(text: str, start: int, end: int, words: set[str]) -> dict[str, list[int]]:
    """The offsets of each whole-word occurrence of the given words in ``text[start:end]``.

    A few words are found with ``str.find`` each (fast in C); many (a word list, a dump of
    tokens) with one scan of the runs of word characters, so the time stays linear in the text.
    """
    if len(words) > _FIND_EACH_MAX:
        found: dict[str, list[int]] = {}
        for m in _WORD_RUN.finditer(text, start, end):
            i, j = m.span()
            before = i > 0 and _is_word_char(text[i - 1])
            after = j < len(text) and _is_word_char(text[j])
            if not before and not after and m.group() in words:
                found.setdefault(m.group(), []).append(i)
        return found
    found = {}
    for word in words:
        i = text.find(word, start, end)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not _is_word_char(text[i - 1])) and (j >= len(text) or not _is_word_char(text[j])):
                found.setdefault(word, []).append(i)
            i = text.find(word, j, end)
    return found


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’"


def scare_quoted(text: str, ws: int, we: int) -> bool:
    """A word quoted on its own ('the “frunk”') is a coined or cited term, not a slip."""
    return ws > 0 and text[ws - 1] in _OPEN_QUOTES and bool(_CLOSE_AFTER.match(text, we))


def not_prose(text: str, ws: int, we: int) -> bool:
    """Whether the whitespace-delimited chunk holding a word is a URL, address, handle, tag or code."""
    left = max(text.rfind(" ", 0, ws), text.rfind("\n", 0, ws)) + 1
    right = min((i for i in (text.find(" ", we), text.find("\n", we)) if i >= 0), default=len(text))
    return _NOT_PROSE.search(text, max(left - 1, 0), right) is not None


def rhymes(text: str, ws: int, we: int, words: Container[str]) -> bool:
    """Whether a word rhymes with a listed word beside it ("naming, shaming and faming"): a coinage
    for the sound of it, not a slip.  The rhyme is all of the word but its first letter (four
    letters at least): report beside aiport is no rhyme."""
    word = text[ws:we].lower()
    if len(word) < _RHYME_MIN_LETTERS:
        return False
    rhyme = word[-4:]
    nearby = _NEARBY_WORDS.findall(text, max(0, ws - _RHYME_REACH), min(len(text), we + _RHYME_REACH))
    for other in nearby:
        other = other.lower()
        if other != word and other.endswith(rhyme) and other in words and abs(len(other) - len(word)) <= 2:
            common = 0
            while common < min(len(word), len(other)) and word[-1 - common] == other[-1 - common]:
                common += 1
            if common >= max(4, len(word) - 1):
                return True
    return False
