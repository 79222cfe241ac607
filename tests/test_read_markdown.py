"""The Markdown reader: the original text unchanged, a Layout from markdown-it-py's line maps.

Fixtures are written here. The corpus check only asks that every block of every Markdown record in the
corpus slices the text sensibly (headings without their '#', list items without their bullet): it
fits no document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from markup_fixtures import MARKDOWN, assert_same_as_plain, write

from rapporteur import ingest
from rapporteur.pipeline import map_document
from rapporteur.structure import structure


def blocks(doc) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.layout.blocks]


def test_same_map_as_the_plain_text(tmp_path: Path) -> None:
    assert_same_as_plain(tmp_path, "record.md", MARKDOWN)


def test_the_text_is_the_file_unchanged(tmp_path: Path) -> None:
    src = "---\ntitle: A record\n---\n\n# Head\r\n\r\nBody text (Abel).\r\n"
    p = tmp_path / "crlf.md"
    p.write_bytes(src.encode("utf-8"))
    doc = ingest.load(p)
    assert doc.text == src and doc.format == "markdown"
    assert doc.title == "A record"  # YAML front matter's title
    assert blocks(doc)[0] == ("front", 0, "---\ntitle: A record\n---")


def test_a_rule_at_the_top_is_not_front_matter(tmp_path: Path) -> None:
    src = "---\n\nThe permit register should be public for every well (Abel).\n\n---\n\nMore text.\n"
    doc = ingest.load(write(tmp_path, "rule.md", src))
    assert not any(b.kind == "front" and b.start == 0 for b in doc.layout.blocks)
    assert [c.text for c in map_document(write(tmp_path, "rule.md", src)).claims] == [
        "The permit register should be public for every well"
    ]


SHAPES = """Setext title
============

Intro paragraph that is long enough to be prose, with several words in it, yes.

Setext section
--------------

### ATX section ###

- one
- two
  continued
    - nested

1) first

> quoted line
> and more

| Name | Vote |
|------|------|
| Ann  | yes \\| no |

```python
# not a heading (Foo)
```

    indented code (Bar)

<div>raw html (Baz)</div>

A footnote reference[^1].

[^1]: The footnote text.
"""


def test_blocks_of_every_kind(tmp_path: Path) -> None:
    doc = ingest.load(write(tmp_path, "shapes.md", SHAPES))
    assert blocks(doc) == [
        ("heading", 1, "Setext title"),  # a lone top heading stays a theme, as in plain text
        ("paragraph", 0, "Intro paragraph that is long enough to be prose, with several words in it, yes."),
        ("heading", 2, "Setext section"),
        ("heading", 3, "ATX section"),
        ("list_item", 1, "one"),
        ("list_item", 1, "two\n  continued"),
        ("list_item", 2, "nested"),
        ("list_item", 1, "first"),
        ("quote", 0, "quoted line\n> and more"),
        ("table_row", 0, "Name | Vote"),
        ("table_row", 0, "Ann  | yes \\| no"),
        ("code", 0, "```python\n# not a heading (Foo)\n```"),
        ("code", 0, "indented code (Bar)"),
        ("paragraph", 0, "A footnote reference[^1]."),
        ("footnote", 0, "[^1]: The footnote text."),
    ]
    assert doc.title == "Setext title"
    m = map_document(write(tmp_path, "shapes.md", SHAPES))
    assert [t.title for t in m.themes] == ["Setext title", "Setext section", "ATX section"]
    assert not {"Foo", "Bar", "Baz"} & {p.name for p in m.participants}  # code and HTML never mined


AFTER_RULE = """# Minutes

## Decisions

The group reviewed the open questions and agreed on the following points after a long debate.

---

* The permit register should be public for every well in the basin (Abel).
* Fees should fall for the small farms that draw the least water (Baker, Cohen).

