"""What a command imports on its way to the answer: ``--help`` no pipeline, no reader, no rich, no
pydantic; no command pydantic (typer is held below 0.29, which coerces through pydantic), nor rich
when piped; ``who`` no pipeline. Each case runs in a fresh interpreter, since a test process has imported everything already. And the
``--format`` choices read from the readers' source equal the registry's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rapporteur import ingest
from rapporteur.errors import InputError
from rapporteur.ingest._declared import declarations

RUN = """
import sys
out, sys.argv = sys.argv[1], ["rapporteur", *sys.argv[2:]]
from rapporteur.cli import main
try:
    main()
except SystemExit:
    pass
open(out, "w").write("\\n".join(sorted(sys.modules)))
"""

RECORD = """Introduction

The board met to weigh the merger of the two regional hospitals and heard a long debate about it.

Merging would cut waiting times because specialists could be pooled across both sites (Greene). Others doubted that the savings would last beyond the first year (Hollis, Ibarra).
"""


def imported(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.txt"
    subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args], cwd=tmp_path, capture_output=True, check=True
    )
    return set(out.read_text().split())


def heavy(modules: set[str], *prefixes: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)}


def test_help_imports_no_pipeline_reader_rich_or_pydantic(tmp_path: Path) -> None:
    for args in (["--help"], ["--version"], ["map", "--help"]):
        mods = imported(tmp_path, *args)
        assert "typer" in mods  # the probe ran the command line
        assert not heavy(
            mods, "pydantic", "rich", "yaml", "rapidfuzz", "lxml", "rapporteur.pipeline", "rapporteur.model",
            "rapporteur.lexicon", "rapporteur.structure", "rapporteur.ingest.pdf", "rapporteur.ingest.text",
        ), args  # fmt: skip


def test_no_command_imports_pydantic_and_who_reads_no_pipeline(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(RECORD, encoding="utf-8")
    mods = imported(tmp_path, "map", "r.txt", "--db", "m.db", "--json", "m.json", "--max-bytes", "100000")
    assert (tmp_path / "m.json").is_file()
    assert "rapporteur.pipeline" in mods
    assert not heavy(mods, "pydantic", "rich")  # piped: tab-separated rows, no rich
    mods = imported(tmp_path, "who", "Greene", "--db", "m.db", "--json")
    assert "rapporteur.store" in mods
    assert not heavy(
        mods, "pydantic", "rich", "rapporteur.pipeline", "rapporteur.attribute", "rapporteur.relate"
    )


def test_declared_readers_are_the_registrys() -> None:
    decl = declarations(ingest.__path__, ingest._NOT_READERS)
    assert decl is not None
    got = [(d.module, d.format, d.priority, d.suffixes, d.binary, d.needs) for d in decl]
    want = [
        (
            m.__name__.rsplit(".", 1)[1],
            m.FORMAT,
            m.PRIORITY,
            tuple(m.SUFFIXES),
            m.BINARY,
            getattr(m, "SNIFF_NEEDS", None),
        )
        for m in ingest.readers()
    ]
    assert got == want
    assert ingest.declared_formats() == ingest.formats()


@pytest.mark.parametrize(
    ("source", "readable"),
    [
        (
            'FORMAT = "a"\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = False\ndef sniff(d): ...\ndef read(d, s): ...\n',
            True,
        ),
        ('FORMAT = "a"\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = False\nfrom x import sniff, read\n', False),
        (
            "FORMAT = NAME\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = False\ndef sniff(d): ...\ndef read(d, s): ...\n",
            False,
        ),
        (
            'FORMAT = "a"\nSUFFIXES = ()\nPRIORITY = BASE + 1\nBINARY = False\ndef sniff(d): ...\ndef read(d, s): ...\n',
            False,
        ),
        (
            'FORMAT = "a"\nSUFFIXES = EXT\nPRIORITY = 5\nBINARY = False\ndef sniff(d): ...\ndef read(d, s): ...\n',
            False,
        ),
        (
            'FORMAT = "a"\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = 0\ndef sniff(d): ...\ndef read(d, s): ...\n',
            False,
        ),
        (
            'FORMAT = "a"\nFORMAT = "b"\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = False\ndef sniff(d): ...\ndef read(d, s): ...\n',
            False,
        ),
    ],
)
def test_a_reader_declared_otherwise_sends_us_to_the_registry(
    tmp_path: Path, source: str, readable: bool
) -> None:
    (tmp_path / "one.py").write_text(source)
    (tmp_path / "_helper.py").write_text('FORMAT = "not a reader"\n')
    (tmp_path / "two.py").write_text(
        'FORMAT: str = "b"  # comment\nSUFFIXES: tuple[str, ...] = (".b", \'\')\nPRIORITY = 1  # first\nBINARY = True\n'
        "def sniff(d): ...\ndef read(d, s): ...\n"
    )
    (tmp_path / "helper.py").write_text("def other(): ...\n")
    got = declarations([str(tmp_path)], frozenset())
    if not readable:
        assert got is None
    else:
        assert got is not None
        assert [(d.module, d.format, d.priority, d.suffixes, d.binary) for d in got] == [
            ("two", "b", 1, (".b", ""), True),
            ("one", "a", 5, (), False),
        ]


def test_a_named_command_gets_an_app_of_its_own_that_says_the_same(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rapporteur.cli import COMMANDS, app, make_app

    runner = CliRunner()
    for name, _, _ in COMMANDS:
        for args in ([name, "--help"], [name, "--no-such-option"]):
            alone, whole = runner.invoke(make_app(name), args), runner.invoke(app, args)
            assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), args
    mods = imported(tmp_path, "map", "--help")
    assert "rapporteur.cli_map" in mods
    assert not heavy(mods, "rapporteur.cli_query", "rapporteur.cli_export")


def test_declarations_read_line_by_line(tmp_path: Path) -> None:
    reader = 'FORMAT = "acme"  # a comment\nSUFFIXES: tuple[str, ...] = (".acme",)\nPRIORITY = 5\n'
    reader += "BINARY = False\nFORMATS = 3\n\ndef sniff(data):\n    return False\n\ndef read(data, source):\n    pass\n"
    (tmp_path / "acme.py").write_text(reader, encoding="utf-8")
    (tmp_path / "helper.py").write_text("FORMAT_X = 1\ndef sniffer(x):\n    pass\n", encoding="utf-8")
    (tmp_path / "_private.py").write_text("FORMAT = 1\n", encoding="utf-8")
    got = declarations([str(tmp_path)], frozenset())
    assert got is not None
    assert [(d.module, d.format, d.priority, d.suffixes, d.binary) for d in got] == [
        ("acme", "acme", 5, (".acme",), False)
    ]
    (tmp_path / "acme.py").write_text(reader + 'FORMAT = "again"\n', encoding="utf-8")
    assert declarations([str(tmp_path)], frozenset()) is None  # declared twice: the registry decides
    (tmp_path / "acme.py").write_text(reader.replace("PRIORITY = 5", "PRIORITY = LOW"), encoding="utf-8")
    assert declarations([str(tmp_path)], frozenset()) is None  # not a literal


@pytest.mark.parametrize(
    ("literal", "needs"),
    [
        ('(b"%PDF-",)', (b"%PDF-",)),
        ('(b"PK\\x03\\x04", b"<")', (b"PK\x03\x04", b"<")),
        ("()", ()),
        ('(b"\\n",)', None),  # an escape other than \xNN: not read, so the reader is always asked
        ("NEEDS", None),
        ('(b"a" + b"b",)', None),
    ],
)
def test_sniff_needs_are_read_from_the_literal_or_not_at_all(
    tmp_path: Path, literal: str, needs: tuple[bytes, ...] | None
) -> None:
    source = 'FORMAT = "a"\nSUFFIXES = ()\nPRIORITY = 5\nBINARY = False\n'
    source += f"SNIFF_NEEDS = {literal}\ndef sniff(d): ...\ndef read(d, s): ...\n"
    (tmp_path / "one.py").write_text(source, encoding="utf-8")
    got = declarations([str(tmp_path)], frozenset())
    assert got is not None and got[0].needs == needs


def _every_reader_asked(data: bytes, path: str) -> str:
    """Detection as it was: every reader's ``sniff`` asked, then the rules applied."""
    suffix = Path(path).suffix.lower()
    by_suffix = next((m for m in ingest.readers() if suffix and suffix in m.SUFFIXES), None)
    claimed = [m for m in ingest.readers() if m.sniff(data)]
    if by_suffix is not None and by_suffix in claimed:
        return by_suffix.FORMAT
    if claimed:
        return claimed[0].FORMAT
    if by_suffix is not None and by_suffix.BINARY:
        return "refused"
    return by_suffix.FORMAT if by_suffix is not None else "text"


