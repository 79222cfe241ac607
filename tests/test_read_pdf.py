"""The PDF reader: a generated PDF maps as its plain text does; page furniture, hyphenation and
ligatures undone; pages kept; bad PDFs refused with one line; the WSSSPE1 report read whole."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur import ingest
from rapporteur.cli import app
from rapporteur.errors import InputError
from rapporteur.ingest import pdf as pdfreader
from rapporteur.model import Map
from rapporteur.pipeline import extract, map_document
from tests.fixtures_gen import records

runner = CliRunner()


def summary(m: Map, *, skip_via: str | None = None) -> tuple[set, set, list]:
    """What a reader of the map sees: claims with their holders, the roster, the theme titles."""
    claims = {
        (
            c.text,
            c.kind,
            tuple(sorted((m.participant(a.participant).name, a.polarity) for a in c.attributions)),
        )
        for c in m.claims
        if not skip_via or all(a.via != skip_via for a in c.attributions)
    }
    people = {(p.name, p.affiliation, p.in_roster) for p in m.participants}
    return claims, people, [(t.title, t.level) for t in m.themes]


@pytest.fixture(scope="module")
def record_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("pdf") / "record.pdf"
    return path, records.make_pdf(path)


def test_the_fixture_has_what_a_pdf_does_to_a_record(record_pdf: tuple[Path, dict[str, int]]) -> None:
    """Guards the fixture: without furniture, hyphens and a page break the other tests prove nothing."""
    import pypdfium2 as pdfium

    path, laid = record_pdf
    assert laid["pages"] >= 3 and laid["hyphens"] >= 2
    pdf = pdfium.PdfDocument(str(path))
    raw = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert all("Summary of Discussions" in t and f"Page {i + 1}" in t for i, t in enumerate(raw))
    # pdfium marks a line-end hyphen as U+FFFE (older builds: U+0002, or "-" and a line break)
    assert sum(len(re.findall(r"[^\W\d_](?:\ufffe|\x02|-\r?\n)", t)) for t in raw) >= 2
    # pdfium itself gives "fi" for the "ﬁ" glyph, so the ligature is checked end to end (the word is
    # whole in the text); ``clean`` expands ligatures other text layers keep
    assert laid["ligatures"] == (1 if records.has_ligature_font() else 0)


def test_pdf_maps_to_what_its_plain_text_maps_to(record_pdf: tuple[Path, dict[str, int]]) -> None:
    path, _ = record_pdf
    doc = ingest.load(path)
    assert doc.format == "pdf"
    plain = extract(ingest.load_text(records.plain_text(), source="record.txt"))
    got = extract(doc)
    assert summary(got) == summary(plain)
    assert len(got.claims) == 6 and len(got.themes) == 2
    # the text itself: headers, "Page N", hyphens and the ligature are gone, paragraphs are whole
    assert doc.text == records.plain_text().rstrip()
    assert "Summary of Discussions" not in doc.text and "Page " not in doc.text
    assert "commercial" in doc.text and "standards" in doc.text and "benefits" in doc.text
    assert doc.title == records.TITLE


def test_every_block_has_its_page_and_a_paragraph_runs_over_a_page_break(
    record_pdf: tuple[Path, dict[str, int]],
) -> None:
    path, laid = record_pdf
    doc = ingest.load(path)
    assert doc.layout is not None
    assert all(b.page is not None for b in doc.layout.blocks)
    assert [p for _, p in doc.pages] == list(range(1, laid["pages"] + 1))
    # "... who needed them most" ends page 1; "(Dunn). The independence ..." starts page 2
    cut = next(b for b in doc.layout.blocks if "smallholders" in doc.text[b.start : b.end])
    assert cut.page == 1 and "(Dunn)" in doc.text[cut.start : cut.end]
    m = extract(doc)
    dunn = next(c for c in m.claims if "subsidies" in c.text)
    assert doc.page_at(dunn.start) == 1
    assert doc.page_at(next(c for c in m.claims if "regulator" in c.text).start) == 2


def test_hyphen_kept_only_where_the_word_has_one() -> None:
    vocab = {"development", "cross-cutting", "well"}
    assert pdfreader._join("the devel", "opment of", True, vocab) == "the development of"
    assert pdfreader._join("the cross", "cutting issues", True, vocab) == "the cross-cutting issues"
    assert pdfreader._join("a self", "archived copy", True, vocab) == "a selfarchived copy"
    assert pdfreader._join("the Euro", "Atlantic link", True, vocab) == "the Euro-Atlantic link"
    assert pdfreader._join("Software-as", "a-Service", True, vocab) == "Software-as-a-Service"
    assert pdfreader._join("two", "lines", False, vocab) == "two lines"


def test_ligatures_and_controls_are_cleaned() -> None:
    from rapporteur.ingest._shape import clean

    assert clean("ﬁnal ﬂow eﬀect oﬃce baﬄe") == "final flow effect office baffle"
    assert clean("a\x00b\ufffec") == "abc"


# ------------------------------------------------------------------------------------------- bad


def _encrypted(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Secret minutes (Abel).")
    pdf.output(str(path))


def _scanned(path: Path) -> None:
    """A page with only drawing on it: what a scan without OCR gives (no text layer)."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))


