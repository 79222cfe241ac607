"""Argdown: claims as statements (speaker and source span in their YAML data), relations as outgoing
``+>`` / ``->`` under the answering claim, themes as ``#`` headings (one ``#`` per tree level).

Argdown gives meaning to brackets, angle brackets, braces, ``#`` and ``//`` in running text; a record
is data, so those characters are replaced by look-alikes that Argdown reads as plain text (the exact
source text stays reachable through the ``start``/``end`` offsets in each statement's data).
"""

from __future__ import annotations

import json
from collections import defaultdict

from rapporteur import _regex as re
from rapporteur.model import Claim, Map

_PLAIN = str.maketrans({"[": "(", "]": ")", "<": "‹", ">": "›", "{": "(", "}": ")", "#": "№", "@": "＠"})
_WS = re.compile(r"\s+")

# qualify is drawn as support, as in the AIF export (RA): it grants part of the view it answers
ARROWS = {"disagree": "->", "agree": "+>", "qualify": "+>"}


def plain(text: str) -> str:
    """One line of text with Argdown's markup characters neutralised."""
    t = _WS.sub(" ", text.translate(_PLAIN)).strip()
    return t.replace("//", "/ /").replace("/*", "/ *").replace("*/", "* /")


def _data(m: Map, c: Claim, names: dict[str, str]) -> str:
    data = {
        "speaker": ", ".join(names[p] for p in dict.fromkeys(c.holders)),
        "kind": c.kind,
        "document": c.document,
        "start": c.start,
        "end": c.end,
    }
    exceptions = [names[a.participant] for a in c.attributions if a.polarity == "exception"]
    if exceptions:
        data["exceptions"] = ", ".join(exceptions)
    return json.dumps(data, ensure_ascii=False)


def to_argdown(m: Map) -> str:
    """The map as an Argdown document."""
    names = {p.id: p.name for p in m.participants}
    out_rel: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for r in m.relations:
        out_rel[r.source][(ARROWS[r.type], r.target)] = None
    by_theme: dict[str | None, list[Claim]] = defaultdict(list)
    for c in m.claims:
        by_theme[c.theme if m.theme(c.theme) else None].append(c)

    lines = [f"// {plain(d.title)} ({d.source}): map of who argued what, by rapporteur" for d in m.documents]
    lines.append("")

    def statements(claims: list[Claim]) -> None:
        for c in claims:
            lines.append(f"[{c.id}]: {plain(c.text) or '(empty)'} {_data(m, c, names)}")
            for arrow, target in out_rel.get(c.id, {}):
                lines.append(f"  {arrow} [{target}]")
            lines.append("")

    statements(by_theme.get(None, []))
    depth: dict[str, int] = {}
    for t in m.themes:
        depth[t.id] = min(6, depth.get(t.parent or "", 0) + 1)
        lines.append(f"{'#' * depth[t.id]} {plain(t.title) or t.id}")
        lines.append("")
        statements(by_theme.get(t.id, []))
    return "\n".join(lines).rstrip() + "\n"
