"""The command line behaves like the shell tools beside it: ``-`` is stdout, a bad output path costs
one line and nothing stored, every command finds the default store, queries speak JSON, piped output is
pure TSV, a closed pipe is not an error, help shows examples and no ``<bool>``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur.cli import app

runner = CliRunner()

RECORD = """# The merger

## Costs

Merging would cut waiting times because specialists could be pooled across both sites (Greene). Others doubted that the savings would last beyond the first year (Hollis, Ibarra).

## Staff

The unions asked whether night shifts would be shared fairly between the two sites (Ibarra).
"""

ROSTER = "name,affiliation\nAna Greene,North Trust\nJohn F. Hollis,South Trust\nLuis Ibarra,Union\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a record and a roster, mapped into ./rapporteur.db (the default)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "record.md").write_text(RECORD, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    res = runner.invoke(app, ["map", "record.md", "--roster", "roster.csv", "--db", "rapporteur.db"])
    assert res.exit_code == 0, res.output
    return tmp_path


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


# ------------------------------------------------------------------------------------- - is stdout


def test_map_defaults_db_like_every_other_command(work: Path) -> None:
    (work / "rapporteur.db").unlink()
    res = runner.invoke(app, ["map", "record.md"])
    assert res.exit_code == 0, res.output
    assert (work / "rapporteur.db").is_file()
    res = runner.invoke(app, ["themes"])  # `rapporteur map x` then `rapporteur themes` just works
    assert res.exit_code == 0 and "Costs" in res.stdout


def test_export_dash_o_dash_writes_stdout_not_a_file(work: Path) -> None:
    res = runner.invoke(app, ["export", "-f", "json", "-o", "-"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["schema"] == "rapporteur/map@1"
    res = runner.invoke(app, ["export", "-f", "graphml", "-o", "-"])
    assert res.exit_code == 0 and res.stdout.startswith("<?xml")
    res = runner.invoke(app, ["report", "-o", "-"])
    assert res.exit_code == 0 and "merger" in res.stdout.lower()
    res = runner.invoke(app, ["explore", "-o", "-"])
    assert res.exit_code == 0 and res.stdout.lstrip().lower().startswith("<!doctype html")
    assert not (work / "-").exists()


def test_map_json_dash_writes_the_map_to_stdout_and_the_summary_to_stderr(work: Path) -> None:
    res = runner.invoke(app, ["map", "record.md", "--roster", "roster.csv", "--json", "-"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)  # stdout is the map alone
    assert len(data["claims"]) == 3 and "claims\t3" in res.stderr
    assert not (work / "-").exists()


def test_folder_formats_refuse_stdout(work: Path) -> None:
    for fmt in ("csv", "convokit", "polis"):
        res = runner.invoke(app, ["export", "-f", fmt, "-o", "-"])
        assert res.exit_code == 2 and "writes several files" in one_line(res.stderr)


def test_folder_formats_refuse_an_existing_file(work: Path) -> None:
    res = runner.invoke(app, ["export", "-f", "csv", "-o", "record.md"])
    assert res.exit_code == 1 and "is a file" in one_line(res.stderr)
    assert (work / "record.md").read_text("utf-8") == RECORD


def test_export_writes_convokit_and_polis_folders(work: Path) -> None:
    res = runner.invoke(app, ["export", "-f", "convokit", "-o", "corpus"])
    assert res.exit_code == 0 and (work / "corpus" / "utterances.jsonl").is_file()
    assert "wrote" in res.stderr and res.stdout == ""
    res = runner.invoke(app, ["export", "-f", "polis", "-o", "polis.zip"])
    assert res.exit_code == 0 and (work / "polis.zip").is_file()


# ---------------------------------------------------------------------------- missing output folders


@pytest.mark.parametrize("flag", ["--json", "--db"])
def test_map_into_a_missing_folder_fails_in_one_line_before_storing(work: Path, flag: str) -> None:
    store = work / "rapporteur.db"
    before = store.read_bytes()
    res = runner.invoke(app, ["map", "record.md", flag, "nowhere/sub/out.x"])
    assert res.exit_code == 1
    line = one_line(res.stderr)
    assert "nowhere/sub/out.x" in line and "does not exist" in line
    assert store.read_bytes() == before and not (work / "nowhere").exists()


def test_map_json_into_a_missing_folder_leaves_a_new_store_unwritten(work: Path) -> None:
    res = runner.invoke(app, ["map", "record.md", "--db", "fresh.db", "--json", "nowhere/m.json"])
    assert res.exit_code == 1 and "does not exist" in one_line(res.stderr)
    assert not (work / "fresh.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "json", "-o", "nowhere/m.json"],
        ["export", "-f", "csv", "-o", "nowhere/sub/tables"],
        ["report", "-o", "nowhere/r.md"],
        ["explore", "-o", "nowhere/p.html"],
    ],
)
def test_outputs_into_a_missing_folder_fail_in_one_line(work: Path, args: list[str]) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 1 and "does not exist" in one_line(res.stderr)
    assert res.exception is None or isinstance(res.exception, SystemExit)


# ------------------------------------------------------------------------------------------ --json


def test_who_json(work: Path) -> None:
    res = runner.invoke(app, ["who", "Ibarra", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["participant"]["name"] == "Luis Ibarra" and d["participant"]["affiliation"] == "Union"
    assert {c["theme_title"] for c in d["claims"]} == {"Costs", "Staff"}
    assert all(c["polarity"] == "holds" for c in d["claims"])
    assert {a["name"] for a in d["allies"]} == {"John F. Hollis"}


def test_themes_stances_search_clash_json(work: Path) -> None:
    themes = json.loads(runner.invoke(app, ["themes", "--json"]).stdout)
    assert [(t["title"], t["depth"]) for t in themes] == [("The merger", 0), ("Costs", 1), ("Staff", 1)]
    assert [t["claims"] for t in themes] == [0, 2, 1]
    stances = json.loads(runner.invoke(app, ["stances", "--json"]).stdout)
    pairs = {frozenset((s["a_name"], s["b_name"])) for s in stances}
    assert frozenset(("John F. Hollis", "Luis Ibarra")) in pairs
    hits = json.loads(runner.invoke(app, ["search", "savings", "--json"]).stdout)
    assert len(hits) == 1 and hits[0]["who"] == ["John F. Hollis", "Luis Ibarra"]
    assert hits[0]["text"].startswith("Others doubted") or "savings" in hits[0]["text"]
    res = runner.invoke(app, ["clash", "Hollis", "Ibarra", "--json"])
    assert res.exit_code == 0, res.output
    clash = json.loads(res.stdout)
    assert clash["a"]["name"] == "John F. Hollis" and clash["stances"][0]["type"] == "agree"
    assert all(e["a_text"] for s in clash["stances"] for e in s["evidence"])


# ---------------------------------------------------------------------------------------- pure TSV


@pytest.mark.parametrize(
    "args", [["who", "Ibarra"], ["themes"], ["stances"], ["search", "sites"], ["clash", "Hollis", "Ibarra"]]
)
def test_piped_output_is_pure_tsv(work: Path, args: list[str]) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) >= 2
    width = lines[0].count("\t")
    assert width >= 1 and all(ln.count("\t") == width for ln in lines), lines
    assert not any(ln.startswith(" ") for ln in lines)


def test_who_prose_goes_to_stderr_when_piped(work: Path) -> None:
    res = runner.invoke(app, ["who", "Ibarra"])
    assert "Luis Ibarra — Union" in res.stderr and "allies: John F. Hollis" in res.stderr
    assert "Union" not in res.stdout and "allies" not in res.stdout


def test_themes_keep_their_depth_as_a_column(work: Path) -> None:
    rows = [ln.split("\t") for ln in runner.invoke(app, ["themes"]).stdout.splitlines()]
    assert rows[0] == ["theme", "claims", "people", "depth"]
    assert rows[1:] == [["The merger", "0", "0", "0"], ["Costs", "2", "3", "1"], ["Staff", "1", "1", "1"]]


# ------------------------------------------------------------------------------- pipes and processes


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "rapporteur", *args]


def test_python_dash_m_rapporteur(work: Path) -> None:
    res = subprocess.run(_cli("--version"), capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout.startswith("rapporteur ")


def test_who_into_a_closed_pipe_exits_0(work: Path) -> None:
    """As ``rapporteur who X | head -1`` once head has gone: no traceback, exit 0."""
    r, w = os.pipe()
    os.close(r)  # the reader is gone before the writer writes a byte
    try:
        proc = subprocess.run(_cli("who", "Ibarra"), stdout=w, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(w)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_who_piped_into_head(work: Path) -> None:
    res = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {' '.join(_cli('who', 'Ibarra'))} | head -1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["theme\tkind\tclaim\twhere"]


def test_explore_says_where_on_stderr(work: Path) -> None:
    res = runner.invoke(app, ["explore", "-o", "page.html"])
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and str(work / "page.html") in res.stderr
    assert (work / "page.html").is_file()


# ----------------------------------------------------------------------------------- choices, names


@pytest.mark.parametrize(("command", "bad"), [("export", "pdf"), ("report", "pdf")])
def test_format_is_a_choice(work: Path, command: str, bad: str) -> None:
    res = runner.invoke(app, [command, "--format", bad])
    assert res.exit_code == 2
    assert "json" in res.output or "html" in res.output  # the choices are listed
    helptext = runner.invoke(app, [command, "--help"]).stdout
    assert ("<json|aif|xaif|argdown|graphml|csv|convokit|polis>" in helptext) or ("<md|html>" in helptext)


def test_who_by_first_name_offers_did_you_mean(work: Path) -> None:
    res = runner.invoke(app, ["who", "Ana"])
    assert res.exit_code == 1
    assert "did you mean Ana Greene?" in one_line(res.stderr)


def test_who_a_lone_initial_does_not_match_a_middle_initial(work: Path) -> None:
    res = runner.invoke(app, ["who", "F"])
    assert res.exit_code == 1
    line = one_line(res.stderr)
    assert "no participant matches 'F'" in line and "did you mean" not in line
    assert runner.invoke(app, ["who", "Hollis"]).exit_code == 0


def test_help_has_examples_and_no_bool_placeholders() -> None:
    from rapporteur.cli import app as cli_app

    top = runner.invoke(cli_app, ["--help"])
    assert top.exit_code == 0 and "<bool>" not in top.stdout and "Examples:" in top.stdout
    for cmd in cli_app.registered_commands:
        name = cmd.name or cmd.callback.__name__  # type: ignore[union-attr]
        out = runner.invoke(cli_app, [name, "--help"])
        assert out.exit_code == 0, name
        assert "<bool>" not in out.stdout, name
    for name in ("map", "export", "who", "themes", "stances", "search", "clash", "report", "explore"):
        out = runner.invoke(cli_app, [name, "--help"]).stdout
        assert "Examples:" in out and f"rapporteur {name}" in out, name
