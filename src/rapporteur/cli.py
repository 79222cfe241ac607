"""The command line: argument checks, one-line errors, tables. All the work is done by the library.

Start-up is part of the interface: each command imports what it needs inside its function, so
``--help`` or ``who`` never loads the pipeline; rich is loaded only when a terminal shows what it draws
(``_cli_output``). Typer is kept below 0.29, which coerces every parameter through pydantic (about
60 ms of every command, more than ``who`` itself).

The commands live by family (``cli_map``, ``cli_query``, ``cli_export``; what they share in
``cli_common``); this module makes the app, registers them in the order ``--help`` lists them, and is
the entry point (``rapporteur.cli:main``).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rapporteur import __version__, cli_export, cli_map, cli_query
from rapporteur.cli_common import _pipe_closed, _summary, err
from rapporteur.cli_map import demo_path
from rapporteur.cli_query import _find_person
from rapporteur.errors import RapporteurError

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

for _command in (
    cli_map.map_cmd,
    cli_map.batch_cmd,
    cli_export.export,
    cli_query.who,
    cli_query.clash,
    cli_query.stances,
    cli_query.themes,
    cli_query.search,
    cli_export.report,
    cli_query.interpretations,
    cli_export.explore,
    cli_export.serve,
    cli_map.demo,
):
    _name, _options = _command.__cli_command__
    app.command(_name, **_options)(_command)


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


__all__ = ["_find_person", "_summary", "app", "demo_path", "main"]
