"""Errors that end a run with exit status 2 and a ``file:line: message`` on stderr."""

from __future__ import annotations


class NewslintError(Exception):
    """A usage, configuration or rule-file problem, located where possible."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class RuleError(NewslintError):
    """A rule file is invalid."""


class ConfigError(NewslintError):
    """A configuration file or option is invalid."""
