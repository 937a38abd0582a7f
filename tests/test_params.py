from __future__ import annotations

import json

import pytest
from narrative import config
from narrative.params import PARAMETERS, RESERVED, ParameterError, parse_assignments


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
        (["granularity=word"], "'sentence' or 'paragraph'"),
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


@pytest.mark.parametrize(
    "path", sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name
)
def test_notebook_defaults_agree_with_the_declared_parameters(path):
    declared = {p.name: p.default for p in PARAMETERS}
    cell = _parameters_cell(path)
    for name, value in cell.items():
        if name in RESERVED:
            continue
        assert name in declared, f"{path.name}: {name} is not declared in narrative.params"
        assert value == declared[name], f"{path.name}: {name} default differs"


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
