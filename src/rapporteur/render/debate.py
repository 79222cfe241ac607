"""The rapporteur's report in the shape a rapporteur writes it: per theme, one short paragraph per view
(who holds it, its gist in the record's words, who answers it and how), then the main disagreement
stated plainly; the questions raised; what no one contested; a participants index; the sources.

The wording is fixed here, in a few sentence shapes; everything else comes from the synthesis
(``rapporteur.synthesis``): names as the roster gives them, the record's own words in quotation marks,
and after every name and quotation a citation of the exact characters it rests on. Exceptions are said
as exceptions ("named as an exception"), never as disagreement; views are not reconciled. The
exhaustive listing of every claim stays available as the full report (``report(m, full=True)``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapporteur import _regex as re
from rapporteur.model import Claim, Map, Relation
from rapporteur.synthesis import Synthesis, View, synthesize

SegKind = Literal["text", "name", "quote", "label", "cite", "strong", "doc"]

GIST_WORDS = 14  # a quotation longer than this is cut at a clause or word boundary, marked "[…]"
SHORT_WORDS = 9  # questions and common ground are quoted shorter
VERBS = {
    "claim": "argued",
    "qualification": "added",
    "proposal": "proposed",
    "decision": "decided",
    "question": "asked",
}


@dataclass(frozen=True, slots=True)
class Cite:
    """One span of the record a sentence rests on; ``claim`` or ``relation`` says what it is."""

    key: int
    document: str
    start: int
    end: int
    text: str
    claim: str | None = None
    relation: str | None = None
    markers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Seg:
    kind: SegKind
    value: str  # text, a participant id, or (quote, label, cite) a cite key as a string


@dataclass
class ViewPara:
    id: str
    label: list[Seg]
    sentences: list[list[Seg]]
    crux: bool = False


@dataclass
class Part:
    id: str
    title: str
    depth: int
    views: list[ViewPara] = field(default_factory=list)
    minor: list[list[Seg]] = field(default_factory=list)  # one-claim views no one answered, in brief
    main: list[Seg] | None = None
    questions: list[list[Seg]] = field(default_factory=list)
    common: list[list[Seg]] = field(default_factory=list)


@dataclass
class DebateView:
    title: str
    documents: list[str]
    parts: list[Part]
    overall: list[list[Seg]]
    people: list[tuple[str, list[Seg]]]  # (participant id, the sentence of what they hold)
    cites: list[Cite]  # the footnotes: every span a sentence cites
    spans: dict[str, Cite]  # every span a sentence quotes or cites, by key
    quotes: dict[str, str]  # the words of every quotation, by key
    counts: dict[str, int]
    notes: tuple[str, ...]


class _Cites:
    def __init__(self, m: Map) -> None:
        self.text = {d.id: d.text for d in m.documents}
        self.by_span: dict[tuple[str, int, int], Cite] = {}
        self.quotes: dict[str, str] = {}  # quotation key -> the quoted words (a span or its opening)

    def span(
        self, doc: str, start: int, end: int, claim: str | None = None, relation: str | None = None,
        markers: tuple[str, ...] = (),
    ) -> str:  # fmt: skip
        key = (doc, start, end)
        if key not in self.by_span:
            text = self.text[doc][start:end]
            n = len(self.by_span) + 1
            self.by_span[key] = Cite(n, doc, start, end, text, claim, relation, markers)
        return str(self.by_span[key].key)

    def claim(self, c: Claim, words: int | None = None) -> tuple[str, str, bool]:
        """A claim quoted whole or by its opening words (up to ``words``): (quotation key, citation key,
        shortened). The citation is the claim's span; a shortened quotation is its first characters."""
        key = self.whole(c)
        end, cut = (c.end, False) if words is None else _shorten(self.text[c.document], c.start, c.end, words)
        qkey = f"{key}@{end}" if cut else key
        self.quotes[qkey] = self.text[c.document][c.start : end]
        return qkey, key, cut

    def whole(self, c: Claim) -> str:
        """The claim's citation: its whole span, with the markers that attribute it."""
        markers = tuple(dict.fromkeys(a.marker.text for a in c.attributions))
        return self.span(c.document, c.start, c.end, c.id, None, markers)

    def all(self) -> dict[str, Cite]:
        return {str(c.key): c for c in self.by_span.values()}

    def quote_all(self) -> dict[str, str]:
        """Every quotation's words by key: shortened claims, and whole spans (cues, labels, claims)."""
        return {**{str(c.key): c.text for c in self.by_span.values()}, **self.quotes}

    def cue(self, r: Relation, doc: str) -> str:
        return self.span(doc, r.cue.start, r.cue.end, None, r.id)