def test_detection_asks_the_extensions_reader_first_with_the_same_answers(tmp_path: Path) -> None:
    tei = b'<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>'
    page = b"<!DOCTYPE html><html><body><p>x</p></body></html>"
    srt = b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"
    bodies = (b"%PDF-1.4\n", b"plain words", b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi", srt, tei, page,
              b"PK\x03\x04junk", b"<?xml version='1.0'?><root/>", b"a <b> tag", b"1\n-->\n",
              b"junk %PDF-1.4", b"  WEBVTT", b"\xef\xbb\xbfWEBVTT\n")  # fmt: skip
    names = ("a.pdf", "a.txt", "a.md", "a", "a.bin", "a.vtt", "a.srt", "a.xml", "a.html", "a.docx", "a.nxml")
    for data in bodies:
        for name in names:
            want = _every_reader_asked(data, name)
            try:
                got = ingest.detect(data, name)
            except InputError:
                got = "refused"
            assert got == want, (data, name)
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.4\n")
    code = "import sys; from rapporteur import ingest; ingest.detect(open('r.pdf','rb').read(), 'r.pdf'); "
    code += "print(' '.join(m for m in sys.modules if m.startswith('rapporteur.ingest.')))"
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    readers = {m for m in res.stdout.split() if not m.rsplit(".", 1)[1].startswith("_")} - {
        "rapporteur.ingest.reader"
    }
    assert readers == {"rapporteur.ingest.pdf"}
    (tmp_path / "r.txt").write_bytes(b"Plain words, (Ana Ruiz) and more; no tag, no header.\n")
    res = subprocess.run(
        [sys.executable, "-c", code.replace("r.pdf", "r.txt")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    readers = {m for m in res.stdout.split() if not m.rsplit(".", 1)[1].startswith("_")} - {
        "rapporteur.ingest.reader"
    }
    assert readers == set()  # bytes no reader can claim: none is imported to be asked


def test_every_record_a_reader_claims_holds_what_it_declares(tmp_path: Path) -> None:
    """``SNIFF_NEEDS`` is a promise about ``sniff``: checked on records of each reader's own kind
    (written here) and on every file of the corpus where it is present."""
    from markup_fixtures import HTML, JATS, TEI

    from tests.fixtures_gen.records import make_docx, make_pdf

    make_pdf(tmp_path / "r.pdf")
    make_docx(tmp_path / "r.docx")
    samples = [(tmp_path / "r.pdf").read_bytes(), (tmp_path / "r.docx").read_bytes()]
    samples += [t.encode("utf-8") for t in (HTML, JATS, TEI)]
    samples += [b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"]
    samples.append(b'<?xml version="1.0"?><minutes><p>x</p></minutes>')
    corpus = Path(__file__).parent.parent.parent / "shared" / "corpus"
    if corpus.is_dir():
        samples += [p.read_bytes()[: 1 << 20] for p in corpus.rglob("*") if p.is_file()]
    claimed = set()
    for data in samples:
        for m in ingest.readers():
            needs = getattr(m, "SNIFF_NEEDS", None)
            if needs is not None and m.sniff(data):
                claimed.add(m.FORMAT)
                assert any(n in data for n in needs), (m.FORMAT, data[:60])
    assert claimed == {"pdf", "docx", "html", "jats", "tei", "vtt", "srt", "xml"}
