"""Frame profiles per outlet: which aspects of a story each outlet puts forward (indicative).

**Frame set.** The frames come from the Media Frames Corpus (Card et al., 2015),
whose 15 dimensions are defined in the Policy Frames Codebook (Boydstun et al.,
2014). The codebook was written for domestic policy issues (immigration,
smoking, same-sex marriage); the packaged codebook
(``narrative/data/frames.toml``, read into :data:`FRAMES` by
:func:`load_frames`; another codebook is one parameter away) adapts it to news
about international conflict and diplomacy:

* every codebook dimension is kept, under its number (``mfc``), with a
  description and examples rewritten for conflict and diplomacy news;
* several are renamed for what they cover there: *Legality,
  constitutionality and jurisprudence* becomes **Legality & international
  law** (sovereignty, treaties, UN resolutions); *Crime and punishment*
  becomes **Crime & accountability** (war crimes, prosecutions); *Health and
  safety* becomes **Humanitarian (health & safety)** (casualties, medical
  care, aid); *Quality of life* becomes **Quality of life & displacement**
  (refugees, homes, services); *Fairness and equality* becomes **Fairness &
  rights** (human rights, exclusion of a party); *Security and defense*
  becomes **Security & military**; *Policy prescription and evaluation* is
  shortened to **Policy & evaluation**;
* *External regulation and reputation* (14) is split in two, because in
  diplomacy news it would hold most passages: **Diplomacy & negotiation** (the
  process: talks, envoys, agreements reached or not) and **External relations
  & reputation** (alliances, rivalries, influence, foreign backing, sanctions,
  standing abroad);
* *Other* (15) is the residual: a passage that no frame fits is "Other".

Each frame has a description, a seed lexicon (words and phrases that signal
it) and a few short prototype sentences written from the codebook's
definition. The prototypes are generic, about no particular country or
conflict, so the frame set applies to any English news corpus.

**Method.** No frame-annotated training data exists for this domain, and no
model may be downloaded, so frames are assigned by similarity to the
prototypes with the suite's sentence-embedding model, checked by the seed
lexicon. For each standfirst or body passage ``p`` and frame ``f``:

1. ``similarity`` = the mean cosine between ``p`` and the two prototypes of
   ``f`` closest to it (one prototype alone matches by accident too often);
2. ``contrast`` = ``similarity`` minus the median similarity of ``p`` over
   all frames. A small model rates any sentence about a war as fairly close to
   every war-related prototype; what marks a frame is how much it stands out
   against the passage's other frames (the margin idea used in
   :mod:`narrative.alignment`);
3. ``seeds`` = the distinct seed words or phrases of ``f`` found in ``p``
   (whole words, with plural and verb endings);
4. ``p`` is in frame ``f`` when ``similarity >= floor`` and
   ``score = contrast + seed_weight * min(len(seeds), seed_cap) >= margin``.

With the defaults (:class:`FrameSettings`) the embedding alone assigns a
frame only when it clearly stands out (``contrast >= 0.16``, 2 to 5% of
(passage, frame) pairs); one seed lowers that to 0.09 and two to 0.02, so
seeds never carry a frame the embedding rates at or below the passage's
median. A passage may have several frames, or none (then it is "Other"). The
thresholds were set by reading the assignments on the default corpus and on
six external development corpora (four US politics stories from BASIL, two
attacks in Syria from FA-KES), not fitted to any of them.

The method is **indicative**: there is no gold frame annotation to measure it
against, the prototypes and seeds are one reading of the codebook, and a small
embedding model mostly follows topic words. The examples from
:func:`frame_examples` are there so a reader can judge each frame.

The core, :func:`score_frames`, works on arrays; :func:`assign_frames` applies
it to a passage table; :func:`frame_assignments` embeds the prototypes with the
model.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from narrative.config import DEFAULT_MODEL
from narrative.embeddings import EmbeddingCache, embed
from narrative.vocab import TEXT_KINDS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OTHER = "Other"
ASSIGNMENT_COLUMNS = [
    "doc_id",
    "passage_id",
    "outlet",
    "kind",
    "frame",
    "score",
    "similarity",
    "contrast",
    "confidence",
    "copies",
    "seeds",
    "prototype",
    "words",
    "text",
]
PROFILE_COLUMNS = [
    "outlet",
    "frame",
    "passages",
    "passage_share",
    "words",
    "word_share",
    "outlet_passages",
    "outlet_words",
]


@dataclass(frozen=True)
class Frame:
    """One frame of the frame set.

    Attributes:
        name: Short display name.
        mfc: The Media Frames Corpus dimension it comes from (number and name).
        description: What the frame covers, adapted from the codebook.
        seeds: Lower-case words or phrases that signal the frame.
        prototypes: Short generic sentences that state the frame.
    """

    name: str
    mfc: str
    description: str
    seeds: tuple[str, ...]
    prototypes: tuple[str, ...]


#: The packaged codebook (``narrative/data/frames.toml``).
CODEBOOK = files("narrative") / "data" / "frames.toml"


class CodebookError(ValueError):
    """A frame codebook that cannot be read; the message is one line."""


def load_frames(path: str | Path | None = None) -> tuple[Frame, ...]:
    """Read a frame codebook: a TOML file with one ``[[frame]]`` table per frame.

    Args:
        path: The file; the packaged codebook (:data:`CODEBOOK`) when ``None``
            or empty.

    Returns:
        The frames, in file order. Each has ``name``, ``mfc``,
        ``description``, ``seeds`` (list of lower-case words or phrases) and
        ``prototypes`` (at least one sentence).

    Raises:
        CodebookError: When the file is missing, not TOML, or a frame lacks a
            field, has no prototype or repeats a name.
    """
    source = CODEBOOK if not path else Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CodebookError(f"frame codebook {source}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise CodebookError(f"frame codebook {source}: not TOML ({error})") from None
    tables = data.get("frame")
    if not isinstance(tables, list) or not tables:
        raise CodebookError(f"frame codebook {source}: no [[frame]] table")
    frames = []
    for n, table in enumerate(tables, start=1):
        missing = [k for k in ("name", "mfc", "description", "prototypes") if not table.get(k)]
        if missing:
            raise CodebookError(f"frame codebook {source}: frame {n} lacks {', '.join(missing)}")
        frames.append(
            Frame(
                name=str(table["name"]),
                mfc=str(table["mfc"]),
                description=str(table["description"]),
                seeds=tuple(str(w).lower() for w in table.get("seeds", [])),
                prototypes=tuple(str(p) for p in table["prototypes"]),
            )
        )
    names = [f.name for f in frames]
    if len(set(names)) < len(names) or OTHER in names:
        raise CodebookError(
            f"frame codebook {source}: frame names must be distinct and not {OTHER!r}"
        )
    return tuple(frames)


#: The packaged frame set.
FRAMES: tuple[Frame, ...] = load_frames()


@dataclass(frozen=True)
class FrameSettings:
    """Frame assignment thresholds; the defaults hold for any English news corpus.

    Attributes:
        top_prototypes: A frame's ``similarity`` is the mean cosine of the
            passage with this many of the frame's prototypes, the closest ones.
        floor: Least ``similarity`` for a frame. With all-MiniLM-L6-v2,
            sentences on unrelated subjects score about 0.1 and sentences on a
            shared subject 0.3 or more; 0.2 only asks that the passage touch the
            frame's subject, and keeps short passages with no content ("He left
            the hall.") out of every frame.
        margin: Least ``score`` (contrast plus seed bonus) for a frame. A
            passage's contrasts spread over about -0.1 to 0.15 (5th to 95th
            percentile); on the seven corpora tried, 2 to 5% of (passage,
            frame) contrasts reach 0.16 (10% on a short report of a bombing), so
            the embedding alone assigns a frame only where it clearly stands
            out. Reading the assignments showed that contrasts between 0.12 and
            0.18 without a seed are right only about half of the time.
        seed_weight: Bonus per distinct seed found, in cosine units: one seed
            lowers the contrast needed to 0.09, two to 0.02.
        seed_cap: Most seeds that count, so a passage cannot carry a frame on
            words alone: ``margin - seed_weight * seed_cap`` is above 0.
    """

    top_prototypes: int = 2
    floor: float = 0.2
    margin: float = 0.16
    seed_weight: float = 0.07
    seed_cap: int = 2

    def as_dict(self) -> dict[str, float | int]:
        """The settings as a plain dict (for reports and exports)."""
        return asdict(self)


def frame_table(frames: tuple[Frame, ...] = FRAMES) -> pd.DataFrame:
    """The frame set as a table, for reports and exports.

    Args:
        frames: The frame set.

    Returns:
        One row per frame: ``frame``, ``mfc``, ``description``, ``seeds``
        (joined with ``"; "``) and ``prototypes`` (joined with ``" | "``).
    """
    return pd.DataFrame(
        {
            "frame": [f.name for f in frames],
            "mfc": [f.mfc for f in frames],
            "description": [f.description for f in frames],
            "seeds": ["; ".join(f.seeds) for f in frames],
            "prototypes": [" | ".join(f.prototypes) for f in frames],
        }
    )


@lru_cache(maxsize=4096)
def _seed_pattern(seed: str) -> re.Pattern[str]:
    # Words of a phrase may be joined by spaces or hyphens; the last word may
    # take a plural or verb ending ("strike" finds "strikes", "kill" "killed").
    words = r"[\s-]+".join(re.escape(w) for w in seed.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es|d|ed|ing)?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _first_word(seed: str) -> str:
    return seed.split()[0].lower()


def _seed_matches(text: str, seeds: tuple[str, ...]) -> list[tuple[int, int, int]]:
    # Longest matches first; a match inside one already taken does not count.
    text = text.replace("\u2019", "'")
    lowered = text.lower()
    matches = [
        (m.start(), m.end(), rank)
        for rank, seed in enumerate(seeds)
        # A seed's first word is always in the text it matches: skip the regex otherwise.
        if _first_word(seed) in lowered
        for m in _seed_pattern(seed).finditer(text)
    ]
    matches.sort(key=lambda m: (m[0] - m[1], m[2]))
    taken: list[tuple[int, int, int]] = []
    for start, end, rank in matches:
        if not any(s <= start and end <= e for s, e, _ in taken):
            taken.append((start, end, rank))
    return sorted(taken)


def find_seeds(text: str, seeds: tuple[str, ...]) -> list[str]:
    """The seeds that occur in a text.

    Args:
        text: A passage.
        seeds: Lower-case words or phrases.

    Returns:
        The seeds found, in the order given (each once). Matching ignores case,
        needs whole words (``"sect"`` is not found in ``"section"``), lets the
        last word take ``s``, ``es``, ``d``, ``ed`` or ``ing`` and lets a space
        stand for a hyphen (``"air strike"`` finds ``"air-strikes"``). Words
        found by a longer seed do not count again: ``"air strikes"`` counts
        ``"air strike"`` but not also ``"strike"``, and ``"killed"`` counts one
        of ``"kill"`` and ``"killed"``, the one listed first.
    """
    found = {rank for _, _, rank in _seed_matches(text, seeds)}
    return [seeds[rank] for rank in sorted(found)]


def seed_spans(text: str, seeds: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the seeds counted by :func:`find_seeds` occur, to mark them.

    Args:
        text: A passage.
        seeds: Lower-case words or phrases.

    Returns:
        ``(start, end)`` character offsets into ``text``, in text order, not
        overlapping.
    """
    return [(start, end) for start, end, _ in _seed_matches(text, seeds)]


