"""The HTML reader: a web page (or HTML inside a PHP file) as the text a person reads, with its shape.

Headings h1-h6 keep their levels; paragraphs, list items (with nesting depth), table rows (one block
per row, cells joined by " | "), block quotes, captions and preformatted code become blocks; a
definition term and its description read as one line ("Present: Ann, Bo"). Scripts, styles, forms,
navigation, page headers and footers, hidden elements and processing instructions (``<?php ... ?>``)
are dropped; entities are decoded by the parser; nothing the page names is fetched or run.

Speaker markup becomes a turn: a block that opens with a name in its own element followed by a colon
(``<span class="name">Ann Lee</span>: ...``, ``<strong>Mr. LIMAN</strong>: ...``, ``<b>Ann:</b> ...``)
is a ``turn`` whose label is the name and colon as written into the text. An element whose class says
it holds a name is evidence enough; bare bold needs the page to use the pattern at least twice, and a
label that names a section rather than a person ("Note:", "Resolution:") is never a speaker. A
paragraph that a double line break (``<br><br>``) splits off inside the same element continues the
turn before it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from rapporteur import _regex as re
from rapporteur.errors import EncodingError, InputError
from rapporteur.ingest._blocks import TextBuilder, lone_title, normalize, split_roster
from rapporteur.ingest._xml import events
from rapporteur.ingest.reader import Extracted
from rapporteur.ingest.text import decode
from rapporteur.layout import Layout
from rapporteur.lexicon import words

FORMAT = "html"
SUFFIXES = (".html", ".htm", ".xhtml", ".php")
PRIORITY = 300  # after the XML dialects (an XHTML page is not TEI), before the plain-text fallbacks
BINARY = False
SNIFF_NEEDS = (b"<",)  # sniff claims only bytes holding one of these: a tag

_SNIFF = 65536
_START = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?[^>]{0,2000}\?>|<!--(?:[^-]|-(?!->)){0,4000}-->)*")
_HTML_ROOT = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
_BLOCK_TAG = re.compile(
    rb"<(?:p|div|br|h[1-6]|li|td|tr|table|ul|ol|blockquote|pre|section|article)[\s/>]", re.I
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)

_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", *_HEADINGS,
}  # fmt: skip
_DROP = {
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "option", "textarea",
    "input", "label", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
    "audio", "video", "source", "track", "map", "head", "aside", "footer", "menu", "dialog", "img",
}  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LABEL_TAGS = {"span", "strong", "b", "cite", "dfn"}
_NAME_CLASS = re.compile(r"name|speaker|who|person", re.I)
_NAME = re.compile(r"^[^\W\d_][\w.'’\- ]{0,58}[\w.]$|^[^\W\d_]$")
_LEADING_COLON = re.compile(r"^\s*:")
_TIME = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?$")


def sniff(data: bytes) -> bool:
    """An HTML document (doctype or ``<html>``), or a fragment that opens with a tag and is dense
    with block tags; Markdown with a stray ``<br>`` is neither."""
    head = data[:_SNIFF]
    lead = _START.match(head)
    body = head[lead.end() if lead else 0 :]
    if _HTML_ROOT.match(body):
        return True
    if not body.startswith(b"<"):
        return False
    tags = len(_BLOCK_TAG.findall(body))
    return tags >= 3 and tags * 400 >= len(body)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """A declared charset where the page gives one we know, else the text reader's decoding."""
    m = _CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec is not None and codec not in {"utf-8", "ascii"} and not codec.startswith("utf-16"):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    source, f"declares charset {name} but is not valid {name} (byte {exc.start})"
                ) from None
    return decode(data, source)


@dataclass(slots=True)
class _Raw:
    """A block as collected: its runs of text with the inline element each came from (the label
    candidate), before turns are decided for the page as a whole."""

    kind: str
    level: int
    runs: list[tuple[str, object]] = field(default_factory=list)
    cont: bool = False  # split from the block before by <br><br> inside one element
    from_dt: bool = False

    def has_text(self) -> bool:
        return any(t.strip() for t, _ in self.runs)


def _dropped(el) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in _DROP:
        return True
    if tag == "header" and not any(a.tag in {"article", "main"} for a in el.iterancestors()):
        return True
    a = el.attrib
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
        return True
    if a.get("role", "").lower() in _DROP_ROLES:
        return True
    return bool(_HIDDEN_STYLE.search(a.get("style", "")))


