"""The word lists of the analyses, read from a TOML file (data as data).

The packaged lists live in ``narrative/data/words.toml``: speech verbs and
speaker nouns (:mod:`narrative.quotes`) and boilerplate words that are never an
outlet's distinctive vocabulary (:mod:`narrative.wording`). A researcher who
wants other lists edits that file; nothing in the code names a word.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.resources import files

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=1)
def words() -> dict[str, dict[str, frozenset[str]]]:
    """The packaged word lists, by section and name.

    Returns:
        ``{"speech": {"verbs": ..., "object_verbs": ...}, "speakers": {...},
        "terms": {"boilerplate": ...}, "stages": {...}}``, each list a frozenset of lower-case
        words or phrases.
    """
    data = tomllib.loads((files("narrative") / "data" / "words.toml").read_text("utf-8"))
    return {
        section: {name: frozenset(w.lower() for w in values) for name, values in lists.items()}
        for section, lists in data.items()
    }
