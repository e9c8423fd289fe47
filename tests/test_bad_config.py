"""The bad-config table: every broken configuration, in YAML and in TOML, exits 2 and names the
file and the line of the problem on stderr, never with a traceback (issue 19, items 11-12).

Each case is run through the real ``check`` command (in-process, typer's runner) with the
configuration discovered from the working folder, as a user meets it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import app

runner = CliRunner()
ARTICLE = "Talks resume\n\nThe minister said the talks would resume on Monday.\n"

# (id, config text, line the error must name, words the message must contain)
YAML_CASES = [
    ("syntax", "select: [typo\nfail-on: error\n", 2, "invalid YAML"),
    ("duplicate-key", "fail-on: error\nselect: [typo]\nfail-on: info\n", 3, "duplicate"),
    ("unknown-key", "fail-on: error\ncolour: red\n", 2, "unknown key 'colour'"),
    ("select-string", "fail-on: error\nselect: typo\n", 2, "not a string"),
    ("select-number", "select: 3\n", 1, "list of strings"),
    ("select-item", "select:\n  - typo\n  - 7\n", 3, "item 2"),
    ("select-names-nothing", "select:\n  - typo\n  - speling\n", 3, "'speling'"),
    ("ignore-names-nothing", "fail-on: error\nignore: [nope]\n", 2, "'nope'"),
    ("pfi-names-nothing", "per-file-ignores:\n  'a/*.txt': [zzz]\n", 2, "'zzz'"),
    ("pfi-shape", "fail-on: error\nper-file-ignores: [a]\n", 2, "per-file-ignores"),
    ("fail-on", "select: [typo]\nfail-on: loud\n", 2, "must be one of"),
    ("locale", "fail-on: error\nlocale: en-XX\n", 2, "'en-XX'"),
    ("locale-type", "locale: 5\n", 1, "must be a string"),
    ("date-style", "fail-on: error\ndate-style: zz\n", 2, "'zz'"),
    ("rule-paths", "fail-on: error\nrule-paths:\n  - house\n  - missing\n", 4, "folder not found"),
    ("rules-list", "fail-on: error\nrules:\n  - spelling\n", 2, "'rules' must map"),
    ("rules-scalar", "rules: 5\n", 1, "'rules' must map"),
    ("rule-unknown", "fail-on: error\nrules:\n  no-such-rule: error\n", 3, "unknown rule"),
    ("rule-entry-shape", "rules:\n  spelling: [a]\n", 2, "must be a severity or a mapping"),
    ("rule-severity", "rules:\n  spelling:\n    severity: loud\n", 3, "severity of 'spelling'"),
    ("rule-key", "rules:\n  spelling:\n    sevrity: error\n", 3, "unknown key 'sevrity'"),
    ("rule-options-shape", "rules:\n  spelling:\n    options: [a]\n", 3, "must be a mapping"),
    ("rule-option", "rules:\n  repeated-word:\n    options:\n      min_length: zero\n", 4, "min_length"),
    ("rule-option-choice", "rules:\n  spelling:\n    options:\n      locale: en-XX\n", 4, "'en-XX'"),
    ("accept-file", "rules:\n  spelling:\n    options:\n      accept_files: [gone.txt]\n", 4, "gone.txt"),
    ("extend-unknown", "rules:\n  could-of:\n    options:\n      extend-nope: [a]\n", 4, "extend-nope"),
    ("extend-type", "rules:\n  could-of:\n    options:\n      extend-swap: [a]\n", 4, "must be a mapping"),
    ("option-no-name", "rules:\n  spelling:\n    options:\n     :  accept: [x]\n", 4, "has no name"),
    ("option-number-name", "rules:\n  spelling:\n    options:\n      3: [x]\n", 4, "must be text"),
    ("encoding", "fail-on: error\nencoding: klingon\n", 2, "unknown encoding"),
    ("encoding-not-text", "encoding: rot13\n", 1, "not a text encoding"),
    ("not-a-mapping", "- select\n- typo\n", 1, "must be a mapping"),
    ("latin-1", "fail-on: error\n# caf\xe9\nselect: [typo]\n", 2, "not UTF-8"),
]

TOML_CASES = [
    ("syntax", "[tool.newslint]\nselect = [\"typo\"\nfail-on = 'error'\n", 3, "invalid TOML"),
    ("duplicate-key", "[tool.newslint]\nfail-on = 'error'\nfail-on = 'info'\n", 3, "invalid TOML"),
    (
        "other-table-first",
        "[tool.ruff]\nselect = ['E']\n\n[tool.newslint]\nselect = 5\n",
        5,
        "list of strings",
    ),
    ("unknown-key", "[tool.newslint]\nfail-on = 'error'\ncolour = 'red'\n", 3, "unknown key 'colour'"),
    ("select-string", "[tool.newslint]\nfail-on = 'error'\nselect = 'typo'\n", 3, "not a string"),
    (
        "select-names-nothing",
        "[tool.newslint]\nfail-on = 'error'\nselect = ['typo', 'speling']\n",
        3,
        "speling",
    ),
    (
        "select-item-line",
        "[tool.newslint]\nselect = [\n  'typo',  # a comment, with [brackets]\n  'speling',\n]\n",
        4,
        "speling",
    ),
    ("select-item-type", "[tool.newslint]\nselect = [\n  'typo',\n  { a = 1 },\n]\n", 4, "item 2"),
    (
        "after-multiline-string",
        '[tool.newslint]\nlocale = """\nfail-on = \'x\'\n"""\nfail-on = \'loud\'\n',
        5,
        "must be one of",
    ),
    ("pfi-names-nothing", "[tool.newslint.per-file-ignores]\n\"a/*.txt\" = ['zzz']\n", 2, "'zzz'"),
    ("fail-on", "[tool.newslint]\nselect = ['typo']\nfail-on = 'loud'\n", 3, "must be one of"),
    ("locale", "[tool.newslint]\nfail-on = 'error'\nlocale = 'en-XX'\n", 3, "'en-XX'"),
    ("date-style", "[tool.newslint]\nfail-on = 'error'\ndate-style = 'zz'\n", 3, "'zz'"),
    ("rule-paths", "[tool.newslint]\nfail-on = 'error'\nrule-paths = ['missing']\n", 3, "folder not found"),
    ("rules-list", "[tool.newslint]\nfail-on = 'error'\nrules = ['spelling']\n", 3, "'rules' must map"),
    ("rule-unknown", "[tool.newslint.rules]\nno-such-rule = 'error'\n", 2, "unknown rule"),
    (
        "rule-table-key",
        "[tool.newslint]\n\n[tool.newslint.rules.spelling]\nsevrity = 'error'\n",
        4,
        "sevrity",
    ),
    (
        "rule-option",
        "[tool.newslint]\nfail-on = 'error'\n\n[tool.newslint.rules.spelling.options]\nmin_length = 'x'\n",
        5,
        "min_length",
    ),
    (
        "rule-option-inline",
        "[tool.newslint.rules]\nspelling = { options = { locale = 'xx' } }\n",
        2,
        "'xx'",
    ),
    (
        "accept-file",
        "[tool.newslint.rules.spelling.options]\naccept_files = ['gone.txt']\n",
        2,
        "gone.txt",
    ),
    ("encoding", "[tool.newslint]\nfail-on = 'error'\nencoding = 'klingon'\n", 3, "unknown encoding"),
    ("latin-1", "[tool.newslint]\n# caf\xe9\nselect = ['typo']\n", 2, "not UTF-8"),
]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "house").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--no-cache", "--no-progress", *args, "a.txt"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("latin-1"))  # the latin-1 cases hold a byte that is not UTF-8