def score_frames(
    passage_vectors: np.ndarray,
    prototype_vectors: np.ndarray,
    prototype_frame: np.ndarray,
    seed_counts: np.ndarray,
    *,
    settings: FrameSettings | None = None,
) -> dict[str, np.ndarray]:
    """Frame scores and assignments from embeddings and seed counts.

    Args:
        passage_vectors: ``(n, d)`` L2-normalised passage embeddings.
        prototype_vectors: ``(m, d)`` L2-normalised prototype embeddings.
        prototype_frame: ``(m,)`` frame index (0 to ``k - 1``) of each
            prototype; every frame needs at least one prototype.
        seed_counts: ``(n, k)`` number of distinct seeds of each frame found
            in each passage.
        settings: Thresholds; defaults when ``None``.

    Returns:
        ``(n, k)`` arrays under ``"similarity"`` (mean cosine with the
        frame's ``top_prototypes`` closest prototypes), ``"prototype"`` (index
        of the closest prototype), ``"contrast"`` (similarity minus the
        passage's median similarity over frames), ``"score"`` (contrast plus
        seed bonus) and ``"assigned"`` (bool).
    """
    settings = settings or FrameSettings()
    n, k = seed_counts.shape
    cosine = passage_vectors @ prototype_vectors.T
    similarity = np.zeros((n, k), dtype=np.float64)
    best = np.zeros((n, k), dtype=np.int64)
    for frame in range(k):
        columns = np.flatnonzero(prototype_frame == frame)
        if columns.size == 0:
            raise ValueError(f"frame {frame} has no prototype")
        order = np.argsort(-cosine[:, columns], axis=1, kind="stable")
        closest = columns[order[:, : settings.top_prototypes]]
        best[:, frame] = closest[:, 0]
        similarity[:, frame] = np.take_along_axis(cosine, closest, axis=1).mean(axis=1)
    contrast = similarity - np.median(similarity, axis=1, keepdims=True)
    bonus = settings.seed_weight * np.minimum(seed_counts, settings.seed_cap)
    score = contrast + bonus
    assigned = (similarity >= settings.floor) & (score >= settings.margin)
    return {
        "similarity": similarity,
        "prototype": best,
        "contrast": contrast,
        "score": score,
        "assigned": assigned,
    }


