"""Property test: fuzzed configurations (YAML and TOML, well-formed and not) never crash.

Whatever the configuration holds, ``newslint check`` exits 0, 1 or 2, raises nothing but its
own exit, and an exit 2 comes with a ``newslint: ...`` message naming the configuration file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shared import nested
from typer.testing import CliRunner

from newslint.cli import app
from newslint.config.config import _KEYS

runner = CliRunner()
ARTICLE = "Talks resume\n\nThe minister said the the talks would resume on Monday, 3 Septemeber.\n"
RULE_IDS = ["spelling", "repeated-word", "could-of", "date-style", "quote-style", "no-such-rule"]
OPTION_NAMES = ["swap", "extend-swap", "accept", "extend-accept", "locale", "min_length", "style", "nope"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["typo", "style", "error", "warning", "en-GB", "ap", "latin-1", "ALL", "*.txt", "."]),
    st.text(max_size=12),
)
values = nested(scalars, st.one_of(st.sampled_from(OPTION_NAMES), st.text(max_size=8)))
rule_entry = st.one_of(
    st.sampled_from(["error", "warning", "info", "loud"]),
    st.fixed_dictionaries(
        {},
        optional={
            "severity": st.one_of(st.sampled_from(["error", "info"]), values),
            "options": st.one_of(st.dictionaries(st.sampled_from(OPTION_NAMES), values, max_size=3), values),
        },
    ),
    values,
)
configs = st.dictionaries(
    st.one_of(st.sampled_from(_KEYS), st.text(max_size=8)),
    values,
    max_size=5,
).flatmap(
    lambda base: st.one_of(
        st.just(base),
        st.dictionaries(st.sampled_from(RULE_IDS), rule_entry, max_size=3).map(
            lambda r: {**base, "rules": r}
        ),
    )
)


def toml_value(value: Any) -> str | None:
    """``value`` as a TOML inline value (None where TOML has no way to say it)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if not isinstance(value, float) or math.isfinite(value) else None
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        items = [toml_value(v) for v in value]
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    pairs = [(json.dumps(str(k)), toml_value(v)) for k, v in value.items()]
    return "{" + ", ".join(f"{k} = {v}" for k, v in pairs if v is not None) + "}"


def toml_text(config: dict[str, Any]) -> str:
    lines = ["[tool.newslint]"]
    for key, value in config.items():
        text = toml_value(value)
        if text is not None:
            lines.append(f"{json.dumps(str(key))} = {text}")
    return "\n".join(lines) + "\n"


def run_check(folder: Path) -> None:
    result = runner.invoke(app, ["check", "--no-cache", "--no-progress", "a.txt"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.exit_code
    event(f"exit {result.exit_code}")
    if result.exit_code == 2:
        assert result.stderr.startswith("newslint: ") and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz")
    (path / "a.txt").write_text(ARTICLE)
    return path


def _in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    for name in (".newslint.yaml", "pyproject.toml"):
        (folder / name).unlink(missing_ok=True)


# The quick loop tries a few configurations of each shape; CI (the full run) tries many more
# under the ``slow`` marker (tests/test_never_crashes.py runs 2,000 news-like texts there).
QUICK = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FULL = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def yaml_config(folder: Path, monkeypatch: pytest.MonkeyPatch, config: dict[str, Any]) -> None:
    _in(folder, monkeypatch)
    (folder / ".newslint.yaml").write_text(json.dumps(config))  # JSON is YAML
    run_check(folder)


def toml_config(folder: Path, monkeypatch: pytest.MonkeyPatch, config: dict[str, Any]) -> None:
    _in(folder, monkeypatch)
    (folder / "pyproject.toml").write_text(toml_text(config))
    run_check(folder)


def config_text(folder: Path, monkeypatch: pytest.MonkeyPatch, raw: str, toml: bool) -> None:
    _in(folder, monkeypatch)
    if toml:
        (folder / "pyproject.toml").write_text("[tool.newslint]\n" + raw)
    else:
        (folder / ".newslint.yaml").write_text(raw)
    run_check(folder)


raw_text = {
    "raw": st.text(alphabet=st.sampled_from(list("[]{}=:-'\"\n #.,\\tabcselct1é")), max_size=60),
    "toml": st.booleans(),
}

test_fuzzed_yaml_configs = QUICK(given(config=configs)(yaml_config))
test_fuzzed_toml_configs = QUICK(given(config=configs)(toml_config))
test_fuzzed_config_text = QUICK(given(**raw_text)(config_text))
test_fuzzed_yaml_configs_full = pytest.mark.slow(FULL(given(config=configs)(yaml_config)))
test_fuzzed_toml_configs_full = pytest.mark.slow(FULL(given(config=configs)(toml_config)))
test_fuzzed_config_text_full = pytest.mark.slow(FULL(given(**raw_text)(config_text)))
