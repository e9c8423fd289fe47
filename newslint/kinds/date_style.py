"""``date-style``: dates written the house way (AP, Reuters, UK), with a fix.

A preset (rule data) says the order of day and month, whether ordinals are
allowed and how months are written beside a day ("Sept." for AP).  Every body
date with a day that is written otherwise is flagged with the house form as a
safe fix; a month written short without a day ("Sept. 2023") is flagged too.
Numeric dates are rewritten only when their reading is certain.  ``style: any``
(the default) says nothing: consistency is ``date-format-mix``'s job.  The wire
dateline keeps its own convention and is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core import calendar
from newslint.core.document import Document
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes
from newslint.core.options import Option, OptionError, named_settings
from newslint.dates.date_base import DateKind
from newslint.dates.date_mentions import VOCAB_OPTIONS, Mention, render, resolve_vocab

_PRESET_KEYS = {"order", "ordinals", "abbreviate"}


class DateStyle(DateKind):
    name = "date-style"
    fixes = Fixes.SAFE
    description = (
        "`style` names one of `presets` (or `any`, which flags nothing).  A preset has `order` (DM or MD), "
        "`ordinals` (allowed or not) and `abbreviate` (full month name -> its form beside a day, or the name "
        "of a house style in the calendar vocabulary).  Dates "
        "with a day written otherwise, and abbreviated months without a day, are flagged with a safe fix."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        **VOCAB_OPTIONS,
        "style": Option("str", "any", "the house style: any, or a preset name"),
        "presets": Option(
            "any",
            {},
            ("name -> {order: DM|MD, ordinals: bool, abbreviate: {month: form} or a vocabulary house style}"),
        ),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        super().validate(options)
        presets = named_settings(options, "presets", _PRESET_KEYS, "preset")
        for name, preset in presets.items():
            if preset.get("order", "MD") not in ("DM", "MD"):
                raise OptionError("presets", f"preset {name!r}: order must be DM or MD")
            forms = preset.get("abbreviate") or {}
            if isinstance(forms, str):
                houses = calendar.load(options["vocabulary"] or calendar.DEFAULT).house_forms
                if forms not in houses:
                    known = ", ".join(houses)
                    message = f"preset {name!r}: no house style {forms!r} (known: {known})"
                    raise OptionError("presets", message)
                continue
            unknown = set(forms) - set(resolve_vocab(options)["months"])
            if unknown:
                raise OptionError("presets", f"preset {name!r}: unknown month(s) {sorted(unknown)}")
        if options["style"] != "any" and options["style"] not in presets:
            known = ", ".join(["any", *presets])
            raise OptionError("style", f"option 'style' must be one of {known}, not {options['style']!r}")

    def __init__(self, rule: Any) -> None:
        super().__init__(rule)
        style = self.options["style"]
        self.preset: Mapping[str, Any] | None = None if style == "any" else self.options["presets"][style]
        forms = (self.preset or {}).get("abbreviate") or {}
        if isinstance(forms, str):  # a house style of the calendar vocabulary, by name
            forms = calendar.load(self.options["vocabulary"] or calendar.DEFAULT).house_forms[forms]
        self.forms: Mapping[str, str] = forms

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.preset is None:
            return
        for m in self.mentions(doc):
            if m.dateline or m.month is None:
                continue
            start, end = m.date_start, m.end
            if m.day is None:  # month and year: only the month word is off-style
                start, end = m.month_start, m.month_start + len(m.month_text)
            wanted = self._house_form(m)
            if wanted and wanted != " ".join(doc.text[start:end].split()):
                yield Hit(
                    start,
                    end,
                    {"suggestion": wanted, "style": self.options["style"]},
                    suggestions=(wanted,),
                    fix=Fix(start, end, wanted),
                )

    def _house_form(self, m: Mention) -> str:
        """The mention (its month word when it has no day) in house style, or "" if not safely rewritable."""
        assert self.preset is not None
        full = self.vocab.month_names[(m.month or 1) - 1]
        if m.day is None:  # month and year: always the full name
            return full
        word = self.forms.get(full, full)
        ordinal = bool(self.preset.get("ordinals", False)) and m.ordinal
        return render(m, self.vocab, self.preset.get("order", "MD"), ordinal, word)
