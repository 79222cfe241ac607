"""The rapporteur's report: for each theme the interpretations and who holds them, the qualifications,
the clashes, the areas of agreement and of disagreement and the open questions; then a participants index.

The wording is fixed here, in a few sentence shapes; everything else is the map's: names as the roster
gives them, the record's own words in quotation marks, and a citation of every claim a sentence rests on.
The templates only escape and lay out (``templates/report.md.j2``, ``templates/report.html.j2``). The
report does not reconcile: when the map has no relation between two claims, it says nothing about them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import jinja2

from rapporteur import _regex as re
from rapporteur.model import Claim, Map, Participant, Relation, Theme

Format = Literal["md", "html"]
SegKind = Literal["text", "name", "quote", "cue"]

VERBS = {"claim": "argued", "question": "asked", "qualification": "qualified", "proposal": "proposed"}
CONTEXT = 240  # characters of the record shown around a cited span in the HTML report's sources
SOURCE_CONTEXT = 60  # the same for the short report, whose sources are many small spans


@dataclass(frozen=True, slots=True)
class Seg:
    """One piece of a sentence: our fixed wording, a participant (by id), a claim's words, or a cue."""

    kind: SegKind
    value: str


@dataclass(frozen=True, slots=True)
class Sentence:
    segs: tuple[Seg, ...]
    cites: tuple[str, ...]


@dataclass
class Section:
    """One theme of the report, with the sentences of each of its parts (empty parts are not shown)."""

    id: str
    title: str
    depth: int
    document: str
    parts: dict[str, list[Sentence]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.parts.values())


PARTS = (
    ("interpretations", "Interpretations and their proponents"),
    ("qualifications", "Qualifications"),
    ("clashes", "Clashes"),
    ("agreement", "Areas of agreement"),
    ("disagreement", "Areas of disagreement"),
    ("questions", "Open questions"),
)


@dataclass
class Person:
    participant: Participant
    positions: list[tuple[str, Sentence]]  # (theme title, sentence)
    stances: list[Sentence]


@dataclass
class Source:
    claim: Claim
    document: str
    before: str
    after: str
    markers: tuple[str, ...]


@dataclass
class ReportView:
    title: str
    documents: list[str]
    sections: list[Section]
    people: list[Person]
    silent: list[Participant]
    sources: list[Source]
    notes: tuple[str, ...]
    counts: dict[str, int]


def _t(s: str) -> Seg:
    return Seg("text", s)


def _names(pids: list[str] | tuple[str, ...]) -> list[Seg]:
    """Participants joined as a list reads in English: "A", "A and B", "A, B and C"."""
    segs: list[Seg] = []
    for i, pid in enumerate(pids):
        if i:
            segs.append(_t(" and " if i == len(pids) - 1 else ", "))
        segs.append(Seg("name", pid))
    return segs


def _unique(items: list[str] | tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(items))


def _exceptions(c: Claim) -> list[str]:
    return _unique([a.participant for a in c.attributions if a.polarity == "exception"])


def _position(c: Claim) -> Sentence:
    """The sentence that states a claim with its proponents (and those the record names as exceptions)."""
    holders, exceptions = _unique(c.holders), _exceptions(c)
    segs: list[Seg] = []
    if holders:
        segs += [*_names(holders), _t(f" {VERBS.get(c.kind, 'argued')}: "), Seg("quote", c.id)]
    else:
        segs += [_t("The record states: "), Seg("quote", c.id)]
    if exceptions:
        segs += [
            _t(", naming "),
            *_names(exceptions),
            _t(" as an exception" if len(exceptions) == 1 else " as exceptions"),
        ]
    return Sentence((*segs, _t(".")), (c.id,))


def _who(c: Claim, fallback: str) -> list[Seg]:
    holders = _unique(c.holders)
    return _names(holders) if holders else [_t(fallback)]


def _relation(r: Relation, claims: dict[str, Claim]) -> Sentence:
    """A relation between two claims, in the words the record used to signal it."""
    s, t = claims[r.source], claims[r.target]
    verb = {"disagree": " disagreed with ", "agree": " agreed with ", "qualify": " qualified "}[r.type]
    segs = [
        *_who(s, "An unattributed view"),
        _t(verb),
        *_who(t, "an unattributed view"),
        _t(": "),
        Seg("quote", s.id),
        _t(", against " if r.type == "disagree" else ", on "),
        Seg("quote", t.id),
    ]
    if r.cue.text:
        segs += [_t(" (signalled by "), Seg("cue", r.cue.text), _t(")")]
    return Sentence((*segs, _t(".")), (s.id, t.id))


