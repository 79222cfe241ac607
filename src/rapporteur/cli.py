"""The command line: argument checks, one-line errors, tables. All the work is done by the library.

Start-up is part of the interface: each command imports what it needs inside its function, so
``--help`` or ``who`` never loads the pipeline; rich is loaded only when a terminal shows what it draws
(``_cli_output``). Typer is kept below 0.29, which coerces every parameter through pydantic (about
60 ms of every command, more than ``who`` itself).
"""

from __future__ import annotations

import enum
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rapporteur import __version__
from rapporteur._cli_output import Console, Table
from rapporteur.errors import RapporteurError, display_name
from rapporteur.ingest import DEFAULT_MAX_BYTES, declared_formats

if TYPE_CHECKING:
    from rapporteur.model import Map, Participant

# The formats the reader registry knows, as a choice: a new reader module is a new choice.
InputFormat = enum.Enum("InputFormat", {f: f for f in declared_formats()}, type=str)  # type: ignore[misc]


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Rebuild the map of who argued what from the written record of a debate.",
    epilog=(
        "Examples:\n\n\b\n"
        "  rapporteur map report.txt            # writes rapporteur.db\n"
        "  rapporteur who Okafor                # one person's claims\n"
        "  rapporteur search land reform --json\n"
        "  rapporteur export -f graphml -o map.graphml\n"
        "  rapporteur report -f html -o report.html"
    ),
    pretty_exceptions_enable=False,
    # Click's own help layout, as sqlite-utils and Datasette print it: no "<bool>" beside a flag.
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_DEFAULT = "rapporteur.db"
DbOption = Annotated[Path, typer.Option("--db", help="The map's SQLite file.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


def _examples(*lines: str) -> str:
    """A help epilog of example commands, kept as written (click rewraps paragraphs without ``\\b``)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {ln}" for ln in lines)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == "-"


def _check_output(path: Path | None, *, folder: bool = False) -> None:
    """Refuse, in one line and before any work is done or stored, an output that cannot be written.

    ``-`` is standard output. ``folder`` outputs (CSV tables, a ConvoKit corpus) are created, but
    their parent must exist, as for a file."""
    if path is None or _is_stdout(path):
        return
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise _fail(f"{path}: cannot write there: {parent} {what}")
    if path.is_dir() and not folder:
        raise _fail(f"{path}: is a folder, not a file to write")
    if folder and path.is_file() and path.suffix.lower() != ".zip":
        raise _fail(f"{path}: is a file; these tables go into a folder (or a .zip)")


def _pipe_closed() -> typer.Exit:
    """The reader went away (``| head -1``): stop quietly, successfully, as ``cat`` and ``grep`` do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's last flush has somewhere to go
    return typer.Exit(0)


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise _pipe_closed() from None


def _print_json(data: object) -> None:
    import json

    _write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _say(message: str) -> None:
    """A line of prose: on a terminal beside the table, on stderr when piped so stdout stays pure TSV."""
    if _plain():
        err.print(message, markup=False)
    else:
        out.print(message, markup=False)


def _plain() -> bool:
    """Pipes and files get tab-separated lines, not box drawing."""
    return not out.is_terminal or os.environ.get("RAPPORTEUR_PLAIN") == "1"


def _show(table: Table) -> None:
    if _plain():
        # A header row, then tab-separated rows with newlines and tabs inside cells flattened.
        _write_stdout(
            "".join("\t".join(" ".join(str(v).split()) for v in row) + "\n" for row in table.grid())
        )
    else:
        out.print(table.rich())


def _open(db: Path, *, readonly: bool = True):
    from rapporteur.store import open_store, upgrade

    if not db.exists():
        name = display_name(db)
        raise _fail(f"{name}: no such map database (create one with `rapporteur map FILE --db {name}`)")
    try:
        # A store from an earlier release is brought forward once, then read as usual.
        if readonly and (done := upgrade(db)):
            err.print(
                f"note: {db}: upgraded to this release's store (migrations {', '.join(done)})", markup=False
            )
        return open_store(db, readonly=readonly)
    except RapporteurError as exc:
        raise _fail(str(exc)) from None


def _summary(m: Map, *, to_stderr: bool = False) -> None:
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
    if to_stderr:  # stdout carries the map's JSON
        sys.stderr.write("".join(f"{k}\t{v}\n" for k, v in rows))  # tabs kept, as _show pipes them
    else:
        _show(t)
    for note in m.notes:
        err.print(f"note: {note}", markup=False)


@app.command(
    "map",
    epilog=_examples(
        "rapporteur map report.txt                 # into rapporteur.db",
        "rapporteur map minutes/*.md --roster people.csv --db meeting.db",
        "rapporteur map report.pdf --json map.json",
        "rapporteur map report.txt --json - | jq '.claims | length'",
    ),
)
def map_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Records to map (text, Markdown, and every format --format names)."
        ),
    ],
    roster: Annotated[
        Path | None, typer.Option(help="Roster file: CSV or YAML with name, affiliation, aliases.")
    ] = None,
    db: Annotated[
        Path, typer.Option(help="Write the map into this SQLite file (every other command reads it).")
    ] = Path(DB_DEFAULT),
    json_out: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the map as rapporteur/map@1 JSON; - for stdout."),
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

    _check_output(json_out)  # before anything is read or stored: a bad path costs nothing
    _check_output(db)
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
    from rapporteur.store import open_store

    created = not db.exists()
    try:
        with open_store(db) as store:
            m = store.write_map(m)
    except RapporteurError as exc:
        if created:  # a store this run created and could not fill is not left behind, empty
            db.unlink(missing_ok=True)
        raise _fail(str(exc)) from None
    if json_out is not None:
        from rapporteur.export.json import dumps

        if _is_stdout(json_out):
            _write_stdout(dumps(m) + "\n")
        else:
            json_out.write_text(dumps(m), encoding="utf-8")
    _summary(m, to_stderr=_is_stdout(json_out))
    if errors:
        raise typer.Exit(1)


