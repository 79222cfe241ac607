"""The compiled-pattern store (``rapporteur._regex``): a pattern made from stored opcodes is the pattern
``re.compile`` makes, the file survives the process, and a damaged or missing store changes nothing but
the time. ``Pattern.__eq__`` compares flags, pattern and the compiled code, so ``==`` here is code
equality, not just the same source string."""

from __future__ import annotations

import _sre
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rapporteur import _regex

PATTERNS = [
    (r"\b(?:said|argued|noted)\b", int(re.IGNORECASE)),
    (r"(?P<name>[A-Z][a-z]+)\s+\((?P<org>[^)]*)\)", 0),
    (r"^\s*(?:[-*]\s+)?(?P<who>\w+):", int(re.MULTILINE)),
    (rb"\x00[\x01-\x7f]+", 0),
    ('[“"‘](?=s?\\s+[a-z])', 0),
]


def _run(code: str, where: Path | str) -> str:
    env = {"RAPPORTEUR_CACHE_DIR": str(where), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


_MAKE = f"""
from rapporteur import _regex
for p, f in {PATTERNS!r}:
    _regex.compile(p, f)
print(_regex._added)
"""


def test_same_pattern_as_re_compile() -> None:
    for p, f in PATTERNS:
        assert _sre.compile(p, *_regex._entry(p, f)) == re.compile(p, f), p  # as rebuilt from the file
        assert _regex.compile(p, f) == re.compile(p, f)
        assert _regex.compile(p, f).groupindex == re.compile(p, f).groupindex
        assert _regex.compile(p, f) is _regex.compile(p, f)  # made once per process, as re.compile


def test_stored_between_processes(tmp_path: Path) -> None:
    assert _run(_MAKE, tmp_path) == "True"  # compiled anew: the file is written at exit
    (stored,) = tmp_path.glob("patterns-*.marshal")
    before = stored.stat().st_mtime_ns
    assert _run(_MAKE, tmp_path) == "False"  # every pattern read from the file: nothing to write
    assert stored.stat().st_mtime_ns == before
    check = f"""
from rapporteur import _regex
import re
print(all(_regex.compile(p, f) == re.compile(p, f) for p, f in {PATTERNS!r}), len(_regex._load()))
"""
    assert _run(check, tmp_path) == f"True {len(PATTERNS)}"


def test_damaged_store_is_compiled_anew(tmp_path: Path) -> None:
    _run(_MAKE, tmp_path)
    (stored,) = tmp_path.glob("patterns-*.marshal")
    stored.write_bytes(b"\x00not marshal data")
    assert _run(_MAKE, tmp_path) == "True"
    assert _run(_MAKE, tmp_path) == "False"  # rewritten whole at the end of the run before


def test_wrong_opcodes_fall_back(tmp_path: Path) -> None:
    bad = f"""
import marshal, re
from rapporteur import _regex
p, f = {PATTERNS[1]!r}
_regex._load()[(p, f)] = (f, [1, 2, 3], 0, {{}}, (None,))  # opcodes _sre rejects
print(_regex.compile(p, f) == re.compile(p, f))
"""
    assert _run(bad, tmp_path) == "True"


def test_off_when_empty(tmp_path: Path) -> None:
    assert _run(_MAKE + "print(_regex.cache_file())", "").splitlines() == ["True", "None"]


def test_bad_pattern_raises_as_re_does() -> None:
    with pytest.raises(re.error):
        _regex.compile(r"(unclosed")
    assert _regex.compile(re.compile("x")) == re.compile("x")  # a compiled pattern passes through
