"""``unused-suppression``: a ``newslint-disable`` comment that hides nothing.

The engine applies suppression comments after every other rule has run, so it is
the engine that finds unused ones (see :mod:`newslint.suppression`); this kind only
gives the rule its place in the rule table, ``explain`` page and selection.
"""

from __future__ import annotations

from collections.abc import Iterable

from newslint.document import Document
from newslint.findings import Hit
from newslint.kinds.base import Kind


class UnusedSuppression(Kind):
    name = "unused-suppression"
    description = (
        "Reports `<!-- newslint-disable ... -->` and `newslint-disable-next-line` comments that hid no "
        "finding in this run.  A comment naming only rules that did not run is not reported."
    )

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()
