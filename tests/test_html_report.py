"""``newslint report``: a self-contained HTML page, checked as data and in a real headless browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import run_newslint

from newslint.app.html_report import build_data, render
from newslint.config.config import Settings
from newslint.engine.engine import DocumentLinter
from newslint.engine.ruleset import all_rules
from newslint.sources.files import read_document

SELECT = ("--select", "repeated-word,could-of")
CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def make_desk(folder: Path, files: int = 12) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        lines = [f"Story {i:02d} headline", ""]
        for j in range(i % 4):
            lines.append(f"Paragraph {j}: the the council met and they could of agreed on item {i}.")
            lines.append("")
        if i == 5:
            lines.append("A zebra crossing was was closed <script>alert(1)</script> today.")
        (folder / f"story-{i:02d}.txt").write_text("\n".join(lines) + "\n")


def test_page_is_self_contained_and_escapes_the_copy(tmp_path: Path) -> None:
    make_desk(tmp_path / "desk")
    rules = [r for r in all_rules(Settings()) if r.id in ("repeated-word", "could-of")]
    linter = DocumentLinter(rules)
    paths = sorted(str(p) for p in (tmp_path / "desk").iterdir())
    findings = [f for p in paths for f in linter.lint(read_document(p))]  # type: ignore[arg-type]
    data = build_data(findings, [], paths, rules)
    assert len(data["findings"]) == len(findings) > 20
    page = render(data)
    assert "<script>alert(1)</script>" not in page  # the copy's markup stays inert data
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    blob = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert blob is not None
    assert json.loads(blob.group(1))["findings"] == json.loads(json.dumps(data["findings"]))
    zebra = next(row for row in data["findings"] if "zebra" in data["contexts"][row[8]])
    context = data["contexts"][zebra[8]]
    assert context[zebra[9] : zebra[10]] in ("was", "could of")


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(
            f"no Chromium at {CHROMIUM} or on PATH: install it (Debian/Ubuntu: sudo apt-get install"
            " chromium, as .ci/run does; or set NEWSLINT_CHROMIUM=/path/to/chromium)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: python -m pip install '.[test]'"
    )
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield launched
        launched.close()


def open_page(browser: Any, report: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    problems: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    return page, problems, requests


def wait_until(check: Any, timeout: float = 10.0) -> None:
    """Poll from Python (the page's Content-Security-Policy forbids the eval wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting for the page"
        time.sleep(0.05)


def shown_places(page: Any) -> list[str]:
    return page.eval_on_selector_all("#findings li.finding .where b", "els => els.map(e => e.textContent)")  # type: ignore[no-any-return]


@pytest.mark.slow
def test_report_in_a_browser_lists_sorts_and_filters(browser: Any, tmp_path: Path) -> None:
    make_desk(tmp_path / "desk", files=30)
    made = run_newslint("report", *SELECT, "desk", "-o", "report.html", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    checked = run_newslint("check", "--format", "json", *SELECT, "desk", cwd=tmp_path)
    expected = json.loads(checked.stdout)["findings"]
    places = {f"{f['path']}:{f['line']}:{f['column']}" for f in expected}
    page, problems, requests = open_page(browser, tmp_path / "report.html")

    assert page.text_content("#overview").startswith(f"{len(expected)} findings in 30 files")
    page.select_option("#page-size", "0")
    assert sorted(shown_places(page)) == sorted(places)  # every finding is listed, once
    page.select_option("#page-size", "50")
    assert len(shown_places(page)) == 50 and page.is_enabled("#next")
    page.click("#next")
    assert len(shown_places(page)) == len(expected) - 50

    # sorting the files table
    def file_column() -> list[str]:
        return page.eval_on_selector_all("#files tbody tr", "rows => rows.map(r => r.dataset.file)")  # type: ignore[no-any-return]

    def count_column() -> list[int]:
        cells = page.eval_on_selector_all("#files tbody tr td:nth-child(2)", "c => c.map(e => e.textContent)")
        return [int(x) for x in cells]

    assert count_column() == sorted(count_column(), reverse=True)
    page.click("#files th[data-key=path]")
    assert file_column() == sorted(file_column())
    page.click("#files th[data-key=path]")
    assert file_column() == sorted(file_column(), reverse=True)
    page.click("#files th[data-key=total]")
    assert count_column() == sorted(count_column(), reverse=True)

    # filtering by rule, text, file and category
    page.select_option("#page-size", "0")
    page.select_option("#f-rule", "could-of")
    assert len(shown_places(page)) == sum(f["rule"] == "could-of" for f in expected)
    page.click("#reset")
    page.fill("#f-text", "zebra")
    wait_until(lambda: len(shown_places(page)) == 1)
    assert page.text_content("#findings mark") == "was"
    page.click("#reset")
    page.click("#files td.path >> text=desk/story-03.txt")
    assert {p.rsplit(":", 2)[0] for p in shown_places(page)} == {"desk/story-03.txt"}
    page.click("#reset")
    page.select_option("#f-category", "style")
    assert len(shown_places(page)) == len(expected)

    page.click("#reset")
    page.select_option("#page-size", "100")
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    if os.environ.get("NEWSLINT_SCREENSHOT"):
        shutil.copy(shot, os.environ["NEWSLINT_SCREENSHOT"])
    assert shot.stat().st_size > 10_000
    assert problems == []
    assert all(url.startswith("file:") for url in requests), requests


@pytest.mark.slow
def test_report_stays_usable_with_ten_thousand_findings(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(100):
        body = "\n\n".join(f"Line {j} of story {i}: the the vote was held." for j in range(100))
        (folder / f"s{i:03d}.txt").write_text(f"Story {i}\n\n{body}\n")
    rules = [r for r in all_rules(Settings()) if r.id == "repeated-word"]
    linter = DocumentLinter(rules)
    paths = sorted(str(p) for p in folder.iterdir())
    findings = [f for p in paths for f in linter.lint(read_document(p))]  # type: ignore[arg-type]
    assert len(findings) == 10_000
    report = tmp_path / "big.html"
    report.write_text(render(build_data(findings, [], paths, rules)), encoding="utf-8")
    started = time.perf_counter()
    page, problems, _ = open_page(browser, report)
    assert page.text_content("#status").startswith("Showing 1–100 of 10000 findings")
    page.fill("#f-text", "story 42:")
    wait_until(lambda: page.get_attribute("#status", "data-matching") == "100")
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"loading and filtering 10,000 findings took {elapsed:.1f}s"
    page.click("#reset")
    page.select_option("#page-size", "0")
    assert page.eval_on_selector_all("#findings li.finding", "els => els.length") == 10_000
    assert problems == []