def copy_groups(passages: pd.DataFrame, alignments: pd.DataFrame | None = None) -> np.ndarray:
    """One group id per passage row: passages that carry the same text are one group.

    The same text is the same words (case, spacing and punctuation aside) or a
    pair aligned as ``reuse`` (near-verbatim copy: "Bashar al-Assad" / "Bashar
    Assad" in one wire sentence), joined transitively.

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``text``).
        alignments: Alignment table; ``None`` groups identical texts only.

    Returns:
        ``(len(passages),)`` integer array; rows with the same value are copies.
    """
    parent = list(range(len(passages)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    keys = [" ".join(re.findall(r"\w+", str(t).lower())) for t in passages["text"]]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        join(first.setdefault(key, i), i)
    if alignments is not None and not alignments.empty:
        row_of = {
            (d, int(p)): i
            for i, (d, p) in enumerate(zip(passages["doc_id"], passages["passage_id"], strict=True))
        }
        reuse = alignments[alignments["relation"] == "reuse"]
        for d_a, p_a, d_b, p_b in zip(
            reuse["doc_a"], reuse["passage_a"], reuse["doc_b"], reuse["passage_b"], strict=True
        ):
            i, j = row_of.get((d_a, int(p_a))), row_of.get((d_b, int(p_b)))
            if i is not None and j is not None:
                join(i, j)
    return np.array([find(i) for i in range(len(passages))], dtype=np.int64)


def confidence(score: float, similarity: float, settings: FrameSettings) -> str:
    """How sure a frame assignment is, from how far it clears its thresholds.

    ``high`` when ``score`` clears ``margin`` by at least 0.08 (about one
    seed's worth more than needed), ``low`` when by less than 0.03 or when
    ``similarity`` is within 0.05 of ``floor``, ``medium`` otherwise.
    """
    above = score - settings.margin
    if above < 0.03 or similarity - settings.floor < 0.05:
        return "low"
    return "high" if above >= 0.08 else "medium"


def assign_frames(
    passages: pd.DataFrame,
    passage_vectors: np.ndarray,
    prototype_vectors: np.ndarray,
    *,
    frames: tuple[Frame, ...] = FRAMES,
    settings: FrameSettings | None = None,
    kinds: tuple[str, ...] = TEXT_KINDS,
    groups: np.ndarray | None = None,
) -> pd.DataFrame:
    """Assign frames to passages, given the embeddings of passages and prototypes.

    Args:
        passages: Passage table (``doc_id``, ``passage_id``, ``outlet``,
            ``kind``, ``text``).
        passage_vectors: ``(len(passages), d)`` normalised embeddings, row
            ``i`` for passage row ``i``.
        prototype_vectors: Normalised embeddings of every frame's prototypes,
            frame by frame in the order of ``frames``.
        frames: The frame set.
        settings: Thresholds; defaults when ``None``.
        kinds: Passage kinds that are framed (headlines are left out).
        groups: Group id per passage row (:func:`copy_groups`): the passages
            of a group get the same frames, from their scores averaged, so a
            sentence carried by three outlets is framed once.

    Returns:
        Assignment table, one row per (passage, frame) assigned, and one row
        with frame ``"Other"`` for a passage no frame fits. Columns:
        ``doc_id``, ``passage_id``, ``outlet``, ``kind``, ``frame``,
        ``score``, ``similarity``, ``contrast``, ``confidence``
        (:func:`confidence`), ``copies`` (passages framed together with this
        one, itself included), ``seeds`` (found, joined
        with ``"; "``), ``prototype`` (the closest prototype sentence),
        ``words`` (of the passage) and ``text``. "Other" rows have no score,
        contrast, seeds or prototype; their ``similarity`` is the passage's
        highest over all frames.
    """
    settings = settings or FrameSettings()
    keep = passages["kind"].isin(kinds).to_numpy()
    chosen = passages[keep].reset_index(drop=True)
    vectors = passage_vectors[keep]
    prototypes = [p for f in frames for p in f.prototypes]
    owner = np.repeat(np.arange(len(frames)), [len(f.prototypes) for f in frames])
    found = [[find_seeds(t, f.seeds) for f in frames] for t in chosen["text"]]
    counts = np.array([[len(s) for s in row] for row in found], dtype=np.int64)
    counts = counts.reshape(len(chosen), len(frames))
    result = score_frames(vectors, prototype_vectors, owner, counts, settings=settings)
    group = groups[keep] if groups is not None else np.arange(len(chosen))
    members = pd.Series(np.arange(len(chosen))).groupby(group).agg(list)
    copies = np.ones(len(chosen), dtype=np.int64)
    for rows_of in members:
        if len(rows_of) > 1:
            for name in ("similarity", "contrast", "score"):
                result[name][rows_of] = result[name][rows_of].mean(axis=0)
            copies[rows_of] = len(rows_of)
    result["assigned"] = (result["similarity"] >= settings.floor) & (
        result["score"] >= settings.margin
    )
    rows = []
    for i, passage in enumerate(chosen.itertuples(index=False)):
        base = {
            "doc_id": passage.doc_id,
            "passage_id": passage.passage_id,
            "outlet": passage.outlet,
            "kind": passage.kind,
        }
        words = len(passage.text.split())
        hits = np.flatnonzero(result["assigned"][i])
        for j in hits:
            rows.append(
                base
                | {
                    "frame": frames[j].name,
                    "score": float(result["score"][i, j]),
                    "similarity": float(result["similarity"][i, j]),
                    "contrast": float(result["contrast"][i, j]),
                    "confidence": confidence(
                        float(result["score"][i, j]), float(result["similarity"][i, j]), settings
                    ),
                    "copies": int(copies[i]),
                    "seeds": "; ".join(found[i][j]),
                    "prototype": prototypes[result["prototype"][i, j]],
                    "words": words,
                    "text": passage.text,
                }
            )
        if hits.size == 0:
            rows.append(
                base
                | {
                    "frame": OTHER,
                    "score": float("nan"),
                    "similarity": float(result["similarity"][i].max(initial=0.0)),
                    "contrast": float("nan"),
                    "confidence": "",
                    "copies": int(copies[i]),
                    "seeds": "",
                    "prototype": "",
                    "words": words,
                    "text": passage.text,
                }
            )
    table = pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)
    return table.round({"score": 4, "similarity": 4, "contrast": 4})


def frame_assignments(
    passages: pd.DataFrame,
    passage_vectors: np.ndarray,
    *,
    model: str = DEFAULT_MODEL,
    cache: EmbeddingCache | None = None,
    frames: tuple[Frame, ...] = FRAMES,
    settings: FrameSettings | None = None,
    kinds: tuple[str, ...] = TEXT_KINDS,
    alignments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Assign frames to passages, embedding the frame prototypes with ``model``.

    Args:
        passages: Passage table.
        passage_vectors: Its embeddings (``Result.embeddings``), made with
            the same ``model``.
        model: Embedding model name or folder (``Result.model``).
        cache: Embedding cache; the default on-disk cache when ``None``.
        frames: The frame set.
        settings: Thresholds; defaults when ``None``.
        kinds: Passage kinds that are framed.
        alignments: Alignment table (``Result.alignments``): passages aligned
            as ``reuse`` and identical texts are framed together
            (:func:`copy_groups`); only identical texts when ``None``.

    Returns:
        The assignment table of :func:`assign_frames`.
    """
    prototypes = [p for f in frames for p in f.prototypes]
    vectors = embed(prototypes, model=model, cache=cache)
    return assign_frames(
        passages,
        passage_vectors,
        vectors,
        frames=frames,
        settings=settings,
        kinds=kinds,
        groups=copy_groups(passages, alignments),
    )


def frame_profile(
    assignments: pd.DataFrame,
    passages: pd.DataFrame,
    *,
    frames: tuple[Frame, ...] = FRAMES,
    kinds: tuple[str, ...] = TEXT_KINDS,
) -> pd.DataFrame:
    """Share of each outlet's passages and words in each frame.

    Args:
        assignments: Assignment table from :func:`assign_frames`.
        passages: Passage table (the denominators: every passage of ``kinds``).
        frames: The frame set (gives the row order).
        kinds: Passage kinds that were framed.

    Returns:
        Profile table, one row per (outlet, frame) including "Other", outlets
        in corpus order: ``outlet``, ``frame``, ``passages`` (in the frame),
        ``passage_share`` (of the outlet's passages, 0 to 1), ``words`` (of
        those passages), ``word_share`` (of the outlet's words), and the bases
        of both shares, ``outlet_passages`` and ``outlet_words``. A passage
        may have several frames, so an outlet's shares add up to 1 or more.
    """
    framed = passages[passages["kind"].isin(kinds)]
    outlets = list(dict.fromkeys(framed["outlet"]))
    names = [f.name for f in frames] + [OTHER]
    total_passages = framed.groupby("outlet").size()
    total_words = framed["text"].str.split().str.len().groupby(framed["outlet"]).sum()
    unique = assignments.drop_duplicates(["doc_id", "passage_id", "frame"])
    counts = unique.groupby(["outlet", "frame"]).size()
    words = unique.groupby(["outlet", "frame"])["words"].sum()
    rows = []
    for outlet in outlets:
        for name in names:
            n = int(counts.get((outlet, name), 0))
            w = int(words.get((outlet, name), 0))
            rows.append(
                {
                    "outlet": outlet,
                    "frame": name,
                    "passages": n,
                    "passage_share": n / total_passages[outlet],
                    "words": w,
                    "word_share": w / total_words[outlet] if total_words[outlet] else 0.0,
                    "outlet_passages": int(total_passages[outlet]),
                    "outlet_words": int(total_words[outlet]),
                }
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS).round({"passage_share": 4, "word_share": 4})


def frame_examples(
    assignments: pd.DataFrame,
    *,
    per_outlet: int = 2,
    frames: tuple[Frame, ...] = FRAMES,
    include_other: bool = False,
) -> pd.DataFrame:
    """The strongest passages of each frame for each outlet: the evidence.

    Args:
        assignments: Assignment table from :func:`assign_frames`.
        per_outlet: Passages kept per (frame, outlet).
        frames: The frame set (gives the order of frames).
        include_other: Also list passages with no frame (after the frames, in
            article order).

    Returns:
        Assignment rows with a ``rank`` column (1 = strongest) added, ordered
        by frame, outlet (in order of appearance) and decreasing ``score``.
    """
    kept = assignments if include_other else assignments[assignments["frame"] != OTHER]
    frame_rank = {f.name: i for i, f in enumerate(frames)} | {OTHER: len(frames)}
    outlet_rank = {o: i for i, o in enumerate(dict.fromkeys(assignments["outlet"]))}
    ordered = kept.assign(
        _frame=kept["frame"].map(frame_rank), _outlet=kept["outlet"].map(outlet_rank)
    ).sort_values(
        ["_frame", "_outlet", "score", "doc_id", "passage_id"],
        ascending=[True, True, False, True, True],
        na_position="last",
    )
    top = ordered.groupby(["_frame", "_outlet"], sort=False).head(per_outlet)
    top = top.assign(rank=top.groupby(["_frame", "_outlet"], sort=False).cumcount() + 1)
    return top.drop(columns=["_frame", "_outlet"]).reset_index(drop=True)
