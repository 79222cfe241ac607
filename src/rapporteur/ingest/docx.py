"""The DOCX reader (python-docx): heading styles, lists, tables, footnotes and authored comments.

Word keeps the shape a PDF loses: a paragraph's style says it is "Heading 2" or a list item, a table
is rows of cells, a footnote sits in its own part. The body is written in document order, paragraph
by paragraph (tracked deletions, field codes and text boxes left out); each table row becomes one
line, its cells joined by " | "; footnotes follow the body. Written comments are part of the record:
their texts are appended after the body under "Comments", one "Author: text" line each, so a
comment's text is a real span of the extracted text, and each is recorded with the span of the body
it anchors (``commentRangeStart``/``End``). Comment authors join the roster.

A DOCX is a ZIP archive; its unpacked size is checked from the archive's directory before any part is
read, so a small file that inflates to gigabytes (a zip bomb) is refused. XML is parsed by
python-docx's parser, which does not expand entities.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapporteur import _regex as re
from rapporteur.errors import InputError, TooLargeError
from rapporteur.ingest._shape import TextBuilder, clean, merge_roster, split_roster
from rapporteur.ingest.reader import Extracted
from rapporteur.layout import Comment, Layout, RosterHint

FORMAT = "docx"
SUFFIXES = (".docx", ".docm")
PRIORITY = 20
BINARY = True
SNIFF_NEEDS = (b"PK\x03\x04",)  # sniff claims only bytes holding one of these: a ZIP archive's local header

MAX_UNPACKED = 256 * 1024 * 1024
MAX_ENTRIES = 10_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP = {f"{{{_W}}}{t}" for t in ("del", "moveFrom", "txbxContent", "instrText", "delText", "pPr", "rPr")}
_SKIP.add(f"{{{_MC}}}Fallback")
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_TYPED_BULLET = re.compile(r"^\s*(?:[-•◦▪*–]|\(?[a-z]\)|[a-z]\.)\s+\S")
_TYPED_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+\S")


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def sniff(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    import zipfile  # here, not at import: every record is sniffed, few are archives

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@dataclass(slots=True)
class _Run:
    """One paragraph's (or table row's) text as written, with where comment ranges open and close."""

    parts: list[str] = field(default_factory=list)
    n: int = 0
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # (start|end, comment id, offset)
    notes: list[str] = field(default_factory=list)  # footnote ids referenced, in order
    colours: Counter[str] = field(default_factory=Counter)
    plain: bool = False  # some of its text is not bold

    @property
    def bold(self) -> bool:
        return bool(self.colours) and not self.plain

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _inline(el: Any, run: _Run) -> None:
    """Walk a paragraph's content in document order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("t"):
            s = clean(child.text or "")
            run.add(s)
            r = child.getparent()
            if s.strip():
                run.colours[_colour(r)] += len(s)
                run.plain = run.plain or not _is_bold(r)
        elif tag in (_w("tab"), _w("ptab")):
            run.add("\t")
        elif tag in (_w("br"), _w("cr")):
            run.add("\n")
        elif tag == _w("noBreakHyphen"):
            run.add("-")
        elif tag == _w("commentRangeStart"):
            run.marks.append(("start", child.get(_w("id")) or "", run.n))
        elif tag == _w("commentRangeEnd"):
            run.marks.append(("end", child.get(_w("id")) or "", run.n))
        elif tag == _w("footnoteReference"):
            run.notes.append("f" + (child.get(_w("id")) or ""))
        elif tag == _w("endnoteReference"):
            run.notes.append("e" + (child.get(_w("id")) or ""))
        else:
            _inline(child, run)


def _is_line(text: str) -> bool:
    t = text.strip()
    return 0 < len(t) <= 100 and "\n" not in t and not t.endswith((".", "!", "?", ":", ";"))


def _is_bold(r: Any) -> bool:
    b = r.find(f"{_w('rPr')}/{_w('b')}") if r is not None and r.tag == _w("r") else None
    return b is not None and (b.get(_w("val")) or "true") not in ("0", "false", "off")


def _colour(r: Any) -> str:
    if r is None or r.tag != _w("r"):
        return "auto"
    c = r.find(f"{_w('rPr')}/{_w('color')}")
    return (c.get(_w("val")) or "auto") if c is not None else "auto"


