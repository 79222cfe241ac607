"""Reading a map for who stands with whom: pair stances with their evidence, the stance matrix, the
competing interpretations of each theme, and statistics without votes.

Polis computes consensus and opinion groups from votes on statements; a record has no votes, so here
the participant x claim matrix is inferred from the map: holding a claim (+1), answering it with
``agree`` (+1), ``qualify`` (-0.5) or ``disagree`` (-1). Every figure comes back with the claims that
produce it, so a reader can check it against the text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapporteur.model import Claim, Map, Relation, Span

WEIGHTS: dict[str, float] = {"agree": 1.0, "qualify": -0.5, "disagree": -1.0}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for a stance: a's claim answering b's claim through a cue, or one claim held by both."""

    a_claim: str
    b_claim: str
    cue: Span | None = None
    relation: str | None = None


@dataclass(frozen=True, slots=True)
class PairStance:
    a: str
    b: str
    type: str
    evidence: tuple[Evidence, ...]

    @property
    def basis(self) -> str:
        return "cited together" if all(e.relation is None for e in self.evidence) else "relation"


@dataclass(frozen=True, slots=True)
class StanceMatrix:
    """Counts of evidence per unordered pair and type; ``participants`` orders rows and columns."""

    participants: tuple[str, ...]
    counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def get(self, a: str, b: str) -> Counter[str]:
        return self.counts.get(_key(a, b), Counter())

    def rows(self) -> list[tuple[str, str, int, int, int]]:
        """(a, b, agree, qualify, disagree) for every pair with a stance, most contested first."""
        out = [(a, b, c["agree"], c["qualify"], c["disagree"]) for (a, b), c in self.counts.items()]
        return sorted(out, key=lambda r: (-r[4], -r[3], -r[2], r[0], r[1]))


@dataclass(frozen=True, slots=True)
class Interpretation:
    """A view within a theme: its claims, who holds it, and who answers it and how."""

    theme: str | None
    claims: tuple[str, ...]
    proponents: tuple[str, ...]
    critics: tuple[str, ...]
    qualifiers: tuple[str, ...]
    supporters: tuple[str, ...]
    answers: tuple[str, ...]  # ids of the interpretations this one answers


@dataclass(frozen=True, slots=True)
class ClaimStat:
    claim: str
    supporters: tuple[str, ...]
    critics: tuple[str, ...]
    qualifiers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OpinionGroup:
    members: tuple[str, ...]
    drivers: tuple[tuple[str, float], ...]  # (claim id, how much more this group backs it than the rest)


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _claims(m: Map) -> dict[str, Claim]:
    return {c.id: c for c in m.claims}


def pair_stances(m: Map, a: str | None = None, b: str | None = None) -> list[PairStance]:
    """Every stance of the map with its evidence; limited to pairs with ``a`` (and ``b``) if given."""
    claims = _claims(m)
    rel = {r.id: r for r in m.relations}
    out: list[PairStance] = []
    for s in m.stances:
        if a is not None and a not in (s.a, s.b):
            continue
        if b is not None and {s.a, s.b} != {a, b}:
            continue
        if s.relations:
            ev = tuple(Evidence(rel[r].source, rel[r].target, rel[r].cue, r) for r in s.relations if r in rel)
        else:
            ev = tuple(
                Evidence(c.id, c.id)
                for c in claims.values()
                if s.a in c.holders and s.b in c.holders and c.kind != "question"
            )
        out.append(PairStance(s.a, s.b, s.relation, ev))
    return out


def stance_matrix(m: Map) -> StanceMatrix:
    """Agree / qualify / disagree counts per pair: the number of claims (or relations) behind each."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ps in pair_stances(m):
        counts[_key(ps.a, ps.b)][ps.type] += max(1, len(ps.evidence))
    people = sorted({p for k in counts for p in k})
    return StanceMatrix(tuple(people), dict(counts))


def allies_and_opponents(m: Map, pid: str) -> tuple[list[tuple[str, int]], list[tuple[str, int, int]]]:
    """(allies by agreement count, opponents by (disagree, qualify) counts) of one participant."""
    mat = stance_matrix(m)
    allies, opponents = [], []
    for (a, b), c in mat.counts.items():
        if pid not in (a, b):
            continue
        other = b if a == pid else a
        if c["agree"]:
            allies.append((other, c["agree"]))
        if c["disagree"] or c["qualify"]:
            opponents.append((other, c["disagree"], c["qualify"]))
    allies.sort(key=lambda x: (-x[1], x[0]))
    opponents.sort(key=lambda x: (-x[1], -x[2], x[0]))
    return allies, opponents


# ------------------------------------------------------------------------------------ interpretations


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, x: str, y: str) -> None:
        self.parent[self.find(x)] = self.find(y)


def _answerers(
    incoming: list[Relation], kind: str, claims: dict[str, Claim], held: tuple[str, ...]
) -> tuple[str, ...]:
    people = (p for r in incoming if r.type == kind for p in claims[r.source].holders)
    return tuple(dict.fromkeys(p for p in people if p not in held))


def interpretations(m: Map) -> list[Interpretation]:
    """The competing views of each theme: claims answered together by one cue form one view, and so do
    the claims that answer together; each view lists its proponents and who criticises or qualifies it.
    Only claims that take part in a relation are grouped: the rest are not yet in competition.

    What readers see (the report, the explorer, ``rapporteur interpretations``, the server) comes from
    ``rapporteur.synthesis.synthesize``, which groups every claim of a theme, labels each view in the
    record's words and adds cruxes and common ground; this lighter grouping stays for its callers."""
    claims = _claims(m)
    u = _Union()
    by_cue: dict[tuple[int, int], list[Relation]] = defaultdict(list)
    for r in m.relations:
        by_cue[(r.cue.start, r.cue.end)].append(r)
    for rs in by_cue.values():
        for r in rs[1:]:
            u.join(r.target, rs[0].target)
            u.join(r.source, rs[0].source)
    groups: dict[str, list[str]] = defaultdict(list)
    for cid in sorted({x for r in m.relations for x in (r.source, r.target)}, key=lambda c: claims[c].start):
        groups[u.find(cid)].append(cid)
    gid = {root: f"i{k}" for k, root in enumerate(groups, 1)}
    out = []
    for cids in groups.values():
        inside = set(cids)
        incoming = [r for r in m.relations if r.target in inside and r.source not in inside]
        outgoing = {
            gid[u.find(r.target)] for r in m.relations if r.source in inside and r.target not in inside
        }
        proponents = tuple(dict.fromkeys(p for c in cids for p in claims[c].holders))

        out.append(
            Interpretation(
                claims[cids[0]].theme,
                tuple(cids),
                proponents,
                _answerers(incoming, "disagree", claims, proponents),
                _answerers(incoming, "qualify", claims, proponents),
                _answerers(incoming, "agree", claims, proponents),
                tuple(sorted(outgoing)),
            )
        )
    return out


