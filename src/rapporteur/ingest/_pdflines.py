"""A PDF page's lines, as pdfium gives them, with the geometry and type the PDF reader's rules need.

pdfium gives the characters of a page in reading order, with a generated line break between lines
(and U+FFFE where a line ended in a hyphen); each line here carries its box, its type size, whether it
is bold or in small capitals, the width of its first word and whether it ended in a hyphen. A fragment
pdfium cut off a line (a superscript, a comma after one) is put back on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapporteur import _regex as re
from rapporteur.ingest._shape import clean

_SEGMENT = re.compile(r"[^\r\n\ufffe\x02]*(?:[\ufffe\x02]|\r\n|\r|\n|$)")
_BOLD_NAME = re.compile(r"bold|black|heavy|demi|semibold", re.I)
_CAPS_NAME = re.compile(r"caps|sc\d*$", re.I)
_MARK_CHARS = frozenset("0123456789()*†‡,¹²³⁴⁵⁶⁷⁸⁹⁰")
_MARKS = re.compile(r"[\d()*†‡,¹²³⁴⁵⁶⁷⁸⁹⁰\s]+")
_FLAT = frozenset("acemnorsuvwxzABCDEFHIKLMNORSTUVWXZ")  # letters sitting on the baseline


@dataclass(slots=True)
class Line:
    text: str
    page: int
    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    bold: bool  # the whole line: first and last letters bold
    lead_bold: int  # characters of a bold lead-in when the line starts bold and ends regular
    caps_font: bool
    first_word: float  # width of the first word, to tell whether it would have fitted above
    hyphen: bool  # ends in a hyphen at the line end
    height: float  # the page's
    edge: float = 0.0  # the right edge of the lines around it in the same type: where a full line ends
    margin: float = 0.0  # their left edge: where an unindented line starts
    column: float = 0.0  # the right edge of the document's column for lines like it


def page_lines(pdf: Any, index: int) -> list[Line]:
    """The page's lines in reading order (pdfium's), with the geometry and type the rules need."""
    import pypdfium2.raw as raw

    page = pdf[index]
    tp = page.get_textpage()
    try:
        height = page.get_height()
        n = tp.count_chars()
        if n <= 0:
            return []
        chars = tp.get_text_range(0, n)
        if len(chars) != n:  # keep indices aligned with pdfium's char indices
            chars = "".join(chr(raw.FPDFText_GetUnicode(tp.raw, i) or 32) for i in range(n))
        import ctypes  # here, not at import: a start that reads no PDF never pays for it

        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()

        def font(i: int) -> str:
            raw.FPDFText_GetFontInfo(tp.raw, i, buf, 256, ctypes.byref(flags))
            return buf.value.decode("latin-1", "replace").split("+")[-1]

        def is_bold(i: int) -> bool:
            return raw.FPDFText_GetFontWeight(tp.raw, i) >= 600 or bool(_BOLD_NAME.search(font(i)))

        out: list[Line] = []
        for m in _SEGMENT.finditer(chars):
            seg = m.group(0)
            if not seg:
                continue
            body = seg.rstrip("\r\n\ufffe\x02")
            hyphen = seg[len(body) :].startswith(("\ufffe", "\x02"))
            a = m.start()
            f = a + len(body) - len(body.lstrip())
            last = a + len(body.rstrip()) - 1
            if last < f:
                continue
            letters = [i for i in range(f, last + 1) if chars[i].isalpha()]
            # the line's type size: the median of a few of its letters (a note mark is set smaller)
            probe = [
                i for i in {f, last, *(f + (last - f) * k // 4 for k in (1, 2, 3))} if chars[i].isalpha()
            ]
            sizes = sorted(raw.FPDFText_GetFontSize(tp.raw, i) for i in (probe or letters[:3] or [f]))
            size = sizes[len(sizes) // 2] if sizes else 0.0
            l0, b0, _, t0 = tp.get_charbox(f)
            _, b1, r1, t1 = tp.get_charbox(last)
            space = chars.find(" ", f, last + 1)
            fw_end = (space - 1) if space > f else last
            first_word = tp.get_charbox(fw_end)[2] - l0
            bold = caps = False
            lead = 0
            if letters:
                first_bold = is_bold(letters[0])
                bold = first_bold and is_bold(letters[-1])
                caps = bool(_CAPS_NAME.search(font(letters[0])))
                if first_bold and not bold:
                    j = letters[0]
                    while j <= last and (chars[j].isspace() or is_bold(j)):
                        j += 1
                    lead = j - f
            sup = _superscripts(tp, chars, f, last, size)
            text = clean(
                "".join(chars[j] for j in range(f, last + 1) if j not in sup) if sup else chars[f : last + 1]
            )
            if hyphen or (text.endswith("-") and len(text) > 1 and text[-2].isalpha()):
                hyphen, text = True, text.rstrip("-")
            line = Line(text, index + 1, l0, r1, min(b0, b1), max(t0, t1), size, bold, lead, caps,
                         first_word, hyphen, height)  # fmt: skip
            prev = out[-1] if out else None
            if prev is not None and _same_baseline(prev, line):
                if line.size < 0.8 * prev.size and _MARKS.fullmatch(line.text):
                    continue  # a note mark pdfium cut off the line: not part of the sentence
                gap = line.x0 - prev.x1
                spaced = gap > 0.15 * max(prev.size, 1) and not line.text.startswith((",", ".", ";", ":"))
                prev.text += (" " if spaced else "") + line.text
                prev.x1, prev.hyphen = line.x1, line.hyphen
                prev.bold = prev.bold and line.bold
                continue
            out.append(line)
        return out
    finally:
        tp.close()
        page.close()


def _superscripts(tp: Any, chars: str, f: int, last: int, size: float) -> set[int]:
    """Indices of note marks set small and raised after a word ("reform.³", "Katz(1)"): they are no
    part of the sentence (the note itself is kept). Only mark characters are asked about, so this
    costs little; a mark that opens the line (a footnote's own number) is kept."""
    import pypdfium2.raw as raw

    start = f
    while start <= last and (chars[start] in _MARK_CHARS or chars[start].isspace()):
        start += 1  # the note's own number, opening its line
    marks = [i for i in range(start, last + 1) if chars[i] in _MARK_CHARS]
    if not marks:
        return set()
    base = next((i for i in range(f, last + 1) if chars[i] in _FLAT), None)
    if base is None:
        return set()
    baseline = tp.get_charbox(base)[1]
    out = set()
    for i in marks:
        if raw.FPDFText_GetFontSize(tp.raw, i) < 0.8 * size and tp.get_charbox(i)[1] > baseline + 0.2 * size:
            out.add(i)
    return out


def _same_baseline(a: Line, b: Line) -> bool:
    """A fragment pdfium cut off the line (a superscript, a comma after it) sits beside it."""
    middle = (b.top + b.bottom) / 2
    return not a.hyphen and b.x0 >= a.x1 - 1 and a.bottom - 0.3 * a.size <= middle <= a.top
