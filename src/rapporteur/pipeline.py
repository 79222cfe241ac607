"""The stages in order: ingest -> structure -> attribute -> resolve -> relate."""

from __future__ import annotations

import gc
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from rapporteur.attribute import Context, attribute
from rapporteur.attribute.claims import Marker
from rapporteur.attribute.turns import find_turns
from rapporteur.attribute.turns import shape as shape_turns
from rapporteur.claim_table import ClaimTable, attribution_tuples
from rapporteur.errors import RapporteurError
from rapporteur.ingest import DEFAULT_MAX_BYTES, load
from rapporteur.model import (
    Attribution,
    Claim,
    Document,
    Map,
    Participant,
    Relation,
    Stance,
    Theme,
    release_source,
)
from rapporteur.relate import answer_relations, find_cues, relate
from rapporteur.resolve import Resolver, RosterPerson, load_roster, norm
from rapporteur.rosters import RecordRoster, read_rosters
from rapporteur.structure import Paragraph, Structure, add_sentences, structure


def prepare(
    doc: Document, roster: Sequence[RosterPerson] | None = None
) -> tuple[Structure, list[RosterPerson], Context, RecordRoster]:
    """Structure, the roster (given, else the record's own: appendix, attendee lists, "Present:"),
    and the detectors' context; lines that only list people are kept out of the claims."""
    st = structure(doc, sentences=False)  # sentences once the turns are cut: see below
    people = (
        list(roster)
        if roster
        else [RosterPerson(e.name, e.affiliation, e.aliases, e.kind) for e in st.roster]
    )
    listed = read_rosters(doc.text)  # "Present:", attendee lists: often before the body begins
    if not roster:
        people = merge_rosters(people, listed.people)
    if listed.spans:
        spans = sorted(set(listed.spans))
        starts = [a for a, _ in spans]
        st.paragraphs = [p for p in st.paragraphs if not _only_roster(doc.text, p.pieces, spans, starts)]
    known = frozenset(
        k
        for p in people
        for n in (p.name, *p.aliases)
        if n.split()
        for k in (
            unicodedata.normalize("NFC", n).lower(),
            unicodedata.normalize("NFC", n).split()[-1].lower(),
        )
    )
    ctx = Context(known, tuple(people), closed=bool(roster) or bool(st.roster))
    # whether the turns were cut is read from the turns, not by holding the uncut paragraphs, which
    # would then stay alive beside the cut ones while they are made
    had_turns = bool(st.turns)
    st = shape_turns(st, ctx)  # cuts a transcript's paragraphs into turns (their sentences split there)
    if had_turns or not st.turns:  # not cut: the text's paragraphs, which still need their sentences
        add_sentences(st)
    return st, people, ctx, listed


