"""The explorer: one self-contained HTML page over a map, that works from ``file://`` with no network.

It opens on the debate: the themes down the side, the selected theme's views side by side (label,
proponents, critics, qualifiers, cruxes marked), a view's claims under them and a claim's span
highlighted in its source. The participant network and the stance matrix are inline SVG drawn by the
page's own script (about 30 KB with the rest of the page) from positions computed here: a small
force layout in pure Python, so the page ships no charting library and the core needs no numpy.

The map travels inside the page as JSON in a ``<script type="application/json">`` block, with ``<``, ``>``,
``&`` and U+2028/2029 escaped so a document's text can never close the block; the page's own script puts
every text from the map into the DOM with ``textContent``. A Content-Security-Policy names the hash of
the page's own script, so even markup that got through would not run.
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

FORCE_LIMIT = 400  # beyond this many people the network is laid out on a circle (the force layout is n²)


class MissingLibrary(RuntimeError):
    """The page needs a library that is not installed; the message says how to get it."""


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
    """Positions in [-1, 1]² for the participant network: a force layout over stances and co-citations
    for the largest connected group, smaller groups and people cited alone on a ring around it (one
    layout over all would push them to the edges and squeeze the group that matters into a knot)."""
    counts = Counter(a.participant for c in m.claims for a in c.attributions)
    nodes = sorted(p.id for p in m.participants if counts[p.id])
    weights: Counter[tuple[str, str]] = Counter()
    for e in co:
        weights[(e["a"], e["b"])] += len(e["claims"])
    for s in m.stances:
        if s.a != s.b and counts[s.a] and counts[s.b]:
            weights[tuple(sorted((s.a, s.b)))] += max(1, len(s.relations))  # type: ignore[index]
    comps = _components(nodes, list(weights))
    main = comps[0] if comps and len(comps[0]) > 1 else []
    edges = [ab for ab in weights if ab[0] in set(main)]
    pos = force_layout(main, edges) if len(main) <= FORCE_LIMIT else circle(main, 0.9)
    ring = [n for comp in comps[1 if main else 0 :] for n in comp]  # small groups stay side by side
    if ring:
        scale = 0.72 if main else 1.0
        pos = {n: (x * scale, y * scale) for n, (x, y) in pos.items()}
        pos.update(circle(ring, 1.0 if main else 0.9))
    return {n: [round(x, 4), round(y, 4)] for n, (x, y) in pos.items()}


def _components(nodes: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of people, largest first (ties by their first member)."""
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def circle(nodes: list[str], r: float) -> dict[str, tuple[float, float]]:
    """Nodes evenly on a circle of radius ``r``, the first at the top."""
    step = 2 * math.pi / max(1, len(nodes))
    angles = [i * step - math.pi / 2 for i in range(len(nodes))]
    return {n: (r * math.cos(a), r * math.sin(a)) for n, a in zip(nodes, angles, strict=True)}


def force_layout(
    nodes: list[str], edges: list[tuple[str, str]], iterations: int = 120
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle (deterministic): edges pull, every pair pushes, the step
    cools; the result is stretched to fill [-1, 1] on each axis. Cost: nodes² x iterations."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    pos = [list(p) for p in circle(nodes, 1.0).values()]
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index]
    k = math.sqrt(4.0 / n)
    temp = 0.25
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = dx * dx + dy * dy or 1e-6
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for i, j in pairs:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = math.sqrt(dx * dx + dy * dy) or 1e-6
            f = d / k
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(n):
            dx, dy = disp[i]
            d = math.sqrt(dx * dx + dy * dy) or 1e-6
            step = min(d, temp)
            pos[i][0] += dx / d * step - 0.01 * pos[i][0]  # a weak pull to the centre keeps loners near
            pos[i][1] += dy / d * step - 0.01 * pos[i][1]
        temp *= 0.96
    out = {}
    for axis in (0, 1):
        lo, hi = min(p[axis] for p in pos), max(p[axis] for p in pos)
        for p in pos:
            p[axis] = 0.0 if hi == lo else 2 * (p[axis] - lo) / (hi - lo) - 1
    for v, p in zip(nodes, pos, strict=True):
        out[v] = (p[0], p[1])
    return out


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("rapporteur", "render/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def explorer_data(m: Map) -> dict[str, Any]:
    """What the page's script reads: the map@1 JSON (documents with their text), the synthesis (views,
    cruxes and common ground per theme) and the network's layout."""
    from rapporteur.synthesis import point_dict, synthesize, theme_dict

    co = cocitations(m)
    s = synthesize(m)
    return {
        "map": to_dict(m),
        "cocited": co,
        "layout": layout(m, co),
        "synthesis": {
            "clustered": s.clustered,
            "theme_of": s.theme_of,
            "themes": [theme_dict(t) for t in s.themes],
            "cruxes": [point_dict(p) for p in s.cruxes],
            "common_ground": [point_dict(p) for p in s.common],
        },
    }


def explorer(m: Map) -> str:
    """The explorer page for ``m`` as one HTML document: no external resource, nothing fetched."""
    import rapporteur

    scripts = [_static("explorer.js")]
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_csp_hash(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data:; connect-src 'none'; "
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
