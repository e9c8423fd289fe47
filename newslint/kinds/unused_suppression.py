"""``unused-suppression``: a ``newslint-disable`` comment that hides nothing.

The engine applies suppression comments after every rule has run (see
:mod:`newslint.core.suppression`) and hands each kind the comments that hid nothing
(:meth:`~newslint.core.kind.Kind.after_suppression`); this kind reports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newslint.core.document import Document
from newslint.core.findings import Hit
from newslint.core.kind import Kind


class UnusedSuppression(Kind):
    name = "unused-suppression"
    description = (
        "Reports `<!-- newslint-disable ... -->` and `newslint-disable-next-line` comments that hid no "
        "finding in this run.  A comment naming only rules that did not run is not reported."
    )

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()

    def after_suppression(self, doc: Document, unused: Sequence[Hit]) -> Iterable[Hit]:
        return unused