_WORD = re.compile(r"\S+")


def _shorten(text: str, start: int, end: int, limit: int) -> tuple[int, bool]:
    """Where to end a quotation of ``text[start:end]``: at the first sentence end if the quotation is
    longer than ``limit`` words, else at the last clause mark (, ; :) before the limit, else at a word."""
    spans = [m.span() for m in _WORD.finditer(text, start, end)]
    if len(spans) <= limit:
        return end, False
    for s, e in spans[:limit]:
        if e < end and s > start and text[s:e].rstrip("\"'”’)").endswith((".", "!", "?")):
            return e, True
    clause = [e for _, e in spans[4:limit] if text[e - 1] in ",;:"]
    if clause:
        return clause[-1] - 1, True
    return spans[limit - 1][1], True


def _t(s: str) -> Seg:
    return Seg("text", s)


def _names(pids: list[str]) -> list[Seg]:
    out: list[Seg] = []
    for i, pid in enumerate(pids):
        if i:
            out.append(_t(" and " if i == len(pids) - 1 else ", "))
        out.append(Seg("name", pid))
    return out


def _people_cited(pids: list[str], claims: list[Claim], cites: _Cites) -> list[Seg]:
    """Names, each group followed by the claim that attributes it: "A and B[1], C[2]"."""
    groups: list[tuple[list[str], Claim]] = []
    left = list(dict.fromkeys(pids))
    for c in claims:
        here = [p for p in dict.fromkeys(c.holders) if p in left]
        if here:
            groups.append((here, c))
            left = [p for p in left if p not in here]
    out: list[Seg] = []
    names_total = sum(len(g) for g, _ in groups)
    said = 0
    for here, c in groups:
        for p in here:
            if said:
                out.append(_t(" and " if said == names_total - 1 else ", "))
            out.append(Seg("name", p))
            said += 1
        out.append(Seg("cite", cites.whole(c)))
    return out


def _quote(cites: _Cites, c: Claim, words: int) -> list[Seg]:
    qkey, key, cut = cites.claim(c, words)
    return [Seg("quote", qkey), Seg("cite", key), *([_t(" […]")] if cut else [])]


class _Labels:
    """Each view's label as a quotation followed by its citation: the claim it is taken from, or its own
    span when the record names the view outside the claim ('Proponents of the "X" position argued')."""

    def __init__(self, s: Synthesis, claims: dict[str, Claim], cites: _Cites) -> None:
        self.cites, self.views = cites, {v.id: v for t in s.themes for v in t.views}
        self.claims = claims

    def __call__(self, vid: str) -> list[Seg]:
        v = self.views.get(vid)
        if v is None or v.label is None:
            return []
        lab = v.label
        key = self.cites.span(lab.document, lab.start, lab.end)
        home = next(
            (
                self.claims[c]
                for c in v.claims
                if self.claims[c].start <= lab.start and lab.end <= self.claims[c].end
            ),
            None,
        )
        return [Seg("label", key), Seg("cite", self.cites.whole(home) if home else key)]


def _minor(v: View, claims: dict[str, Claim]) -> bool:
    """A view no one answered and that answers no one, of one claim or one person: named in brief."""
    lone = len(v.claims) == 1 or len(v.proponents) == 1
    return lone and not v.relations and not v.exceptions and v.label is not None


def _strongest(v: View, claims: dict[str, Claim], answered: dict[str, int]) -> list[Claim]:
    """A view's one or two strongest claims: held by the most people, most answered, then first."""
    cs = [claims[c] for c in v.claims]
    order = sorted(cs, key=lambda c: (-len(set(c.holders)), -answered.get(c.id, 0), c.start))
    return order[:1]


