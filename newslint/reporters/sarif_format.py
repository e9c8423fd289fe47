"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other dashboards read it.

One run; ``tool.driver.rules`` describes every rule that ran (summary, why, level);
each result points at its rule by id and index, carries 1-based line/column
regions (columns in Unicode code points, as ``columnKind`` says), related
locations, and a content fingerprint that survives inserted lines
(:mod:`newslint.core.fingerprint`).  Unreadable files become tool notifications.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from newslint import __version__
from newslint.core.findings import Finding
from newslint.core.fingerprint import finding_fingerprint
from newslint.engine.rules import Rule
from newslint.reporters import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "newslintContent/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


#: a byte of a file name that was not UTF-8, as the report shows it (``\xff``)
_SHOWN_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def _absolute(posix: str) -> bool:
    return posix.startswith("/") or (len(posix) > 2 and posix[0].isalpha() and posix[1:3] == ":/")


def uri(path: str) -> str:
    """A relative URI reference for a reported path (absolute paths become file: URIs).

    A byte of the name that was not UTF-8 (shown as ``\xff``) is that byte percent-encoded."""
    pieces = _SHOWN_BYTE.split(path)  # text, byte, text, ...
    posix = [piece.replace("\\", "/") if i % 2 == 0 else piece for i, piece in enumerate(pieces)]
    absolute = _absolute(posix[0])
    posix[0] = posix[0].removeprefix("./")
    if absolute and not posix[0].startswith("/"):
        posix[0] = "/" + posix[0]
    encoded = "".join(quote(piece) if i % 2 == 0 else f"%{piece.upper()}" for i, piece in enumerate(posix))
    return "file://" + encoded if absolute else encoded


def rule_name(rule_id: str) -> str:
    """``repeated-word`` -> ``RepeatedWord`` (SARIF names are identifiers, ids are stable codes)."""
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.summary}\n\n{rule.why}"
    if rule.bad:
        help_text += f"\n\nFlagged:\n{rule.bad[0].text.strip()}"
    if rule.good:
        help_text += f"\n\nFine:\n{rule.good[0].text.strip()}"
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def _stub_descriptor(finding: Finding) -> dict[str, Any]:
    """A finding whose rule is not in the report's rule list (should not happen, but stay valid)."""
    return {
        "id": finding.rule,
        "name": rule_name(finding.rule),
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category, "tags": [finding.category]},
    }


def _artifact(path: str) -> dict[str, str]:
    """A relative path is relative to ``%SRCROOT%``; an absolute one is a whole ``file://`` URI
    and has no base (SARIF 2.1.0 §3.4.4: a ``uriBaseId`` goes only with a relative reference)."""
    if _absolute(path.replace("\\", "/")):
        return {"uri": uri(path)}
    return {"uri": uri(path), "uriBaseId": "%SRCROOT%"}


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _artifact(path), "region": region}}


def _result(f: Finding, index: int) -> dict[str, Any]:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [_location(f.path, region)],
        "partialFingerprints": {FINGERPRINT_KEY: finding_fingerprint(f)},
        "properties": {"category": f.category},
    }
    if f.suggestions:
        result["properties"]["suggestions"] = list(f.suggestions)
    if f.record is not None:  # a record of an archive: the file is the artifact, the record a property
        result["properties"]["record"] = f.record
        result["locations"][0]["logicalLocations"] = [{"name": f.record, "kind": "element"}]
    if f.related:
        result["relatedLocations"] = [
            {"id": i, **_location(r.path or f.path, {"startLine": r.line}), "message": {"text": r.message}}
            for i, r in enumerate(f.related, 1)
        ]
    return result


def build(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (tests validate it against the 2.1.0 schema)."""
    descriptors = [_rule_descriptor(r) for r in sorted(report.rules, key=lambda r: r.id)]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for f in report.findings:
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            descriptors.append(_stub_descriptor(f))
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path)}}],
        }
        for e in report.errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in report.findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(build(report), ensure_ascii=False, indent=2) + "\n"
