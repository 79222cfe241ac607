"""CSV tables: claims, attributions, relations, stances (and participants, themes, to read them by).

One file per table, written to a directory or a zip (by the name's ``.zip`` suffix). The first row
names the columns; offsets are ``str`` indices into the document text, as everywhere in the map, and
``documents.csv`` carries that text, so the bundle is checkable on its own. Columns are only ever
appended, so a reader that names its columns keeps working."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from rapporteur.model import Map

ATTRIBUTION_COLUMNS = ["claim", "participant", "polarity", "marker_start", "marker_end", "marker", "cited_as"]
ATTRIBUTION_COLUMNS += ["via", "on_behalf_of"]  # appended: readers of the first seven keep working


def tables(m: Map) -> dict[str, list[list[object]]]:
    """Table name -> rows (header first)."""
    return {
        "documents": [
            ["id", "source", "title", "format", "sha256", "encoding", "length", "text_sha256", "text"]
        ]
        + [
            [d.id, d.source, d.title, d.format, d.sha256, d.encoding, d.length, d.text_sha256, d.text]
            for d in m.documents
        ],
        "participants": [["id", "name", "affiliation", "aliases", "in_roster", "kind"]]
        + [
            [p.id, p.name, p.affiliation or "", "; ".join(p.aliases), p.in_roster, p.kind]
            for p in m.participants
        ],
        "themes": [["id", "document", "title", "parent", "start", "end"]]
        + [[t.id, t.document, t.title, t.parent or "", t.start, t.end] for t in m.themes],
        "claims": [["id", "document", "theme", "kind", "start", "end", "text"]]
        + [[c.id, c.document, c.theme or "", c.kind, c.start, c.end, c.text] for c in m.claims],
        "attributions": [ATTRIBUTION_COLUMNS]
        + [
            [
                c.id,
                a.participant,
                a.polarity,
                a.marker.start,
                a.marker.end,
                a.marker.text,
                a.cited_as,
                a.via,
                a.on_behalf_of or "",
            ]
            for c in m.claims
            for a in c.attributions
        ],
        "relations": [["id", "source", "target", "type", "cue_start", "cue_end", "cue", "confidence"]]
        + [
            [r.id, r.source, r.target, r.type, r.cue.start, r.cue.end, r.cue.text, r.confidence]
            for r in m.relations
        ],
        "stances": [["a", "b", "relation", "relations"]]
        + [[s.a, s.b, s.relation, " ".join(s.relations)] for s in m.stances],
    }


def csv_files(tables_: dict[str, list[list[object]]]) -> dict[str, str]:
    """Tables -> file name -> CSV text; shared by every export that is a bundle of CSV tables."""
    out = {}
    for name, rows in tables_.items():
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        out[f"{name}.csv"] = buf.getvalue()
    return out


def write_files(files: dict[str, str], path: str | Path) -> Path:
    """Write a bundle of files into ``path``: a zip if it ends in ``.zip``, else a directory (created)."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text in files.items():
                z.writestr(name, text)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8")
    return path


def to_csv(m: Map) -> dict[str, str]:
    """File name -> CSV text."""
    return csv_files(tables(m))


def write_csv(m: Map, path: str | Path) -> Path:
    """Write the tables into ``path``: a zip if it ends in ``.zip``, else a directory (created)."""
    return write_files(to_csv(m), path)
