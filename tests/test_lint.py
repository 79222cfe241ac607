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


def _gold_names() -> set[str]:
    """Every name a gold file of ours records: the speakers of the turn golds, the sources of the
    narrative golds (corpus records and our own fixtures alike)."""
    import yaml

    names: set[str] = set()
    gold = ROOT / "tests" / "gold"
    for path in [*gold.glob("turns/*.yaml"), *gold.glob("narrative*/*.yaml")]:
        g = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names |= {str(p) for p in g.get("people") or {}}
        names |= {str(a.get("source", "")) for a in g.get("attributions") or []}
    return names


# Words a gold name shares with prose or with the generic examples our docstrings use; countries are
# parties any bulletin names ("Chile, for the Group of 77, said"), not knowledge of one record.
_COMMON = {"Chair", "Group", "Union", "States", "Team", "Lord", "Lords", "Baroness", "Noble", "Council",
           "Minister", "Committee", "Smith", "John", "Jane", "Brown", "Grant", "Mark", "United",
           "African", "Brazil", "Canada", "Chile", "Ghana", "Japan", "Norway", "Tuvalu"}  # fmt: skip


def test_no_name_from_a_gold_record_in_code() -> None:
    """No name a turn or narrative gold records (people of the corpus and of our fixtures) stands in the
    code or the lexicons: rules and docstrings use made-up names, so no rule can be fitted to a record."""
    words = {w for n in _gold_names() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", n)} - _COMMON
    pattern = re.compile(rf"\b(?:{'|'.join(sorted(words))})\b")
    src = ROOT / "src" / "rapporteur"
    hits = []
    for path in list(src.rglob("*.py")) + list(src.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        hits += [f"{path.relative_to(src)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not hits, hits
