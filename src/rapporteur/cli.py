"""The command line: argument checks, one-line errors, tables. All the work is done by the library."""

from __future__ import annotations

import enum
import os
import sys
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rapporteur import __version__
from rapporteur.errors import RapporteurError
from rapporteur.ingest import DEFAULT_MAX_BYTES, formats
from rapporteur.model import Map, Participant

# The formats the reader registry knows, as a choice: a new reader module is a new choice.
InputFormat = enum.Enum("InputFormat", {f: f for f in formats()}, type=str)  # type: ignore[misc]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Rebuild the map of who argued what from the written record of a debate.",
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_DEFAULT = "rapporteur.db"
DbOption = Annotated[Path, typer.Option("--db", help="The map's SQLite file.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _plain() -> bool:
    """Pipes and files get tab-separated lines, not box drawing."""
    return not out.is_terminal or os.environ.get("RAPPORTEUR_PLAIN") == "1"


def _show(table: Table) -> None:
    if _plain():
        # A header row, then tab-separated rows with newlines and tabs inside cells flattened.
        cells = [[c.header, *c.cells] for c in table.columns]
        for row in zip(*cells, strict=True):
            print("\t".join(" ".join(str(v).split()) for v in row))
    else:
        out.print(table)


def _open(db: Path, *, readonly: bool = True):
    from rapporteur.store import open_store

    if not db.exists():
        raise _fail(f"{db}: no such map database (create one with `rapporteur map FILE --db {db}`)")
    try:
        return open_store(db, readonly=readonly)
    except RapporteurError as exc:
        raise _fail(str(exc)) from None


def _summary(m: Map) -> None:
    kinds = Counter(c.kind for c in m.claims)
    cited = {a.participant for c in m.claims for a in c.attributions}
    t = Table(title=None if _plain() else "Map summary", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    rows = [
        ("documents", len(m.documents)),
        ("participants", len(m.participants)),
        ("participants cited", len(cited)),
        ("participants not in roster", sum(1 for p in m.participants if not p.in_roster)),
        ("themes", len(m.themes)),
        ("claims", len(m.claims)),
        *((f"  {k}", kinds.get(k, 0)) for k in ("claim", "question", "qualification", "proposal")),
        ("relations", len(m.relations)),
    ]
    for k, v in rows:
        t.add_row(k, str(v))
    _show(t)
    for note in m.notes:
        err.print(f"note: {note}", markup=False)


@app.command("map")
def map_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="Records to map (text, Markdown, and every format --format names).")
    ],
    roster: Annotated[
        Path | None, typer.Option(help="Roster file: CSV or YAML with name, affiliation, aliases.")
    ] = None,
    db: Annotated[Path | None, typer.Option(help="Write the map into this SQLite file.")] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the map as rapporteur/map@1 JSON.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
    input_format: Annotated[
        InputFormat | None,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            help="Read every file as this format instead of detecting it from content and extension.",
        ),
    ] = None,
) -> None:
    """Map records: find themes, claims and who holds them; print a summary."""
    from rapporteur.pipeline import map_documents
    from rapporteur.resolve import RosterPerson, load_roster

    people: list[RosterPerson] | None = None
    if roster is not None:
        try:
            people = load_roster(roster)
        except RapporteurError as exc:
            raise _fail(str(exc)) from None
    fmt = input_format.value if input_format else None
    m, errors = map_documents(files, roster=people, max_bytes=max_bytes, fmt=fmt)
    for exc in errors:
        err.print(f"error: {exc}", markup=False)
    if not m.documents:
        raise typer.Exit(1)  # nothing readable: leave any existing store exactly as it was
    if db is not None:
        from rapporteur.store import open_store

        try:
            with open_store(db) as store:
                m = store.write_map(m)
        except RapporteurError as exc:
            raise _fail(str(exc)) from None
    if json_out is not None:
        from rapporteur.export.json import dumps

        json_out.write_text(dumps(m), encoding="utf-8")
    _summary(m)
    if errors:
        raise typer.Exit(1)


EXPORT_FORMATS = ("json", "aif", "xaif", "argdown", "graphml", "csv")


def _export_text(m: Map, fmt: str) -> str:
    """One map in one text format (csv is a set of files, written apart)."""
    from rapporteur.export import aif, argdown, graphml
    from rapporteur.export.json import dumps

    writers = {"json": dumps, "aif": aif.to_aif, "xaif": aif.to_xaif, "argdown": argdown.to_argdown}
    return writers[fmt](m) if fmt in writers else graphml.to_graphml(m)


