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
