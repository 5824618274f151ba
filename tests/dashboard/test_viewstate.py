"""The view in the URL query string: round trips, and tolerance of bad links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmap.model import ARTICLE_ID_MAX, ARTICLE_ID_PATTERN, EventType
from newsmap.query import Filters
from newsmap.viewstate import ViewState, from_params, to_params

iso3 = st.from_regex(r"[A-Z]{3}", fullmatch=True)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                min_size=1, max_size=40).map(str.strip).filter(bool)
years = st.tuples(st.integers(1, 9999), st.integers(1, 9999)).map(lambda t: tuple(sorted(t)))


@st.composite
def views(draw):
    filters = Filters(
        years=draw(st.none() | years),
        year_basis=draw(st.sampled_from(["event", "published"])),
        countries=tuple(dict.fromkeys(draw(st.lists(iso3, max_size=4)))),
        event_types=tuple(dict.fromkeys(draw(st.lists(
            st.sampled_from([t.value for t in EventType]), max_size=3)))),
        outlets=tuple(dict.fromkeys(draw(st.lists(words, max_size=3)))),
        regions=tuple(dict.fromkeys(draw(st.lists(words, max_size=2)))),
        text=draw(st.just("") | words),
    )
    story = draw(st.none() | st.from_regex(ARTICLE_ID_PATTERN, fullmatch=True).map(
        lambda text: text[:ARTICLE_ID_MAX].strip("-")))
    return ViewState(filters=filters, country=draw(st.none() | iso3), story=story)


@given(views())
def test_every_view_round_trips(view):
    assert from_params(to_params(view)) == view


def test_the_default_view_has_an_empty_query_string():
    assert to_params(ViewState()) == {}
    assert from_params({}) == ViewState()


def test_params_are_readable():
    view = ViewState(Filters(years=(2019, 2022), countries=("ALB", "IRN"), text="cyber attack"),
                     country="FRA")
    assert to_params(view) == {"country": "FRA", "years": "2019-2022", "in": ["ALB", "IRN"],
                               "q": "cyber attack"}


def test_bad_values_are_dropped_not_fatal():
    view = from_params({"country": "France!", "years": "soon", "type": ["cyberattack", "bogus"],
                        "basis": "whenever", "story": "../etc/passwd", "in": ["alb", "12"]})
    assert view.country is None
    assert view.story is None
    assert view.filters.years is None
    assert view.filters.year_basis == "event"
    assert view.filters.event_types == ("cyberattack",)
    assert view.filters.countries == ("ALB",)


def test_reversed_and_single_years_are_understood():
    assert from_params({"years": "2022-2019"}).filters.years == (2019, 2022)
    assert from_params({"years": "2018"}).filters.years == (2018, 2018)
