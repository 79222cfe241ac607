"""``script.UPPER`` is written as data and shaped for speed (see its module): it must still match exactly
the capitals the class built from ``str.isupper``/``istitle`` matched, every code point checked."""

from __future__ import annotations

import re
import unicodedata

import pytest

from rapporteur import script

EVERY = "".join(map(chr, range(0x110000)))
# The class as it was first written: every capital to U+1FFFF, one range list.
PLAIN = "[" + script.class_body(script.is_capital, 0, 0x20000) + "]"


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("template", ["{}", "(?<=a){}", "(?:{}\\.)+"])
def test_upper_matches_what_the_plain_class_matches(template: str, flags: int) -> None:
    text = EVERY if "a" not in template and "." not in template else None
    if text is None:  # each code point in the context the pattern needs
        text = "".join(("a" + c) if "a" in template else (c + ".") for c in EVERY)
    got = [m.span() for m in re.finditer(template.format(script.UPPER), text, flags)]
    want = [m.span() for m in re.finditer(template.format(PLAIN), text, flags)]
    assert got == want
    assert len(got) > 150  # runs of capitals: Latin, Greek, Cyrillic, Armenian, Deseret, Adlam, ...


def test_names_of_many_scripts_start_with_a_capital() -> None:
    name = re.compile(script.UPPER + r"\w+")
    for word in ("Łukasz", "Šimon", "İlker", "Ōsaka", "Σοφία", "Дмитрий", "Ǆokić", "𐐔𐐯𐑅𐐨𐑉𐐯𐐻"):
        assert name.fullmatch(word), word
    for word in ("łukasz", "σοφία", "дмитрий", "𐐼𐐯𐑅𐐨𐑉𐐯𐐻", "𝐚bc", "1abc"):
        assert not name.fullmatch(word), word
    assert name.fullmatch("𝐀bc")  # a mathematical capital is upper case, as it always was here


@pytest.mark.skipif(
    unicodedata.unidata_version != script._TABLE_UNICODE, reason="table is of another Unicode"
)
def test_the_written_table_is_the_computed_one() -> None:
    assert script.tables() == (script._BMP, script._ASTRAL)


def test_the_class_body_holds_the_capitals_and_works_inside_a_class() -> None:
    """``UPPER_CHARS`` goes inside ``[...]`` beside other characters (``UPPER`` is a group and cannot):
    the class it makes holds exactly the capitals, and a negated class made with it the rest."""
    got = [m.start() for m in re.finditer(f"[{script.UPPER_CHARS}]", EVERY)]
    want = [m.start() for m in re.finditer(PLAIN, EVERY)]
    assert got == want
    stop = re.compile(rf"[^a-z{script.UPPER_CHARS}]")
    assert [c for c in ("A", "Ł", "𐐔", "a", "(", ";", "ⓐ") if stop.fullmatch(c)] == ["(", ";", "ⓐ"]


def test_a_citations_stop_character_is_what_no_author_list_holds() -> None:
    """The citation detector starts its look for authors after the last character no author list holds:
    punctuation such as "(" or ";" is one, a letter, mark, space or "." ",", "&", "'" or "-" is not."""
    from rapporteur.attribute.citations import _STOP

    assert [c for c in "(;:[A a.,&'’-\u0301Ł𐐔" if _STOP.fullmatch(c)] == ["(", ";", ":", "["]
