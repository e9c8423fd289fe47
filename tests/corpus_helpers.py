"""Test helpers for archives: the built-in rules' example articles as files and packed into a
JSONL archive."""

from __future__ import annotations

import json
from pathlib import Path

from newslint.engine.rules import builtin_rules_dir, load_rules


def fixture_articles() -> dict[str, str]:
    """Every one-file example of every built-in rule, each text once, as an article: name -> text."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for rule in load_rules([builtin_rules_dir()]):
        for number, example in enumerate((*rule.bad, *rule.good), 1):
            text = example.text
            if text.strip() and "\n=== " not in f"\n{text}" and text not in seen:
                seen.add(text)
                out[f"{rule.id}-{number:02d}"] = text
    return out


def write_articles(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def pack_jsonl(path: Path, articles: dict[str, str]) -> Path:
    """The articles as one JSON Lines archive, ``{"id": name, "text": text}`` a line."""
    with path.open("w", encoding="utf-8") as handle:
        for name, text in articles.items():
            handle.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    return path


def records_as_files(findings: list[dict[str, object]], archive: str) -> list[dict[str, object]]:
    """JSON findings of an archive, each moved to the file its record would be (``id.txt``)."""
    out = []
    for f in findings:
        g = dict(f)
        assert g.pop("path") == archive
        g["path"] = f"{g.pop('record')}.txt"
        for r in g["related"]:  # type: ignore[attr-defined]
            if "path" in r:
                r["path"] = r["path"].split("#", 1)[1] + ".txt"
        out.append(g)
    return sorted(out, key=lambda f: (f["path"], f["line"], f["column"], f["rule"]))  # type: ignore[return-value]
