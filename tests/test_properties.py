"""Properties that hold for any text: no crash, and every object is the exact slice it claims to be."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur.ingest import load_text
from rapporteur.pipeline import extract

WORDS = [
    "the",
    "plan",
    "failed",
    "because",
    "prices",
    "rose",
    "and",
    "others",
    "argued",
    "that",
    "it",
    "worked",
]
NAMES = [
    "Abel",
    "Baker",
    "Cohen",
    "de Vries",
    "O'Hara",
    "Ünal",
    "NATO",
    "see below",
    "1990",
    "although x; Dorn",
]
PUNCT = [". ", "? ", "; ", ", ", ".\n\n", "\n\n\n\n", " -- "]

token = st.one_of(
    st.sampled_from(WORDS),
    st.builds(lambda n: f"({n})", st.sampled_from(NAMES)),
    st.builds(lambda a, b: f"({a}, {b})", st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.sampled_from(PUNCT),
    st.sampled_from(["# I. Heading\n\n", "Introduction\n\n", "---\n\n*Note.\n\n", "(", ")", "Mr.", "U.K."]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(token, min_size=1, max_size=80).map(" ".join).filter(lambda s: s.strip()))
def test_every_span_is_its_slice(text: str) -> None:
    m = extract(load_text(text))
    src = m.documents[0].text
    assert src == text
    pids = {p.id for p in m.participants}
    for c in m.claims:
        assert src[c.start : c.end] == c.text and c.text.strip()
        for a in c.attributions:
            assert src[a.marker.start : a.marker.end] == a.marker.text
            assert a.participant in pids
            assert not (c.start < a.marker.end and a.marker.start < c.end)
    for t in m.themes:
        assert src[t.start : t.end] == t.title
    for r in m.relations:
        assert src[r.cue.start : r.cue.end] == r.cue.text
