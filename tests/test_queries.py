"""Store queries answer as the whole map would: the same person, claims, allies and opponents, search
hits and theme rows as computing them from ``read_map`` (which is what the commands did before)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rapporteur.cli import _find_person
from rapporteur.stances import allies_and_opponents
from rapporteur.store import open_store
from rapporteur.store import queries as q


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, demo_map) -> Path:
    from rapporteur.pipeline import map_document

    db = tmp_path_factory.mktemp("q") / "map.db"
    fixtures = Path(__file__).resolve().parents[1] / "bench" / "fixtures"
    with open_store(db) as st:
        st.write_map(demo_map)
        for f in sorted(fixtures.glob("*.txt")):  # a second and third record: ids no longer from 1
            st.write_map(map_document(f))
    return db


def test_every_participant_is_found_as_the_map_finds_them(store_path: Path) -> None:
    with open_store(store_path, readonly=True) as st:
        m = st.read_map()
        assert q.participants(st) == list(m.participants)
        for p in m.participants:
            for name in {p.name, p.name.split()[-1], *p.aliases}:
                got, tied = q.find_participant(st, name)
                try:
                    want = _find_person(m, name)
                except Exception:  # ambiguous or unknown: the query says so too
                    assert got is None and (tied or q.find_participant(st, name) == (None, []))
                    continue
                assert got == want, name
        assert q.find_participant(st, "Zzyzx Qwertyuiop") == (None, [])


def test_a_persons_claims_and_stances_equal_the_whole_maps(store_path: Path) -> None:
    with open_store(store_path, readonly=True) as st:
        m = st.read_map()
        checked = 0
        for p in m.participants:
            got = q.person(st, p)
            want_claims = [c for c in m.claims if any(a.participant == p.id for a in c.attributions)]
            assert list(got.claims) == want_claims
            allies, opponents = allies_and_opponents(m, p.id)
            assert list(got.allies) == allies and list(got.opponents) == opponents
            for c in got.claims:
                if c.theme:
                    assert got.themes[c.theme] == m.theme(c.theme)
            assert all(got.names[x] == m.participant(x).name for x in got.names)  # type: ignore[union-attr]
            checked += bool(allies or opponents)
        assert checked >= 5  # the founding example has allies and opponents to compare


def test_search_and_theme_tree_equal_the_whole_maps(store_path: Path) -> None:
    with open_store(store_path, readonly=True) as st:
        m = st.read_map()
        names = {p.id: p.name for p in m.participants}
        for text in ("reform", "military government", "pricing", "nothing-matches-this"):
            hits = q.search(st, text)
            assert [c for c, _ in hits] == st.search(text)
            for c, who in hits:
                assert who == [names[a.participant] for a in c.attributions]
        assert q.search(st, "reform")
        rows = q.theme_tree(st)
        counts = Counter(c.theme for c in m.claims)
        depth: dict[str, int] = {}
        assert [r.theme for r in rows] == list(m.themes)
        for r in rows:
            th = r.theme
            depth[th.id] = depth.get(th.parent or "", -1) + 1
            people = {a.participant for c in m.claims if c.theme == th.id for a in c.attributions}
            assert (r.depth, r.claims, r.people) == (depth[th.id], counts.get(th.id, 0), len(people))


def test_a_pairs_stances_and_evidence_equal_the_whole_maps(store_path: Path) -> None:
    """``clash A B`` asks the store for one pair; what it gets must be what the whole map gives, for
    every pair that has a stance (relations as evidence, or claims both hold) and for a pair with none."""
    from rapporteur.stances import pair_stances

    with open_store(store_path, readonly=True) as st:
        m = st.read_map()
        claims = {c.id: c for c in m.claims}
        pairs = {(s.a, s.b) for s in m.stances}
        cited_together = 0
        for a, b in sorted(pairs):
            pa, pb = m.participant(a), m.participant(b)
            sub = q.pair(st, pa, pb)  # type: ignore[arg-type]
            want = pair_stances(m, a, b)
            assert pair_stances(sub, a, b) == want, (a, b)
            got_claims = {c.id: c for c in sub.claims}
            for s in want:
                cited_together += not s.evidence or s.evidence[0].a_claim == s.evidence[0].b_claim
                for e in s.evidence:  # every claim the command prints is there, and the same claim
                    assert got_claims[e.a_claim] == claims[e.a_claim]
                    assert got_claims[e.b_claim] == claims[e.b_claim]
        assert len(pairs) > 10 and cited_together > 0
        lone = [p for p in m.participants if not any(p.id in (s.a, s.b) for s in m.stances)]
        if len(lone) >= 2:
            assert pair_stances(q.pair(st, lone[0], lone[1]), lone[0].id, lone[1].id) == []
