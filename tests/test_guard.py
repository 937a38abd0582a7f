from __future__ import annotations

import pytest
from narrative.guard import or_warn


def broken() -> list[int]:
    raise IndexError("no such token")


def test_a_broken_rule_costs_its_item_with_one_line():
    problems: list[str] = []
    assert (
        or_warn(problems, broken, [], "x of d passage 3 was not read", "none", rules="z rules")
        == []
    )
    assert problems == [
        "x of d passage 3 was not read (IndexError in the z rules; please report it): none"
    ]
    assert or_warn(problems, lambda: [1], [], "w", "c", rules="z rules") == [1]
    assert len(problems) == 1


def test_without_a_list_the_error_is_raised():
    with pytest.raises(IndexError):
        or_warn(None, broken, [], "w", "c", rules="z rules")
