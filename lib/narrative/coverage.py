"""Coverage, omission and prominence: which outlet carries which fact, and where.

Everything starts from the **fact table** (:func:`fact_table`): the story units
of :mod:`narrative.units` plus one *singleton fact* for every standfirst or body
passage that no other outlet carries (no ``reuse`` or ``paraphrase``
counterpart anywhere). Fact ids are stable: units keep their ids (``U001``...),
singletons are ``S-<doc_id>-<passage_id>``. An outlet *carries* a fact when any
of its articles has a passage in it.

Fact table columns (one row per passage of a fact):

==========  =================================================================
fact_id     ``U001``... for story units, ``S-<doc_id>-<passage_id>`` otherwise
n_outlets   how many outlets carry the fact
label       the fact's most central passage (see :func:`fact_table`), cut to
            ``label_chars`` characters
doc_id      the document
passage_id  the passage
outlet      the outlet's display label
kind        ``headline``, ``standfirst`` or ``body``
paragraph   0-based section of the article (see :mod:`narrative.passages`)
position    relative position in the article, 0 (top) to 1 (end)
words       words in the passage (whitespace-separated)
text        the passage
==========  =================================================================

Rows are ordered by fact (consensus first: most outlets, then earliest
position, then corpus order), then by corpus order. From there:
:func:`fact_matrix` (fact x outlet), :func:`exclusives` and :func:`omissions`,
:func:`prominence` and :func:`prominence_gaps`. :func:`shared_content` and
:func:`shared_content_pairs` answer "how much of A is in B" from the
alignments directly; :func:`ledes` lists headlines, standfirsts and ledes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from narrative.vocab import SAME_FACT

#: Placement bands, most prominent first. ``lede`` is the first body paragraph
#: of the article (its first passage at paragraph granularity, every sentence of
#: it at sentence granularity); later body passages fall in a quarter or half of
#: the article by their relative ``position``.
BANDS = ("headline", "standfirst", "lede", "first quarter", "second quarter", "second half")

FACT_COLUMNS = [
    "fact_id",
    "n_outlets",
    "label",
    "doc_id",
    "passage_id",
    "outlet",
    "kind",
    "paragraph",
    "position",
    "words",
    "text",
]
PROMINENCE_COLUMNS = [
    "fact_id",
    "n_outlets",
    "label",
    "outlet",
    "doc_id",
    "passage_id",
    "band",
    "position",
    "words",
    "word_share",
    "articles",
    "text",
]
_GAP_SIDE = ["outlet", "doc_id", "passage_id", "band", "position", "text"]


def shared_content(
    passages: pd.DataFrame,
    alignments: pd.DataFrame,
    *,
    relations: tuple[str, ...] = SAME_FACT,
) -> pd.DataFrame:
    """Share of each outlet's words that another outlet also reports.

    "How much of A is in B": the share of A's words (standfirst and body
    passages; headlines left out) that lie in passages aligned with some
    passage of B. The measure is asymmetric: a short article fully contained
    in a long one scores 1.0 one way and little the other way.

    Args:
        passages: Passage table.
        alignments: Alignment table.
        relations: Which relations count as carrying the same content.

    Returns:
        Square table, outlets (labels, in corpus order) on both axes: row A,
        column B holds the share (0 to 1) of A's words in passages aligned
        with B. The diagonal is 1.
    """
    outlets = list(dict.fromkeys(passages["outlet"]))
    text = passages[passages["kind"] != "headline"]
    words = text.set_index(["doc_id", "passage_id"])["text"].str.split().str.len()
    outlet_of = text.set_index(["doc_id", "passage_id"])["outlet"]
    totals = words.groupby(outlet_of).sum()
    kept = alignments[alignments["relation"].isin(relations)]
    both = pd.concat(
        [
            kept.rename(columns={"doc_a": "doc", "passage_a": "pid", "outlet_b": "other"}),
            kept.rename(columns={"doc_b": "doc", "passage_b": "pid", "outlet_a": "other"}),
        ]
    )[["doc", "pid", "other"]].drop_duplicates()
    matrix = pd.DataFrame(0.0, index=outlets, columns=outlets)
    for (doc, pid, other), _ in both.groupby(["doc", "pid", "other"]):
        key = (doc, pid)
        if key in words.index:
            matrix.loc[outlet_of[key], other] += words[key]
    for outlet in outlets:
        total = totals.get(outlet, 0)
        matrix.loc[outlet] = matrix.loc[outlet] / total if total else 0.0
        matrix.loc[outlet, outlet] = 1.0
    matrix.index.name = "outlet"
    return matrix.round(4)


def shared_content_pairs(passages: pd.DataFrame, alignments: pd.DataFrame) -> pd.DataFrame:
    """ "How much of A is in B" for every ordered pair, split into reuse and paraphrase.

    A passage of A (standfirst or body) counts for B when it is aligned with
    some passage of B; it counts as ``reuse`` (shared wire copy) when at least
    one of those pairs is ``reuse``, else as ``paraphrase``. So ``reuse +
    paraphrase == shared``, and ``shared`` equals :func:`shared_content`.

    Args:
        passages: Passage table.
        alignments: Alignment table.

    Returns:
        One row per ordered pair of different outlets (corpus order): ``outlet``
        (A), ``other`` (B), ``words`` (A's standfirst and body words),
        ``reuse_words``, ``paraphrase_words``, ``shared_words`` (A's words in
        passages aligned with B, by strongest relation), and the matching
        shares of ``words``: ``reuse``, ``paraphrase``, ``shared`` (0 to 1).
    """
    outlets = list(dict.fromkeys(passages["outlet"]))
    text = passages[passages["kind"] != "headline"]
    words = dict(zip(_keys(text), text["text"].str.split().str.len(), strict=True))
    outlet_of = dict(zip(_keys(text), text["outlet"], strict=True))
    totals = {o: 0 for o in outlets}
    for key, count in words.items():
        totals[outlet_of[key]] += count
    strongest: dict[tuple[str, int, str], str] = {}
    kept = alignments[alignments["relation"].isin(SAME_FACT)]
    for row in kept.itertuples(index=False):
        for doc, pid, other in (
            (row.doc_a, row.passage_a, row.outlet_b),
            (row.doc_b, row.passage_b, row.outlet_a),
        ):
            key = (doc, int(pid), other)
            if strongest.get(key) != "reuse":
                strongest[key] = row.relation
    sums = {(a, b, r): 0 for a in outlets for b in outlets for r in SAME_FACT}
    for (doc, pid, other), relation in strongest.items():
        if (doc, pid) in words:
            sums[(outlet_of[(doc, pid)], other, relation)] += words[(doc, pid)]
    rows = []
    for a in outlets:
        for b in outlets:
            if a == b:
                continue
            reuse, paraphrase = sums[(a, b, "reuse")], sums[(a, b, "paraphrase")]
            total = totals[a]
            rows.append(
                {
                    "outlet": a,
                    "other": b,
                    "words": total,
                    "reuse_words": reuse,
                    "paraphrase_words": paraphrase,
                    "shared_words": reuse + paraphrase,
                    "reuse": round(reuse / total, 4) if total else 0.0,
                    "paraphrase": round(paraphrase / total, 4) if total else 0.0,
                    "shared": round((reuse + paraphrase) / total, 4) if total else 0.0,
                }
            )
    columns = ["outlet", "other", "words", "reuse_words", "paraphrase_words", "shared_words"]
    return pd.DataFrame(rows, columns=[*columns, "reuse", "paraphrase", "shared"])


def fact_table(
    passages: pd.DataFrame,
    units: pd.DataFrame,
    alignments: pd.DataFrame,
    *,
    label_chars: int = 90,
) -> pd.DataFrame:
    """Story units plus singleton facts: every fact of the corpus and its passages.

    A passage that has a ``reuse`` or ``paraphrase`` counterpart but was left
    out of every unit (the unit builder refuses a merge that would put more
    than ``max_per_doc`` passages of one article in a unit) joins the unit of
    its best-scoring counterpart in a unit: it repeats a fact its article already
    carries, so it is not outlet-only. Every other standfirst or body passage
    outside the units is a singleton fact. Headlines outside the units are
    left out: a headline sums up, it does not add a fact.

    A fact's label is its most central passage: the one whose links to the
    fact's other passages have the highest summed score (the first passage in
    corpus order on a tie), which names the fact better than a passage that
    joined the unit through a single weak link.

    Args:
        passages: Passage table.
        units: Unit table (:mod:`narrative.units`).
        alignments: Alignment table.
        label_chars: Longest fact label, in characters.

    Returns:
        Fact table (see the module docstring).
    """
    unit_of = dict(zip(_keys(units), units["unit_id"], strict=True))
    links = alignments[alignments["relation"].isin(SAME_FACT)]
    links = links.sort_values("score", ascending=False, kind="stable")
    joined: dict[tuple[str, int], str] = {}
    for row in links.itertuples(index=False):
        a, b = (row.doc_a, int(row.passage_a)), (row.doc_b, int(row.passage_b))
        for node, other in ((a, b), (b, a)):
            if node not in unit_of and node not in joined and other in unit_of:
                joined[node] = unit_of[other]
    unit_of.update(joined)

    doc_order = {d: i for i, d in enumerate(dict.fromkeys(passages["doc_id"]))}
    in_order = passages.assign(_doc=passages["doc_id"].map(doc_order)).sort_values(
        ["_doc", "passage_id"], kind="stable"
    )
    rows = []
    for number, row in enumerate(in_order.itertuples(index=False)):
        key = (row.doc_id, int(row.passage_id))
        if key in unit_of:
            fact_id = unit_of[key]
        elif row.kind != "headline":
            fact_id = f"S-{row.doc_id}-{row.passage_id}"
        else:
            continue
        rows.append(
            {
                "fact_id": fact_id,
                "doc_id": row.doc_id,
                "passage_id": row.passage_id,
                "outlet": row.outlet,
                "kind": row.kind,
                "paragraph": row.paragraph,
                "position": row.position,
                "words": len(row.text.split()),
                "text": row.text,
                "_order": number,
            }
        )
    if not rows:
        return pd.DataFrame(columns=FACT_COLUMNS)
    facts = pd.DataFrame(rows)
    grouped = facts.groupby("fact_id")
    facts["n_outlets"] = grouped["outlet"].transform("nunique")
    fact_of = dict(zip(_keys(facts), facts["fact_id"], strict=True))
    centrality = dict.fromkeys(fact_of, 0.0)
    for row in links.itertuples(index=False):
        a, b = (row.doc_a, int(row.passage_a)), (row.doc_b, int(row.passage_b))
        if a in fact_of and fact_of.get(b) == fact_of[a]:
            centrality[a] += row.score
            centrality[b] += row.score
    facts["_centrality"] = [-centrality[k] for k in _keys(facts)]
    central = facts.sort_values(["_centrality", "_order"]).drop_duplicates("fact_id")
    label = central.set_index("fact_id")["text"].map(lambda t: _truncate(t, label_chars))
    facts["label"] = facts["fact_id"].map(label)
    key = pd.DataFrame(
        {
            "outlets": -grouped["outlet"].nunique(),
            "position": grouped["position"].min(),
            "first": grouped["_order"].min(),
        }
    ).sort_values(["outlets", "position", "first"])
    rank = {fact_id: i for i, fact_id in enumerate(key.index)}
    facts["_rank"] = facts["fact_id"].map(rank)
    facts = facts.sort_values(["_rank", "_order"])
    return facts[FACT_COLUMNS].reset_index(drop=True)


def _keys(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """``(doc_id, passage_id)`` of every row."""
    return list(zip(frame["doc_id"], frame["passage_id"].astype(int), strict=True))


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def fact_matrix(facts: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Which outlet carries which fact: a fact x outlet table.

    Args:
        facts: Fact table from :func:`fact_table`.
        outlets: Outlet labels, in column order (all outlets of the corpus).

    Returns:
        One row per fact, indexed by ``fact_id``, in fact order (consensus
        facts first, then by first appearance). Columns: ``n_outlets``,
        ``label``, then one column per outlet holding how many of that
        outlet's passages carry the fact (0 when it does not carry it).

    Raises:
        ValueError: When an outlet is called ``n_outlets`` or ``label``.
    """
    if {"n_outlets", "label"} & set(outlets):
        raise ValueError("an outlet label clashes with the columns 'n_outlets' or 'label'")
    order = list(dict.fromkeys(facts["fact_id"]))
    counts = pd.crosstab(facts["fact_id"], facts["outlet"]).reindex(
        index=order, columns=outlets, fill_value=0
    )
    meta = facts.drop_duplicates("fact_id").set_index("fact_id")[["n_outlets", "label"]]
    matrix = pd.concat([meta.reindex(order), counts], axis=1)
    matrix.index.name = "fact_id"
    matrix.columns.name = None
    return matrix


