"""The suite's parameters, declared once: one frozen :class:`RunConfig`.

Everything else derives from it: :data:`PARAMETERS` (what ``narrative params``
lists and ``-p name=value`` is checked against), the pipeline's in-memory
cache key (:meth:`RunConfig.pipeline_key`), the arguments of
:func:`narrative.pipeline.run`, the checks a notebook runs on its own
parameters (:func:`notebook_config`) and the defaults of each notebook's
``parameters`` cell (which papermill needs as literals: a test checks that
they agree with the defaults and types here).

To add a parameter, add a field to :class:`RunConfig` (with its ``help``) and
to the ``parameters`` cell of each notebook that uses it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from narrative.alignment import AlignmentSettings
from narrative.config import DEFAULT_MODEL
from narrative.corpus import CorpusError
from narrative.events import MAX_DAYS, MIN_SIMILARITY, MODES
from narrative.readers import parse_columns

_ALIGNMENT = AlignmentSettings()

#: What a parameter changes: the pipeline's result, only how the work is run, or only
#: what a notebook computes from the pipeline's result and shows.
RESULT, EXECUTION, NOTEBOOK = "result", "execution", "notebook"


class ParameterError(ValueError):
    """A bad parameter value; the message is one line naming the parameter."""


def _one_of(*choices: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        return "" if value in choices else f"must be one of {', '.join(choices)}"

    return check


def _columns(value: object) -> str:
    try:
        parse_columns(str(value))
    except CorpusError as error:
        return str(error)
    return ""


def _codebook(value: object) -> str:
    if not value:
        return ""
    from narrative.frames import CodebookError, load_frames

    try:
        load_frames(str(value))
    except CodebookError as error:
        return str(error)
    return ""


def _not_negative(value: object) -> str:
    return "" if value >= 0 else "must be 0 (choose), 1 (inline) or more"  # type: ignore[operator]


def _param(
    default: object, help: str, *, role: str = RESULT, check: Callable[[object], str] | None = None
):
    return field(default=default, metadata={"help": help, "role": role, "check": check})


@dataclass(frozen=True)
class RunConfig:
    """Every parameter of a run, with its type, default and help (in ``metadata``).

    Hashable and immutable: the pipeline keys its in-memory results by it.
    Values are checked when it is made (an ``int`` is accepted for a ``float``).

    Raises:
        ParameterError: For a value of the wrong type, or one its check refuses.
    """

    model: str = _param(DEFAULT_MODEL, "embedding model: packaged name or a local folder")
    granularity: str = _param(
        "sentence",
        "passage unit: 'sentence' or 'paragraph'",
        check=_one_of("sentence", "paragraph"),
    )
    embedding_weight: float = _param(
        _ALIGNMENT.embedding_weight,
        "weight of the embedding cosine in a pair's score; the rest is lexical overlap",
    )
    margin_min: float = _param(
        _ALIGNMENT.margin_min,
        "a pair must beat the mean of both sides' nearest neighbours by this ratio",
    )
    paraphrase_min: float = _param(_ALIGNMENT.paraphrase_min, "score from which a pair is one fact")
    related_min: float = _param(_ALIGNMENT.related_min, "score from which a pair is related")
    reuse_min: float = _param(
        _ALIGNMENT.reuse_min, "trigram containment from which a pair is reuse"
    )
    max_links: int = _param(_ALIGNMENT.max_links, "most counterparts of a passage in one article")
    corroboration_min: int = _param(
        _ALIGNMENT.corroboration_min,
        "other articles aligned with both passages that make a related pair one fact (0: off)",
    )
    columns: str = _param(
        "",
        "JSONL/CSV corpora: fields stored under other names, as field=name,... "
        "(e.g. text=article_content,title=article_title)",
        check=_columns,
    )
    date_format: str = _param(
        "", "JSONL/CSV corpora: strptime format of dates that are not ISO (e.g. %m/%d/%Y)"
    )
    events: str = _param(
        "auto",
        "how news events are found: 'auto' (as named; one event when no outlet has two "
        "articles; else by content and date), 'cluster' or 'one'",
        check=_one_of(*MODES),
    )
    event_min_similarity: float = _param(
        MIN_SIMILARITY,
        "articles without a given event: least mean similarity of two groups that merge",
    )
    event_max_days: int = _param(MAX_DAYS, "articles more days apart than this are never one event")
    scheduler: str = _param(
        "",
        "Dask scheduler address for the per-event work; empty runs it here",
        role=EXECUTION,
    )
    workers: int = _param(
        0,
        "local processes for the per-event work when no scheduler; 0 chooses (see the README)",
        role=EXECUTION,
        check=_not_negative,
    )
    review: str = _param(
        "",
        "the researcher's decisions CSV (see the README's Review section); empty: none",
    )
    max_units_shown: int = _param(80, "story units shown side by side in the report", role=NOTEBOOK)
    max_facts_shown: int = _param(40, "facts shown in the fact-by-outlet chart", role=NOTEBOOK)
    top_terms: int = _param(10, "distinctive terms shown per outlet", role=NOTEBOOK)
    frame_codebook: str = _param(
        "",
        "frame codebook: a TOML file shaped like lib/narrative/data/frames.toml; "
        "empty for the packaged one",
        role=NOTEBOOK,
        check=_codebook,
    )

    @property
    def alignment(self) -> AlignmentSettings:
        """The alignment settings these parameters set (defaults for the rest)."""
        names = AlignmentSettings.__dataclass_fields__
        return AlignmentSettings(
            **{p.name: getattr(self, p.name) for p in PARAMETERS if p.name in names}
        )

    @property
    def column_map(self) -> dict[str, str]:
        """``columns`` as ``{field: name in the file}``."""
        return parse_columns(self.columns)

    def pipeline_key(self) -> RunConfig:
        """The parameters that change the pipeline's result (the others at their defaults)."""
        return replace(self, **{p.name: p.default for p in PARAMETERS if p.role != RESULT})

    def __post_init__(self) -> None:
        # Checked however it is made: a RunConfig never holds a value of the wrong type.
        for p in PARAMETERS:
            object.__setattr__(self, p.name, p.checked(getattr(self, p.name)))

    def values(self) -> dict[str, object]:
        """``{name: value}`` for every parameter, in declaration order."""
        return {p.name: getattr(self, p.name) for p in PARAMETERS}


