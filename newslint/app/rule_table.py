"""The rule table of the README, made from the rules themselves so it cannot fall behind them.

``newslint rules --format markdown`` prints it; ``--write README.md`` puts it between the two
marker comments of the file (``tests/test_readme_rules.py`` fails when the README's copy
differs).  One row a rule: id, category, severity, fixes, on by default, summary.
"""

from __future__ import annotations

from collections.abc import Sequence

from newslint.core.errors import NewslintError
from newslint.core.rule_model import Rule
from newslint.engine.fix_info import short_wording

COMMAND = "newslint rules --format markdown --write README.md"
BEGIN = f"<!-- rule table: made by `{COMMAND}`; edit the rules, not this table -->"
END = "<!-- end of rule table -->"
#: the product's four categories come first, in this order; the others follow by name
FIRST = ("typo", "date", "duplicate", "off-topic")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(rules: Sequence[Rule]) -> str:
    """The rules as a Markdown table, by category (the product's four first) then id."""
    out = [
        "| rule | category | severity | fix | on by default | what it flags |",
        "|---|---|---|---|---|---|",
    ]
    order = {category: i for i, category in enumerate(FIRST)}
    for rule in sorted(rules, key=lambda r: (order.get(r.category, len(FIRST)), r.category, r.id)):
        cells = (
            f"`{rule.id}`",
            rule.category,
            rule.severity,
            short_wording(rule),
            "yes" if rule.enabled else "no",
            _cell(rule.summary),
        )
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def with_table(document: str, table: str, name: str) -> str:
    """``document`` with ``table`` between its markers (an error naming ``name`` without them)."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise NewslintError(f"no rule table markers ({BEGIN} ... {END})", name)
    return document[: start + len(BEGIN)] + "\n" + table + document[end:]


def table_in(document: str) -> str | None:
    """The table between the markers of ``document``, or None without them."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        return None
    return document[start + len(BEGIN) : end].lstrip("\n")
