"""The map as JSON, ``rapporteur/map@1``: the contract other tools and our tests read
(field by field in docs/map-format.md, as JSON Schema in docs/map.schema.json).

Fields may be added to the shape, never renamed or removed. ``from_dict(to_dict(m)) == m`` exactly, and
``validate`` checks what a reader of the JSON alone can check: ids, vocabularies, and that every span's
``text`` is the document's ``text[start:end]``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rapporteur.model import (
    KINDS,
    PARTICIPANT_KINDS,
    POLARITIES,
    RELATION_TYPES,
    VIAS,
    Attribution,
    Claim,
    Document,
    Map,
    Participant,
    Relation,
    Span,
    Stance,
    Theme,
)

SCHEMA = "rapporteur/map@1"

# The keys the first published shape showed; anything else the shape carries is an addition with a default.
REQUIRED: dict[str, tuple[str, ...]] = {
    "documents": ("id", "title", "source", "format", "sha256", "length"),
    "participants": ("id", "name", "affiliation", "aliases", "in_roster"),
    "themes": ("id", "document", "title", "parent", "start", "end"),
    "claims": ("id", "document", "start", "end", "text", "theme", "kind", "attributions"),
    "attributions": ("participant", "polarity", "marker"),
    "relations": ("id", "source", "target", "type", "cue", "confidence"),
    "stances": ("a", "b", "relation", "relations"),
    "span": ("start", "end", "text"),
}


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def claim_dict(c: Claim) -> dict[str, Any]:
    """One claim as in ``rapporteur/map@1``; the server's claim endpoints answer with the same shape."""
    return {
        "id": c.id,
        "document": c.document,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "theme": c.theme,
        "kind": c.kind,
        "attributions": [
            {
                "participant": a.participant,
                "polarity": a.polarity,
                "cited_as": a.cited_as,
                "via": a.via,
                "on_behalf_of": a.on_behalf_of,
                "marker": _span(a.marker),
            }
            for a in c.attributions
        ],
    }


def to_dict(m: Map, *, include_text: bool = True) -> dict[str, Any]:
    """The map as plain JSON data; without text, documents are described but the spans cannot be checked."""
    import rapporteur  # at call time: the package may import this module while it initialises

    def document(d: Document) -> dict[str, Any]:
        out = {
            "id": d.id,
            "title": d.title,
            "source": d.source,
            "format": d.format,
            "sha256": d.sha256,
            "length": d.length,
            "encoding": d.encoding,
            "text_sha256": d.text_sha256,
            "pages": [{"start": s, "page": p} for s, p in d.pages],
        }
        if include_text:
            out["text"] = d.text
        return out

    return {
        "schema": SCHEMA,
        "generator": {"name": "rapporteur", "version": rapporteur.__version__},
        "documents": [document(d) for d in m.documents],
        "participants": [
            {
                "id": p.id,
                "name": p.name,
                "affiliation": p.affiliation,
                "aliases": list(p.aliases),
                "in_roster": p.in_roster,
                "kind": p.kind,
            }
            for p in m.participants
        ],
        "themes": [
            {
                "id": t.id,
                "document": t.document,
                "title": t.title,
                "parent": t.parent,
                "start": t.start,
                "end": t.end,
                "level": t.level,
                "section": {"start": t.section[0], "end": t.section[1]},
            }
            for t in m.themes
        ],
        "claims": [claim_dict(c) for c in m.claims],
        "relations": [
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "type": r.type,
                "cue": _span(r.cue),
                "confidence": r.confidence,
            }
            for r in m.relations
        ],
        "stances": [
            {"a": s.a, "b": s.b, "relation": s.relation, "relations": list(s.relations)} for s in m.stances
        ],
        "notes": list(m.notes),
    }


