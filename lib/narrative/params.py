"""The suite's parameters, declared once with types, defaults and help.

Notebooks repeat these defaults in their ``parameters`` cell (a test checks
they agree); ``narrative report -p name=value`` is checked against this list
before anything runs, so an unknown name or a wrong type stops with a one-line
error instead of papermill's warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrative.alignment import AlignmentSettings
from narrative.config import DEFAULT_MODEL
from narrative.corpus import CorpusError
from narrative.events import MAX_DAYS, MIN_SIMILARITY, MODES
from narrative.readers import parse_columns

_DEFAULTS = AlignmentSettings()


@dataclass(frozen=True)
class Parameter:
    """One parameter: its name, type, default and what it does."""

    name: str
    type: type
    default: object
    help: str


PARAMETERS: list[Parameter] = [
    Parameter("model", str, DEFAULT_MODEL, "embedding model: packaged name or a local folder"),
    Parameter("granularity", str, "sentence", "passage unit: 'sentence' or 'paragraph'"),
    Parameter(
        "embedding_weight",
        float,
        _DEFAULTS.embedding_weight,
        "weight of the embedding cosine in a pair's score; the rest is lexical overlap",
    ),
    Parameter(
        "margin_min",
        float,
        _DEFAULTS.margin_min,
        "a pair must beat the mean of both sides' nearest neighbours by this ratio",
    ),
    Parameter(
        "paraphrase_min", float, _DEFAULTS.paraphrase_min, "score from which a pair is one fact"
    ),
    Parameter("related_min", float, _DEFAULTS.related_min, "score from which a pair is related"),
    Parameter(
        "reuse_min", float, _DEFAULTS.reuse_min, "trigram containment from which a pair is reuse"
    ),
    Parameter(
        "max_links", int, _DEFAULTS.max_links, "most counterparts of a passage in one article"
    ),
    Parameter(
        "corroboration_min",
        int,
        _DEFAULTS.corroboration_min,
        "other articles aligned with both passages that make a related pair one fact (0: off)",
    ),
    Parameter(
        "columns",
        str,
        "",
        "JSONL/CSV corpora: fields stored under other names, as field=name,... "
        "(e.g. text=article_content,title=article_title)",
    ),
    Parameter(
        "date_format",
        str,
        "",
        "JSONL/CSV corpora: strptime format of dates that are not ISO (e.g. %m/%d/%Y)",
    ),
    Parameter(
        "events",
        str,
        "auto",
        "how news events are found: 'auto' (as named; one event when no outlet has two "
        "articles; else by content and date), 'cluster' or 'one'",
    ),
    Parameter(
        "event_min_similarity",
        float,
        MIN_SIMILARITY,
        "articles without a given event: least mean TF-IDF cosine within one event",
    ),
    Parameter(
        "event_max_days", int, MAX_DAYS, "articles more days apart than this are never one event"
    ),
    Parameter(
        "scheduler", str, "", "Dask scheduler address for the per-event work; empty runs it here"
    ),
    Parameter(
        "workers",
        int,
        0,
        "local processes for the per-event work when no scheduler; 0 chooses (see the README)",
    ),
    Parameter("max_units_shown", int, 80, "story units shown side by side in the report"),
    Parameter("max_facts_shown", int, 40, "facts shown in the fact-by-outlet chart"),
    Parameter("top_terms", int, 10, "distinctive terms shown per outlet"),
    Parameter(
        "frame_codebook",
        str,
        "",
        "frame codebook: a TOML file shaped like lib/narrative/data/frames.toml; "
        "empty for the packaged one",
    ),
]

BY_NAME = {p.name: p for p in PARAMETERS}
#: Set by ``narrative report`` itself (the pair report's outlets: ``--pairs``), not by ``-p``.
RESERVED = ("corpus", "out_dir", "outlet_a", "outlet_b")


class ParameterError(ValueError):
    """A bad ``-p`` value; the message is one line and lists the valid names."""


def parse_assignments(assignments: list[str]) -> dict[str, object]:
    """Parse and type-check ``name=value`` strings.

    Args:
        assignments: Strings such as ``"paraphrase_min=0.5"``.

    Returns:
        ``{name: typed value}``.

    Raises:
        ParameterError: For an unknown name, a missing ``=`` or a value of the
            wrong type.
    """
    valid = ", ".join(p.name for p in PARAMETERS)
    values: dict[str, object] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep:
            raise ParameterError(f"parameter {item!r} is not name=value; valid names: {valid}")
        if name not in BY_NAME:
            raise ParameterError(f"unknown parameter {name!r}; valid names: {valid}")
        kind = BY_NAME[name].type
        try:
            value = kind(raw)
        except ValueError:
            raise ParameterError(
                f"parameter {name!r} must be {kind.__name__}, not {raw!r}; valid names: {valid}"
            ) from None
        if name == "granularity" and value not in ("sentence", "paragraph"):
            raise ParameterError("parameter 'granularity' must be 'sentence' or 'paragraph'")
        if name == "columns":
            try:
                parse_columns(str(value))
            except CorpusError as error:
                raise ParameterError(f"parameter 'columns': {error}") from None
        if name == "events" and value not in MODES:
            raise ParameterError(f"parameter 'events' must be one of {', '.join(MODES)}")
        if name == "frame_codebook" and value:
            from narrative.frames import CodebookError, load_frames

            try:
                load_frames(str(value))
            except CodebookError as error:
                raise ParameterError(str(error)) from None
        if name == "workers" and value < 0:
            raise ParameterError("parameter 'workers' must be 0 (choose), 1 (inline) or more")
        values[name] = value
    return values


def alignment_settings(values: dict[str, object]) -> AlignmentSettings:
    """Alignment settings from parameter values (defaults for the rest)."""
    fields = AlignmentSettings.__dataclass_fields__
    return AlignmentSettings(**{k: v for k, v in values.items() if k in fields})
