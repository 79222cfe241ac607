"""A ConvoKit corpus folder: claims as utterances, relations as replies, participants as speakers.

ConvoKit (Cornell's toolkit for conversation corpora) loads a folder of five files with
``Corpus(filename=folder)``: ``utterances.jsonl`` (one utterance a line: ``id``, ``speaker``,
``conversation_id``, ``reply-to``, ``timestamp``, ``text``, ``meta``, ``vectors``), ``speakers.json`` and
``conversations.json`` (id -> ``{"meta": ..., "vectors": []}``), ``corpus.json`` (the corpus's meta) and
``index.json`` (the type of every meta field). The field is written ``reply-to``, as ConvoKit's own
``dump`` writes it; its loader reads both spellings.

A record is not a chat, so three choices are made, and written into each utterance's ``meta``:

- An utterance replies to at most one other; a claim that answers several (``relations``) replies to the
  one it answers with most confidence, and every relation stays in ``meta.relations``. A reply that would
  close a cycle is left out of ``reply-to`` (it stays in ``meta``), so the replies form trees.
- A conversation is one reply tree, named by its root claim (ConvoKit's rule): a claim nobody answers and
  that answers nobody is a conversation of one.
- A claim held by several people is spoken by a group speaker (``"p1+p4"``, with ``meta.members``); a
  claim the record gives to nobody by the speaker ``unattributed``. Nobody is credited with a claim they
  were not cited for.

``timestamp`` is the claim's character offset in its document: it orders a conversation as the record
does, and is not a time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rapporteur.model import Claim, Map, Relation

FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")
UNATTRIBUTED = "unattributed"


def _speaker(c: Claim) -> str:
    holders = list(dict.fromkeys(c.holders))
    return "+".join(holders) if holders else UNATTRIBUTED


class _Forest:
    """Union-find over claims, so adding a reply that would close a cycle is refused in near-constant time."""

    def __init__(self) -> None:
        self.up: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.up.get(root, root) != root:
            root = self.up[root]
        while x != root:  # path compression keeps every later find short
            self.up[x], x = root, self.up.get(x, x)
        return root

    def join(self, child: str, parent: str) -> bool:
        a, b = self.find(child), self.find(parent)
        if a == b:
            return False
        self.up[a] = b
        return True


def replies(m: Map) -> dict[str, Relation]:
    """Claim id -> the relation it replies through: its most confident answer that keeps the replies a forest.

    Replies to an earlier claim are taken first (a record answers what came before, and those alone can
    never close a cycle), then replies forward. A claim gets its parent once, while it is still a root of
    its tree, so joining its tree to the target's closes a cycle exactly when the target is already in
    its tree."""
    claims = {c.id: c for c in m.claims}
    best: dict[str, Relation] = {}
    for r in m.relations:
        if r.source not in claims or r.target not in claims or r.source == r.target:
            continue
        if claims[r.source].document != claims[r.target].document:
            continue
        if r.source not in best or r.confidence > best[r.source].confidence:
            best[r.source] = r
    position = {c.id: i for i, c in enumerate(m.claims)}
    forest = _Forest()
    chosen: dict[str, Relation] = {}
    for source, r in sorted(
        best.items(), key=lambda kv: (position[kv[1].target] > position[kv[0]], position[kv[0]])
    ):
        if forest.join(source, r.target):
            chosen[source] = r
    return dict(sorted(chosen.items(), key=lambda kv: position[kv[0]]))


def _roots(m: Map, parent: dict[str, str]) -> dict[str, str]:
    root: dict[str, str] = {}
    for c in m.claims:
        path = []
        x = c.id
        while x not in root and x in parent:
            path.append(x)
            x = parent[x]
        top = root.get(x, x)
        root[x] = top
        for y in path:
            root[y] = top
    return root


def _index(objects: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ConvoKit's meta index: each field's Python types as ``str(type(v))``, None values not counted."""
    out: dict[str, list[str]] = {}
    for meta in objects:
        for k, v in meta.items():
            types = out.setdefault(k, [])
            if v is not None and str(type(v)) not in types:
                types.append(str(type(v)))
    # A field that is None everywhere still needs an entry; ConvoKit records one type per field.
    return {k: (v or [str(str)]) for k, v in out.items()}


