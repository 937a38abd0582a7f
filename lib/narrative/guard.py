"""One guard for rules that read every passage's parse: a failure costs one item, not a page.

The speaker, figure and naming rules read parses they cannot all foresee; a rule an
unforeseen parse breaks (a bug) costs the passage, event, swap or concept it was reading,
with a one-line warning in the report, not the report (an attribution rule once stopped a
462-article report). Without a list for the warnings the error is raised, so that tests
see the bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


def or_warn(
    problems: list[str] | None,
    compute: Callable[[], _T],
    empty: _T,
    what: str,
    cost: str,
    *,
    rules: str,
) -> _T:
    """``compute()``, or ``empty`` and a one-line warning in ``problems`` if it fails.

    Args:
        problems: Where the warning goes; ``None``: raise.
        compute: What to compute.
        empty: What to return instead.
        what: What was not computed, naming the article and passage (or concept, event).
        cost: What the page then shows for it.
        rules: Which rules broke, as the warning names them ("naming rules").

    Returns:
        ``compute()``, or ``empty`` when it raised.
    """
    if problems is None:
        return compute()
    try:
        return compute()
    except Exception as error:  # a rule broken by an unforeseen parse: skip, say so
        problems.append(f"{what} ({type(error).__name__} in the {rules}; please report it): {cost}")
        return empty