# ------------------------------------------------------------------------------- statistics, no votes


def claim_matrix(m: Map) -> dict[str, dict[str, float]]:
    """participant -> claim -> inferred position (+1 holds or agrees, -0.5 qualifies, -1 disagrees).

    A disagreement counts both ways: those whose claim is answered are taken to oppose the answer."""
    claims = _claims(m)
    mat: dict[str, dict[str, float]] = defaultdict(dict)
    for c in m.claims:
        if c.kind == "question":
            continue
        for p in c.holders:
            mat[p][c.id] = 1.0
        for a in c.attributions:
            if a.polarity == "exception":
                mat[a.participant][c.id] = -1.0
    for r in m.relations:
        w = WEIGHTS[r.type]
        for p in claims[r.source].holders:
            if mat[p].get(r.target, 0.0) != 1.0:  # holding a claim outweighs qualifying it
                mat[p][r.target] = min(mat[p].get(r.target, w), w) if w < 0 else w
        if r.type == "disagree":  # a clash runs both ways: the answered oppose the answer
            for p in claims[r.target].holders:
                if mat[p].get(r.source, 0.0) != 1.0:
                    mat[p][r.source] = -1.0
    return dict(mat)


def _claim_stats(m: Map) -> list[ClaimStat]:
    mat = claim_matrix(m)
    out = []
    for c in m.claims:
        if c.kind == "question" or not c.holders:
            continue
        col = {p: row[c.id] for p, row in mat.items() if c.id in row}
        out.append(
            ClaimStat(
                c.id,
                tuple(p for p, v in col.items() if v > 0),
                tuple(p for p, v in col.items() if v <= -1),
                tuple(p for p, v in col.items() if -1 < v < 0),
            )
        )
    return out


def consensus_claims(m: Map, min_support: int = 2) -> list[ClaimStat]:
    """Claims held (or agreed with) by at least ``min_support`` people and attacked by no one."""
    stats = [s for s in _claim_stats(m) if len(s.supporters) >= min_support and not s.critics]
    return sorted(stats, key=lambda s: (-len(s.supporters), len(s.qualifiers), s.claim))


def divisive_claims(m: Map) -> list[ClaimStat]:
    """Claims that are held and attacked: most evenly split (then most people involved) first."""
    stats = [s for s in _claim_stats(m) if s.supporters and s.critics]
    return sorted(
        stats,
        key=lambda s: (
            -min(len(s.supporters), len(s.critics)),
            -(len(s.supporters) + len(s.critics)),
            s.claim,
        ),
    )


def opinion_groups(m: Map, top: int = 3) -> list[OpinionGroup]:
    """Participants clustered on the signed stance graph (agreements pull together, clashes push apart:
    an edge is kept where agreement outweighs opposition), by modularity; each group is explained by
    the claims it backs more than everyone else does. People with no positive tie form no group."""
    import networkx as nx  # here: only the groups need it, and it costs ~90 ms of every `clash`

    mat = stance_matrix(m)
    g = nx.Graph()
    for (a, b), c in mat.counts.items():
        w = c["agree"] - c["disagree"] - 0.5 * c["qualify"]
        if w > 0:
            g.add_edge(a, b, weight=w)
    if g.number_of_edges() == 0:
        return []
    comms = nx.algorithms.community.greedy_modularity_communities(g, weight="weight")
    pos = claim_matrix(m)
    everyone = set(pos)
    out = []
    for comm in comms:
        members = sorted(comm)
        if len(members) < 2:
            continue
        rest = everyone - set(members)
        claim_ids = {cid for p in members for cid in pos.get(p, {})}
        scored = []
        for cid in claim_ids:
            inside = sum(pos.get(p, {}).get(cid, 0.0) for p in members) / len(members)
            outside = sum(pos.get(p, {}).get(cid, 0.0) for p in rest) / max(1, len(rest))
            scored.append((cid, round(inside - outside, 3)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        out.append(OpinionGroup(tuple(members), tuple(scored[:top])))
    return sorted(out, key=lambda g: (-len(g.members), g.members))
