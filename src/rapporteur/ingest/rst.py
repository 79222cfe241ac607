"""The reStructuredText reader: the original text unchanged, and a Layout from docutils' doctree.

docutils parses the text (with file inclusion, raw output and configuration files off, its messages
silenced, so a record cannot make it read or write anything); each node it reports a line for is
mapped back to the original characters: section titles are headings at their nesting depth (docutils
ranks underline styles by order of first use), paragraphs, list items (after their bullet, with
their depth), block quotes and footnotes (``.. [1]``) become blocks. Directives (``.. note::``,
``.. code::``), comments, literal blocks, tables and field lists are no blocks, so they are never
mined. A trailing participants list is read as plain text reads it: the roster, not body.
"""

from __future__ import annotations

import io

from rapporteur.ingest.markdown import _Lines
from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode
from rapporteur.layout import Layout, LayoutBlock, RosterHint

FORMAT = "rst"
SUFFIXES = (".rst", ".rest")
PRIORITY = 900
BINARY = False
SNIFF_NEEDS = ()  # sniff claims no bytes: chosen by extension or --format

# Containers whose paragraphs are the record's prose; any other ancestor (an admonition, a
# directive's output, a table, a sidebar) keeps a paragraph out of the Layout.
_PROSE_PARENTS = {
    "document", "section", "list_item", "bullet_list", "enumerated_list", "block_quote",
    "definition_list", "definition_list_item", "definition", "footnote",
}  # fmt: skip


def sniff(data: bytes) -> bool:
    return False  # reStructuredText is plain text to a sniffer: chosen by extension or --format


def _settings() -> dict[str, object]:
    return {
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": io.StringIO(),
        "file_insertion_enabled": False,
        "raw_enabled": False,
        "_disable_config": True,
        "doctitle_xform": True,  # a lone top title is the document's title, not a theme
        "sectsubtitle_xform": False,
        "docinfo_xform": False,
        "input_encoding": "unicode",
        "syntax_highlight": "none",
        "embed_stylesheet": False,
    }


class _Locator:
    """Finds a node's raw text in the original, near the line docutils reports, moving forward
    only: offsets are never guessed from text found elsewhere."""

    def __init__(self, text: str) -> None:
        self.lines = _Lines(text)
        self.text = text

    def span(self, line0: int, raw: str) -> tuple[int, int] | None:
        raw_lines = [ln.strip() for ln in raw.strip().split("\n")]
        if not raw_lines or not raw_lines[0]:
            return None
        head = raw_lines[0]
        for cand in (line0, line0 - 1, line0 + 1, line0 - 2, line0 + 2):
            if cand < 0:
                continue
            s, e = self.lines.line(cand)
            at = self.text.find(head, s, e + 1)
            if at == -1:
                continue
            last = cand + len(raw_lines) - 1
            end = at + len(head) if last == cand else self.lines.line(last)[1]
            tail = raw_lines[-1]
            if last != cand and not self.text[self.lines.line(last)[0] : end].rstrip().endswith(tail):
                continue
            return at, end
        return None


def layout(text: str) -> Layout:
    from docutils import nodes
    from docutils.core import publish_doctree

    from rapporteur import structure as st

    try:
        doc = publish_doctree(text, settings_overrides=_settings())
    except Exception:  # docutils raises its own errors for severe markup problems
        doc = None
    blocks: list[LayoutBlock] = []
    doc_title: str | None = None
    lifted = 0
    loc = _Locator(text)
    if doc is not None:
        for node in doc.findall(nodes.Element):
            parent = node.parent
            if isinstance(node, nodes.title) and isinstance(parent, nodes.document):
                # promoted by doctitle_xform; docutils gives it no line, so find it from the top
                span = _first_occurrence(text, node.astext())
                if span:
                    blocks.append(LayoutBlock("front", *span))
                    doc_title = node.astext()
            elif isinstance(node, nodes.subtitle) and isinstance(parent, nodes.document):
                # doctitle_xform also lifts a lone first section's title to a subtitle: it is
                # still that section's heading
                after = blocks[-1].end if blocks else 0
                head = node.astext().strip().split("\n", 1)[0]
                at = text.find(head, after) if head else -1
                if at != -1:
                    blocks.append(LayoutBlock("heading", at, at + len(head), level=1))
                    lifted = 1  # the sections docutils lifted with it sat under it
            elif isinstance(node, nodes.title) and isinstance(parent, nodes.section) and node.line:
                depth = lifted + sum(1 for a in _ancestors(node) if isinstance(a, nodes.section))
                # docutils reports a title's underline line (1-based); the title stands above it
                span = loc.span(node.line - 2, node.rawsource or node.astext())
                if span:
                    blocks.append(LayoutBlock("heading", *span, level=depth))
            elif isinstance(node, nodes.paragraph) and node.line:
                chain = [type(a).__name__ for a in _ancestors(node)]
                if any(c not in _PROSE_PARENTS for c in chain):
                    continue
                span = loc.span(node.line - 1, node.rawsource or node.astext())
                if span is None:
                    continue
                lists = sum(1 for c in chain if c in {"bullet_list", "enumerated_list"})
                if "footnote" in chain:
                    kind, level = "footnote", 0
                elif lists:
                    kind, level = "list_item", lists
                elif "block_quote" in chain:
                    kind, level = "quote", 0
                else:
                    kind, level = "paragraph", 0
                blocks.append(LayoutBlock(kind, *span, level=level))  # type: ignore[arg-type]
    blocks = sorted(set(blocks), key=lambda b: (b.start, b.end))
    tblocks = st._blocks(text)  # not st.blocks: a '~~~' underline is no Markdown fence
    first = blocks[0].start if blocks else 0
    roster, roster_start = st.find_roster(text, tblocks, first)
    if roster_start is not None:
        blocks = [b for b in blocks if b.start < roster_start]
    hints = tuple(RosterHint(r.name, r.affiliation, span=(r.start, r.end)) for r in roster)
    title = doc_title or next((text[b.start : b.end] for b in blocks if b.kind == "heading"), None)
    return Layout(tuple(blocks), hints, title=title)


def _first_occurrence(text: str, title: str) -> tuple[int, int] | None:
    """The document title's first line as it stands near the top (it precedes all other text)."""
    head = title.strip().split("\n", 1)[0]
    at = text.find(head, 0, 4096) if head else -1
    return (at, at + len(head)) if at != -1 else None


def _ancestors(node):
    p = node.parent
    while p is not None:
        yield p
        p = p.parent


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    return Extracted(text, layout(text), encoding)