@app.command()
def export(
    db: DbOption = Path(DB_DEFAULT),
    fmt: Annotated[str, typer.Option("--format", "-f", help="json|aif|xaif|argdown|graphml|csv")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write the stored map in an exchange format."""
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"unknown format {fmt!r} (available: {', '.join(EXPORT_FORMATS)})", 2)
    if fmt == "csv" and output is None:
        raise _fail("--format csv writes several tables: give -o DIR or -o FILE.zip", 2)
    with _open(db) as store:
        m = store.read_map()
    if fmt == "csv":
        from rapporteur.export.csv import write_csv

        err.print(f"wrote {write_csv(m, output)}", markup=False)  # type: ignore[arg-type]
        return
    text = _export_text(m, fmt)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)


def _find_person(m: Map, name: str) -> Participant:
    from rapporteur.resolve import RosterPerson, _score

    scored = sorted(
        ((_score(name, RosterPerson(p.name, p.affiliation, p.aliases)), p.name, p) for p in m.participants),
        key=lambda x: (-x[0], x[1]),
    )
    if not scored or scored[0][0] < 80:
        raise _fail(f"no participant matches {name!r}")
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        names = ", ".join(p.name for s, _, p in scored if s == scored[0][0])
        raise _fail(f"{name!r} is ambiguous: {names}")
    return scored[0][2]


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A name as cited or as in the roster.")],
    db: DbOption = Path(DB_DEFAULT),
) -> None:
    """One person's claims, by theme, with their affiliation."""
    with _open(db) as store:
        m = store.read_map()
    p = _find_person(m, name)
    roster = "" if p.in_roster else " (not in the roster)"
    out.print(f"{p.name} — {p.affiliation or 'affiliation unknown'}{roster}", markup=False)
    by_theme: dict[str | None, list] = defaultdict(list)
    for c in m.claims:
        for a in c.attributions:
            if a.participant == p.id:
                by_theme[c.theme].append((c, a))
    if not by_theme:
        out.print("no claims attributed", markup=False)
        return
    t = Table(show_header=True)
    for col in ("theme", "kind", "claim", "where"):
        t.add_column(col)
    for tid, items in by_theme.items():
        theme = m.theme(tid)
        for c, a in items:
            kind = c.kind if a.polarity == "holds" else f"{c.kind} (exception: does not hold)"
            t.add_row(theme.title if theme else "-", kind, c.text, f"{c.document}:{c.start}-{c.end}")
    _show(t)
    _allies_and_opponents(m, p)


def _allies_and_opponents(m: Map, p: Participant) -> None:
    """`who` gains who stands with and against the person, counted in claims (see `clash` for which)."""
    from rapporteur.stances import allies_and_opponents

    allies, opponents = allies_and_opponents(m, p.id)
    names = {q.id: q.name for q in m.participants}
    if allies:
        out.print("allies: " + ", ".join(f"{names[a]} ({n})" for a, n in allies), markup=False)
    if opponents:
        parts = [f"{names[o]} ({d} disagree, {q} qualify)" for o, d, q in opponents]
        out.print("opponents: " + ", ".join(parts), markup=False)


@app.command()
def clash(
    a: Annotated[str, typer.Argument(help="One person.")],
    b: Annotated[str, typer.Argument(help="Another person.")],
    db: DbOption = Path(DB_DEFAULT),
) -> None:
    """Where two people disagree, qualify or agree: the claims on each side and the cue that says so."""
    from rapporteur.stances import pair_stances

    with _open(db) as store:
        m = store.read_map()
    pa, pb = _find_person(m, a), _find_person(m, b)
    if pa.id == pb.id:
        raise _fail(f"{a!r} and {b!r} are the same person ({pa.name})", 2)
    claims = {c.id: c for c in m.claims}
    names = {pa.id: pa.name, pb.id: pb.name}
    t = Table(show_header=True)
    for col in ("stance", "who", "claim", "answers", "cue", "where"):
        t.add_column(col)
    found = pair_stances(m, pa.id, pb.id)
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


@app.command()
def stances(db: DbOption = Path(DB_DEFAULT)) -> None:
    """The stance matrix: for each pair, how many claims they agree, qualify or disagree on."""
    from rapporteur.stances import stance_matrix

    with _open(db) as store:
        m = store.read_map()
    names = {p.id: p.name for p in m.participants}
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


@app.command()
def themes(db: DbOption = Path(DB_DEFAULT)) -> None:
    """The theme tree, with claim counts."""
    with _open(db) as store:
        m = store.read_map()
    counts = Counter(c.theme for c in m.claims)
    depth: dict[str, int] = {}
    t = Table(show_header=True)
    t.add_column("theme")
    t.add_column("claims", justify="right")
    t.add_column("people", justify="right")
    for th in m.themes:
        depth[th.id] = depth.get(th.parent or "", -1) + 1
        people = {a.participant for c in m.claims if c.theme == th.id for a in c.attributions}
        t.add_row("  " * depth[th.id] + th.title, str(counts.get(th.id, 0)), str(len(people)))
    _show(t)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in claims.")], db: DbOption = Path(DB_DEFAULT)
) -> None:
    """Full-text search over claims."""
    with _open(db) as store:
        m = store.read_map()
        hits = store.search(text)
    names = {p.id: p.name for p in m.participants}
    t = Table(show_header=True)
    for col in ("claim", "who", "kind", "text"):
        t.add_column(col)
    for c in hits:
        t.add_row(c.id, ", ".join(names.get(a.participant, "?") for a in c.attributions), c.kind, c.text)
    _show(t)
    if not hits:
        err.print(f"no claims match {text!r}", markup=False)


@app.command()
def report(
    db: DbOption = Path(DB_DEFAULT),
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html")] = "md",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """The rapporteur's report: themes, interpretations, clashes, participants; every sentence cited."""
    if fmt not in ("md", "html"):
        raise _fail(f"unknown report format {fmt!r} (available: md, html)", 2)
    from rapporteur.render.report import report as render_report

    with _open(db) as store:
        text = render_report(store.read_map(), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output.resolve()}", markup=False)


def _write_explorer(m: Map, output: Path) -> Path:
    from rapporteur.render.explorer import MissingLibrary, explorer

    try:
        page = explorer(m)
    except MissingLibrary as exc:
        raise _fail(str(exc)) from None
    output.write_text(page, encoding="utf-8")
    return output.resolve()


@app.command()
def explore(
    db: DbOption = Path(DB_DEFAULT),
    output: Annotated[Path, typer.Option("-o", "--output", help="The page to write.")] = Path("map.html"),
) -> None:
    """Write the explorer: one self-contained HTML page (works from file://, fetches nothing)."""
    with _open(db) as store:
        m = store.read_map()
    out.print(str(_write_explorer(m, output)), markup=False)


@app.command()
def serve(
    db: DbOption = Path(DB_DEFAULT),
    host: Annotated[
        str, typer.Option(help="Interface to bind; loopback unless you mean otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    get: Annotated[
        str | None, typer.Option("--get", help="Answer this one request in-process, print it and exit.")
    ] = None,
) -> None:
    """Serve the explorer, the report and a JSON API over the store, read-only."""
    try:
        from rapporteur import serve as server
    except ImportError as exc:
        raise _fail(
            f"the server needs its extra: pip install 'rapporteur[serve]' ({exc.name} missing)"
        ) from None
    if not db.exists():
        raise _fail(f"{db}: no such map database (create one with `rapporteur map FILE --db {db}`)")
    if get is not None:
        status, body = server.get(db, get)
        sys.stdout.write(body)
        if not body.endswith("\n"):
            sys.stdout.write("\n")
        raise typer.Exit(0 if status < 400 else 1)
    server.run(db, host=host, port=port)


def demo_path() -> Path:
    return Path(str(resources.files("rapporteur").joinpath("data", "demo-report.txt")))


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Where to write the demo's files.")] = Path(
        "rapporteur-demo"
    ),
) -> None:
    """Map the bundled founding example and say where its files are."""
    from rapporteur.export.json import dumps
    from rapporteur.pipeline import map_document
    from rapporteur.store import open_store

    directory.mkdir(parents=True, exist_ok=True)
    m = map_document(demo_path())
    db = directory / "demo.db"
    with open_store(db) as store:
        m = store.write_map(m)
    (directory / "demo.json").write_text(dumps(m), encoding="utf-8")
    _summary(m)
    out.print(f"map database: {db.resolve()}", markup=False)
    out.print(f"map JSON: {(directory / 'demo.json').resolve()}", markup=False)
    page = _write_explorer(m, directory / "demo.html")
    out.print(f"explorer page: {page}", markup=False)


def _version(value: bool) -> None:
    if value:
        print(f"rapporteur {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


def main() -> None:
    try:
        app()
    except RapporteurError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
