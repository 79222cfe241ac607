"""Questions a command asks of a store, answered from the rows that answer them, not by reading the
whole map: one person's claims, a full-text search, the theme tree. On a store of many records each
costs what its answer costs, where ``read_map`` costs what the store holds.

Every function takes an open ``Store`` (see ``open_store``) and returns model objects with the ids the
whole map would give them (``p3``, ``c17``, ``t2``), so the results can be shown as the commands show
a map's.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapporteur.model import Claim, Map, Participant, Relation, Span, Stance, Theme
from rapporteur.store.store import Store, fts_query


def _n(sid: str) -> int:
    return int(sid[1:])


def participants(store: Store) -> list[Participant]:
    """Every participant, in id order (the participants table only)."""
    return [
        Participant(f"p{i}", name, aff, tuple(json.loads(aliases)), bool(roster), kind)
        for i, name, aff, aliases, roster, kind in store.conn.execute(
            "SELECT id, name, affiliation, aliases, in_roster, kind FROM participants ORDER BY id"
        )
    ]


def find_participant(store: Store, name: str, minimum: float = 80.0) -> tuple[Participant | None, list[str]]:
    """The participant ``name`` best fits, as ``rapporteur who`` matches it, and the names tied with it
    if the match is ambiguous: ``(person, [])``, ``(None, [tied names])`` or ``(None, [])``."""
    from rapporteur.resolve import RosterPerson, _score

    scored = sorted(
        (
            (_score(name, RosterPerson(p.name, p.affiliation, p.aliases)), p.name, p)
            for p in participants(store)
        ),
        key=lambda x: (-x[0], x[1]),
    )
    if not scored or scored[0][0] < minimum:
        return None, []
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None, [p.name for s, _, p in scored if s == scored[0][0]]
    return scored[0][2], []


def _claims_where(store: Store, where: str, args: tuple[object, ...]) -> list[Claim]:
    return store._claims(where, args)


def claims_of(store: Store, pid: str) -> list[Claim]:
    """Every claim attributed to participant ``pid`` (holding it or as an exception), in id order, with
    all of each claim's attributions."""
    return _claims_where(
        store, "WHERE c.id IN (SELECT claim FROM attributions WHERE participant = ?)", (_n(pid),)
    )


def themes_by_id(store: Store, ids: set[str]) -> dict[str, Theme]:
    """The themes named by ``ids`` (``t3``, ...)."""
    if not ids:
        return {}
    rows = store.conn.execute(
        'SELECT id, document, title, parent, start, "end", level, section_start, section_end FROM themes '
        "WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(_n(t) for t in ids)),),
    )
    return {
        f"t{i}": Theme(f"t{i}", f"d{d}", title, None if p is None else f"t{p}", s, e, level, (ss, se))
        for i, d, title, p, s, e, level, ss, se in rows
    }


@dataclass(frozen=True, slots=True)
class Person:
    """What ``rapporteur who`` shows of one participant."""

    participant: Participant
    claims: tuple[Claim, ...]
    themes: dict[str, Theme]
    allies: tuple[tuple[str, int], ...]  # (participant id, claims agreed on)
    opponents: tuple[tuple[str, int, int], ...]  # (participant id, disagree, qualify)
    names: dict[str, str]  # participant id -> name, for everyone named above


def person(store: Store, p: Participant) -> Person:
    """One participant's claims, the themes they sit in, and who stands with and against them: the
    counts ``stances.allies_and_opponents`` gives on the whole map (evidence per stance: its relations,
    or for people cited together the claims both hold), from this person's stances and claims only,
    and without loading the graph library that module needs."""
    claims = claims_of(store, p.id)
    pid = _n(p.id)
    stances = store.conn.execute(
        "SELECT id, a, b, relation FROM stances WHERE a = ? OR b = ? ORDER BY id", (pid, pid)
    ).fetchall()
    links: Counter[int] = Counter()
    if stances:
        links.update(
            s
            for (s,) in store.conn.execute(
                "SELECT stance FROM stance_relations WHERE stance IN (SELECT value FROM json_each(?))",
                (json.dumps([s[0] for s in stances]),),
            )
        )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for i, a, b, rel in stances:
        other = f"p{b}" if a == pid else f"p{a}"
        if links[i]:
            n = links[i]
        else:
            pa, pb = f"p{a}", f"p{b}"
            n = sum(1 for c in claims if pa in c.holders and pb in c.holders and c.kind != "question")
        counts[other][rel] += max(1, n)
    allies = sorted(((o, c["agree"]) for o, c in counts.items() if c["agree"]), key=lambda x: (-x[1], x[0]))
    opponents = sorted(
        ((o, c["disagree"], c["qualify"]) for o, c in counts.items() if c["disagree"] or c["qualify"]),
        key=lambda x: (-x[1], -x[2], x[0]),
    )
    ids = {p.id} | {a for a, _ in allies} | {o for o, _, _ in opponents}
    names = {
        f"p{i}": name
        for i, name in store.conn.execute(
            "SELECT id, name FROM participants WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(_n(x) for x in ids)),),
        )
    }
    themes = themes_by_id(store, {c.theme for c in claims if c.theme})
    return Person(p, tuple(claims), themes, tuple(allies), tuple(opponents), names)