def _view_para(
    v: View, s: Synthesis, m: Map, claims: dict[str, Claim], rels: dict[str, Relation], cites: _Cites,
    answered: dict[str, int], labels: _Labels, crux: bool,
) -> ViewPara:  # fmt: skip
    cs = [claims[c] for c in v.claims]
    sentences: list[list[Seg]] = []
    gist = _strongest(v, claims, answered)
    verb = VERBS.get(gist[0].kind, "argued")
    quoted: list[Seg] = []
    for i, c in enumerate(gist):
        if i:
            quoted.append(_t("; and: "))
        quoted += _quote(cites, c, GIST_WORDS)
    held = list(dict.fromkeys(p for c in gist for p in c.holders))
    if held:  # only the people who hold the quoted words are said to argue them
        named = _people_cited(held, gist, cites)
        if len(gist) == 1:  # the quotation's citation, a few words on, attributes them too
            named = [g for g in named if g.kind != "cite"]
        first = [*named, _t(f" {verb}: ")]
    else:
        first = [_t("The record states: ")]
    sentences.append([*first, *quoted, _t(".")])
    others = [p for p in v.proponents if p not in held]
    if others:
        sentences.append([_t("Likewise: "), *_people_cited(others, cs, cites), _t(".")])
    if v.exceptions:
        holders_of = [c for c in cs if any(a.polarity == "exception" for a in c.attributions)]
        ex: list[Seg] = []
        for c in holders_of:
            pids = list(dict.fromkeys(a.participant for a in c.attributions if a.polarity == "exception"))
            ex += [*_names(pids), Seg("cite", cites.whole(c))]
        n = len(v.exceptions)
        said = "is named as an exception" if n == 1 else "are named as exceptions"
        sentences.append([*ex, _t(f" {said}.")])
    mine = set(v.claims)
    for kind, verb_past in (("disagree", "disputed"), ("qualify", "qualified"), ("agree", "agreed with")):
        by_cue: dict[tuple[int, int], list[Relation]] = {}
        for rid in v.relations:
            r = rels[rid]
            if r.type == kind and r.target in mine and r.source not in mine:
                by_cue.setdefault((r.cue.start, r.cue.end), []).append(r)
        for rs in by_cue.values():
            sources = list(dict.fromkeys(r.source for r in rs))
            people = [p for cid in sources for p in claims[cid].holders if p not in v.proponents]
            src_claims = [claims[cid] for cid in sources]
            seg: list[Seg] = []
            if people:
                seg += _people_cited(list(dict.fromkeys(people)), src_claims, cites)
            else:
                seg += [_t("An unattributed view")] + [Seg("cite", cites.whole(c)) for c in src_claims]
            doc = claims[rs[0].source].document
            seg += [_t(f" {verb_past} it")]
            if rs[0].cue.text:
                key = cites.cue(rs[0], doc)
                seg += [_t(" ("), Seg("quote", key), Seg("cite", key), _t(")")]
            sentences.append([*seg, _t(".")])
    label = labels(v.id)
    said = {g.value for ss in sentences for g in ss if g.kind == "cite"}
    if len(label) == 2 and label[1].value in said:
        label = label[:1]  # the paragraph cites the claim the label is taken from
    return ViewPara(v.id, label, sentences, crux)


def _sentences(part: Part) -> list[list[Seg]]:
    out = [ss for vp in part.views for ss in (vp.label, *vp.sentences)]
    return out + part.minor + part.questions + part.common + ([part.main] if part.main else [])


