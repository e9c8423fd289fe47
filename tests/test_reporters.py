"""Golden output for every format, from one fixed report (tests/reporter_cases.py).

Set NEWSLINT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from reporter_cases import FINDINGS, PATHS, report

from newslint import __version__
from newslint.reporters import FORMATS, get_reporter

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {"text": "txt", "json": "json", "jsonl": "jsonl", "github": "txt", "sarif": "sarif", "junit": "xml"}


def rendered(fmt: str, *, statistics: bool = False) -> str:
    """The output with the version normalised (the only value that changes between releases)."""
    text = get_reporter(fmt)(report(statistics=statistics))
    return text.replace(f'"{__version__}"', '"VERSION"')


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NEWSLINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with NEWSLINT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str) -> None:
    check_golden(f"report.{fmt}.{SUFFIX[fmt]}", rendered(fmt))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden_statistics(fmt: str) -> None:
    check_golden(f"report.{fmt}.statistics.{SUFFIX[fmt]}", rendered(fmt, statistics=True))


def test_json_statistics_count_per_rule_and_category() -> None:
    data = json.loads(rendered("json", statistics=True))
    assert data["statistics"][0] == {"rule": "duplicate-lead", "category": "duplicate", "count": 1}
    assert sum(s["count"] for s in data["statistics"]) == len(FINDINGS)


def test_junit_has_one_testcase_per_finding_and_one_per_clean_file() -> None:
    """As ruff: failures <= tests (consumers reject more failures than tests)."""
    root = ET.fromstring(rendered("junit"))
    cases = root.findall("./testsuite/testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert len(failing) == len(FINDINGS) and all(len(c.findall("failure")) == 1 for c in failing)
    assert {c.get("classname") for c in cases} == set(PATHS)
    assert root.get("tests") == str(len(cases)) and int(root.get("failures", "")) <= len(cases)
    assert root.get("failures") == str(len(FINDINGS)) and root.get("errors") == "1"
    [bad] = [c for c in cases if c.get("classname") == "copy/bad.bin"]
    assert bad.find("error") is not None
    [clean] = [c for c in cases if c.get("classname") == "copy/clean.txt"]
    assert list(clean) == [] and clean.get("name") == "no findings"


def test_every_format_is_deterministic() -> None:
    for fmt in FORMATS:
        assert rendered(fmt) == rendered(fmt)
