"""A reader's browser tab reduced to Streamlit's websocket protocol, for the benchmarks.

One :class:`Reader` is one session, as one open tab: it asks for a page, then reruns it the way
the browser does after an interaction (``BackMsg.rerun_script`` with the tab's query string, the
widget values it holds and the hashes of the large messages it has cached, so the server sends
those by reference). A map click is the folium component's new value, as ``st_folium`` sends it
from the browser: ``last_object_clicked_count`` one higher and the clicked country's feature.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

RUN_TIMEOUT_S = 30.0


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    bytes: int
    messages: int
    error: str | None = None


@dataclass
class Reader:
    """One websocket session (one browser tab) on a Streamlit app."""

    url: str
    ws: Any = None
    query_string: str = ""
    page_hash: str = ""
    cached: set[str] = field(default_factory=set)
    widgets: dict[str, Any] = field(default_factory=dict)
    """Widget id -> the WidgetState the tab holds (sent with every rerun)."""
    map_id: str | None = None
    clicks: int = 0
    labelled: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Widget label -> (kind, id) of the sliders and text boxes last drawn."""

    async def open(self) -> None:
        """Connect (no run yet)."""
        import websockets

        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None,  # type: ignore[list-item]
            open_timeout=RUN_TIMEOUT_S, additional_headers={"Origin": "http://127.0.0.1"})

    async def close(self) -> None:
        """Disconnect."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def load(self, query_string: str = "") -> Run:
        """Open the page at ``?query_string`` (a page load: the whole page is sent)."""
        self.query_string = query_string
        self.widgets.clear()
        self.map_id = None
        self.clicks = 0
        self.labelled.clear()
        return await self._rerun()

    async def click_country(self, iso3: str) -> Run:
        """Click inside a country on the map (the folium component's new value)."""
        if self.map_id is None:
            return Run(0.0, 0, 0, "no map on the page")
        from streamlit.proto import WidgetStates_pb2

        self.clicks += 1
        value = {
            "last_object_clicked_count": self.clicks,
            "last_active_drawing": {
                "type": "Feature",
                "properties": {"iso_a3": iso3},
                "geometry": {"type": "Point", "coordinates": [20.0, 41.0]},
            },
        }
        state = WidgetStates_pb2.WidgetState(id=self.map_id, json_value=json.dumps(value))
        self.widgets[self.map_id] = state
        return await self._rerun()

    async def set_widget(self, label: str, value: str | list[float]) -> Run:
        """Give the slider or text box labelled ``label`` a new value, as the reader does."""
        from streamlit.proto import WidgetStates_pb2

        if label not in self.labelled:
            return Run(0.0, 0, 0, f"no widget labelled {label!r}")
        kind, widget_id = self.labelled[label]
        state = WidgetStates_pb2.WidgetState(id=widget_id)
        if kind == "slider":
            state.double_array_value.data.extend(value)  # type: ignore[arg-type]
        else:
            state.string_value = str(value)
        self.widgets[widget_id] = state
        return await self._rerun()

    async def change_query(self, **params: str | None) -> Run:
        """Rerun with changed URL parameters (``None`` removes one), as after a filter change
        written to the address (a year span, a search) or Back/Forward."""
        current = dict(parse_qsl(self.query_string))
        for name, value in params.items():
            if value is None:
                current.pop(name, None)
            else:
                current[name] = value
        self.query_string = urlencode(current)
        return await self._rerun()

    async def _rerun(self) -> Run:
        from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2

        message = BackMsg_pb2.BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query_string
        rerun.page_script_hash = self.page_hash
        rerun.widget_states.widgets.extend(self.widgets.values())
        rerun.cached_message_hashes.extend(sorted(self.cached))
        started = time.perf_counter()
        size = count = 0
        error = None
        try:
            await self.ws.send(message.SerializeToString())
            while True:
                data = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
                size += len(data)
                count += 1
                forward = ForwardMsg_pb2.ForwardMsg()
                forward.ParseFromString(data)
                if forward.metadata.cacheable and forward.hash:
                    self.cached.add(forward.hash)
                kind = forward.WhichOneof("type")
                if kind == "delta":
                    error = self._element(forward) or error
                elif kind == "page_info_changed":
                    self.query_string = forward.page_info_changed.query_string
                elif kind == "new_session":
                    self.page_hash = forward.new_session.page_script_hash
                elif kind == "script_finished":
                    status = forward.script_finished
                    seconds = time.perf_counter() - started
                    if status in (0, 3):  # finished (a fragment) successfully
                        return Run(seconds, size, count, error)
                    if status == 1:
                        return Run(seconds, size, count, "compile error")
                    # 2: rerun requested by the script itself; keep reading
        except Exception as failure:  # every failure is counted, never raised
            return Run(time.perf_counter() - started, size, count,
                       f"{type(failure).__name__}: {failure}"[:80])

    def _element(self, forward: Any) -> str | None:
        element = forward.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return "exception: " + element.exception.message[:80]
        if kind == "component_instance" and "folium" in element.component_instance.component_name:
            self.map_id = element.component_instance.id
        elif kind in ("slider", "text_input"):
            widget = getattr(element, kind)
            self.labelled[widget.label] = (kind, widget.id)
        return None