def _renumber(
    parts: list[Part], overall: list[list[Seg]], people: list[tuple[str, list[Seg]]], cites: _Cites
) -> tuple[list[Part], list[list[Seg]], list[tuple[str, list[Seg]]], dict[str, Cite], dict[str, str]]:
    """Footnotes numbered 1, 2, 3 in the order the report first cites them; spans only quoted (labels,
    cues) keep a key of their own but no number (key <= 0), so no footnote goes uncited."""
    from dataclasses import replace

    order: dict[str, int] = {}
    every = [ss for part in parts for ss in _sentences(part)] + overall + [x for _, x in people]
    for ss in every:
        for g in ss:
            if g.kind == "cite" and g.value not in order:
                order[g.value] = len(order) + 1
    old = cites.all()
    new_key = {k: str(order[k]) if k in order else f"q{k}" for k in old}

    def fix(ss: list[Seg]) -> list[Seg]:
        out = []
        for g in ss:
            if g.kind in ("cite", "quote", "label"):
                k, _, rest = g.value.partition("@")
                g = Seg(g.kind, new_key[k] + (f"@{rest}" if rest else ""))
            out.append(g)
        return out

    for part in parts:
        for vp in part.views:
            vp.label = fix(vp.label)
            vp.sentences = [fix(x) for x in vp.sentences]
        part.minor = [fix(x) for x in part.minor]
        part.questions = [fix(x) for x in part.questions]
        part.common = [fix(x) for x in part.common]
        part.main = fix(part.main) if part.main else None
    spans = {new_key[k]: replace(c, key=order.get(k, 0)) for k, c in old.items()}
    quotes = {}
    for k, words in cites.quote_all().items():
        base, _, rest = k.partition("@")
        quotes[new_key[base] + (f"@{rest}" if rest else "")] = words
    return parts, [fix(x) for x in overall], [(p, fix(x)) for p, x in people], spans, quotes


def short_names(m: Map) -> dict[str, str]:
    """The name the record cites each participant by (its most frequent ``cited_as``), as a rapporteur
    writes "Smith and Lee"; the full name where two people would share one short name."""
    cited: dict[str, Counter[str]] = defaultdict(Counter)
    for c in m.claims:
        for a in c.attributions:
            if a.cited_as.strip():
                cited[a.participant][" ".join(a.cited_as.split())] += 1
    short = {p.id: (cited[p.id].most_common(1)[0][0] if cited.get(p.id) else p.name) for p in m.participants}
    clash = Counter(v.casefold() for v in short.values())
    return {p.id: (p.name if clash[short[p.id].casefold()] > 1 else short[p.id]) for p in m.participants}


