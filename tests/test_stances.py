"""Stance matrix, interpretations and statistics without votes, on a small record built here."""

from __future__ import annotations

from rapporteur.ingest.text import load_text
from rapporteur.model import Map
from rapporteur.pipeline import extract
from rapporteur.resolve import RosterPerson
from rapporteur.stances import (
    allies_and_opponents,
    claim_matrix,
    consensus_claims,
    divisive_claims,
    interpretations,
    opinion_groups,
    pair_stances,
    stance_matrix,
)

RECORD = """# Harbour workshop

## Costs

The harbour must be dredged before the new terminal opens (Aziz, Hale). Silt has cut the depth by two metres (Aziz).

But others argued that dredging would only move the silt to the fishing grounds (Vos, Lee).

## Governance

A single port authority should run all three docks (Kim, Osei). Some members disagreed with this proposal, insisting that each dock needs its own board (Hale).

The tariff schedule is out of date (Vos, Hale, Kim).
"""

PEOPLE = ["Noor Aziz", "Tom Hale", "Greta Vos", "Sam Lee", "Min Kim", "Kofi Osei"]


def _map() -> Map:
    return extract(load_text(RECORD, source="harbour.md"), [RosterPerson(n) for n in PEOPLE])


def _ids(m: Map) -> dict[str, str]:
    return {p.name.split()[-1]: p.id for p in m.participants}


def test_pair_stances_carry_their_evidence() -> None:
    m = _map()
    p = _ids(m)
    clash = pair_stances(m, p["Vos"], p["Aziz"])
    assert [s.type for s in clash] == ["disagree"]
    ev = clash[0].evidence
    assert ev and all(e.cue is not None and e.cue.text == "But others argued" for e in ev)
    claims = {c.id: c for c in m.claims}
    assert all(p["Vos"] in claims[e.a_claim].holders and p["Aziz"] in claims[e.b_claim].holders for e in ev)
    together = pair_stances(m, p["Aziz"], p["Hale"])
    assert {s.type for s in together} == {"agree"} and together[0].basis == "cited together"


def test_matrix_counts_and_allies() -> None:
    m = _map()
    p = _ids(m)
    mat = stance_matrix(m)
    assert mat.get(p["Vos"], p["Lee"])["agree"] == 1
    assert mat.get(p["Hale"], p["Kim"])["disagree"] == 1 and mat.get(p["Hale"], p["Kim"])["agree"] == 1
    assert mat.get(p["Lee"], p["Hale"])["disagree"] == 1  # Lee answers the claim Hale co-holds
    assert mat.get(p["Lee"], p["Osei"]) == {}
    rows = mat.rows()
    assert rows[0][4] >= rows[-1][4]  # most contested first
    allies, opponents = allies_and_opponents(m, p["Hale"])
    assert {a for a, _ in allies} == {p["Aziz"], p["Vos"], p["Kim"]}
    assert {o for o, _, _ in opponents} == {p["Vos"], p["Lee"], p["Kim"], p["Osei"]}


def test_interpretations_group_views_with_proponents_and_critics() -> None:
    m = _map()
    p = _ids(m)
    views = interpretations(m)
    dredge = next(v for v in views if p["Aziz"] in v.proponents)
    assert set(dredge.critics) == {p["Vos"], p["Lee"]}
    reply = next(v for v in views if p["Vos"] in v.proponents and v.answers)
    assert reply.theme == dredge.theme
    authority = next(v for v in views if p["Osei"] in v.proponents)
    assert authority.critics == (p["Hale"],) and authority.theme != dredge.theme


def test_consensus_divisive_and_groups() -> None:
    m = _map()
    p = _ids(m)
    by_text = {c.id: c.text for c in m.claims}
    consensus = [by_text[s.claim] for s in consensus_claims(m)]
    assert consensus == ["The tariff schedule is out of date"]
    divisive = {by_text[s.claim] for s in divisive_claims(m)}
    assert any(t.startswith("The harbour must be dredged") for t in divisive)
    assert any(t.startswith("A single port authority") for t in divisive)
    assert not any("tariff" in t for t in divisive)
    mat = claim_matrix(m)
    assert all(v in (1.0, -0.5, -1.0) for row in mat.values() for v in row.values())
    groups = opinion_groups(m)
    members = [set(g.members) for g in groups]
    assert {p["Vos"], p["Lee"]} <= next(g for g in members if p["Vos"] in g)
    assert not any({p["Vos"], p["Aziz"]} <= g for g in members)  # a clash splits them
    assert all(g.drivers and g.drivers[0][1] > 0 for g in groups)


def test_founding_example_has_two_sides_on_the_alternative_strategy(demo_map: Map) -> None:
    div = divisive_claims(demo_map)
    assert div and len(div[0].supporters) >= 2 and len(div[0].critics) >= 2
    assert len(interpretations(demo_map)) >= 10


def test_cli_clash_stances_who_and_export(tmp_path, demo_map: Map) -> None:
    from typer.testing import CliRunner

    from rapporteur.cli import app
    from rapporteur.store import open_store

    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.write_map(demo_map)
    run = CliRunner().invoke
    r = run(app, ["clash", "Schydrowsky", "Thorp", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "disagree" in r.output and "basic disagreement with those who argue" in r.output
    r = run(app, ["stances", "--db", str(db)])
    assert r.exit_code == 0 and r.output.count("\n") >= len({(s.a, s.b) for s in demo_map.stances}) // 2
    r = run(app, ["who", "Schydrowsky", "--db", str(db)])
    assert r.exit_code == 0 and "opponents:" in r.output and "Thorp" in r.output.split("opponents:")[1]
    for fmt in ("aif", "xaif", "argdown", "graphml"):
        r = run(app, ["export", "--db", str(db), "-f", fmt, "-o", str(tmp_path / f"m.{fmt}")])
        assert r.exit_code == 0 and (tmp_path / f"m.{fmt}").stat().st_size > 1000
    assert run(app, ["export", "--db", str(db), "-f", "csv"]).exit_code == 2
    r = run(app, ["export", "--db", str(db), "-f", "csv", "-o", str(tmp_path / "t.zip")])
    assert r.exit_code == 0 and (tmp_path / "t.zip").exists()
    assert run(app, ["clash", "Thorp", "Thorp", "--db", str(db)]).exit_code == 2
