"""st_folium's return value -> the newly selected country."""

from __future__ import annotations

from newsmap.mapping import clicked_country


def _returned(count, iso3=None, geometry="Polygon"):
    drawing = None
    if iso3 is not None or geometry == "Point":
        drawing = {"type": "Feature", "properties": {"iso_a3": iso3} if iso3 else {},
                   "geometry": {"type": geometry, "coordinates": []}}
    return {"last_object_clicked_count": count, "last_active_drawing": drawing}


def test_nothing_returned_selects_nothing():
    assert clicked_country(None, None).country is None
    assert clicked_country({}, 3).token == 3


def test_a_new_click_on_a_country_selects_it():
    click = clicked_country(_returned(1, "ALB"), 0)
    assert click.country == "ALB"
    assert click.token == 1


def test_the_same_value_on_a_later_rerun_is_not_a_new_click():
    assert clicked_country(_returned(1, "ALB"), 1).country is None


def test_clicking_the_same_country_again_counts():
    assert clicked_country(_returned(2, "ALB"), 1).country == "ALB"


def test_a_remounted_map_starts_over():
    reset = clicked_country(_returned(0), 7)
    assert reset.country is None
    assert reset.token == 0
    assert clicked_country(_returned(1, "FRA"), reset.token).country == "FRA"


def test_markers_and_bad_values_select_nothing():
    marker = clicked_country(_returned(4, geometry="Point"), 3)
    assert marker.country is None
    assert marker.token == 4
    assert clicked_country(_returned(5, "alb<script>"), 4).country is None
    assert clicked_country({"last_object_clicked_count": "5"}, 4).country is None
