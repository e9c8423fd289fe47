"""The package's layers run one way: a module imports only from its own layer or the ones below.

    core  <-  kinds  <-  engine  <-  runner  <-  app  <-  cli

Imports are read with ``ast`` (those inside functions and ``TYPE_CHECKING`` blocks count too),
so a backward import cannot hide in a function body.  A new module must be given a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newslint"
ORDER = ("core", "kinds", "engine", "runner", "app", "cli")

LAYERS: dict[str, str] = {
    # core: the article model, findings, options and settings, data shared by the kinds
    **dict.fromkeys(
        [
            "errors",
            "findings",
            "messages",  # message templates, checked and rendered bounded
            "jsondata",  # bounded JSON for data files (baselines, indexes)
            "options",
            "document",
            "structure",  # the article's parts: dateline, source line, list items
            "tokens",
            "calendar",  # the calendar vocabulary (months, weekdays, house-style forms)
            "markdown_code",
            "patterns",
            "compiled_patterns",  # compiled regexes kept between runs
            "date_mentions",
            "topic",
            "cache",
            "rule_cache",
            "rule_model",
            "spelling_lexicon",
            "word_tables",  # sorted word tables searched in place (the lexicon's storage)
            "spelling_lists",
            "spelling_candidates",
            "spelling_hunspell",
            "spelling_morphology",
            "spelling_names",
            "spelling_verdict",  # spelling: the verdict on a word
            "spelling_evidence",  # spelling: the evidence of the article
            "spelling_forms",  # spelling: the forms worth a closer look
            "spelling_text",  # spelling: plain text helpers the parts share
            "spelling_context",  # spelling: the bigram cue of the words around a slip
            "spelling_ranking",  # spelling: the order of a flagged word's suggestions
            "yamlload",
            "suppression",
            "baseline",  # the engine fingerprints findings with it; it imports only the core
            "excerpts",
            "snippets",
            "files",
            "config_source",
            "config",
            "minhash",  # MinHash signatures and LSH banding, pure
            "lead_index_file",  # the lead index file format, read defensively
            "records",  # archives of articles (JSONL, CSV, Parquet) read as records
            "partitions",  # a distributed run's parts (byte ranges, row groups) read by workers
            "wire_xml",  # NITF / NewsML-G2 read as article text, hardened
            "surrogates",  # lone surrogates shown as visible escapes in every output
            "output_file",  # output files opened so that writing never damages or hangs
        ],
        "core",
    ),
    "kinds": "kinds",  # newslint.kinds and every module in it
    # engine: loading rules (which needs the kinds) and applying them to one document
    **dict.fromkeys(["rules", "ruleset", "engine", "rule_examples", "fix_info"], "engine"),
    # runner: many files, in-process or in a pool, with the result cache; the one lint path
    **dict.fromkeys(["runner", "result_cache", "lint", "dask_engine"], "runner"),
    # app: what the commands do with a run
    **dict.fromkeys(
        [
            "pipeline",
            "html_report",
            "index_app",
            "explain",
            "reporters",
            "fixer",
            "spelling_vocab",
            "lead_index",
            "api",  # the Python API: Linter, lint_text
            "dask",  # dataframes and bags of texts on a Dask cluster
            "dask_leads",  # the cross-record lead check as a lazy Dask graph
            "findings_table",  # findings as a table (Parquet)
            # the package itself re-exports the API (lazily): it sits with the app
            "newslint",
        ],
        "app",
    ),
    **dict.fromkeys(["cli", "__main__"], "cli"),
}

# Known backward imports in files other lanes are still rewriting; each names why it waits.
ALLOWED: set[tuple[str, str]] = set()


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "newslint"


def layer_of(module: str) -> str:
    if module in LAYERS:
        return LAYERS[module]
    head = module.split(".")[0]
    if head in LAYERS:
        return LAYERS[head]
    raise KeyError(module)


def imports_of(path: Path) -> set[str]:
    """The newslint modules ``path`` imports, relative to the package (``kinds.base``, ``engine``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "newslint":
                found |= {a.name for a in node.names if (PACKAGE / f"{a.name}.py").exists()}
            elif node.module.startswith("newslint."):
                found.add(node.module.removeprefix("newslint."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("newslint.") for a in node.names if a.name.startswith("newslint.")}
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    missing = [m for m in map(_module, MODULES) if m != "newslint" and not _has_layer(m)]
    assert not missing, f"give these modules a layer in tests/test_layers.py: {missing}"


def _has_layer(module: str) -> bool:
    try:
        layer_of(module)
    except KeyError:
        return False
    return True


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    module = _module(path)
    own = ORDER.index(layer_of(module))
    backward = [
        f"{module} ({ORDER[own]}) imports {target} ({layer_of(target)})"
        for target in sorted(imports_of(path))
        if ORDER.index(layer_of(target)) > own and (module, target) not in ALLOWED
    ]
    assert not backward, backward


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from newslint.runner import run\n    import newslint.cli\n")
    assert imports_of(source) == {"runner", "cli"}
