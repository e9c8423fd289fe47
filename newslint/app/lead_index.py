"""The lead index as the app uses it: ``check --against`` settings, and the names of the index.

MinHash and LSH banding are :mod:`newslint.duplicates.minhash` (pure), the file format
:mod:`newslint.duplicates.lead_index_file`, the index of leads and their scoring the cross-file kind's
(:mod:`newslint.kinds.duplicate_corpus`); building an index is :mod:`newslint.app.index_app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.core.errors import ConfigError
from newslint.duplicates.lead_index_file import FORMAT, VERSION
from newslint.kinds.duplicate_corpus import LeadIndex, LeadSummary, Match, summarise

if TYPE_CHECKING:
    from newslint.config.config import Settings

__all__ = [
    "FORMAT",
    "RULE_ID",
    "VERSION",
    "LeadIndex",
    "LeadSummary",
    "Match",
    "against_changes",
    "summarise",
]

#: the rule ``check --against`` switches on, and the option it sets
RULE_ID = "duplicate-lead-across-files"


def against_changes(settings: Settings, index_path: Path) -> dict[str, Any]:
    """Settings changes for ``check --against``: switch the cross-file rule on, pointed at the index."""
    from newslint.config.config import RuleSettings

    if not index_path.is_file():
        raise ConfigError("no such lead index (build one with `newslint index build`)", str(index_path))
    entry = settings.rules.get(RULE_ID) or RuleSettings()
    options = {**entry.options, "index": str(index_path)}
    return {
        "extend_select": (*settings.extend_select, RULE_ID),
        "rules": {**settings.rules, RULE_ID: RuleSettings(entry.severity, options, entry.line)},
    }
