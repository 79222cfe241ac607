"""The explorer: one self-contained HTML page over a map, that works from ``file://`` with no network.

Charts are drawn by plotly.js, taken from the ``plotly`` wheel (``plotly/package_data/plotly.min.js``) and
inlined, so the page is built in pure Python and needs no CDN; the participant network's layout is computed
here with networkx. One charting library draws both the network and the stance heatmap, so the page
carries one copy of one library (about 4.8 MB, read once and cached), whatever the size of the map.

The map travels inside the page as JSON in a ``<script type="application/json">`` block, with ``<``, ``>``,
``&`` and U+2028/2029 escaped so a document's text can never close the block; the page's own script puts
every text from the map into the DOM with ``textContent``. A Content-Security-Policy names the hashes of
the page's own scripts, so even markup that got through would not run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import Counter
from functools import cache
from importlib import resources
from itertools import combinations
from typing import Any

import jinja2
from markupsafe import Markup

from rapporteur.export.json import to_dict
from rapporteur.model import Map


class MissingLibrary(RuntimeError):
    """The page needs a library that is not installed; the message says how to get it."""


@cache
def plotly_js() -> str:
    """plotly.min.js as shipped in the ``plotly`` package; refuses a copy that could close a script tag."""
    try:
        path = resources.files("plotly").joinpath("package_data", "plotly.min.js")
        js = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise MissingLibrary(
            "the explorer page draws its charts with plotly.js from the plotly package: pip install plotly"
        ) from e
    if "</script" in js.lower():
        raise MissingLibrary("this plotly.min.js contains '</script' and cannot be inlined safely")
    return js


def _static(name: str) -> str:
    return resources.files("rapporteur").joinpath("render", "static", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: the characters that could end the
    block or start markup are written as ``\\u`` escapes, which JSON.parse reads back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def cocitations(m: Map) -> list[dict[str, Any]]:
    """Pairs of people named in the same attribution marker, with the claims where that happens.

    Being cited together is what the record says before any relation is found: the same marker
    ("(Abel, Baker)") attributes one point to both. It is shown as that, never as an agreement.
    """
    pairs: dict[tuple[str, str], list[str]] = {}
    for c in m.claims:
        by_marker: dict[tuple[int, int], set[str]] = {}
        for a in c.attributions:
            if a.polarity == "holds":
                by_marker.setdefault((a.marker.start, a.marker.end), set()).add(a.participant)
        for people in by_marker.values():
            for a, b in combinations(sorted(people), 2):
                claims = pairs.setdefault((a, b), [])
                if c.id not in claims:
                    claims.append(c.id)
    return [{"a": a, "b": b, "claims": cs} for (a, b), cs in sorted(pairs.items())]


def layout(m: Map, co: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Positions for the participant network: networkx's spring layout over stances and co-citations."""
    import networkx as nx

    counts = Counter(a.participant for c in m.claims for a in c.attributions)
    g = nx.Graph()
    g.add_nodes_from(p.id for p in m.participants if counts[p.id])
    for e in co:
        g.add_edge(e["a"], e["b"], weight=len(e["claims"]))
    for s in m.stances:
        if s.a in g and s.b in g and s.a != s.b:
            w = g.get_edge_data(s.a, s.b, {"weight": 0})["weight"]
            g.add_edge(s.a, s.b, weight=w + max(1, len(s.relations)))
    if not len(g):
        return {}
    try:
        return _arrange(g)
    except ImportError:  # networkx's layouts need numpy; a circle still shows every node
        nodes = sorted(g)
        step = 2 * math.pi / len(nodes)
        return {n: [round(math.cos(i * step), 4), round(math.sin(i * step), 4)] for i, n in enumerate(nodes)}


def _arrange(g: Any) -> dict[str, list[float]]:
    """The largest connected group laid out by a spring layout in the middle, the smaller groups and the
    people cited alone around it: one spring layout over all would push loners to the edges and squeeze
    the group that matters into a knot."""
    import networkx as nx

    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(c)))
    main = g.subgraph(comps[0])
    pos: dict[str, tuple[float, float]] = {}
    spread = nx.spring_layout(main, seed=7, k=2.2 / math.sqrt(len(main)), iterations=300, weight=None)
    # each axis stretched to [-1, 1] on its own, so a flat or lopsided layout still uses the whole plot
    for axis in (0, 1):
        values = [float(xy[axis]) for xy in spread.values()]
        lo, hi = min(values), max(values)
        for n, xy in spread.items():
            old = pos.get(n, (0.0, 0.0))
            v = 0.0 if hi == lo else 2 * (float(xy[axis]) - lo) / (hi - lo) - 1
            pos[n] = (v, old[1]) if axis == 0 else (old[0], v)
    rest = comps[1:]
    for i, comp in enumerate(rest):
        angle = 2 * math.pi * i / len(rest)
        cx, cy = 1.35 * math.cos(angle), 1.35 * math.sin(angle)
        nodes = sorted(comp)
        for j, n in enumerate(nodes):
            off = 0.0 if len(nodes) == 1 else 0.22
            a = 2 * math.pi * j / len(nodes)
            pos[n] = (cx + off * math.cos(a), cy + off * math.sin(a))
    return {n: [round(x, 4), round(y, 4)] for n, (x, y) in pos.items()}


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("rapporteur", "render/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def explorer_data(m: Map) -> dict[str, Any]:
    """What the page's script reads: the map@1 JSON (documents with their text) plus network layout."""
    co = cocitations(m)
    return {"map": to_dict(m), "cocited": co, "layout": layout(m, co)}


def explorer(m: Map) -> str:
    """The explorer page for ``m`` as one HTML document: no external resource, nothing fetched."""
    import rapporteur

    scripts = [plotly_js(), _static("explorer.js")]
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_csp_hash(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    title = m.documents[0].title if len(m.documents) == 1 else f"{len(m.documents)} records"
    return (
        _env()
        .get_template("explorer.html.j2")
        .render(
            title=title,
            version=rapporteur.__version__,
            csp=csp,
            css=Markup(_static("explorer.css").replace("</", "<\\/")),
            data=Markup(script_json(explorer_data(m))),
            scripts=[Markup(s) for s in scripts],
        )
    )
