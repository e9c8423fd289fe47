"""newslint: a data-quality linter for newswire text."""

__version__ = "0.1.0"