def bad_pdfs(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    encrypted = tmp_path / "encrypted.pdf"
    _encrypted(encrypted)
    scanned = tmp_path / "scanned.pdf"
    _scanned(scanned)
    lying = tmp_path / "notes.pdf"
    lying.write_text("Just some minutes (Abel). Not a PDF at all.\n", encoding="utf-8")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50 + b"\n%%EOF\n")
    return {
        "truncated": (truncated, "truncated PDF"),
        "encrypted": (encrypted, "encrypted PDF that needs a password"),
        "scanned": (scanned, "no text layer"),
        "lying": (lying, "is named .pdf but its bytes are not a PDF file"),
        "damaged": (damaged, "damaged PDF"),
    }


CASES = ["truncated", "encrypted", "scanned", "lying", "damaged"]


@pytest.mark.parametrize("case", CASES)
def test_bad_pdf_is_refused_by_the_library(
    tmp_path: Path, record_pdf: tuple[Path, dict[str, int]], case: str
) -> None:
    path, reason = bad_pdfs(tmp_path, record_pdf[0])[case]
    with pytest.raises(InputError) as err:
        ingest.load(path)
    assert str(err.value).startswith(str(path)) and reason in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("case", CASES)
def test_bad_pdf_one_line_exit_1_store_untouched_others_mapped(
    tmp_path: Path, record_pdf: tuple[Path, dict[str, int]], case: str
) -> None:
    path, reason = bad_pdfs(tmp_path, record_pdf[0])[case]
    good = tmp_path / "good.txt"
    good.write_text(records.plain_text(), encoding="utf-8")
    db = tmp_path / "m.db"
    first = runner.invoke(app, ["map", str(good), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    alone = runner.invoke(app, ["map", str(path), "--db", str(db)])
    assert alone.exit_code == 1
    lines = [ln for ln in alone.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], alone.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    db2 = tmp_path / "both.db"
    both = runner.invoke(app, ["map", str(path), str(record_pdf[0]), "--db", str(db2)])
    assert both.exit_code == 1
    assert [ln for ln in both.stderr.splitlines() if ln.strip()] == lines
    who = runner.invoke(app, ["who", "Dunn", "--db", str(db2)])
    assert who.exit_code == 0 and "smallholders" in who.stdout


def test_sniff_and_detection() -> None:
    assert pdfreader.sniff(b"%PDF-1.4\n...")
    assert pdfreader.sniff(b"\xef\xbb\xbf junk %PDF-1.7")
    assert not pdfreader.sniff(b"PK\x03\x04")
    assert ingest.detect(b"%PDF-1.4\n", "report.bin") == "pdf"


# ---------------------------------------------------------------------------------------- corpus

# The numbered section headings of the WSSSPE1 summary report, read off the PDF by a person (pages
# 1-23 of WSSSPE1_summary_report_body.pdf): sections are set centred in small capitals, subsections
# as numbered bold lead-ins of their first paragraph.
WSSSPE1_SECTIONS = [
    "1. Introduction",
    "2. Workshop Process and Agenda",
    "3. Keynotes",
    "4. Developing and Supporting Software",
    "5. Policy",
    "6. Communities",
    "7. Cross-cutting Issues",
    "8. Case Studies",
    "9. Conclusions",
]
WSSSPE1_SOME_SUBSECTIONS = [
    "3.1. A Recipe for Sustainable Software, Philip E. Bourne",
    "4.1. Research or Reuse?",
    "5.2. Credit, Citation, and Impact",
    "7.1. Defining Sustainability",
    "9.2. Future activities",
]


@pytest.fixture(scope="module")
def wssspe1(corpus: Path) -> Path:
    return corpus / "wssspe1-report" / "WSSSPE1_summary_report_body.pdf"


def test_wssspe1_headings_are_the_themes(wssspe1: Path) -> None:
    m = map_document(wssspe1)
    titles = [t.title for t in m.themes]
    assert [t for t in titles if re.match(r"^\d\. ", t)] == WSSSPE1_SECTIONS
    assert set(WSSSPE1_SOME_SUBSECTIONS) <= set(titles)
    top = {t.id for t in m.themes if t.parent is None}
    sub = next(t for t in m.themes if t.title.startswith("3.1."))
    assert sub.parent in top and m.theme(sub.parent).title == "3. Keynotes"  # type: ignore[union-attr]
    assert m.documents[0].title.startswith("SUMMARY OF THE FIRST WORKSHOP")


def test_wssspe1_pages_and_no_furniture_in_the_text(wssspe1: Path) -> None:
    doc = ingest.load(wssspe1)
    assert doc.layout is not None
    blocks = doc.layout.blocks
    assert all(b.page is not None for b in blocks)
    assert [p for _, p in doc.pages] == list(range(1, 24))  # 23 pages, each where its text begins
    assert [b.page for b in blocks] == sorted(b.page for b in blocks)  # type: ignore[type-var]
    for b in blocks:
        body = doc.text[b.start : b.end]
        # a page number left in would stand at a block's edge, as a bare number of its page
        for p in (b.page - 1, b.page, b.page + 1):  # type: ignore[operator]
            assert not re.match(rf"{p}\s", body) or b.kind == "footnote", body[:60]
            assert not re.search(rf"\s{p}$", body), body[-60:]
    assert "devel-" not in doc.text and "development" in doc.text and "cross-cutting" in doc.text
    # the authors' affiliations are footnotes at the foot of page 1, not body text
    notes = [doc.text[b.start : b.end] for b in blocks if b.kind == "footnote"]
    assert any("National Science Foundation" in n for n in notes)
    m = extract(doc)
    note_spans = [(b.start, b.end) for b in blocks if b.kind in ("footnote", "front")]
    for c in m.claims:
        assert doc.page_at(c.start) is not None
        assert not any(s <= c.start < e for s, e in note_spans)
        assert not re.search(r"(?:^|\n)\d{1,2}(?:\n|$)", c.text)


@pytest.mark.parametrize("align", ["J", "L"])
def test_paragraphs_set_apart_by_space_justified_or_ragged(tmp_path: Path, align: str) -> None:
    """The other common layout: no first-line indent, a gap between paragraphs, fpdf2's own wrapping."""
    from fpdf import FPDF

    kw = {"new_x": "LMARGIN", "new_y": "NEXT"}
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, records.TITLE, **kw)  # type: ignore[arg-type]
    for head, paras in records.SECTIONS:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, head, **kw)  # type: ignore[arg-type]
        pdf.set_font("Helvetica", "", 11)
        for p in paras:
            pdf.multi_cell(0, 5.5, p, align=align, **kw)  # type: ignore[arg-type]
            pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, "Participants", **kw)  # type: ignore[arg-type]
    pdf.set_font("Helvetica", "", 11)
    for n, a in records.ROSTER:
        pdf.multi_cell(0, 5.5, f"{n}, {a}", **kw)  # type: ignore[arg-type]
    path = tmp_path / "spaced.pdf"
    pdf.output(str(path))
    doc = ingest.load(path)
    assert doc.text == records.plain_text().rstrip()
    plain = extract(ingest.load_text(records.plain_text(), source="record.txt"))
    assert summary(extract(doc)) == summary(plain)


