"""Parse rule fixture files (pycodestyle style) into cases with expected findings.

A fixture file ``tests/fixtures/<name>.txt``::

    #! rules: date-mixed-format, date-impossible
    #! options: date-style {"style": "ap"}
    #: date-mixed-format:3
    Markets fell on 1 March.

    Trading resumed on March 4th.
    #: Okay
    Markets fell on 1 March and rose on 4 March.

``#! rules:`` names the rules under test (run alone); ``#! options: RULE JSON``
overrides a rule's options for the whole file.  Each ``#:`` line starts a case
and lists the expected ``rule:line`` findings (``Okay`` for none); lines are
counted from the first line of the case's text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Case:
    file: str
    number: int
    header_line: int
    expected: set[tuple[str, int]]
    text: str

    @property
    def id(self) -> str:
        return f"{self.file}#{self.number}@{self.header_line}"


@dataclass
class Fixture:
    name: str
    rules: list[str]
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)


def parse_fixture(path: Path) -> Fixture:
    fixture = Fixture(path.stem, [])
    current: list[str] | None = None
    header: tuple[int, set[tuple[str, int]]] | None = None

    def flush() -> None:
        if header is not None and current is not None:
            fixture.cases.append(
                Case(path.name, len(fixture.cases) + 1, header[0], header[1], "".join(current))
            )

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), 1):
        if line.startswith("#! rules:"):
            fixture.rules = [r.strip() for r in line[len("#! rules:") :].split(",") if r.strip()]
        elif line.startswith("#! options:"):
            rule, _, data = line[len("#! options:") :].strip().partition(" ")
            fixture.options[rule] = json.loads(data)
        elif line.startswith("#:"):
            flush()
            expected: set[tuple[str, int]] = set()
            for item in line[2:].split():
                if item != "Okay":
                    rule, _, at = item.rpartition(":")
                    expected.add((rule, int(at)))
            header, current = (number, expected), []
        elif current is not None:
            current.append(line)
    flush()
    return fixture


def all_fixtures() -> list[Fixture]:
    return [parse_fixture(p) for p in sorted(FIXTURES.glob("*.txt"))]
