"""The PDF reader (pypdfium2): a text layer -> paragraphs, headings, footnotes and pages.

A PDF keeps glyphs and positions, not paragraphs, so the reader rebuilds them from geometry, the way
a typesetter laid them out: a line ends its paragraph when the next line's first word would still
have fitted on it, or the next line is indented, or a wider gap or another type size comes between;
a paragraph cut by a page break (or by the footnotes at the page's foot) is joined again. Words
hyphenated at a line end are re-joined, using the document's own vocabulary to tell "devel-opment"
from "cross-cutting"; ligatures ("ﬁ") are expanded. Lines repeated at the top or foot of the pages
(running headers and footers) and bare page numbers are removed; small type at a page's foot is
footnotes. Headings are short lines in larger type, or numbered lines set apart by weight, small
capitals or centring, or a numbered bold lead-in ("3.1. A Recipe. The first keynote ...").

The text written here is the text the map's offsets index; each block records its page, so a
citation can name it. Refused, each with one line: a file with no text layer (a scan: no OCR here),
an encrypted file that needs a password, a damaged or truncated file.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rapporteur import _regex as re
from rapporteur.errors import InputError, TooLargeError
from rapporteur.ingest._pdflines import Line as _Line
from rapporteur.ingest._pdflines import page_lines as _page_lines
from rapporteur.ingest._shape import TextBuilder, split_roster
from rapporteur.ingest.reader import Extracted
from rapporteur.layout import Layout, LayoutBlock

FORMAT = "pdf"
SUFFIXES = (".pdf",)
PRIORITY = 10
BINARY = True
SNIFF_NEEDS = (b"%PDF-",)  # sniff claims only bytes holding one of these: the PDF header

MAX_PAGES = 5000

_NUMBERED = re.compile(r"^(?:(\d{1,2}(?:\.\d{1,2}){0,4})\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+(?=\S)")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,8})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_NOTE_START = re.compile(r"^(?:\(?\d{1,3}\)|\d{1,3}[.\s]|[*†‡§¶])")
_BULLET = re.compile(r"^[•◦▪‣∙·\-–*]\s+\S")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_FILE_NAME = re.compile(r"\.(?:docx?|odt|rtf|pdf|tex|dvi|indd|pages)$|^Microsoft Word - |^untitled$", re.I)
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")


def sniff(data: bytes) -> bool:
    # The header may follow a little junk; readers look for it in the first kilobyte.
    return b"%PDF-" in data[:1024]


def read(data: bytes, source: str) -> Extracted:
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-2048:]:
        raise InputError(source, "is a truncated PDF (no end-of-file marker); re-download or re-export it")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise InputError(
                source, "is an encrypted PDF that needs a password; save it unencrypted"
            ) from None
        raise InputError(source, "is a damaged PDF that cannot be opened (truncated or not a PDF)") from None
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise TooLargeError(source, f"has {n:,} pages, over the limit of {MAX_PAGES:,}")
        lines: list[_Line] = []
        empty: list[int] = []
        for i in range(n):
            got = _page_lines(pdf, i)
            if not got:
                empty.append(i + 1)
            lines.extend(got)
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
        if _FILE_NAME.search(title):
            title = ""
    finally:
        pdf.close()
    if not lines:
        raise InputError(source, "has no text layer (a scanned PDF?); rapporteur does not OCR, run OCR first")
    notes = []
    if empty:
        pages = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        notes.append(
            f"{source}: {len(empty)} of {n} pages have no text layer (scanned?) and were skipped: {pages}"
        )
    text, layout = _assemble(lines, n, title or None)
    return Extracted(
        text, Layout(layout.blocks, layout.roster, title=layout.title, notes=tuple(notes)), "pdf"
    )


# ------------------------------------------------------------------------------- page furniture


def _furniture(lines: list[_Line], n_pages: int) -> set[int]:
    """Indices of running headers, footers and page numbers: lines in a page's top or bottom eighth
    that repeat (digits aside) on several pages, or are a bare page number."""

    def zone(ln: _Line) -> str | None:
        if ln.bottom > ln.height * 0.88:
            return "top"
        if ln.top < ln.height * 0.12:
            return "bottom"
        return None

    keyed: list[tuple[int, str, str]] = []
    pages: dict[tuple[str, str], set[int]] = {}
    for i, ln in enumerate(lines):
        z = zone(ln)
        if z is None:
            continue
        key = re.sub(r"\s+", " ", re.sub(r"\d+", "#", ln.text)).strip().casefold()
        keyed.append((i, z, key))
        pages.setdefault((z, key), set()).add(ln.page)
    need = max(2, round(0.4 * n_pages))
    return {
        i for i, z, key in keyed if _PAGE_NUMBER.match(lines[i].text.strip()) or len(pages[(z, key)]) >= need
    }


# ---------------------------------------------------------------------------------------- assembly


@dataclass(slots=True)
class _Stats:
    body: float  # the body type size
    pitch: float  # baseline to baseline in the body
    left: dict[int, float]  # page -> left margin
    right: dict[tuple[int, float], float]  # (page, type size) -> right edge of that type's lines


def _stats(lines: list[_Line]) -> _Stats:
    weight: Counter[float] = Counter()
    for ln in lines:
        weight[round(ln.size * 2) / 2] += len(ln.text)
    body = weight.most_common(1)[0][0] if weight else 10.0
    main = [ln for ln in lines if abs(ln.size - body) < 0.6]
    pitches = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(main)
        if a.page == b.page and 0 < a.bottom - b.bottom < 3 * body
    ]
    import statistics  # here, not at import: a start that reads no PDF never pays for it

    pitch = statistics.median(pitches) if pitches else 1.2 * body

    def margin(values: dict[int, list[float]], pick: Any) -> dict[int, float]:
        every = [v for vs in values.values() for v in vs]
        overall = pick(every) if every else 0.0
        return {p: pick(vs) if len(vs) >= 3 else overall for p, vs in values.items()}

    lefts: dict[int, list[float]] = {}
    for ln in main:
        lefts.setdefault(ln.page, []).append(round(ln.x0))
    # An abstract or a quotation in smaller type is set narrower: its lines end at their own edge.
    rights: dict[tuple[int, float], float] = {}
    for ln in lines:
        key = (ln.page, _size_class(ln.size))
        rights[key] = max(rights.get(key, 0.0), ln.x1)
    # Where a full line ends, for the lines around each line (same type, same left edge: a quotation
    # is set narrower than the body), and for the document's column (the furthest any such line
    # reaches; bucketed by left edge, so linear). Where the text starts: the lines around it.
    reach: dict[tuple[float, int], float] = {}
    for ln in lines:
        key = (_size_class(ln.size), int(ln.x0 // max(ln.size, 1)))
        reach[key] = max(reach.get(key, 0.0), ln.x1)
    for i, ln in enumerate(lines):
        sc, b = _size_class(ln.size), int(ln.x0 // max(ln.size, 1))
        ln.column = max(reach.get((sc, k), 0.0) for k in (b - 1, b, b + 1))
        near = [o for o in lines[max(0, i - 6) : i + 7] if o.page == ln.page and abs(o.size - ln.size) < 0.6]
        ln.edge = max(o.x1 for o in near if abs(o.x0 - ln.x0) < 2 * ln.size)
        ln.margin = min(o.x0 for o in near if o.x0 >= ln.x0 - 2 * ln.size)
    mode = lambda vs: Counter(vs).most_common(1)[0][0]  # noqa: E731
    return _Stats(body, pitch, margin(lefts, mode), rights)


def _size_class(size: float) -> float:
    return round(size * 2) / 2


def _ends_paragraph(prev: _Line, ln: _Line, st: _Stats) -> bool:
    """Whether ``prev`` is a paragraph's last line: the next line's first word would have fitted."""
    if prev.hyphen:
        return False
    if prev.edge - prev.x0 < 0.75 * (prev.column - prev.x0):
        return True  # it and the lines around it all stop well short of the column: a list of lines
    return prev.x1 + 0.25 * prev.size + ln.first_word < prev.edge - 0.2 * prev.size


def _indented(ln: _Line, st: _Stats) -> bool:
    return ln.x0 > ln.margin + 0.7 * max(ln.size, 1)


def _breaks(prev: _Line, ln: _Line, st: _Stats, in_list: bool) -> tuple[bool, bool]:
    """(a new block starts at ``ln``, the new block follows without extra space)."""
    same_page = prev.page == ln.page
    if abs(prev.size - ln.size) > 0.6 or prev.bold != ln.bold or _BULLET.match(ln.text):
        return True, same_page and prev.bottom - ln.bottom <= 1.45 * st.pitch
    if not same_page or prev.bottom - ln.bottom < -0.5 * ln.size:  # a new page or column
        # lines of one list (a roster) stay together over the break
        return (not in_list and _indented(ln, st)) or _ends_paragraph(prev, ln, st), True
    gap = prev.bottom - ln.bottom
    if gap > 1.45 * st.pitch * max(ln.size, prev.size) / st.body:
        return True, False
    # a list item's wrapped lines hang under its text, indented like a new paragraph
    return (not in_list and _indented(ln, st)) or _ends_paragraph(prev, ln, st), True


def _join(prev: str, nxt: str, hyphen: bool, vocab: set[str]) -> str:
    """Two lines of one paragraph as one run of text; a line-end hyphen kept only where the word has
    one elsewhere in the document, or the next part starts with a capital."""
    if not hyphen:
        return prev + " " + nxt
    a = re.search(r"[^\W\d_]+$", prev)
    b = re.match(r"[^\W\d_]+", nxt)
    compound = a is not None and (
        prev[: a.start()].endswith("-") or nxt[b.end() : b.end() + 1] == "-" if b else False
    )
    if a and b and not compound:
        joined, dashed = (a.group(0) + b.group(0)).casefold(), f"{a.group(0)}-{b.group(0)}".casefold()
        if joined in vocab:
            return prev + nxt
        if dashed in vocab or not b.group(0)[0].islower():
            return prev + "-" + nxt
        return prev + nxt
    return prev + "-" + nxt


def _heading(group: list[_Line], st: _Stats, prose_next: bool) -> int | None:
    """The level of a block that is a heading, or None."""
    text = " ".join(ln.text for ln in group)
    words = text.split()
    if not words or len(text) > 200 or not any(c.isalpha() for c in text):
        return None
    first = group[0]
    big = all(ln.size >= 1.15 * st.body for ln in group)
    if big and len(group) <= 3 and sum(c.isalpha() for c in text) >= 2:  # not a drop capital
        return 0  # ranked by size afterwards
    if len(group) > 1 or len(words) > 15:
        return None
    num = _NUMBERED.match(text)
    left = st.left.get(first.page, first.x0)
    right = st.right.get((first.page, _size_class(st.body)), first.x1)
    centred = first.x0 > left + 2 * first.size and abs((first.x0 + first.x1) - (left + right)) < 0.1 * (
        right - left
    )
    letters = [c for c in text if c.isalpha()]
    caps = len(letters) > 3 and all(c.isupper() for c in letters)
    if num and (first.bold or first.caps_font or centred or caps or first.size >= 1.05 * st.body):
        return (num.group(1) or "").count(".") + 1 if num.group(1) else 1
    if first.bold and len(words) <= 12 and not text.rstrip().endswith((".", ",", ";")) and prose_next:
        return -1  # bold at body size, over prose (not a table's header): ranked below sized headings
    return None


def _run_in(group: list[_Line]) -> int:
    """Length of a numbered bold lead-in heading at the start of the block ("3.1. Title. Text"), or 0."""
    first = group[0]
    if not first.lead_bold or not _NUMBERED.match(first.text):
        return 0
    lead = first.text[: first.lead_bold].rstrip()
    return len(lead) if len(lead.split()) <= 20 and lead.endswith((".", ":", "?", "!")) else 0


def _assemble(lines: list[_Line], n_pages: int, title: str | None) -> tuple[str, Layout]:
    drop = _furniture(lines, n_pages)
    lines = [ln for i, ln in enumerate(lines) if i not in drop]
    st = _stats(lines)
    vocab = {w.casefold() for ln in lines for w in _WORD.findall(ln.text)}

    # Footnotes: the run of small type at a page's foot, below body-size lines on the same page.
    note = [False] * len(lines)
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(i)
    for idx in by_page.values():
        k = len(idx)
        while k > 0 and lines[idx[k - 1]].size < 0.88 * st.body:
            k -= 1
        if 0 < k < len(idx) and any(abs(lines[i].size - st.body) < 0.6 for i in idx[:k]):
            for i in idx[k:]:
                note[i] = True

    # Lines -> groups (blocks), each with whether it follows the one before without extra space.
    # Footnotes are attached to the group open when they appear and written after it closes, so a
    # paragraph that runs on over the page's foot stays one paragraph.
    groups: list[tuple[list[_Line], bool]] = []
    notes: dict[int, list[list[_Line]]] = {}
    title_lines: list[_Line] = []
    first_page = lines[0].page if lines else 1
    for ln in lines:  # the title: the opening lines of the first page, set larger or bold
        if ln.page != first_page or not (ln.bold or ln.size >= 1.15 * st.body) or len(title_lines) >= 4:
            break
        if _NUMBERED.match(ln.text):  # "1. Introduction" opens the body; it is no title
            break
        if title_lines and abs(ln.size - title_lines[0].size) > 0.6:
            break
        title_lines.append(ln)
    for i in range(len(title_lines), len(lines)):
        ln = lines[i]
        if note[i]:
            mine = notes.setdefault(len(groups) - 1, [])
            if not mine or _NOTE_START.match(ln.text) or mine[-1][-1].page != ln.page:
                mine.append([ln])
            else:
                mine[-1].append(ln)
            continue
        prev = groups[-1][0][-1] if groups else None
        in_list = bool(groups) and bool(_BULLET.match(groups[-1][0][0].text))
        new, tight = (True, False) if prev is None else _breaks(prev, ln, st, in_list)
        if new:
            groups.append(([ln], tight))
        else:
            groups[-1][0].append(ln)
    return _write(groups, notes, title_lines, st, vocab, title)


def _text(group: list[_Line], vocab: set[str]) -> str:
    out = group[0].text
    for a, b in itertools.pairwise(group):
        out = _join(out, b.text, a.hyphen, vocab)
    return out


def _write(
    groups: list[tuple[list[_Line], bool]],
    notes: dict[int, list[list[_Line]]],
    title_lines: list[_Line],
    st: _Stats,
    vocab: set[str],
    title: str | None,
) -> tuple[str, Layout]:
    levels = [
        _heading(g, st, k + 1 < len(groups) and len(groups[k + 1][0]) > 1 and not groups[k + 1][0][0].bold)
        for k, (g, _) in enumerate(groups)
    ]
    sized = sorted({round(g[0].size * 2) / 2 for (g, _), lv in zip(groups, levels, strict=True) if lv == 0},
                   reverse=True)  # fmt: skip
    first_heading = next((k for k, lv in enumerate(levels) if lv is not None), None)
    first_page = title_lines[0].page if title_lines else (groups[0][0][0].page if groups else 1)
    tb = TextBuilder()
    if title_lines:
        head = _text(title_lines, vocab)
        tb.add("front", head, page=title_lines[0].page)
        title = head  # what the first page shows wins over the metadata, often a file name
    for k, (group, tight) in enumerate(groups):
        page = group[0].page
        lv = levels[k]
        lead = _run_in(group) if lv is None else 0
        if first_heading is not None and k < first_heading and page == first_page:
            tb.add("front", _text(group, vocab), page=page)
        elif lv is not None:
            level = (
                sized.index(round(group[0].size * 2) / 2) + 1 if lv == 0 else len(sized) + 1 if lv < 0 else lv
            )
            _heading_block(tb, _text(group, vocab), max(level, 1), page)
        elif lead:
            num = _NUMBERED.match(group[0].text)
            depth = (num.group(1) or "").count(".") + 1 if num and num.group(1) else 1
            _heading_block(tb, group[0].text[:lead], depth, page)
            rest = [_Line(**{**_fields(group[0]), "text": group[0].text[lead:].lstrip()}), *group[1:]]
            tb.add("paragraph", _text(rest, vocab), page=page)
        else:
            kind = "list_item" if _BULLET.match(group[0].text) else "paragraph"
            prev_single = k > 0 and len(groups[k - 1][0]) == 1 and levels[k - 1] is None
            tb.add(kind, _text(group, vocab), page=page, tight=tight and len(group) == 1 and prev_single)
        for note_lines in notes.get(k, []):
            tb.add("footnote", _text(note_lines, vocab), page=note_lines[0].page)
    for note_lines in notes.get(-1, []):
        tb.add("footnote", _text(note_lines, vocab), page=note_lines[0].page)
    text = tb.text()
    blocks, roster = split_roster(text, tb.blocks)
    return text, Layout(tuple(blocks), tuple(roster), title=title)


def _heading_block(tb: TextBuilder, text: str, level: int, page: int) -> None:
    """A heading; its span leaves out a closing full stop or colon (a run-in title's)."""
    b = tb.add("heading", text, level=level, page=page)
    if b is not None and tb.length and text.rstrip().endswith((".", ":")) and not _NUMBERED.fullmatch(text):
        tb.blocks[-1] = LayoutBlock("heading", b.start, b.end - 1, level=level, page=page)


def _fields(ln: _Line) -> dict[str, Any]:
    return {f: getattr(ln, f) for f in _Line.__slots__}  # type: ignore[attr-defined]
