"""The SQLite store: round trips, idempotent re-mapping, merging, search, read-only and atomic writes."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_json_export import maps, sample_map

from rapporteur.errors import StoreError
from rapporteur.model import Attribution, Claim, Document, Map, Participant, Relation, Span, Stance, Theme
from rapporteur.store import Store, fts_query, migrations, open_store
from rapporteur.store import store as store_module


def renumber(m: Map) -> Map:
    """The map with every id replaced by its position: equal for maps equal up to id allocation."""
    ids: dict[str, str] = {}
    for prefix, items in (
        ("d", m.documents),
        ("p", m.participants),
        ("t", m.themes),
        ("c", m.claims),
        ("r", m.relations),
    ):
        ids |= {x.id: f"{prefix}{i}" for i, x in enumerate(items)}

    def opt(x: str | None) -> str | None:
        return None if x is None else ids[x]

    return Map(
        documents=tuple(dataclasses.replace(d, id=ids[d.id]) for d in m.documents),
        participants=tuple(dataclasses.replace(p, id=ids[p.id]) for p in m.participants),
        themes=tuple(
            dataclasses.replace(t, id=ids[t.id], document=ids[t.document], parent=opt(t.parent))
            for t in m.themes
        ),
        claims=tuple(
            dataclasses.replace(
                c,
                id=ids[c.id],
                document=ids[c.document],
                theme=opt(c.theme),
                attributions=tuple(
                    dataclasses.replace(a, participant=ids[a.participant]) for a in c.attributions
                ),
            )
            for c in m.claims
        ),
        relations=tuple(
            dataclasses.replace(r, id=ids[r.id], source=ids[r.source], target=ids[r.target])
            for r in m.relations
        ),
        stances=tuple(
            Stance(ids[s.a], ids[s.b], s.relation, tuple(ids[r] for r in s.relations)) for s in m.stances
        ),
        notes=m.notes,
    )


def other_map() -> Map:
    """A second, different record that shares one participant (by a differently cased name)."""
    text = "Participants questioned the land reform (THORP). Some called it a success (Lowenthal)."
    doc = Document("d1", text, "other.txt", "Other", "text", hashlib.sha256(text.encode()).hexdigest())

    def claim(cid: str, phrase: str, pid: str, marker: str) -> Claim:
        s, m = text.index(phrase), text.index(marker)
        return Claim(
            cid,
            "d1",
            s,
            s + len(phrase),
            phrase,
            None,
            "claim",
            (Attribution(pid, "holds", Span.of(text, m, m + len(marker))),),
        )

    return Map(
        documents=(doc,),
        participants=(
            Participant("p1", "ROSEMARY THORP", "Oxford", ("R. Thorp",), in_roster=True),
            Participant("p2", "Abraham Lowenthal", None, (), in_roster=True),
        ),
        claims=(
            claim("c1", "questioned the land reform", "p1", "(THORP)"),
            claim("c2", "Some called it a success", "p2", "(Lowenthal)"),
        ),
        notes=("another note",),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "map.db"


def write(path: Path, m: Map) -> Map:
    with open_store(path) as s:
        return s.write_map(m)


def read(path: Path) -> Map:
    with open_store(path, readonly=True) as s:
        return s.read_map()


# -- round trips -------------------------------------------------------------------------------------------


def test_round_trip_renumbers_ids_and_keeps_content(db: Path) -> None:
    m = sample_map()
    stored = write(db, m)
    assert read(db) == stored
    assert renumber(stored) == renumber(m)
    assert [c.id for c in stored.claims] == ["c1", "c2"]
    assert stored.relations[0].confidence == 0.9
    with open_store(db, readonly=True) as s:
        assert s.stats() == {
            "documents": 1,
            "participants": 3,
            "themes": 1,
            "claims": 2,
            "attributions": 3,
            "relations": 1,
            "stances": 2,
            "notes": 1,
        }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_of_generated_maps(m: Map) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "map.db") as s:
        stored = s.write_map(m)
        assert s.read_map() == stored
        assert renumber(stored) == renumber(m)
        assert [r.confidence for r in stored.relations] == [r.confidence for r in m.relations]
        # Writing it again replaces it: same content, same ids, nothing doubled.
        counts = s.stats()
        assert s.write_map(m) == stored
        assert s.stats() == counts


# -- idempotence and sharing ------------------------------------------------------------------------------


def test_writing_the_same_map_twice_leaves_one_copy(db: Path) -> None:
    first = write(db, sample_map())
    with open_store(db) as s:
        counts = s.stats()
        again = s.write_map(sample_map())
        assert s.stats() == counts
        assert again == first
        assert len(s.search("reforms")) == 1


def test_remapping_a_document_replaces_what_hung_off_it(db: Path) -> None:
    m = sample_map()
    write(db, m)
    # Same document (same sha256), different analysis: one claim, no relations, no stances.
    smaller = Map(documents=m.documents, participants=m.participants[:1], claims=(m.claims[0],)[:0])
    with open_store(db) as s:
        s.write_map(smaller)
        assert s.stats() == {
            "documents": 1,
            "participants": 1,
            "themes": 0,
            "claims": 0,
            "attributions": 0,
            "relations": 0,
            "stances": 0,
            "notes": 0,
        }
        assert s.search("reforms") == []


def test_different_documents_coexist_without_id_collisions(db: Path) -> None:
    a = write(db, sample_map())
    b = write(db, other_map())
    whole = read(db)
    assert [d.sha256 for d in whole.documents] == [a.documents[0].sha256, b.documents[0].sha256]
    assert {c.id for c in a.claims}.isdisjoint({c.id for c in b.claims})
    assert len(whole.claims) == 4 and len(whole.documents) == 2
    assert {c.document for c in b.claims} == {b.documents[0].id}
    # Each write returned only its own map, consistent on its own.
    assert renumber(b).claims == renumber(other_map()).claims
    # Re-mapping the first leaves the second untouched.
    write(db, sample_map())
    after = read(db)
    assert [c for c in after.claims if c.document == b.documents[0].id] == list(b.claims)


def test_participants_merge_by_name_across_documents(db: Path) -> None:
    write(db, sample_map())
    b = write(db, other_map())
    whole = read(db)
    thorps = [p for p in whole.participants if "thorp" in p.name.casefold()]
    assert len(thorps) == 1
    thorp = thorps[0]
    assert thorp.name == "Rosemary Thorp"  # the first spelling stored stays
    assert thorp.aliases == ("Thorp", "R. Thorp")
    assert thorp.affiliation == "Oxford"  # known from the second document only
    assert thorp.in_roster is True
    assert b.claims[0].attributions[0].participant == thorp.id
    assert len(whole.participants) == 4

    # Re-mapping the second document without the alias withdraws what only it contributed.
    changed = other_map()
    changed = dataclasses.replace(
        changed,
        participants=(
            Participant("p1", "Rosemary Thorp", None, (), in_roster=False),
            changed.participants[1],
        ),
    )
    write(db, changed)
    thorp_now = next(p for p in read(db).participants if p.id == thorp.id)
    assert thorp_now.aliases == ("Thorp",)
    assert thorp_now.affiliation is None
    assert thorp_now.in_roster is True  # the first document's roster still lists her


def test_shared_stances_keep_other_documents_relations(db: Path) -> None:
    a = sample_map()
    text = "Thorp disagreed. Pease replied. But Thorp rejected this."
    doc = Document("x", text, "b.txt", "B", "text", hashlib.sha256(text.encode()).hexdigest())
    b = Map(
        documents=(doc,),
        participants=(Participant("q1", "E.V.K. FitzGerald"), Participant("q2", "Henry Pease")),
        claims=(
            Claim("k1", "x", 0, 16, text[0:16], None, "claim"),
            Claim("k2", "x", 17, 31, text[17:31], None, "claim"),
        ),
        relations=(Relation("s1", "k1", "k2", "disagree", Span.of(text, 32, 35)),),
        stances=(Stance("q1", "q2", "disagree", ("s1",)),),
    )
    write(db, a)
    stored_b = write(db, b)
    assert [len(s.relations) for s in stored_b.stances] == [1]
    whole = read(db)
    shared = [s for s in whole.stances if len(s.relations) == 2]
    assert len(shared) == 1 and len(whole.stances) == 2
    # Re-mapping b keeps the shared stance (a still feeds it) and does not double its relations.
    write(db, b)
    assert read(db).stances == whole.stances


# -- search ------------------------------------------------------------------------------------------------


def test_search_finds_words_ranked(db: Path) -> None:
    write(db, sample_map())
    write(db, other_map())
    with open_store(db, readonly=True) as s:
        found = s.search("state capacity")
        assert [c.text for c in found] == ["the state lacked capacity"]
        assert found[0].attributions  # whole claims come back
        assert {c.text for c in s.search("reform")} == {
            "The reforms were incoherent",
            "questioned the land reform",
        }
        assert s.search("nonexistentword") == []
        assert len(s.search("reform", limit=1)) == 1


def test_search_ranks_by_bm25(db: Path) -> None:
    text = "Land reform. Reform, reform and more land reform. A note on the weather."
    doc = Document("d", text, "r.txt", "R", "text", hashlib.sha256(text.encode()).hexdigest())
    spans = [(0, 12), (13, 49), (50, len(text))]
    claims = tuple(Claim(f"c{i}", "d", s, e, text[s:e], None, "claim") for i, (s, e) in enumerate(spans))
    write(db, Map(documents=(doc,), claims=claims))
    with open_store(db, readonly=True) as s:
        assert [c.text for c in s.search("reform")] == [claims[1].text, claims[0].text]
        # Case, plural (porter stemming) and word order do not matter; every word is required.
        assert {c.text for c in s.search("REFORMS land")} == {claims[0].text, claims[1].text}
        assert s.search("reform weather") == []
        assert [c.text for c in s.search("weather")] == [claims[2].text]


HOSTILE = [
    'state "capitalism',
    "AND (",
    "NEAR(",
    '"',
    "*",
    "^state",
    "text:state",
    "state OR",
    "NOT",
    "-",
    "''",
    "\\",
    "",
    "   ",
    "state\x00capacity",
    "(((",
    "state AND NOT",
    '""""',
    "{text}: state",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_search_survives_hostile_queries(db: Path, query: str) -> None:
    write(db, sample_map())
    with open_store(db, readonly=True) as s:
        assert isinstance(s.search(query), list)