EXPORT_FORMATS = ("json", "aif", "xaif", "argdown", "graphml", "csv", "convokit", "polis")
# Formats that are several files: written to a folder (csv and polis also to a .zip), never to stdout.
FOLDER_FORMATS = ("csv", "convokit", "polis")
ExportFormat = enum.Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)  # type: ignore[misc]
ReportFormat = enum.Enum("ReportFormat", {f: f for f in ("md", "html")}, type=str)  # type: ignore[misc]


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Folders (read recursively), globs or files to map.")],
    db: DbOption = Path(DB_DEFAULT),
    workers: Annotated[
        int, typer.Option(help="Local Dask worker processes; 0 maps in this process, without Dask.")
    ] = 2,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:port) to use.")
    ] = None,
    roster: Annotated[Path | None, typer.Option(help="Roster file (CSV or YAML) for every record.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float, typer.Option(help="Seconds one record may take before it is reported and given up on.")
    ] = 120.0,
) -> None:
    """Map a corpus into one store, in parallel on Dask; resumable: records already stored are skipped."""
    from rapporteur.batch import DEFAULT_BUDGET, Outcome, run_batch
    from rapporteur.resolve import load_roster

    if workers < 0:
        raise _fail("--workers must be 0 or more", 2)
    people = None
    if roster is not None:
        try:
            people = load_roster(roster)
        except RapporteurError as exc:
            raise _fail(str(exc)) from None
    budget = timeout if timeout > 0 else DEFAULT_BUDGET
    bar: dict[str, object] = {}

    def on_total(total: int) -> None:
        if err.is_terminal and os.environ.get("RAPPORTEUR_PLAIN") != "1":
            from rich.progress import Progress

            progress = Progress(console=err.rich(), transient=True)
            progress.start()
            bar["progress"], bar["task"] = progress, progress.add_task("mapping", total=total)

    def on_done(o: Outcome, done: int, total: int) -> None:
        progress = bar.get("progress")
        if progress is not None:
            progress.update(bar["task"], completed=done)  # type: ignore[attr-defined]
        else:
            print(f"[{done}/{total}] {o.status} {o.source}", file=sys.stderr, flush=True)

    try:
        rep = run_batch(
            inputs, db, workers=workers, scheduler=scheduler, roster=people, max_bytes=max_bytes,
            budget=budget, progress=on_done, on_total=on_total,
        )  # fmt: skip
    except RapporteurError as exc:
        raise _fail(str(exc)) from None
    finally:
        if "progress" in bar:
            bar["progress"].stop()  # type: ignore[attr-defined]
    for o in rep.outcomes:
        if o.status == "duplicate":
            err.print(f"note: {o.detail}", markup=False)
    for note in rep.notes:
        err.print(f"note: {note}", markup=False)
    for o in rep.failed:
        err.print(f"error: {o.detail}", markup=False)
    t = Table(title=None if _plain() else "Batch summary", show_header=True)
    t.add_column("records")
    t.add_column("count", justify="right")
    for status, label in (
        ("mapped", "mapped now"),
        ("stored", "already stored"),
        ("duplicate", "duplicates (mapped once)"),
        ("failed", "failed"),
    ):
        t.add_row(label, str(rep.count(status)))
    _show(t)
    if rep.failed:
        raise typer.Exit(1)


