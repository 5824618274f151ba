"""Place tags: names the gazetteer knows in more than one spelling, and names not places."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def test_a_name_written_without_its_apostrophe_is_the_place(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("Shelling continued in Tskhinvali on Friday."))
    assert [(p.name, p.iso3) for p in tags.places] == [("Ts’khinvali", "GEO")]


def test_a_resort_with_a_hyphenated_particle_is_a_place(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("Egypt's former president left Cairo and flew to Sharm el-Sheikh.")
    )
    assert {(p.name, p.iso3) for p in tags.places} == {
        ("Cairo", "EGY"),
        ("Sharm el-Sheikh", "EGY"),
    }


def test_the_white_house_is_not_casablanca(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Morocco's king spoke to the White House on Monday. In Rabat, officials welcomed "
            "the call."
        )
    )
    assert "Casablanca" not in {p.name for p in tags.places}
    assert {p.name for p in tags.places} == {"Rabat"}
