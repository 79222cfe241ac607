"""The commands that ask a stored map: ``who``, ``clash``, ``stances``, ``themes``, ``search`` and
``interpretations``."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rapporteur._cli_output import Table
from rapporteur.cli_common import (
    DB_DEFAULT,
    DbOption,
    JsonFlag,
    _examples,
    _fail,
    _open,
    _plain,
    _print_json,
    _say,
    _show,
    command,
    err,
    out,
)

if TYPE_CHECKING:
    from rapporteur.model import Map, Participant


def _initials_only(name: str) -> bool:
    from rapporteur.resolve import norm

    tokens = norm(name).split()
    return bool(tokens) and all(len(t) == 1 for t in tokens)


def _did_you_mean(m: Map, name: str) -> list[str]:
    """Names a failed lookup may have meant: a first name or any word of a name, or a near spelling."""
    from rapidfuzz import fuzz

    from rapporteur.resolve import norm

    words = set(norm(name).split())
    out = []
    for p in m.participants:
        forms = [p.name, *p.aliases]
        if (
            any(words & set(norm(f).split()) for f in forms)
            or max(fuzz.ratio(norm(name), norm(f)) for f in forms) >= 75
        ):
            out.append(p.name)
    return out[:5]


def _find_person(m: Map, name: str) -> Participant:
    from rapporteur.resolve import RosterPerson, _score

    scored = sorted(
        ((_score(name, RosterPerson(p.name, p.affiliation, p.aliases)), p.name, p) for p in m.participants),
        key=lambda x: (-x[0], x[1]),
    )
    if scored and _initials_only(name):
        # "F" is nobody's surname: a lone initial matches only a name or alias that is exactly it,
        # never the middle initial of "John F. Smith".
        scored = [s for s in scored if s[0] >= 100]
    if not scored or scored[0][0] < 80:
        if guesses := [] if _initials_only(name) else _did_you_mean(m, name):
            raise _fail(f"no participant matches {name!r}; did you mean {' or '.join(guesses)}?")
        raise _fail(f"no participant matches {name!r}")
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        names = ", ".join(p.name for s, _, p in scored if s == scored[0][0])
        raise _fail(f"{name!r} is ambiguous: {names}")
    return scored[0][2]


@command(
    epilog=_examples(
        "rapporteur who Okafor",
        "rapporteur who 'Ruiz de la Torre' --db meeting.db",
        "rapporteur who Okafor | cut -f3            # the claims only",
        "rapporteur who Okafor --json",
    )
)
def who(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name as cited or as in the roster.")],
    db: DbOption = Path(DB_DEFAULT),
    as_json: JsonFlag = False,
) -> None:
    """One person's claims, by theme, with their affiliation."""
    from rapporteur.model import Map
    from rapporteur.store import queries as q

    # Asked of the store, not of the whole map: as quick on a corpus as on one record.
    with _open(db) as store:
        p = _find_person(Map(participants=tuple(q.participants(store))), name)
        r = q.person(store, p)
        sources = dict(store.conn.execute("SELECT 'd' || id, source FROM documents"))
    by_theme: dict[str | None, list] = defaultdict(list)
    for c in r.claims:
        for a in c.attributions:
            if a.participant == p.id:
                by_theme[c.theme].append((c, a))
    if as_json:
        _print_json(_who_json(r, [ca for items in by_theme.values() for ca in items]))
        return
    roster = "" if p.in_roster else " (not in the roster)"
    _say(f"{p.name} — {p.affiliation or 'affiliation unknown'}{roster}")
    if not by_theme:
        _say("no claims attributed")
        return
    t = Table(show_header=True)
    for col in ("theme", "kind", "claim", "where"):
        t.add_column(col)
    for tid, items in by_theme.items():
        theme = r.themes.get(tid) if tid else None
        for c, a in items:
            kind = c.kind if a.polarity == "holds" else f"{c.kind} (exception: does not hold)"
            t.add_row(theme.title if theme else "-", kind, c.text, f"{c.document}:{c.start}-{c.end}")
    _show(t)
    # Across a corpus: the records this person is heard in, by the name each record was mapped from.
    heard = dict.fromkeys(c.document for items in by_theme.values() for c, _ in items)
    if len(sources) > 1:
        names = ", ".join(f"{d} ({sources[d]})" for d in heard if d in sources)
        out.print(f"records ({len(heard)}): {names}", markup=False)
    _allies_and_opponents(r)