1. Meters should be read every month by an independent body (Cohen).
"""


def test_list_items_after_a_rule_are_body_not_footnotes(tmp_path: Path) -> None:
    md = write(tmp_path, "after.md", AFTER_RULE)
    got = [c.text for c in map_document(md).claims]
    assert got == [
        "The permit register should be public for every well in the basin",
        "Fees should fall for the small farms that draw the least water",
        "Meters should be read every month by an independent body",
    ]
    # read as plain text, the rule makes footnotes of them (what this reader fixes)
    plain = map_document(md, fmt="text")
    assert len(plain.claims) < len(got)


def test_inline_code_is_never_a_marker(tmp_path: Path) -> None:
    src = (
        "# Notes\n\nThe team agreed to call `parse (Foo)` before ``render (Bar)`` in every pass (Abel).\n\n"
        "Calling `derive` twice is wasteful, the reviewers said (Baker).\n"
    )
    for name in ("code.md", "code.txt"):
        m = map_document(write(tmp_path, name, src))
        assert sorted(p.name for p in m.participants) == ["Abel", "Baker"], name
        assert m.claims[0].text.startswith("The team agreed to call `parse (Foo)`")


def test_numbered_and_plain_headings_and_roster_as_plain_text_reads_them(tmp_path: Path) -> None:
    src = (
        "Occasional Paper\n\n1. Buses\n\n"
        "Bus lanes speed up every route that uses them, at little cost to drivers (Abel).\n\n"
        "2. Cycling\n\n2.1 Safety\n\n"
        "Protected lanes reduce injuries far more than painted ones do, the data show (Baker).\n\n"
        "Participants\n\nAnna Abel, Transit Lab\nBen Baker, Cycling Trust\n"
    )
    md, txt = write(tmp_path, "r.md", src), write(tmp_path, "r.txt", src)
    a, b = map_document(md), map_document(txt)
    assert (
        [t.title for t in a.themes] == [t.title for t in b.themes] == ["1. Buses", "2. Cycling", "2.1 Safety"]
    )
    assert [(p.name, p.affiliation) for p in a.participants] == [
        ("Anna Abel", "Transit Lab"),
        ("Ben Baker", "Cycling Trust"),
    ]
    assert [c.text for c in a.claims] == [c.text for c in b.claims]
    roster = ingest.load(md).layout.roster
    assert [md.read_text()[r.span[0] : r.span[1]] for r in roster] == [
        "Anna Abel, Transit Lab",
        "Ben Baker, Cycling Trust",
    ]  # type: ignore[index]


def test_heading_with_a_trailing_html_comment(tmp_path: Path) -> None:
    doc = ingest.load(
        write(tmp_path, "c.md", "# T\n\n## Summary <!-- omit in toc -->\n\nText here.\n\n## Other\n\nMore.\n")
    )
    assert ("heading", 2, "Summary") in blocks(doc)


def test_markdown_corpus_blocks_slice_cleanly(corpus: Path) -> None:
    files = sorted(p for p in corpus.glob("*/*.md") if not p.name.startswith("LICENSE"))
    assert files
    for p in files:
        doc = ingest.load(p)
        assert doc.text == p.read_text(encoding="utf-8-sig")
        for b in doc.layout.blocks:
            piece = doc.text[b.start : b.end]
            assert piece == piece.strip() and piece, (p.name, b)
            if b.kind == "heading":
                assert not piece.startswith("#") and "\n" not in piece, (p.name, piece)
            if b.kind == "list_item":
                assert not piece.startswith(("- ", "* ", "+ ")), (p.name, piece)
        st = structure(doc)
        for t in st.themes:
            assert doc.text[t.start : t.end] == t.title


@pytest.mark.parametrize("n", [1, 2000])
def test_long_inputs_stay_exact(tmp_path: Path, n: int) -> None:
    src = "# T\n\n" + "".join(f"## Part {i}\n\n- item {i} with words (Abel)\n\n" for i in range(n))
    doc = ingest.load(write(tmp_path, "long.md", src))
    heads = [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "heading"]
    assert heads == ["T"] + [f"Part {i}" for i in range(n)]


def test_quotes_start_after_their_marker_and_openers_are_not_names(tmp_path: Path) -> None:
    src = (
        "# Triage\n\n> As Dana said in the thread, I think we should merge this now.\n>\n"
        "> Anyway, I've added the feature gate and a tracking issue for it.\n"
    )
    doc = ingest.load(write(tmp_path, "q.md", src))
    quotes = [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "quote"]
    assert quotes == [
        "As Dana said in the thread, I think we should merge this now.",
        "Anyway, I've added the feature gate and a tracking issue for it.",
    ]
    names = {p.name for p in map_document(write(tmp_path, "q.md", src)).participants}
    assert not names & {"As Dana", "Anyway", "I've"}, names


_LINES = [
    "# Head", "## Sub ##", "Title", "=====", "-----", "- item (Abel)", "  - nested", "1. first",
    "> quote", ">", "| a | b |", "|---|---|", "```", "    code", "", "", "Plain words here.",
    "* star", "[^1]: note", "<div>", "**Bold:** text", "---", "Text with `code (Foo)`.",
]  # fmt: skip


@given(hst.lists(hst.sampled_from(_LINES), max_size=30), hst.sampled_from(["\n", "\r\n"]))
@settings(max_examples=200, deadline=None)
def test_any_markdown_gives_blocks_that_slice_cleanly(lines: list[str], eol: str) -> None:
    from rapporteur.ingest.markdown import layout

    text = eol.join(lines) + eol
    lay = layout(text)
    for b in lay.blocks:
        piece = text[b.start : b.end]
        assert 0 <= b.start < b.end <= len(text)
        assert piece == piece.strip(), (b, piece)
        if b.kind == "heading":
            assert not piece.startswith("#") and not piece.endswith("#")
    for r in lay.roster:
        assert text[r.span[0] : r.span[1]].startswith(r.name)  # type: ignore[index]
