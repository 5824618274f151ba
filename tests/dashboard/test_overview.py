"""Per-country totals for the map page."""

from __future__ import annotations

import pandas as pd

from newsmap.mapping.markers import marker_count, marker_types
from newsmap.overview import country_counts


def test_country_counts():
    counts = country_counts(pd.DataFrame({"iso3": ["ALB", "MLT", "BIH"], "stories": [3, 1, 0],
                                          "events": [2, 0, 1]}))
    assert counts.of("ALB") == (3, 2)
    assert counts.of("FRA") == (0, 0)
    assert counts.with_stories == 2
    assert counts.max_stories == 3
    assert counts.top(1) == [("ALB", 3)]
    assert counts.unmapped({"ALB", "BIH"}) == [("MLT", 1)]


def test_marker_count_and_types():
    markers = pd.DataFrame({"lat": [1, 1, 2], "lon": [1, 1, 2], "type": ["a", "a", "b"]})
    assert marker_count(markers) == 2
    assert marker_types(markers) == ["a", "b"]
    assert marker_count(markers.iloc[0:0]) == 0
