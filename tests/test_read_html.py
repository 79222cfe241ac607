"""The HTML reader: structure, dropped boilerplate, speaker markup as turns, the corpus pages, bad input.

The fixtures are written here; the corpus checks read `w3c-ccg-2022-02-08/index.html` (rendered IRC
minutes, `<span class="name">` labels) and `irancontra-north-1987/on-13.php` (a hearing transcript in a
PHP file, `<strong>Mr. NAME</strong>:` labels separated by `<br/><br/>`). The counts asserted for them
were read off the files: 124 `<span class="name">` labels, 92 `<strong>` labels."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from markup_fixtures import HTML, assert_same_as_plain, write
from typer.testing import CliRunner

from rapporteur import ingest
from rapporteur.cli import app
from rapporteur.errors import EmptyInputError, InputError, TooLargeError
from rapporteur.ingest import html as html_reader
from rapporteur.pipeline import map_document
from rapporteur.structure import structure


def test_same_map_as_the_plain_text(tmp_path: Path) -> None:
    assert_same_as_plain(tmp_path, "record.html", HTML)


def test_scripts_styles_nav_footer_hidden_and_php_are_dropped(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>T</title><style>.x{}</style></head><body>"
        "<header><a>Site banner</a></header><nav><ul><li>Menu item</li></ul></nav>"
        "<form><input value='typed'><button>Send</button></form>"
        "<div role='navigation'>Breadcrumbs</div><p hidden>Hidden text</p>"
        "<p style='display: none'>Invisible</p><p aria-hidden='true'>Decor</p>"
        "<?php echo 'server code'; ?><!-- a comment -->"
        "<article><header><h1>Kept title</h1></header><p>Body &amp; soul &eacute;t&eacute; &#8212; kept.</p></article>"
        "<aside>Related links</aside><footer>Copyright</footer>"
        "<script>alert('run me')</script><noscript>No script</noscript></body></html>"
    )
    doc = ingest.load(write(tmp_path, "p.html", page))
    assert doc.format == "html"
    assert "Body & soul été — kept." in doc.text
    assert "Kept title" in doc.text
    for gone in ("Site banner", "Menu item", "typed", "Send", "Breadcrumbs", "Hidden text", "Invisible",
                 "Decor", "server code", "a comment", "Related links", "Copyright", "alert", "No script", ".x{}"):  # fmt: skip
        assert gone not in doc.text, gone


def test_headings_lists_tables_quotes_code_and_definitions(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>Top</h1><h3>Deep</h3><p>A   paragraph\nwith  <b>bold</b> words.</p>"
        "<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>"
        "<table><tr><th>Name</th><th>Vote</th></tr><tr><td>Ann</td><td><p>Yes</p></td></tr></table>"
        "<blockquote><p>Quoted words.</p></blockquote><pre>code  (Foo)\n  indented</pre>"
        "<dl><dt>Scribe</dt><dd>Ann Lee</dd></dl><p>line one<br>line two</p></body></html>"
    )
    doc = ingest.load(write(tmp_path, "s.html", page))
    got = [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.layout.blocks]
    assert doc.title == "Top"  # the one top heading before any prose is the title, not a theme
    assert got == [
        ("front", 0, "Top"),
        ("heading", 3, "Deep"),
        ("paragraph", 0, "A paragraph with bold words."),
        ("list_item", 1, "One"),
        ("list_item", 1, "Two"),
        ("list_item", 2, "Nested"),
        ("table_row", 0, "Name | Vote"),
        ("table_row", 0, "Ann | Yes"),
        ("quote", 0, "Quoted words."),
        ("code", 0, "code  (Foo)\n  indented"),
        ("paragraph", 0, "Scribe: Ann Lee"),
        ("paragraph", 0, "line one\nline two"),
    ]
    # blocks are separated by one blank line, so the text reads as the page does
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    m = map_document(write(tmp_path, "s.html", page))
    assert not any(p.name == "Foo" for p in m.participants)  # code is never mined


TURNS = """<html><body><h2>Topic: Budget</h2>
<div class="comment"><span class="name">Ann Lee</span>:  We should cut the travel budget by half this year.</div>
<div class="comment"><span class="name">Bo Chen</span>: I disagree, travel is how we recruit.</div>
<div class="information">&lt;ann&gt; side chatter on IRC</div>
<p><strong>Mr. SMITH</strong>: Objection.</p>
<p><b>Dana Ortiz:</b> The committee should decide in May.</p>
<p><b>Note:</b> the vote was postponed.</p>
<p><strong>Important</strong> words in bold, no colon.</p>
</body></html>"""


def test_speaker_markup_becomes_turns_with_exact_labels(tmp_path: Path) -> None:
    doc = ingest.load(write(tmp_path, "minutes.html", TURNS))
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [(doc.text[b.label[0] : b.label[1]], b.speaker) for b in turns] == [  # type: ignore[index]
        ("Ann Lee:", "Ann Lee"),
        ("Bo Chen:", "Bo Chen"),
        ("Mr. SMITH:", "Mr. SMITH"),
        ("Dana Ortiz:", "Dana Ortiz"),
    ]
    assert (
        doc.text[turns[0].start : turns[0].end]
        == "Ann Lee: We should cut the travel budget by half this year."
    )
    # the IRC aside, the "Note:" label and bold without a colon are paragraphs, never turns
    paras = [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "paragraph"]
    assert paras == [
        "<ann> side chatter on IRC",
        "Note: the vote was postponed.",
        "Important words in bold, no colon.",
    ]
    st = structure(doc)
    assert [t.speaker for t in st.turns] == ["Ann Lee", "Bo Chen", "Mr. SMITH", "Dana Ortiz"]
    assert all(p.turn is not None for p in st.paragraphs if p.kind == "turn")


def test_a_time_before_the_name_is_kept_as_the_turn_time(tmp_path: Path) -> None:
    page = (
        "<html><body><p><span class='ts'>[12:01]</span> <span class='speaker'>Ann Lee</span>: We should start."
        "</p><p><span class='ts'>12:02:30</span> <span class='speaker'>Bo Chen</span>: Agreed.</p></body></html>"
    )
    doc = ingest.load(write(tmp_path, "timed.html", page))
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [(b.time, doc.text[b.label[0] : b.label[1]]) for b in turns] == [  # type: ignore[index]
        ("12:01", "Ann Lee:"),
        ("12:02:30", "Bo Chen:"),
    ]
    assert doc.text[turns[0].start : turns[0].end] == "[12:01] Ann Lee: We should start."


def test_a_single_bold_label_is_not_enough_evidence(tmp_path: Path) -> None:
    page = "<html><body><p><b>Budget:</b> the plan was approved after a long debate in the chamber.</p></body></html>"
    doc = ingest.load(write(tmp_path, "one.html", page))
    assert not any(b.kind == "turn" for b in doc.layout.blocks)


def test_double_line_break_continues_the_turn_in_one_element(tmp_path: Path) -> None:
    page = (
        "<html><body><div><font><strong>Mr. A</strong>: First point.<br/><br/>"
        "Still Mr. A speaking.<br/><br/><strong>Mr. B</strong>: Reply.</font></div></body></html>"
    )
    doc = ingest.load(write(tmp_path, "t.php", page))
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [doc.text[b.start : b.end] for b in turns] == [
        "Mr. A: First point.\n\nStill Mr. A speaking.",
        "Mr. B: Reply.",
    ]
    st = structure(doc)
    assert [(doc.text[p.start : p.end], p.turn) for p in st.paragraphs] == [
        ("First point.", 0),
        ("Still Mr. A speaking.", 0),
        ("Reply.", 1),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        (b"\xef\xbb\xbf  <html lang='en'><p>x</p></html>", True),
        (b"<?xml version='1.0'?>\n<!DOCTYPE html>\n<html xmlns='http://www.w3.org/1999/xhtml'/>", True),
        (b"<div><p>One</p><p>Two</p><br><p>Three</p></div>", True),  # a fragment dense with block tags
        (b"# Notes\n\nSome text with a <br> in it.\n\n<div>x</div>\n", False),  # Markdown
        (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>", False),
        (b"Plain text that mentions <p> once.", False),
        (b"# Page\n\n```html\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>\n```\n", False),
        (b"<?php include 'x.php'; ?>\n<!DOCTYPE html><html><body>x</body></html>", True),
    ],
)
def test_sniff(data: bytes, expected: bool) -> None:
    assert html_reader.sniff(data) is expected


def test_html_in_a_php_file_is_detected_by_content(tmp_path: Path) -> None:
    p = write(
        tmp_path, "page.php", "<!DOCTYPE html>\n<html><body><p>Hello there, this is a page.</p></body></html>"
    )
    assert ingest.load(p).format == "html"
    md = write(tmp_path, "notes.md", "# Notes\n\nSome text with a <br> and <div>x</div> in it.\n")
    assert ingest.load(md).format == "markdown"


def test_declared_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 cr\xe8me.</p></body></html>'
    p = tmp_path / "latin.html"
    p.write_bytes(page.encode("latin-1"))
    doc = ingest.load(p)
    assert "Café crème." in doc.text and doc.encoding == "iso8859-1"


# ------------------------------------------------------------------------------------------- bad input


def test_html_with_no_text_is_one_clear_refusal(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "empty.html",
        "<html><head><script>var x = 1;</script></head><body><nav>Menu</nav></body></html>",
    )
    with pytest.raises(EmptyInputError, match=r"empty\.html: has no text to map \(read as html\)"):
        ingest.load(p)


def test_a_50_mb_page_is_refused_by_the_size_bound(tmp_path: Path) -> None:
    p = tmp_path / "huge.html"
    chunk = b"<p>" + b"word " * 200 + b"</p>\n"
    with p.open("wb") as f:
        f.write(b"<!doctype html><html><body>")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    assert p.stat().st_size > 50 * 1024 * 1024
    with pytest.raises(TooLargeError, match=r"huge\.html: is [\d,]+ bytes, over the limit"):
        ingest.load(p)


def test_nesting_is_read_without_recursion_up_to_the_parser_bound_then_refused(tmp_path: Path) -> None:
    def page(depth: int) -> str:
        return (
            "<html><body>" + "<div>" * depth + "<p>Deep words here.</p>" + "</div>" * depth + "</body></html>"
        )

    assert "Deep words here." in ingest.load(write(tmp_path, "deep.html", page(200))).text
    with pytest.raises(InputError, match=r"deeper\.html: is nested deeper than 256 elements"):
        ingest.load(write(tmp_path, "deeper.html", page(5000)))


def test_a_text_node_past_the_parser_bound_is_refused_not_truncated(tmp_path: Path) -> None:
    p = write(tmp_path, "long.html", "<html><body><p>" + "word " * 2_100_000 + "end</p></body></html>")
    with pytest.raises(InputError, match=r"long\.html: is over the HTML parser's bounds \(Resource limit"):
        ingest.load(p)


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_cli_bad_html_one_line_exit_1_store_untouched_batch_goes_on(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write(tmp_path, "good.html", HTML)
    db = tmp_path / "m.db"
    first = runner.invoke(app, ["map", str(good), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = _digest(db)
    empty = write(tmp_path, "empty.html", "<html><body><script>x()</script></body></html>")
    res = runner.invoke(app, ["map", str(empty), "--db", str(db)])
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(empty) in lines[0] and "no text" in lines[0]
    assert _digest(db) == before
    db2 = tmp_path / "b.db"
    both = runner.invoke(app, ["map", str(empty), str(good), "--db", str(db2)])
    assert both.exit_code == 1 and "empty.html" in both.stderr
    who = runner.invoke(app, ["who", "Baker", "--db", str(db2)])
    assert who.exit_code == 0 and "basin authority" in who.stdout


# --------------------------------------------------------------------------------------------- corpus


def test_w3c_minutes(corpus: Path) -> None:
    doc = ingest.load(corpus / "w3c-ccg-2022-02-08" / "index.html")
    assert doc.format == "html"
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert len(turns) == 124  # every <span class="name"> label
    for b in turns:
        label = doc.text[b.label[0] : b.label[1]]  # type: ignore[index]
        assert label == f"{b.speaker}:" and doc.text[b.start : b.end].startswith(label)
    assert {"Mike Prorock", "Chris Wilson", "Léonie Watson"} <= {b.speaker for b in turns}
    for junk in ("jquery", "font-family", "$('#link", "✪", "Warning: Your browser"):
        assert junk not in doc.text, junk
    m = map_document(corpus / "w3c-ccg-2022-02-08" / "index.html")
    assert [t.title for t in m.themes if t.title.startswith("Topic:")] == [
        'Topic: W3C Migration to a "Legal Entity"',
        "Topic: History on W3C Legal Entity Status",
        "Topic: Possible Outcomes for W3C Legal Entity",
        "Topic: Interplay between W3C and Community Groups",
        "Topic: Differences Between W3C and IETF",
    ]
    assert re.search(r"^Present: Mike Prorock, David Singer", doc.text, re.M)  # a dl reads as a line


def test_irancontra_hearing_in_php(corpus: Path) -> None:
    path = corpus / "irancontra-north-1987" / "on-13.php"
    doc = ingest.load(path)
    assert doc.format == "html"
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert len(turns) == 92  # every <strong>Mr. NAME</strong>: label
    assert {b.speaker for b in turns} >= {"Mr. LIMAN", "Mr. NORTH", "Mr. SULLIVAN"}
    for b in turns:
        assert doc.text[b.label[0] : b.label[1]] == f"{b.speaker}:"  # type: ignore[index]
    assert "strong>" not in doc.text and "<br" not in doc.text


# ------------------------------------------------------------------------------------ the text builder

_OPS = hst.lists(
    hst.one_of(
        hst.tuples(hst.just("open"), hst.sampled_from(["paragraph", "heading", "list_item", "turn"])),
        hst.tuples(hst.just("write"), hst.text(alphabet=" \t\n\xa0ab(é)", max_size=12)),
        hst.tuples(hst.just("newline"), hst.none()),
        hst.tuples(hst.just("paragraph"), hst.none()),
        hst.tuples(hst.just("close"), hst.none()),
    ),
    max_size=40,
)


@given(_OPS)
@settings(max_examples=300, deadline=None)
def test_builder_offsets_are_exact_by_construction(ops: list[tuple[str, object]]) -> None:
    from rapporteur.ingest._blocks import TextBuilder, normalize

    b = TextBuilder()
    spans: list[tuple[tuple[int, int], str]] = []
    for op, arg in ops:
        if op == "open":
            b.open(arg)  # type: ignore[arg-type]
        elif op == "write":
            got = b.write(arg)  # type: ignore[arg-type]
            assert (got is None) == (not normalize(arg))  # type: ignore[arg-type]
            if got is not None:
                spans.append((got, normalize(arg)))  # type: ignore[arg-type]
        else:
            getattr(b, op)()
    text = b.text()
    for (s, e), want in spans:
        assert text[s:e] == want
    prev_end = 0
    for blk in b.blocks:
        piece = text[blk.start : blk.end]
        assert piece and piece == piece.strip()
        assert blk.start >= prev_end and (prev_end == 0 or text[prev_end : blk.start] == "\n\n")
        prev_end = blk.end
    assert text == text.strip() and "\n\n\n" not in text