EXPORT_FORMATS = ("json", "aif", "xaif", "argdown", "graphml", "csv")


def _export_text(m: Map, fmt: str) -> str:
    """One map in one text format (csv is a set of files, written apart)."""
    from rapporteur.export import aif, argdown, graphml
    from rapporteur.export.json import dumps

    writers = {"json": dumps, "aif": aif.to_aif, "xaif": aif.to_xaif, "argdown": argdown.to_argdown}
    return writers[fmt](m) if fmt in writers else graphml.to_graphml(m)


@app.command(
    epilog=_examples(
        "rapporteur export > map.json",
        "rapporteur export -f graphml -o map.graphml     # Gephi, networkx",
        "rapporteur export -f aif -o map.aif.json        # AIFdb, arguebuf",
        "rapporteur export -f csv -o tables/             # or -o tables.zip; pandas",
        "rapporteur export -f convokit -o corpus/        # convokit.Corpus(filename='corpus')",
        "rapporteur export -f polis -o polis/            # comments.csv, votes.csv",
    )
)
def export(
    db: DbOption = Path(DB_DEFAULT),
    fmt: Annotated[
        ExportFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="The exchange format."),
    ] = "json",  # type: ignore[assignment]
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="File (or folder, for csv, convokit, polis) to write; - or none: stdout."
        ),
    ] = None,
) -> None:
    """Write the stored map in an exchange format."""
    fmt = ExportFormat(fmt).value
    if fmt in FOLDER_FORMATS and (output is None or _is_stdout(output)):
        zipped = " or -o FILE.zip" if fmt != "convokit" else ""
        raise _fail(f"--format {fmt} writes several files: give -o DIR{zipped}", 2)
    if fmt == "convokit" and output is not None and output.suffix.lower() == ".zip":
        raise _fail(f"{output}: ConvoKit reads a folder, not a zip: give -o DIR", 2)
    _check_output(output, folder=fmt in FOLDER_FORMATS)
    with _open(db) as store:
        m = store.read_map()
    if fmt in FOLDER_FORMATS:
        from rapporteur.export import convokit, csv, polis

        writers = {"csv": csv.write_csv, "convokit": convokit.write_convokit, "polis": polis.write_polis}
        err.print(f"wrote {writers[fmt](m, output)}", markup=False)  # type: ignore[arg-type]
        return
    text = _export_text(m, fmt)
    if output is None or _is_stdout(output):
        _write_stdout(text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)


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


