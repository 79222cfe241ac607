"""The rapporteur's synthesis: within each theme, the competing views (claims grouped with who holds,
answers and qualifies them), the claims that divide (cruxes) and those no one contests (common ground).

A view is what the record presents as one line of argument. Claims join one view when the record ties
them: the same cue answers them together, or they answer together; one agrees with the other; they
invoke the same named view ('the "X" perspective', "the first school", "Option 2"); or they follow one
another with no turn to another voice between them (same paragraph, or the same people carrying on).
Two claims one of which answers the other (disagrees with or qualifies it) never share a view: that
constraint wins over every tie. Each view is labelled from the record's own words: the name the record
gives it, else its most characteristic phrase; a label is a span, so it can be checked like a claim.

Where the record has no headings, themes come from clustering the claims lexically (``labels.cluster``:
TF-IDF, spherical k-means, pure Python so the core needs no numpy), each labelled by its most
characteristic phrase (``labels.characteristic``).
Every stage is linear in the number of claims and relations (the clustering in claims x clusters).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from rapporteur import _regex as re
from rapporteur.labels import Label, characteristic, cluster, tokens
from rapporteur.lexicon import lexicon, longest_first, words
from rapporteur.model import Claim, Map, Relation

UNTHEMED = "unthemed"
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


@dataclass(frozen=True, slots=True)
class View:
    """One competing view of a theme: its claims (record order), who holds it, who answers it and how."""

    id: str
    theme: str | None
    label: Label | None
    claims: tuple[str, ...]
    proponents: tuple[str, ...]
    critics: tuple[str, ...]  # hold a claim that disagrees with one of this view's claims
    qualifiers: tuple[str, ...]
    supporters: tuple[str, ...]  # agree from outside the view
    exceptions: tuple[str, ...]  # named by the record as exceptions to one of its claims
    answers: tuple[str, ...]  # ids of the views this one answers
    relations: tuple[str, ...]  # the relation ids that tie it to other views (its evidence)


@dataclass(frozen=True, slots=True)
class Point:
    """A claim with who holds it and who contests it, and the relations that say so."""

    claim: str
    theme: str | None
    holders: tuple[str, ...]
    critics: tuple[str, ...]
    qualifiers: tuple[str, ...]
    supporters: tuple[str, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ThemeSynthesis:
    theme: str | None
    title: str
    label: Label | None  # for a clustered theme: its characteristic phrase
    views: tuple[View, ...]
    questions: tuple[str, ...]
    cruxes: tuple[Point, ...]
    common: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Synthesis:
    themes: tuple[ThemeSynthesis, ...]
    cruxes: tuple[Point, ...]
    common: tuple[Point, ...]
    clustered: bool = False  # themes came from clustering, not from headings
    theme_of: dict[str, str] = field(default_factory=dict)  # claim -> clustered theme id, when clustered

    def view(self, vid: str) -> View | None:
        return next((v for t in self.themes for v in t.views if v.id == vid), None)

    def theme(self, tid: str | None) -> ThemeSynthesis | None:
        return next((t for t in self.themes if t.theme == tid), None)


# ---------------------------------------------------------------------------------------- words


@cache
def _contrast() -> re.Pattern[str]:
    cues = longest_first(words("synthesis", "contrast"))
    return re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")\b", re.I)


@cache
def _others() -> re.Pattern[str]:
    """Words that bring in other voices ("others", "some participants"): the relation lexicon's groups."""
    return re.compile(r"\b" + str(lexicon("relations")["groups"]) + r"\b", re.I | re.X)


@cache
def _named() -> re.Pattern[str]:
    """A view the record names: a quoted label before a view noun, an ordinal school, a numbered option."""
    nouns = "|".join(longest_first(words("synthesis", "view_nouns")))
    ords = "|".join(longest_first(words("synthesis", "ordinals")))
    labels = "|".join(longest_first(words("synthesis", "labels")))
    quoted = r"[\"“]([^\"“”\n]{2,60})[\"”]\s+(?:" + nouns + r")\b"
    ordinal = r"\bthe\s+((?:" + ords + r")\s+(?:school|camp|group|view|position|side|option))\b"
    option = r"\b((?:" + labels + r")\s+(?:[0-9]{1,2}|[A-H])\b)(?![\w.])"
    return re.compile(f"{quoted}|{ordinal}|{option}", re.I)


