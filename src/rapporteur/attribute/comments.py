"""Written comments (DOCX): a comment's author holds the comment's text, about the span it anchors.

The reader appends each comment to the extracted text as "Author: text" and records it in
``Layout.comments``; the author's label is the marker, the comment's text the claim. The comments
are not paragraphs of the body, so no other detector reads them: a parenthetical or a reporting verb
inside a comment does not take it from its author. A comment with no author is left unattributed.
The claim sits under the theme of the span it anchors.
"""

from __future__ import annotations

import bisect

from rapporteur.attribute.claims import Context, Marker, RawClaim, classify, trim
from rapporteur.model import Span
from rapporteur.structure import Structure

VIA = "comment"
PRIORITY = 30  # after the prose detectors; nothing overlaps it (comments are no body paragraph)


def detect(st: Structure, ctx: Context) -> list[RawClaim]:
    lay = st.layout
    if lay is None or not lay.comments or not st.paragraphs:
        return []
    text = st.doc.text
    starts = [p.start for p in st.paragraphs]
    out: list[RawClaim] = []
    for c in lay.comments:
        author = c.author.strip()
        s, e = trim(text, c.start, c.end)
        if not author or e - s < 2:
            continue
        label = text.rfind(author, max(0, c.start - len(author) - 3), c.start)
        mark = (label, label + len(author) + 1) if label >= 0 else (s, e)
        where = c.anchor[0] if c.anchor else c.start
        pi = max(0, bisect.bisect_right(starts, where) - 1)
        body = text[s:e]
        marker = Marker(Span.of(text, *mark), ((author, label, label + len(author)),) if label >= 0
                        else ((author, s, e),), via=VIA, kind="person")  # fmt: skip
        out.append(RawClaim(s, e, classify(body, "", body), (marker,), pi))
    return out
