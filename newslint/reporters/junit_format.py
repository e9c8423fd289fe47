"""``--format junit``: JUnit XML for CI dashboards (Jenkins, GitLab, Azure, test-report actions).

One ``testcase`` per finding holding its ``failure`` (as ruff: so ``failures <= tests``, which
consumers expect), one passing ``testcase`` per file without findings (the dashboard shows what
was checked), and one ``testcase`` with an ``error`` per file that could not be read.
No timestamps or durations: the output is the same for the same input.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from newslint.core.findings import FileError, Finding
from newslint.reporters import Report
from newslint.reporters.escape import xml_safe


def _paths(report: Report) -> list[str]:
    """Every file of the run: the pipeline passes them in ``extra['paths']``; else those with output."""
    listed = list(report.extra.get("paths", ()))
    seen = set(listed)
    for path in [f.path for f in report.findings] + [e.path for e in report.errors]:
        if path not in seen:
            seen.add(path)
            listed.append(path)
    return listed


def _failure(case: ET.Element, f: Finding) -> None:
    failure = ET.SubElement(case, "failure", {"type": f.rule, "message": f"{f.line}:{f.column}: {f.message}"})
    lines = [f"{f.where}:{f.line}:{f.column}: {f.severity} [{f.rule}] ({f.category}) {f.message}"]
    lines += [f"suggestion: {s}" for s in f.suggestions[:1]]
    lines += [f"related: line {r.line}: {r.message}" for r in f.related]
    failure.text = "\n".join(lines)


def _xml_safe(root: ET.Element) -> None:
    """Make every attribute and text representable in XML 1.0 (an article may hold any character)."""
    for element in root.iter():
        element.attrib.update({k: xml_safe(v) for k, v in element.attrib.items()})
        if element.text:
            element.text = xml_safe(element.text)


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    errors: dict[str, FileError] = {e.path: e for e in report.errors}
    paths = _paths(report)
    cases = sum(max(len(by_path.get(p, ())) + (p in errors), 1) for p in paths)
    totals = {
        "tests": str(cases),
        "failures": str(len(report.findings)),
        "errors": str(len(errors)),
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": "newslint", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": "newslint", **totals, "skipped": "0"})
    for path in paths:
        for f in by_path.get(path, ()):
            case = ET.SubElement(suite, "testcase", _case(path, f"{f.rule} {f.line}:{f.column}", f.line))
            _failure(case, f)
        if path in errors:
            case = ET.SubElement(suite, "testcase", _case(path, "read"))
            ET.SubElement(
                case, "error", {"type": "unreadable", "message": errors[path].message}
            ).text = f"{path}: {errors[path].message}"
        elif path not in by_path:
            ET.SubElement(suite, "testcase", _case(path, "no findings"))
    _xml_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(path: str, name: str, line: int | None = None) -> dict[str, str]:
    """A test case's attributes: the file is the class (dashboards group by it), as in ruff."""
    attrs = {"classname": path, "name": name, "file": path, "time": "0"}
    if line is not None:
        attrs["line"] = str(line)
    return attrs