@dataclass(frozen=True)
class Parameter:
    """One parameter as :class:`RunConfig` declares it."""

    name: str
    type: type
    default: object
    help: str
    role: str
    check: Callable[[object], str] | None = None

    def checked(self, value: object) -> object:
        """``value`` if it has this parameter's type and passes its check.

        An ``int`` is accepted for a ``float`` (and returned as a float);
        ``bool`` is never a number.

        Raises:
            ParameterError: One line naming the parameter and what it must be.
        """
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.type) or isinstance(value, bool):
            raise ParameterError(
                f"parameter {self.name!r} must be {self.type.__name__}, not {value!r}"
            )
        problem = self.check(value) if self.check else ""
        if problem:
            joint = " " if problem.startswith("must") else ": "
            raise ParameterError(f"parameter {self.name!r}{joint}{problem}")
        return value


_TYPES = {"str": str, "int": int, "float": float}

#: Every parameter, in declaration order (read from :class:`RunConfig`).
PARAMETERS: list[Parameter] = [
    Parameter(
        f.name,
        _TYPES[f.type] if isinstance(f.type, str) else f.type,
        f.default,
        f.metadata["help"],
        f.metadata["role"],
        f.metadata["check"],
    )
    for f in fields(RunConfig)
]
BY_NAME = {p.name: p for p in PARAMETERS}
#: Set by ``narrative report`` itself (the corpus, the report folder, the pair report's
#: outlets and the pairs that get a page: ``--pairs``), not by ``-p``.
RESERVED = ("corpus", "out_dir", "outlet_a", "outlet_b", "pairs")


