"""One small workshop record, written as plain text, as a PDF (fpdf2) and as a DOCX (python-docx), so
the tests can check that each file maps to what the plain text maps to.

The content is invented for the tests: two numbered sections, parenthetical attributions
("(Abel, Baker)") and a trailing "Participants" roster, which the plain-text path already reads. The
PDF adds what a PDF does to a record: a running header and a page number on every page, words
hyphenated at line ends, a ligature, a paragraph cut by a page break. The DOCX adds what Word does:
heading styles, a table, a footnote and two comments by named authors.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

TITLE = "Workshop on Water Policy"
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "1. Pricing and Access",
        [
            "The meeting opened with a long review of the tariff reform and of what it had done to the "
            "finances of the utilities in the three districts that had introduced it first.",
            "Participants agreed that the tariff reform had raised revenue without improving access for poor "
            "households in the outlying districts (Abel, Baker). The development of metering was slow and "
            "uneven across the districts, and its benefits reached the towns long before the villages (Chen).",
            "Others argued that the subsidies went mostly to the large commercial farms and hardly ever to "
            "the smallholders who needed them most (Dunn). The independence of the district boards was "
            "questioned throughout the discussion, and several speakers returned to it later in the day.",
        ],
    ),
    (
        "2. Governance",
        [
            "The regulator lacked the independence it needed to enforce standards on the larger utilities "
            "and on the municipal operators alike (Baker). Local councils should be given budgets of their "
            "own, with rules for reporting how the money was spent (Abel, Chen).",
            "The discussion of governance returned several times to the question of who should appoint "
            "the members of the regulatory board, and for how long they should serve before standing "
            "down in favour of others (Dunn).",
        ],
    ),
]
ROSTER = [
    ("Anna Abel", "University of Lagos"),
    ("Ben Baker", "Water Institute"),
    ("Carla Chen", "Ministry of Finance"),
    ("Dan Dunn", "Rural Council"),
]
# Words the PDF breaks at a line end, at the marked point, whenever they fall there.
HYPHENATE = {"development": 7, "independence": 5, "discussion": 4, "commercial": 6, "standards": 5}
LIGATURE_WORD = "benefits"  # written with "ﬁ" in the PDF where the font has the glyph
TABLE = [("District", "Metered share"), ("North", "40%"), ("South", "15%")]
FOOTNOTE = "The tariff figures were supplied by the utilities themselves."
COMMENTS = [  # (author, anchored words, comment text)
    ("Carla Chen", "slow and uneven", "Metering was slowed by the cost of the meters, not by the utilities."),
    ("Dan Dunn", "who should appoint", "The board should be appointed by parliament for a fixed term."),
]


def plain_text(*, table: bool = False) -> str:
    """The record as a plain-text file, as a rapporteur would type it."""
    out = [TITLE, ""]
    for head, paras in SECTIONS:
        out += [head, ""]
        for p in paras:
            out += [p, ""]
        if table and head.startswith("1."):
            out += [" | ".join(r) for r in TABLE] + [""]
    out += ["Participants", ""]
    out += [f"{n}, {a}" for n, a in ROSTER]
    return "\n".join(out) + "\n"


_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def has_ligature_font() -> bool:
    return (_DEJAVU / "DejaVuSans.ttf").is_file() and (_DEJAVU / "DejaVuSans-Bold.ttf").is_file()


def make_pdf(path: Path, *, width: float = 140.0, lines_per_page: int = 12) -> dict[str, int]:
    """Write the record as a PDF laid out line by line, as a typesetter would: greedy line filling,
    first-line indents, a hyphen where a word of ``HYPHENATE`` falls at a line end, a running header
    and "Page N" on every page. Returns counts of what was laid out (pages, hyphenated line ends,
    words set with the "ﬁ" ligature glyph)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    lig = has_ligature_font()
    if lig:
        pdf.add_font("Body", "", str(_DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", str(_DEJAVU / "DejaVuSans-Bold.ttf"))
        face = "Body"
    else:
        face = "Helvetica"
    left, top, pitch, size = 72.0, 90.0, 15.0, 11.0
    col = width * 2.83
    state = {"page": 0, "y": 0.0, "lines": 0, "hyphens": 0, "ligatures": 0}

    def new_page() -> None:
        pdf.add_page()
        state["page"] += 1
        pdf.set_font(face, "", 9)
        pdf.text(left, 50, "Water Policy Workshop: Summary of Discussions")
        pdf.text(left + col / 2 - 15, 800, f"Page {state['page']}")
        state["y"], state["lines"] = top, 0

    def line(text: str, x: float, font_size: float = size, style: str = "") -> None:
        if state["lines"] >= lines_per_page:
            new_page()
        pdf.set_font(face, style, font_size)
        pdf.text(x, state["y"], text)
        state["y"] += pitch * font_size / size
        state["lines"] += 1

    def paragraph(text: str) -> None:
        pdf.set_font(face, "", size)
        if lig and LIGATURE_WORD in text:
            text = text.replace(LIGATURE_WORD, LIGATURE_WORD.replace("fi", "ﬁ"))
            state["ligatures"] += 1
        words = text.split()
        cur, indent = "", 18.0
        for w in words:
            trial = f"{cur} {w}" if cur else w
            room = col - indent
            if pdf.get_string_width(trial) <= room:
                cur = trial
                continue
            bare = w.strip(".,()")
            cut = HYPHENATE.get(bare)
            if cut is not None and cur and pdf.get_string_width(f"{cur} {w[:cut]}-") <= room:
                line(f"{cur} {w[:cut]}-", left + indent)
                state["hyphens"] += 1
                cur = w[cut:]
            else:
                line(cur, left + indent)
                cur = w
            indent = 0.0
        if cur:
            line(cur, left + indent)

    new_page()
    line(TITLE, left, 18, "B")
    state["y"] += 10
    for head, paras in SECTIONS:
        state["y"] += 8
        line(head, left, 14, "B")
        for p in paras:
            paragraph(p)
    state["y"] += 8
    line("Participants", left, 14, "B")
    for n, a in ROSTER:
        line(f"{n}, {a}", left)
    pdf.output(str(path))
    return {
        "pages": int(state["page"]),
        "hyphens": int(state["hyphens"]),
        "ligatures": int(state["ligatures"]),
    }


# ------------------------------------------------------------------------------------------------ docx

_CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path) -> None:
    """Write the record as a DOCX: Title and Heading 1 styles, a table after the first section, a
    footnote on the first section's second paragraph, and the two ``COMMENTS`` anchored on their
    words. python-docx writes comments itself; the footnote part is added as XML, since it cannot."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    doc = docx.Document()
    doc.add_heading(TITLE, 0)
    anchored = {words: (author, text) for author, words, text in COMMENTS}
    note_para = None
    for head, paras in SECTIONS:
        doc.add_heading(head, 1)
        for k, p in enumerate(paras):
            para = doc.add_paragraph()
            rest = p
            for words, (author, text) in anchored.items():
                if words in rest:
                    before, after = rest.split(words, 1)
                    para.add_run(before)
                    run = para.add_run(words)
                    doc.add_comment(
                        run, text=text, author=author, initials="".join(w[0] for w in author.split())
                    )
                    rest = after
            para.add_run(rest)
            if head.startswith("1.") and k == 1:
                note_para = para
        if head.startswith("1."):
            table = doc.add_table(rows=len(TABLE), cols=2)
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    doc.add_heading("Participants", 1)
    for n, a in ROSTER:
        doc.add_paragraph(f"{n}, {a}")
    assert note_para is not None
    ref = parse_xml(
        f'<w:r xmlns:w="{_W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'
    )
    note_para._p.append(ref)
    blob = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{FOOTNOTE}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), _CT_FOOTNOTES, blob, doc.part.package)
    doc.part.relate_to(part, _RT_FOOTNOTES)
    doc.save(str(path))


def zip_of_something_else(path: Path) -> None:
    """A ZIP archive that is not a Word file (a zipped folder of notes), named as ``path``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes/minutes.txt", "Minutes of the meeting (Abel).")
        zf.writestr("notes/agenda.txt", "Agenda.")
    path.write_bytes(buf.getvalue())