@pytest.mark.parametrize(("case", "text", "line", "words"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_bad_yaml_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, text: str, line: int, words: str
) -> None:
    config = tmp_path / ".newslint.yaml"
    _write(config, text)
    code, stderr = _run(tmp_path, monkeypatch)
    assert code == 2, stderr
    assert f"newslint: {config}:{line}: " in stderr, stderr
    assert words in stderr, stderr


@pytest.mark.parametrize(("case", "text", "line", "words"), TOML_CASES, ids=[c[0] for c in TOML_CASES])
def test_bad_toml_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, text: str, line: int, words: str
) -> None:
    config = tmp_path / "pyproject.toml"
    _write(config, text)
    code, stderr = _run(tmp_path, monkeypatch)
    assert code == 2, stderr
    assert f"newslint: {config}:{line}: " in stderr, stderr
    assert words in stderr, stderr


@pytest.mark.parametrize(("case", "text", "line", "words"), TOML_CASES, ids=[c[0] for c in TOML_CASES])
def test_bad_toml_given_with_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, text: str, line: int, words: str
) -> None:
    """``--config house.toml`` is read as TOML (its ``[tool.newslint]`` table, or its top level)."""
    config = tmp_path / "house.toml"
    _write(config, text)
    code, stderr = _run(tmp_path, monkeypatch, "--config", "house.toml")
    assert code == 2, stderr
    assert f"newslint: house.toml:{line}: " in stderr, stderr


def test_a_top_level_toml_config_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "house.toml").write_text("select = ['repeated-word']\nfail-on = 'error'\n")
    (tmp_path / "b.txt").write_text("Talks\n\nThe the talks resume.\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["check", "--no-cache", "--config", "house.toml", "--format", "json", "b.txt"]
    )
    assert result.exit_code == 0, result.stderr  # a warning, and fail-on is error
    assert '"repeated-word"' in result.stdout
    (tmp_path / "house.toml").write_text("select = 'repeated-word'\n")
    result = runner.invoke(app, ["check", "--no-cache", "--config", "house.toml", "b.txt"])
    assert result.exit_code == 2 and "house.toml:1: 'select' must be a list" in result.stderr


def test_a_broken_pyproject_without_newslint_is_still_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like ruff: a pyproject.toml that cannot be parsed is not silently skipped."""
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n")
    code, stderr = _run(tmp_path, monkeypatch)
    assert code == 2 and f"{tmp_path / 'pyproject.toml'}:1: invalid TOML" in stderr
    code, _ = _run(tmp_path, monkeypatch, "--isolated")
    assert code == 0  # --isolated reads no configuration at all


def test_latin1_config_given_with_config_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "house.yaml", "fail-on: error\nlocale: \xe9\n")
    code, stderr = _run(tmp_path, monkeypatch, "--config", "house.yaml")
    assert code == 2 and "house.yaml:2: not UTF-8" in stderr


def test_a_selector_given_on_the_command_line_is_not_blamed_on_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".newslint.yaml").write_text("fail-on: error\nselect: [typo]\n")
    code, stderr = _run(tmp_path, monkeypatch, "--select", "nothing")
    assert code == 2 and "newslint: --select: no rule" in stderr and ".newslint.yaml" not in stderr
    code, stderr = _run(tmp_path, monkeypatch, "--ignore", "nothing")
    assert code == 2 and "newslint: --ignore: no rule" in stderr
