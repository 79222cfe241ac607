"""The commands that map records: ``map``, ``batch`` and ``demo``."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rapporteur._cli_output import Table
from rapporteur.cli_common import (
    DB_DEFAULT,
    DbOption,
    _check_output,
    _examples,
    _fail,
    _is_stdout,
    _plain,
    _show,
    _summary,
    _write_stdout,
    command,
    err,
    out,
)
from rapporteur.errors import RapporteurError
from rapporteur.ingest import DEFAULT_MAX_BYTES, declared_formats

# The formats the reader registry knows, as a choice: a new reader module is a new choice.
InputFormat = enum.Enum("InputFormat", {f: f for f in declared_formats()}, type=str)  # type: ignore[misc]


@command(
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


@command("batch")
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


def demo_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("rapporteur").joinpath("data", "demo-report.txt")))


@command(epilog=_examples("rapporteur demo", "rapporteur demo --dir /tmp/demo"))
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Where to write the demo's files.")] = Path(
        "rapporteur-demo"
    ),
) -> None:
    """Map the bundled founding example and say where its files are."""
    from rapporteur.cli_export import _write_explorer
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
