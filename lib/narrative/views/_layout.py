"""How views fit a notebook output or a report page of ordinary width.

A view's table goes into :func:`scroll_box`: long text wraps inside its cell,
a table still wider than the page scrolls sideways inside its own box, and a
tall one scrolls inside a box no taller than the window with its header row
kept in view. A list cut short ends in :func:`more`, a disclosure that opens
on the rest.
"""

from __future__ import annotations

#: Class of the box around a view's table (styled by :data:`_STYLE`).
SCROLL_CLASS = "narrative-scroll"
# One rule set, repeated with each box so that any output or page that shows one has it.
# Text wraps at spaces, a word longer than its column breaks (a table wider than the page scrolls);
# columns take the width their content needs (JupyterLab's own style makes them all equal).
_STYLE = (
    f"<style>.{SCROLL_CLASS}{{max-width:100%;max-height:80vh;overflow:auto}}"
    f".{SCROLL_CLASS} table{{table-layout:auto}}"
    f".{SCROLL_CLASS} td,.{SCROLL_CLASS} th{{overflow-wrap:break-word}}"
    f".{SCROLL_CLASS} thead th{{position:sticky;top:0;z-index:1;background:#fff}}</style>"
)


def scroll_box(table_html: str) -> str:
    """A view's table inside a box that scrolls in both directions, its header kept.

    Args:
        table_html: The table (with a ``<thead>`` for the header to stay in view).

    Returns:
        HTML.
    """
    return f'{_STYLE}<div class="{SCROLL_CLASS}">{table_html}</div>'


def more(rest_html: str, count: int, *, noun: str = "more") -> str:
    """``… and N more`` that opens on the rest; nothing when ``count`` is 0.

    Args:
        rest_html: The items not shown at first (already escaped HTML).
        count: How many they are.
        noun: What they are, after the count.

    Returns:
        HTML: a ``<details>`` element.
    """
    if count <= 0:
        return ""
    return (
        f'<details><summary style="color:#666;cursor:pointer">\u2026 and {count} {noun}'
        f"</summary>{rest_html}</details>"
    )