def _only_roster(text: str, pieces, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether every non-blank line of a paragraph is a roster line (``spans`` sorted, ``starts`` theirs)."""
    for s, e in pieces:
        pos = s
        for line in text[s:e].split("\n"):
            at = pos + len(line) - len(line.lstrip())
            i = bisect_right(starts, at) - 1
            if line.strip() and not (i >= 0 and spans[i][0] <= at < spans[i][1]):
                return False
            pos += len(line) + 1
    return True


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Python's cycle collector off while a record is mapped. Mapping makes millions of objects that
    live until the map is returned and form no cycles; each full collection walks all of them, so with
    the collector on, mapping 20 MB took 4.7x as long as 5 MB (10.4 s against 8.2 s without it,
    ``bench/extract_speed.py``'s narrative record): superlinear in the record. Reference counting
    still frees everything as usual; the collector is turned back on (if it was on) when the map is
    made, so a cycle made meanwhile is collected then."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def extract(doc: Document, roster: Sequence[RosterPerson] | None = None) -> Map:
    """Map one document already in memory. A roster given here wins over one found in the text."""
    with _no_cyclic_gc():
        try:
            return _extract(doc, roster)
        finally:
            release_source()  # the record's text is the map's to keep, not the module's


def _extract(doc: Document, roster: Sequence[RosterPerson] | None) -> Map:
    st, people, ctx, listed = prepare(doc, roster)
    doc = replace(doc, title=st.title)
    raw = attribute(st, ctx)  # the raw claims as columns, in text order
    cues = find_cues(st)  # read now, so that the sentences of every other paragraph can go
    _let_go_sentences(st, {c.paragraph for c in cues})
    resolver = Resolver(people)
    answers: list[tuple[str, tuple[str, int, int, int, int]]] = []
    # Claims of one marker (every sentence of a turn) share one tuple of attributions: they are equal
    # and frozen, and a transcript has tens of thousands of such claims. A name resolves the same way
    # each time it is resolved again (the resolver keeps the first answer), so resolving once per marker
    # tuple gives the same participants in the same order. Keyed by the markers' identity, not content:
    # the markers are let go as they are used (``drain``), but every one of them was made before this
    # loop and none is made in it, so a marker still to come never has the id of one let go.
    shared: dict[tuple[int, ...], tuple[Attribution, ...]] = {}
    # the claims as columns (``claim_table``): a claim is made when read, its text cut from the record's
    claims = ClaimTable(doc.text, doc.id)
    add_claim = claims.add
    paragraphs = st.paragraphs
    make_attribution = Attribution.of
    resolve = resolver.resolve
    last_markers: tuple[Marker, ...] | None = None
    atts: tuple[Attribution, ...] = ()
    for start, end, kind, markers, pi, raw_answers in raw.drain():
        if markers is not last_markers:  # else the claim before's (a turn's claims come in a row)
            last_markers = markers
            key = tuple(map(id, markers))
            atts = shared.get(key)  # type: ignore[assignment]
            if atts is None:
                atts = shared[key] = tuple(
                    make_attribution(
                        resolve(name, m.kind, m.via),
                        m.polarity,
                        m.span,
                        name,
                        m.via,  # type: ignore[arg-type]
                        resolve(m.behalf[0], "party") if m.behalf else None,
                    )
                    for m in markers
                    for name, _, _ in m.names
                )
        add_claim(start, end, paragraphs[pi].theme, kind, atts)
        if raw_answers:
            cid = f"c{len(claims)}"
            answers.extend((cid, a) for a in raw_answers)
    del raw, shared, last_markers
    claims.done()
    for _, names, _ in find_turns(_silent_turns(st, claims), ctx):  # everyone who spoke is a participant
        for name in names:
            resolver.resolve(name, "person", "turn")
    notes = list(doc.layout.notes) if doc.layout is not None else []
    notes.extend(ctx.notes)
    if not people:
        notes.append(
            f"{doc.source}: no roster found or given; cited names are kept as participants outside a roster"
        )
    notes.extend(f"{doc.source}: {n}" for n in listed.notes)
    for t in st.turns:  # "[Jane Doe?]": the record itself is unsure who spoke
        if t.speaker and t.speaker.rstrip().endswith("?") and t.speaker.strip("? "):
            notes.append(
                f"{doc.source}: speaker '{t.speaker}' is marked uncertain; the turn is left unattributed"
            )
    for label, names in resolver.ambiguous:
        who = " or ".join(names)
        notes.append(f"{doc.source}: speaker '{label}' could be {who}; kept apart, not guessed")
    for name in resolver.unknown:
        if people:
            notes.append(f"{doc.source}: '{name}' is cited but not in the roster; kept as a participant")
    if not claims:
        notes.append(f"{doc.source}: no attribution markers found; the map has no claims")
    m = Map((doc,), tuple(resolver.result()), tuple(st.themes), claims, (), (), tuple(notes))
    return answer_relations(relate(st, m, cues), answers)


def _let_go_sentences(st: Structure, keep: set[int]) -> None:
    """Each paragraph's sentences as ``()`` but those of the paragraphs in ``keep``: once the claims
    are read, only a relation cue's paragraph has its sentences read again (``relate``), and the
    sentences of a record's every paragraph are a tuple of pairs of offsets each, held while the
    claims are made (where mapping a transcript peaked). Replaced in place, one by one: each old
    paragraph is let go as its new one is made, which then takes the memory the next one leaves."""
    paras = st.paragraphs
    for i, p in enumerate(paras):
        if p.sentences and i not in keep:
            paras[i] = Paragraph(p.pieces, (), p.theme, p.kind, p.turn, p.page)


def _silent_turns(st: Structure, claims: Sequence[Claim]) -> Structure:
    """The structure with only the paragraphs of turns no claim is credited to by its label. The
    speakers of the others were resolved with their claims, and resolving a name again changes
    nothing, so only these are read again (in order), not every turn of a transcript. A text whose
    turns were not cut has none to read (``shape`` found no labels)."""
    if not st.turns:
        return replace(st, paragraphs=[])
    spoken = {
        (a.marker.start, a.marker.end) for atts in attribution_tuples(claims) for a in atts if a.via == "turn"
    }
    silent = {i for i, t in enumerate(st.turns) if (t.label or (t.start, t.start)) not in spoken}
    if len(silent) == len(st.turns):
        return st
    return replace(st, paragraphs=[p for p in st.paragraphs if p.turn in silent])


def merge_rosters(first: Sequence[RosterPerson], more: Sequence[RosterPerson]) -> list[RosterPerson]:
    """``first`` in order, then the people of ``more`` not already in it (by name)."""
    seen = {norm(p.name) for p in first}
    return list(first) + [p for p in more if norm(p.name) not in seen]


def map_document(
    path: str | Path,
    *,
    roster: str | Path | Sequence[RosterPerson] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
) -> Map:
    """Read and map one record; raises a ``RapporteurError`` naming the file if it cannot be read.
    ``fmt`` names the format (see ``rapporteur.ingest.formats()``) instead of detecting it."""
    people = load_roster(roster) if isinstance(roster, (str, Path)) else roster
    return extract(load(path, max_bytes=max_bytes, fmt=fmt), people)


def map_documents(
    paths: Iterable[str | Path],
    *,
    roster: str | Path | Sequence[RosterPerson] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
) -> tuple[Map, list[RapporteurError]]:
    """Map several records into one map; a bad file is reported and skipped, never fatal to the batch."""
    people = load_roster(roster) if isinstance(roster, (str, Path)) else roster
    maps, errors = [], []
    seen: dict[str, str] = {}  # sha256 -> the source first mapped with those bytes
    duplicates: list[str] = []
    for p in paths:
        try:
            m = map_document(p, roster=people, max_bytes=max_bytes, fmt=fmt)
        except RapporteurError as exc:
            errors.append(exc)
            continue
        doc = m.documents[0]
        if doc.sha256 in seen:  # the same bytes twice: kept once and said so, never fatal to the batch
            duplicates.append(f"{doc.source}: the same bytes as {seen[doc.sha256]} (sha256); mapped once")
            continue
        seen[doc.sha256] = doc.source
        maps.append(m)
    merged = merge(maps)
    if duplicates:
        merged = replace(merged, notes=(*merged.notes, *duplicates))
    return merged, errors


def merge(maps: Sequence[Map]) -> Map:
    """One map from several: ids renumbered, the same person (by name) one participant."""
    if len(maps) == 1:
        return maps[0]
    docs: list[Document] = []
    people: dict[str, Participant] = {}
    themes: list[Theme] = []
    claims: list[Claim] = []
    relations: list[Relation] = []
    stances: dict[tuple[str, str, str], Stance] = {}
    notes: list[str] = []
    for k, m in enumerate(maps, 1):
        did = f"d{k}"
        pmap: dict[str, str] = {}
        for p in m.participants:
            key = unicodedata.normalize("NFC", p.name).casefold()
            if key in people and _conflicting(people[key].affiliation, p.affiliation):
                # Same name, two affiliations: two people until shown otherwise; merging misrepresents both.
                notes.append(
                    f"conflicting identities: {p.name!r} of {p.affiliation!r} and {p.name!r} of "
                    f"{people[key].affiliation!r} are kept as two participants"
                )
                key = f"{key}\x1f{(p.affiliation or '').casefold()}"
            if key in people:
                old = people[key]
                aliases = tuple(dict.fromkeys(old.aliases + p.aliases))
                people[key] = replace(
                    old,
                    aliases=aliases,
                    in_roster=old.in_roster or p.in_roster,
                    affiliation=old.affiliation or p.affiliation,
                )
            else:
                people[key] = replace(p, id=f"p{len(people) + 1}")
            pmap[p.id] = people[key].id
        tmap = {t.id: f"t{len(themes) + i}" for i, t in enumerate(m.themes, 1)}
        docs.extend(replace(d, id=did) for d in m.documents)
        themes.extend(
            replace(t, id=tmap[t.id], document=did, parent=tmap.get(t.parent or "")) for t in m.themes
        )
        cmap = {c.id: f"c{len(claims) + i}" for i, c in enumerate(m.claims, 1)}
        rmap = {r.id: f"r{len(relations) + i}" for i, r in enumerate(m.relations, 1)}
        relations.extend(
            replace(r, id=rmap[r.id], source=cmap[r.source], target=cmap[r.target]) for r in m.relations
        )
        for st in m.stances:
            key = (pmap[st.a], pmap[st.b], st.relation)
            rels = tuple(rmap[r] for r in st.relations)
            old = stances.get(key)
            stances[key] = Stance(*key, (old.relations if old else ()) + rels)  # type: ignore[arg-type]
        for c in m.claims:
            atts = tuple(replace(a, participant=pmap[a.participant]) for a in c.attributions)
            claims.append(
                replace(
                    c,
                    id=cmap[c.id],
                    document=did,
                    theme=tmap.get(c.theme or ""),
                    attributions=atts,
                )
            )
        notes.extend(m.notes)
    return Map(
        tuple(docs),
        tuple(people.values()),
        tuple(themes),
        tuple(claims),
        tuple(relations),
        tuple(stances.values()),
        tuple(notes),
    )


def _conflicting(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join((a or "").split()).casefold() != " ".join((b or "").split()).casefold()