def _participant_json(p: Participant) -> dict[str, object]:
    return {"id": p.id, "name": p.name, "affiliation": p.affiliation, "aliases": list(p.aliases),
            "in_roster": p.in_roster, "kind": p.kind}  # fmt: skip


def _who_json(r, items: list) -> dict[str, object]:  # r: rapporteur.store.queries.Person
    """``who --json``: the participant, each claim as in rapporteur/map@1 with its theme's title and
    this person's polarity, and allies and opponents with their counts."""
    from rapporteur.export.json import claim_dict

    claims = []
    for c, a in items:
        theme = r.themes.get(c.theme) if c.theme else None
        claims.append(claim_dict(c) | {"theme_title": theme.title if theme else None, "polarity": a.polarity})
    return {
        "participant": _participant_json(r.participant),
        "claims": claims,
        "allies": [{"id": a, "name": r.names[a], "claims": n} for a, n in r.allies],
        "opponents": [{"id": o, "name": r.names[o], "disagree": d, "qualify": q} for o, d, q in r.opponents],
    }


def _allies_and_opponents(r) -> None:  # r: rapporteur.store.queries.Person
    """`who` gains who stands with and against the person, counted in claims (see `clash` for which)."""
    if r.allies:
        _say("allies: " + ", ".join(f"{r.names[a]} ({n})" for a, n in r.allies))
    if r.opponents:
        parts = [f"{r.names[o]} ({d} disagree, {q} qualify)" for o, d, q in r.opponents]
        _say("opponents: " + ", ".join(parts))


@command(epilog=_examples("rapporteur clash Okafor Lindqvist", "rapporteur clash Okafor Lindqvist --json"))
def clash(
    a: Annotated[str, typer.Argument(metavar="A", help="One person.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Another person.")],
    db: DbOption = Path(DB_DEFAULT),
    as_json: JsonFlag = False,
) -> None:
    """Where two people disagree, qualify or agree: the claims on each side and the cue that says so."""
    from rapporteur.model import Map
    from rapporteur.stances import pair_stances
    from rapporteur.store import queries as q

    # Asked of the store for this pair only, not of the whole map: as quick on a corpus as on one record.
    with _open(db) as store:
        people = Map(participants=tuple(q.participants(store)))
        pa, pb = _find_person(people, a), _find_person(people, b)
        if pa.id == pb.id:
            raise _fail(f"{a!r} and {b!r} are the same person ({pa.name})", 2)
        m = q.pair(store, pa, pb)
    claims = {c.id: c for c in m.claims}
    names = {pa.id: pa.name, pb.id: pb.name}
    t = Table(show_header=True)
    for col in ("stance", "who", "claim", "answers", "cue", "where"):
        t.add_column(col)
    found = pair_stances(m, pa.id, pb.id)
    if as_json:
        _print_json(
            {
                "a": _participant_json(pa),
                "b": _participant_json(pb),
                "stances": [
                    {"type": s.type, "a": s.a, "b": s.b, "basis": s.basis,
                     "evidence": [{"a_claim": e.a_claim, "a_text": claims[e.a_claim].text,
                                   "b_claim": e.b_claim, "b_text": claims[e.b_claim].text,
                                   "relation": e.relation,
                                   "cue": None if e.cue is None else
                                   {"start": e.cue.start, "end": e.cue.end, "text": e.cue.text}}
                                  for e in s.evidence]}
                    for s in found
                ],
            }
        )  # fmt: skip
        return
    for s in found:
        for e in s.evidence:
            ca, cb = claims[e.a_claim], claims[e.b_claim]
            cue = e.cue.text if e.cue else "cited together"
            where = (
                f"{ca.document}:{e.cue.start}-{e.cue.end}" if e.cue else f"{ca.document}:{ca.start}-{ca.end}"
            )
            answers = "" if e.a_claim == e.b_claim else f"{names[s.b]}: {cb.text}"
            t.add_row(s.type, f"{names[s.a]} -> {names[s.b]}", ca.text, answers, cue, where)
    if not found:
        err.print(f"no stance between {pa.name} and {pb.name} in this map", markup=False)
        return
    _show(t)


