"""The commands that write a stored map out: ``export``, ``report``, ``explore`` and ``serve``."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rapporteur.cli_common import (
    DB_DEFAULT,
    DbOption,
    _check_output,
    _examples,
    _fail,
    _is_stdout,
    _open,
    _write_stdout,
    command,
    err,
)

if TYPE_CHECKING:
    from rapporteur.model import Map

EXPORT_FORMATS = ("json", "aif", "xaif", "argdown", "graphml", "csv", "convokit", "polis")
# Formats that are several files: written to a folder (csv and polis also to a .zip), never to stdout.
FOLDER_FORMATS = ("csv", "convokit", "polis")
ExportFormat = enum.Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)  # type: ignore[misc]
ReportFormat = enum.Enum("ReportFormat", {f: f for f in ("md", "html")}, type=str)  # type: ignore[misc]


def _export_text(m: Map, fmt: str) -> str:
    """One map in one text format (csv is a set of files, written apart)."""
    from rapporteur.export import aif, argdown, graphml
    from rapporteur.export.json import dumps

    writers = {"json": dumps, "aif": aif.to_aif, "xaif": aif.to_xaif, "argdown": argdown.to_argdown}
    return writers[fmt](m) if fmt in writers else graphml.to_graphml(m)


@command(
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


@command(epilog=_examples("rapporteur report > report.md", "rapporteur report -f html -o report.html"))
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


def _write_explorer(m: Map, output: Path) -> Path:
    from rapporteur.render.explorer import MissingLibrary, explorer

    try:
        page = explorer(m)
    except MissingLibrary as exc:
        raise _fail(str(exc)) from None
    output.write_text(page, encoding="utf-8")
    return output.resolve()


@command(
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


@command(epilog=_examples("rapporteur serve --db meeting.db", "rapporteur serve --get /api/claims/c1"))
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