def _check_archive(data: bytes, source: str) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(source, "is not a DOCX file (not a readable ZIP archive)") from None
    if len(infos) > MAX_ENTRIES:
        raise TooLargeError(
            source, f"is a ZIP archive of {len(infos):,} files, over the limit of {MAX_ENTRIES:,}"
        )
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise TooLargeError(
            source, f"unpacks to {unpacked:,} bytes, over the limit of {MAX_UNPACKED:,} (a zip bomb?)"
        )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError(source, "is a ZIP archive without word/document.xml, not a DOCX file")


def _part(doc: Any, kind: str) -> Any:
    """The root element of a related part (comments, footnotes), or None."""
    from docx.oxml.parser import parse_xml

    for rel in doc.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/" + kind):
            continue
        part = rel.target_part
        el = getattr(part, "element", None)
        return el if el is not None else parse_xml(part.blob)
    return None


def _style_kind(p: Any, styles: dict[str, tuple[str, bool]]) -> tuple[str, int]:
    """(heading|title|list_item|paragraph, level) from the paragraph's style and numbering."""
    ppr = p.find(_w("pPr"))
    sid = None
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        sid = ps.get(_w("val")) if ps is not None else None
        outline = ppr.find(_w("outlineLvl"))
        if (
            outline is not None
            and (outline.get(_w("val")) or "9").isdigit()
            and int(outline.get(_w("val"))) < 9
        ):
            return "heading", int(outline.get(_w("val"))) + 1
    name, numbered = styles.get(sid or "", ("", False))
    m = _HEADING_STYLE.match(name)
    if m:
        return "heading", int(m.group(1))
    if name.lower() in ("title",):
        return "title", 0
    num = ppr.find(_w("numPr")) if ppr is not None else None
    if num is not None or numbered or name.lower().startswith("list"):
        ilvl = num.find(_w("ilvl")) if num is not None else None
        val = ilvl.get(_w("val")) if ilvl is not None else "0"
        return "list_item", int(val) + 1 if (val or "").isdigit() else 1
    return "paragraph", 0


def _styles(doc: Any) -> dict[str, tuple[str, bool]]:
    """style id -> (name, numbered); a style based on a heading style is named as that heading."""
    out: dict[str, tuple[str, bool]] = {}
    for s in doc.styles:
        try:
            el = s.element
            name = s.name or ""
            base = s.base_style
            while base is not None and not _HEADING_STYLE.match(name):
                if _HEADING_STYLE.match(base.name or ""):
                    name = base.name
                base = base.base_style
            numbered = el.find(f"{_w('pPr')}/{_w('numPr')}") is not None
            out[s.style_id] = (name, numbered)
        except (AttributeError, KeyError, ValueError):
            continue
    return out


