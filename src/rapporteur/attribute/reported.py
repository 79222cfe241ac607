"""Reported speech in the prose: "Smith argued that ...", "However, Lee and Park maintained that ...",
"According to Okafor, ...".

With a roster, only people on it are credited: a historical figure who "argued" something is not a
participant.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rapporteur.attribute.claims import Context, Marker, RawClaim, classify, trim
from rapporteur.attribute.parenthetical import is_name
from rapporteur.lexicon import lexicon, words
from rapporteur.model import Span
from rapporteur.script import MARKS, UPPER
from rapporteur.structure import Paragraph, Structure

VIA = "reported"
PRIORITY = 20


@cache
def _narrative_re() -> re.Pattern[str]:
    lex = lexicon("attribution")
    verbs = "|".join(sorted((re.escape(v) for v in lex["narrative_verbs"]), key=len, reverse=True))
    title = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Senator|Minister|Judge)\.?\s+)?"
    word = rf"{UPPER}[\w{MARKS}'’\-]+"  # a capital of any script; decomposed accents stay in the word
    name = title + rf"{word}(?:\s+(?:{word}|de|da|del|van|von|der|la|le|du|di|y))*"
    names = rf"{name}(?:\s*,\s*{name})*(?:,?\s+and\s+{name})?"
    return re.compile(
        rf"(?i:{lex['narrative_openers']})"
        rf"(?:(?P<names>{names})(?:,\s*(?i:however|though|for (?:her|his|their) part),)?"
        rf"\s+(?i:also\s+|further\s+|strongly\s+)?(?P<verb>(?i:{verbs}))\b(?:\s+that\b|\s*,|\s*:)?"
        rf"|(?i:according to)\s+(?P<names2>{names})\s*,)"
    )


def _narrative(
    text: str, para: Paragraph, pi: int, markers: list[Marker], known: frozenset[str]
) -> list[RawClaim]:
    """Claims introduced in the prose: "Smith argued that ...", "According to Lee, ...".

    Only in sentences with no parenthetical marker, and with a roster only for people on it: a
    historical figure who "argued" something is not a participant.
    """
    out: list[RawClaim] = []
    taken = [(m.span.start, m.span.end) for m in markers]
    stop = words("attribution", "not_subjects") | words("attribution", "not_names")
    for s_start, s_end in para.sentences:
        if any(s_start <= a < s_end for a, _ in taken):
            continue
        m = _narrative_re().match(text, s_start, s_end)
        if not m:
            continue
        group = "names" if m.group("names") else "names2"
        raw = m.group(group)
        names: list[tuple[str, int, int]] = []
        for part in re.finditer(r"[^,]+?(?=\s*,|\s+and\s+|$)", raw):
            item = part.group(0).strip()
            item = item[4:] if item.lower().startswith("and ") else item
            if not item:
                continue
            item = re.sub(
                r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Senator|Minister|Judge)\.?\s+", "", item
            )
            first = item.split()[0].lower()
            if first in stop or not is_name(item):
                names = []
                break
            nfc = unicodedata.normalize("NFC", item).lower()
            if known and nfc not in known and nfc.split()[-1] not in known:
                names = []
                break
            start = m.start(group) + part.start() + part.group(0).rfind(item)
            names.append((item, start, start + len(item)))
        if not names:
            continue
        cs, ce = trim(text, m.end(), s_end)
        if ce - cs < 10:
            continue
        marker = Marker(
            Span.of(text, m.start(group) if group == "names" else m.start(), m.end()),
            tuple(names),
            via=VIA,
        )
        frame = text[m.start() : m.end()]
        kind = classify(text[cs:ce], text[para.start : cs], text[s_start:s_end], frame)
        out.append(RawClaim(cs, ce, kind, (marker,), pi))
    return out


def detect(st: Structure, ctx: Context) -> list[RawClaim]:
    text = st.doc.text
    out: list[RawClaim] = []
    for pi, para in enumerate(st.paragraphs):
        out.extend(_narrative(text, para, pi, [], ctx.known))
    return out
