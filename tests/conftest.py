"""Make the fixture parser importable from tests; give the suite its own cache folder.

The lexicon and rule caches (:func:`newslint.core.cache.cache_dir`) go to a folder of this test
session, never the user's home: every session starts cold and takes the same paths, and a
stale or foreign cache cannot change what the tests see.  The variable is set in the
environment, so subprocess smoke tests use the same folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session", autouse=True)
def hermetic_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``NEWSLINT_CACHE_DIR`` pointed at a fresh folder for the whole session."""
    folder = tmp_path_factory.mktemp("newslint-cache")
    before = os.environ.get("NEWSLINT_CACHE_DIR")
    os.environ["NEWSLINT_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("NEWSLINT_CACHE_DIR", None)
    else:
        os.environ["NEWSLINT_CACHE_DIR"] = before
