"""Write the speaker-turn gold files from what a reader decided on reading each record.

The judgement is the tables below: which line-start labels of each record are speaker turns (a regex
per record enumerates the lines of the convention that record uses, so no line is skipped by hand),
which person each label names, which labels stand for no one (pseudo-speakers), which labels are
uncertain (scored as either the person or nobody), and which labels name one person (aliases). The
regexes are the reader's, written by looking at the record, not rapporteur's detector. Run from the
repository root with the shared corpus beside it: ``python tests/gold/turns/build_turns_gold.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[3] / "shared" / "corpus"

DOCS: dict[str, dict] = {
    "rust-lang-team/2021-07-21-decision-making-tenets-and-process.md": {
        "note": "Whole file. Turns only in the 'Meeting questions' section (bulleted 'name: text'); the "
        "vignettes before it use fictional personas inside block quotes, which are not turns.",
        "line": r"^\s*[*-]\s+(?P<label>[A-Za-z]+):\s+\S",
        "people": {
            "Felix Klock": ["pnkfelix", "Felix"],
            "Josh Triplett": ["josh", "Josh", "joshtriplett"],
            "Niko Matsakis": ["nikomatsakis", "Niko", "niko"],
            "Mark": ["Mark"],
            "Taylor": ["Taylor"],
            "scottmcm": ["scottmcm"],
        },
    },
    "rust-lang-team/2021-07-28-structural-equality.md": {
        "note": "Whole file. 'name: text' lines (bulleted or not) in the Questions part, and '@handle "
        "wants ...' lines that state a person's position. Line-start '[RalfJ: ...]' interjections and "
        "'### Mark: question' headings are optional (credited to the person if found, not missed if not).",
        "line": r"^\s*(?:[*-]\s+)?(?P<label>[A-Za-z][\w-]*):\s+\S|^(?P<at>@[\w-]+)\s+[a-z]",
        "optional": r"^\[(?P<label>RalfJ):|^###\s+(?P<h>Mark):",
        "people": {
            "Ralf Jung": ["Ralf", "ralf", "RalfJ"],
            "oli-obk": ["@oli-obk", "Oli", "oli-obk"],
            "lcnr": ["@lcnr", "lcnr"],
            "pnkfelix": ["pnkfelix"],
            "nikomatsakis": ["nikomatsakis"],
            "Mark": ["Mark"],
            "Josh": ["Josh"],
        },
        "not_turns": ["Note", "Also", "loophope"],
    },
    "rust-lang-team/2022-08-16-triage.md": {
        "note": "Whole file. Unbulleted 'handle: text' lines; 'ACTION ITEM:' lines and '**Link:**' fields "
        "are prose. The attendance line gives Josh, Felix, Niko, Mark by first name.",
        "line": r"^(?P<label>[a-z][a-z0-9]+):\s+\S",
        "people": {
            "Josh": ["joshtriplett", "Josh"],
            "Niko": ["nikomatsakis", "Niko"],
            "Felix": ["pnkfelix", "Felix"],
            "scottmcm": ["scottmcm"],
            "simulacrum": ["simulacrum"],
        },
        "not_turns": ["title", "tags"],  # the YAML front matter
    },
    "w3c-webextensions-tpac2023/2023-09-12-wecg-tpac.md": {
        "note": "Whole file. Bulleted '[label] text' turns; '[Issue N](url)' links are not turns; the "
        "roster is the numbered 'Full Name (Org)' list. '[rob]' is Rob Wu (the Mozilla engineer and "
        "scribe, by what he says), but the roster also lists Rob Hudson, so 'rob' is ambiguous to a "
        "reader without that knowledge: scored as uncertain. '[Dirk Balfanz?]' is the scribe's guess.",
        "line": r"^\s*\*\s+\[(?P<label>[^\]]+)\](?!\()\s+\S",
        "people": {
            "Devlin Cronin": ["devlin"],
            "Rob Wu": ["rob"],
            "Kiara Rose": ["kiara"],
            "Patrick Kettner": ["patrick"],
            "Tomislav Jovanovic": ["tomislav"],
            "Timothy Hatcher": ["timothy"],
            "Sam Macbeth": ["sam macbeth", "sam"],
            "Oliver Dunk": ["oliver", "ioliver"],
            "Simeon Vincent": ["simeon"],
            "Rew Islam": ["rew"],
            "Tim Cappalli": ["tim cappalli", "tim c"],
            "Carlos Jeurissen": ["carlos"],
            "Nick Steele": ["nick"],
            "Dirk Balfanz": ["Dirk Balfanz?"],
        },
        "joint": {"rob + tomislav": ["Rob Wu", "Tomislav Jovanovic"]},
        "uncertain": ["Dirk Balfanz?", "rob", "rob + tomislav"],
        "pseudo": ["??"],
    },
    "openjs-cpc-coc-2020/2020-02-12-code-of-conduct.md": {
        "note": "Whole file. 'FirstName: text' turns under '### Minutes'; 'All:' is the collective; "
        "'Micheal:' is a misspelt Michael; '>Possible Concern:' quotes are the note-taker's, not turns; "
        "'Present:' is the attendance line; 'Decision:'/'Question:' agenda bullets are prose.",
        "line": r"^(?P<label>[A-Z][a-z]+):\s+\S",
        "people": {
            "Jory Burson": ["Jory"],
            "Michael Dawson": ["Michael", "Micheal"],
            "Naina": ["Naina"],
            "Joe Sepi": ["Joe"],
            "Myles Borins": ["Myles"],
            "Brian": ["Brian"],
            "Anton Molleda": ["Anton"],
            "Eemeli Aro": ["Eemeli"],
            "Robin": ["Robin"],
            "Tobie Langel": ["Tobie"],
        },
        "pseudo": ["All"],
        "not_turns": ["Present"],
    },
    "jsparty-224-debate/js-party-224.md": {
        "note": "Whole file. '**Full Name:** text' paragraphs; '**Break:**' is a pseudo-speaker. Jerod "
        "Santo moderates but is a person with his own turns.",
        "line": r"^\*\*(?P<label>[^*]+):\*\*",
        "people": {
            "Jerod Santo": ["Jerod Santo"],
            "Divya": ["Divya"],
            "Nick Nisi": ["Nick Nisi"],
            "Kevin Ball": ["Kevin Ball"],
        },
        "pseudo": ["Break"],
    },
    "w3c-ccg-2022-02-08/irc.log": {
        "note": "Whole file. The scribe <manu> writes 'nick: text' for the speaker (the inner label is "
        "the turn; an unlabelled scribe line continues the last one, and is not a turn); other nicks' "
        "messages are their own chat turns except IRC bookkeeping (present+, q+, q-, q?, qq+, vq, ack, "
        "s/../../, scribe+, Topic:/Agenda:/Meeting:). Scribe lines whose text is bookkeeping ('q+ to "
        "ask ...') are not turns. Nick -> person from the present+ lines and the HTML minutes.",
        "irc": True,
        "people": {
            "Mike Prorock": ["mprorock"],
            "Chris Wilson": ["cwilso", "Chris_Wilson_(he/him,_Google)"],
            "Léonie Watson": ["leonie"],
            "David Singer": ["dsinger"],
            "Eric Siow": ["Eric_Siow"],
            "Tzviya Siegman": ["tzviya"],
            "Heather Vescent": ["heather", "hvescent", "Heather_Vescent"],
            "Tantek Çelik": ["tantek"],
            "Ted Thibodeau": ["TallTed"],
            "Bob Wyman": ["bobwyman"],
            "Ryan Grant": ["rgrant", "rgrant_(Ryan_Grant)"],
            "Anil John": ["Anil_John", "Anil_johN"],
            "Orie": ["Orie"],
            "PL": ["PL"],
            "Charles E. Lehner": ["Charles_E._Lehner"],
        },
    },
    "ethereum-pm/call_144.md": {
        "note": "The transcript part only (from the first '**Stokes**' line to the end of the turns, "
        "before '### Attendees'): a bold first-name line, then bullets. 'Speaker N' is unknown.",
        "line": r"^\*\*(?P<label>[^*]+)\*\*\s*$",
        "people": {
            "Stokes": ["Stokes"],
            "Barnabas Busa": ["Barnabas"],
            "Sean": ["Sean"],
            "Terence": ["Terence"],
            "Enrico Del Fante": ["Enrico"],
            "Saulius Grigaitis": ["Saulius"],
            "Francis": ["Francis"],
            "Ben Adams": ["Ben Adams"],
            "Giulio": ["Giulio"],
            "Mikhail": ["Mikhail"],
            "Ansgar Dietrichs": ["Ansgar"],
            "Oliver": ["Oliver"],
            "Nflaig": ["Nflaig"],
            "Guillaume": ["Guillaume"],
            "Francesco": ["Francesco"],
            "Dustin": ["Dustin"],
        },
        "pseudo": ["Speaker N"],
        "scope_from": "**Stokes**",
        "scope_to": "### Attendees",
    },
    "ethereum-pm/transcript_corrected.vtt": {
        "note": "Every cue; each cue's text starts with the speaker's 'Name: ' (a long turn is split "
        "over cues, each with its prefix). 'Felix (Geth)' is Felix of the Geth team.",
        "line": r"^(?P<label>[A-Za-z][^:\n]{0,40}?):\s",
        "vtt": True,
        "people": {},  # every label is its own person, given whole; filled below
    },
}


def _irc(text: str, spec: dict) -> list[dict]:
    out = []
    book = re.compile(r"^(?:present[+-]|q[+\-?]|qq\+|vq\b|ack\b|s/|scribe\+|topic:|agenda:|meeting:)", re.I)
    for n, line in enumerate(text.split("\n"), 1):
        m = re.match(r"^\[[^\]]+\]\s*<(?P<nick>[^>]+)>\s*(?P<msg>.*)$", line)
        if not m:
            continue
        nick, msg = m.group("nick"), m.group("msg").strip()
        if book.match(msg):
            continue
        if nick == "manu":
            inner = re.match(r"^(?P<label>[A-Za-z][\w.]*):\s+\S", msg)
            if inner and not book.match(msg):
                out.append({"line": n, "label": inner.group("label")})
            continue
        out.append({"line": n, "label": nick})
    return out


def build(rel: str, spec: dict) -> dict:
    text = (CORPUS / rel).read_text(encoding="utf-8")
    lines = text.split("\n")
    lo, hi = 1, len(lines)
    if "scope_from" in spec:
        lo = next(i for i, ln in enumerate(lines, 1) if ln.strip() == spec["scope_from"])
        hi = next(i for i, ln in enumerate(lines, 1) if ln.strip() == spec["scope_to"])
    if spec.get("irc"):
        turns = _irc(text, spec)
    else:
        rx = re.compile(spec["line"])
        turns = []
        for n, ln in enumerate(lines, 1):
            m = rx.match(ln)
            if m and lo <= n <= hi:
                label = next(g for g in m.groups() if g)
                if label in spec.get("not_turns", []) or label in ("Note", "Notes"):
                    continue
                if "[" in ln[:6] and label.startswith("Issue"):
                    continue
                turns.append({"line": n, "label": label.strip()})
    people = dict(spec["people"])
    if spec.get("vtt"):
        for t in turns:  # "Felix (Geth)": the person is Felix, of the Geth team
            person = re.sub(r"\s*\([^)]*\)$", "", t["label"])
            people.setdefault(person, [person])
            if t["label"] not in people[person]:
                people[person].append(t["label"])
    by_label = {a: p for p, aliases in people.items() for a in aliases}
    for t in turns:
        lb = t["label"]
        if lb in spec.get("pseudo", []):
            t["person"] = None
            t["pseudo"] = True
        elif lb in spec.get("joint", {}):
            t["person"] = spec["joint"][lb]
        else:
            t["person"] = by_label[lb]  # a KeyError here is a label the reader has not decided
        if lb in spec.get("uncertain", []):
            t["uncertain"] = True
    optional = []
    if spec.get("optional"):
        orx = re.compile(spec["optional"])
        for n, ln in enumerate(lines, 1):
            m = orx.match(ln)
            if m:
                label = next(g for g in m.groups() if g)
                optional.append({"line": n, "label": label, "person": by_label[label]})
    return {
        "document": rel,
        "based_on": spec["note"],
        "scope": {"from_line": lo, "to_line": hi},
        "people": {p: sorted(set(a)) for p, a in people.items()},
        "pseudo_speakers": spec.get("pseudo", []),
        "turns": turns,
        "optional": optional,
    }


def main() -> None:
    for rel, spec in DOCS.items():
        gold = build(rel, spec)
        name = rel.replace("/", "__").rsplit(".", 1)[0] + ".yaml"
        (HERE / name).write_text(
            yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=110), "utf-8"
        )
        print(f"{name}: {len(gold['turns'])} turns, {len(gold['people'])} people", file=sys.stderr)


if __name__ == "__main__":
    main()


# Formats whose reader is another issue's (HTML, TEI): the gold is the order of speakers, read from
# the markup, since the offsets of the extracted text are the reader's to decide.
MARKUP = {
    "parlamint-gb/ParlaMint-GB_2020-02-12-lords.xml": {
        "note": "The four <u who> utterances of the sitting, in order; names from the listPerson/TSV.",
        "rx": r'<u [^>]*who="#(?P<who>[^"]+)"',
        "names": {
            "PeterFowler": "Peter Fowler",
            "JamesTouhig": "James Touhig",
            "LeslieGriffiths": "Leslie Griffiths",
            "DianaBarran": "Diana Barran",
        },
    },
    "w3c-ccg-2022-02-08/index.html": {
        "note": "Every <div class='comment'> turn, in order, by its <span class='name'>; the Present list "
        "gives the same people (variants such as 'TallTed // Ted Thibodeau' are one person).",
        "rx": r'<span class="name">(?P<who>[^<]+)</span>',
    },
    "irancontra-north-1987/on-13.php": {
        "note": "Every '<strong>Mr. NAME</strong>:' turn of the hearing excerpt, in order.",
        "rx": r"<strong>(?P<who>Mr\. [A-Z]+)</strong>",
    },
}


def build_markup() -> None:
    import html

    for rel, spec in MARKUP.items():
        text = (CORPUS / rel).read_text(encoding="utf-8", errors="replace")
        seq = [html.unescape(m.group("who")) for m in re.finditer(spec["rx"], text)]
        seq = [spec.get("names", {}).get(w, w) for w in seq]
        gold = {"document": rel, "based_on": spec["note"], "speakers": seq, "order_only": True}
        name = rel.replace("/", "__").rsplit(".", 1)[0] + ".yaml"
        (HERE / name).write_text(
            yaml.safe_dump(gold, allow_unicode=True, sort_keys=False, width=110), "utf-8"
        )
        print(f"{name}: {len(seq)} turns", file=sys.stderr)


if __name__ == "__main__" and "--markup" in sys.argv:
    build_markup()