def _kind(stack: list[tuple[str, int]]) -> tuple[str, int]:
    for tag, _ in reversed(stack):
        if tag in _HEADINGS:
            return "heading", _HEADINGS[tag]
        if tag == "li":
            return "list_item", sum(1 for t, _ in stack if t in {"ul", "ol"})
        if tag == "tr":
            return "table_row", 0
        if tag == "pre":
            return "code", 0
        if tag in {"caption", "figcaption"}:
            return "caption", 0
        if tag == "blockquote":
            return "quote", 0
    return "paragraph", 0


class _Collector:
    """Walks the page once, without recursion, into raw blocks."""

    def __init__(self) -> None:
        self.raws: list[_Raw] = []
        self.cur: _Raw | None = None
        self.stack: list[tuple[str, int]] = []  # open block-level elements (tag, inline depth at open)
        self.inline: list[object] = []  # open inline elements
        self.br_pending = False
        self._cont_next = False

    def flush(self, cont: bool = False) -> None:
        if self.cur is not None and self.cur.has_text():
            self.raws.append(self.cur)
        self.cur = None
        self.br_pending = False
        self._cont_next = cont

    def text(self, s: str) -> None:
        if not s:
            return
        if s.strip():
            self.br_pending = False
        if self.cur is None:
            if not s.strip():
                return
            kind, level = _kind(self.stack)
            self.cur = _Raw(kind, level, cont=self._cont_next)
            self._cont_next = False
        self.cur.runs.append((s, tuple(self.inline)))

    def in_row(self) -> bool:
        return any(t == "tr" for t, _ in self.stack)

    def start(self, el) -> None:
        tag = el.tag.lower()
        if tag == "br":
            if self.br_pending and self.cur is not None and self.cur.kind != "code":
                self.flush(cont=True)  # <br><br>: a new paragraph in the same element
            else:
                self.br_pending = True
                if self.cur is not None:
                    self.cur.runs.append(("\n", "BR"))
            return
        if tag not in _BLOCKS:
            self.inline.append(el)
            return
        if tag in {"td", "th"} and self.in_row():
            if self.cur is not None and self.cur.has_text():
                self.cur.runs.append((" | ", None))
            self.stack.append((tag, len(self.inline)))
            return
        if self.in_row() and tag not in {"tr", "table"}:
            self.stack.append((tag, len(self.inline)))
            self.text(" ")
            return
        if tag == "dd" and self.cur is not None and self.cur.from_dt:
            self.stack.append((tag, len(self.inline)))
            return
        self.flush()
        self.stack.append((tag, len(self.inline)))
        if tag == "dt":
            kind, level = _kind(self.stack)
            self.cur = _Raw(kind, level, from_dt=True)

    def end(self, el) -> None:
        tag = el.tag.lower()
        if tag == "br":
            return
        if tag not in _BLOCKS:
            if self.inline and self.inline[-1] is el:
                self.inline.pop()
            return
        if self.stack:
            self.stack.pop()
        if tag in {"td", "th"} or (self.in_row() and tag not in {"tr", "table"}):
            return
        if tag == "dt" and self.cur is not None:
            if self.cur.has_text():
                self.cur.runs.append((":", None))
                self.cur.runs.append((" ", None))
            return
        self.flush()


@dataclass(frozen=True, slots=True)
class _Label:
    name: str
    after: int  # index of the first run after the label's element
    inside: bool  # the colon is inside the element ("<b>Ann:</b>")
    tag: str
    time: str | None = None  # a time in its own element before the name ("<span>12:01</span>")
    stamp: str | None = None  # that time as the page shows it ("[12:01]")


def _element_at(runs: list[tuple[str, object]], i: int) -> tuple[object, int] | None:
    """The outermost inline element open at run ``i`` that closes before the block ends (a
    ``<font>`` wrapping the whole transcript is not a label; the ``<strong>`` inside it is), and the
    index of the first run after it."""
    if not isinstance(runs[i][1], tuple):
        return None
    for el in runs[i][1]:
        j = i
        while j < len(runs) and isinstance(runs[j][1], tuple) and el in runs[j][1]:
            j += 1
        if any(t.strip() for t, _ in runs[j:]):
            return el, j
    return None


