"""The explorer page: self-contained, its data block cannot be broken out of, its scripts are the only
ones its CSP allows, and the demo command ends with the page's path."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

from test_report import XSS, synthetic
from typer.testing import CliRunner

from rapporteur.cli import app
from rapporteur.export.json import from_dict
from rapporteur.model import Map, Participant
from rapporteur.render.explorer import cocitations, explorer, explorer_data, script_json

DATA = re.compile(r'<script type="application/json" id="map-data">(.*?)</script>', re.S)
SCRIPTS = re.compile(r"<script>(.*?)</script>", re.S)


def test_script_json_cannot_close_its_block_and_round_trips() -> None:
    value = {"t": "</script><!-- & \u2028\u2029 <b>", "n": [1, 2]}
    out = script_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", out)
    assert json.loads(out) == value


def test_page_is_self_contained_and_its_csp_names_its_scripts(demo_map: Map) -> None:
    page = explorer(demo_map)
    markup = SCRIPTS.sub("", DATA.sub("", page))  # the page's own HTML, without script bodies
    assert not re.search(r"(src|href)\s*=", markup), "no external resource"
    assert "<link" not in markup and "@import" not in markup and "url(" not in markup
    data = json.loads(DATA.search(page).group(1))
    assert from_dict(data["map"]).claims == demo_map.claims  # the map travels whole, texts included
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    csp = html.unescape(csp)
    assert (
        "connect-src 'none'" in csp
        and "default-src 'none'" in csp
        and "unsafe-inline" not in csp.split(";")[1]
    )
    scripts = SCRIPTS.findall(page)
    assert len(scripts) == 1, "one script of our own, no charting library"
    for s in scripts:
        digest = base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "innerHTML" not in scripts[0] and "insertAdjacentHTML" not in scripts[0]
    assert "eval(" not in scripts[0] and "new Function" not in scripts[0]
    assert len(page.encode()) <= 1_000_000, "the founding example's page stays under 1 MB"


def test_relations_stances_and_layout_reach_the_page() -> None:
    m = synthetic()
    data = explorer_data(m)
    assert [r["type"] for r in data["map"]["relations"]] == ["disagree", "qualify"]
    assert data["map"]["stances"][0]["relation"] == "disagree"
    assert cocitations(m) == [{"a": "p1", "b": "p2", "claims": ["c1"]}]
    cited = {a.participant for c in m.claims for a in c.attributions}
    assert set(data["layout"]) == cited  # people without claims are not drawn
    assert all(len(xy) == 2 for xy in data["layout"].values())


def test_the_synthesis_travels_with_the_page(demo_map: Map) -> None:
    data = explorer_data(demo_map)
    syn = data["synthesis"]
    in_views = sorted(c for t in syn["themes"] for v in t["views"] for c in v["claims"])
    questions = sorted(q for t in syn["themes"] for q in t["questions"])
    assert sorted(in_views + questions) == sorted(c.id for c in demo_map.claims)
    text = demo_map.documents[0].text
    for t in syn["themes"]:
        for v in t["views"]:
            if v["label"]:
                assert text[v["label"]["start"] : v["label"]["end"]] == v["label"]["text"]
    assert syn["cruxes"] and all(p["critics"] and p["holders"] for p in syn["cruxes"])


def test_layout_fills_the_square_and_keeps_groups_apart() -> None:
    from rapporteur.render.explorer import force_layout

    nodes = [f"n{i}" for i in range(8)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(7)]
    pos = force_layout(nodes, edges)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert min(xs) == -1 and max(xs) == 1 and min(ys) == -1 and max(ys) == 1
    assert len({(round(x, 3), round(y, 3)) for x, y in pos.values()}) == 8, "no two people on one spot"
    assert force_layout(nodes, edges) == pos, "deterministic"


def test_hostile_text_stays_inside_the_data_block() -> None:
    m = synthetic()
    person = Participant("p1", XSS, XSS, ())
    evil = Map(m.documents, (person, *m.participants[1:]), m.themes, m.claims)
    page = explorer(evil)
    before_data = page.split('<script type="application/json"')[0]
    assert "<script>window" not in page and "<img" not in page
    assert "<script" not in before_data.split("<head>")[1]
    assert json.loads(DATA.search(page).group(1))["map"]["participants"][0]["name"] == XSS


def test_demo_ends_with_the_page_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    page = Path(last.split(": ", 1)[-1])
    assert page.is_absolute() and page.name == "demo.html" and page.exists()
    assert last.endswith(str(page))
    assert DATA.search(page.read_text(encoding="utf-8"))