def read(data: bytes, source: str) -> Extracted:
    _check_archive(data, source)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise InputError(source, "is a damaged DOCX file (no main document part)") from None
    except Exception as exc:  # python-docx fails on a malformed package in many ways
        raise InputError(source, f"is a damaged DOCX file ({type(exc).__name__})") from None
    styles = _styles(doc)
    tb = TextBuilder()
    anchors: dict[str, list[int]] = {}
    note_ids: list[str] = []
    colours: Counter[str] = Counter()
    coloured_paras: Counter[str] = Counter()
    title: str | None = (doc.core_properties.title or "").strip() or None

    short_before = False  # the block before was one short line: a list of lines (a roster) stays one block

    def place(run: _Run, kind: str, level: int = 0, tight: bool = False) -> None:
        nonlocal short_before
        text = run.text
        short = kind in ("paragraph", "list_item") and _is_line(text)
        block = tb.add(kind, text, level=level, tight=tight or (short and short_before))  # type: ignore[arg-type]
        short_before = short and block is not None
        note_ids.extend(run.notes)
        if block is None:
            return
        lead = len(text) - len(text.lstrip())
        for what, cid, pos in run.marks:
            at = min(max(block.start + pos - lead, block.start), block.end)
            anchors.setdefault(cid, [at, at])[0 if what == "start" else 1] = at
        if run.colours:
            main = run.colours.most_common(1)[0][0]
            colours[main] += 1
            if main != "auto":
                coloured_paras[main] += 1

    def body(container: Any) -> None:
        nonlocal title
        for el in container:
            tag = el.tag
            if tag == _w("p"):
                run = _Run()
                _inline(el, run)
                kind, level = _style_kind(el, styles)
                if kind == "title":
                    title = title or run.text.strip() or None
                    place(run, "front")
                elif kind == "paragraph" and _TYPED_BULLET.match(run.text):
                    place(run, "list_item", 1)
                elif kind == "paragraph" and run.bold and _is_line(run.text) and len(run.text.split()) <= 12:
                    num = _TYPED_NUMBER.match(run.text)  # a heading typed in bold, not styled
                    place(run, "heading", num.group(1).count(".") + 1 if num else 1)
                elif kind == "paragraph" and _TYPED_NUMBER.match(run.text) and not _is_line(run.text):
                    place(run, "list_item", 1)
                else:
                    place(run, kind, level)
            elif tag == _w("tbl"):
                for k, tr in enumerate(el.iter(_w("tr"))):
                    row = _Run()
                    for j, tc in enumerate(tr.iter(_w("tc"))):
                        if j:
                            row.add(" | ")
                        for i, p in enumerate(tc.iter(_w("p"))):
                            if i:
                                row.add(" ")
                            _inline(p, row)
                    row.parts = [row.text.replace("\n", " ")]  # one line per row; offsets unchanged
                    place(row, "table_row", tight=k > 0)
            elif tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
                body(el)

    body(doc.element.body)
    text_so_far = tb.text()
    blocks, printed = split_roster(text_so_far, tb.blocks)

    by_id: dict[str, Any] = {}
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        part = _part(doc, kind) if note_ids else None
        if part is not None:
            by_id.update({tag[0] + (fn.get(_w("id")) or ""): fn for fn in part.iter(_w(tag))})
    for k, fid in enumerate(dict.fromkeys(note_ids), 1):
        fn = by_id.get(fid)
        if fn is None:
            continue
        run = _Run()
        run.add(f"{k}. ")
        for i, p in enumerate(fn.iter(_w("p"))):
            if i:
                run.add(" ")
            _inline(p, run)
        b = tb.add("footnote", run.text)
        if b is not None:
            blocks.append(b)

    comments, authors = _comments(doc, tb, anchors)
    notes: list[str] = []
    if len(colours) > 1 and coloured_paras:
        colour, count = coloured_paras.most_common(1)[0]
        notes.append(
            f"{source}: {count} paragraphs are set in colour {colour}, apart from the rest; colour may mark "
            "another voice (a reply), which is not attributed"
        )
    roster = merge_roster(printed, authors)
    return Extracted(
        tb.text(),
        Layout(tuple(blocks), roster, comments=tuple(comments), title=title, notes=tuple(notes)),
        "docx",
    )


def _comments(
    doc: Any, tb: TextBuilder, anchors: dict[str, list[int]]
) -> tuple[list[Comment], list[RosterHint]]:
    """Append "Comments" and one "Author: text" line per comment; the comments and their authors."""
    el = _part(doc, "comments")
    if el is None:
        return [], []
    out: list[Comment] = []
    authors: list[RosterHint] = []
    first = True
    for c in el.iter(_w("comment")):
        run = _Run()
        for i, p in enumerate(c.iter(_w("p"))):
            if i:
                run.add(" ")
            _inline(p, run)
        body = re.sub(r"\s+", " ", run.text).strip()
        if not body:
            continue
        author = re.sub(r"\s+", " ", c.get(_w("author")) or "").strip()
        if first:
            tb.write("\n\nComments\n")
            first = False
        tb.write("\n")
        label_start = tb.length
        tb.write(f"{author or 'Comment'}: ")
        start = tb.length
        tb.write(body)
        span = anchors.get(c.get(_w("id")) or "")
        anchor = (span[0], span[1]) if span and span[1] > span[0] else None
        out.append(Comment(author, start, tb.length, anchor))
        if author:
            authors.append(RosterHint(author, key=author, span=(label_start, label_start + len(author))))
    return out, authors
