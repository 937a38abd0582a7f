"""How well does a larger model separate right from wrong withheld absence claims?

The absence claims (page 02: ``outlet-only`` in ``outlet_only.csv``, ``leaves out`` in
``omissions.csv``) are stated only where no plausible counterpart exists; the rows
withheld for a possible counterpart (``status`` ``possible counterpart``) are right, read as
if claimed, only about a third of the time. This script asks whether one more piece of
evidence, the highest cosine between the claim's passage(s) and any passage of the other
outlet(s) it is about, separates the right ones from the wrong ones, for the suite's
model (MiniLM) and for another (``--model``, e.g. all-mpnet-base-v2 from
``scripts/fetch_mpnet.py``). The lower the cosine, the likelier the absence.

Evidence per withheld row and model:

* ``sentence``: highest cosine between a passage of the claim and a passage of the other
  side (outlet-only: any other outlet of the event; leaves out: the outlet said to leave
  the fact out). Headlines are compared only with headlines.
* ``clause``: the same over clauses (:func:`narrative.clauses.clauses`, each passage's own
  text included), :func:`narrative.alignment.clause_similarity`.

Rows and their labels:

* the labelled sets (every ``<set>.csv`` of ``data/gold`` and ``data/gold/second``, corpus
  as in ``scripts/benchmark_claims.py``): the suite is run at its defaults (MiniLM) and each
  withheld row is checked against the labels as if it were claimed
  (:func:`narrative.evaluate.check_outlet_only`, :func:`narrative.evaluate.check_omissions`);
* the audits of rounds 3-9 (``data/audit/roundN/<set>/outlet-only.csv`` and
  ``leaves-out.csv``, verdict ``right`` or ``wrong``; ``unclear`` rows are left out): each
  row is matched to the report the readers read (``--reports``, a folder pattern with
  ``{round}``, holding ``<set>/data/*.csv``); only rows whose report status is ``possible
  counterpart`` are scored. The passages come from the report's ``passages.csv``, the
  facts asked about from its ``facts.csv`` and (corroborated facts) its ``alignments.csv``.

Printed per source (first labelling, second labelling, audits), claim type and evidence
(each model's, and the larger and the sum of the two models' sentence cosines): rows, right
rows, AUC (the chance that a right row has the lower cosine), the best precision at a recall
of at least 0.1 and of at least 0.5 (asserting the rows at or below a cosine threshold) and
the highest recall at a precision of at least 0.9. Thresholds are chosen on the rows
themselves, so these are upper bounds of what a threshold could do.

Usage::

    .venv/bin/python scripts/fetch_mpnet.py
    nice .venv/bin/python scripts/absence_separation.py --model models/all-mpnet-base-v2 \\
        [--reports '/work/r{round}/reports'] [--rounds 3-9] [--no-gold] [--rows FILE.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from narrative import config, coverage, pipeline
from narrative.alignment import clause_similarity
from narrative.clauses import clauses
from narrative.embeddings import DEFAULT_MODEL, embed
from narrative.evaluate import (
    GoldFacts,
    check_omissions,
    check_outlet_only,
    locate,
    read_gold,
)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from benchmark_claims import labelled_sets  # noqa: E402

WITHHELD = "possible counterpart"
CLAIMS = ("outlet-only", "leaves out")


# --- the rows: (claim, set, source, right, own passages, other passages) -------------


def _key(doc: str, passage: object) -> tuple[str, int]:
    return (str(doc), int(passage))


def _sides(
    passages: pd.DataFrame,
    event_of: dict[str, str],
    own: list[tuple[str, int]],
    *,
    outlet: str | None = None,
    exclude_outlet: str | None = None,
) -> list[tuple[str, int]]:
    """The passages a claim about ``own`` is compared with: same event, same kind of line.

    Outlet-only (``exclude_outlet``): every passage of another outlet; leaves out
    (``outlet``): every passage of that outlet. Headlines meet headlines only.
    """
    kind = dict(zip(passage_keys(passages), passages["kind"], strict=True))
    events = {event_of.get(d, "") for d, _ in own}
    headline = all(kind.get(k) == "headline" for k in own)
    rows = passages[passages["doc_id"].map(lambda d: event_of.get(d, "") in events)]
    if outlet is not None:
        rows = rows[rows["outlet"] == outlet]
    if exclude_outlet is not None:
        rows = rows[rows["outlet"] != exclude_outlet]
    rows = rows[(rows["kind"] == "headline") == headline]
    return passage_keys(rows)


def passage_keys(passages: pd.DataFrame) -> list[tuple[str, int]]:
    """``(doc_id, passage_id)`` of every row."""
    return [_key(d, p) for d, p in zip(passages["doc_id"], passages["passage_id"], strict=True)]


def gold_rows(gold_dir: Path, source: str) -> list[dict]:
    """Withheld rows of every labelled set, each checked against the labels as if claimed."""
    rows = []
    for labelled in labelled_sets(gold_dir):
        if labelled.gold is None or not labelled.corpus.exists():
            continue
        result = pipeline.run(labelled.corpus)
        passages = result.passages
        text_of = dict(zip(passage_keys(passages), passages["text"].astype(str), strict=True))
        gold = read_gold(labelled.gold)
        located, _ = locate(gold, result.cleaned, passages)
        facts = GoldFacts(located, passages)
        found = coverage.analyse(result)
        exclusive = found.exclusives[found.exclusives["status"] == WITHHELD]
        for fact_id, group in exclusive.groupby("fact_id", sort=False):
            check = check_outlet_only(group, facts, passages)
            if not check.right:
                continue
            own = passage_keys(group)
            rows.append(
                {
                    "source": source,
                    "set": labelled.name,
                    "claim": "outlet-only",
                    "id": fact_id,
                    "right": check.right[0],
                    "own": [text_of[k] for k in own],
                    "other": [
                        text_of[k]
                        for k in _sides(
                            passages,
                            result.event_of,
                            own,
                            exclude_outlet=group["outlet"].iloc[0],
                        )
                    ],
                }
            )
        asked = found.asked
        members = {f: passage_keys(g) for f, g in asked.groupby("fact_id", sort=False)}
        published = {d.doc_id: d.published for d in result.corpus.documents}
        omitted = found.omissions[found.omissions["status"] == WITHHELD]
        for row in omitted.itertuples(index=False):
            check = check_omissions(
                pd.DataFrame([row._asdict()]), asked, facts, result.event_of, published=published
            )
            if not check.right:
                continue
            own = members[row.fact_id]
            rows.append(
                {
                    "source": source,
                    "set": labelled.name,
                    "claim": "leaves out",
                    "id": f"{row.outlet} / {row.fact_id}",
                    "right": check.right[0],
                    "own": [text_of[k] for k in own],
                    "other": [
                        text_of[k]
                        for k in _sides(passages, result.event_of, own, outlet=row.outlet)
                    ],
                }
            )
    return rows


_FACT = re.compile(r"(U\d{3,}|C-\S+?-\d+)(?=[\s,)/]|$)")
_SHORT = re.compile(r"^(\d+_\d+)#(\d+)$")


def _outlet_only_match(claim: str, table: pd.DataFrame) -> str | None:
    """The ``fact_id`` of an audited outlet-only row (``S-nyt-6 (NYT#6)``, ``9_13#10``)."""
    token = claim.strip().split(" ")[0]
    if token.startswith("S-") and token in set(table["fact_id"]):
        return token
    short = _SHORT.match(token)
    if short:
        prefix, number = short.groups()
        hits = table[
            table["doc_id"].astype(str).str.match(re.escape(prefix) + r"(?!\d)")
            & (table["passage_id"].astype(int) == int(number))
        ]
        if len(hits["fact_id"].unique()) == 1:
            return str(hits["fact_id"].iloc[0])
    return None


def audit_rows(reports: str, rounds: list[int]) -> tuple[list[dict], list[str]]:
    """Withheld rows of the audits, with the readers' verdicts, matched to their reports."""
    rows, missed = [], []
    for number in rounds:
        folder = REPO / "data" / "audit" / f"round{number}"
        for audited in sorted(p for p in folder.iterdir() if p.is_dir()):
            data = Path(reports.format(round=number)) / audited.name / "data"
            if not (data / "passages.csv").exists():
                missed.append(f"round {number} {audited.name}: no report at {data}")
                continue
            source = f"audit round {number}"
            passages = pd.read_csv(data / "passages.csv", dtype={"doc_id": str, "text": str})
            text_of = dict(zip(passage_keys(passages), passages["text"].astype(str), strict=True))
            events = pd.read_csv(data / "events.csv", dtype={"doc_id": str, "event": str})
            event_of = dict(zip(events["doc_id"], events["event"], strict=True))
            exclusive = pd.read_csv(data / "outlet_only.csv", dtype={"doc_id": str})
            omitted = pd.read_csv(data / "omissions.csv")
            facts = pd.read_csv(data / "facts.csv", dtype={"doc_id": str})
            alignments = pd.read_csv(data / "alignments.csv", dtype={"doc_a": str, "doc_b": str})
            asked = pd.concat([facts, coverage.corroborated_facts(facts, alignments)])
            members = {f: passage_keys(g) for f, g in asked.groupby("fact_id", sort=False)}
            for name, claim in (
                ("outlet-only.csv", "outlet-only"),
                ("leaves-out.csv", "leaves out"),
            ):
                path = audited / name
                if not path.exists():
                    continue
                with path.open(encoding="utf-8") as handle:
                    verdicts = list(csv.DictReader(handle))
                for verdict in verdicts:
                    if verdict["verdict"].strip() not in ("right", "wrong"):
                        continue
                    right = verdict["verdict"].strip() == "right"
                    if claim == "outlet-only":
                        fact_id = _outlet_only_match(verdict["claim"], exclusive)
                        group = exclusive[exclusive["fact_id"] == fact_id]
                        if fact_id is None or group.empty:
                            missed.append(f"{source} {audited.name} {claim}: {verdict['claim']}")
                            continue
                        if group["status"].iloc[0] != WITHHELD:
                            continue
                        own = passage_keys(group)
                        other = _sides(
                            passages, event_of, own, exclude_outlet=group["outlet"].iloc[0]
                        )
                        ident = fact_id
                    else:
                        found = _FACT.search(verdict["claim"])
                        outlet = verdict["outlets"].strip()
                        hit = (
                            omitted[
                                (omitted["fact_id"] == found.group(1))
                                & (omitted["outlet"] == outlet)
                            ]
                            if found
                            else omitted.iloc[0:0]
                        )
                        if hit.empty or found.group(1) not in members:
                            missed.append(f"{source} {audited.name} {claim}: {verdict['claim']}")
                            continue
                        if hit["status"].iloc[0] != WITHHELD:
                            continue
                        own = members[found.group(1)]
                        other = _sides(passages, event_of, own, outlet=outlet)
                        ident = f"{outlet} / {found.group(1)}"
                    rows.append(
                        {
                            "source": "audits, rounds " + f"{rounds[0]}-{rounds[-1]}",
                            "set": f"round{number}/{audited.name}",
                            "claim": claim,
                            "id": ident,
                            "right": right,
                            "own": [text_of[k] for k in own],
                            "other": [text_of[k] for k in other],
                        }
                    )
    return rows, missed


# --- the evidence ----------------------------------------------------------------------


def evidence(rows: list[dict], model: str, label: str, *, with_clauses: bool = True) -> None:
    """Add ``<label> sentence`` and ``<label> clause`` to every row (highest cosines).

    Without ``with_clauses`` the clause evidence is nan (encoding every clause of a corpus
    with a larger model is what takes time).
    """
    strings = sorted({t for r in rows for t in r["own"] + r["other"]})
    where = {t: i for i, t in enumerate(strings)}
    vectors = embed(strings, model=model)
    if with_clauses:
        chunks = clauses(strings)
        clause_vectors = embed([c for cs in chunks for c in cs], model=model)
        starts = np.concatenate([[0], np.cumsum([len(cs) for cs in chunks])]).astype(int)
    for row in rows:
        if not row["other"]:
            row[f"{label} sentence"] = row[f"{label} clause"] = 0.0
            continue
        a = [where[t] for t in dict.fromkeys(row["own"])]
        b = [where[t] for t in dict.fromkeys(row["other"])]
        row[f"{label} sentence"] = float((vectors[a] @ vectors[b].T).max())
        if not with_clauses:
            row[f"{label} clause"] = float("nan")
            continue
        pick_a = np.concatenate([np.arange(starts[i], starts[i + 1]) for i in a])
        pick_b = np.concatenate([np.arange(starts[i], starts[i + 1]) for i in b])
        owner_a = np.repeat(np.arange(len(a)), [starts[i + 1] - starts[i] for i in a])
        owner_b = np.repeat(np.arange(len(b)), [starts[i + 1] - starts[i] for i in b])
        best = clause_similarity(
            clause_vectors[pick_a], owner_a, clause_vectors[pick_b], owner_b, len(a), len(b)
        )
        row[f"{label} clause"] = float(best.max())


# --- the measures ----------------------------------------------------------------------


def separation(right: np.ndarray, score: np.ndarray) -> dict[str, float]:
    """AUC, best precision at recall >= 0.5, best recall at precision >= 0.9 (low score = claim)."""
    right = right.astype(bool)
    n_right, n_wrong = int(right.sum()), int((~right).sum())
    out = {"rows": len(right), "right": n_right}
    if not n_right or not n_wrong:
        nan = float("nan")
        return out | {"auc": nan, "precision@recall0.1": nan, "precision@recall0.5": nan}
    low = score[right][:, None] < score[~right][None, :]
    tie = score[right][:, None] == score[~right][None, :]
    out["auc"] = float((low.sum() + 0.5 * tie.sum()) / (n_right * n_wrong))
    best_p, best_r, best_tenth = 0.0, 0.0, 0.0
    for t in np.unique(score):
        asserted = score <= t
        hits = int((asserted & right).sum())
        precision, recall = hits / int(asserted.sum()), hits / n_right
        if recall >= 0.1:
            best_tenth = max(best_tenth, precision)
        if recall >= 0.5:
            best_p = max(best_p, precision)
        if precision >= 0.9:
            best_r = max(best_r, recall)
    return out | {
        "precision@recall0.1": best_tenth,
        "precision@recall0.5": best_p,
        "recall@p0.9": best_r,
    }


def table(rows: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """One line per source, claim and evidence (each model's, then both models' larger and
    sum of the sentence cosines)."""
    rows = rows.assign(
        **{
            "larger sentence": rows[[f"{x} sentence" for x in labels]].max(axis=1),
            "summed sentence": rows[[f"{x} sentence" for x in labels]].sum(axis=1),
        }
    )
    columns = [f"{x} {kind}" for x in labels for kind in ("sentence", "clause")]
    lines = []
    for (source, claim), group in rows.groupby(["source", "claim"], sort=False):
        for column in columns + ["larger sentence", "summed sentence"]:
            scored = group[group[column].notna()]
            if scored.empty:
                continue
            measured = separation(scored["right"].to_numpy(), scored[column].to_numpy())
            lines.append({"source": source, "claim": claim, "evidence": column} | measured)
    return pd.DataFrame(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the other model (a local folder)")
    parser.add_argument(
        "--reports",
        default="/work/r{round}/reports",
        help="folder pattern of the audited reports, with {round} (default: %(default)s)",
    )
    parser.add_argument("--rounds", default="3-9", help="audit rounds, e.g. 3-9")
    parser.add_argument("--no-gold", action="store_true", help="audits only")
    parser.add_argument("--no-audits", action="store_true", help="labelled sets only")
    parser.add_argument("--rows", type=Path, help="also write every scored row to this CSV")
    parser.add_argument(
        "--clauses",
        choices=("all", "gold", "none"),
        default="all",
        help="where to measure the clause evidence: every row, the labelled sets' rows only"
        " (the audits' corpora are four times larger), or none (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if not Path(args.model).is_dir():
        parser.error(f"no model folder {args.model} (run scripts/fetch_mpnet.py)")
    first, last = (int(x) for x in args.rounds.split("-"))
    rows = []
    if not args.no_gold:
        for gold_dir, source in (
            (config.GOLD_DIR, "labelled sets, first labelling"),
            (config.GOLD_DIR / "second", "labelled sets, second labelling"),
        ):
            rows += gold_rows(gold_dir, source)
    if not args.no_audits:
        found, missed = audit_rows(args.reports, list(range(first, last + 1)))
        for line in missed:
            print(f"not matched: {line}", file=sys.stderr)
        rows += found
    if not rows:
        parser.error("no withheld row to score")
    labels = ["MiniLM", "other"]
    gold = [r for r in rows if not r["source"].startswith("audit")]
    audited = [r for r in rows if r["source"].startswith("audit")]
    for label, model in (("MiniLM", DEFAULT_MODEL), ("other", args.model)):
        for part, with_clauses in (
            (gold, args.clauses != "none"),
            (audited, args.clauses == "all"),
        ):
            if part:
                evidence(part, model, label, with_clauses=with_clauses)
    frame = pd.DataFrame(rows)
    if args.rows:
        frame.drop(columns=["own", "other"]).to_csv(args.rows, index=False)
    print(f"other model: {args.model}")
    print(table(frame, labels).round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
