"""Reading JSON data files that may have been tampered with, without a traceback.

``json`` recurses once per nesting level (a 20,000-deep file raises RecursionError) and
refuses integers of over 4,300 digits with a ValueError; :func:`loads_bounded` turns both, and
any syntax error, into :class:`BadJSON` with a message.  Callers then check the shape.
"""

from __future__ import annotations

import json
from typing import Any


class BadJSON(ValueError):
    """The text is not acceptable JSON; the message says why."""


def loads_bounded(text: str | bytes) -> Any:
    """``json.loads(text)``, or :class:`BadJSON` for deep nesting, huge numbers or bad syntax."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadJSON(f"not JSON: {exc}") from None
    except RecursionError:
        raise BadJSON("JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise BadJSON(f"not acceptable JSON: {str(exc).split(';')[0]}") from None
