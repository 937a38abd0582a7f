from __future__ import annotations

import json

import pytest
from narrative import config
from narrative.params import (
    BY_NAME,
    NOTEBOOK,
    PARAMETERS,
    RESERVED,
    ParameterError,
    RunConfig,
    injected_names,
    make_config,
    notebook_config,
    parse_assignments,
)


def test_parse_types_values():
    assert parse_assignments(["paraphrase_min=0.5", "max_links=3"]) == {
        "paraphrase_min": 0.5,
        "max_links": 3,
    }
    assert parse_assignments(["columns=text=story,doc_id=uid", "date_format=%m/%d/%Y"]) == {
        "columns": "text=story,doc_id=uid",
        "date_format": "%m/%d/%Y",
    }


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["treshold=0.5"], "unknown parameter 'treshold'"),
        (["max_links=two"], "must be int"),
        (["paraphrase_min"], "not name=value"),
        (["granularity=word"], "sentence, paragraph"),
        (["events=some"], "auto, cluster, one"),
        (["columns=body_text=story"], "unknown field"),
        (["columns=text"], "not field=name"),
        (["workers=-2"], "0 \\(choose\\)"),
    ],
)
def test_bad_parameters_are_one_line_errors(given, message):
    with pytest.raises(ParameterError, match=message) as error:
        parse_assignments(given)
    assert "\n" not in str(error.value)


def _parameters_cell(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(cells) == 1, f"{path.name} needs exactly one parameters cell"
    namespace: dict = {}
    exec("".join(cells[0]["source"]), namespace)
    return {k: v for k, v in namespace.items() if not k.startswith("__")}


def _annotations(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    namespace: dict = {}
    # Not this module's `from __future__ import annotations`: the cell's types as objects.
    exec(compile("".join(cell["source"]), path.name, "exec", dont_inherit=True), namespace)
    return namespace.get("__annotations__", {})


@pytest.mark.parametrize(
    "path", sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name
)
def test_notebook_parameters_cell_matches_run_config(path):
    """Defaults and types of every notebook's parameters cell are RunConfig's."""
    cell = _parameters_cell(path)
    types = _annotations(path)
    for name, value in cell.items():
        if name in RESERVED:
            assert types[name] is str, f"{path.name}: {name} must be annotated str"
            continue
        assert name in BY_NAME, f"{path.name}: {name} is not declared in RunConfig"
        declared = BY_NAME[name]
        assert types.get(name) is declared.type, f"{path.name}: {name} type differs"
        assert value == declared.default, f"{path.name}: {name} default differs"
        assert type(value) is declared.type, f"{path.name}: {name} literal has another type"
    # Every parameter that changes the result is settable in every notebook.
    missing = [p.name for p in PARAMETERS if p.role != NOTEBOOK and p.name not in cell]
    assert not missing, f"{path.name} lacks {missing}"


def test_run_config_declares_the_parameters_once():
    assert [p.name for p in PARAMETERS] == list(RunConfig.__dataclass_fields__)
    assert RunConfig().values() == {p.name: p.default for p in PARAMETERS}
    assert RunConfig(paraphrase_min=0.5).alignment.paraphrase_min == 0.5
    # What only changes how the work runs or what is shown leaves the pipeline's key alone.
    base = RunConfig().pipeline_key()
    assert RunConfig(workers=2, top_terms=3).pipeline_key() == base
    assert RunConfig(model="other").pipeline_key() != base


def test_make_config_checks_types():
    assert make_config({"embedding_weight": 1}).embedding_weight == 1.0
    with pytest.raises(ParameterError, match="'max_facts_shown' must be int, not 'ten'"):
        make_config({"max_facts_shown": "ten"})
    with pytest.raises(ParameterError, match="'max_links' must be int, not True"):
        make_config({"max_links": True})
    with pytest.raises(ParameterError, match="^parameter 'columns': columns: 'text' is not"):
        RunConfig(columns="text")
    assert RunConfig(related_min=1).related_min == 1.0


def test_notebook_config_refuses_injected_names_nothing_declares(monkeypatch):
    injected = '# Parameters\noutlet = "TASS"\ncorpus = "x"\n'
    assert injected_names(["import x", injected, "run()"]) == ["outlet", "corpus"]
    assert injected_names(["import x", "corpus = 'x'", "run()"]) == []
    monkeypatch.setattr("narrative.params.injected_names", lambda: ["outlet"])
    with pytest.raises(ParameterError, match="unknown parameter 'outlet'; valid names: corpus"):
        notebook_config({})
    monkeypatch.setattr(
        "narrative.params.injected_names", lambda: ["max_links", "PAPERMILL_INPUT_PATH"]
    )
    assert notebook_config({"max_links": 2, "corpus": ""}).max_links == 2
    with pytest.raises(ParameterError, match="'corpus' must be str"):
        notebook_config({"corpus": 3})


@pytest.mark.parametrize(
    "path", sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name
)
def test_papermill_reads_every_parameter(path):
    """papermill's own parser (used for `papermill --help-notebook`) reads each line of the cell."""
    from papermill.translators import PythonTranslator

    cell = json.loads(path.read_text(encoding="utf-8"))
    source = [c for c in cell["cells"] if "parameters" in c["metadata"].get("tags", [])][0]
    found = PythonTranslator.inspect({"source": "".join(source["source"])})
    assert [p.name for p in found] == list(_parameters_cell(path))


def test_run_with_parameters_checks_before_any_work(tmp_path):
    from narrative import pipeline
    from narrative.corpus import CorpusError

    with pytest.raises(ParameterError, match="'granularity' must be one of sentence, paragraph"):
        pipeline.run_with_parameters({"granularity": "word"})
    with pytest.raises(CorpusError, match="corpus not found"):
        pipeline.run_with_parameters({"corpus": str(tmp_path / "nowhere")})
