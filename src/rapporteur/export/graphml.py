"""GraphML through networkx: claims and participants as nodes; relations, attributions and stances as
edges. Every attribute is a plain string or number (GraphML has no null), offsets kept on claims.

Every node and edge carries a ``label``, the attribute Gephi and yEd show: a participant's name, a
claim's text cut to ``LABEL_WIDTH`` characters (the whole text stays in ``text``), an edge's type."""

from __future__ import annotations

import io

import networkx as nx

from rapporteur import _regex as re
from rapporteur.model import Map

LABEL_WIDTH = 80


def label(text: str, width: int = LABEL_WIDTH) -> str:
    """One line of at most ``width`` characters, cut at a word where it can be, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def to_graph(m: Map) -> nx.MultiDiGraph:
    """The map as a networkx multigraph (a pair may clash on one claim and agree on another)."""
    g = nx.MultiDiGraph(name=", ".join(d.title for d in m.documents))
    themes = {t.id: t.title for t in m.themes}
    for p in m.participants:
        g.add_node(p.id, node_type="participant", label=p.name, name=p.name, affiliation=p.affiliation or "",
                   in_roster=p.in_roster)  # fmt: skip
    for c in m.claims:
        g.add_node(c.id, node_type="claim", label=label(c.text), text=c.text, kind=c.kind,
                   document=c.document, start=c.start, end=c.end,
                   theme=themes.get(c.theme or "", ""))  # fmt: skip
        for a in c.attributions:
            g.add_edge(a.participant, c.id, key=f"{a.participant}-{c.id}-{a.marker.start}",
                       edge_type="attribution", label=a.polarity, polarity=a.polarity, marker=a.marker.text,
                       marker_start=a.marker.start, marker_end=a.marker.end)  # fmt: skip
    for r in m.relations:
        g.add_edge(r.source, r.target, key=r.id, edge_type="relation", label=r.type, relation=r.type,
                   cue=r.cue.text, cue_start=r.cue.start, cue_end=r.cue.end,
                   confidence=float(r.confidence))  # fmt: skip
    for s in m.stances:
        g.add_edge(s.a, s.b, key=f"stance-{s.a}-{s.b}-{s.relation}", edge_type="stance",
                   label=s.relation, relation=s.relation, relations=" ".join(s.relations))  # fmt: skip
    return g


# Characters XML 1.0 cannot carry at all, even escaped; a record may hold them (a stray form feed, ESC).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: object) -> object:
    """Each illegal character becomes U+FFFD, one for one, so a text keeps the length its offsets say."""
    return _XML_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value


def to_graphml(m: Map) -> str:
    """GraphML text."""
    g = to_graph(m)
    g.graph = {k: _xml_safe(v) for k, v in g.graph.items()}
    for _, data in g.nodes(data=True):
        data.update({k: _xml_safe(v) for k, v in data.items()})
    for *_, data in g.edges(keys=True, data=True):
        data.update({k: _xml_safe(v) for k, v in data.items()})
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
