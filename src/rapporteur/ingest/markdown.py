"""The Markdown reader: the original text unchanged, and a Layout from markdown-it-py's line maps.

The extracted text is the file's text as decoded (so offsets are those of the file); markdown-it-py
(CommonMark with tables) says which lines are what, and each block's span is recovered exactly from
the token's line map and the inline content it holds: ATX and setext headings with their levels,
paragraphs, list items (after their bullet or number, with their nesting depth), table rows (one
block per row, without the outer pipes), block quotes, fenced and indented code and raw HTML (code
is a ``code`` block, never mined; HTML no block at all), YAML front matter (``front``). A rule
(``---``) is only a rule: the list items after it are body. A paragraph that opens with a footnote
mark (``[^1]:``, or ``*``, ``†`` right after a rule) is a ``footnote``.

What the syntax does not mark is read from the text as ``structure`` reads plain text, so a Markdown
file loses nothing a ``.txt`` of the same words would give: a numbered or plain title line followed by
prose is a heading, the front matter before the body opener is ``front``, and a trailing participants
list is the roster (and not body).
"""

from __future__ import annotations

import bisect

from rapporteur import _regex as re
from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode
from rapporteur.layout import Layout, LayoutBlock, RosterHint

FORMAT = "markdown"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
PRIORITY = 900
BINARY = False
SNIFF_NEEDS = ()  # sniff claims no bytes: chosen by extension or --format

_YAML = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_YAML_TITLE = re.compile(r"^title:[ \t]*['\"]?(.+?)['\"]?[ \t]*$", re.M)
_FOOTNOTE_DEF = re.compile(r"\[\^[^\]\s]{1,40}\]:")
_NOTE_AFTER_RULE = re.compile(r"(?:\\?\*+|†|‡)\S")
_YAML_MAX = 64 * 1024


_YAML_LINE = re.compile(r"[A-Za-z_][\w -]{0,60}:(?:\s|$)|\s|-\s|-$|#")


def _looks_like_yaml(block: str) -> bool:
    """Front matter only if every line between the fences reads as YAML (``key: value``, an indented
    or list line, a comment): a document that merely opens with a rule has none."""
    inner = block.strip().split("\n")[1:-1]
    return all(not ln.strip() or _YAML_LINE.match(ln) for ln in inner)


def sniff(data: bytes) -> bool:
    return False  # Markdown is plain text to a sniffer: chosen by extension or --format