def build(m: Map, s: Synthesis | None = None) -> DebateView:
    """The report as data: which sentences go where, every quotation and name with its citation."""
    s = s or synthesize(m)
    claims = {c.id: c for c in m.claims}
    rels = {r.id: r for r in m.relations if r.source in claims and r.target in claims}
    cites = _Cites(m)
    answered: dict[str, int] = {}
    for r in rels.values():
        answered[r.target] = answered.get(r.target, 0) + 1
    labels = _Labels(s, claims, cites)
    depth = {t.id: (1 if t.parent else 0) for t in m.themes}
    crux_claims = {p.claim for p in s.cruxes}
    parts: list[Part] = []
    for t in s.themes:
        part = Part(str(t.theme or "unthemed"), t.title, depth.get(t.theme or "", 0))
        if t.label is not None:
            key = cites.span(t.label.document, t.label.start, t.label.end)
            part.title = t.label.text
            part.id = f"{part.id}-{key}"
        for v in t.views:
            if _minor(v, claims):
                c = claims[v.claims[0]]
                vcs = [claims[x] for x in v.claims]
                seg = _people_cited(list(v.proponents), vcs, cites) if v.proponents else [_t("the record")]
                lab = labels(v.id)
                if lab and seg and lab[-1] == seg[-1]:
                    lab = lab[:-1]  # one citation serves the name and the label taken from its claim
                part.minor.append(
                    [*seg, _t(", on "), *lab] if lab else [*seg, _t(": "), *_quote(cites, c, SHORT_WORDS)]
                )
                continue
            part.views.append(
                _view_para(v, s, m, claims, rels, cites, answered, labels, bool(set(v.claims) & crux_claims))
            )
        if t.cruxes:
            p = t.cruxes[0]
            view_of = {cid: v for v in t.views for cid in v.claims}
            held = view_of.get(p.claim)
            rel = next(rels[r] for r in p.relations if rels[r].type == "disagree")
            against = next((v for th in s.themes for v in th.views if rel.source in v.claims), None)
            seg: list[Seg] = [Seg("strong", "The main disagreement"), _t(": ")]
            seg += _names(list(p.holders))
            if held is not None and labels(held.id):
                seg += [_t(", for "), labels(held.id)[0]]
            seg += [_t(", against "), *_names(list(p.critics))]
            if against is not None and labels(against.id):
                seg += [_t(", for "), labels(against.id)[0]]
            key = cites.cue(rel, claims[rel.source].document)
            seg += [_t(" ("), Seg("quote", key), _t(")")]
            seg += [Seg("cite", cites.whole(claims[p.claim])), Seg("cite", cites.whole(claims[rel.source]))]
            seg += [Seg("cite", key), _t(".")]
            part.main = seg
        asked = [claims[q] for q in t.questions if claims[q].holders]
        if asked:  # the questions by who asked them; their words are in the full report
            part.questions.append(
                _people_cited(list(dict.fromkeys(p for c in asked for p in c.holders)), asked, cites)
            )
        vid_in = {cid: v.id for v in t.views for cid in v.claims}
        common_views: dict[str, list[Claim]] = {}
        brief = {v.id for v in t.views if _minor(v, claims)}
        for p in t.common:  # a view said in brief is not repeated here
            if vid_in.get(p.claim) not in brief:
                common_views.setdefault(vid_in.get(p.claim, ""), []).append(claims[p.claim])
        for vid, held_claims in list(common_views.items())[:3]:
            lab = labels(vid)[:1]
            people_here = list(dict.fromkeys(p for c in held_claims for p in c.holders))
            seg = [*lab, _t(" (")] if lab else []
            part.common.append(
                [*seg, *_people_cited(people_here, held_claims, cites), *([_t(")")] if lab else [])]
            )
        parts.append(part)
    overall: list[list[Seg]] = []
    title_of = {t.theme: t.title for t in s.themes}
    vid_of = {cid: v.id for t in s.themes for v in t.views for cid in v.claims}
    seen_pairs: set[tuple[str, str]] = set()
    for p in s.cruxes:
        c = claims[p.claim]
        rel = next(rels[r] for r in p.relations if rels[r].type == "disagree")
        pair = (vid_of.get(p.claim, p.claim), vid_of.get(rel.source, rel.source))
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        lab = labels(pair[0])
        seg = [*_names(list(p.holders)), _t(" against "), *_names(list(p.critics)), _t(" on ")]
        seg += lab if lab else _quote(cites, c, SHORT_WORDS)
        seg += [_t(" ("), Seg("doc", title_of.get(p.theme, "")), _t(").")]  # a heading: document text
        overall.append(seg)
        if len(overall) == 3:
            break
    people: list[tuple[str, list[Seg]]] = []
    held_views: dict[str, list[View]] = {}
    for t in s.themes:
        for v in t.views:
            for pid in v.proponents:
                held_views.setdefault(pid, []).append(v)
    for p in sorted(m.participants, key=lambda p: (p.name.split()[-1:] or [""])[0].casefold()):
        vs = held_views.get(p.id)
        if not vs:
            continue
        seg: list[Seg] = [_t(f"{len(vs)} {'view' if len(vs) == 1 else 'views'}")]
        for v in vs:
            mine = next(claims[c] for c in v.claims if p.id in claims[c].holders)
            seg.append(Seg("cite", cites.whole(mine)))
        people.append((p.id, seg))
    counts = {
        "claims": len(m.claims),
        "views": sum(len(t.views) for t in s.themes),
        "themes": len(s.themes),
        "participants": len(people),
        "relations": len(rels),
    }
    title = m.documents[0].title if len(m.documents) == 1 else f"{len(m.documents)} records"
    parts, overall, people, spans, quotes = _renumber(parts, overall, people, cites)
    return DebateView(
        title,
        [d.title or d.source for d in m.documents],
        parts,
        overall,
        people,
        sorted((c for c in spans.values() if c.key > 0), key=lambda c: c.key),
        spans,
        quotes,
        counts,
        m.notes,
    )
