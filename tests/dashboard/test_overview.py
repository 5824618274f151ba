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


def test_rejected_files_are_shown_relative_to_the_corpus(tmp_path):
    import pandas as pd

    from newsmap.about import rejected_files

    corpus = tmp_path / "data"
    rejected = pd.DataFrame({"source_path": [str(corpus / "articles" / "bad.md"),
                                             "/elsewhere/secret/odd.md"],
                             "reason": ["no title", "not UTF-8"]})
    shown = rejected_files(rejected, corpus)
    assert list(shown["file"]) == ["articles/bad.md", "odd.md"]
    assert not any(str(tmp_path) in f for f in shown["file"])
