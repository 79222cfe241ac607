"""The command line's consoles and tables, with rich loaded only when a terminal will show its work.

Importing rich cost ~25 ms of every command, ``map`` included, though a pipe or a file (the usual
place of a command's output, and of every test's) gets plain lines: tab-separated rows, ``note:``
lines. So a line of prose goes straight to the stream when the stream is surely no terminal by rich's
own rules and rich would write the line unchanged (printable characters only, nothing that could be an
``:emoji:`` code); anything else -- a terminal, a tab, a control character -- is rich's, as before.
``tests/test_cli_output.py`` holds the two side by side.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import Any

from rapporteur import _regex as re

# rich's Console.print replaces ":name:" codes with emoji (emoji=True is its default).
_EMOJI_CODE = re.compile(r":\S*:")


def surely_no_terminal(stream: Any) -> bool:
    """Whether rich's ``Console.is_terminal`` is sure to be False for ``stream``: no environment
    variable or notebook that could make it True, and a stream that says it is no tty. False means "ask
    rich", not "a terminal"."""
    if getattr(builtins, "get_ipython", None) is not None:  # IPython, Jupyter: rich decides
        return False
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return False
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # a closed stream: rich says no terminal too
        return True


def plain_line(text: str) -> bool:
    """Whether rich prints ``text`` (markup and highlighting off, soft wrap on) as it is."""
    return all(line.isprintable() for line in text.split("\n")) and not _EMOJI_CODE.search(text)


class Console:
    """rich's ``Console(**options)``, made on first need. It writes to ``sys.stdout`` or
    ``sys.stderr`` as they are when it prints, as a ``Console`` made at import does."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def _stream(self) -> Any:
        return sys.stderr if self._options.get("stderr") else sys.stdout

    def rich(self) -> Any:
        """The rich ``Console`` itself, for what takes one (a progress bar)."""
        if self._console is None:
            from rich.console import Console as RichConsole

            self._console = RichConsole(**self._options)
        return self._console

    @property
    def is_terminal(self) -> bool:
        return False if surely_no_terminal(self._stream()) else bool(self.rich().is_terminal)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        if (
            len(objects) == 1
            and isinstance(objects[0], str)
            and kwargs == {"markup": False}
            and plain_line(objects[0])
            and surely_no_terminal(stream := self._stream())
        ):
            stream.write(objects[0] + "\n")
            stream.flush()  # as rich does after each print
            return
        self.rich().print(*objects, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich(), name)


class Table:
    """A table's columns and rows; a rich ``Table`` only when a terminal is to show it (``rich()``)."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.headers: list[str] = []
        self._column_options: list[dict[str, Any]] = []
        self.rows: list[tuple[Any, ...]] = []

    def add_column(self, header: str, **options: Any) -> None:
        self.headers.append(header)
        self._column_options.append(options)

    def add_row(self, *cells: Any) -> None:
        self.rows.append(cells)

    def rich(self) -> Any:
        from rich.table import Table as RichTable

        table = RichTable(**self.options)
        for header, options in zip(self.headers, self._column_options, strict=True):
            table.add_column(header, **options)
        for row in self.rows:
            table.add_row(*row)
        return table

    def grid(self) -> list[list[Any]]:
        """The header row and the rows, cell by cell, as rich's columns hold them."""
        if all(isinstance(h, str) for h in self.headers) and all(
            len(r) == len(self.headers) and all(isinstance(c, str) for c in r) for r in self.rows
        ):
            return [list(self.headers), *(list(r) for r in self.rows)]
        columns = self.rich().columns  # a ragged or rich row: rich says what its columns hold
        return [list(row) for row in zip(*([c.header, *c.cells] for c in columns), strict=True)]
