"""``duplicate-lead-corpus``: a lead that repeats the lead of another file of the run (or of an index).

A story filed twice, or copy whose lead was already published, shows up as two
files with near-identical leads.  Each worker sends back its file's lead and
MinHash signature (:func:`newslint.lead_index.summarise`); the main process
walks the files in path order, asks an LSH index of the leads seen so far (an
archive index from ``--against`` first) for neighbours, and scores those exactly.
The later file is reported, with the earlier file(s) as related locations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from newslint.document import Document
from newslint.findings import Related
from newslint.kinds.base import CorpusKind, PlacedHit
from newslint.lead_index import LeadIndex, LeadSummary, summarise
from newslint.options import Option


class DuplicateLeadCorpus(CorpusKind):
    name = "duplicate-lead-corpus"
    # compares leads, whatever the scope: "text" and "lead" both mean that
    scopes = ("text", "lead")
    description = (
        "Compares the lead of every file of a run with the leads of the files before it (in path "
        "order) and, with `index`, with the leads of an archive built by `newslint index build`.  "
        "Leads are normalised like duplicate-paragraph's, bucketed by MinHash LSH (character 5-grams; "
        "`lsh_threshold` is the estimated Jaccard similarity at which leads share a bucket) and bucket "
        "neighbours are scored with the token similarity; at least `threshold` is a duplicate.  The "
        "later file's lead line is reported; related locations name up to `max_related` earlier files.  "
        "Files whose lead is shorter than `min_words` words are skipped."
    )
    option_schema: ClassVar[Mapping[str, Option]] = {
        "threshold": Option(
            "float",
            0.8,
            "lowest token similarity (0-1) of two leads that counts as a copy",
            minimum=0.5,
            maximum=1.0,
        ),
        "lsh_threshold": Option(
            "float",
            0.5,
            "LSH bucket threshold (estimated Jaccard of 5-gram shingles)",
            minimum=0.1,
            maximum=1.0,
        ),
        "min_words": Option("int", 8, "shortest lead (in words) to compare", minimum=1),
        "max_related": Option("int", 3, "most earlier files to name in one finding", minimum=1),
        "index": Option("str", "", "a lead index file (`newslint index build`) to check against"),
    }

    def collect(self, doc: Document) -> LeadSummary | None:
        return summarise(doc, self.options["min_words"])

    def finish(self, items: Sequence[tuple[str, Any]]) -> Iterator[PlacedHit]:
        threshold, lsh_threshold = self.options["threshold"], self.options["lsh_threshold"]
        index_path = self.options["index"]
        if index_path:
            index = LeadIndex.load(Path(index_path), threshold, lsh_threshold)
        else:
            index = LeadIndex(threshold, lsh_threshold)
        for path, summary in sorted(items, key=lambda item: item[0]):
            if summary is None:
                continue
            matches = index.query(summary.words, summary.signature, skip_path=path)
            if matches:
                best = matches[0]
                shown = matches[: self.options["max_related"]]
                yield PlacedHit(
                    path,
                    summary.line,
                    1,
                    summary.end_line,
                    summary.end_column,
                    params={
                        "other": best.path,
                        "other_line": best.line,
                        "similarity": f"{best.score:.0%}",
                        "copies": len(matches),
                    },
                    related=tuple(
                        Related(m.line, f"same lead ({m.score:.0%} similar)", m.path) for m in shown
                    ),
                )
            index.add(path, summary.line, summary.words, summary.signature)
