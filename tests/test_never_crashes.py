"""Property test: linting never raises, whatever the text, and findings stay inside the file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared import news_like as news_like_texts

from newslint.config.config import Settings
from newslint.core.document import Document
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import resolve_rules

LINTER = DocumentLinter(resolve_rules(Settings()))

news_like = news_like_texts()


def lint_never_raises_and_positions_are_valid(text: str) -> None:
    doc = Document("prop.txt", text)
    line_count = len(doc.lines)
    for finding in LINTER.lint(doc):
        assert 1 <= finding.line <= finding.end_line <= line_count
        assert finding.column >= 1 and finding.end_column >= 1
        assert finding.message


# A quick sample in the quick loop, two thousand news-like texts in CI (``slow``).
test_lint_never_raises_and_positions_are_valid = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)(given(news_like)(lint_never_raises_and_positions_are_valid))
test_lint_never_raises_many_texts = pytest.mark.slow(
    settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])(
        given(news_like)(lint_never_raises_and_positions_are_valid)
    )
)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_reading_any_bytes_never_raises(data: bytes) -> None:
    from newslint.sources.files import read_document

    result = read_document("any.txt", data)
    if isinstance(result, Document):
        LINTER.lint(result)
