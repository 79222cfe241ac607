"""One small record written in every markup format the readers know, with the same words as a plain
text version: parenthetical attributions "(Abel, Baker)", an exception, three sections and a trailing
Participants roster. Each reader's test maps its version and compares it with the plain text's map
(the claims, who holds them, their themes, the participants), so a reader that loses or adds anything
is caught. Written for these tests; nothing here is from the corpus."""

from __future__ import annotations

from pathlib import Path

TITLE = "Workshop on River Basins"
S1 = "The workshop met for two days to discuss the future of the river basin and its many users over time."
S2 = (
    "Water should be shared between the upstream farms and the city by a formula agreed in advance (Abel, Baker). "
    "Tariffs should rise in dry years so that the city pays for the scarcity it creates (Cohen)."
)
S3 = "A basin authority was proposed by several speakers who wanted one body to decide on allocation (Baker)."
S4 = "With the exception of (Cohen), everyone backed a single permit register for all wells in the basin."
PEOPLE = [
    ("Anna Abel", "River Institute"),
    ("Ben Baker", "City Water Board"),
    ("Cara Cohen", "Farmers Union"),
]
ROSTER_LINES = "\n".join(f"{n}, {a}" for n, a in PEOPLE)

PLAIN = f"""{TITLE}

Introduction

{S1}

Allocation

{S2}

Governance

{S3} {S4}

Participants

{ROSTER_LINES}
"""

MARKDOWN = f"""---
title: {TITLE}
---

## Introduction

{S1}

## Allocation

{S2}

## Governance

{S3} {S4}

## Participants

{ROSTER_LINES}
"""

RST = f"""{"=" * len(TITLE)}
{TITLE}
{"=" * len(TITLE)}

Introduction
============

{S1}

Allocation
==========

{S2}

Governance
==========

{S3} {S4}

Participants
============

{ROSTER_LINES}
"""

HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}</title>
<script>document.write("(Mallory) injected text");</script><style>p {{ color: red }}</style></head>
<body>
<nav><a href="/">Home (Nav Person)</a></nav>
<h2>Introduction</h2>
<p>{S1}</p>
<h2>Allocation</h2>
<p>{S2.replace("(Cohen)", "(<em>Cohen</em>)")}</p>
<h2>Governance</h2>
<p>{S3}
{S4}</p>
<h2>Participants</h2>
<ul>{"".join(f"<li>{n}, {a}</li>" for n, a in PEOPLE)}</ul>
<footer>Copyright (Site Owner)</footer>
</body></html>
"""

TEI = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>{TITLE}</title></titleStmt></fileDesc>
<profileDesc><particDesc><listPerson>
{"".join(f'<person xml:id="p{i}"><persName><forename>{n.split()[0]}</forename><surname>{n.split()[1]}</surname></persName><affiliation>{a}</affiliation></person>' for i, (n, a) in enumerate(PEOPLE))}
</listPerson></particDesc></profileDesc></teiHeader>
<text><body>
<div><head>Introduction</head><p>{S1}</p></div>
<div><head>Allocation</head><p>{S2}</p><note>(Applause)</note></div>
<div><head>Governance</head><p>{S3} {S4}</p></div>
</body></text></TEI>
"""

JATS = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.1 20151215//EN" "JATS-archivearticle1.dtd">
<article dtd-version="1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
<front><article-meta><title-group><article-title>{TITLE}</article-title></title-group>
<abstract><p>An abstract that is front matter (Nobody).</p></abstract></article-meta></front>
<body>
<sec><title>Introduction</title><p>{S1}</p></sec>
<sec><title>Allocation</title><p>{S2}</p></sec>
<sec><title>Governance</title><p>{S3} {S4}</p></sec>
<sec><title>Participants</title><list list-type="simple">{"".join(f"<list-item><p>{n}, {a}</p></list-item>" for n, a in PEOPLE)}</list></sec>
</body>
</article>
"""


def write(tmp: Path, name: str, content: str) -> Path:
    p = tmp / name
    p.write_text(content, encoding="utf-8")
    return p


def summary(m) -> tuple:
    """What must agree across formats: claim texts with their holders (name, polarity) and theme
    titles, and the participants with their affiliations."""
    people = {p.id: p for p in m.participants}
    themes = {t.id: t.title for t in m.themes}
    claims = tuple(
        (
            c.text,
            tuple((people[a.participant].name, a.polarity) for a in c.attributions),
            themes.get(c.theme or ""),
        )
        for c in m.claims
    )
    parts = tuple(sorted((p.name, p.affiliation, p.in_roster) for p in m.participants))
    return claims, parts, tuple(sorted(themes.values()))


def assert_same_as_plain(tmp: Path, name: str, content: str) -> None:
    from rapporteur.pipeline import map_document

    plain = map_document(write(tmp, "plain.txt", PLAIN))
    other = map_document(write(tmp, name, content))
    want, got = summary(plain), summary(other)
    assert len(want[0]) == 4, want  # the plain text gives what the fixture was written for
    assert got == want
    doc = other.documents[0]
    for c in other.claims:
        assert doc.text[c.start : c.end] == c.text
        for a in c.attributions:
            assert doc.text[a.marker.start : a.marker.end] == a.marker.text
