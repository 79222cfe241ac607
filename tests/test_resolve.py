"""Cited names -> roster entries: case, accents, variants, multi-word and given-first surnames."""

from __future__ import annotations

from pathlib import Path

import pytest

from rapporteur.errors import RosterError
from rapporteur.resolve import Resolver, RosterPerson, load_roster

ROSTER = [
    RosterPerson("A.B.C. MacDonald", "Univ. of Somewhere"),
    RosterPerson("Inés Castaño", "Lima"),
    RosterPerson("Pedro Ruiz de la Torre", "Madrid"),
    RosterPerson("Henrique Souza Ferreira", "São Paulo"),
    RosterPerson("Marta Kowalczyk", "Warsaw"),
    RosterPerson("Tom White", "Boston"),
    RosterPerson("Lena Whitehouse", "Oslo"),
    RosterPerson("Juan Perez", "Quito", ("JP",)),
]


@pytest.mark.parametrize(
    ("cited", "name"),
    [
        ("Macdonald", "A.B.C. MacDonald"),  # case
        ("Castano", "Inés Castaño"),  # accents
        ("Castaño", "Inés Castaño"),
        ("Ruiz de la Torre", "Pedro Ruiz de la Torre"),  # multi-word surname
        ("Souza", "Henrique Souza Ferreira"),  # paternal surname before maternal
        ("Kowalcyzk", "Marta Kowalczyk"),  # a typo
        ("White", "Tom White"),  # not confused with Whitehouse
        ("Whitehouse", "Lena Whitehouse"),
        ("JP", "Juan Perez"),  # alias from the roster file
    ],
)
def test_resolves_to_roster(cited: str, name: str) -> None:
    r = Resolver(list(ROSTER))
    pid = r.resolve(cited)
    person = next(p for p in r.result() if p.id == pid)
    assert person.name == name and person.in_roster


def test_unknown_names_are_kept_once() -> None:
    r = Resolver(list(ROSTER))
    a, b, c = r.resolve("Stallworth"), r.resolve("stallworth"), r.resolve("Castaño")
    assert a == b != c
    people = {p.id: p for p in r.result()}
    assert people[a].name == "Stallworth" and not people[a].in_roster
    assert r.unknown == ["Stallworth"]
    assert len(people) == len(ROSTER) + 1


def test_one_person_one_participant_with_aliases() -> None:
    r = Resolver(list(ROSTER))
    ids = {r.resolve(n) for n in ("Castano", "Castaño", "castaño")}
    assert len(ids) == 1
    person = next(p for p in r.result() if p.id in ids)
    assert "Castano" in person.aliases


def test_roster_files(tmp_path: Path) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text(
        "name,affiliation,aliases\nAnna Baker,River Institute,AB;Annie\nBo Chen,,\n", encoding="utf-8"
    )
    yml = tmp_path / "r.yaml"
    yml.write_text(
        "participants:\n  - name: Anna Baker\n    affiliation: River Institute\n    aliases: [AB]\n  - Bo Chen\n"
    )
    for path in (csv, yml):
        people = load_roster(path)
        assert [p.name for p in people] == ["Anna Baker", "Bo Chen"]
        assert people[0].affiliation == "River Institute" and "AB" in people[0].aliases
        assert people[1].affiliation is None


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.csv", "who,where\nA,B\n", "'name' column"),
        ("bad.yaml", "participants: 3\n", "list of"),
        ("bad2.yaml", "- name: [unclosed\n", "not valid YAML"),
        ("empty.csv", "name,affiliation\n", "no entries"),
    ],
)
def test_bad_roster_files(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RosterError) as exc:
        load_roster(path)
    assert reason in str(exc.value) and str(path) in str(exc.value)
