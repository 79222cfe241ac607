"""The map read by the tools people already use beside it: sqlite-utils and Datasette over the store,
networkx (Gephi's GraphML) and AIF name fields, pandas over the CSV bundle, ConvoKit's corpus folder
(checked against its documented format: the real ``convokit`` package pulls in torch and CUDA wheels,
too heavy for the test extra; a test uses it where it is installed), Polis's CSV export (its documented
columns, and red-dwarf reading and clustering it), a store written by the previous release, and the
Python API a library user meets first."""

from __future__ import annotations

import asyncio
import csv
import importlib.metadata
import io
import json
import shutil
import sqlite3
import tomllib
from pathlib import Path

import networkx as nx
import pytest

import rapporteur
from rapporteur.export import convokit, polis
from rapporteur.export.aif import aif_dict, split_name
from rapporteur.export.csv import write_csv
from rapporteur.export.graphml import to_graphml
from rapporteur.export.json import to_dict, validate
from rapporteur.model import Map, Participant
from rapporteur.store import open_store
from rapporteur.store.migrations import MIGRATIONS
from tests.conftest import ROOT

# Written by rapporteur 0.1.0 (commit 6dfebc1, before the reader registry and migration 0002):
# `rapporteur map report.txt --db peru-1978-v0.1.0.db` on the founding example, then VACUUM.
OLD_STORE = ROOT / "tests" / "fixtures" / "peru-1978-v0.1.0.db"
WORD = "military"  # a word the founding example's claims use often, in several themes


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, demo_map: Map) -> Path:
    db = tmp_path_factory.mktemp("store") / "peru.db"
    with open_store(db) as store:
        store.write_map(demo_map)
    return db


def _store_hits(db: Path, word: str) -> list[str]:
    with open_store(db, readonly=True) as store:
        return [c.id for c in store.search(word, limit=10_000)]


# ------------------------------------------------------------------------------ sqlite-utils, Datasette


