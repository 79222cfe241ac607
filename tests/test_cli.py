"""The command line end to end: summaries, queries, and one clear line for every bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur.cli import app

runner = CliRunner()

GOOD = """Introduction

The board met to weigh the merger of the two regional hospitals and heard a long debate about it.

Merging would cut waiting times because specialists could be pooled across both sites (Greene). Others doubted that the savings would last beyond the first year (Hollis, Ibarra).
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    src = tmp_path / "good.txt"
    src.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "m.db"
    res = runner.invoke(app, ["map", str(src), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n\t\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    unknown = tmp_path / "utf32.txt"
    unknown.write_bytes("Ünïcödé ✓ ★ ☂".encode("utf-32-be"))
    shiftjis = tmp_path / "sjis.txt"
    shiftjis.write_bytes("議事録：賛成と反対の意見が述べられた。".encode("shift_jis") * 5)
    directory = tmp_path / "adir"
    directory.mkdir()
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 40, encoding="utf-8")
    return {
        "empty": (empty, "empty"),
        "blank": (blank, "empty"),
        "binary": (binary, "binary"),
        "utf32": (unknown, "binary"),
        "shift_jis": (shiftjis, "not UTF-8"),
        "directory": (directory, "directory"),
        "missing": (tmp_path / "nope.txt", "no such file"),
        "oversize": (big, "over the limit"),
    }


@pytest.mark.parametrize(
    "case", ["empty", "blank", "binary", "utf32", "shift_jis", "directory", "missing", "oversize"]
)
def test_bad_input_one_line_exit_1_store_untouched(tmp_path: Path, store: Path, case: str) -> None:
    path, reason = bad_inputs(tmp_path)[case]
    before = digest(store)
    res = runner.invoke(app, ["map", str(path), "--db", str(store), "--max-bytes", "2000"])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert digest(store) == before


def test_batch_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "b.db"
    res = runner.invoke(app, ["map", str(tmp_path / "missing.txt"), str(good), "--db", str(db)])
    assert res.exit_code == 1  # one file failed
    assert "missing.txt: no such file" in res.stderr
    who = runner.invoke(app, ["who", "Greene", "--db", str(db)])
    assert who.exit_code == 0 and "specialists could be pooled" in who.stdout


def test_map_summary_json_and_queries(tmp_path: Path, store: Path) -> None:
    out = tmp_path / "m.json"
    src = tmp_path / "good.txt"
    res = runner.invoke(app, ["map", str(src), "--db", str(store), "--json", str(out)])
    assert res.exit_code == 0
    rows = dict(line.split("\t") for line in res.stdout.splitlines())
    assert rows["claims"] == "2" and rows["participants"] == "3" and rows["themes"] == "1"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "rapporteur/map@1"
    # mapping the same file again leaves one copy
    exported = runner.invoke(app, ["export", "--db", str(store), "--format", "json"])
    assert exported.exit_code == 0
    stored = json.loads(exported.stdout)
    assert len(stored["documents"]) == 1 and len(stored["claims"]) == 2
    who = runner.invoke(app, ["who", "ibarra", "--db", str(store)])
    assert who.exit_code == 0
    assert "savings would last beyond the first year" in who.stdout
    themes = runner.invoke(app, ["themes", "--db", str(store)])
    assert themes.stdout.splitlines() == ["theme\tclaims\tpeople\tdepth", "Introduction\t2\t3\t0"]
    found = runner.invoke(app, ["search", "waiting", "--db", str(store)])
    assert found.exit_code == 0 and "Greene" in found.stdout and "Hollis" not in found.stdout


def test_usage_errors_exit_2(store: Path) -> None:
    assert runner.invoke(app, ["map"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", str(store), "--format", "pdf"]).exit_code == 2


def test_queries_on_a_missing_store_fail_cleanly(tmp_path: Path) -> None:
    res = runner.invoke(app, ["who", "x", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no such map database" in res.stderr


def test_who_reports_unknown_and_ambiguous(store: Path) -> None:
    res = runner.invoke(app, ["who", "Zzyzx", "--db", str(store)])
    assert res.exit_code == 1 and "no participant matches" in res.stderr


def test_demo_maps_the_bundled_example(tmp_path: Path) -> None:
    res = runner.invoke(app, ["demo", "--dir", str(tmp_path / "demo")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "demo" / "demo.db").is_file()
    rows = dict(line.split("\t") for line in res.stdout.splitlines() if "\t" in line)
    assert int(rows["claims"]) > 100 and int(rows["themes"]) >= 8