# ------------------------------------------------------------------------------------ grouping


class _Groups:
    """Union-find with cannot-link pairs: a join that would put an answer with what it answers is refused."""

    def __init__(self, ids: list[str]) -> None:
        self.parent = {i: i for i in ids}
        self.apart: dict[str, set[str]] = defaultdict(set)

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def keep_apart(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart[ra].add(rb)
        self.apart[rb].add(ra)

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in {self.find(x) for x in self.apart.get(ra, ())}:
            return False
        if len(self.apart.get(ra, ())) < len(self.apart.get(rb, ())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.apart[ra] |= self.apart.pop(rb, set())
        return True


def _named_view(text: str, c: Claim) -> tuple[str, int, int] | None:
    """The view a claim's own sentence names, as (key, start, end) of the name in the text."""
    lo = c.start
    floor = max(0, c.start - 400)
    for m in _SENTENCE_END.finditer(text, floor, c.start):
        lo = m.end()
    if lo == c.start:
        lo = floor if floor == 0 else c.start
    for m in _named().finditer(text, lo, c.end):
        g = next(i for i in (1, 2, 3) if m.group(i))
        return (" ".join(m.group(g).lower().split()), m.start(g), m.end(g))
    return None


def _paragraph_break(gap: str) -> bool:
    return bool(re.search(r"\n[ \t]*\n", gap))


def _group_theme(
    cs: list[Claim], rels: list[Relation], text_of: dict[str, str]
) -> tuple[list[list[str]], dict[str, tuple[str, int, int]]]:
    """The views of one theme's claims (questions excluded), and each claim's named view if any."""
    ids = [c.id for c in cs]
    inside = set(ids)
    g = _Groups(ids)
    for r in rels:
        if r.source in inside and r.target in inside and r.type in ("disagree", "qualify"):
            g.keep_apart(r.source, r.target)
    # 1. one cue, one side: the claims it answers together, and the claims that answer together
    by_cue: dict[tuple[int, int, str], list[Relation]] = defaultdict(list)
    for r in rels:
        by_cue[(r.cue.start, r.cue.end, r.type)].append(r)
    for rs in by_cue.values():
        for r in rs[1:]:
            if r.target in inside and rs[0].target in inside:
                g.join(r.target, rs[0].target)
            if r.source in inside and rs[0].source in inside:
                g.join(r.source, rs[0].source)
    # 2. agreement
    for r in rels:
        if r.type == "agree" and r.source in inside and r.target in inside:
            g.join(r.source, r.target)
    # 3. the same named view
    named: dict[str, tuple[str, int, int]] = {}
    first_of: dict[str, str] = {}
    for c in cs:
        nv = _named_view(text_of.get(c.document, ""), c)
        if nv:
            named[c.id] = nv
            if nv[0] in first_of:
                g.join(c.id, first_of[nv[0]])
            else:
                first_of[nv[0]] = c.id
    # 4. carrying on: the next claim with no turn to another voice in between
    answered = {r.source for r in rels if r.type in ("disagree", "qualify")}
    for prev, cur in pairwise(cs):
        if prev.document != cur.document or cur.id in answered:
            continue
        text = text_of.get(cur.document, "")
        gap = text[prev.end : cur.start]
        if len(gap) > 1500:
            continue
        lead = gap
        for a in prev.attributions:  # the previous claim's own marker is not a turn
            if prev.end <= a.marker.start and a.marker.end <= cur.start:
                lead = lead.replace(a.marker.text, " ")
        opening = " ".join(cur.text[:60].split()[:4])  # "However, such ..." opens the claim itself
        same_people = bool(set(prev.holders) & set(cur.holders))
        one_voice = bool(prev.holders) and set(prev.holders) == set(cur.holders)
        turn = _contrast().search(lead) or _contrast().search(opening)
        if turn and not (one_voice and not _others().search(lead + " " + opening)):
            continue  # a turn to another voice; the same people's own "however" carries their argument on
        if not _paragraph_break(gap) or same_people:
            g.join(prev.id, cur.id)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        groups[g.find(i)].append(i)
    return list(groups.values()), named


# ------------------------------------------------------------------------------------ synthesis


def _people(rels: list[Relation], kind: str, claims: dict[str, Claim], skip: set[str]) -> tuple[str, ...]:
    found = (p for r in rels if r.type == kind for p in claims[r.source].holders)
    return tuple(dict.fromkeys(p for p in found if p not in skip))


def _points(
    cs: list[Claim], rels: list[Relation], claims: dict[str, Claim]
) -> tuple[list[Point], list[Point]]:
    """Cruxes (held and disputed) and common ground (held by two or more, agreed with, never answered)."""
    incoming: dict[str, list[Relation]] = defaultdict(list)
    outgoing: dict[str, list[Relation]] = defaultdict(list)
    for r in rels:
        incoming[r.target].append(r)
        outgoing[r.source].append(r)
    cruxes, common = [], []
    for c in cs:
        if c.kind == "question":
            continue
        holders = tuple(dict.fromkeys(c.holders))
        ins = incoming.get(c.id, [])
        critics = _people(ins, "disagree", claims, set(holders))
        qualifiers = _people(ins, "qualify", claims, set(holders))
        supporters = _people(ins, "agree", claims, set(holders))
        rel_ids = tuple(r.id for r in ins)
        exceptions = any(a.polarity == "exception" for a in c.attributions)
        if holders and critics:
            cruxes.append(Point(c.id, c.theme, holders, critics, qualifiers, supporters, rel_ids))
        elif (
            len(set(holders) | set(supporters)) >= 2
            and not ins
            and not exceptions
            and not any(r.type == "disagree" for r in outgoing.get(c.id, []))
        ):
            common.append(Point(c.id, c.theme, holders, (), (), supporters, rel_ids))
    cruxes.sort(key=lambda p: (-min(len(p.holders), len(p.critics)), -(len(p.holders) + len(p.critics))))
    common.sort(key=lambda p: -(len(p.holders) + len(p.supporters)))
    return cruxes, common


def synthesize(m: Map, *, cluster_themes: bool | None = None) -> Synthesis:
    """The views, cruxes and common ground of every theme of ``m``. Themes come from the map's headings;
    where it has none (or ``cluster_themes`` is true) from lexical clusters of the claims."""
    claims = {c.id: c for c in m.claims}
    text_of = {d.id: d.text for d in m.documents}
    rels = [r for r in m.relations if r.source in claims and r.target in claims]
    into: dict[str, list[Relation]] = defaultdict(list)  # indexed once, so each view costs its own claims
    out_of: dict[str, list[Relation]] = defaultdict(list)
    for r in rels:
        into[r.target].append(r)
        out_of[r.source].append(r)
    clustered = cluster_themes if cluster_themes is not None else not any(c.theme for c in m.claims)
    theme_of: dict[str, str] = {}
    df: Counter[str] = Counter(w for c in m.claims for w in set(tokens(c.text)))
    n_docs = len(m.claims)
    order: list[tuple[str | None, str, Label | None]] = []
    by_theme: dict[str | None, list[Claim]] = defaultdict(list)
    if clustered:
        labels = cluster([c.text for c in m.claims])
        for c, k in zip(m.claims, labels, strict=True):
            theme_of[c.id] = f"k{k + 1}"
            by_theme[f"k{k + 1}"].append(c)
        for tid, cs in by_theme.items():
            lab = characteristic(cs, df, n_docs, text_of)
            order.append((tid, lab.text if lab else tid, lab))
    else:
        for c in m.claims:
            by_theme[c.theme].append(c)
        order = [(t.id, t.title, None) for t in m.themes if by_theme.get(t.id)]
        if by_theme.get(None):
            order.append((None, "Outside any theme", None))
    themes: list[ThemeSynthesis] = []
    all_cruxes: list[Point] = []
    all_common: list[Point] = []
    n = 0
    for tid, title, tlabel in order:
        cs = sorted(by_theme[tid], key=lambda c: (c.document, c.start))
        inside = {c.id for c in cs}
        trels = list({r.id: r for cid in inside for r in (*into[cid], *out_of[cid])}.values())
        stated = [c for c in cs if c.kind != "question"]
        groups, named = _group_theme(stated, trels, text_of)
        gid: dict[str, str] = {}
        for grp in groups:
            n += 1
            for cid in grp:
                gid[cid] = f"v{n}"
        views: list[View] = []
        for grp in groups:
            vid = gid[grp[0]]
            mine = set(grp)
            proponents = tuple(dict.fromkeys(p for cid in grp for p in claims[cid].holders))
            ins = [r for cid in grp for r in into[cid] if r.source not in mine]
            outs = [r for cid in grp for r in out_of[cid] if r.target not in mine]
            nv = next((named[c] for c in grp if c in named), None)
            if nv:
                doc = claims[grp[0]].document
                label: Label | None = Label(text_of[doc][nv[1] : nv[2]], doc, nv[1], nv[2], True)
            else:
                label = characteristic([claims[c] for c in grp], df, n_docs, text_of)
            exceptions = tuple(
                dict.fromkeys(
                    a.participant
                    for cid in grp
                    for a in claims[cid].attributions
                    if a.polarity == "exception"
                )
            )
            views.append(
                View(
                    vid,
                    tid,
                    label,
                    tuple(grp),
                    proponents,
                    _people(ins, "disagree", claims, set(proponents)),
                    _people(ins, "qualify", claims, set(proponents)),
                    _people(ins, "agree", claims, set(proponents)),
                    exceptions,
                    tuple(dict.fromkeys(gid[r.target] for r in outs if r.target in gid)),
                    tuple(dict.fromkeys(r.id for r in (*ins, *outs))),
                )
            )
        # views answered by another view of another theme still name it
        cruxes, common = _points(cs, rels, claims)
        all_cruxes += cruxes
        all_common += common
        themes.append(
            ThemeSynthesis(
                tid,
                title,
                tlabel,
                tuple(views),
                tuple(c.id for c in cs if c.kind == "question"),
                tuple(cruxes),
                tuple(common),
            )
        )
    # answers across themes: resolve targets that sit in another theme's views
    where = {cid: v.id for t in themes for v in t.views for cid in v.claims}
    fixed = []
    for t in themes:
        vs = []
        for v in t.views:
            mine = set(v.claims)
            answers = tuple(
                dict.fromkeys(where[r.target] for cid in v.claims for r in out_of[cid] if r.target in where)
            )
            vs.append(replace(v, answers=tuple(a for a in answers if a != v.id)))
        fixed.append(replace(t, views=tuple(vs)))
    all_cruxes.sort(key=lambda p: (-min(len(p.holders), len(p.critics)), -(len(p.holders) + len(p.critics))))
    all_common.sort(key=lambda p: -(len(p.holders) + len(p.supporters)))
    return Synthesis(tuple(fixed), tuple(all_cruxes), tuple(all_common), clustered, theme_of)


def view_dict(v: View) -> dict[str, object]:
    """A view as JSON (the server's and the page's shape)."""
    return {
        "id": v.id,
        "theme": v.theme,
        "label": None
        if v.label is None
        else {
            "text": v.label.text,
            "document": v.label.document,
            "start": v.label.start,
            "end": v.label.end,
            "named": v.label.named,
        },
        "claims": list(v.claims),
        "proponents": list(v.proponents),
        "critics": list(v.critics),
        "qualifiers": list(v.qualifiers),
        "supporters": list(v.supporters),
        "exceptions": list(v.exceptions),
        "answers": list(v.answers),
        "relations": list(v.relations),
    }


def point_dict(p: Point) -> dict[str, object]:
    return {
        "claim": p.claim,
        "theme": p.theme,
        "holders": list(p.holders),
        "critics": list(p.critics),
        "qualifiers": list(p.qualifiers),
        "supporters": list(p.supporters),
        "relations": list(p.relations),
    }


def theme_dict(t: ThemeSynthesis) -> dict[str, object]:
    return {
        "theme": t.theme,
        "title": t.title,
        "views": [view_dict(v) for v in t.views],
        "questions": list(t.questions),
        "cruxes": [point_dict(p) for p in t.cruxes],
        "common_ground": [point_dict(p) for p in t.common],
    }


__all__ = ["Label", "Point", "Synthesis", "ThemeSynthesis", "View", "cluster", "synthesize"]
