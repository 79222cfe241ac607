"""The rapporteur's report: the short report (views per theme, the main disagreement, exceptions as
exceptions) is at most a third of its record and every quotation in it is the exact source span its
footnote gives; the full report (``full=True``) still lists every claim with its proponents; every
participant with claims appears with their affiliation, and document text can never become markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from rapporteur.model import Attribution, Claim, Document, Map, Participant, Relation, Span, Stance, Theme
from rapporteur.render.report import md_escape, report

FOOTNOTE = re.compile(r"^\[\^([A-Za-z0-9_-]+)\]: (\S+): .*?, characters (\d+)–(\d+)", re.M)
CITE = re.compile(r"\[\^([A-Za-z0-9_-]+)\](?!:)")


def synthetic() -> Map:
    """A tiny map with relations and stances, so the clash and agreement paths are exercised."""
    text = (
        "# Causes\n\nThe crisis came from mismanagement (Smith, Jones). But others argued that the model "
        "itself was unworkable (Brown). Was the plan coherent at all? (Jones) Some qualified this: the "
        "context mattered (Lee).\n"
    )

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    doc = Document("d1", text, "t.md", "Test record", "markdown", "0" * 64)
    people = (
        Participant("p1", "Ann Smith", "Univ. A", ("Smith",)),
        Participant("p2", "Bob Jones", "Univ. B", ("Jones",)),
        Participant("p3", "Cy Brown", None, ("Brown",)),
        Participant("p4", "Di Lee", "Inst. D", ("Lee",)),
        Participant("p5", "Silent Person", "Nowhere"),
    )
    theme = Theme("t1", "d1", "Causes", None, *span("Causes"))

    def claim(cid: str, words: str, kind: str, marker: str, who: list[str]) -> Claim:
        s, e = span(words)
        ms, me = span(marker)
        atts = tuple(Attribution(p, "holds", Span(ms, me, marker)) for p in who)
        return Claim(cid, "d1", s, e, words, "t1", kind, atts)  # type: ignore[arg-type]

    claims = (
        claim("c1", "The crisis came from mismanagement", "claim", "(Smith, Jones)", ["p1", "p2"]),
        claim("c2", "the model itself was unworkable", "claim", "(Brown)", ["p3"]),
        claim("c3", "Was the plan coherent at all?", "question", "(Jones)", ["p2"]),
        claim("c4", "the context mattered", "qualification", "(Lee)", ["p4"]),
    )
    cs, ce = span("But others argued")
    qs, qe = span("Some qualified this")
    relations = (
        Relation("r1", "c2", "c1", "disagree", Span(cs, ce, "But others argued"), 0.9),
        Relation("r2", "c4", "c1", "qualify", Span(qs, qe, "Some qualified this"), 0.8),
    )
    stances = (Stance("p3", "p1", "disagree", ("r1",)), Stance("p3", "p2", "disagree", ("r1",)))
    return Map((doc,), people, (theme,), claims, relations, stances)


def check_md(m: Map, md: str) -> int:
    """Every list item (a sentence) cites at least one claim; every footnote's offsets give the claim's
    text in its document. Returns the number of sentences checked."""
    claims = {c.id: c for c in m.claims}
    docs = {d.id: d for d in m.documents}
    notes = {cid: (int(s), int(e)) for cid, _, s, e in FOOTNOTE.findall(md)}
    body = md.split("\n## Sources\n")[0]
    sentences = [
        line for line in body.splitlines() if line.startswith("- ") and "Notes on the map" not in line
    ]
    notes_part = body.split("## Notes on the map")[-1] if "## Notes on the map" in body else ""
    sentences = [s for s in sentences if s not in notes_part.splitlines()]
    assert sentences
    for line in sentences:
        cites = CITE.findall(line)
        assert cites, f"uncited sentence: {line}"
        for cid in cites:
            c = claims[cid]
            assert notes[cid] == (c.start, c.end)
            assert docs[c.document].text[c.start : c.end] == c.text
    return len(sentences)


def test_synthetic_report_has_clashes_qualifications_and_questions() -> None:
    m = synthetic()
    md = report(m, "md", full=True)
    assert check_md(m, md) >= 6
    assert "**Clashes**" in md and "**Qualifications**" in md and "**Open questions**" in md
    clash = next(line for line in md.splitlines() if " disagreed with " in line)
    assert "**Cy Brown** disagreed with **Ann Smith** and **Bob Jones**" in clash
    assert "“But others argued”" in clash and "[^c2][^c1]" in clash
    assert "**Areas of agreement**" in md and "**Ann Smith** and **Bob Jones** are cited together" in md
    assert "**Areas of disagreement**" in md
    # the participants index: each person with claims, their affiliation, and their stances
    index = md.split("## Participants")[1].split("## Sources")[0]
    for name, aff in (("Ann Smith", "Univ. A"), ("Bob Jones", "Univ. B"), ("Di Lee", "Inst. D")):
        assert f"### {name}\n\n{aff}" in index
    assert "### Cy Brown\n\n*Affiliation not given" in index
    assert "disagrees with **Ann Smith**" in index
    assert "### Silent Person" not in index and "Silent Person (Nowhere)" in index


@pytest.mark.parametrize("full", [False, True])
def test_html_report_links_every_citation_to_its_highlighted_span(full: bool) -> None:
    m = synthetic()
    page = report(m, "html", full=full)

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.hrefs: list[str] = []
            self.ids: dict[str, dict[str, str]] = {}
            self.mark: list[str] = []
            self._in_mark = False
            self._li: str | None = None
            self.marks: dict[str, str] = {}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "a" and a.get("href", "").startswith("#src-"):
                self.hrefs.append(a["href"][1:])
            if "id" in a:
                self.ids[a["id"]] = a
                if a["id"].startswith("src-"):
                    self._li = a["id"]
            if tag == "mark":
                self._in_mark, self.mark = True, []

        def handle_endtag(self, tag: str) -> None:
            if tag == "mark" and self._li:
                self.marks[self._li] = "".join(self.mark)
                self._in_mark = False

        def handle_data(self, data: str) -> None:
            if self._in_mark:
                self.mark.append(data)

    p = Collect()
    p.feed(page)
    assert p.hrefs
    text = m.documents[0].text
    for target in p.hrefs:
        attrs = p.ids[target]
        s, e = int(attrs["data-start"]), int(attrs["data-end"])
        assert p.marks[target] == text[s:e]
    assert "Content-Security-Policy" in page and "<script" not in page


def test_founding_example_full_report(demo_map: Map) -> None:
    m = demo_map
    md = report(m, "md", full=True)
    assert check_md(m, md) >= len(m.claims)
    index = md.split("\n## Participants\n")[1].split("\n## Sources\n")[0]
    cited = {a.participant for c in m.claims for a in c.attributions}
    for p in m.participants:
        if p.id in cited:
            block = index.split(f"### {md_escape(p.name)}\n\n", 1)
            assert len(block) == 2, f"{p.name} missing from the participants index"
            expected = md_escape(p.affiliation) if p.affiliation else "*Affiliation not given"
            assert block[1].startswith(expected)
    # every claim is cited in some sentence of the themes
    body = md.split("\n## Participants\n")[0]
    assert {c.id for c in m.claims} <= set(CITE.findall(body))
    page = report(m, "html", full=True)
    assert page.count('<li id="src-') == len(m.claims)


XSS = '<script>window.__pwned=1</script>"><img src=x onerror=alert(1)>[x](javascript:alert(1))'


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_document_text_never_becomes_markup(fmt: str, full: bool) -> None:
    m = synthetic()
    doc = m.documents[0]
    text = doc.text + XSS
    s = len(doc.text)
    evil_claim = Claim("c9", "d1", s, len(text), XSS, "t1", "claim", (m.claims[0].attributions[0],))
    evil = Map(
        (Document("d1", text, XSS, XSS, "text", "1" * 64),),
        (Participant("p1", XSS, XSS, ()), *m.participants[1:]),
        (Theme("t1", "d1", XSS, None, s, len(text)),),
        (*m.claims, evil_claim),
        m.relations,
        m.stances,
        (XSS,),
    )
    out = report(evil, fmt, full=full)
    if fmt == "html":
        assert "<script" not in out and "<img" not in out
        assert html.escape(XSS, quote=False) in out or "&lt;script&gt;" in out
    else:
        assert not re.search(r"(?<!\\)[<>]", out), "an unescaped angle bracket would be raw HTML"
        assert not re.search(r"(?<!\\)\]\(", out), "an unescaped ]( would be a link"
        assert r"\<script\>" in out
        if full:
            assert r"\[x\](javascript:alert(1))" in out


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        report(synthetic(), "pdf")


# -- the short report -------------------------------------------------------------------------------------

NOTE = re.compile(r"^\[\^(\d+)\]: (\S+), (\d+)–(\d+)\.$", re.M)
QUOTED = re.compile(r"(\*?)“((?:[^”\\]|\\.)*)”\*?\[\^(\d+)\]")


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def check_short(m: Map, md: str) -> dict[str, tuple[int, int]]:
    """Every footnote gives a span of the record; every quotation followed by a citation is that span,
    or its opening words when the quotation is marked shortened; every paragraph of the themes cites."""
    text = m.documents[0].text
    claims = {c.id: c for c in m.claims}
    notes = {n: (what, int(s), int(e)) for n, what, s, e in NOTE.findall(md)}
    assert notes
    for what, s, e in notes.values():
        if what in claims:
            assert (claims[what].start, claims[what].end) == (s, e)
        assert text[s:e]
    body = md.split("\n## Sources\n")[0].split("\n## Notes on the map\n")[0]
    for label, words, n in QUOTED.findall(body):
        _, s, e = notes[n]
        quoted = " ".join(_unescape(words).split())
        span = " ".join(text[s:e].split())
        if label:  # a view's label: the record's words, inside the claim it cites
            assert quoted in span, (quoted, span)
        else:  # a quotation: the cited span, or its opening words
            assert span.startswith(quoted), (quoted, span)
    for para in body.split("\n\n"):
        if para.startswith(("*“", "**", "*Also", "*Questions", "*Not", "- ")):
            assert "[^" in para, f"uncited: {para}"
    return {n: (s, e) for n, (_, s, e) in notes.items()}


def test_short_report_of_synthetic_record() -> None:
    m = synthetic()
    md = report(m, "md")
    check_short(m, md)
    # the map names no cited form here, so the roster's names are used
    assert "**Cy Brown**[^" in md and "disputed it (“But others argued”" in md
    assert "**The main disagreement**: **Ann Smith** and **Bob Jones**" in md
    assert "qualified it (“Some qualified this”" in md
    assert "*Questions raised by* **Bob Jones**" in md
    assert "- **Ann Smith** (Univ. A)" in md and "Silent Person" not in md


def test_founding_example_short_report(demo_map: Map) -> None:
    m = demo_map
    md = report(m, "md")
    record = m.documents[0].text
    assert len(md.encode()) <= len(record.encode()) / 3, "at most a third of the record"
    check_short(m, md)
    # every participant who holds a claim is named in the themes
    body = md.split("\n## What divides most\n")[0]
    for p in {a.participant for c in m.claims for a in c.attributions if a.polarity == "holds"}:
        cited = {a.cited_as for c in m.claims for a in c.attributions if a.participant == p}
        assert any(f"**{md_escape(n)}**" in body for n in cited), p
    # exceptions as exceptions: the sentence that names one says so, and never calls it disagreement
    for c in m.claims:
        for a in c.attributions:
            if a.polarity == "exception":
                line = next(
                    x for x in body.split("\n\n") if f"**{md_escape(a.cited_as)}**" in x and "exception" in x
                )
                sentence = next(s for s in line.split(". ") if "exception" in s)
                assert "disagree" not in sentence and "disput" not in sentence
    assert "disagree" not in md.split("\n## Sources")[0].split("**The main disagreement**")[
        0
    ].lower().replace("vigorously disagreed", "")
    page = report(m, "html")
    assert "@media print" in page and "<script" not in page
