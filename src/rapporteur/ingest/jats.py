"""The JATS reader: journal articles (eLife, PubMed Central) with sections, citations and references.

``<sec>`` titles are headings at their nesting depth (so sections become themes), ``<p>`` paragraphs,
``<list-item>`` list items, ``<disp-quote>`` quotes, figure and table captions captions, table rows
one block each. The article title and abstract are ``front`` (kept out of the body); sub-articles
(an eLife decision letter, the authors' response) are read after the body, their titles as headings.

An in-text citation ``<xref ref-type="bibr" rid="bib3">Eyding et al., 2010</xref>`` is a
``Citation`` over its text in the extracted text, keyed by the ``rid``s. Every ``ref-list`` entry is a
``RosterHint`` of kind ``work``, keyed by its id and named author-year ("Eyding et al. 2010",
"Begley and Ellis 2012", "Royal Society 2009"), with the authors' surnames and the other author-year
spellings as aliases; the reference list itself is written after the body as ``footnote`` blocks (never
mined as the article's own voice), each hint pointing at its entry.
"""

from __future__ import annotations

from rapporteur import _regex as re
from rapporteur.ingest._blocks import TextBuilder, normalize, split_roster
from rapporteur.ingest._xml import attr, events, local, parse, root_name
from rapporteur.ingest.reader import Extracted
from rapporteur.layout import Citation, Layout, RosterHint

FORMAT = "jats"
SUFFIXES = (".nxml", ".jats")
PRIORITY = 110
BINARY = False
SNIFF_NEEDS = (b"<",)  # sniff claims only bytes holding one of these: an element

_MARKERS = re.compile(rb"JATS|-//NLM//|dtd-version=|xmlns:mml=|jats", re.I)
_DROP = {
    "ref-list", "fn-group", "ack", "app-group", "glossary", "journal-meta", "contrib-group", "aff",
    "author-notes", "pub-date", "history", "permissions", "kwd-group", "funding-group",
    "custom-meta-group", "article-categories", "article-id", "self-uri", "related-article",
    "math", "tex-math", "inline-formula", "disp-formula", "graphic", "inline-graphic", "media",
    "supplementary-material", "object-id", "label", "alternatives", "elocation-id", "volume",
    "issue", "fpage", "lpage", "counts", "funding-statement", "notes", "processing-meta",
}  # fmt: skip
_BLOCK = {"p", "title", "list-item", "disp-quote", "caption", "tr", "def-item", "term", "def", "boxed-text"}


def sniff(data: bytes) -> bool:
    """An ``<article>`` root with a JATS or NLM doctype, a ``dtd-version`` or the MathML namespace."""
    return root_name(data) == "article" and _MARKERS.search(data[:8192]) is not None


def _surnames(ref) -> tuple[list[str], bool, str | None]:
    """The first author group's surnames (or collaboration names), whether it says "et al.", and
    the year."""
    names: list[str] = []
    etal = False
    groups = [g for g in ref.iter("{*}person-group") if g.get("person-group-type", "author") == "author"]
    scope = groups[0] if groups else ref
    for el in scope.iter():
        tag = local(el.tag)
        if tag in {"name", "string-name"}:
            sur = next((normalize(s.text or "") for s in el.iter("{*}surname")), "")
            if sur:
                names.append(sur)
        elif tag == "collab":
            name = normalize(" ".join(el.itertext()))
            if name:
                names.append(name)
        elif tag == "etal":
            etal = True
    year = next((normalize("".join(y.itertext())) for y in ref.iter("{*}year")), None)
    if year:
        m = re.search(r"\d{4}[a-z]?", year)
        year = m.group(0) if m else None
    return names, etal, year


def _work(ref) -> RosterHint | None:
    rid = attr(ref, "id")
    names, etal, year = _surnames(ref)
    if not rid or not names:
        return None
    first = names[0]
    if len(names) == 1 and not etal:
        who = first
    elif len(names) == 2 and not etal:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{first} et al."
    name = f"{who} {year}" if year else who
    aliases = [f"{who}, {year}"] if year else []
    if len(names) == 2 and not etal:
        aliases += [f"{names[0]} & {names[1]}" + (f" {year}" if year else "")]
    aliases += [who, *names]
    aliases = [a for a in dict.fromkeys(aliases) if a != name]
    return RosterHint(name, None, tuple(aliases), "work", rid)


