"""How one run lints its files: built once by the command (or the API) and passed down whole.

The local engine, its pool workers and the Dask workers all read the same :class:`RunSettings`
(workers get a pickled copy, :meth:`RunSettings.for_workers`), so adding a setting means adding
one field here, not a keyword in every layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from newslint.sources.files import DEFAULT_MAX_BYTES
from newslint.sources.records import RecordFields

#: where the files are linted: this machine's processes, or a Dask cluster
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class RunSettings:
    """What a run does besides applying its rules."""

    #: of the linted files (None: UTF-8, a byte-order mark allowed)
    encoding: str | None = None
    #: bytes read from one file at most; a larger file is reported, not read
    max_bytes: int = DEFAULT_MAX_BYTES
    #: findings keep the paragraph around them (the HTML report)
    excerpts: bool = False
    #: the run keeps each finding's source line (the text format's ``full`` style)
    snippets: bool = False
    #: cross-file rules compare the files; False: they only summarise each (``RunResult.collected``)
    compare: bool = True
    #: which fields of archive records (JSONL, CSV, Parquet) hold text, title and id
    fields: RecordFields = field(default_factory=RecordFields)
    #: reuse and store per-file results in the project's result cache (the local engine only)
    cache: bool = False
    #: worker processes of the local engine (None: all cores)
    jobs: int | None = None
    #: told (files done, files in all) as the local engine goes; Dask shows its own bar when set
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    #: ``local`` or ``dask``
    engine: str = "local"
    #: a Dask scheduler's address (None: a local cluster)
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")

    def for_workers(self) -> RunSettings:
        """These settings as sent to worker processes (the progress callback stays here)."""
        return replace(self, progress=None)
