"""The command line: argument checks, one-line errors, tables. All the work is done by the library.

Start-up is part of the interface: each command imports what it needs inside its function, so
``--help`` or ``who`` never loads the pipeline; rich is loaded only when a terminal shows what it draws
(``_cli_output``). Typer is kept below 0.29, which coerces every parameter through pydantic (about
60 ms of every command, more than ``who`` itself).

The commands live by family (``cli_map``, ``cli_query``, ``cli_export``; what they share in
``cli_common``); this module makes the app, registers them in the order ``--help`` lists them, and is
the entry point (``rapporteur.cli:main``). A run that names its command (``rapporteur map ...``) gets
an app of that one command: typer then builds one click command, not thirteen, and imports one
family's module (the help and every message of that command are the same; anything else, ``--help``
or a misspelt command included, gets the whole app).
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rapporteur import __version__
from rapporteur.cli_common import _pipe_closed, err
from rapporteur.errors import RapporteurError

if TYPE_CHECKING:
    from rapporteur.cli_common import _summary  # noqa: F401  (loaded by __getattr__)
    from rapporteur.cli_map import demo_path  # noqa: F401
    from rapporteur.cli_query import _find_person  # noqa: F401

    app: typer.Typer

# (command, module, function), in the order ``--help`` lists them.
COMMANDS = (
    ("map", "cli_map", "map_cmd"),
    ("batch", "cli_map", "batch_cmd"),
    ("export", "cli_export", "export"),
    ("who", "cli_query", "who"),
    ("clash", "cli_query", "clash"),
    ("stances", "cli_query", "stances"),
    ("themes", "cli_query", "themes"),
    ("search", "cli_query", "search"),
    ("report", "cli_export", "report"),
    ("interpretations", "cli_query", "interpretations"),
    ("explore", "cli_export", "explore"),
    ("serve", "cli_export", "serve"),
    ("demo", "cli_map", "demo"),
)

# Names other modules and the tests import from here, each loaded when first asked for.
_LAZY = {"_find_person": "cli_query", "demo_path": "cli_map", "_summary": "cli_common"}


def _version(value: bool) -> None:
    if value:
        print(f"rapporteur {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


def make_app(only: str | None = None) -> typer.Typer:
    """The command line, with every command, or with the command ``only`` alone."""
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
    for name, module, function in COMMANDS:
        if only is None or name == only:
            fn = getattr(import_module(f"rapporteur.{module}"), function)
            command_name, options = fn.__cli_command__
            app.command(command_name, **options)(fn)
    app.callback()(_main)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        value: Any = make_app()
    elif name in _LAZY:
        value = getattr(import_module(f"rapporteur.{_LAZY[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # made once
    return value


def main() -> None:
    named = sys.argv[1] if len(sys.argv) > 1 else None
    app = make_app(named) if any(named == name for name, _, _ in COMMANDS) else __getattr__("app")
    try:
        app()
    except RapporteurError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except BrokenPipeError:  # a write outside _write_stdout met a closed pipe
        raise SystemExit(_pipe_closed().exit_code) from None