@app.command(
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


@app.command(
    epilog=_examples("rapporteur clash Okafor Lindqvist", "rapporteur clash Okafor Lindqvist --json")
)
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


@app.command(epilog=_examples("rapporteur stances", "rapporteur stances | sort -t$'\\t' -k5 -nr | head"))
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


@app.command(epilog=_examples("rapporteur themes", "rapporteur themes --json"))
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


@app.command(
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


@app.command(epilog=_examples("rapporteur report > report.md", "rapporteur report -f html -o report.html"))
def report(
    db: DbOption = Path(DB_DEFAULT),
    fmt: Annotated[
        ReportFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="Markdown or HTML."),
    ] = "md",  # type: ignore[assignment]
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; - or none: stdout.")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="List every claim, clash and agreement, not only the views.")
    ] = False,
) -> None:
    """The rapporteur's report: per theme its views, who holds and answers them, the main disagreement;
    every name and quotation cited."""
    fmt = ReportFormat(fmt).value
    from rapporteur.render.report import report as render_report

    _check_output(output)
    with _open(db) as store:
        text = render_report(store.read_map(), fmt, full=full)
    if output is None or _is_stdout(output):
        _write_stdout(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output.resolve()}", markup=False)


@app.command()
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


def _write_explorer(m: Map, output: Path) -> Path:
    from rapporteur.render.explorer import MissingLibrary, explorer

    try:
        page = explorer(m)
    except MissingLibrary as exc:
        raise _fail(str(exc)) from None
    output.write_text(page, encoding="utf-8")
    return output.resolve()


@app.command(
    epilog=_examples(
        "rapporteur explore                # writes map.html", "rapporteur explore -o - > page.html"
    )
)
def explore(
    db: DbOption = Path(DB_DEFAULT),
    output: Annotated[Path, typer.Option("-o", "--output", help="The page to write; - for stdout.")] = Path(
        "map.html"
    ),
) -> None:
    """Write the explorer: one self-contained HTML page (works from file://, fetches nothing)."""
    _check_output(output)
    with _open(db) as store:
        m = store.read_map()
    if _is_stdout(output):
        from rapporteur.render.explorer import MissingLibrary, explorer

        try:
            _write_stdout(explorer(m))
        except MissingLibrary as exc:
            raise _fail(str(exc)) from None
        return
    # The path goes to stderr, as `report` and `export` say what they wrote: stdout stays for data.
    err.print(f"wrote {_write_explorer(m, output)}", markup=False)


@app.command(epilog=_examples("rapporteur serve --db meeting.db", "rapporteur serve --get /api/claims/c1"))
def serve(
    db: DbOption = Path(DB_DEFAULT),
    host: Annotated[
        str, typer.Option(help="Interface to bind; loopback unless you mean otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    get: Annotated[
        str | None, typer.Option("--get", help="Answer this one request in-process, print it and exit.")
    ] = None,
    public: Annotated[
        bool, typer.Option("--public", help="Allow a non-loopback --host: whoever reaches it reads the map.")
    ] = False,
) -> None:
    """Serve the explorer, the report and a JSON API over the store, read-only."""
    try:
        from rapporteur import serve as server
    except ImportError as exc:
        raise _fail(
            f"the server needs its extra: pip install 'rapporteur[serve]' ({exc.name} missing)"
        ) from None
    if not server.is_loopback(host) and not public:
        raise _fail(f"--host {host} is not a loopback address; add --public to serve the map to others", 2)
    with _open(db):  # a file that is not a current store is refused here, not answered with 500s
        pass
    if get is not None:
        status, body = server.get(db, get)
        sys.stdout.write(body)
        if not body.endswith("\n"):
            sys.stdout.write("\n")
        raise typer.Exit(0 if status < 400 else 1)
    if public:
        err.print(
            f"warning: serving on {host}, not loopback: anyone who can reach this address reads the whole "
            "map, full texts included",
            markup=False,
        )
    server.run(db, host=host, port=port, public=public)


def demo_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("rapporteur").joinpath("data", "demo-report.txt")))


@app.command(epilog=_examples("rapporteur demo", "rapporteur demo --dir /tmp/demo"))
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
    except BrokenPipeError:  # a write outside _write_stdout met a closed pipe
        raise SystemExit(_pipe_closed().exit_code) from None