class _Walker:
    def __init__(self) -> None:
        self.b = TextBuilder()
        self.citations: list[Citation] = []
        self.stack: list[str] = []  # open elements' local names
        self.sec_depth = 0

    def kind(self) -> tuple[str, int]:
        for tag in reversed(self.stack):
            if tag == "title":
                parent = self._parent_of("title")
                if parent in {"sec", "sub-article-title"}:
                    return "heading", max(self.sec_depth, 1)
                if parent in {"caption"}:
                    return "caption", 0
                return "heading", max(self.sec_depth, 1)
            if tag == "list-item":
                return "list_item", sum(1 for t in self.stack if t == "list")
            if tag == "disp-quote":
                return "quote", 0
            if tag == "caption":
                return "caption", 0
            if tag == "tr":
                return "table_row", 0
        return "paragraph", 0

    def _parent_of(self, tag: str) -> str | None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i] == tag:
                return self.stack[i - 1]
        return None

    def walk(self, el, front: bool = False) -> None:
        b = self.b
        pending: tuple[int, tuple[str, ...]] | None = None  # an open bibr xref: (start, keys)
        for ev, item in events(el, skip=lambda e: local(e.tag) in _DROP):
            if ev == "text":
                span = b.write(item)  # type: ignore[arg-type]
                if pending is not None and span is not None and pending[0] < 0:
                    pending = (span[0], pending[1])
                continue
            tag = local(item.tag)  # type: ignore[union-attr]
            if ev == "start":
                self.stack.append(tag)
                if tag in {"sec", "sub-article"}:
                    self.sec_depth += 1
                    b.close()
                elif tag in _BLOCK:
                    if tag in {"def", "term"} and self._within("def-item") and not b.empty:
                        b.write(": " if tag == "def" else " ")
                        continue
                    kind, level = ("front", 0) if front else self.kind()
                    b.open(kind, level)  # type: ignore[arg-type]
                elif tag in {"td", "th"} and not b.empty:
                    b.write(" | ")
                elif tag == "break":
                    b.newline()
                elif tag == "xref" and item.get("ref-type") == "bibr":  # type: ignore[union-attr]
                    keys = tuple((item.get("rid") or "").split())  # type: ignore[union-attr]
                    pending = (-1, keys) if keys else None
                continue
            if self.stack:
                self.stack.pop()
            if tag == "xref" and pending is not None:
                if 0 <= pending[0] < b.length:
                    self.citations.append(Citation(pending[0], b.length, pending[1]))
                pending = None
            elif tag in {"sec", "sub-article"}:
                self.sec_depth -= 1
                b.close()
            elif tag in _BLOCK and not (tag in {"def", "term"} and self._within("def-item")):
                b.close()
                if self.stack and self.stack[-1] in _BLOCK and not front:
                    kind, level = self.kind()
                    b.open(kind, level)  # type: ignore[arg-type]  # the rest of the enclosing block

    def _within(self, tag: str) -> bool:
        return tag in self.stack


def _owner(el):
    """The nearest ``sub-article`` around ``el``, or None for the article itself."""
    return next((a for a in el.iterancestors() if local(a.tag) == "sub-article"), None)


def read(data: bytes, source: str) -> Extracted:
    root = parse(data, source)
    w = _Walker()
    b = w.b
    meta = next(root.iter("{*}article-meta"), None)
    title = None
    if meta is not None:
        t = next(meta.iter("{*}article-title"), None)
        if t is not None:
            title = normalize(" ".join(t.itertext())) or None
            b.open("front")
            b.write(title or "")
        for abstract in meta.iter("{*}abstract"):
            w.walk(abstract, front=True)
        b.close()
    for body in root.iter("{*}body"):
        if _owner(body) is None:
            w.walk(body)
    for sub in root.iter("{*}sub-article"):
        # an eLife decision letter or author response: its title a heading, its body after the article's
        st = next((t for t in sub.iter("{*}article-title") if _owner(t) is sub), None)
        if st is not None:
            b.open("heading", 1)
            b.write(" ".join(st.itertext()))
            b.close()
        for body in sub.iter("{*}body"):
            if _owner(body) is sub:
                w.walk(body)
    b.close()
    for fn in root.iter("{*}fn"):
        if any(local(a.tag) == "fn-group" for a in fn.iterancestors()):
            b.open("footnote")
            b.write(" ".join(fn.itertext()))
    roster: list[RosterHint] = []
    for ref in root.iter("{*}ref"):
        hint = _work(ref)
        b.open("footnote")
        span = b.write(" ".join(ref.itertext()))
        b.close()
        if hint is not None:
            roster.append(RosterHint(hint.name, None, hint.aliases, "work", hint.key, span))
    text = b.text()
    blocks, people = split_roster(text, b.blocks)  # a participants section, as in a workshop report
    lay = Layout(tuple(blocks), (*people, *roster), tuple(w.citations), title=title)
    return Extracted(text, lay, "utf-8")
