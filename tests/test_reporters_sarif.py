"""SARIF 2.1.0: valid against the official schema (tests/data), shaped as GitHub code scanning reads it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import run_newslint
from reporter_cases import FINDINGS, RULES, report

from newslint.reporters import get_reporter

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict) -> None:  # type: ignore[type-arg]
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_fixed_report_validates_and_has_the_github_fields() -> None:
    log = json.loads(get_reporter("sarif")(report()))
    validate(log)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in RULES)
    lead = next(r for r in rules if r["id"] == "duplicate-lead")
    assert lead["name"] == "DuplicateLead"
    assert lead["shortDescription"]["text"] == "The lead appears twice."
    assert lead["fullDescription"]["text"] == "Readers see it twice."
    assert "Readers see it twice." in lead["help"]["text"]
    assert lead["defaultConfiguration"]["level"] == "error"
    assert len(run["results"]) == len(FINDINGS)
    for result, finding in zip(run["results"], FINDINGS, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
        )
        assert result["partialFingerprints"]
    first_location = run["results"][0]["locations"][0]["physicalLocation"]
    assert first_location["artifactLocation"]["uri"] == "copy/a%20b.txt"
    related = run["results"][1]["relatedLocations"][0]
    assert related["physicalLocation"]["region"]["startLine"] == 3 and related["message"]["text"]
    assert run["results"][2]["level"] == "note"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_empty_run_validates() -> None:
    from newslint.reporters import Report

    validate(json.loads(get_reporter("sarif")(Report([], files=0))))


@pytest.mark.slow
def test_cli_sarif_validates_and_fingerprints_survive_an_inserted_line(tmp_path: Path) -> None:
    body = "Budget talks resume\n\nThe minister said the the talks would of resumed.\n"
    (tmp_path / "a.txt").write_text(body)
    first = json.loads(run_newslint("check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)
    validate(first)
    assert {r["ruleId"] for r in first["runs"][0]["results"]} >= {"repeated-word", "could-of"}
    rest = body.split("\n\n", 1)[1]
    (tmp_path / "a.txt").write_text("Budget talks resume\n\nAn inserted paragraph.\n\n" + rest)
    second = json.loads(run_newslint("check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)

    def prints(log: dict) -> set[str]:  # type: ignore[type-arg]
        results = log["runs"][0]["results"]
        return {json.dumps(r["partialFingerprints"]) for r in results if r["ruleId"] != "spelling"}

    assert prints(first) == prints(second)


def test_cli_sarif_on_an_absolute_path_has_a_whole_uri_and_no_base(tmp_path: Path) -> None:
    """An absolute path is a complete file:// URI; a uriBaseId goes only with a relative one."""
    story = tmp_path / "a b.txt"
    story.write_text("Budget talks resume\n\nThe minister said the the talks would resume.\n")
    log = json.loads(run_newslint("check", "--format", "sarif", str(story), cwd=tmp_path).stdout)
    validate(log)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "repeated-word"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "file://" + str(story).replace(" ", "%20")}
    relative = json.loads(run_newslint("check", "--format", "sarif", "a b.txt", cwd=tmp_path).stdout)
    [result] = [r for r in relative["runs"][0]["results"] if r["ruleId"] == "repeated-word"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "a%20b.txt", "uriBaseId": "%SRCROOT%"}