def exclusives(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts only one outlet reports, with their passages.

    Args:
        facts: Fact table from :func:`fact_table`.

    Returns:
        The fact-table rows of facts with ``n_outlets == 1`` (one row per
        passage), in fact order.
    """
    return facts[facts["n_outlets"] == 1].reset_index(drop=True)


def omissions(facts: pd.DataFrame, outlets: list[str], *, majority: float = 0.5) -> pd.DataFrame:
    """Facts most other outlets report that an outlet leaves out.

    A fact is an omission of outlet O when O does not carry it and more than
    ``majority`` of the *other* outlets do: with two outlets, every fact of
    the other one; with three, facts both others carry; with five, facts at
    least three of the other four carry. Outlets with several articles carry
    a fact when any of their articles does.

    Args:
        facts: Fact table from :func:`fact_table`.
        outlets: The outlets compared: every outlet of the corpus, also those
            that carry no fact. Facts are counted among these outlets only.
        majority: Share of the other outlets that must carry the fact.

    Returns:
        One row per (outlet, omitted fact), outlets in the given order, then
        the most widely carried facts first: ``outlet``, ``fact_id``,
        ``carried_by`` (number of other outlets carrying it), ``others``
        (number of other outlets), ``label``, ``carriers`` (their labels,
        joined with ``"; "``).
    """
    columns = ["outlet", "fact_id", "carried_by", "others", "label", "carriers"]
    listed = set(outlets)
    carriers = facts.groupby("fact_id", sort=False)["outlet"].agg(
        lambda s: [o for o in dict.fromkeys(s) if o in listed]
    )
    labels = facts.drop_duplicates("fact_id").set_index("fact_id")["label"]
    others = len(outlets) - 1
    rows = []
    for outlet in outlets:
        found = [
            {
                "outlet": outlet,
                "fact_id": fact_id,
                "carried_by": len(carried),
                "others": others,
                "label": labels[fact_id],
                "carriers": "; ".join(o for o in outlets if o in carried),
            }
            for fact_id, carried in carriers.items()
            if outlet not in carried and len(carried) > majority * others
        ]
        rows.extend(sorted(found, key=lambda r: -r["carried_by"]))
    return pd.DataFrame(rows, columns=columns)


def placement_bands(passages: pd.DataFrame) -> pd.Series:
    """The placement band (see :data:`BANDS`) of every passage.

    Args:
        passages: Passage table.

    Returns:
        Band names, aligned with ``passages``' index.
    """
    body = passages["kind"] == "body"
    first_paragraph = passages[body].groupby("doc_id")["paragraph"].min()
    lede = body & (passages["paragraph"] == passages["doc_id"].map(first_paragraph))
    bands = pd.Series("second half", index=passages.index)
    bands[passages["position"] < 0.5] = "second quarter"
    bands[passages["position"] < 0.25] = "first quarter"
    bands[lede] = "lede"
    for kind in ("standfirst", "headline"):
        bands[passages["kind"] == kind] = kind
    return bands


def prominence(facts: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """Where each fact sits in each outlet's article, and how many words it gets.

    For each (fact, outlet) the best placement is kept: the most prominent
    band (:data:`BANDS`), then the earliest position, over all the outlet's
    articles carrying the fact.

    Args:
        facts: Fact table from :func:`fact_table`.
        passages: Passage table (for bands and article lengths).

    Returns:
        One row per (fact, outlet carrying it), in fact order, then corpus
        order: ``fact_id``, ``n_outlets``, ``label``, ``outlet``, ``doc_id``
        and ``passage_id`` (the best-placed passage), ``band``, ``position``
        (0 top to 1 end), ``words`` (words of the fact's passages in that
        article), ``word_share`` (``words`` over the article's words, headline
        included), ``articles`` (how many of the outlet's articles carry the
        fact) and ``text`` (the best-placed passage).
    """
    if facts.empty:
        return pd.DataFrame(columns=PROMINENCE_COLUMNS)
    band = dict(zip(_keys(passages), placement_bands(passages), strict=True))
    article_words = passages["text"].str.split().str.len().groupby(passages["doc_id"]).sum()
    rows = facts.assign(
        band=[band[k] for k in _keys(facts)],
        _fact=facts["fact_id"].map({f: i for i, f in enumerate(dict.fromkeys(facts["fact_id"]))}),
        _outlet=facts["outlet"].map(
            {o: i for i, o in enumerate(dict.fromkeys(passages["outlet"]))}
        ),
    )
    rows["_band"] = rows["band"].map(BANDS.index)
    in_article = rows.groupby(["fact_id", "doc_id"])["words"].transform("sum")
    rows["words"] = in_article
    rows["word_share"] = (in_article / rows["doc_id"].map(article_words)).round(4)
    rows["articles"] = rows.groupby(["fact_id", "outlet"])["doc_id"].transform("nunique")
    best = rows.sort_values(["_fact", "_outlet", "_band", "position"]).drop_duplicates(
        ["fact_id", "outlet"]
    )
    return best[PROMINENCE_COLUMNS].reset_index(drop=True)


def prominence_gaps(
    prominence_table: pd.DataFrame,
    *,
    top: tuple[str, ...] = ("headline", "standfirst", "lede"),
    buried: tuple[str, ...] = ("second half",),
) -> pd.DataFrame:
    """Facts one outlet puts on top that another buries.

    Args:
        prominence_table: Table from :func:`prominence`.
        top: Bands that count as on top.
        buried: Bands that count as buried.

    Returns:
        One row per (fact, outlet with it on top, outlet with it buried):
        ``fact_id``, ``label``, then ``outlet``, ``doc_id``, ``passage_id``,
        ``band``, ``position``, ``text`` suffixed ``_top`` and ``_buried``, and
        ``gap`` (``position_buried - position_top``); largest gap first.
    """
    shown = prominence_table[["fact_id", "label", *_GAP_SIDE]]
    high = shown[shown["band"].isin(top)]
    low = shown[shown["band"].isin(buried)].drop(columns="label")
    pairs = high.merge(low, on="fact_id", suffixes=("_top", "_buried"))
    pairs["gap"] = (pairs["position_buried"] - pairs["position_top"]).round(4)
    columns = ["fact_id", "label"]
    columns += [f"{c}_top" for c in _GAP_SIDE] + [f"{c}_buried" for c in _GAP_SIDE] + ["gap"]
    return pairs.sort_values("gap", ascending=False, kind="stable")[columns].reset_index(drop=True)


def ledes(passages: pd.DataFrame) -> pd.DataFrame:
    """Headline, standfirst and lede of every article, side by side.

    Args:
        passages: Passage table.

    Returns:
        One row per article, in corpus order: ``doc_id``, ``outlet``,
        ``headline``, ``standfirst`` and ``lede`` (the first body paragraph's
        passages, joined); empty strings where the article has none.
    """
    bands = placement_bands(passages)
    rows = []
    for doc_id, group in passages.groupby("doc_id", sort=False):
        in_doc = bands[group.index]
        rows.append(
            {
                "doc_id": doc_id,
                "outlet": group["outlet"].iloc[0],
                "headline": " ".join(group.loc[in_doc == "headline", "text"]),
                "standfirst": " ".join(group.loc[in_doc == "standfirst", "text"]),
                "lede": " ".join(group.loc[in_doc == "lede", "text"]),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "headline", "standfirst", "lede"])


@dataclass(frozen=True)
class Coverage:
    """The coverage claims of one run, as notebook 02 shows them.

    Attributes:
        facts: Fact table (:func:`fact_table`).
        exclusives: Outlet-only facts (:func:`exclusives`).
        omissions: Facts an outlet leaves out (:func:`omissions`).
        prominence: Placement of each fact in each outlet (:func:`prominence`).
        gaps: Facts on top in one outlet and buried in another (:func:`prominence_gaps`).
    """

    facts: pd.DataFrame
    exclusives: pd.DataFrame
    omissions: pd.DataFrame
    prominence: pd.DataFrame
    gaps: pd.DataFrame


def analyse(result) -> Coverage:
    """Every coverage table of a pipeline result, with the report's defaults.

    Args:
        result: A :class:`narrative.pipeline.Result`.

    Returns:
        The tables notebook 02 shows and the claims benchmark checks.
    """
    passages = result.passages
    facts = fact_table(passages, result.units, result.alignments)
    placed = prominence(facts, passages)
    return Coverage(
        facts=facts,
        exclusives=exclusives(facts),
        omissions=omissions(facts, result.corpus.outlets),
        prominence=placed,
        gaps=prominence_gaps(placed),
    )
