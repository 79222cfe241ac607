"""The TEI reader: parliamentary sittings (ParlaMint) and other TEI transcripts, as speaker turns.

Each utterance ``<u who="#id">`` (or speech ``<sp who="#id">`` with its ``<speaker>``) becomes a
``turn``: the reader writes "Speaker Name: " into the text, then the utterance's segments
(``<seg>``, ``<p>``) as the turn's paragraphs, and records the label's span and ``speaker`` = the
``who`` id. Editorial notes (``<note>``: "Question", "(Laughter)", "House adjourned"), stage
directions (``<stage>``) and ``<kinesic>``/``<vocal>``/``<incident>`` descriptions are never the
speaker's words: a note in an utterance is written after the turn, every note a ``footnote`` block.
``<head>`` is a heading
at its ``<div>`` depth; the header (``<teiHeader>``) gives the title and the roster, never body text.

The roster is ``listPerson`` (``persName``, ``affiliation``), as ``RosterHint``s keyed "#id". A
ParlaMint sitting often ships without it, its speakers in a metadata table beside the file: when the
reader is given a path (``source``) and a file named ``<stem>-meta-en.tsv`` or ``<stem>-meta.tsv``
stands beside it (at most 4 MB), its ``Speaker_ID``, ``Speaker_name`` and ``Speaker_party_name``
columns give the names and affiliations. Nothing else is looked up.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rapporteur import _regex as re
from rapporteur.ingest._blocks import TextBuilder, normalize, split_roster
from rapporteur.ingest._xml import attr, events, local, parse, root_name
from rapporteur.ingest.reader import Extracted
from rapporteur.layout import Layout, RosterHint

FORMAT = "tei"
SUFFIXES = (".tei",)
PRIORITY = 100
BINARY = False
SNIFF_NEEDS = (b"<",)  # sniff claims only bytes holding one of these: an element

_META_SUFFIXES = ("-meta-en.tsv", "-meta.tsv")
_META_MAX = 4 * 1024 * 1024
_NOTES = {"note", "stage", "kinesic", "vocal", "incident"}
_FRONT_BLOCKS = {"p", "head", "docTitle", "titlePart", "docDate", "byline", "docAuthor", "docImprint", "div"}
_SILENT = {"gap", "pause", "shift", "anchor"}  # editorial marks with no words of the record
_SKIP = {"teiHeader", "fw", "figDesc", "interp", "interpGrp", "linkGrp", "spanGrp", "timeline"}


def sniff(data: bytes) -> bool:
    return root_name(data) in {"TEI", "teiCorpus"}


def _text(el) -> str:
    """An element's text, notes and editorial descriptions left out."""
    parts: list[str] = []
    for ev, item in events(el, skip=lambda e: e is not el and local(e.tag) in _NOTES):
        if ev == "text":
            parts.append(item)  # type: ignore[arg-type]
    return normalize(" ".join(parts))


def _pers_name(el) -> str:
    """ "Forename Surname" from a ``persName``, whatever order the parts are encoded in."""
    forenames = [normalize(e.text or "") for e in el if local(e.tag) == "forename"]
    surnames = [normalize(e.text or "") for e in el if local(e.tag) in {"surname", "addName"}]
    if forenames or surnames:
        return normalize(" ".join([*forenames, *surnames]))
    return _text(el)


def _roster_from_list(root) -> list[RosterHint]:
    orgs = {}
    for org in root.iter("{*}org"):
        oid = attr(org, "id")
        name = next((normalize(n.text or "") for n in org.iter("{*}orgName")), "")
        if oid and name:
            orgs[f"#{oid}"] = name
    out: list[RosterHint] = []
    for person in root.iter("{*}person"):
        pid = attr(person, "id")
        names = [_pers_name(p) for p in person.iter("{*}persName")]
        names = [n for n in dict.fromkeys(names) if n]
        if not pid or not names:
            continue
        aff = None
        for a in person.iter("{*}affiliation"):
            ref = a.get("ref")
            aff = orgs.get(ref or "") or normalize(a.text or "") or (ref or "").lstrip("#") or None
            if aff:
                break
        out.append(RosterHint(names[0], aff, tuple(names[1:]), "person", f"#{pid}"))
    return out


def _roster_from_tsv(source: str) -> list[RosterHint]:
    """Speakers from a ParlaMint metadata table beside the file, if there is one."""
    p = Path(source)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    for suffix in _META_SUFFIXES:
        meta = p.with_name(stem + suffix)
        try:
            if not meta.is_file() or meta.stat().st_size > _META_MAX:
                continue
            raw = meta.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        out: dict[str, RosterHint] = {}
        for row in csv.DictReader(io.StringIO(raw), delimiter="\t"):
            pid = (row.get("Speaker_ID") or "").strip()
            name = (row.get("Speaker_name") or "").strip()
            if not pid or not name or f"#{pid}" in out:
                continue
            if "," in name:  # "Fowler, Peter" -> "Peter Fowler"
                sur, _, given = name.partition(",")
                display, aliases = normalize(f"{given} {sur}"), (name,)
            else:
                display, aliases = name, ()
            party = (row.get("Speaker_party_name") or "").strip()
            aff = party if party and party != "-" else None
            out[f"#{pid}"] = RosterHint(display, aff, aliases, "person", f"#{pid}")
        return list(out.values())
    return []


