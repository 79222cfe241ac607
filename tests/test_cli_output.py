"""The command line writes plain lines itself when rich would write them unchanged (``_cli_output``):
on a stream that is no terminal, what it writes must be byte for byte what rich writes, for prose
lines (``note:``, ``error:``) and for tables piped as tab-separated rows."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console as RichConsole
from rich.table import Table as RichTable

from rapporteur import _cli_output as co

LINES = [
    "note: report.txt: 'Stallings' is cited but not in the roster; kept as a participant",
    "error: m.db: no such map database (create one with `rapporteur map FILE --db m.db`)",
    "wrote /tmp/a b/c.html", "trailing  ", "  leading", "two\nlines ", "", " ", "[bold]not markup[/bold]",
    "日本語", "e\u0301", "😀", "x" * 400, "a :smile: b", "C:\\x:y", "tab\there", "bell\x07", "cr\rx",
    "nbsp\u00a0x", "zw\u200bj", "esc\x1b[31mred", "surrogate-free ǅ", "ends with colon:", ":",
]  # fmt: skip


def random_lines(n: int) -> list[str]:
    rnd = random.Random(13)
    alphabet = [
        chr(c) for c in [*range(32, 127), *range(0xA0, 0x300), 0x4E00, 0x1F600, 0x301, 0x5D0, 9, 10, 13]
    ]
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 90))) for _ in range(n)]


def rich_prints(text: str) -> str:
    buf = io.StringIO()
    RichConsole(file=buf, highlight=False, soft_wrap=True).print(text, markup=False)
    return buf.getvalue()


@pytest.mark.parametrize("stderr", [False, True])
def test_prose_lines_are_written_as_rich_writes_them(monkeypatch: pytest.MonkeyPatch, stderr: bool) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    console = co.Console(stderr=stderr, highlight=False, soft_wrap=True)
    written = 0
    for text in [*LINES, *random_lines(1500)]:
        buf = io.StringIO()
        monkeypatch.setattr("sys.stderr" if stderr else "sys.stdout", buf)
        console.print(text, markup=False)
        assert buf.getvalue() == rich_prints(text), repr(text)
        written += co.plain_line(text)
    assert written > 500  # most lines took the short way


def test_a_terminal_or_a_forced_one_is_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not co.surely_no_terminal(Tty())
    assert co.surely_no_terminal(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not co.surely_no_terminal(io.StringIO())


def test_a_table_grid_is_what_rich_columns_hold() -> None:
    for rows in ([("a", "1"), ("b c", "")], [], [("only",)], [("x", "y", "z")]):
        light = co.Table(title=None, show_header=True)
        heavy = RichTable(title=None, show_header=True)
        for t in (light, heavy):
            t.add_column("what")
            t.add_column("count", justify="right")
            for r in rows:
                t.add_row(*r)
        want = [list(r) for r in zip(*([c.header, *c.cells] for c in heavy.columns), strict=True)]
        assert [[str(v) for v in r] for r in light.grid()] == [[str(v) for v in r] for r in want]
