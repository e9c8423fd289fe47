"""The page ``newslint explain RULE`` prints: what, why, options, examples, fixability."""

from __future__ import annotations

import json

from newslint.engine.fix_info import fix_wording
from newslint.engine.rules import Rule
from newslint.kinds import get_kind


def explain_rule(rule: Rule) -> str:
    kind = get_kind(rule.kind)
    out = [f"{rule.id}  ({rule.category}, {rule.severity}, kind: {rule.kind})", "", rule.summary, ""]
    out += ["Why", "---", rule.why, ""]
    if kind is not None and kind.description:
        out += ["How it works", "------------", kind.description.strip(), ""]
    if rule.options:
        out += ["Options", "-------"]
        for key, value in rule.options.items():
            helptext = kind.option_schema[key].help if kind and key in kind.option_schema else ""
            shown = json.dumps(value, ensure_ascii=False)
            if len(shown) > 100:
                shown = shown[:97] + "..."
            out.append(f"  {key}: {shown}" + (f"  # {helptext}" if helptext else ""))
        out.append("")
    for title, examples in (("Flagged", rule.bad), ("Not flagged", rule.good)):
        if examples:
            out += [title, "-" * len(title)]
            for example in examples[:3]:
                out += ["  " + line for line in example.text.rstrip().splitlines()]
                out.append("")
    out.append(fix_wording(rule))
    out.append(f"Defined in: {rule.source}")
    out.append(f"Enabled by default: {'yes' if rule.enabled else 'no (select it by id)'}")
    return "\n".join(out) + "\n"