def _stance_sentence(a: str, b: str, relation: str, rels: list[Relation]) -> Sentence:
    word = {"disagree": "disagree", "agree": "agree", "qualify": "qualify one another"}[relation]
    cites = _unique([x for r in rels for x in (r.source, r.target)])
    n = len(rels)
    return Sentence(
        (*_names([a, b]), _t(f" {word} ({n} {'relation' if n == 1 else 'relations'} in the record).")),
        tuple(cites),
    )


def _depths(themes: tuple[Theme, ...]) -> dict[str, int]:
    ids = {t.id: t for t in themes}
    out: dict[str, int] = {}
    for t in themes:
        d, p, seen = 0, t.parent, {t.id}
        while p in ids and p not in seen:
            seen.add(p)
            d, p = d + 1, ids[p].parent
        out[t.id] = d
    return out


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """The record around a span, cut at whitespace so excerpts start and end on whole words."""
    b = max(0, start - width)
    if b > 0:
        space = text.find(" ", b, start)
        b = space + 1 if space != -1 else b
    e = min(len(text), end + width)
    if e < len(text):
        space = text.rfind(" ", end, e)
        e = space if space != -1 else e
    return ("…" if b > 0 else "") + text[b:start], text[end:e] + ("…" if e < len(text) else "")


def build(m: Map) -> ReportView:
    """The report as data: which sentences go where. Everything a template shows comes from here."""
    claims = {c.id: c for c in m.claims}
    by_theme: dict[str | None, list[Claim]] = defaultdict(list)
    for c in m.claims:
        by_theme[c.theme].append(c)
    rels_by_theme: dict[str | None, list[Relation]] = defaultdict(list)
    for r in m.relations:
        if r.source in claims and r.target in claims:
            rels_by_theme[claims[r.source].theme].append(r)
    relations = {r.id: r for r in m.relations if r.source in claims and r.target in claims}
    depth = _depths(m.themes)
    docs = {d.id: d for d in m.documents}

    def section(sid: str, title: str, level: int, doc: str, tid: str | None) -> Section:
        cs = by_theme.get(tid, [])
        rs = rels_by_theme.get(tid, [])
        sec = Section(sid, title, level, doc)
        sec.parts["interpretations"] = [_position(c) for c in cs if c.kind in ("claim", "proposal")]
        sec.parts["qualifications"] = [_position(c) for c in cs if c.kind == "qualification"] + [
            _relation(r, claims) for r in rs if r.type == "qualify"
        ]
        sec.parts["clashes"] = [_relation(r, claims) for r in rs if r.type == "disagree"]
        agreement = [_relation(r, claims) for r in rs if r.type == "agree"]
        for c in cs:
            holders = _unique(c.holders)
            if len(holders) > 1:
                agreement.append(
                    Sentence((*_names(holders), _t(" are cited together for one point.")), (c.id,))
                )
        sec.parts["agreement"] = agreement
        disagreement = []
        for c in cs:
            ex = _exceptions(c)
            if ex:
                disagreement.append(
                    Sentence(
                        (
                            *_names(ex),
                            _t(" " + ("is" if len(ex) == 1 else "are") + " named as an exception."),
                        ),
                        (c.id,),
                    )
                )
        pairs: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        for r in rs:
            if r.type != "disagree":
                continue
            for a in _unique(claims[r.source].holders):
                for b in _unique(claims[r.target].holders):
                    if a != b:
                        pairs[(a, b)].append(r)
        disagreement += [_stance_sentence(a, b, "disagree", rl) for (a, b), rl in pairs.items()]
        sec.parts["disagreement"] = disagreement
        sec.parts["questions"] = [_position(c) for c in cs if c.kind == "question"]
        return sec

    sections = [
        section(t.id, t.title, depth.get(t.id, 0), docs[t.document].title if t.document in docs else "", t.id)
        for t in m.themes
    ]
    if by_theme.get(None) or rels_by_theme.get(None):
        sections.append(section("unthemed", "Outside any theme", 0, "", None))
    sections = [s for s in sections if not s.empty]

    theme_title = {t.id: t.title for t in m.themes}
    people: list[Person] = []
    silent: list[Participant] = []
    for p in m.participants:
        positions = []
        for c in m.claims:
            pol = {a.polarity for a in c.attributions if a.participant == p.id}
            if "holds" in pol:
                positions.append(
                    (
                        theme_title.get(c.theme or "", "Outside any theme"),
                        Sentence(
                            (_t(VERBS.get(c.kind, "argued") + ": "), Seg("quote", c.id), _t(".")), (c.id,)
                        ),
                    )
                )
            elif "exception" in pol:
                positions.append(
                    (
                        theme_title.get(c.theme or "", "Outside any theme"),
                        Sentence((_t("named as an exception to: "), Seg("quote", c.id), _t(".")), (c.id,)),
                    )
                )
        stances = []
        for s in m.stances:
            if p.id not in (s.a, s.b):
                continue
            other = s.b if s.a == p.id else s.a
            rels = [relations[r] for r in s.relations if r in relations]
            if not rels:
                continue  # a stance that cites no claim cannot be shown: every sentence cites
            word = {
                "disagree": "disagrees with ",
                "agree": "agrees with ",
                "qualify": "qualifies or is qualified by ",
            }
            stances.append(
                Sentence(
                    (_t(word[s.relation]), Seg("name", other), _t(f" ({len(rels)} in the record).")),
                    tuple(_unique([x for r in rels for x in (r.source, r.target)])),
                )
            )
        if positions:
            people.append(Person(p, positions, stances))
        else:
            silent.append(p)
    people.sort(key=lambda x: _surname(x.participant.name))
    silent.sort(key=lambda p: _surname(p.name))

    sources = []
    for c in m.claims:
        doc = docs.get(c.document)
        before, after = _context(doc.text, c.start, c.end) if doc else ("", "")
        sources.append(
            Source(
                c,
                f"{doc.source} ({c.document})" if doc else c.document,
                before,
                after,
                tuple(dict.fromkeys(a.marker.text for a in c.attributions)),
            )
        )
    title = m.documents[0].title if len(m.documents) == 1 else f"{len(m.documents)} records"
    return ReportView(
        title=title,
        documents=[d.title or d.source for d in m.documents],
        sections=sections,
        people=people,
        silent=silent,
        sources=sources,
        notes=m.notes,
        counts={
            "claims": len(m.claims),
            "participants": len(people),
            "themes": len(m.themes),
            "relations": len(m.relations),
        },
    )


