"""The XML readers, TEI and JATS: turns, notes, rosters, sections, citations, references; parsed as
untrusted data (entity bombs and external entities refused, nothing loaded or fetched).

The corpus checks read `parlamint-gb/` (a ParlaMint sample sitting: 4 `<u who>` utterances, no
listPerson, speakers in the `-meta-en.tsv` beside it) and `elife-xml/` (two eLife features: 8 and 7
`<xref ref-type="bibr">` citations, 7 references each, no `<sec>`); the counts were read off the files."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from markup_fixtures import JATS, TEI, assert_same_as_plain, write
from typer.testing import CliRunner

from rapporteur import ingest
from rapporteur.cli import app
from rapporteur.errors import InputError
from rapporteur.ingest import jats as jats_reader
from rapporteur.ingest import tei as tei_reader
from rapporteur.pipeline import map_document
from rapporteur.structure import structure


def test_tei_same_map_as_the_plain_text(tmp_path: Path) -> None:
    assert_same_as_plain(tmp_path, "record.xml", TEI)


def test_jats_same_map_as_the_plain_text(tmp_path: Path) -> None:
    assert_same_as_plain(tmp_path, "paper.xml", JATS)


SITTING = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="Sitting-1">
 <teiHeader><fileDesc><titleStmt><title type="main">Sitting of 1 May</title></titleStmt></fileDesc>
  <profileDesc><particDesc>
   <listOrg><org xml:id="party.G"><orgName>Green Party</orgName></org></listOrg>
   <listPerson>
    <person xml:id="AnnLee"><persName><surname>Lee</surname><forename>Ann</forename></persName>
      <affiliation ref="#party.G" role="member"/></person>
    <person xml:id="BoChen"><persName>Bo Chen</persName><affiliation>Independent</affiliation></person>
   </listPerson></particDesc></profileDesc>
 </teiHeader>
 <text><body>
  <div type="debateSection">
   <head>Water Bill</head>
   <note type="speaker">Second reading</note>
   <u who="#AnnLee" ana="#chair"><seg>The bill should pass today.</seg>
     <note type="comment">(Laughter)</note><seg>It has waited long enough.</seg></u>
   <u who="#BoChen"><seg>I disagree <kinesic><desc>points at the clock</desc></kinesic>with the timing.</seg></u>
   <u who="#Nobody"><seg>An unlisted speaker.</seg></u>
   <div><head>Amendments</head><u who="#AnnLee"><seg>Amendment one is withdrawn.</seg></u></div>
  </div>
 </body></text>
</TEI>
"""


def test_tei_turns_labels_notes_and_roster(tmp_path: Path) -> None:
    doc = ingest.load(write(tmp_path, "sitting.xml", SITTING))
    assert doc.format == "tei" and doc.title == "Sitting of 1 May"
    lay = doc.layout
    turns = [b for b in lay.blocks if b.kind == "turn"]
    assert [(doc.text[b.label[0] : b.label[1]], b.speaker) for b in turns] == [  # type: ignore[index]
        ("Ann Lee:", "#AnnLee"),
        ("Bo Chen:", "#BoChen"),
        ("Nobody:", "#Nobody"),
        ("Ann Lee:", "#AnnLee"),
    ]
    assert doc.text[turns[0].start : turns[0].end] == (
        "Ann Lee: The bill should pass today.\n\nIt has waited long enough."
    )
    assert doc.text[turns[1].start : turns[1].end] == "Bo Chen: I disagree with the timing."
    # notes are never inside a turn: separate footnote blocks, after the turn they interrupted
    notes = [doc.text[b.start : b.end] for b in lay.blocks if b.kind == "footnote"]
    assert notes == ["Second reading", "(Laughter)", "(points at the clock)"]
    for n in [b for b in lay.blocks if b.kind == "footnote"]:
        assert not any(t.start <= n.start < t.end for t in turns)
    heads = [(doc.text[b.start : b.end], b.level) for b in lay.blocks if b.kind == "heading"]
    assert heads == [("Water Bill", 1), ("Amendments", 2)]
    assert [(r.name, r.affiliation, r.key, r.kind) for r in lay.roster] == [
        ("Ann Lee", "Green Party", "#AnnLee", "person"),
        ("Bo Chen", "Independent", "#BoChen", "person"),
    ]
    st = structure(doc)
    assert [t.speaker for t in st.turns] == ["#AnnLee", "#BoChen", "#Nobody", "#AnnLee"]
    assert [t.title for t in st.themes] == ["Water Bill", "Amendments"]
    assert st.themes[1].parent == st.themes[0].id
    # the header is metadata, never text
    assert "Green Party" not in doc.text and "Sitting of 1 May" not in doc.text


