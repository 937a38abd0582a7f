"""Charts shared by the notebooks: layout on corpora far larger than the default one."""

from __future__ import annotations

import itertools
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from narrative.figures import MAX_OUTLETS_SHOWN, relation_bars

matplotlib.use("Agg")


@pytest.mark.slow
def test_many_long_outlet_names_leave_no_layout_warning():
    # 22 outlets with 40-character names: the outlet-pair labels cannot fit beside an
    # 8-inch chart, and tight_layout used to warn, with its file path, into page 01.
    names = [f"Outlet {i} " + "x" * 40 for i in range(22)]
    table = pd.DataFrame(
        [
            {"outlet_a": a, "outlet_b": b, "relation": "paraphrase"}
            for a, b in itertools.combinations(names, 2)
        ]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = relation_bars(table)
        figure.canvas.draw()
    assert [str(w.message) for w in caught] == []
    # The 40 pairs with most aligned passages are drawn; the title says so.
    assert len(figure.axes[0].get_yticklabels()) == 2 * MAX_OUTLETS_SHOWN
    assert f"{2 * MAX_OUTLETS_SHOWN} of 231 outlet pairs" in figure.axes[0].get_title()
    plt.close("all")
