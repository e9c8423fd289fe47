"""``consistency``: an article should pick one of two forms (colour/color, curly/straight quotes).

Counts both forms; when an article mixes them, each use of the minority form is
flagged with the majority form as suggestion and a pointer to a majority use.
On a tie the form used first wins.  With ``together``, all pairs are one choice
(British vs American spelling as a whole, not word by word).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from newslint.core.compiled_patterns import compiled
from newslint.core.document import SCOPES, Document, RegionSet, whole_word_spans
from newslint.core.findings import Fix, Hit, RelatedSpan, format_message
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option, OptionError
from newslint.core.patterns import Budget, compile_pattern, finditer, search
from newslint.core.tokens import LETTERS, match_case

_NEXT_WORD = compiled(r"[ \t]+(\p{Lu})\p{L}")


def _is_name(text: str, start: int) -> bool:
    """A capitalised word inside a name, not a spelling choice: mid-sentence ("the Labour Party"),
    or opening a sentence before another capitalised word ("Center Parcs said ...")."""
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].rstrip(" \t\"'“‘(")
    if bool(before) and before[-1] not in ".!?:\n\r":
        return True
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return _NEXT_WORD.match(text, end) is not None


_LITERAL = compiled(r"[\p{L}\p{N} '’-]+|[^\p{L}\p{N}\s]")


def _bounded(form: str) -> str:
    return rf"(?<![\p{{L}}\p{{N}}])(?:{form})(?![\p{{L}}\p{{N}}])" if form[:1].isalnum() else f"(?:{form})"


class Consistency(Kind):
    name = "consistency"
    scopes = SCOPES  # looks only inside doc.regions(rule.scope)
    fixes = Fixes.SAFE
    description = (
        "Each `either` entry pairs two forms (words or regexes).  When one article uses both, the "
        "less frequent form is flagged; on a tie the form used first wins.  With `together: true` all "
        "pairs count as one choice between the left and the right column."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "either": Option("dict[str,str]", {}, "left form -> right form (words or regexes)"),
        "names": Option("list[str]", ["first form", "second form"], "what to call the left and right column"),
        "together": Option("bool", False, "all pairs are one choice between the columns"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "skip_names": Option(
            "bool", False, "ignore word forms capitalised mid-sentence (the Labour Party, Defense Department)"
        ),
        "locale": Option("str", "en", "the configured locale (top-level `locale` sets it)"),
        "locales": Option(
            "dict[str,str]",
            {},
            "locale -> the column (one of `names`) it prescribes, whatever the article's majority",
        ),
        "locale_message": Option(
            "str", "", "message for a form the locale rules out (placeholders as in `message`, and {locale})"
        ),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        cls._combined(options["either"], options["ignorecase"])
        for locale, column in options["locales"].items():
            if column not in options["names"][:2]:
                raise OptionError("locales", f"locale {locale!r}: {column!r} is not one of `names`")

    @staticmethod
    def _combined(either: Mapping[str, str], ignorecase: bool) -> regex.Pattern[str]:
        """One pattern for the forms that are not single words: group ``a{i}`` is pair i's left form,
        ``b{i}`` its right.  Single words are looked up in the document's word list instead (fast)."""
        parts = [
            f"(?P<{side}{i}>{_bounded(form)})"
            for i, pair in enumerate(either.items())
            for side, form in zip("ab", pair, strict=False)
            if not LETTERS.fullmatch(form)
        ]
        try:
            return compiled("|".join(parts) or "(?!)", regex.V1 | (regex.IGNORECASE if ignorecase else 0))
        except regex.error:
            for left, right in either.items():  # find the culprit, to name it
                compile_pattern(_bounded(left), left)
                compile_pattern(_bounded(right), left)
            raise

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        self.forms = list(self.options["either"].items())
        self.ignorecase = bool(self.options["ignorecase"])
        self.pattern = self._combined(self.options["either"], self.ignorecase)
        flags = regex.V1 | (regex.IGNORECASE if self.ignorecase else 0)
        # Each non-word form on its own: most articles use one form only, and two quick searches
        # (one per column) tell so without the combined scan.
        self.probes = [
            tuple(compiled(_bounded(form), flags) for form in pair)
            for pair in self.forms
            if not all(LETTERS.fullmatch(form) for form in pair)
        ]
        self.words: dict[str, tuple[int, int]] = {}
        for i, pair in enumerate(self.forms):
            for side, form in enumerate(pair):
                if LETTERS.fullmatch(form):
                    self.words[form.lower() if self.ignorecase else form] = (i, side)
        names = [*list(self.options["names"]), "first form", "second form"]
        self.names = names[0], names[1]
        column = self.options["locales"].get(self.options["locale"])
        #: the column the configured locale prescribes (0 = left), or None: the article's majority decides
        self.prescribed: int | None = None if column is None else self.names.index(column)

    def _mixed(self, text: str, budget: Budget) -> bool:
        """Whether the non-word forms can show a mix at all (both columns present)."""
        if self.options["together"]:
            return any(search(p, text, budget) for probe in self.probes for p in probe)
        return any(search(left, text, budget) and search(right, text, budget) for left, right in self.probes)

    def _uses(self, doc: Document, regions: list[tuple[int, int]]) -> list[list[tuple[int, int, int]]]:
        """Per pair: (side, start, end) of every use, side 0 = left column."""
        out: list[list[tuple[int, int, int]]] = [[] for _ in self.forms]
        if self.words:
            present = doc.lowered_vocabulary if self.ignorecase else frozenset(w.text for w in doc.words)
            found = present.intersection(self.words)
            if found:
                inside = RegionSet(regions)
                haystack = doc.lowered_text if self.ignorecase else doc.text
                for form in found:
                    pair, side = self.words[form]
                    for start, end in whole_word_spans(haystack, form):
                        if inside(start, end) and not (
                            self.options["skip_names"] and _is_name(doc.text, start)
                        ):
                            out[pair].append((side, start, end))
        budget = Budget(len(doc.text), doc.pattern_allowance)  # one for the probes and all regions
        if self.pattern.pattern != "(?!)" and self._mixed(doc.text, budget):
            for start, end in regions:
                for m in finditer(self.pattern, doc.text, start, end, budget):
                    name = m.lastgroup or ""
                    if name and m.end() > m.start():
                        out[int(name[1:])].append((0 if name[0] == "a" else 1, m.start(), m.end()))
        return out

    def check(self, doc: Document) -> Iterator[Hit]:
        per_pair = self._uses(doc, doc.regions(self.rule.scope))
        groups = (
            [[(*u, i) for i, uses in enumerate(per_pair) for u in uses]]
            if self.options["together"]
            else [[(*u, i) for u in uses] for i, uses in enumerate(per_pair)]
        )
        for uses in groups:
            uses.sort(key=lambda u: u[1])
            counts = [sum(1 for u in uses if u[0] == side) for side in (0, 1)]
            if self.prescribed is not None:
                minority = 1 - self.prescribed
                if not counts[minority]:
                    continue
            elif not counts[0] or not counts[1]:
                continue
            else:
                minority = 1 if counts[0] > counts[1] else 0 if counts[1] > counts[0] else 1 - uses[0][0]
            majority_use = next((u for u in uses if u[0] != minority), None)
            for side, start, end, pair in uses:
                if side != minority:
                    continue
                found = doc.text[start:end]
                other = self.forms[pair][1] if side == 0 else self.forms[pair][0]
                literal = bool(_LITERAL.fullmatch(other))
                suggestion = match_case(other, found) if literal else ""
                params = {
                    "match": found,
                    "suggestion": suggestion or self.names[1 - minority],
                    "form": self.names[side],
                    "majority": self.names[1 - side],
                    "count": counts[1 - side],
                    "locale": self.options["locale"],
                }
                related = (
                    ()
                    if majority_use is None
                    else (RelatedSpan(majority_use[1], f"{self.names[1 - side]} used here"),)
                )
                yield Hit(
                    start,
                    end,
                    params,
                    suggestions=(suggestion,) if suggestion else (),
                    related=related,
                    message=self._locale_message(params),
                    fix=Fix(start, end, suggestion) if suggestion else None,
                )

    def _locale_message(self, params: Mapping[str, Any]) -> str | None:
        """The message when the locale, not the article's majority, decided (else the rule's own)."""
        if self.prescribed is None or not self.options["locale_message"]:
            return None
        return format_message(self.options["locale_message"], params)
