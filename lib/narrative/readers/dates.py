"""Publication dates as the readers accept them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

One check for every reader: a manifest's ``published`` must be written so
(:func:`valid_date`); a row's ``date`` may also be an ISO date-time or match a
``strptime`` format the user gives (:func:`normalise_date`).
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


def _exists(value: str) -> bool:
    """Whether a ``YYYY[-MM[-DD]]`` string names a real month and day."""
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def valid_date(value: str) -> bool:
    """Whether a date is written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and exists.

    Args:
        value: The date as given.

    Returns:
        The verdict (``2017-02-30`` and ``2017-7-4`` are not valid).
    """
    return bool(_DATE.match(value)) and _exists(value)


def normalise_date(value: str, *, date_format: str | None = None) -> str | None:
    """Bring a date to ``YYYY[-MM[-DD]]``.

    Args:
        value: The date as given; empty for none.
        date_format: A ``strptime`` format for dates in another form, e.g.
            ``"%m/%d/%Y"``; without it only ISO dates and date-times are read.

    Returns:
        The date, ``""`` when ``value`` is empty, ``None`` when it cannot be read.
    """
    value = value.strip()
    if not value:
        return ""
    match = _ISO_DATETIME.match(value)
    if match:
        value = match.group(1)
    if _DATE.match(value):
        return value if _exists(value) else None
    if date_format:
        try:
            return dt.datetime.strptime(value, date_format).date().isoformat()
        except ValueError:
            return None
    return None
