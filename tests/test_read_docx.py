"""The DOCX reader: a generated DOCX maps as its plain text does, plus its two authored comments;
tables, footnotes and heading styles read; bad DOCX refused with one line; the WSSSPE1 reply read."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur import ingest
from rapporteur.cli import app
from rapporteur.errors import InputError, TooLargeError
from rapporteur.ingest import docx as docxreader
from rapporteur.pipeline import extract, map_document
from tests.fixtures_gen import records
from tests.test_read_pdf import summary

runner = CliRunner()


@pytest.fixture(scope="module")
def record_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "record.docx"
    records.make_docx(path)
    return path


def test_docx_maps_to_what_its_plain_text_maps_to(record_docx: Path) -> None:
    doc = ingest.load(record_docx)
    assert doc.format == "docx" and doc.title == records.TITLE
    plain = extract(ingest.load_text(records.plain_text(table=True), source="record.txt"))
    got = extract(doc)
    claims, people, themes = summary(got, skip_via="comment")
    assert (claims, people, themes) == summary(plain)
    assert len(claims) == 6 and [t for t, _ in themes] == ["1. Pricing and Access", "2. Governance"]
    assert all(p[2] for p in people)  # every participant is on the roster, comment authors too


def test_comments_are_claims_of_their_authors_about_their_anchors(record_docx: Path) -> None:
    doc = ingest.load(record_docx)
    assert doc.layout is not None
    comments = doc.layout.comments
    assert [c.author for c in comments] == [a for a, _, _ in records.COMMENTS]
    for c, (_, words, text) in zip(comments, records.COMMENTS, strict=True):
        assert doc.text[c.start : c.end] == text
        assert c.anchor is not None and doc.text[c.anchor[0] : c.anchor[1]] == words
        assert doc.text[c.start - len(c.author) - 2 : c.start] == f"{c.author}: "
    m = extract(doc)
    made = [c for c in m.claims if any(a.via == "comment" for a in c.attributions)]
    assert len(made) == 2
    for c, (author, words, text) in zip(made, records.COMMENTS, strict=True):
        assert c.text == text.rstrip(".")
        [a] = c.attributions
        assert m.participant(a.participant).name == author and a.polarity == "holds"
        assert a.marker.text == f"{author}:"
        anchored = doc.text.index(words)
        para_theme = next(x for x in m.claims if x.start <= anchored < x.end).theme
        assert c.theme == para_theme  # under the theme of the span it is about
    # the authors are roster hints; the printed roster entry, with its affiliation, wins
    chen = next(r for r in doc.layout.roster if r.name == "Carla Chen")
    assert chen.affiliation == "Ministry of Finance"


def test_table_rows_footnote_and_headings(record_docx: Path) -> None:
    doc = ingest.load(record_docx)
    assert doc.layout is not None
    by_kind: dict[str, list[str]] = {}
    for b in doc.layout.blocks:
        by_kind.setdefault(b.kind, []).append(doc.text[b.start : b.end])
    assert by_kind["table_row"] == [" | ".join(r) for r in records.TABLE]
    assert by_kind["footnote"] == [f"1. {records.FOOTNOTE}"]
    heads = [(doc.text[b.start : b.end], b.level) for b in doc.layout.blocks if b.kind == "heading"]
    assert heads == [("1. Pricing and Access", 1), ("2. Governance", 1)]
    m = extract(doc)
    note = doc.text.index(records.FOOTNOTE)
    assert not any(c.start <= note < c.end for c in m.claims)  # a footnote is never the record's voice


def test_a_comment_without_an_author_is_not_attributed(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("1. Budget", 1)
    p = d.add_paragraph("The budget is too small for what the agency must do this year (Abel). ")
    d.add_comment(p.runs[0], text="This seems doubtful to me.", author="")
    path = tmp_path / "anon.docx"
    d.save(str(path))
    m = map_document(path)
    assert [c.text for c in m.claims] == ["The budget is too small for what the agency must do this year"]
    assert "Comment: This seems doubtful to me." in m.documents[0].text


# ------------------------------------------------------------------------------------------- bad


def bad_docx(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    other = tmp_path / "minutes.docx"
    records.zip_of_something_else(other)
    broken = tmp_path / "broken.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><unclosed>")
    broken.write_bytes(buf.getvalue())
    lying = tmp_path / "reply.docx"
    lying.write_text("The reviewer asked for changes (Abel).\n", encoding="utf-8")
    return {
        "zip_of_something_else": (other, "is named .docx but its bytes are not a DOCX file"),
        "damaged": (broken, "damaged DOCX"),
        "lying": (lying, "is named .docx but its bytes are not a DOCX file"),
    }


CASES = ["zip_of_something_else", "damaged", "lying"]


@pytest.mark.parametrize("case", CASES)
def test_bad_docx_one_line_exit_1_store_untouched_others_mapped(
    tmp_path: Path, record_docx: Path, case: str
) -> None:
    path, reason = bad_docx(tmp_path)[case]
    with pytest.raises(InputError, match=reason):
        ingest.load(path)
    db = tmp_path / "m.db"
    good = tmp_path / "good.txt"
    good.write_text(records.plain_text(), encoding="utf-8")
    assert runner.invoke(app, ["map", str(good), "--db", str(db)]).exit_code == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    alone = runner.invoke(app, ["map", str(path), "--db", str(db)])
    lines = [ln for ln in alone.stderr.splitlines() if ln.strip()]
    assert alone.exit_code == 1 and len(lines) == 1 and str(path) in lines[0] and reason in lines[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    db2 = tmp_path / "both.db"
    both = runner.invoke(app, ["map", str(path), str(record_docx), "--db", str(db2)])
    assert both.exit_code == 1
    who = runner.invoke(app, ["who", "Carla Chen", "--db", str(db2)])
    assert who.exit_code == 0 and "cost of the meters" in who.stdout


def test_a_zip_of_something_else_is_not_sniffed_as_docx(tmp_path: Path, record_docx: Path) -> None:
    other = tmp_path / "x.zip"
    records.zip_of_something_else(other)
    assert not docxreader.sniff(other.read_bytes())
    assert docxreader.sniff(record_docx.read_bytes())
    assert ingest.detect(record_docx.read_bytes(), "upload.bin") == "docx"


def test_unpacked_size_is_checked_before_reading(
    tmp_path: Path, record_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip bomb is refused from the archive's directory: the parts are never inflated."""
    unpacked = sum(i.file_size for i in zipfile.ZipFile(record_docx).infolist())
    monkeypatch.setattr(docxreader, "MAX_UNPACKED", unpacked - 1)
    opened: list[object] = []
    import docx

    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(a))
    with pytest.raises(TooLargeError, match=r"record\.docx: unpacks to [\d,]+ bytes, over the limit"):
        ingest.load(record_docx)
    assert not opened