def _surname(name: str) -> tuple[str, str]:
    parts = name.split()
    return ((parts[-1] if parts else "").casefold(), name.casefold())


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")


def md_escape(s: object) -> str:
    """Document text as inert Markdown: every character that could start markup or HTML is escaped,
    and line breaks become spaces so a quotation cannot open a heading, a list or a raw HTML block."""
    text = " ".join(str(s).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def anchor(s: object) -> str:
    """An id usable as a footnote label or fragment whatever characters the map's ids contain."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(s))


@cache
def _env(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rapporteur", "render/templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["anchor"] = anchor
    return env


def report(m: Map, fmt: Format | str = "md", *, full: bool = False) -> str:
    """The rapporteur's report as Markdown or as one HTML page; refuses any other format.

    By default the report a rapporteur writes: per theme its views, who holds and who answers them, the
    main disagreement (``render/debate.py``). ``full`` gives the exhaustive listing of every claim."""
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown report format {fmt!r} (md or html)")
    import rapporteur

    names = {p.id: p.name for p in m.participants}
    if full:
        view = build(m)
        claims = {c.id: c for c in m.claims}
        template = _env(fmt == "html").get_template(f"report-full.{fmt}.j2")
        return template.render(
            v=view, parts=PARTS, names=names, claims=claims, version=rapporteur.__version__
        )
    from rapporteur.render.debate import build as build_debate
    from rapporteur.render.debate import short_names

    dv = build_debate(m)
    spans = dv.spans
    docs = {d.id: d for d in m.documents}
    ctx = {}
    if fmt == "html":
        for c in dv.cites:
            doc = docs[c.document]
            ctx[c.key] = _context(doc.text, c.start, c.end, SOURCE_CONTEXT)
    return (
        _env(fmt == "html")
        .get_template(f"report.{fmt}.j2")
        .render(
            v=dv,
            names=short_names(m),
            full_names=names,
            affiliations={p.id: p.affiliation for p in m.participants},
            spans=spans,
            quotes=dv.quotes,
            docs={d.id: d.source for d in m.documents},
            ctx=ctx,
            version=rapporteur.__version__,
        )
    )
