"""The compiled-pattern store (``rapporteur._regex``): a pattern made from stored opcodes is the pattern
``re.compile`` makes, the file survives the process, and a damaged or missing store changes nothing but
the time. ``Pattern.__eq__`` compares flags, pattern and the compiled code, so ``==`` here is code
equality, not just the same source string."""

from __future__ import annotations

import json
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
        assert _regex._made(p, _regex._entry(p, f)) == re.compile(p, f), p  # as rebuilt from the file
        assert _regex.compile(p, f) == re.compile(p, f)
        assert _regex.compile(p, f).groupindex == re.compile(p, f).groupindex
        assert _regex.compile(p, f) is _regex.compile(p, f)  # made once per process, as re.compile


def test_stored_between_processes(tmp_path: Path) -> None:
    assert _run(_MAKE, tmp_path) == "True"  # compiled anew: the file is written at exit
    (stored,) = tmp_path.glob("patterns2-*.marshal")
    before = stored.stat().st_mtime_ns
    assert _run(_MAKE, tmp_path) == "False"  # every pattern read from the file: nothing to write
    assert stored.stat().st_mtime_ns == before
    check = f"""
from rapporteur import _regex
import json
import re
print(all(_regex.compile(p, f) == re.compile(p, f) for p, f in {PATTERNS!r}), len(_regex._load()))
"""
    assert _run(check, tmp_path) == f"True {len(PATTERNS)}"


def test_damaged_store_is_compiled_anew(tmp_path: Path) -> None:
    _run(_MAKE, tmp_path)
    (stored,) = tmp_path.glob("patterns2-*.marshal")
    stored.write_bytes(b"\x00not marshal data")
    assert _run(_MAKE, tmp_path) == "True"
    assert _run(_MAKE, tmp_path) == "False"  # rewritten whole at the end of the run before


def test_wrong_opcodes_fall_back(tmp_path: Path) -> None:
    bad = f"""
import marshal, re
from rapporteur import _regex
p, f = {PATTERNS[1]!r}
_regex._load()[(p, f)] = (f, _regex.array("I", [1, 2, 3]).tobytes(), 0, {{}}, (None,))  # _sre rejects them
print(_regex.compile(p, f) == re.compile(p, f))
"""
    assert _run(bad, tmp_path) == "True"


def test_off_when_empty(tmp_path: Path) -> None:
    assert _run(_MAKE + "print(_regex.cache_file())", "").splitlines() == ["True", "None"]


def test_bad_pattern_raises_as_re_does() -> None:
    with pytest.raises(re.error):
        _regex.compile(r"(unclosed")
    assert _regex.compile(re.compile("x")) == re.compile("x")  # a compiled pattern passes through


# A module of our own with one pure function, so a test can edit it as a developer or an upgrade would.
_MODULE = """
CALLS = []
def words(pattern):
    CALLS.append(pattern)
    return (pattern.upper(), len(pattern))
"""

_REMEMBER = """
import sys
sys.path.insert(0, {where!r})
import remembered_mod as m
from rapporteur import _regex
print(_regex.remembered(m.words, "said|argued"), _regex.remembered(m.words, "said|argued"), len(m.CALLS))
"""


def test_remembered_answer_is_kept_between_processes_until_its_module_changes(tmp_path: Path) -> None:
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "remembered_mod.py").write_text(_MODULE)
    code = _REMEMBER.format(where=str(mod))
    # the first process computes it once (the second call is this process's own copy); the next reads it
    assert _run(code, tmp_path) == "('SAID|ARGUED', 11) ('SAID|ARGUED', 11) 1"
    assert _run(code, tmp_path) == "('SAID|ARGUED', 11) ('SAID|ARGUED', 11) 0"
    # an edited module (another size and time) is never given the older answer
    (mod / "remembered_mod.py").write_text(_MODULE.replace("pattern.upper()", "pattern.lower() + '.'"))
    assert _run(code, tmp_path) == "('said|argued.', 11) ('said|argued.', 11) 1"
    # with the store off it is computed in every process
    assert _run(code, "") == "('said|argued.', 11) ('said|argued.', 11) 1"
    assert _run(code, "") == "('said|argued.', 11) ('said|argued.', 11) 1"


def test_remembered_with_an_argument_that_is_no_key_just_calls() -> None:
    assert _regex.remembered(len, ["a", "b"]) == 2  # a list: not hashable, so not kept
    assert _regex.remembered(len, "abc") == 3  # a builtin has no module file: called, not kept


_MADE = """
import json, sys
from rapporteur import _regex
from rapporteur.pipeline import map_document
for p in sys.argv[1:]:
    map_document(p)
print(json.dumps(sorted(repr(k) for k in [*_regex._used, *_regex._kept])))
"""


def test_the_same_records_make_the_same_patterns_in_every_process() -> None:
    """A pattern built from a set's words in the set's order is another string in every process
    (string hashing is seeded per process): it is compiled anew on every run and the store gains a
    copy each time. Two seeds, the same records, the store off: the very same patterns."""
    root = Path(__file__).parent.parent
    files = [root / "src/rapporteur/data/demo-report.txt", *sorted((root / "bench/fixtures").glob("*.txt"))]
    made = []
    for seed in ("1", "2"):
        env = {"RAPPORTEUR_CACHE_DIR": "", "PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        out = subprocess.run(
            [sys.executable, "-c", _MADE, *map(str, files)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        made.append(set(json.loads(out.stdout)))
    assert len(made[0]) > 100  # the records meet the lexicons' patterns
    assert made[0] == made[1], sorted(made[0] ^ made[1])[:3]
