"""AIF JSON (the AIFdb shape) and its xAIF wrapper: the map as an argument graph other tools load.

Claims are I-nodes. Each holder's statement of a claim is an L-node "Speaker: text" with a locution
naming its person, joined to the claim by a YA "Asserting" node. Relations go through S-nodes, never
I -> I: a CA node for ``disagree``, an RA node for ``agree`` and ``qualify`` (a qualification grants
part of the view it answers; its RA node says "Qualification" so it is not read as plain support).
Exceptions ("With some exceptions (X)") make no L-node: X did not assert the claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rapporteur.model import Map, Participant
from rapporteur.resolve import norm

TIMESTAMP = "2000-01-01 00:00:00"  # AIFdb requires one; a record has no time of its own, so a fixed one


def _key(token: str) -> str:
    return norm(token).replace(" ", "")


def split_name(p: Participant, cited: Iterable[str] = ()) -> tuple[str, str]:
    """(firstname, surname) for AIF's participants, from what the resolver learnt of the surname.

    The names a record cites a person by are surnames ("Ruiz de la Torre", "Souza"): the surname starts
    where the earliest of them starts in the full name and runs to its end, so a multi-word surname and a
    paternal-maternal pair stay whole ("Henrique Souza Ferreira" -> "Henrique" / "Souza Ferreira").
    With no cited form inside the name, the last word is the surname, with the lower-case particles
    before it ("van", "de la"). A voice that is not a person (a party, a work) has no first name.
    """
    tokens = p.name.split()
    if p.kind != "person" or len(tokens) < 2:
        return "", p.name
    keys = [_key(t) for t in tokens]
    starts = []
    for form in (*p.aliases, *cited):
        want = [_key(t) for t in form.split()]
        n = len(want)
        # From the second word on: a first name must remain, and the surname runs to the end.
        starts += [i for i in range(1, len(keys) - n + 1) if n and keys[i : i + n] == want]
    if starts:
        start = min(starts)
    else:
        start = len(tokens) - 1
        while start > 1 and tokens[start - 1].isalpha() and tokens[start - 1].islower():
            start -= 1
    return " ".join(tokens[:start]), " ".join(tokens[start:])


def aif_dict(m: Map) -> dict[str, Any]:
    """The map as an AIF graph (nodes, edges, locutions, participants) with string node ids."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    counter = 0

    def node(kind: str, text: str, **extra: Any) -> str:
        nonlocal counter
        counter += 1
        nid = str(counter)
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": TIMESTAMP, **extra})
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    person_ids = {p.id: k for k, p in enumerate(m.participants, 1)}
    names = {p.id: p.name for p in m.participants}
    docs = {d.id: d for d in m.documents}
    inode: dict[str, str] = {}
    for c in m.claims:
        inode[c.id] = node("I", c.text, claimID=c.id, start=c.start, end=c.end, document=c.document)
        for pid in dict.fromkeys(c.holders):
            lnode = node("L", f"{names[pid]}: {c.text}")
            src = docs[c.document].source if c.document in docs else None
            locutions.append(
                {"nodeID": lnode, "personID": person_ids[pid], "timestamp": TIMESTAMP,
                 "start": None, "end": None, "source": src}
            )  # fmt: skip
            ya = node("YA", "Asserting")
            edge(lnode, ya)
            edge(ya, inode[c.id])
    for r in m.relations:
        if r.source not in inode or r.target not in inode:
            continue
        if r.type == "disagree":
            s = node("CA", "Default Conflict", relationID=r.id, cue=r.cue.text)
        else:
            label = "Qualification" if r.type == "qualify" else "Default Inference"
            s = node("RA", label, relationID=r.id, cue=r.cue.text)
        edge(inode[r.source], s)
        edge(s, inode[r.target])
    cited: dict[str, list[str]] = {}
    for c in m.claims:
        for a in c.attributions:
            if a.cited_as:
                cited.setdefault(a.participant, []).append(a.cited_as)
    participants = []
    for p in m.participants:
        first, last = split_name(p, cited.get(p.id, ()))
        participants.append({"participantID": person_ids[p.id], "firstname": first, "surname": last})
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}


def to_aif(m: Map) -> str:
    """AIF JSON text (AIFdb's shape)."""
    return json.dumps(aif_dict(m), ensure_ascii=False, indent=1)


def to_xaif(m: Map) -> str:
    """xAIF: the AIF graph wrapped with the source text, as argument-mining pipelines exchange it."""
    aif = aif_dict(m)
    aif["schemefulfillments"] = []
    aif["descriptorfulfillments"] = []
    aif["cqdescriptorfulfillments"] = []
    text = "\n\n".join(d.text for d in m.documents)
    wrapped = {"AIF": aif, "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []},
               "text": text, "dialog": False}  # fmt: skip
    return json.dumps(wrapped, ensure_ascii=False, indent=1)