class _Lines:
    """Line starts and ends of the original text, so a token's line map becomes offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for m in re.finditer("\n", text):
            self.starts.append(m.end())

    def line(self, i: int) -> tuple[int, int]:
        """(start, end) of line ``i`` without its line break or trailing whitespace."""
        if i >= len(self.starts):
            return len(self.text), len(self.text)
        s = self.starts[i]
        e = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _content_span(lines: _Lines, first: int, last: int, content: str) -> tuple[int, int] | None:
    """The span from the inline content's first character on line ``first`` to the end of line
    ``last``: the container markers before it (``> ``, ``- ``, ``1. ``, ``## ``) left out."""
    s, e = lines.line(first)
    head = content.split("\n", 1)[0].strip()
    if not head:
        return None
    at = lines.text.find(head, s, e + 1) if head else -1
    start = at if at != -1 else s + len(lines.text[s:e]) - len(lines.text[s:e].lstrip())
    end = at + len(head) if first == last and at != -1 else lines.line(last)[1]
    while end > start and lines.text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _row_span(lines: _Lines, i: int) -> tuple[int, int] | None:
    s, e = lines.line(i)
    t = lines.text
    while s < e and (t[s].isspace() or t[s] == "|"):
        s += 1
    while e > s and (t[e - 1].isspace() or (t[e - 1] == "|" and t[e - 2 : e] != "\\|")):
        e -= 1
    return (s, e) if e > s else None


def _blocks_from_tokens(text: str, offset_lines: int = 0) -> list[LayoutBlock]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    lines = _Lines(text)
    tokens = md.parse(text)
    out: list[LayoutBlock] = []
    containers: list[str] = []  # open bullet_list / ordered_list / blockquote / list_item
    after_rule = False
    for i, tok in enumerate(tokens):
        t = tok.type
        if t.endswith("_open") and t.split("_open")[0] in {"bullet_list", "ordered_list", "blockquote"}:
            containers.append(t.split("_open")[0])
            continue
        if t.endswith("_close") and t.split("_close")[0] in {"bullet_list", "ordered_list", "blockquote"}:
            if containers:
                containers.pop()
            continue
        if tok.map is None:
            continue
        first, end_line = tok.map
        if t == "hr":
            after_rule = True
            continue
        if t == "heading_open":
            inline = tokens[i + 1]
            last = first if tok.markup.startswith("#") else end_line - 2
            span = _content_span(lines, first, max(first, last), inline.content)
            if span and "<!--" in text[span[0] : span[1]]:  # "Summary <!-- omit in toc -->"
                cut = text.index("<!--", span[0])
                span = (span[0], len(text[:cut].rstrip()))
                span = span if span[1] > span[0] else None
            if span:
                out.append(LayoutBlock("heading", *span, level=int(tok.tag[1])))
            after_rule = False
            continue
        if t == "paragraph_open":
            inline = tokens[i + 1]
            span = _content_span(lines, first, end_line - 1, inline.content)
            if span is None:
                continue
            lists = sum(1 for c in containers if c.endswith("list"))
            head = inline.content.lstrip()
            if _FOOTNOTE_DEF.match(head) or (after_rule and not lists and _NOTE_AFTER_RULE.match(head)):
                out.append(LayoutBlock("footnote", *span))
                continue  # consecutive notes after one rule stay notes
            after_rule = False
            if containers and containers[-1] == "blockquote":
                out.append(LayoutBlock("quote", *span))  # a quotation, in a list item or not
            elif lists:
                out.append(LayoutBlock("list_item", *span, level=lists))
            else:
                out.append(LayoutBlock("paragraph", *span))
            continue
        if t == "tr_open":
            span = _row_span(lines, first)
            if span:
                out.append(LayoutBlock("table_row", *span))
            after_rule = False
            continue
        if t in {"fence", "code_block"}:
            s = lines.line(first)[0]
            e = lines.line(end_line - 1)[1]
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1  # an unclosed fence runs to the end, over blank lines
            if e > s:
                out.append(LayoutBlock("code", s, e))
            after_rule = False
            continue
        if t == "html_block":
            after_rule = False
    return out


def layout(text: str) -> Layout:
    """The Layout of a Markdown text: markdown-it-py's blocks, with what plain text would give where
    the syntax is silent (numbered and plain headings, front matter, a trailing roster)."""
    from rapporteur import structure as st

    yaml = _YAML.match(text, 0, _YAML_MAX)
    yaml_end = yaml.end() if yaml and _looks_like_yaml(yaml.group(0)) else 0
    # markdown-it sees the YAML lines as blank lines, so every line number stays the file's
    masked = re.sub(r"[^\n]", " ", text[:yaml_end]) + text[yaml_end:] if yaml_end else text
    blocks = _blocks_from_tokens(masked)
    title = None
    if yaml_end:
        fm = _YAML_TITLE.search(text, 0, yaml_end)
        title = fm.group(1).strip() if fm else None
        s = 0
        e = yaml_end
        while e > s and text[e - 1].isspace():
            e -= 1
        blocks.append(LayoutBlock("front", s, e))

    # What plain text would say: the same blocks, headings, body start and roster as ``structure``.
    tblocks = [b for b in st.blocks(masked) if b.start >= yaml_end]
    theads = st.find_headings(masked, tblocks)
    body_start = st._body_start(masked, tblocks, theads)
    md_heads = [b for b in blocks if b.kind == "heading"]
    if md_heads:
        body_start = min(body_start, md_heads[0].start)
    roster, roster_start = st.find_roster(masked, tblocks, body_start)
    if title is None:
        title = st._title(masked, tblocks, body_start, theads, "") or None

    by_end = {b.end: k for k, b in enumerate(blocks) if b.kind in {"paragraph", "list_item"}}
    plain_heads: dict[int, LayoutBlock] = {}
    for h in theads:
        if h.markup_level <= 6:
            continue  # a '#' heading: markdown-it's own is authoritative
        tb = tblocks[h.block]
        # the line the heuristic names must be one prose block markdown-it also sees as one
        k = by_end.get(tb.end)
        if k is not None and tb.start <= blocks[k].start:
            plain_heads[k] = LayoutBlock("heading", h.start, h.end, level=6)
    out: list[LayoutBlock] = []
    for k, b in enumerate(blocks):
        b = plain_heads.get(k, b)
        if roster_start is not None and b.start >= roster_start:
            continue  # the roster is not body
        if b.kind not in {"front", "code", "footnote"} and b.end <= body_start:
            b = LayoutBlock("front", b.start, b.end)
        out.append(b)
    # A lone '# Title' stays a heading (a theme over the whole record), as plain text reads it.
    out.sort(key=lambda b: (b.start, b.end))
    hints = tuple(
        RosterHint(r.name, r.affiliation, r.aliases, r.kind, r.key, (r.start, r.end)) for r in roster
    )
    return Layout(tuple(out), hints, title=title)


def read(data: bytes, source: str) -> Extracted:
    text, encoding = decode(data, source)
    return Extracted(text, layout(text), encoding)