def search(store: Store, text: str, limit: int = 50) -> list[tuple[Claim, list[str]]]:
    """Claims matching every word of ``text``, best first, each with the names of its participants."""
    hits = store.search(text, limit)
    wanted = sorted({_n(a.participant) for c in hits for a in c.attributions})
    names = {
        f"p{i}": name
        for i, name in store.conn.execute(
            "SELECT id, name FROM participants WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
    }
    return [(c, [names.get(a.participant, "?") for a in c.attributions]) for c in hits]


def pair(store: Store, a: Participant, b: Participant) -> Map:
    """What ``rapporteur clash A B`` needs of the store, and no more: the stances between ``a`` and
    ``b``, the relations behind them, the claims those relations join and the claims ``a`` holds (where
    two people are cited together the evidence is a claim both hold). ``stances.pair_stances`` on this
    map gives what it gives on the whole map for this pair."""
    ia, ib = _n(a.id), _n(b.id)
    rows = store.conn.execute(
        "SELECT id, a, b, relation FROM stances WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ORDER BY id",
        (ia, ib, ib, ia),
    ).fetchall()
    links: dict[int, list[int]] = defaultdict(list)
    if rows:
        for stance, rel in store.conn.execute(
            "SELECT stance, relation FROM stance_relations WHERE stance IN (SELECT value FROM json_each(?)) "
            "ORDER BY stance, relation",
            (json.dumps([r[0] for r in rows]),),
        ):
            links[stance].append(rel)
    wanted = sorted({r for rels in links.values() for r in rels})
    relations = tuple(
        Relation(f"r{i}", f"c{src}", f"c{tgt}", typ, Span(cs, ce, ct), conf)
        for i, src, tgt, typ, cs, ce, ct, conf in store.conn.execute(
            "SELECT id, source, target, type, cue_start, cue_end, cue_text, confidence FROM relations "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(wanted),),
        )
    )
    claims = {c.id: c for c in claims_of(store, a.id)}
    ends = sorted({_n(x) for r in relations for x in (r.source, r.target) if x not in claims})
    if ends:
        where = "WHERE c.id IN (SELECT value FROM json_each(?))"
        claims.update((c.id, c) for c in _claims_where(store, where, (json.dumps(ends),)))
    stances = tuple(
        Stance(f"p{x}", f"p{y}", rel, tuple(f"r{r}" for r in links.get(i, ()))) for i, x, y, rel in rows
    )
    ordered = tuple(sorted(claims.values(), key=lambda c: _n(c.id)))
    return Map(participants=(a, b), claims=ordered, relations=relations, stances=stances)


@dataclass(frozen=True, slots=True)
class ThemeRow:
    theme: Theme
    depth: int
    claims: int
    people: int


def theme_tree(store: Store) -> list[ThemeRow]:
    """Every theme in id order with its depth in the tree, its claim count and how many people hold or
    are excepted from its claims: what ``rapporteur themes`` shows, counted by SQLite."""
    counts = dict(
        store.conn.execute("SELECT theme, count(*) FROM claims WHERE theme IS NOT NULL GROUP BY theme")
    )
    people = dict(
        store.conn.execute(
            "SELECT c.theme, count(DISTINCT a.participant) FROM claims c "
            "JOIN attributions a ON a.claim = c.id WHERE c.theme IS NOT NULL GROUP BY c.theme"
        )
    )
    depth: dict[str, int] = {}
    out: list[ThemeRow] = []
    for i, d, title, p, s, e, level, ss, se in store.conn.execute(
        'SELECT id, document, title, parent, start, "end", level, section_start, section_end FROM themes '
        "ORDER BY id"
    ):
        th = Theme(f"t{i}", f"d{d}", title, None if p is None else f"t{p}", s, e, level, (ss, se))
        depth[th.id] = depth.get(th.parent or "", -1) + 1
        out.append(ThemeRow(th, depth[th.id], counts.get(i, 0), people.get(i, 0)))
    return out


__all__ = [
    "Person",
    "ThemeRow",
    "claims_of",
    "find_participant",
    "fts_query",
    "pair",
    "participants",
    "person",
    "search",
    "theme_tree",
    "themes_by_id",
]