def test_tei_speech_with_speaker_element(tmp_path: Path) -> None:
    play = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        '<sp who="#q"><speaker>QUESTIONER</speaker><p>Where were you?</p></sp>'
        "<sp><speaker>WITNESS</speaker><p>At home.</p><stage>(pause)</stage></sp>"
        "</body></text></TEI>"
    )
    doc = ingest.load(write(tmp_path, "play.tei", play))
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [doc.text[b.start : b.end] for b in turns] == ["QUESTIONER: Where were you?", "WITNESS: At home."]
    assert [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "footnote"] == ["(pause)"]
    assert [b.speaker for b in turns] == ["#q", "WITNESS"]
    assert any("no listPerson" in n for n in doc.layout.notes)


def test_tei_title_page_is_front_and_gives_the_title(tmp_path: Path) -> None:
    xml = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><front><docTitle><titlePart>Hearing on water'
        "</titlePart></docTitle><docDate>1 May 1990</docDate></front><body><div><head>Opening</head>"
        "<p>The chair opened the hearing at ten.</p></div></body><back><p>Index of names.</p></back></text></TEI>"
    )
    doc = ingest.load(write(tmp_path, "front.xml", xml))
    assert doc.title == "Hearing on water, 1 May 1990"
    got = [(b.kind, doc.text[b.start : b.end]) for b in doc.layout.blocks]
    assert got == [
        ("front", "Hearing on water"),
        ("front", "1 May 1990"),
        ("heading", "Opening"),
        ("paragraph", "The chair opened the hearing at ten."),
        ("front", "Index of names."),
    ]


def test_tei_roster_from_the_metadata_table_beside_it(tmp_path: Path) -> None:
    body = SITTING.split("<teiHeader>")[0] + "<text>" + SITTING.split("<text>")[1]
    xml = write(tmp_path, "S-1.xml", body)
    assert ingest.load(xml).layout.roster == ()  # no listPerson, no table: ids only
    (tmp_path / "S-1-meta-en.tsv").write_text(
        "Text_ID\tID\tSpeaker_party_name\tSpeaker_ID\tSpeaker_name\n"
        "S-1\tS-1.u1\tGreen Party\tAnnLee\tLee, Ann\n"
        "S-1\tS-1.u2\t-\tBoChen\tBo Chen\n"
        "S-1\tS-1.u4\tGreen Party\tAnnLee\tLee, Ann\n",
        encoding="utf-8",
    )
    doc = ingest.load(xml)
    assert [(r.name, r.affiliation, r.key, r.aliases) for r in doc.layout.roster] == [
        ("Ann Lee", "Green Party", "#AnnLee", ("Lee, Ann",)),
        ("Bo Chen", None, "#BoChen", ()),
    ]
    assert doc.text.startswith("Water Bill") and "Ann Lee: The bill" in doc.text
    # bytes with no path to look beside: no table, still read
    assert ingest.load_bytes(xml.read_bytes(), source="<bytes>").layout.roster == ()


PAPER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.1 20151215//EN" "JATS-archivearticle1.dtd">
<article article-type="research-article" dtd-version="1.1" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML">
 <front><article-meta><title-group><article-title>Rivers and rights</article-title></title-group>
  <contrib-group><contrib><name><surname>Writer</surname><given-names>A</given-names></name></contrib></contrib-group>
  <abstract><p>We review the debate.</p></abstract></article-meta></front>
 <body>
  <sec id="s1"><title>Background</title>
   <p>Allocation by markets was first proposed long ago (<xref ref-type="bibr" rid="bib1">Smith, 2003</xref>; <xref ref-type="bibr" rid="bib2 bib3">Jones and Lee, 2005a, 2005b</xref>) and the formula <inline-formula><mml:math><mml:mi>x</mml:mi></mml:math></inline-formula> is known.</p>
   <sec id="s1-1"><title>Earlier work</title><p>Prices rise in droughts, as <xref ref-type="bibr" rid="bib4">Okafor et al. (2012)</xref> found; see <xref ref-type="fig" rid="f1">Figure 1</xref>.</p>
    <fig id="f1"><label>Figure 1.</label><caption><title>A river.</title><p>Flow by month.</p></caption><graphic xlink:href="f1.tif"/></fig>
   </sec>
  </sec>
  <sec id="s2"><title>Discussion</title><disp-quote><p>Water is a right.</p></disp-quote>
   <list list-type="bullet"><list-item><p>First point.</p></list-item></list></sec>
 </body>
 <back><fn-group><fn id="fn1"><p>No competing interests.</p></fn></fn-group>
  <ref-list><title>References</title>
   <ref id="bib1"><element-citation><person-group person-group-type="author"><name><surname>Smith</surname><given-names>J</given-names></name></person-group><year>2003</year><article-title>Markets for water</article-title></element-citation></ref>
   <ref id="bib2"><element-citation><person-group person-group-type="author"><name><surname>Jones</surname></name><name><surname>Lee</surname></name></person-group><year>2005a</year><article-title>Rights</article-title></element-citation></ref>
   <ref id="bib3"><element-citation><person-group person-group-type="author"><name><surname>Jones</surname></name><name><surname>Lee</surname></name></person-group><year>2005b</year><article-title>More rights</article-title></element-citation></ref>
   <ref id="bib4"><element-citation><person-group person-group-type="author"><name><surname>Okafor</surname></name><name><surname>Ng</surname></name><etal/></person-group><year>2012</year><article-title>Droughts</article-title></element-citation></ref>
   <ref id="bib5"><element-citation><person-group person-group-type="author"><collab>World Water Council</collab></person-group><year>2010</year></element-citation></ref>
  </ref-list></back>