@command(epilog=_examples("rapporteur stances", "rapporteur stances | sort -t$'\\t' -k5 -nr | head"))
def stances(db: DbOption = Path(DB_DEFAULT), as_json: JsonFlag = False) -> None:
    """The stance matrix: for each pair, how many claims they agree, qualify or disagree on."""
    from rapporteur.stances import stance_matrix

    with _open(db) as store:
        m = store.read_map()
    names = {p.id: p.name for p in m.participants}
    if as_json:
        _print_json(
            [
                {"a": a, "a_name": names[a], "b": b, "b_name": names[b],
                 "agree": n_agree, "qualify": n_qualify, "disagree": n_disagree}
                for a, b, n_agree, n_qualify, n_disagree in stance_matrix(m).rows()
            ]
        )  # fmt: skip
        return
    t = Table(show_header=True)
    for col in ("a", "b", "agree", "qualify", "disagree"):
        t.add_column(col, justify="right" if col in ("agree", "qualify", "disagree") else "left")
    rows = stance_matrix(m).rows()
    for a, b, n_agree, n_qualify, n_disagree in rows:
        t.add_row(names[a], names[b], str(n_agree), str(n_qualify), str(n_disagree))
    if not rows:
        err.print("no stances in this map", markup=False)
        return
    _show(t)


@command(epilog=_examples("rapporteur themes", "rapporteur themes --json"))
def themes(db: DbOption = Path(DB_DEFAULT), as_json: JsonFlag = False) -> None:
    """The theme tree, with claim counts (piped: a depth column instead of indentation)."""
    from rapporteur.store import queries as q

    with _open(db) as store:
        rows = q.theme_tree(store)  # counted by SQLite, not by reading the map
    if as_json:
        _print_json(
            [
                {"id": r.theme.id, "title": r.theme.title, "parent": r.theme.parent, "depth": r.depth,
                 "level": r.theme.level, "document": r.theme.document, "claims": r.claims,
                 "people": r.people}
                for r in rows
            ]
        )  # fmt: skip
        return
    plain = _plain()
    t = Table(show_header=True)
    t.add_column("theme")
    t.add_column("claims", justify="right")
    t.add_column("people", justify="right")
    if plain:
        t.add_column("depth", justify="right")
    for r in rows:
        row = [str(r.claims), str(r.people)]
        if plain:  # leading spaces do not survive a TSV reader: the tree's depth is a column
            t.add_row(r.theme.title, *row, str(r.depth))
        else:
            t.add_row("  " * r.depth + r.theme.title, *row)
    _show(t)


@command(
    epilog=_examples("rapporteur search 'land reform'", "rapporteur search military --json | jq '.[].text'")
)
def search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find in claims (all of them).")],
    db: DbOption = Path(DB_DEFAULT),
    as_json: JsonFlag = False,
) -> None:
    """Full-text search over claims."""
    from rapporteur.store import queries as q

    with _open(db) as store:
        hits = q.search(store, text)  # the hits and their people only, not the whole map
    if as_json:
        from rapporteur.export.json import claim_dict

        _print_json([claim_dict(c) | {"who": who} for c, who in hits])
        return
    t = Table(show_header=True)
    for col in ("claim", "who", "kind", "text"):
        t.add_column(col)
    for c, who in hits:
        t.add_row(c.id, ", ".join(who), c.kind, c.text)
    _show(t)
    if not hits:
        err.print(f"no claims match {text!r}", markup=False)


@command()
def interpretations(
    theme: Annotated[
        str | None, typer.Argument(help="A theme id (t3) or words of its title; all themes if omitted.")
    ] = None,
    db: DbOption = Path(DB_DEFAULT),
) -> None:
    """The competing views of each theme: label, proponents, critics, qualifiers, and the cruxes."""
    from rapporteur.synthesis import synthesize

    with _open(db) as store:
        m = store.read_map()
    s = synthesize(m)
    chosen = list(s.themes)
    if theme is not None:
        wanted = theme.casefold()
        chosen = [t for t in s.themes if t.theme == theme] or [
            t for t in s.themes if wanted in t.title.casefold()
        ]
        if not chosen:
            raise _fail(f"no theme {theme!r} in {db} (see `rapporteur themes`)")
    names = {p.id: p.name for p in m.participants}
    crux = {p.claim for p in s.cruxes}
    t = Table(show_header=True)
    for col in ("theme", "view", "label", "claims", "proponents", "critics", "qualifiers", "answers"):
        t.add_column(col)
    for th in chosen:
        for v in th.views:
            t.add_row(
                th.title,
                v.id + (" *" if crux & set(v.claims) else ""),
                v.label.text if v.label else "",
                " ".join(v.claims),
                ", ".join(names.get(p, p) for p in v.proponents),
                ", ".join(names.get(p, p) for p in v.critics),
                ", ".join(names.get(p, p) for p in v.qualifiers),
                " ".join(v.answers),
            )
    _show(t)
    err.print("* the view holds a crux: a claim held by some and disputed by others", markup=False)
