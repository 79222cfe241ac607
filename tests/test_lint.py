"""The code stays ruff-clean: a lint failure is a test failure, so CI catches it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    if not shutil.which(ruff):
        pytest.skip("ruff is not installed")
    res = subprocess.run([ruff, "check", "src", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_no_document_knowledge_in_code() -> None:
    """No participant name of the founding example may appear in the code or the lexicons."""
    gold = json.loads((ROOT / "tests" / "gold" / "peru-1978.json").read_text(encoding="utf-8"))
    surnames = {n.split()[-1] for n in gold["name_resolution"]} | {
        r["name"].split()[-1] for r in gold["roster"]
    }
    surnames -= {"North", "White", "Hunt", "Knight", "Webb"}  # also common words; checked as names below
    pattern = "|".join(sorted(surnames))
    src = ROOT / "src" / "rapporteur"
    hits = []
    for path in list(src.rglob("*.py")) + list(src.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        hits += [f"{path.name}: {m.group(0)}" for m in re.finditer(rf"\b(?:{pattern})\b", text)]
    assert not hits, hits