def test_a_real_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word/document.xml of 24 MB of zeros in a 24 KB archive, against a 16 MB bound (the real bound
    is 256 MB; a smaller one keeps the test fast and tests the same check)."""
    monkeypatch.setattr(docxreader, "MAX_UNPACKED", 16 * 1024 * 1024)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(24):
                f.write(block)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(TooLargeError, match="zip bomb"):
        ingest.load(bomb)


# ---------------------------------------------------------------------------------------- corpus


def test_wssspe1_reviewer_response(corpus: Path) -> None:
    """A reviewer's report with the authors' replies set only in blue (SOURCE.txt): nobody is named,
    so nothing may be attributed; the reader says that colour sets some paragraphs apart."""
    path = corpus / "wssspe1-report" / "JORS_WSSSPE1_response.docx"
    doc = ingest.load(path)
    assert doc.format == "docx" and doc.layout is not None
    kinds = [b.kind for b in doc.layout.blocks]
    assert kinds.count("list_item") == 8  # "- in the abstract, ..." typed as dashes in Normal style
    assert "This has been changed" in doc.text
    m = extract(doc)
    assert not m.claims and not m.participants
    assert any("set in colour 3366FF" in n for n in m.notes)


def test_typed_headings_numbered_items_endnotes_and_a_comment_in_a_table(tmp_path: Path) -> None:
    """What Word users type instead of styling: a bold numbered line as a heading, "1. ..." items."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph().add_run("1. Budget").bold = True
    d.add_paragraph("1. The budget is too small for what the agency must do this year, and it has shrunk.")
    p = d.add_paragraph("The board doubted that the savings would last beyond the first year (Abel).")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Region"
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("line one\nline two")
    d.add_comment(cell.runs[0], text="Two lines in one cell.", author="Ben Baker")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    p._p.append(parse_xml(f'<w:r xmlns:w="{w}"><w:endnoteReference w:id="1"/></w:r>'))
    blob = (
        f'<w:endnotes xmlns:w="{w}"><w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p>'
        "</w:endnote></w:endnotes>"
    ).encode()
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
    d.part.relate_to(Part(PackURI("/word/endnotes.xml"), ct, blob, d.part.package), rt)
    path = tmp_path / "typed.docx"
    d.save(str(path))
    doc = ingest.load(path)
    assert doc.layout is not None
    got = [(b.kind, doc.text[b.start : b.end]) for b in doc.layout.blocks]
    assert got[0] == ("heading", "1. Budget")
    assert got[1][0] == "list_item"
    assert ("table_row", "Region | line one line two") in got
    assert ("footnote", "1. An endnote.") in got
    [c] = doc.layout.comments
    assert c.anchor is not None and doc.text[c.anchor[0] : c.anchor[1]] == "line one line two"
    m = extract(doc)
    assert [t.title for t in m.themes] == ["1. Budget"]


def test_a_docx_map_validates_and_survives_the_store(tmp_path: Path, record_docx: Path) -> None:
    import rapporteur
    from rapporteur.export import json as mapjson
    from rapporteur.store import open_store

    m = map_document(record_docx)
    assert not mapjson.validate(mapjson.to_dict(m))  # every span, comment markers included, checks
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.write_map(m)
    back = rapporteur.open_map(str(db))
    vias = sorted(a.via for c in back.claims for a in c.attributions)
    assert vias.count("comment") == 2 and back.documents[0].format == "docx"
    text = back.documents[0].text
    assert all(text[c.start : c.end] == c.text for c in back.claims)
