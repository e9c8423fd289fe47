"""newslint: a data-quality linter for newswire text.

``newslint.lint_text`` and ``newslint.Linter`` are the Python API (:mod:`newslint.app.api`); they are
imported on first use, so ``import newslint`` (and the command line) stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Finding", "Linter", "__version__", "lint_text"]

if TYPE_CHECKING:
    from newslint.app.api import Linter, lint_text
    from newslint.core.findings import Finding


def __getattr__(name: str) -> Any:
    if name in ("Linter", "lint_text"):
        from newslint.app import api

        return getattr(api, name)
    if name == "Finding":
        from newslint.core.findings import Finding

        return Finding
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
