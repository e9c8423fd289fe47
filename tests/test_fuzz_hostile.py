"""Property tests with hostile input: fuzzed text, fuzzed rule files and fuzzed configurations.

Text: linting never raises, positions stay inside the file, and the text report has exactly one
line per finding whatever control characters the article holds.  Rule files and configs: loading
either works or raises the project's own error naming the file, never anything else, and a rule
that loads can lint.  The text fuzz runs 2,000 examples, so it is marked slow; a 200-example
version runs in the quick loop.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared import JSON_SCALARS, nested
from shared import news_like as news_like_texts

from newslint.config.config import Settings, load_settings
from newslint.core.document import Document
from newslint.core.errors import NewslintError
from newslint.engine.engine import DocumentLinter
from newslint.engine.rules import load_rules
from newslint.engine.ruleset import resolve_rules
from newslint.reporters import Report, get_reporter

pytestmark = pytest.mark.filterwarnings("error")  # a library warning on hostile input counts as a failure

LINTER = DocumentLinter(resolve_rules(Settings()))
RENDER_TEXT = get_reporter("text")

news_like = news_like_texts(hostile=True, piece=120, pieces=25)


def _check_text(text: str) -> None:
    doc = Document("fuzz.txt", text)
    findings = LINTER.lint(doc)
    for finding in findings:
        assert 1 <= finding.line <= finding.end_line <= len(doc.lines)
        assert finding.message
    report = RENDER_TEXT(Report(findings, files=1, quiet=True))
    lines = [line for line in report.splitlines() if not line.startswith("    related:")]
    assert len(lines) == len(findings), report
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", report)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_text_fuzz_quick(text: str) -> None:
    _check_text(text)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_text_fuzz_2000_examples(text: str) -> None:
    _check_text(text)


VALID_RULE = """\
id: fuzzed
kind: existence
category: style
severity: warning
message: "Bad '{match}'"
summary: A fuzzed rule.
why: Fuzzing.
scope: line
options:
  tokens: [zzz, yyy]
  patterns: ['q+x']
  exceptions: ['qqx']
examples:
  bad: []
  good: []
"""

# Fragments a hostile or careless author might put anywhere in a YAML file.
yaml_fragments = st.sampled_from(
    [
        "&a ",
        "*a",
        "&b [l, l]",
        "[*b, *b]",
        "!!python/object/apply:os.system [ls]",
        "!!binary aGk=",
        "!tag ",
        "!!set {a: null}",
        "[" * 200,
        "]" * 200,
        "{" * 50,
        "9" * 5000,
        "{match:>99999}",
        "{match.__class__}",
        "{0}",
        "{",
        "}",
        "'",
        '"',
        "\n",
        "\n  ",
        ": ",
        "- ",
        "? ",
        "---\n",
        "%YAML 1.1\n",
        "#",
        "\t",
        "\x00",
        "\ufeff",
        "(a|a)+$",
        "[z-a]",
        "\\",
    ]
)


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few fragments inserted at random places (or a line removed)."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.one_of(yaml_fragments, st.text(max_size=8))) + text[at:]
        else:
            lines = text.split("\n")
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
    return text


json_values = nested(JSON_SCALARS, st.text(max_size=8))


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _load_rule(folder: Path, text: str) -> None:
    path = folder / "x" / "fuzzed.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        rules = load_rules([folder])
    except NewslintError as exc:
        assert exc.path and exc.path.endswith("fuzzed.yaml"), str(exc)
        return
    DocumentLinter(rules).lint(Document("t.txt", "Headline\n\nzzz qqqx the the {match}\n" * 3))


FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(mutated(VALID_RULE))
def test_fuzzed_rule_files_load_or_fail_cleanly(tmp_path: Path, text: str) -> None:
    _load_rule(tmp_path / "rules", text)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=FIXTURE_OK)
@given(mutated(VALID_RULE))
def test_fuzzed_rule_files_1500_examples(tmp_path: Path, text: str) -> None:
    _load_rule(tmp_path / "rules", text)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    st.dictionaries(
        st.sampled_from(["tokens", "patterns", "exceptions", "requires", "ignorecase", "x"]), json_values
    )
)
def test_rule_files_with_fuzzed_option_values(tmp_path: Path, options: dict[str, object]) -> None:
    body = "\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in options.items()) or "  {}"
    _load_rule(
        tmp_path / "rules", VALID_RULE.split("options:\n")[0] + "options:\n" + body + "\nexamples: {}\n"
    )


VALID_CONFIG = """\
select: [typo, date]
ignore: [style]
fail-on: warning
exclude: ["drafts/*"]
rules:
  spelling:
    severity: error
    options:
      accept: [Qwghlm]
per-file-ignores:
  "wire/*": [typo]
"""


def _load_config(folder: Path, text: str) -> None:
    path = folder / ".newslint.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        resolve_rules(load_settings(path, folder))
    except NewslintError as exc:
        assert exc.path is None or exc.path.endswith(".newslint.yaml") or "spelling" in str(exc), str(exc)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURE_OK)
@given(mutated(VALID_CONFIG))
def test_fuzzed_configs_load_or_fail_cleanly(tmp_path: Path, text: str) -> None:
    _load_config(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=FIXTURE_OK)
@given(mutated(VALID_CONFIG))
def test_fuzzed_configs_1500_examples(tmp_path: Path, text: str) -> None:
    _load_config(tmp_path, text)


# --- caches and output (issue 27, items 2, 5, 10): whatever bytes a cache file holds, reading
# it gives the stored data or nothing; whatever surrogates a finding holds, every format writes ---

cache_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.binary(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4).map(tuple) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    cache_data,
    st.booleans(),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255)), min_size=1, max_size=4),
)
def test_damaged_cache_files_read_as_nothing_or_the_data(
    tmp_path: Path, data: object, keyed: bool, flips: list[tuple[int, int]]
) -> None:
    from newslint.core.cache import MISSING, read_cached, write_cached

    path = tmp_path / "fuzz.marshal"
    assert write_cached(path, data, keyed=keyed)
    damaged = bytearray(path.read_bytes())
    for where, mask in flips:
        damaged[where % len(damaged)] ^= mask
    path.write_bytes(bytes(damaged))
    got = read_cached(path, keyed=keyed)
    assert got is MISSING or got == data


surrogate_text = st.lists(
    st.one_of(
        st.text(max_size=8), st.sampled_from(["\ud800", "\udcff", "\udc80", "\udfff", "\\xff", "\x1b"])
    ),
    max_size=6,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(surrogate_text, surrogate_text, surrogate_text)
def test_every_format_writes_findings_holding_lone_surrogates(path: str, record: str, message: str) -> None:
    from newslint.core.findings import FileError, Finding, Fix, Related
    from newslint.reporters import FORMATS

    finding = Finding(
        path or "p", 1, 1, 1, 2, "rule", "style", "warning", message or "m", (message,),
        (Related(1, message, path),), Fix(0, 1, message), message, "", None, record or None,
    )  # fmt: skip
    error = FileError(path or "p", message or "m", record or None)
    report = Report([finding], [error], files=1, extra={"paths": [path or "p"]})
    for name in FORMATS:
        out = get_reporter(name)(report)
        out.encode("utf-8")  # strict: no lone surrogate left
        if name in ("json", "sarif"):
            json.loads(out)
        elif name == "jsonl":
            [json.loads(line) for line in out.split("\n") if line]  # JSON Lines: only \n ends one
