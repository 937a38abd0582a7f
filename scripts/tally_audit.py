"""Count one hand audit round's verdicts: per claim type, what pages stated and the candidates.

Each verdict file is ``data/audit/<round>/<set>/<claim type>.csv`` with at least the columns
``status`` (``asserted``, ``surer`` or ``candidate``) and ``verdict`` (``right``, ``wrong``,
``unclear``, ``misleading``), as ``data/audit/README.md`` describes. The README's tables of
rounds 4 and 5 come from this count.

Usage::

    .venv/bin/python scripts/tally_audit.py data/audit/round5 [--by-set]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

#: The claim types in the order the README's tables list them.
ORDER = (
    "front-page",
    "story-units",
    "outlet-only",
    "leaves-out",
    "prominence",
    "word-swaps",
    "naming-contrasts",
    "attributions",
    "figures",
)


def _kind(status: str) -> str:
    status = status.strip().lower()
    # `surer` is the naming exports' name, since session 17, for the kind their rounds had
    # read as `asserted` (none of it stated): counted with it, the rounds stay comparable
    if status.startswith("assert") or status == "surer":
        return "asserted"
    return "candidate" if status.startswith("cand") else status or "?"


def tally(folder: Path) -> dict[str, dict[str, Counter]]:
    """``{claim type: {set: Counter((asserted|candidate, verdict))}}`` for one round's folder."""
    found: dict[str, dict[str, Counter]] = {}
    for path in sorted(folder.glob("*/*.csv")):
        counts: Counter = Counter()
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                verdict = (row.get("verdict") or "").strip().lower()
                counts[(_kind(row.get("status") or ""), verdict)] += 1
        found.setdefault(path.stem, {})[path.parent.name] = counts
    return found


def line(counts: Counter, kind: str) -> str:
    """``made / right / wrong / unclear`` of one kind, misleading ones added when any."""
    made = sum(n for (k, _), n in counts.items() if k == kind)
    text = " / ".join(str(counts[(kind, v)]) for v in ("right", "wrong", "unclear"))
    misleading = counts[(kind, "misleading")]
    return f"{made} / {text}" + (f" / misleading {misleading}" if misleading else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="one round's folder, e.g. data/audit/round5")
    parser.add_argument("--by-set", action="store_true", help="one line per set as well")
    args = parser.parse_args()
    found = tally(args.folder)
    head = "made / right / wrong / unclear"
    print(f"| claim | stated: {head} | candidates: {head.replace('made', 'read')} |")
    print("|---|---|---|")
    for claim in [c for c in ORDER if c in found] + sorted(set(found) - set(ORDER)):
        total: Counter = sum(found[claim].values(), Counter())
        print(f"| {claim} | {line(total, 'asserted')} | {line(total, 'candidate')} |")
    if args.by_set:
        for claim, sets in found.items():
            for name, counts in sets.items():
                print(f"{claim} {name}: {line(counts, 'asserted')}; {line(counts, 'candidate')}")


if __name__ == "__main__":
    main()
