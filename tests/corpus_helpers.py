"""Test helpers for archives: the repo's fixture articles as files and packed into a JSONL archive."""

from __future__ import annotations

import json
from pathlib import Path

from fixture_cases import FIXTURES, parse_fixture


def fixture_articles() -> dict[str, str]:
    """Every case of every rule fixture, as an article: name -> text."""
    out: dict[str, str] = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        for case in parse_fixture(path).cases:
            if case.text.strip():
                out[f"{path.stem}-{case.number:02d}"] = case.text
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
