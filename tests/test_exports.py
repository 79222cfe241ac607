"""Exports read back by the tools that use them: arguebuf (AIF, xAIF), the Argdown CLI, networkx
(GraphML), and Python's csv module. Run on the founding example and on a record full of characters
that mean something in these formats."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from rapporteur.export.aif import aif_dict, to_aif, to_xaif
from rapporteur.export.argdown import ARROWS, to_argdown
from rapporteur.export.csv import to_csv, write_csv
from rapporteur.export.graphml import to_graphml
from rapporteur.ingest.text import load_text
from rapporteur.model import Map
from rapporteur.pipeline import extract
from rapporteur.resolve import RosterPerson

ROOT = Path(__file__).resolve().parents[1]
ARGDOWN = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"

NASTY = """# Markup [in] {the} <title> #1

## Section // with a comment-like mark

Rates [sic] must fall by 2% {at least} <now> #urgent /* really */ (Okafor). But others argued that @rates: "cuts" \\ hurt savers -> badly (Lindqvist).

Some speakers rejected this view; prices are *sticky* (Haddad, Moreau).
"""


@pytest.fixture(scope="module")
def nasty_map() -> Map:
    roster = [RosterPerson(n) for n in ("Ada Okafor", "Nils Lindqvist", "Rana Haddad", "Luc Moreau")]
    return extract(load_text(NASTY, source="nasty.md"), roster)


@pytest.fixture(scope="module", params=["demo", "nasty"])
def any_map(request: pytest.FixtureRequest, demo_map: Map, nasty_map: Map) -> Map:
    return demo_map if request.param == "demo" else nasty_map


def test_nasty_map_has_relations(nasty_map: Map) -> None:
    assert {r.type for r in nasty_map.relations} == {"disagree"} and len(nasty_map.relations) >= 2


# ---------------------------------------------------------------------------------------------- AIF


def test_arguebuf_loads_aif_with_every_claim_and_relation(any_map: Map) -> None:
    arguebuf = pytest.importorskip("arguebuf")
    g = arguebuf.load.aif(json.loads(to_aif(any_map)))
    assert len(g.atom_nodes) == len(any_map.claims)
    assert {n.plain_text for n in g.atom_nodes.values()} == {c.text for c in any_map.claims}
    assert len(g.scheme_nodes) == len(any_map.relations)
    attacks = [n for n in g.scheme_nodes.values() if isinstance(n.scheme, arguebuf.Attack)]
    assert len(attacks) == sum(r.type == "disagree" for r in any_map.relations)
    x = arguebuf.load.xaif(json.loads(to_xaif(any_map)))
    assert len(x.atom_nodes) == len(any_map.claims) and len(x.scheme_nodes) == len(any_map.relations)


def test_aif_locutions_participants_and_no_direct_i_to_i(any_map: Map) -> None:
    d = aif_dict(any_map)
    kinds = {n["nodeID"]: n["type"] for n in d["nodes"]}
    people = {p["participantID"] for p in d["participants"]}
    loc = {x["nodeID"]: x for x in d["locutions"]}
    names = {p["participantID"]: f"{p['firstname']} {p['surname']}".strip() for p in d["participants"]}
    lnodes = [n for n in d["nodes"] if n["type"] == "L"]
    assert len(lnodes) == sum(len(set(c.holders)) for c in any_map.claims)
    for n in lnodes:
        assert n["nodeID"] in loc and loc[n["nodeID"]]["personID"] in people
        assert n["text"].startswith(names[loc[n["nodeID"]]["personID"]] + ": ")
    for e in d["edges"]:
        assert (kinds[e["fromID"]], kinds[e["toID"]]) in {("L", "YA"), ("YA", "I"), ("I", "CA"), ("CA", "I"),
                                                           ("I", "RA"), ("RA", "I")}  # fmt: skip
    assert all(n["text"] == "Asserting" for n in d["nodes"] if n["type"] == "YA")


# ------------------------------------------------------------------------------------------ Argdown


def _argdown_cli() -> Path | None:
    found = ARGDOWN if ARGDOWN.exists() else (Path(p) if (p := shutil.which("argdown")) else None)
    if found is None and os.environ.get("RAPPORTEUR_REQUIRE_TOOLS") == "1":
        pytest.fail("the Argdown CLI is required (RAPPORTEUR_REQUIRE_TOOLS=1) but not installed; see .ci/run")
    return found


def test_argdown_cli_parses_statements_and_relations(any_map: Map, tmp_path: Path) -> None:
    cli = _argdown_cli()
    if cli is None:
        pytest.skip("the Argdown CLI is not installed (.ci/run installs it)")
    src = tmp_path / "map.argdown"
    src.write_text(to_argdown(any_map), encoding="utf-8")
    run = subprocess.run(
        [str(cli), "json", str(src), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "error" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
    d = json.loads((tmp_path / "map.json").read_text("utf-8"))
    assert set(d["statements"]) == {c.id for c in any_map.claims}
    expected = {
        (r.source, r.target, "attack" if ARROWS[r.type] == "->" else "support") for r in any_map.relations
    }
    got = {(r["from"], r["to"], r["relationType"]) for r in d["relations"]}
    assert got == expected
    by_id = {c.id: c for c in any_map.claims}
    for sid, st in d["statements"].items():
        data = st["members"][0]["data"] if "members" in st else st.get("data")
        if data is None:
            data = st.get("data")
        assert data["start"] == by_id[sid].start and data["end"] == by_id[sid].end
    assert len(d["sections"]) >= 1


def test_argdown_text_is_neutralised(nasty_map: Map) -> None:
    text = to_argdown(nasty_map)
    body = [ln for ln in text.splitlines() if ln.startswith("[c")]
    for ln in body:
        statement = ln.split("]: ", 1)[1].rsplit(" {", 1)[0]
        assert not any(ch in statement for ch in "[]{}<>#") and "//" not in statement


# ------------------------------------------------------------------------------------------ GraphML


def test_networkx_reads_the_graphml_back(any_map: Map, tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    path.write_text(to_graphml(any_map), encoding="utf-8")
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed()
    claims = [n for n, a in g.nodes(data=True) if a["node_type"] == "claim"]
    assert len(claims) == len(any_map.claims)
    by_type: dict[str, int] = {}
    for _, _, a in g.edges(data=True):
        by_type[a["edge_type"]] = by_type.get(a["edge_type"], 0) + 1
    assert by_type.get("relation", 0) == len(any_map.relations)
    assert by_type.get("stance", 0) == len(any_map.stances)
    assert by_type.get("attribution", 0) == sum(len(c.attributions) for c in any_map.claims)
    text = any_map.documents[0].text
    for c in claims:
        a = g.nodes[c]
        assert text[int(a["start"]) : int(a["end"])] == a["text"]


# ---------------------------------------------------------------------------------------------- CSV


def test_csv_tables_read_back(any_map: Map, tmp_path: Path) -> None:
    files = to_csv(any_map)
    assert {"claims.csv", "attributions.csv", "relations.csv", "stances.csv"} <= set(files)
    rows = {n: list(csv.DictReader(io.StringIO(t))) for n, t in files.items()}
    assert len(rows["claims.csv"]) == len(any_map.claims)
    assert len(rows["relations.csv"]) == len(any_map.relations)
    assert len(rows["stances.csv"]) == len(any_map.stances)
    text = any_map.documents[0].text
    for r in rows["claims.csv"]:
        assert text[int(r["start"]) : int(r["end"])] == r["text"]
    for r in rows["relations.csv"]:
        assert text[int(r["cue_start"]) : int(r["cue_end"])] == r["cue"]
    z = write_csv(any_map, tmp_path / "map.zip")
    with zipfile.ZipFile(z) as zf:
        assert sorted(zf.namelist()) == sorted(files)
        assert zf.read("claims.csv").decode("utf-8") == files["claims.csv"]
    d = write_csv(any_map, tmp_path / "tables")
    assert (d / "stances.csv").read_text("utf-8") == files["stances.csv"]