def parse_assignments(assignments: list[str]) -> dict[str, object]:
    """Parse and type-check ``name=value`` strings (the command line's ``-p``).

    Args:
        assignments: Strings such as ``"paraphrase_min=0.5"``.

    Returns:
        ``{name: typed value}``.

    Raises:
        ParameterError: For an unknown name, a missing ``=`` or a value of the
            wrong type; the message lists the valid names.
    """
    valid = ", ".join(BY_NAME)
    values: dict[str, object] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep:
            raise ParameterError(f"parameter {item!r} is not name=value; valid names: {valid}")
        if name not in BY_NAME:
            raise ParameterError(f"unknown parameter {name!r}; valid names: {valid}")
        parameter = BY_NAME[name]
        try:
            value = parameter.type(raw)
        except ValueError:
            raise ParameterError(
                f"parameter {name!r} must be {parameter.type.__name__}, not {raw!r}; "
                f"valid names: {valid}"
            ) from None
        values[name] = parameter.checked(value)
    return values


def make_config(values: Mapping[str, object] | None = None, **changes: object) -> RunConfig:
    """A :class:`RunConfig` from checked values; names it does not declare are ignored.

    Args:
        values: ``{name: value}``, e.g. from :func:`parse_assignments`.
        **changes: More values, taking precedence.

    Raises:
        ParameterError: For a value of the wrong type.
    """
    given = {**(values or {}), **changes}
    return RunConfig(**{name: v for name, v in given.items() if name in BY_NAME})


def notebook_config(namespace: Mapping[str, object]) -> RunConfig:
    """Check a notebook's parameters before any work; the run's configuration.

    Each declared parameter found in ``namespace`` must have its declared type
    and pass its check. Names that papermill injected (``-p name value``) but
    nothing declares are refused: papermill itself only warns and runs on.
    Errors are one line, shown without a traceback (see
    :func:`narrative.errors.short_errors`).

    Args:
        namespace: The notebook's globals.

    Returns:
        The run's configuration.

    Raises:
        ParameterError: For an unknown injected name or a wrong type or value.
    """
    from narrative.errors import short_errors

    short_errors()
    unknown = [
        n
        for n in injected_names()
        if n not in BY_NAME and n not in RESERVED and not n.startswith(PAPERMILL_PREFIX)
    ]
    if unknown:
        raise ParameterError(
            f"unknown parameter {unknown[0]!r}; valid names: "
            + ", ".join([*RESERVED[:1], *BY_NAME, *RESERVED[1:]])
        )
    for name in RESERVED:
        if name in namespace and not isinstance(namespace[name], str):
            raise ParameterError(f"parameter {name!r} must be str, not {namespace[name]!r}")
    return make_config({k: v for k, v in namespace.items() if k in BY_NAME})


#: Names papermill itself injects when asked (``--inject-paths``: ``PAPERMILL_INPUT_PATH``...).
PAPERMILL_PREFIX = "PAPERMILL_"
#: The comment papermill puts at the top of the cell of parameters it injects.
INJECTED_HEADER = "# Parameters"


def injected_names(history: Iterable[str] | None = None) -> list[str]:
    """Names assigned in the cell of parameters papermill injected before the current cell.

    papermill runs that cell right before the one after the ``parameters``
    cell; the kernel keeps every cell's source in ``In``.

    Args:
        history: Sources of the cells run so far, the current one last;
            IPython's ``In`` when ``None``.

    Returns:
        The names, in order; empty outside papermill.
    """
    if history is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return []
        shell = get_ipython()
        history = shell.user_ns.get("In", []) if shell is not None else []
    cells = list(history)
    if len(cells) < 2 or not cells[-2].lstrip().startswith(INJECTED_HEADER):
        return []
    try:
        tree = ast.parse(cells[-2])
    except SyntaxError:
        return []
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]