def test_search_takes_syntax_literally(db: Path) -> None:
    write(db, sample_map())
    with open_store(db, readonly=True) as s:
        assert [c.text for c in s.search('"state')] == ["the state lacked capacity"]
        assert [c.text for c in s.search("state AND (")] == []  # "and" is a word the claim lacks
        assert fts_query('state "capitalism') == '"state" """capitalism"'


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_search_never_raises(query: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "m.db") as s:
        s.write_map(sample_map())
        assert isinstance(s.search(query), list)


# -- opening, read-only, migrations -------------------------------------------------------------------------


def test_readonly_store_refuses_writes(db: Path) -> None:
    write(db, sample_map())
    with open_store(db, readonly=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            s.write_map(other_map())
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            s.conn.execute("DELETE FROM claims")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            s.conn.execute("CREATE TABLE intruder (x)")
        assert s.stats()["claims"] == 2


@pytest.mark.parametrize("readonly", [False, True])
def test_a_text_file_is_not_a_store(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("This is a rapporteur's report, not a database.\n" * 20)
    with pytest.raises(StoreError, match="not an SQLite database") as err:
        open_store(path, readonly=readonly)
    assert err.value.path == str(path)
    assert path.read_text().startswith("This is")


@pytest.mark.parametrize("readonly", [False, True])
def test_someone_elses_database_is_not_a_store(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a rapporteur store"):
        open_store(path, readonly=readonly)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["things"]
    conn.close()


def test_missing_path_readonly_and_directories(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such map store"):
        open_store(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)
    with pytest.raises(StoreError):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_migrations_are_recorded_and_run_once(db: Path) -> None:
    with open_store(db) as s:
        names = [name for name, _ in migrations.MIGRATIONS]
        assert migrations.applied(s.conn) == names
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == len(names)
        assert migrations.apply(s.conn) == []
        s.write_map(sample_map())
    with open_store(db) as s:
        assert s.conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(names)
        assert s.stats()["claims"] == 2


def test_a_new_store_is_made_in_one_transaction_and_an_old_one_migrates_step_by_step(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("broken migration")

    names = [name for name, _ in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, ("9999_broken", broken)])
    with pytest.raises(StoreError, match="broken migration"):
        open_store(db)
    conn = sqlite3.connect(db)  # a new store whose schema failed is left with no schema at all
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    open_store(db).close()
    monkeypatch.undo()
    conn = sqlite3.connect(db, isolation_level=None)  # an earlier release's store: each step commits
    assert migrations.apply(conn) == names[1:]
    assert migrations.applied(conn) == names
    conn.close()


def test_a_store_from_a_newer_version_is_refused(db: Path) -> None:
    write(db, Map())
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES ('9999_future', datetime('now'))")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_write_refuses_dangling_references_and_leaves_the_store_alone(db: Path) -> None:
    write(db, other_map())
    before = read(db)
    bad = dataclasses.replace(sample_map(), themes=())  # claims still name theme t1
    with open_store(db) as s, pytest.raises(StoreError, match="unknown theme 't1'"):
        s.write_map(bad)
    assert read(db) == before


# -- atomicity ---------------------------------------------------------------------------------------------


def test_failure_mid_write_rolls_back_to_the_exact_file(db: Path) -> None:
    write(db, sample_map())
    write(db, other_map())
    before_bytes, before = db.read_bytes(), read(db)
    with open_store(db) as s:
        # A temporary trigger lives outside the file: the failure strikes after the old copy of the
        # document was deleted and its new claims inserted.
        s.conn.execute(
            "CREATE TEMP TRIGGER fail BEFORE INSERT ON main.relations "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END"
        )
        with pytest.raises(StoreError, match="injected"):
            s.write_map(sample_map())
        assert not s.conn.in_transaction
    assert db.read_bytes() == before_bytes
    assert read(db) == before


def test_python_failure_mid_write_rolls_back(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(db, sample_map())
    before = read(db)

    def boom(*args: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(store_module, "_recompute_participants", boom)
    with open_store(db) as s, pytest.raises(RuntimeError, match="injected"):
        s.write_map(sample_map())
    monkeypatch.undo()
    assert read(db) == before
    with open_store(db) as s:
        assert s.stats()["documents"] == 1 and len(s.search("reforms")) == 1


def test_store_repr_and_context_manager_closes(db: Path) -> None:
    with open_store(db) as s:
        assert isinstance(s, Store) and "map.db" in repr(s)
    with pytest.raises(sqlite3.ProgrammingError):
        s.conn.execute("SELECT 1")


def test_a_theme_may_name_a_parent_that_comes_later(db: Path) -> None:
    text = "Heading one\nHeading two\n"
    doc = Document("d", text, "h.md", "H", "markdown", hashlib.sha256(text.encode()).hexdigest())
    m = Map(
        documents=(doc,),
        themes=(
            Theme("child", "d", "Heading two", "root", 12, 23, 2),
            Theme("root", "d", "Heading one", None, 0, 11, 1),
        ),
    )
    stored = write(db, m)
    assert stored.themes[0].parent == stored.themes[1].id
