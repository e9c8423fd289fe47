"""One defect, one finding, one direction: the locale and the house date style decide (issue 15)."""

from __future__ import annotations

from pathlib import Path

from helpers import run_newslint

MIXED = (
    "Paint row\n\nThe color of the new center was chosen by the organization.\n\n"
    "Critics said the colour was wrong.\n"
)
DATES = (
    "Talks\n\nTalks began on March 3 and resumed on March 9.\n\nThey end on 20 March after 5th March talks.\n"
)


def findings(folder: Path, config: str, text: str) -> list[str]:
    (folder / ".newslint.yaml").write_text(config)
    (folder / "a.txt").write_text(text)
    done = run_newslint("check", "--quiet", "--no-progress", "a.txt", cwd=folder)
    return [line for line in done.stdout.splitlines() if line.startswith("a.txt:")]


def test_under_en_us_a_british_word_is_reported_once_towards_american(tmp_path: Path) -> None:
    lines = findings(tmp_path, "locale: en-US\n", MIXED)
    on_colour = [line for line in lines if "'colour'" in line]
    assert len(on_colour) == 1 and "[spelling-variant-mix]" in on_colour[0]
    assert "suggestion: 'color'" in on_colour[0] and "en-US" in on_colour[0]
    assert not any("'color'" in line.split("suggestion")[0] for line in lines)  # never pulled to colour


def test_under_en_gb_the_american_majority_is_what_is_flagged(tmp_path: Path) -> None:
    lines = findings(tmp_path, "locale: en-GB\n", MIXED)
    flagged = {line.split("'")[1] for line in lines}
    assert {"color", "center"} <= flagged and "colour" not in flagged
    assert all(line.count("[") == 1 for line in lines)
    assert len(lines) == len({line.split(":")[1] + line.split(":")[2] for line in lines})  # one per place


def test_without_a_locale_the_article_majority_decides(tmp_path: Path) -> None:
    lines = findings(tmp_path, "fail-on: error\n", MIXED)
    assert len(lines) == 1 and "'colour'" in lines[0] and "otherwise uses American" in lines[0]


def test_a_house_date_style_reports_each_date_once_in_its_direction(tmp_path: Path) -> None:
    lines = findings(tmp_path, "date-style: uk\n", DATES)
    assert sorted(line.split(" ", 1)[0] for line in lines) == ["a.txt:3:16:", "a.txt:3:39:", "a.txt:5:28:"]
    assert all("[date-style]" in line for line in lines)
    plain = findings(tmp_path, "fail-on: error\n", DATES)
    assert [line for line in plain if "[date-format-mix]" in line]


def test_date_format_mix_quotes_the_articles_own_date(tmp_path: Path) -> None:
    text = "Talks\n\nTalks began on 3 March.\n\nThey resumed on 9 March.\n\nA deal is due by March 20.\n"
    [line] = findings(tmp_path, "fail-on: error\n", text)
    assert (
        "'March 20' is written month-day, but this article writes its dates day-month, as in '3 March'"
        in line
    )
    assert "September" not in line
