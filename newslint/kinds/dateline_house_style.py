"""Dateline form against a house style: "LONDON, Sept. 3 (AP) — " vs "LONDON, Sept 3 (Reuters) - " vs none.

The document finds the dateline and its parts (:class:`newslint.core.structure.Dateline`);
this kind only compares them with the chosen style, so it sees datelines exactly as
every other rule does.  Month forms come from the calendar vocabulary's house styles.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from newslint.core import calendar
from newslint.core.document import Document
from newslint.core.findings import Fix, Hit
from newslint.core.kind import Fixes, Kind
from newslint.core.options import Option, OptionError, named_settings
from newslint.core.rule_model import Rule
from newslint.core.structure import Dateline

_STYLE_KEYS = {"dateline", "date", "agency", "dash", "months"}
_DASHES = ("-", "--", "–", "—")


class DatelineForm(Kind):
    name = "dateline-house-style"
    fixes = Fixes.SOMETIMES
    scopes = ("dateline", "text")  # it reads only the dateline: `text` (the default) means the same
    description = (
        "Compares the lead's dateline with the house style named by `house_style` (one of "
        "`house_styles`, or `any`, which flags nothing).  A style says whether a dateline is written "
        "at all (`dateline`), whether it carries a date (`date`) and an agency in brackets (`agency`), "
        "which dash ends it (`dash`) and how months are written (`months`: a house style of the "
        "calendar vocabulary).  A wrong dash or month form has a safe fix; a dateline where the style "
        "has none has an unsafe one (it deletes text); a missing date or agency has none."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "house_style": Option("str", "any", "the house style: any, or one of house_styles"),
        "house_styles": Option(
            "any", {}, "name -> {dateline: bool, date: bool, agency: bool, dash: str, months: str}"
        ),
        "vocabulary": Option("str", "", "the calendar vocabulary month forms come from (empty: calendar)"),
    }

    @classmethod
    def validate(cls, options: Mapping[str, Any]) -> None:
        try:
            forms = calendar.load(options["vocabulary"] or calendar.DEFAULT).house_forms
        except KeyError as exc:
            raise OptionError("vocabulary", str(exc.args[0])) from None
        styles = named_settings(options, "house_styles", _STYLE_KEYS, "house style")
        for name, style in styles.items():
            if style.get("dash", "-") not in _DASHES:
                raise OptionError("house_styles", f"house style {name!r}: dash must be one of {_DASHES}")
            if style.get("months") is not None and style["months"] not in forms:
                known = ", ".join(forms)
                message = f"house style {name!r}: months {style['months']!r} is not one of {known}"
                raise OptionError("house_styles", message)
        if options["house_style"] != "any" and options["house_style"] not in styles:
            known = ", ".join(["any", *styles])
            message = f"option 'house_style' must be one of {known}, not {options['house_style']!r}"
            raise OptionError("house_style", message)

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        name = self.options["house_style"]
        self.style: Mapping[str, Any] | None = None if name == "any" else self.options["house_styles"][name]
        cal = calendar.load(self.options["vocabulary"] or calendar.DEFAULT)
        months = (self.style or {}).get("months")
        self.month_forms: Mapping[str, str] = cal.house_forms[months] if months else {}
        # any spelling of a month (full, abbreviated, with or without a period) -> its full name
        self.full_month = {
            w.rstrip("."): full for full, abbrevs in cal.months.items() for w in (full, *abbrevs)
        }

    def check(self, doc: Document) -> Iterator[Hit]:
        d = doc.dateline
        if self.style is None or d is None:
            return
        start, end = d.start, d.start + len(d.text.rstrip())
        params = {"style": self.options["house_style"]}
        if not self.style.get("dateline", True):
            yield Hit(
                start,
                end,
                {**params, "problems": "the style writes no dateline"},
                fix=Fix(d.start, d.end, "", safe=False),
            )
            return
        problems, wanted = self._problems(d)
        if not problems:
            return
        rewritable = wanted is not None and wanted != d.text.rstrip()
        yield Hit(
            start,
            end,
            {**params, "problems": "; ".join(problems)},
            suggestions=(wanted,) if rewritable and wanted else (),
            fix=Fix(start, end, wanted) if rewritable and wanted else None,
        )

    def _problems(self, d: Dateline) -> tuple[list[str], str | None]:
        """What differs from the style, and the dateline rewritten in it (None if it needs facts
        the text does not give: a date or an agency)."""
        assert self.style is not None
        problems: list[str] = []
        rewritable = True
        date = d.date
        if self.style.get("date", False) and date is None:
            problems.append("no date")
            rewritable = False
        if self.style.get("agency", False) and d.agency is None:
            problems.append("no agency in brackets")
            rewritable = False
        dash = self.style.get("dash", d.dash)
        if d.dash != dash:
            problems.append(f"'{d.dash}' instead of '{dash}'")
        if date is not None:
            word, day = date.split()[0], date.split()[-1]
            full = self.full_month.get(word.rstrip("."))
            form = self.month_forms.get(full, full) if full else None
            if form is not None and word != form:
                problems.append(f"'{word}' instead of '{form}'")
                date = f"{form} {day}"
        if not rewritable:
            return problems, None
        agency = f" ({d.agency})" if d.agency else ""
        return problems, f"{d.place}{', ' + date if date else ''}{agency} {dash}"
