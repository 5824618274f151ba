"""The map element when many readers share one server: a map made for one session's new
filters must never swallow the map another session is drawing at that moment.

``ui.mapview.rendered`` turns a folium map into st_folium's component arguments by swapping
st_folium's component function for a moment. Before the fix, ``show`` looked the function up in
that same place, so a session drawing its map in that moment handed it to the capture: its run
had no map, and Streamlit removed the map from that reader's page (seen in the load test as a
tab with no map for a minute, after searches that made new filter sets). Real folium maps, the
real st_folium component, two threads; a gate inside the map's rendering holds the swap open.
"""

from __future__ import annotations

import threading
from typing import Any

import folium
from branca.element import MacroElement

from ui import mapview

OPTIONS: dict[str, Any] = {"key": mapview.MAP_KEY, "height": 300}


class _Gate(MacroElement):  # type: ignore[misc]
    """A map element whose rendering says it started, then waits to be released."""

    def __init__(self, inside: threading.Event, release: threading.Event) -> None:
        super().__init__()
        self.inside, self.release = inside, release

    def render(self, **kwargs: Any) -> Any:
        self.inside.set()
        self.release.wait(10)
        return super().render(**kwargs)


def _balkans() -> folium.Map:
    return folium.Map(location=[42.0, 20.0], zoom_start=5)


def test_a_map_shown_while_another_session_renders_reaches_the_component() -> None:
    shown_args = mapview.rendered(lambda: (_balkans(), []), **OPTIONS)
    inside, release = threading.Event(), threading.Event()
    other: dict[str, Any] = {}

    def other_session() -> None:
        gated = _balkans()
        _Gate(inside, release).add_to(gated)
        other.update(mapview.rendered(lambda: (gated, []), **{**OPTIONS, "height": 480}))

    thread = threading.Thread(target=other_session)
    thread.start()
    try:
        assert inside.wait(10), "the other session never started rendering its map"
        # the component answers with its current value (its default outside a running app);
        # a map lost to the other session's capture answered None
        value = mapview.show(shown_args, mapview.MAP_KEY)
    finally:
        release.set()
        thread.join(10)
    assert value == shown_args["default"]
    assert other["height"] == 480  # the other session got its own map's arguments, not ours
