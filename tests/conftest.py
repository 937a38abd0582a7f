"""Shared fixtures: the embedding model loads once per test session."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
#: Fixtures that build a whole report, run the pipeline twice or start a browser: a test
#: using one is ``slow`` (left out by ``make test-fast``), whatever its file.
SLOW_FIXTURES = {"built_report", "report", "report_dir", "hostile_report", "chromium", "two_runs"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that use a slow fixture as ``slow``."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


SCRIPTS = Path(__file__).parent.parent / "scripts"
ENSURE_CHROMIUM = SCRIPTS / "ensure-chromium.sh"
CANNOT_INSTALL = 3  # the script's exit status when this machine cannot install Chromium


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test session starts from an empty embedding cache of its own.

    The variable is inherited by the notebook kernels papermill starts, so they
    share this cache with the test process.
    """
    path = tmp_path_factory.mktemp("cache")
    os.environ["NARRATIVE_CACHE"] = str(path)
    return path


@pytest.fixture(scope="session")
def default_result(isolated_cache: Path):
    """The pipeline run on the default corpus with default settings (model loaded once)."""
    from narrative import config, pipeline

    return pipeline.run(config.DEFAULT_CORPUS)


@pytest.fixture
def fixtures() -> Path:
    """The folder of small test inputs written by the team."""
    return FIXTURES


@pytest.fixture(scope="session")
def built_report(tmp_path_factory: pytest.TempPathFactory, default_result):
    """The whole report of the default corpus (every notebook and pair page), built once."""
    from narrative import config
    from narrative.report import build_report

    out = tmp_path_factory.mktemp("report")
    return build_report(config.DEFAULT_CORPUS, out, {})


@pytest.fixture(scope="module")
def load_script():
    """Import a script of ``scripts/`` as a module, for its functions (unloaded afterwards)."""
    loaded = []

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        loaded.append(name)
        return module

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium binary, installed by the project's script when missing."""
    done = subprocess.run(
        ["/bin/sh", str(ENSURE_CHROMIUM)], capture_output=True, text=True, timeout=900
    )
    if done.returncode == CANNOT_INSTALL:
        pytest.skip(f"Chromium cannot be installed here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]
