"""Shared fixtures: the bundled founding example and the shared corpus where it is present."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Compiled patterns are stored in a folder of the test run, not the user's cache (rapporteur._regex);
# set before rapporteur is imported, so the whole run reads and writes that folder.
os.environ.setdefault("RAPPORTEUR_CACHE_DIR", tempfile.mkdtemp(prefix="rapporteur-test-cache-"))

from rapporteur.cli import demo_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RAPPORTEUR_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def demo_file() -> Path:
    return demo_path()


@pytest.fixture(scope="session")
def demo_map(demo_file: Path):
    from rapporteur.pipeline import map_document

    return map_document(demo_file)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not present")
    return CORPUS