def test_sqlite_utils_finds_the_fts_table_and_searches_through_it(demo_store: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db = sqlite_utils.Database(demo_store)
    assert db["claims"].detect_fts() == "claims_fts"
    found = {f"c{row['id']}" for row in db["claims"].search(WORD, limit=10_000)}
    expected = set(_store_hits(demo_store, WORD))
    assert len(expected) >= 10
    assert found == expected
    texts = [row["text"] for row in db["claims"].search(WORD, limit=10_000)]
    assert all(WORD in t.lower() for t in texts)


def test_a_store_from_the_previous_release_gains_a_detectable_index(tmp_path: Path) -> None:
    """The 0.1.0 store declared content='claims' in single quotes, which both tools miss."""
    sqlite_utils = pytest.importorskip("sqlite_utils")
    copy = tmp_path / "old.db"
    shutil.copy(OLD_STORE, copy)
    assert sqlite_utils.Database(copy)["claims"].detect_fts() is None
    open_store(copy).close()  # opening for writing migrates
    assert sqlite_utils.Database(copy)["claims"].detect_fts() == "claims_fts"


def test_datasette_serves_the_store_and_search_works(demo_store: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    expected = set(_store_hits(demo_store, WORD))
    total = sqlite3.connect(demo_store).execute("SELECT count(*) FROM claims").fetchone()[0]

    async def run() -> tuple[int, list[dict], str, list[dict]]:
        ds = datasette_app.Datasette([str(demo_store)])
        await ds.invoke_startup()
        name = demo_store.stem
        hits = await ds.client.get(f"/{name}/claims.json?_search={WORD}&_shape=array&_size=max")
        page = await ds.client.get(f"/{name}/claims")
        view = await ds.client.get(f"/{name}/claim_details.json?_shape=array&_size=max")
        return hits.status_code, hits.json(), page.text, view.json()

    status, rows, html, view = asyncio.run(run())
    assert status == 200
    assert {f"c{r['id']}" for r in rows} == expected and len(rows) < total  # filtered, not ignored
    assert 'name="_search"' in html  # the search box Datasette shows only when it finds the index
    assert len(view) == total and {"start_offset", "end_offset", "holders"} <= set(view[0])


def test_views_give_offsets_without_keyword_columns(demo_store: Path, demo_map: Map) -> None:
    conn = sqlite3.connect(demo_store)
    conn.row_factory = sqlite3.Row
    text = demo_map.documents[0].text
    rows = conn.execute(
        "SELECT claim_id, start_offset, end_offset, text, holders FROM claim_details"
    ).fetchall()
    assert len(rows) == len(demo_map.claims)
    with open_store(demo_store, readonly=True) as store:
        stored = {c.id: c for c in store.read_map().claims}
        names = {p.id: p.name for p in store.read_map().participants}
    for r in rows:
        assert text[r["start_offset"] : r["end_offset"]] == r["text"]
        holders = [names[p] for p in stored[r["claim_id"]].holders]
        assert (r["holders"] or "") == "; ".join(holders)
    n = conn.execute("SELECT count(*) FROM attribution_details").fetchone()[0]
    assert n == sum(len(c.attributions) for c in demo_map.claims)
    rel = conn.execute("SELECT relation_id, type, source_text, target_text FROM relation_details").fetchall()
    assert len(rel) == len(demo_map.relations)
    assert conn.execute("SELECT count(*) FROM stance_details").fetchone()[0] == len(demo_map.stances)


# ------------------------------------------------------------------------------------- Gephi and AIF


def test_networkx_reads_graphml_labels(demo_map: Map, tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    path.write_text(to_graphml(demo_map), encoding="utf-8")
    g = nx.read_graphml(path, force_multigraph=True)
    names = {p.id: p.name for p in demo_map.participants}
    texts = {c.id: " ".join(c.text.split()) for c in demo_map.claims}
    for n, a in g.nodes(data=True):
        assert a["label"], n  # Gephi shows "label"; without it, "c1" and "p1"
        if a["node_type"] == "participant":
            assert a["label"] == names[n]
        else:
            assert len(a["label"]) <= 80
            assert texts[n].startswith(a["label"].removesuffix("…"))
    assert all(a["label"] for _, _, a in g.edges(data=True))


@pytest.mark.parametrize(
    ("name", "cited", "expected"),
    [
        ("Maria Ruiz de la Torre", ["Ruiz de la Torre"], ("Maria", "Ruiz de la Torre")),
        ("Henrique Souza Ferreira", ["Souza"], ("Henrique", "Souza Ferreira")),
        ("John F. Smith", ["Smith"], ("John F.", "Smith")),
        ("Ludwig van Beethoven", [], ("Ludwig", "van Beethoven")),
        ("Ana María de la Vega", ["de la Vega"], ("Ana María", "de la Vega")),
        ("Okafor", [], ("", "Okafor")),
    ],
)
def test_aif_names_split_where_the_record_cites_the_surname(
    name: str, cited: list[str], expected: tuple[str, str]
) -> None:
    assert split_name(Participant("p1", name), cited) == expected
    assert split_name(Participant("p1", name, aliases=tuple(cited))) == expected


def test_aif_names_of_a_party_are_not_split() -> None:
    assert split_name(Participant("p1", "United Kingdom", kind="party")) == ("", "United Kingdom")


def test_aif_participants_on_the_founding_example(demo_map: Map) -> None:
    d = aif_dict(demo_map)
    by_id = {k: p for k, p in enumerate(demo_map.participants, 1)}
    cited = {a.participant: a.cited_as for c in demo_map.claims for a in c.attributions}
    for row in d["participants"]:
        p = by_id[row["participantID"]]
        assert f"{row['firstname']} {row['surname']}".strip() == p.name
        form = cited.get(p.id, "")
        if len(form.split()) > 1 and form in p.name:  # a multi-word surname stays whole
            assert row["surname"].startswith(form) or row["surname"] == form


# -------------------------------------------------------------------------------------------- pandas


def test_pandas_joins_the_csv_tables_including_documents(demo_map: Map, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    folder = write_csv(demo_map, tmp_path / "tables")

    def read(name: str):
        return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)

    docs, claims, atts, people = read("documents"), read("claims"), read("attributions"), read("participants")
    joined = claims.merge(docs, left_on="document", right_on="id", suffixes=("", "_doc"), validate="m:1")
    assert len(joined) == len(demo_map.claims)
    for row in joined.itertuples():
        assert row.text_doc[int(row.start) : int(row.end)] == row.text
    assert all(int(n) == len(t) for n, t in zip(docs["length"], docs["text"], strict=True))
    who = atts.merge(people, left_on="participant", right_on="id", validate="m:1").merge(
        claims, left_on="claim", right_on="id", suffixes=("", "_claim"), validate="m:1"
    )
    assert len(who) == sum(len(c.attributions) for c in demo_map.claims)
    marker = who.merge(docs, left_on="document", right_on="id", suffixes=("", "_doc"))
    for row in marker.itertuples():
        assert row.text_doc[int(row.marker_start) : int(row.marker_end)] == row.marker
    assert set(who["via"]) <= {"parenthetical", "turn", "reported", "citation", "comment"}


# ------------------------------------------------------------------------------------------ ConvoKit


def check_convokit_folder(folder: Path) -> dict[str, object]:
    """ConvoKit's documented corpus format, as ``Corpus(filename=folder)`` reads it: the five files, the
    mandatory utterance fields, every speaker and reply known, each conversation id the root utterance
    of its reply tree, and the meta index naming each meta field's types."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(convokit.FILES)
    lines = (folder / "utterances.jsonl").read_text("utf-8").splitlines()
    utts = [json.loads(ln) for ln in lines]
    speakers = json.loads((folder / "speakers.json").read_text("utf-8"))
    convos = json.loads((folder / "conversations.json").read_text("utf-8"))
    overall = json.loads((folder / "corpus.json").read_text("utf-8"))
    index = json.loads((folder / "index.json").read_text("utf-8"))
    by_id = {u["id"]: u for u in utts}
    assert len(by_id) == len(utts)
    for u in utts:
        assert {"id", "speaker", "conversation_id", "reply-to", "timestamp", "text", "meta"} <= set(u)
        assert u["speaker"] in speakers
        assert u["reply-to"] is None or u["reply-to"] in by_id
        seen, x = set(), u
        while x["reply-to"] is not None:  # replies form trees: no cycle, the root names the conversation
            assert x["id"] not in seen
            seen.add(x["id"])
            x = by_id[x["reply-to"]]
        assert u["conversation_id"] == x["id"]
    assert set(convos) == {u["conversation_id"] for u in utts}
    for table in (speakers, convos):
        assert all(set(v) == {"meta", "vectors"} for v in table.values())
    assert {"utterances-index", "speakers-index", "conversations-index", "overall-index", "version"} <= set(
        index
    )
    for key, objects in (
        ("utterances-index", [u["meta"] for u in utts]),
        ("speakers-index", [s["meta"] for s in speakers.values()]),
        ("conversations-index", [c["meta"] for c in convos.values()]),
        ("overall-index", [overall]),
    ):
        for meta in objects:
            for field, value in meta.items():
                assert field in index[key]
                assert value is None or str(type(value)) in index[key][field]
    return {"utterances": by_id, "speakers": speakers}


def test_convokit_corpus_loads_per_the_documented_format(demo_map: Map, tmp_path: Path) -> None:
    folder = convokit.write_convokit(demo_map, tmp_path / "corpus")
    got = check_convokit_folder(folder)
    utts, speakers = got["utterances"], got["speakers"]
    assert set(utts) == {c.id for c in demo_map.claims}  # type: ignore[arg-type]
    replied = 0
    for c in demo_map.claims:
        u = utts[c.id]  # type: ignore[index]
        assert u["text"] == c.text and u["timestamp"] == c.start
        members = speakers[u["speaker"]]["meta"]["members"]  # type: ignore[index]
        assert sorted(members) == sorted(set(c.holders))  # nobody credited with what they were not cited for
        if u["reply-to"] is not None:
            replied += 1
            assert any(r.source == c.id and r.target == u["reply-to"] for r in demo_map.relations)
    assert (
        replied >= len({r.source for r in demo_map.relations}) - 2
    )  # each answering claim replies, bar cycles


def test_convokit_itself_loads_the_corpus(demo_map: Map, tmp_path: Path) -> None:
    """Where ConvoKit is installed (it is not in the test extra: it pulls torch and CUDA wheels)."""
    ck = pytest.importorskip("convokit")
    folder = convokit.write_convokit(demo_map, tmp_path / "corpus")
    corpus = ck.Corpus(filename=str(folder))
    assert len(list(corpus.iter_utterances())) == len(demo_map.claims)
    assert all(cv.check_integrity(verbose=False) for cv in corpus.iter_conversations())


def test_convokit_replies_never_close_a_cycle() -> None:
    from rapporteur.model import Claim, Document, Relation, Span

    text = "A says one. B says two. C says three."
    doc = Document("d1", text, "t.txt", "t", "text", "0" * 64)
    claims = tuple(
        Claim(f"c{i}", "d1", s, s + 1, text[s], None, "claim") for i, s in ((1, 0), (2, 12), (3, 24))
    )
    cue = Span(0, 1, "A")
    rels = (
        Relation("r1", "c2", "c1", "disagree", cue, 0.9),
        Relation("r2", "c3", "c2", "disagree", cue, 0.9),
        Relation("r3", "c1", "c3", "disagree", cue, 0.9),  # would close c1 -> c3 -> c2 -> c1
    )
    m = Map((doc,), (), (), claims, rels)
    chosen = convokit.replies(m)
    assert set(chosen) == {"c2", "c3"}
    roots = {u["id"]: u["conversation_id"] for u in convokit.corpus(m)["utterances"]}
    assert roots == {"c1": "c1", "c2": "c1", "c3": "c1"}


# --------------------------------------------------------------------------------------------- Polis

COMMENT_COLUMNS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]
VOTE_COLUMNS = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]


def test_polis_export_loads_per_its_documented_csv_format(demo_map: Map, tmp_path: Path) -> None:
    folder = polis.write_polis(demo_map, tmp_path / "polis")

    def rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
        reader = csv.DictReader(io.StringIO((folder / name).read_text("utf-8")))
        return list(reader.fieldnames or []), list(reader)

    cols, comments = rows("comments.csv")
    assert cols == COMMENT_COLUMNS
    vcols, votes = rows("votes.csv")
    assert vcols == VOTE_COLUMNS
    # Polis ids and times are non-negative integers (red-dwarf's loader validates them so)
    for r in comments:
        assert all(int(r[k]) >= 0 for k in ("timestamp", "comment-id", "author-id", "agrees", "disagrees"))
        assert r["moderated"] == "1"
    for r in votes:
        assert all(int(r[k]) >= 0 for k in ("timestamp", "comment-id", "voter-id"))
        assert int(r["vote"]) in (-1, 0, 1)
    ids = {r["comment-id"] for r in comments}
    assert len(ids) == len(comments) == len(demo_map.claims)
    assert {r["comment-id"] for r in votes} <= ids
    assert len({(r["comment-id"], r["voter-id"]) for r in votes}) == len(votes)  # one vote per pair
    for r in comments:
        mine = [int(v["vote"]) for v in votes if v["comment-id"] == r["comment-id"]]
        assert int(r["agrees"]) == mine.count(1) and int(r["disagrees"]) == mine.count(-1)

    _, idrows = rows("ids.csv")
    to_map = {(r["kind"], r["polis-id"]): r["rapporteur-id"] for r in idrows}
    claims = {c.id: c for c in demo_map.claims}
    for r in votes:  # holding a claim is agreeing with it
        c = claims[to_map[("comment", r["comment-id"])]]
        pid = to_map[("participant", r["voter-id"])]
        if pid in c.holders:
            assert r["vote"] == "1"
        assert c.kind != "question"
    for c in demo_map.claims:
        if c.kind != "question":
            cid = next(k for (kind, k), v in to_map.items() if kind == "comment" and v == c.id)
            voters = {to_map[("participant", v["voter-id"])] for v in votes if v["comment-id"] == cid}
            assert set(c.holders) <= voters

    gcols, grid = rows("participants-votes.csv")
    assert gcols[:6] == ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    for g in grid:
        cast = {k: g[k] for k in gcols[6:] if g[k] != ""}
        mine = {v["comment-id"]: v["vote"] for v in votes if v["voter-id"] == g["participant"]}
        assert cast == mine and int(g["n-votes"]) == len(mine)
    summary = dict(csv.reader(io.StringIO((folder / "summary.csv").read_text("utf-8"))))
    assert int(summary["comments"]) == len(demo_map.claims)


def test_red_dwarf_reads_the_polis_export_and_clusters_it(demo_map: Map, tmp_path: Path) -> None:
    """red-dwarf reads a Polis CSV export row by row into its Vote and Statement models (as its loader
    does for a Polis instance's export), then runs Polis's PCA and k-means on the votes."""
    pytest.importorskip("reddwarf")
    from reddwarf.implementations.polis import run_pipeline
    from reddwarf.models import Statement, Vote

    folder = polis.write_polis(demo_map, tmp_path / "polis")
    with (folder / "votes.csv").open(encoding="utf-8") as f:
        votes = [Vote(**row).model_dump(mode="json") for row in csv.DictReader(f)]
    with (folder / "comments.csv").open(encoding="utf-8") as f:
        statements = [Statement(**row) for row in csv.DictReader(f)]
    assert len(statements) == len(demo_map.claims)
    assert [s.txt for s in statements] == [c.text for c in demo_map.claims]
    result = run_pipeline(votes=votes, min_user_vote_threshold=3, random_state=0)
    voters = {v["participant_id"] for v in votes}
    voted = {v["statement_id"] for v in votes}
    assert result.raw_vote_matrix.shape == (len(voters), len(voted))


def test_polis_votes_map_qualify_to_pass() -> None:
    assert (polis.vote(1.0), polis.vote(-1.0), polis.vote(-0.5)) == (1, -1, 0)


# --------------------------------------------------------------------------- the previous release's store


def test_a_store_written_by_the_previous_release_opens_searches_and_exports(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rapporteur.cli import app

    copy = tmp_path / "old.db"
    shutil.copy(OLD_STORE, copy)
    conn = sqlite3.connect(copy)
    assert [r[0] for r in conn.execute("SELECT name FROM _migrations")] == ["0001_initial"]
    conn.close()
    with open_store(copy) as store:  # migrates 0002 and 0003
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        hits = store.search(WORD)
        m = store.read_map()
    assert len(hits) >= 10 and all(WORD in c.text.lower() for c in hits)
    assert len(m.claims) > 100 and not validate(to_dict(m))
    assert {a.via for c in m.claims for a in c.attributions} == {"parenthetical"}  # 0002's default
    res = CliRunner().invoke(app, ["export", "--db", str(copy), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["claims"][0]["text"] == m.claims[0].text
    res = CliRunner().invoke(app, ["search", WORD, "--db", str(copy), "--json"])
    assert res.exit_code == 0 and len(json.loads(res.stdout)) == len(hits)


def test_the_cli_reads_a_store_from_the_previous_release_after_upgrading_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rapporteur.cli import app
    from rapporteur.store import pending_migrations

    copy = tmp_path / "old.db"
    shutil.copy(OLD_STORE, copy)
    assert pending_migrations(copy) == [n for n, _ in MIGRATIONS[1:]]
    res = CliRunner().invoke(app, ["search", WORD, "--db", str(copy)])
    assert res.exit_code == 0, res.output
    assert "upgraded to this release's store" in res.stderr and "0003_tools" in res.stderr
    rows = res.stdout.splitlines()
    assert rows[0] == "claim\twho\tkind\ttext" and len(rows) > 10
    assert pending_migrations(copy) == []
    again = CliRunner().invoke(app, ["search", WORD, "--db", str(copy)])
    assert again.stdout == res.stdout and "upgraded" not in again.stderr


# ---------------------------------------------------------------------------------------- Python API


def test_the_api_exports_load_and_load_text(demo_file: Path) -> None:
    assert {"load", "load_text"} <= set(rapporteur.__all__)
    doc = rapporteur.load(demo_file)
    assert rapporteur.extract(doc).claims
    small = rapporteur.load_text("Rates must fall (Okafor).", source="note.txt")
    assert small.text.startswith("Rates") and small.source == "note.txt"


def test_map_lookups_raise_key_errors_naming_the_id(demo_map: Map) -> None:
    assert demo_map.participant(demo_map.participants[0].id) is demo_map.participants[0]
    with pytest.raises(KeyError, match="no participant 'x'"):
        demo_map.participant("x")
    with pytest.raises(KeyError, match="no document 'd99'"):
        demo_map.document("d99")


def test_map_to_json_is_the_contract(demo_map: Map) -> None:
    from rapporteur.export.json import loads

    text = demo_map.to_json()
    assert json.loads(text)["schema"] == "rapporteur/map@1" and loads(text) == demo_map
    assert "text" not in json.loads(demo_map.to_json(include_text=False))["documents"][0]


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert rapporteur.__version__ == importlib.metadata.version("rapporteur")


def test_the_package_is_typed_and_every_model_class_says_why() -> None:
    import rapporteur.model as model

    assert (Path(rapporteur.__file__).parent / "py.typed").is_file()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["rapporteur"]
    for name in (
        "Span",
        "Document",
        "Participant",
        "Theme",
        "Attribution",
        "Claim",
        "Relation",
        "Stance",
        "Map",
    ):
        assert (getattr(model, name).__doc__ or "").strip(), name


def test_no_docstring_cites_a_design_file_the_package_lacks() -> None:
    src = ROOT / "src" / "rapporteur"
    hits = [p.name for p in src.rglob("*.py") if "DESIGN.md" in p.read_text("utf-8")]
    assert not hits
