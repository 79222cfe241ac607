"""The reStructuredText reader: the original text unchanged, a Layout from docutils mapped back to it.

Fixtures are written here."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as hst
from markup_fixtures import RST, assert_same_as_plain, write

from rapporteur import ingest
from rapporteur.pipeline import map_document


def blocks(doc) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.layout.blocks]


def test_same_map_as_the_plain_text(tmp_path: Path) -> None:
    assert_same_as_plain(tmp_path, "record.rst", RST)


SHAPES = """Part one
########

Intro paragraph with *emphasis* and ``literal (Foo)``
over two lines (Abel, Baker).

Chapter
=======

- item one (Abel)
- item two
  continued (Baker)

  - nested item

.. note:: A directive's words (Cohen).

.. a comment (Dahl)

::

    a literal block (Evans)

Section
-------

1. numbered item (Cohen).

   A second paragraph of the item.

    A block quote of some length (Abel).

.. [1] A footnote (Fox).

Part two
########

Closing words.
"""


def test_titles_by_first_use_of_each_underline_and_blocks(tmp_path: Path) -> None:
    doc = ingest.load(write(tmp_path, "shapes.rst", SHAPES))
    assert doc.format == "rst" and doc.text == SHAPES
    assert blocks(doc) == [
        ("heading", 1, "Part one"),
        (
            "paragraph",
            0,
            "Intro paragraph with *emphasis* and ``literal (Foo)``\nover two lines (Abel, Baker).",
        ),
        ("heading", 2, "Chapter"),
        ("list_item", 1, "item one (Abel)"),
        ("list_item", 1, "item two\n  continued (Baker)"),
        ("list_item", 2, "nested item"),
        ("heading", 3, "Section"),
        ("list_item", 1, "numbered item (Cohen)."),
        ("list_item", 1, "A second paragraph of the item."),
        ("list_item", 1, "A block quote of some length (Abel)."),
        ("footnote", 0, "A footnote (Fox)."),
        ("heading", 1, "Part two"),
        ("paragraph", 0, "Closing words."),
    ]
    m = map_document(write(tmp_path, "shapes.rst", SHAPES))
    names = {p.name for p in m.participants}
    assert {"Abel", "Baker", "Cohen"} <= names
    assert not {"Foo", "Dahl", "Evans", "Fox"} & names  # literals, comments, literal blocks, footnotes
    assert "Cohen" in names  # from the numbered item, not from the directive
    directive = SHAPES.index("A directive's words")
    assert not any(c.start <= directive < c.end for c in m.claims)
    themes = {t.title: t for t in m.themes}
    assert (
        themes["Section"].parent == themes["Chapter"].id and themes["Chapter"].parent == themes["Part one"].id
    )


def test_a_lone_top_title_is_the_document_title(tmp_path: Path) -> None:
    src = "=========\nThe Title\n=========\n\nSection\n-------\n\nText of the section (Abel).\n\nSub\n~~~\n\nMore.\n"
    doc = ingest.load(write(tmp_path, "t.rst", src))
    assert doc.title == "The Title"
    assert blocks(doc) == [
        ("front", 0, "The Title"),
        ("heading", 1, "Section"),  # docutils lifts a lone first section to a subtitle: still a heading
        ("paragraph", 0, "Text of the section (Abel)."),
        ("heading", 2, "Sub"),
        ("paragraph", 0, "More."),
    ]


def test_directives_cannot_read_files_or_emit_raw_output(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-RST (Mallory)", encoding="utf-8")
    src = (
        "Title\n=====\n\nA paragraph of the record (Abel).\n\n"
        f".. include:: {secret}\n\n"
        f".. raw:: html\n   :file: {secret}\n\n"
        f".. csv-table:: T\n   :file: {secret}\n\n"
        ".. raw:: html\n\n   <script>alert('x')</script>\n"
    )
    p = write(tmp_path, "evil.rst", src)
    doc = ingest.load(p)
    assert "TOPSECRET" not in "".join(doc.text[b.start : b.end] for b in doc.layout.blocks)
    m = map_document(p)
    assert [p.name for p in m.participants] == ["Abel"]


def test_broken_markup_still_reads_what_it_can(tmp_path: Path) -> None:
    src = "Title\n=====\n\nText with an *unclosed emphasis and `a role (Abel).\n\nShort\n==\n\nMore text (Baker).\n"
    doc = ingest.load(write(tmp_path, "broken.rst", src))
    assert doc.text == src
    for b in doc.layout.blocks:
        assert doc.text[b.start : b.end].strip() == doc.text[b.start : b.end]
    assert "Baker" in {p.name for p in map_document(write(tmp_path, "broken.rst", src)).participants}


_LINES = [
    "Title", "=====", "Sub", "---", "- item (Abel)", "  continued", "1. first", "", "", "Plain words.",
    ".. note:: x", ".. comment", "::", "    literal", "    quoted", ".. [1] note", "*emph", "``lit (Foo)``",
]  # fmt: skip


@given(hst.lists(hst.sampled_from(_LINES), max_size=25))
@settings(max_examples=60, deadline=None)
def test_any_rst_gives_blocks_that_slice_cleanly(lines: list[str]) -> None:
    from rapporteur.ingest.rst import layout

    text = "\n".join(lines) + "\n"
    for b in layout(text).blocks:
        piece = text[b.start : b.end]
        assert 0 <= b.start < b.end <= len(text)
        assert piece == piece.strip(), (b, piece)
