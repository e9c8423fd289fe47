"""CLI conventions users know from ruff, codespell and yamllint (issue 19, item 16), through the
real ``newslint`` command in-process (typer's runner): --exit-zero, --color with NO_COLOR and
FORCE_COLOR, --isolated, the full and concise text views, --output-format, shell completion,
--show-settings without a path, and the ``encoding`` option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.app.pipeline import use_color
from newslint.cli import app

runner = CliRunner()
DEFECT = "Budget talks resume\n\nThe minister said the the talks would resume on Monday.\n"
CONTRACT_LINE = "a.txt:3:23: warning [repeated-word] Repeated word 'the'"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.txt").write_text(DEFECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", "--no-cache", "--no-progress", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_exit_zero_reports_but_succeeds(here: Path) -> None:
    code, out, _ = check("--select", "repeated-word", "a.txt")
    assert code == 1 and CONTRACT_LINE in out
    code, out, _ = check("--exit-zero", "--select", "repeated-word", "a.txt")
    assert code == 0 and CONTRACT_LINE in out
    code, _, err = check("--exit-zero", "--select", "nothing-at-all", "a.txt")
    assert code == 2 and "nothing-at-all" in err  # an error is still an error


def test_piped_output_defaults_to_the_contracts_one_line_a_finding(here: Path) -> None:
    code, out, _ = check("--select", "repeated-word", "a.txt")  # the runner's stdout is no terminal
    assert code == 1
    assert out.splitlines() == [CONTRACT_LINE, "", "1 finding in 1 file (style: 1)."]


def test_full_view_shows_the_source_line_with_carets_under_the_span(here: Path) -> None:
    code, out, _ = check("--output-format", "full", "--select", "repeated-word", "a.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == CONTRACT_LINE  # the contract's line comes first, unchanged
    assert lines[1:5] == [
        "  |",
        "3 | The minister said the the talks would resume on Monday.",
        "  |                       ^^^ repeated-word",
        "  |",
    ]
    assert lines[2].index("the the") + len("the ") == lines[3].index("^")


def test_concise_view_is_one_line_a_finding(here: Path) -> None:
    code, out, _ = check("--output-format", "concise", "--select", "repeated-word", "a.txt")
    assert code == 1
    assert out.splitlines()[0] == CONTRACT_LINE and "|" not in out and "^" not in out
    assert out.splitlines()[-1] == "1 finding in 1 file (style: 1)."


def test_full_view_of_a_long_line_is_a_window_and_control_characters_are_shown_safely(
    here: Path,
) -> None:
    filler = " ".join(f"w{i}" for i in range(80))
    long = f"Budget\n\n{filler} the the end\x1b[2J of it {filler}\n"
    (here / "long.txt").write_text(long, encoding="utf-8")
    code, out, _ = check("--output-format", "full", "--select", "repeated-word", "long.txt")
    assert code == 1
    source, carets = out.splitlines()[2], out.splitlines()[3]
    assert source.startswith("3 | …") and source.endswith("…") and len(source) < 140
    assert "\x1b" not in out and "\ufffd[2J" in source
    assert source.index("the the") + len("the ") == carets.index("^")


def test_output_format_names_a_format_too_and_must_agree_with_format(here: Path) -> None:
    _, by_output_format, _ = check("--output-format", "json", "a.txt")
    _, by_format, _ = check("--format", "json", "a.txt")
    assert json.loads(by_output_format) == json.loads(by_format)
    code, _, err = check("--format", "json", "--output-format", "concise", "a.txt")
    assert code == 2 and "--output-format concise" in err
    code, _, err = check("--format", "json", "--output-format", "sarif", "a.txt")
    assert code == 2 and "disagree" in err


@pytest.mark.parametrize(
    ("choice", "tty", "env", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # empty means unset (no-color.org)
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_choice(choice: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert use_color(choice, tty, env) is expected


def test_colour_through_the_command(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in check("--select", "repeated-word", "a.txt")[1]  # not a terminal
    assert "\x1b[" in check("--color", "always", "--select", "repeated-word", "a.txt")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in check("--select", "repeated-word", "a.txt")[1]
    assert "\x1b[" not in check("--color", "never", "--select", "repeated-word", "a.txt")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in check("--select", "repeated-word", "a.txt")[1]
    assert "\x1b[" not in check("--color", "auto", "--format", "json", "a.txt")[1]
    code, _, err = check("--color", "sometimes", "a.txt")
    assert code == 2 and "--color" in err


def test_isolated_reads_no_configuration(here: Path) -> None:
    (here / ".newslint.yaml").write_text("ignore: [repeated-word]\n")
    assert check("--select", "style", "a.txt")[0] == 0  # the config ignores the rule
    assert check("--isolated", "--select", "style", "a.txt")[0] == 1
    (here / ".newslint.yaml").write_text("ignore: [no-such-rule]\n")
    assert check("a.txt")[0] == 2
    assert check("--isolated", "--select", "repeated-word", "a.txt")[0] == 1
    code, _, err = check("--isolated", "--config", ".newslint.yaml", "a.txt")
    assert code == 2 and "--isolated" in err


def test_show_settings_needs_no_path_and_a_check_without_one_lints_the_folder(here: Path) -> None:
    (here / ".newslint.yaml").write_text("fail-on: error\nselect: [typo]\n")
    result = runner.invoke(app, ["check", "--show-settings"])
    code, data = result.exit_code, json.loads(result.stdout)
    assert code == 0 and data["config-file"] == str(here / ".newslint.yaml") and data["fail-on"] == "error"
    assert data["cache"] == str(here / ".newslint_cache") and data["encoding"] == "utf-8"
    code, out, _ = check()  # as ruff and codespell: no path is the working folder
    assert code == 0 and "in 1 file" in out


def test_shell_completion_is_on() -> None:
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout
    result = runner.invoke(app, ["--show-completion", "bash"])
    shown = (result.exit_code, result.stdout[-300:], result.stderr[-300:], result.exception)
    assert result.exit_code == 0 and "_NEWSLINT_COMPLETE=complete_bash" in result.stdout, shown


LATIN1 = "Caf\xe9 reopens\n\nThe caf\xe9 on the square reopened on Monday, the owner said.\n".encode(
    "latin-1"
)


def test_encoding_option_and_flag_read_latin1_copy(here: Path) -> None:
    (here / "l.txt").write_bytes(LATIN1)
    code, out, _ = check("--format", "json", "l.txt")
    [error] = json.loads(out)["errors"]
    assert code == 1 and "not UTF-8 text (invalid byte 0xe9 at line 1" in error["message"]
    assert "encoding" in error["message"]
    code, out, err = check("--format", "json", "--encoding", "latin-1", "l.txt")
    assert code == 0 and json.loads(out)["errors"] == [], err
    (here / ".newslint.yaml").write_text("encoding: latin-1\n")
    code, out, _ = check("--format", "json", "l.txt")
    assert code == 0 and json.loads(out)["errors"] == []
    (here / "l.txt").write_bytes(b"Talks\n\nplain line\nbad \xe9 byte\n")
    code, out, _ = check("--format", "json", "--encoding", "ascii", "l.txt")
    [error] = json.loads(out)["errors"]
    assert code == 1 and "not ascii text (invalid byte 0xe9 at line 4)" in error["message"]
    code, _, err = check("--encoding", "klingon", "l.txt")
    assert code == 2 and "unknown encoding 'klingon'" in err


def test_latin1_copy_shows_its_source_line_decoded(here: Path) -> None:
    (here / "l.txt").write_bytes(b"Caf\xe9\n\nThe the caf\xe9 reopened.\n")
    _, out, _ = check(
        "--output-format", "full", "--encoding", "latin-1", "--select", "repeated-word", "l.txt"
    )
    assert "3 | The the caf\xe9 reopened." in out