def dumps(m: Map, *, include_text: bool = True, **kw: Any) -> str:
    """``to_dict`` as text, non-ASCII kept: the map's fields and lists indented, one item (a claim, a
    participant, a relation...) per line. ``kw`` goes to ``json.dumps`` instead (``indent=2`` for every
    level indented, as ``json.dumps`` lays it out).

    Why one item per line: ``json`` indents only in its pure-Python encoder; without ``indent`` it
    encodes in C. Indenting every level made writing a 2 MB transcript's map take 647 ms against 305 ms
    this way (``bench/json_speed.py``, ``to_dict`` included), half the time the mapping took; an item
    per line is the C encoder's speed and still a file to read, grep and diff claim by claim."""
    data = to_dict(m, include_text=include_text)
    if kw:
        return json.dumps(data, **({"indent": 2, "ensure_ascii": False} | kw))
    return _layout(data)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # no indent: the C encoder


def _layout(data: dict[str, Any]) -> str:
    fields = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(map(_ENCODE, value))
            fields.append(f"  {_ENCODE(key)}: [\n    {items}\n  ]")
        else:
            fields.append(f"  {_ENCODE(key)}: {_ENCODE(value)}")
    return "{\n" + ",\n".join(fields) + "\n}"


def loads(s: str | bytes) -> Map:
    return from_dict(json.loads(s))


def from_dict(d: dict[str, Any]) -> Map:
    """Rebuild the Map; raises ValueError on a wrong schema tag or a missing key.

    Keys the first published shape did not show (encoding, level, section, cited_as, notes) may be
    absent. A map exported without text comes back with empty document texts.
    """
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        found = d.get("schema") if isinstance(d, dict) else type(d).__name__
        raise ValueError(f"not a {SCHEMA} map (schema {found!r})")

    def span(s: dict[str, Any]) -> Span:
        return Span(s["start"], s["end"], s["text"])

    try:
        return Map(
            documents=tuple(
                Document(
                    id=x["id"],
                    text=x.get("text", ""),
                    source=x["source"],
                    title=x["title"],
                    format=x["format"],
                    sha256=x["sha256"],
                    encoding=x.get("encoding", "utf-8"),
                    text_sha256=x.get("text_sha256", ""),
                    pages=tuple((p["start"], p["page"]) for p in x.get("pages", ())),
                )
                for x in d["documents"]
            ),
            participants=tuple(
                Participant(
                    id=x["id"],
                    name=x["name"],
                    affiliation=x.get("affiliation"),
                    aliases=tuple(x.get("aliases", ())),
                    in_roster=x.get("in_roster", True),
                    kind=x.get("kind", "person"),
                )
                for x in d["participants"]
            ),
            themes=tuple(
                Theme(
                    id=x["id"],
                    document=x["document"],
                    title=x["title"],
                    parent=x["parent"],
                    start=x["start"],
                    end=x["end"],
                    level=x.get("level", 1),
                    section=(x["section"]["start"], x["section"]["end"]) if "section" in x else (0, 0),
                )
                for x in d["themes"]
            ),
            claims=tuple(
                Claim(
                    id=x["id"],
                    document=x["document"],
                    start=x["start"],
                    end=x["end"],
                    text=x["text"],
                    theme=x["theme"],
                    kind=x["kind"],
                    attributions=tuple(
                        Attribution(
                            a["participant"],
                            a["polarity"],
                            span(a["marker"]),
                            a.get("cited_as", ""),
                            a.get("via", "parenthetical"),
                            a.get("on_behalf_of"),
                        )
                        for a in x["attributions"]
                    ),
                )
                for x in d["claims"]
            ),
            relations=tuple(
                Relation(
                    id=x["id"],
                    source=x["source"],
                    target=x["target"],
                    type=x["type"],
                    cue=span(x["cue"]),
                    confidence=float(x.get("confidence", 1.0)),
                )
                for x in d["relations"]
            ),
            stances=tuple(Stance(x["a"], x["b"], x["relation"], tuple(x["relations"])) for x in d["stances"]),
            notes=tuple(d.get("notes", ())),
        )
    except KeyError as e:
        raise ValueError(f"{SCHEMA} map is missing key {e}") from e
    except (TypeError, AttributeError) as e:
        raise ValueError(f"malformed {SCHEMA} map: {e}") from e


