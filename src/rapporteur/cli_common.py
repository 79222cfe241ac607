"""What every command shares: consoles, one-line errors, output checks, tables, opening a store.

Imported on every start, ``--help`` included, so it imports no more than typer and the lazy consoles;
a command's own imports stay inside its function (``cli.py`` says why).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rapporteur._cli_output import Console, Table
from rapporteur.errors import RapporteurError, display_name

if TYPE_CHECKING:
    from rapporteur.model import Map

F = TypeVar("F", bound=Callable[..., Any])

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DB_DEFAULT = "rapporteur.db"
DbOption = Annotated[Path, typer.Option("--db", help="The map's SQLite file.")]


def command(name: str | None = None, **options: Any) -> Callable[[F], F]:
    """Marks a function as a command with typer's ``app.command`` arguments; ``cli.py`` registers the
    marked functions on the app in the order ``--help`` lists them, whichever module holds them."""

    def mark(fn: F) -> F:
        fn.__cli_command__ = (name, options)  # type: ignore[attr-defined]
        return fn

    return mark


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