def _label(raw: _Raw) -> _Label | None:
    """The speaker label a block opens with: a name in its own inline element followed by a colon,
    optionally after a time in an element of its own."""
    runs = raw.runs
    i = next((k for k, (t, _) in enumerate(runs) if t.strip()), None)
    if i is None:
        return None
    found = _element_at(runs, i)
    if found is None:
        return None
    owner, j = found
    time = None
    stamp = normalize("".join(t for t, _ in runs[i:j]))
    if _TIME.match(stamp):
        nxt = next((k for k in range(j, len(runs)) if runs[k][0].strip()), None)
        found = _element_at(runs, nxt) if nxt is not None else None
        if found is None:
            return None
        time, i, (owner, j) = stamp.strip("[]()"), nxt, found  # type: ignore[assignment]
    name = normalize("".join(t for t, _ in runs[i:j]))
    inside = name.endswith(":")
    if inside:
        name = name[:-1].rstrip()
    elif not _LEADING_COLON.match(runs[j][0]):
        return None
    if not _NAME.match(name) or len(name.split()) > 6:
        return None
    if name.lower().strip(". ") in words("markup", "not_speakers"):
        return None
    tag = owner.tag.lower()  # type: ignore[attr-defined]
    if tag not in _LABEL_TAGS:
        return None
    if tag == "span" and not _NAME_CLASS.search(owner.get("class", "")):  # type: ignore[attr-defined]
        return None
    return _Label(name, j, inside, tag, time, stamp if time else None)


def _write_runs(b: TextBuilder, runs: list[tuple[str, object]]) -> None:
    for s, owner in runs:
        if owner == "BR":
            b.newline()
        else:
            b.write(s)


def read(data: bytes, source: str) -> Extracted:
    from lxml import etree, html

    text, encoding = _decode(data, source)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str that declares its encoding
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, huge_tree=False
    )
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    if root is None:
        return Extracted("", Layout(), encoding)
    for e in parser.error_log:
        # libxml2 stops reading past its bounds and says so only in its log: refuse rather than
        # map part of the page
        if e.message.startswith("Excessive depth"):
            raise InputError(source, "is nested deeper than 256 elements; refused (the parser's bound)")
        if "XML_PARSE_HUGE" in e.message or e.message.startswith("Resource limit"):
            raise InputError(source, f"is over the HTML parser's bounds ({e.message.strip()}); refused")
    title_el = root.find(".//title")
    title = normalize(title_el.text_content()) if title_el is not None else ""

    col = _Collector()
    for ev, item in events(root, skip=_dropped):
        if ev == "text":
            col.text(item)  # type: ignore[arg-type]
        elif ev == "start":
            col.start(item)
        else:
            col.end(item)
    col.flush()

    labels = [_label(r) if r.kind == "paragraph" else None for r in col.raws]
    bold = sum(1 for lb in labels if lb is not None and lb.tag != "span")
    b = TextBuilder()
    last_turn = False
    notes: list[str] = []
    for raw, lb in zip(col.raws, labels, strict=True):
        if lb is not None and (lb.tag == "span" or bold >= 2):
            name, inside = lb.name, lb.inside
            b.open("paragraph", time=lb.time)
            if lb.stamp:
                b.write(lb.stamp)
                b.space()
            s = b.write(name)
            rest = raw.runs[lb.after :]
            if not inside:  # the colon stands after the element: take it into the label
                first = rest[0][0]
                rest = [(first[first.index(":") + 1 :], rest[0][1]), *rest[1:]]
            elif rest and not rest[0][0].strip():
                rest = rest[1:]
            e = b.write(":")
            assert s is not None and e is not None
            b.label((s[0], e[1]), name)
            b.space()
            _write_runs(b, rest)
            last_turn = True
            continue
        if raw.cont and last_turn and b.kind == "turn":
            b.paragraph()
            _write_runs(b, raw.runs)
            continue
        last_turn = False
        b.open(raw.kind, raw.level)  # type: ignore[arg-type]
        if raw.kind == "code":
            b.raw("".join("\n" if o == "BR" else t for t, o in raw.runs))
        else:
            _write_runs(b, raw.runs)
    out = b.text()
    if not title:
        title = next((out[x.start : x.end] for x in b.blocks if x.kind == "heading"), "")
    blocks, roster = split_roster(out, b.blocks)
    blocks, top = lone_title(out, blocks)
    title = title or top or ""
    lay = Layout(tuple(blocks), tuple(roster), title=title or None, notes=tuple(notes))
    return Extracted(out, lay, encoding)
