"""The kind contract: what a check module provides to the engine.

A kind is constructed once per rule (and per worker process) with the rule's
validated options, so compiling patterns or loading data happens once, not per
file.  ``check`` yields :class:`Hit` spans for one document and never prints.
A :class:`CorpusKind` also sees every file of a run: ``collect`` runs beside
``check`` in the worker and returns a small picklable summary; ``finish`` runs
once in the main process over all summaries.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.core.findings import Hit, Related
from newslint.core.options import Option
from newslint.core.rule_model import Fixes as Fixes  # re-exported: a kind declares its fixes with it
from newslint.core.rule_model import Rule

if TYPE_CHECKING:
    from newslint.core.document import Document


class Kind(ABC):
    name: ClassVar[str] = ""
    #: option name -> schema; validated strictly before the kind is built
    option_schema: ClassVar[Mapping[str, Option]] = {}
    #: what ``newslint explain`` says the kind does and skips
    description: ClassVar[str] = ""
    #: what fixes its hits carry (see :class:`Fixes`), unless a rule file says less (``fixes:``)
    fixes: ClassVar[Fixes] = Fixes.NONE
    #: the ``scope:`` values a rule of this kind may ask for (anything else is a rule error)
    scopes: ClassVar[tuple[str, ...]] = ("text",)
    #: how its rules' findings meet other rules' on the same words, unless a rule file says
    #: (``overlap:``; see :data:`newslint.core.rule_model.OVERLAPS`)
    overlap: ClassVar[str] = "none"

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.options: Mapping[str, Any] = rule.options

    @classmethod  # noqa: B027 - an optional hook, not an abstract method
    def validate(cls, options: Mapping[str, Any]) -> None:
        """Checks beyond the schema (compile regexes, cross-option rules); raise OptionError."""

    @abstractmethod
    def check(self, doc: Document) -> Iterable[Hit]:
        """Yield the hits of this rule in ``doc``."""

    def after_suppression(self, doc: Document, unused: Sequence[Hit]) -> Iterable[Hit]:
        """Hits found once the suppression comments are applied; ``unused`` are the comments
        that hid nothing.  Most kinds have none."""
        return ()


@dataclass(frozen=True)
class PlacedHit:
    """A corpus-level hit, already located (the main process has no Document)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    params: Mapping[str, Any] = field(default_factory=dict)
    message: str | None = None
    suggestions: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()


#: a band join supplied by a distributed runner: (item, MinHash signature) pairs and the LSH
#: threshold in, the (earlier, later) item pairs that share a band out
BandJoin = Callable[[Sequence[tuple[int, bytes]], float], set[tuple[int, int]]]


class CorpusKind(Kind):
    """A kind that compares the files of a run with each other."""

    #: set by a runner that joins LSH bands elsewhere (a Dask shuffle); None: joined in memory
    band_join: BandJoin | None = None

    def check(self, doc: Document) -> Iterable[Hit]:
        return ()

    @abstractmethod
    def collect(self, doc: Document) -> Any:
        """A small picklable summary of ``doc`` (computed in the worker)."""

    @abstractmethod
    def finish(self, items: Sequence[tuple[str, Any]]) -> Iterable[PlacedHit]:
        """Compare all (path, summary) pairs of the run."""