def corpus(m: Map) -> dict[str, Any]:
    """The five files as data: ``utterances`` a list, the others mappings."""
    import rapporteur

    names = {p.id: p.name for p in m.participants}
    themes = {t.id: t.title for t in m.themes}
    chosen = replies(m)
    root = _roots(m, {k: r.target for k, r in chosen.items()})
    outgoing: dict[str, list[Relation]] = {}
    for r in m.relations:
        outgoing.setdefault(r.source, []).append(r)

    utterances = []
    for c in m.claims:
        reply = chosen.get(c.id)
        meta = {
            "document": c.document,
            "start": c.start,
            "end": c.end,
            "kind": c.kind,
            "theme": c.theme,
            "theme_title": themes.get(c.theme or ""),
            "holders": list(dict.fromkeys(c.holders)),
            "exceptions": [a.participant for a in c.attributions if a.polarity == "exception"],
            "via": list(dict.fromkeys(a.via for a in c.attributions)),
            "markers": [a.marker.text for a in c.attributions],
            "reply_type": reply.type if reply else None,
            "reply_cue": reply.cue.text if reply else None,
            "relations": [
                {
                    "id": r.id,
                    "target": r.target,
                    "type": r.type,
                    "cue": r.cue.text,
                    "confidence": r.confidence,
                }
                for r in outgoing.get(c.id, ())
            ],
        }
        utterances.append(
            {
                "id": c.id,
                "speaker": _speaker(c),
                "conversation_id": root.get(c.id, c.id),
                "reply-to": reply.target if reply else None,
                "timestamp": c.start,
                "text": c.text,
                "meta": meta,
                "vectors": [],
            }
        )

    speakers: dict[str, dict[str, Any]] = {}
    for p in m.participants:
        meta = {"name": p.name, "affiliation": p.affiliation, "aliases": list(p.aliases),
                "in_roster": p.in_roster, "kind": p.kind, "members": [p.id]}  # fmt: skip
        speakers[p.id] = {"meta": meta, "vectors": []}
    for u in utterances:
        sid = u["speaker"]
        if sid not in speakers:
            members = [] if sid == UNATTRIBUTED else sid.split("+")
            meta = {"name": "; ".join(names.get(x, x) for x in members) or "(no one named)",
                    "affiliation": None, "aliases": [], "in_roster": False,
                    "kind": "group" if members else "none", "members": members}  # fmt: skip
            speakers[sid] = {"meta": meta, "vectors": []}

    claims = {c.id: c for c in m.claims}
    conversations: dict[str, dict[str, Any]] = {}
    for u in utterances:
        cid = u["conversation_id"]
        if cid not in conversations:
            top = claims[cid]
            meta = {"document": top.document, "theme": top.theme, "theme_title": themes.get(top.theme or "")}
            conversations[cid] = {"meta": meta, "vectors": []}

    overall = {
        "name": "; ".join(d.title for d in m.documents) or "rapporteur map",
        "schema": "rapporteur/map@1",
        "generator": f"rapporteur {rapporteur.__version__}",
        "documents": [
            {"id": d.id, "title": d.title, "source": d.source, "format": d.format, "sha256": d.sha256}
            for d in m.documents
        ],
        "notes": list(m.notes),
    }
    index = {
        "utterances-index": _index([u["meta"] for u in utterances]),
        "speakers-index": _index([s["meta"] for s in speakers.values()]),
        "conversations-index": _index([c["meta"] for c in conversations.values()]),
        "overall-index": _index([overall]),
        "version": 1,
        "vectors": [],
    }
    return {"utterances": utterances, "speakers": speakers, "conversations": conversations,
            "corpus": overall, "index": index}  # fmt: skip


def to_convokit(m: Map) -> dict[str, str]:
    """File name -> text, the five files of a ConvoKit corpus folder."""
    data = corpus(m)
    line = "\n".join(json.dumps(u, ensure_ascii=False) for u in data["utterances"])
    return {
        "utterances.jsonl": line + ("\n" if line else ""),
        "speakers.json": json.dumps(data["speakers"], ensure_ascii=False),
        "conversations.json": json.dumps(data["conversations"], ensure_ascii=False),
        "corpus.json": json.dumps(data["corpus"], ensure_ascii=False),
        "index.json": json.dumps(data["index"], ensure_ascii=False),
    }


def write_convokit(m: Map, path: str | Path) -> Path:
    """Write the corpus folder at ``path`` (created); ConvoKit loads it with ``Corpus(filename=path)``."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    for name, text in to_convokit(m).items():
        (path / name).write_text(text, encoding="utf-8")
    return path