class _Walker:
    def __init__(self, names: dict[str, str]) -> None:
        self.b = TextBuilder()
        self.names = names
        self.depth = 0  # <div> nesting
        self.turn: str | None = None  # the who of the open utterance
        self.turn_notes: list[str] = []
        self.notes_seen = 0
        self.segs = 0

    def label(self, who: str, shown: str | None = None) -> None:
        b = self.b
        name = shown or self.names.get(who) or who.lstrip("#") or "Unknown speaker"
        b.open("paragraph")
        s = b.write(name)
        e = b.write(":")
        assert s is not None and e is not None
        b.label((s[0], e[1]), who or name)
        b.space()
        self.segs = 0

    def note(self, text: str) -> None:
        if not text:
            return
        self.notes_seen += 1
        if self.turn is not None:
            self.turn_notes.append(text)
            return
        self.b.open("footnote")
        self.b.write(text)

    def end_turn(self) -> None:
        self.b.close()
        self.turn = None
        for t in self.turn_notes:
            self.b.open("footnote")
            self.b.write(t)
        self.turn_notes = []
        self.b.close()


def read(data: bytes, source: str) -> Extracted:
    root = parse(data, source)
    roster = _roster_from_list(root) or _roster_from_tsv(source)
    names = {r.key: r.name for r in roster if r.key}
    title = _title(root)
    w = _Walker(names)
    b = w.b
    bodies = [e for e in root.iter("{*}text") if not any(local(a.tag) == "text" for a in e.iterancestors())]
    for body in bodies or [root]:
        _walk(w, body)
    out = b.text()
    blocks = b.blocks
    if not roster:
        blocks, found = split_roster(out, blocks)
        roster = found
    notes = []
    if not roster:
        notes.append(f"{source}: no listPerson or speaker metadata; turns name the TEI speaker ids")
    return Extracted(out, Layout(tuple(blocks), tuple(roster), title=title, notes=tuple(notes)), "utf-8")


def _walk(w: _Walker, body) -> None:
    b = w.b

    def skip(el) -> bool:
        tag = local(el.tag)
        if tag in _SKIP or tag in _SILENT:
            return True
        if tag in _NOTES:
            w.note(_text(el) if tag in {"note", "stage"} else _desc(el))
            return True
        return tag == "speaker" and w.turn is not None  # already written as the label

    front = 0  # inside <front>/<back>: title pages, bylines, dates are kept out of the body
    for ev, item in events(body, skip=skip):
        if ev == "text":
            if front and b.empty and b.kind != "front" and str(item).strip():
                b.open("front")
            b.write(item)  # type: ignore[arg-type]
            continue
        tag = local(item.tag)  # type: ignore[union-attr]
        if ev == "start":
            if tag in {"front", "back"}:
                front += 1
                b.open("front")
            elif front and w.turn is None:
                if tag in _FRONT_BLOCKS:
                    b.open("front")
            elif tag == "div":
                w.depth += 1
                b.close()
            elif tag in {"u", "sp"}:
                if w.turn is not None:
                    w.end_turn()
                who = (item.get("who") or "").split()
                shown = None
                if tag == "sp":
                    sp = next((c for c in item if local(c.tag) == "speaker"), None)
                    shown = _text(sp) if sp is not None else None
                w.turn = who[0] if who else (shown or "")
                w.label(who[0] if who else "", shown)
            elif w.turn is not None:
                if tag in {"seg", "p", "ab", "lg", "quote"}:
                    if w.segs:
                        b.paragraph()  # the first segment follows its label on the same line
                    w.segs += 1
                elif tag == "lb":
                    b.newline()
            elif tag == "head":
                b.open("heading", max(w.depth, 1))
            elif tag in {"p", "ab", "lg"}:
                b.open("paragraph")
            elif tag == "item":
                b.open("list_item", 1)
            elif tag == "row":
                b.open("table_row")
            elif tag == "cell" and not b.empty:
                b.write(" | ")
            elif tag == "lb":
                b.newline()
            continue
        if tag in {"front", "back"}:
            front -= 1
            b.close()
        elif front and w.turn is None:
            if tag in _FRONT_BLOCKS:
                b.close()
        elif tag in {"u", "sp"}:
            w.end_turn()
        elif tag == "div":
            w.depth -= 1
            b.close()
        elif w.turn is None and tag in {"head", "p", "ab", "lg", "item", "row"}:
            b.close()


def _title(root) -> str | None:
    """The header's title, else the title page's ``docTitle``, else the first ``<head>``; with the
    ``docDate`` where the title does not already carry a date."""
    found = None
    for t in root.iter("{*}title"):
        if any(local(a.tag) == "titleStmt" for a in t.iterancestors()):
            found = _text(t) or None
            break
    for tag in ("docTitle", "head"):
        if found:
            break
        found = next((_text(e) for e in root.iter(f"{{*}}{tag}") if _text(e)), None)
    date = next((_text(e) for e in root.iter("{*}docDate") if _text(e)), None)
    if found and date and not re.search(r"\d{4}", found):
        found = f"{found}, {date}"
    return found or date


def _desc(el) -> str:
    """A ``<kinesic>``/``<vocal>``/``<incident>``: its description, in parentheses as a transcript
    prints it."""
    d = _text(el)
    return f"({d})" if d and not d.startswith("(") else d