def _short(s: object, width: int = 40) -> str:
    text = s if isinstance(s, str) else repr(s)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def validate(d: dict[str, Any]) -> list[str]:
    """Every problem a reader of this JSON would trip on, one line each; an empty list means valid."""
    if not isinstance(d, dict):
        return [f"a map is a JSON object, not {type(d).__name__}"]
    problems: list[str] = []
    say = problems.append
    if d.get("schema") != SCHEMA:
        say(f"schema is {d.get('schema')!r}, expected {SCHEMA!r}")

    def items(key: str) -> list[tuple[str, dict[str, Any]]]:
        """The well-formed entries of one list, each with the label problems name it by."""
        value = d.get(key)
        if value is None:
            say(f"missing key {key!r}")
            return []
        if not isinstance(value, list):
            say(f"{key} is not a list")
            return []
        out = []
        for i, x in enumerate(value):
            label = f"{key}[{i}]" + (f" ({x['id']})" if isinstance(x, dict) and "id" in x else "")
            if _has(x, REQUIRED[key], label, say):
                out.append((label, x))
        return out

    documents, participants, themes = items("documents"), items("participants"), items("themes")
    for label, x in participants:
        if x.get("kind", "person") not in PARTICIPANT_KINDS:
            say(f"{label}: unknown kind {x.get('kind')!r} (one of {', '.join(PARTICIPANT_KINDS)})")
    claims, relations, stances = items("claims"), items("relations"), items("stances")
    if not isinstance(d.get("notes", []), list) or not all(isinstance(n, str) for n in d.get("notes", [])):
        say("notes is not a list of strings")

    def ids(entries: list[tuple[str, dict[str, Any]]], what: str) -> set[Any]:
        seen: set[Any] = set()
        for label, x in entries:
            if not isinstance(x["id"], str):
                say(f"{label}: {what} id {x['id']!r} is not a string")
            elif x["id"] in seen:
                say(f"{label}: duplicate {what} id {x['id']!r}")
            else:
                seen.add(x["id"])
        return seen

    doc_ids, participant_ids = ids(documents, "document"), ids(participants, "participant")
    theme_ids, claim_ids, relation_ids = (
        ids(themes, "theme"),
        ids(claims, "claim"),
        ids(relations, "relation"),
    )

    def ref(
        label: str, field: str, value: Any, known: set[Any], what: str, *, optional: bool = False
    ) -> bool:
        if (optional and value is None) or (_hashable(value) and value in known):
            return True
        say(f"{label}: {field} refers to unknown {what} {value!r}")
        return False

    # What each document's spans are checked against: its text when it carries one, else only its length.
    texts: dict[Any, str] = {}
    lengths: dict[Any, int] = {}
    for label, x in documents:
        if "text" in x:
            if not isinstance(x["text"], str):
                say(f"{label}: text is not a string")
                continue
            texts[x["id"]] = x["text"]
            if x["length"] != len(x["text"]):
                say(f"{label}: length {x['length']!r} but the text has {len(x['text'])} characters")
        if _is_int(x["length"]):
            lengths[x["id"]] = len(texts[x["id"]]) if x["id"] in texts else x["length"]

    def span(label: str, doc: Any, start: Any, end: Any, text: Any, *, check_text: bool = True) -> None:
        if not (_is_int(start) and _is_int(end)):
            say(f"{label}: offsets {start!r}:{end!r} are not integers")
            return
        length = lengths.get(doc) if _hashable(doc) else None
        if not 0 <= start <= end or (length is not None and end > length):
            say(f"{label}: offsets {start}:{end} lie outside the document (length {length})")
            return
        source = texts.get(doc) if _hashable(doc) else None
        if check_text and source is not None and source[start:end] != text:
            actual = _short(source[start:end])
            say(f"{label}: text {_short(text)} differs from the document's [{start}:{end}] {actual}")

    for label, x in themes:
        ref(label, "document", x["document"], doc_ids, "document")
        if ref(label, "parent", x["parent"], theme_ids, "theme", optional=True) and x["parent"] == x["id"]:
            say(f"{label}: is its own parent")
        # An empty span marks a theme with no heading in the text (a cluster): its title is made up.
        span(
            f"{label} title",
            x["document"],
            x["start"],
            x["end"],
            x["title"],
            check_text=x["start"] != x["end"],
        )
        section = x.get("section", {"start": 0, "end": 0})
        if _has(section, ("start", "end"), f"{label} section", say):
            span(f"{label} section", x["document"], section["start"], section["end"], None, check_text=False)

    claim_docs: dict[Any, Any] = {}
    for label, x in claims:
        ref(label, "document", x["document"], doc_ids, "document")
        ref(label, "theme", x["theme"], theme_ids, "theme", optional=True)
        if x["kind"] not in KINDS:
            say(f"{label}: unknown kind {x['kind']!r} (one of {', '.join(KINDS)})")
        span(label, x["document"], x["start"], x["end"], x["text"])
        if _hashable(x["id"]):
            claim_docs[x["id"]] = x["document"]
        attributions = x["attributions"] if isinstance(x["attributions"], list) else []
        if not isinstance(x["attributions"], list):
            say(f"{label}: attributions is not a list")
        for i, a in enumerate(attributions):
            where = f"{label} attribution {i}"
            if not _has(a, REQUIRED["attributions"], where, say):
                continue
            ref(where, "participant", a["participant"], participant_ids, "participant")
            if a["polarity"] not in POLARITIES:
                say(f"{where}: unknown polarity {a['polarity']!r} (one of {', '.join(POLARITIES)})")
            if a.get("via", "parenthetical") not in VIAS:
                say(f"{where}: unknown via {a.get('via')!r} (one of {', '.join(VIAS)})")
            if a.get("on_behalf_of") is not None:
                ref(where, "on_behalf_of", a["on_behalf_of"], participant_ids, "participant")
            if _has(a["marker"], REQUIRED["span"], f"{where} marker", say):
                m = a["marker"]
                span(f"{where} marker", x["document"], m["start"], m["end"], m["text"])

    for label, x in relations:
        ref(label, "source", x["source"], claim_ids, "claim")
        ref(label, "target", x["target"], claim_ids, "claim")
        if x["type"] not in RELATION_TYPES:
            say(f"{label}: unknown relation type {x['type']!r} (one of {', '.join(RELATION_TYPES)})")
        if not isinstance(x["confidence"], int | float) or not 0 <= x["confidence"] <= 1:
            say(f"{label}: confidence {x['confidence']!r} is not a number in [0, 1]")
        # The cue is read in the source claim's document: it is what introduces the source claim.
        if _has(x["cue"], REQUIRED["span"], f"{label} cue", say) and _hashable(x["source"]):
            c = x["cue"]
            span(f"{label} cue", claim_docs.get(x["source"]), c["start"], c["end"], c["text"])

    for label, x in stances:
        ref(label, "a", x["a"], participant_ids, "participant")
        ref(label, "b", x["b"], participant_ids, "participant")
        if x["relation"] not in RELATION_TYPES:
            say(f"{label}: unknown relation {x['relation']!r} (one of {', '.join(RELATION_TYPES)})")
        for r in x["relations"] if isinstance(x["relations"], list) else [x["relations"]]:
            ref(label, "relations", r, relation_ids, "relation")
    return problems


def _has(x: Any, keys: tuple[str, ...], label: str, say: Callable[[str], None]) -> bool:
    if not isinstance(x, dict):
        say(f"{label}: is not an object")
        return False
    missing = [k for k in keys if k not in x]
    for k in missing:
        say(f"{label}: missing key {k!r}")
    return not missing


def _hashable(x: Any) -> bool:
    return isinstance(x, str | int | float | bool | None)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)
