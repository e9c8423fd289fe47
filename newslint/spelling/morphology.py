"""Word shapes the dictionaries do not list: derived words, run-together words, lost apostrophes.

Each test here takes a lowercase word that no curated dictionary lists and asks how it was made:

* derived from a listed word by a productive suffix (tie+less, freak+ery, rue+ing): a word;
* two words run together, one of them a function word (in+which, the+first, will+mean) or an
  adverb before its verb (radically+improved): a slip, corrected by the space;
* a contraction or possessive without its apostrophe (dont, isnt, thats, childrens): a slip,
  corrected by the apostrophe;
* a contraction with its apostrophe one letter off (wer'e, does'nt): a slip, corrected by moving it;
* an adverb with -ally for -ly or -ly for -ally (publically, accidently): a slip, corrected by
  the listed adverb;
* a consonant doubled before -ed or -ing where writers hardly ever double it (targetted), though
  the British dictionary's affix rules allow it: judged as a slip of the single form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

# Closed-class words: they do not form closed compounds with a following or preceding word
# (the dictionaries list the few that do: into, onto, therefore, whatever ...).
FUNCTION_WORDS = frozenset(
    """a an the in on at to of for with from by into onto
    and or but nor so yet if than then as is was are were be been being has have had do does
    did will would can could should may might must shall he she it we they you his her its our
    their my your this that these those which who whom whose what when where why how not no
    just also very more most such some any each every all both""".split()
)
_ADVERB_MIN_LETTERS = 9  # an -ily adverb this long of a listed -y adjective is a word
_ADVERB_STEM_MIN_LETTERS = 4  # the stem of an -ally/-ly slip at least this long (publically: public)
_SUFFIXES = ("less", "ness", "ful", "ish", "ism", "ist", "ists", "isms", "ery", "like", "wise", "ship")
_CONTRACTION_ENDINGS = ("n't", "'s", "'re", "'ve", "'ll", "'d")
# Words whose 's is a contraction (that's) or whose plural takes no s (children's): elsewhere a
# final s is a plural (olds, Dreamworks), not a lost apostrophe.
_APOSTROPHE_S = FUNCTION_WORDS | {"there", "here", "children", "men", "women", "let"}


_DOUBLED_ENDING = re.compile(r"(.*[aeiou])([bcdfgklmnprstvz])\2(ed|ing|er|ers)")
_RARE_DOUBLING_GAP = 1.8  # the single form this much commoner on the web (Zipf): the doubling is a slip

_PREFIXES = (
    "re",
    "un",
    "non",
    "over",
    "under",
    "out",
    "pre",
    "mis",
    "co",
    "sub",
    "super",
    "anti",
    "counter",
    "up",
)  # up: upfield, upriver, upswing (a direction before a noun, as down- and mid- in listed words)
_PARTICIPLE_STEM_MIN_LETTERS = 4  # (skill+ing) shorter stems + ed are mostly other words (red, bed, fed)
_ADJECTIVE_SUFFIXES = ("ic",)  # anthem+ic (anthemic): an adjective of a listed noun
_ADJECTIVE_STEM_MIN_LETTERS = 5  # ... from a noun this long


def agent_noun(word: str, is_word: Container[str]) -> bool:
    """The -er noun of a listed -e verb (sentencer, sentencers): English makes them at will."""
    stem = word.removesuffix("s")
    verb = stem[:-1]  # sentence; a verb, as its past shows (gramme has no grammed: grammer is a slip)
    return stem.endswith("er") and len(stem) >= 7 and verb in is_word and verb + "d" in is_word


def prefixed(word: str, is_word: Container[str]) -> bool:
    """A listed word of four letters or more after a productive prefix (rebanding, overpaid)."""
    return any(
        word.startswith(p) and len(word) - len(p) >= 4 and word[len(p) :] in is_word for p in _PREFIXES
    )


def derived(word: str, is_word: Container[str]) -> bool:
    """A listed word with a productive suffix (tieless, freakery), the -ily adverb of a long -y
    adjective (discriminatorily), an -e verb that keeps its e
    before -ing (rueing, hoeing), or the verb of a listed -er noun (trailblazed from trailblazer;
    not when the verb itself is listed: builded from builder is a slip of built)."""
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and stem in is_word:
            return True
    for suffix in _ADJECTIVE_SUFFIXES:
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= _ADJECTIVE_STEM_MIN_LETTERS
            and stem in is_word
            and stem + stem[-1] + suffix not in is_word  # metalic: metallic is the listed form
        ):
            return True  # anthemic: the adjective of a listed noun
    if agent_noun(word, is_word):
        return True  # engagers: the -er noun of a listed -e verb
    if word.endswith("ily") and len(word) >= _ADVERB_MIN_LETTERS and word[:-3] + "y" in is_word:
        return True  # discriminatorily: the adverb of a listed -y adjective
    if word.endswith(("eeing", "oeing", "ueing", "yeing")) and word[:-3] in is_word:
        return True  # rueing, hoeing: an e after a vowel may stay (useing, makeing are slips)
    for ending in ("ed", "ing", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 4:
            stem = word[: -len(ending)]
            if ending in ("ed", "ing") and stem in is_word:
                continue  # builded, catched: a listed verb whose regular form no dictionary has
            stem = stem if stem.endswith("e") else stem + "e"
            if stem + "r" in is_word and stem not in is_word:
                return True
    return False


def regular_participle(word: str, is_word: Container[str]) -> bool:
    """The -ing form of a verb whose -ed form the dictionary lists as written (skilled ->
    skilling): unlike the past, the -ing form is regular for every verb, and
    the listed -ed form settles the doubling (refered is unlisted, so refering is not vouched for)."""
    stem = word[:-3]
    return (
        word.endswith("ing")
        and len(stem) >= _PARTICIPLE_STEM_MIN_LETTERS
        and not stem.endswith("e")  # freed, breed: not the -ed of free-, bre-
        and stem + "ed" in is_word
    )


def irregular_plural(stem: str, is_word: Container[str]) -> bool:
    """Whether the dictionary lists the plural of ``stem`` in another form than stem+s (themself
    -> themselves, country -> countries, church -> churches): then stem+s is a slip."""
    return plural_of(stem, is_word) is not None


def plural_of(stem: str, is_word: Container[str]) -> str | None:
    """The listed plural of ``stem`` when it is not stem+s (calf -> calves, country -> countries,
    church -> churches), or None."""
    forms = []
    if stem.endswith("f"):
        forms.append(stem[:-1] + "ves")
    if stem.endswith("fe"):
        forms.append(stem[:-2] + "ves")
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        forms.append(stem[:-1] + "ies")
    if stem.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(stem + "es")
    return next((form for form in forms if form in is_word), None)


def elongated(word: str) -> bool:
    """Whether a letter is written three times in a row (folllowing, pleeease)."""
    return any(word[i] == word[i + 1] == word[i + 2] for i in range(len(word) - 2))


def collapse_triples(word: str) -> str:
    """Runs of three or more of a letter cut to two (folllowing -> following): the slip of a key
    held down.  When that gives no word, the letter was held on purpose (pleeease, hisss)."""
    out: list[str] = []
    for ch in word:
        if len(out) >= 2 and out[-1] == ch == out[-2]:
            continue
        out.append(ch)
    return "".join(out)


def run_together(word: str, is_word: Container[str], freq: Callable[[str], float]) -> str | None:
    """``word`` split into two words with the space a typist left out ("in which"), or None.

    One side must be a function word (they never close up with their neighbour) or the pair an
    adverb and the word it qualifies ("radically improved"), and both sides listed words.
    """
    best: tuple[float, str] | None = None
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if head not in is_word or tail not in is_word:
            continue
        if head in FUNCTION_WORDS or tail in FUNCTION_WORDS:
            if min(len(head), len(tail)) < 2 or (head not in FUNCTION_WORDS and len(head) < 3):
                continue
            if tail not in FUNCTION_WORDS and len(tail) < 3:
                continue
        elif not (head.endswith("ly") and len(head) >= 6 and len(tail) >= 5):
            continue
        score = min(freq(head), freq(tail))
        if score >= 3.0 and (best is None or score > best[0]):
            best = (score, f"{head} {tail}")
    return best[1] if best else None


def missing_apostrophe(word: str, is_word: Container[str]) -> str | None:
    """The contraction or possessive that ``word`` is without its apostrophe (dont -> don't,
    thats -> that's, childrens -> children's), or None."""
    for ending in _CONTRACTION_ENDINGS:
        bare = ending.replace("'", "")
        if word.endswith(bare) and len(word) > len(bare) + 1:
            if ending == "'s" and word[:-1] not in _APOSTROPHE_S:
                continue
            form = word[: -len(bare)] + ending
            if form in is_word:
                return form
    return None


def misplaced_apostrophe(word: str, is_word: Container[str]) -> str | None:
    """The listed contraction that ``word`` is with its apostrophe swapped with a neighbouring
    letter (wer'e -> we're, does'nt -> doesn't), or None."""
    i = word.find("'")
    if i < 1 or word.count("'") != 1:
        return None
    for j in (i - 1, i + 1):
        if 0 < j < len(word):
            chars = list(word)
            chars[i], chars[j] = chars[j], chars[i]
            form = "".join(chars)
            if not form.startswith("'") and not form.endswith("'") and form in is_word:
                return form
    return None


def rare_doubling(word: str, is_word: Container[str], freq: Callable[[str], float]) -> str | None:
    """The single-consonant form of a doubled -ed/-ing/-er form (targetted -> targeted) when
    that is a word the web writes far more often, or None.  Only asked of words the American
    list lacks: the British list's affix rules double where few writers do."""
    m = _DOUBLED_ENDING.fullmatch(word)
    if not m:
        return None
    single = m.group(1) + m.group(2) + m.group(3)
    if single in is_word and freq(single) - freq(word) >= _RARE_DOUBLING_GAP:
        return single
    return None


def adverb_slip(word: str, is_word: Container[str]) -> str | None:
    """The listed adverb that ``word`` is with -ally written for -ly (publically -> publicly) or
    -ly for -ally (accidently -> accidentally, basicly -> basically), or None."""
    if word.endswith("ally") and len(word) > _ADVERB_STEM_MIN_LETTERS + 4:
        form = word[:-4] + "ly"
        if form in is_word:
            return form
    elif word.endswith("ly") and len(word) > _ADVERB_STEM_MIN_LETTERS + 2:
        form = word[:-2] + "ally"
        if form in is_word:
            return form
    return None
