"""docs/map.schema.json, the published JSON Schema of ``rapporteur/map@1``, checked against every JSON map
the project writes: the library's, ``map --json``, ``export -f json``, a stored map, a map without text,
and a store written by the previous release. Offsets are checked in code (``validate``), not here."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rapporteur.cli import app
from rapporteur.export.json import to_dict, validate
from rapporteur.ingest.text import load_text
from rapporteur.model import KINDS, PARTICIPANT_KINDS, POLARITIES, RELATION_TYPES, VIAS, Map
from rapporteur.pipeline import extract
from rapporteur.resolve import RosterPerson
from tests.conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((ROOT / "docs" / "map.schema.json").read_text("utf-8"))
OLD_STORE = ROOT / "tests" / "fixtures" / "peru-1978-v0.1.0.db"
runner = CliRunner()

RECORD = """# Rates

Rates must fall by two points at least (Okafor). But others argued that cuts hurt savers (Lindqvist, Chile).

With some exceptions (Moreau), participants agreed that prices are sticky.
"""


def errors(data: object) -> list[str]:
    v = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]


@pytest.fixture(scope="module")
def small_map() -> Map:
    roster = [RosterPerson("Ada Okafor"), RosterPerson("Nils Lindqvist"), RosterPerson("Luc Moreau")]
    return extract(load_text(RECORD, source="rates.md"), roster)


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema"] == {"const": "rapporteur/map@1"}


def test_the_schema_names_the_model_vocabularies() -> None:
    d = SCHEMA["$defs"]
    assert d["claim"]["properties"]["kind"]["enum"] == list(KINDS)
    assert d["attribution"]["properties"]["polarity"]["enum"] == list(POLARITIES)
    assert d["attribution"]["properties"]["via"]["enum"] == list(VIAS)
    assert d["participant"]["properties"]["kind"]["enum"] == list(PARTICIPANT_KINDS)
    assert d["relation"]["properties"]["type"]["enum"] == list(RELATION_TYPES)
    assert d["stance"]["properties"]["relation"]["enum"] == list(RELATION_TYPES)


@pytest.mark.parametrize("include_text", [True, False])
def test_library_maps_match_the_schema(demo_map: Map, small_map: Map, include_text: bool) -> None:
    for m in (demo_map, small_map, Map()):
        data = to_dict(m, include_text=include_text)
        assert errors(data) == []
        assert errors(json.loads(m.to_json(include_text=include_text))) == []


def test_cli_json_outputs_match_the_schema(tmp_path: Path) -> None:
    src = tmp_path / "rates.md"
    src.write_text(RECORD, encoding="utf-8")
    db, out = tmp_path / "m.db", tmp_path / "m.json"
    res = runner.invoke(app, ["map", str(src), "--db", str(db), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert errors(json.loads(out.read_text("utf-8"))) == []
    res = runner.invoke(app, ["map", str(src), "--db", str(db), "--json", "-"])
    assert res.exit_code == 0 and errors(json.loads(res.stdout)) == []
    res = runner.invoke(app, ["export", "--db", str(db), "-f", "json"])
    assert res.exit_code == 0 and errors(json.loads(res.stdout)) == []


def test_the_previous_release_store_exports_a_schema_valid_map(tmp_path: Path) -> None:
    copy_db = tmp_path / "old.db"
    shutil.copy(OLD_STORE, copy_db)
    from rapporteur.store import open_store

    with open_store(copy_db) as store:
        data = to_dict(store.read_map())
    assert errors(data) == [] and validate(data) == []


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["claims"][0].update(kind="opinion"),
        lambda d: d["claims"][0]["attributions"][0].update(via="rumour"),
        lambda d: d["participants"][0].pop("in_roster"),
        lambda d: d["relations"][0].update(confidence=1.5),
        lambda d: d["documents"][0].update(sha256="not a hash"),
        lambda d: d["claims"][0].update(start=-1),
        lambda d: d.update(schema="rapporteur/map@2"),
    ],
)
def test_a_broken_map_fails_the_schema(small_map: Map, break_it) -> None:
    data = copy.deepcopy(to_dict(small_map))
    assert data["relations"] and data["claims"][0]["attributions"]
    break_it(data)
    assert errors(data)


def test_offsets_are_checked_in_code_not_by_the_schema(small_map: Map) -> None:
    data = copy.deepcopy(to_dict(small_map))
    data["claims"][0]["start"] += 1  # still a valid shape, no longer the document's text
    assert errors(data) == [] and validate(data)
