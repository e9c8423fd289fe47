"""Option schemas that kinds declare, and strict validation of rule/config values against them.

A kind's ``options`` maps each option name to an :class:`Option`.  Validation
rejects unknown names and wrong types; the caller adds the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class OptionError(ValueError):
    """An option value does not fit its schema; ``key`` names the offending option."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def named_settings(
    options: Mapping[str, Any], key: str, allowed: frozenset[str] | set[str], noun: str
) -> Mapping[str, Mapping[str, Any]]:
    """Option ``key`` as a map of names to settings whose keys are all ``allowed`` (presets,
    house styles); ``noun`` names one entry in the error ("preset", "house style")."""
    named = options[key]
    if not isinstance(named, Mapping):
        raise OptionError(key, f"option {key!r} must map {noun.split()[-1]} names to settings")
    for name, entry in named.items():
        if not isinstance(entry, Mapping) or set(entry) - allowed:
            raise OptionError(key, f"{noun} {name!r} may only have {', '.join(sorted(allowed))}")
    return named


# Types an option may have.  "regex" is a string compiled by the kind (errors reported by it).
# "list[path]" is a list of file names; from a config file they are taken relative to its folder.
TYPES = (
    "str",
    "int",
    "float",
    "bool",
    "regex",
    "list[str]",
    "list[path]",
    "dict[str,str]",
    "dict[str,list[str]]",
    "any",
)


@dataclass(frozen=True)
class Option:
    type: str
    default: Any
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown option type {self.type!r}")


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_type(option: Option, value: Any) -> str | None:
    t = option.type
    if t in ("str", "regex"):
        ok = isinstance(value, str)
    elif t == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif t == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t == "bool":
        ok = isinstance(value, bool)
    elif t in ("list[str]", "list[path]"):
        ok = _is_str_list(value)
    elif t == "dict[str,str]":
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    elif t == "dict[str,list[str]]":
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and _is_str_list(v) for k, v in value.items()
        )
    else:
        ok = True
    return None if ok else f"must be of type {t}, not {type(value).__name__}"


def validate_options(schema: Mapping[str, Option], values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the options with defaults filled in; raise OptionError on the first problem."""
    for key, value in values.items():
        if not isinstance(key, str):
            raise OptionError(str(key), f"option name {key!r} must be a string")
        if key not in schema:
            known = ", ".join(sorted(schema)) or "none"
            raise OptionError(key, f"unknown option {key!r} (known: {known})")
        option = schema[key]
        problem = _check_type(option, value)
        if problem:
            raise OptionError(key, f"option {key!r} {problem}")
        if option.choices and value not in option.choices:
            raise OptionError(
                key, f"option {key!r} must be one of {', '.join(option.choices)}, not {value!r}"
            )
        if option.minimum is not None and value < option.minimum:
            raise OptionError(key, f"option {key!r} must be >= {option.minimum}")
        if option.maximum is not None and value > option.maximum:
            raise OptionError(key, f"option {key!r} must be <= {option.maximum}")
    resolved = {key: option.default for key, option in schema.items()}
    resolved.update(_plain(values))
    return resolved


def _plain(value: Any) -> Any:
    """ruamel's commented maps and sequences as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