def test_two_columns_over_two_pages(tmp_path: Path) -> None:
    """Justified text in two columns on short pages: paragraphs and the roster run on over the column
    and page breaks."""
    from fpdf import FPDF

    pdf = FPDF(format=(210, 140))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, records.TITLE, new_x="LMARGIN", new_y="NEXT")
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.3) as cols:
        for head, paras in records.SECTIONS:
            pdf.set_font("Helvetica", "B", 13)
            cols.write(head + "\n")
            pdf.set_font("Helvetica", "", 11)
            for p in paras:
                cols.write(p + "\n")
                cols.ln()
        pdf.set_font("Helvetica", "B", 13)
        cols.write("Participants\n")
        pdf.set_font("Helvetica", "", 11)
        for n, a in records.ROSTER:
            cols.write(f"{n}, {a}\n")
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    doc = ingest.load(path)
    assert len(doc.pages) == 2
    assert doc.text == records.plain_text().rstrip()


def test_a_pdf_map_validates_and_keeps_its_pages_in_the_store(
    tmp_path: Path, record_pdf: tuple[Path, dict[str, int]]
) -> None:
    import rapporteur
    from rapporteur.export import json as mapjson
    from rapporteur.store import open_store

    m = map_document(record_pdf[0])
    assert not mapjson.validate(mapjson.to_dict(m))
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.write_map(m)
    back = rapporteur.open_map(str(db)).documents[0]
    assert back.pages == m.documents[0].pages and len(back.pages) == record_pdf[1]["pages"]
    assert back.format == "pdf" and back.text == m.documents[0].text


def test_note_marks_leave_the_sentence_and_the_note_keeps_its_number(tmp_path: Path) -> None:
    """A raised, smaller "1" after a word is a note mark, not part of the claim; the note itself, in
    small type at the page's foot, is a footnote block that still opens with its number."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(72, 80, "1. Budget")
    pdf.set_font("Helvetica", "", 11)
    first = "The budget is too small for what the agency must do this year"
    pdf.text(72, 110, first)
    x = 72 + pdf.get_string_width(first)
    pdf.set_font("Helvetica", "", 7)
    pdf.text(x + 0.5, 105, "1")
    pdf.set_font("Helvetica", "", 11)
    pdf.text(x + 5, 110, "(Abel).")
    pdf.text(72, 125, "Others said it was quite large enough for a year of ordinary work (Baker).")
    pdf.set_font("Helvetica", "", 8)
    pdf.text(72, 780, "1 The agency's own figures, as given to the meeting.")
    path = tmp_path / "notes.pdf"
    pdf.output(str(path))
    doc = ingest.load(path)
    assert doc.layout is not None
    m = extract(doc)
    assert next(c.text for c in m.claims) == "The budget is too small for what the agency must do this year"
    notes = [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "footnote"]
    assert notes == ["1 The agency's own figures, as given to the meeting."]
