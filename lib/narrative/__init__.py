"""narrative: how different news outlets tell the same story.

The package follows the data's journey, one module per stage:
``corpus`` -> ``cleaning`` -> ``passages`` -> ``embeddings`` -> ``alignment``
-> ``units`` -> ``figures`` -> ``exports`` -> ``report``.
"""

from __future__ import annotations

__version__ = "0.1.0"