</article>
"""


def test_jats_sections_citations_and_works(tmp_path: Path) -> None:
    doc = ingest.load(write(tmp_path, "paper.xml", PAPER))
    assert doc.format == "jats" and doc.title == "Rivers and rights"
    lay = doc.layout
    by = [(b.kind, b.level, doc.text[b.start : b.end]) for b in lay.blocks]
    assert ("heading", 1, "Background") in by and ("heading", 2, "Earlier work") in by
    assert ("heading", 1, "Discussion") in by
    assert ("front", 0, "Rivers and rights") in by and ("front", 0, "We review the debate.") in by
    assert ("caption", 0, "A river.") in by and ("caption", 0, "Flow by month.") in by
    assert ("quote", 0, "Water is a right.") in by and ("list_item", 1, "First point.") in by
    assert ("footnote", 0, "No competing interests.") in by
    assert "Writer" not in doc.text and "mml" not in doc.text and "f1.tif" not in doc.text
    assert "Figure 1. A river" not in doc.text  # a figure's label is not its caption
    cites = [(doc.text[c.start : c.end], c.keys) for c in lay.citations]
    assert cites == [
        ("Smith, 2003", ("bib1",)),
        ("Jones and Lee, 2005a, 2005b", ("bib2", "bib3")),
        ("Okafor et al. (2012)", ("bib4",)),
    ]
    works = {r.key: r for r in lay.roster}
    assert [(r.name, r.kind) for r in lay.roster] == [
        ("Smith 2003", "work"),
        ("Jones and Lee 2005a", "work"),
        ("Jones and Lee 2005b", "work"),
        ("Okafor et al. 2012", "work"),
        ("World Water Council 2010", "work"),
    ]
    assert {"Smith, 2003", "Smith"} <= set(works["bib1"].aliases)
    assert {"Jones and Lee, 2005a", "Jones & Lee 2005a", "Jones", "Lee"} <= set(works["bib2"].aliases)
    assert {"Okafor et al., 2012", "Okafor et al.", "Okafor", "Ng"} <= set(works["bib4"].aliases)
    # the reference list is written after the body as footnotes, each work pointing at its entry
    for r in lay.roster:
        s, e = r.span  # type: ignore[misc]
        entry = next(b for b in lay.blocks if b.start == s)
        assert entry.kind == "footnote" and doc.text[s:e].startswith(r.name.split()[0])
    st = structure(doc)
    body = " ".join(doc.text[p.start : p.end] for p in st.paragraphs)
    assert "Markets for water" not in body and "References" not in body
    assert [t.title for t in st.themes] == ["Background", "Earlier work", "Discussion"]


def test_jats_sub_articles_follow_the_body_once(tmp_path: Path) -> None:
    xml = (
        '<article dtd-version="1.1"><front><article-meta><title-group><article-title>Main</article-title>'
        "</title-group></article-meta></front><body><p>Main body.</p></body>"
        '<sub-article article-type="decision-letter"><front-stub><title-group><article-title>Decision letter'
        "</article-title></title-group></front-stub><body><p>The reviewers asked for more data.</p></body>"
        '<sub-article article-type="reply"><front-stub><title-group><article-title>Author response'
        "</article-title></title-group></front-stub><body><p>We added the data.</p></body></sub-article>"
        "</sub-article></article>"
    )
    doc = ingest.load(write(tmp_path, "sub.xml", xml))
    got = [(b.kind, doc.text[b.start : b.end]) for b in doc.layout.blocks]
    assert got == [
        ("front", "Main"),
        ("paragraph", "Main body."),
        ("heading", "Decision letter"),
        ("paragraph", "The reviewers asked for more data."),
        ("heading", "Author response"),
        ("paragraph", "We added the data."),
    ]


@pytest.mark.parametrize(
    ("data", "tei", "jats"),
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0">', True, False),
        (b"<teiCorpus xmlns='http://www.tei-c.org/ns/1.0'>", True, False),
        (
            b'<?xml version="1.0"?><!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96)//EN" "x.dtd"><article>',
            False,
            True,
        ),
        (b'<article dtd-version="1.2" xmlns:xlink="http://www.w3.org/1999/xlink">', False, True),
        (b"<html><body><article><p>A blog post.</p></article></body></html>", False, False),
        (b"<doc><quote>&lt;TEI&gt; in text</quote><TEI/></doc>", False, False),
        (
            b"<!DOCTYPE html><html><body><article>About JATS and dtd-version</article></body></html>",
            False,
            False,
        ),
    ],
)
def test_sniff(data: bytes, tei: bool, jats: bool) -> None:
    assert tei_reader.sniff(data) is tei
    assert jats_reader.sniff(data) is jats


# ------------------------------------------------------------------------------------- untrusted XML

BOMB = """<?xml version="1.0"?>
<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>
"""


def test_billion_laughs_is_refused_in_one_line(tmp_path: Path) -> None:
    p = write(tmp_path, "bomb.xml", BOMB)
    t0 = time.perf_counter()
    with pytest.raises(InputError, match=r"bomb\.xml: declares XML entities in its DOCTYPE; refused") as exc:
        ingest.load(p)
    assert "\n" not in str(exc.value)
    assert time.perf_counter() - t0 < 5  # refused before any expansion (a bound, not a benchmark)


def test_an_external_entity_to_a_local_file_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    for fmt, root in (("tei", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&xxe;</p></body></text></TEI>'),
                      ("jats", '<article dtd-version="1.1"><body><p>&xxe;</p></body></article>')):  # fmt: skip
        xml = f'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>\n{root}\n'
        p = write(tmp_path, f"xxe-{fmt}.xml", xml)
        with pytest.raises(InputError, match="declares XML entities"):
            ingest.load(p)
        with pytest.raises(InputError, match="declares XML entities"):
            ingest.load(p, fmt=fmt)


def test_an_external_dtd_is_not_loaded_and_its_entities_stay_unread(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "TOPSECRET-FROM-DTD">', encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{dtd}">\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>Before &secret; after, and &nbsp;&eacute;t&eacute;.</p>'
        "</body></text></TEI>"
    )
    doc = ingest.load(write(tmp_path, "ext.xml", xml))
    assert "TOPSECRET" not in doc.text
    assert doc.text == "Before after, and été."  # undeclared HTML entities read by name, others dropped


@pytest.mark.parametrize(
    "xml",
    [
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>unclosed</body></text></TEI>',
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a &amp b</p></body></text></TEI>',
        '<article dtd-version="1.1"><body><p>x</p></body>',
    ],
)
def test_malformed_xml_is_one_line(tmp_path: Path, xml: str) -> None:
    p = write(tmp_path, "bad.xml", xml)
    with pytest.raises(InputError, match=r"bad\.xml: is not well-formed XML \(") as exc:
        ingest.load(p)
    assert "\n" not in str(exc.value)


def test_xml_past_the_parser_bounds_is_refused_not_truncated(tmp_path: Path) -> None:
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{}</body></text></TEI>'
    deep = write(tmp_path, "deep.xml", tei.format("<div>" * 300 + "<p>x</p>" + "</div>" * 300))
    with pytest.raises(InputError, match=r"deep\.xml: is over the XML parser's bounds \(Excessive depth"):
        ingest.load(deep)
    long = write(tmp_path, "long.xml", tei.format("<p>" + "word " * 2_100_000 + "</p>"))
    with pytest.raises(InputError, match=r"long\.xml: is over the XML parser's bounds \(Resource limit"):
        ingest.load(long)


def test_cli_bad_xml_exit_1_store_untouched_batch_goes_on(tmp_path: Path) -> None:
    runner = CliRunner()
    good = write(tmp_path, "good.xml", TEI)
    bomb = write(tmp_path, "bomb.xml", BOMB)
    broken = write(tmp_path, "broken.xml", '<article dtd-version="1.1"><body><p>x</body></article>')
    db = tmp_path / "m.db"
    assert runner.invoke(app, ["map", str(good), "--db", str(db)]).exit_code == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for bad, reason in ((bomb, "declares XML entities"), (broken, "not well-formed XML")):
        res = runner.invoke(app, ["map", str(bad), "--db", str(db)])
        assert res.exit_code == 1
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0], res.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    db2 = tmp_path / "b.db"
    res = runner.invoke(app, ["map", str(bomb), str(broken), str(good), "--db", str(db2)])
    assert res.exit_code == 1 and "bomb.xml" in res.stderr and "broken.xml" in res.stderr
    who = runner.invoke(app, ["who", "Cohen", "--db", str(db2)])
    assert who.exit_code == 0 and "Tariffs should rise" in who.stdout


# --------------------------------------------------------------------------------------------- corpus


def test_parlamint_sitting(corpus: Path) -> None:
    path = corpus / "parlamint-gb" / "ParlaMint-GB_2020-02-12-lords.xml"
    doc = ingest.load(path)
    assert doc.format == "tei"
    turns = [b for b in doc.layout.blocks if b.kind == "turn"]
    assert [b.speaker for b in turns] == ["#PeterFowler", "#JamesTouhig", "#LeslieGriffiths", "#DianaBarran"]
    for b in turns:
        label = doc.text[b.label[0] : b.label[1]]  # type: ignore[index]
        assert label.endswith(":") and doc.text[b.start : b.end].startswith(label)
    assert [doc.text[b.label[0] : b.label[1]] for b in turns][3] == "Diana Barran:"  # type: ignore[index]
    roster = {r.key: r for r in doc.layout.roster}
    assert len(roster) == 4 and roster["#DianaBarran"].affiliation == "Conservative"
    notes = [doc.text[b.start : b.end] for b in doc.layout.blocks if b.kind == "footnote"]
    assert "House adjourned at 8.20 pm." in notes
    for b in turns:  # no note inside a speaker's turn
        assert "House adjourned" not in doc.text[b.start : b.end]
    assert "ParlaMint is a project" not in doc.text  # the header is not text
    m = map_document(path)
    assert [t.title for t in m.themes] == [
        "Retirement of a Member: Lord Elystan-Morgan",
        "Disability Employment Gap",
    ]
    assert len([p for p in m.participants if p.in_roster]) == 4


def test_elife_features(corpus: Path) -> None:
    for name, n_cites in (("elife00240.xml", 8), ("elife00351.xml", 7)):
        doc = ingest.load(corpus / "elife-xml" / name)
        assert doc.format == "jats"
        lay = doc.layout
        assert len(lay.citations) == n_cites
        keys = {r.key for r in lay.roster}
        assert len(lay.roster) == 7 and all(r.kind == "work" for r in lay.roster)
        for c in lay.citations:
            cited = doc.text[c.start : c.end]
            assert set(c.keys) <= keys
            work = next(r for r in lay.roster if r.key == c.keys[0])
            assert cited.split()[0].rstrip(",") == work.name.split()[0]  # "Eyding et al., 2010" -> Eyding
        st = structure(doc)
        body = "\n".join(doc.text[p.start : p.end] for p in st.paragraphs)
        for r in lay.roster:  # the reference entries are not body
            s, e = r.span  # type: ignore[misc]
            assert doc.text[s:e] not in body
        assert "eLife Sciences Publications" not in doc.text  # journal metadata is not text


def test_other_xml_is_refused_not_read_as_prose(tmp_path: Path) -> None:
    feed = write(
        tmp_path,
        "feed.xml",
        '<?xml version="1.0"?>\n<rss><channel><title>News (Abel)</title></channel></rss>\n',
    )
    with pytest.raises(
        InputError, match=r"feed\.xml: is XML with root <rss>, not a dialect rapporteur reads"
    ):
        ingest.load(feed)
    assert "News (Abel)" in ingest.load(feed, fmt="text").text  # the way out, on request
    assert ingest.load(write(tmp_path, "t.xml", TEI)).format == "tei"  # a dialect still reaches its reader
    assert ingest.detect(b'<?xml version="1.0"?><!DOCTYPE html><html><body><p>x</p></body></html>') == "html"
    broken = write(tmp_path, "broken-feed.xml", '<?xml version="1.0"?>\n<rss><channel></rss>\n')
    with pytest.raises(InputError, match="is not well-formed XML"):
        ingest.load(broken)
