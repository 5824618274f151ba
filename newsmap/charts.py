"""Charts as Altair specifications (plain objects: the app only displays them)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from newsmap.mapping.markers import EVENT_STYLES, event_style


def timeline_chart(per_year: pd.DataFrame) -> alt.Chart:
    """Events per year stacked by type (``per_year``: year, type, events), in the map's colours."""
    frame = per_year.copy()
    frame["label"] = [event_style(t).label for t in frame["type"]]
    styles = list(EVENT_STYLES.values())
    chart: alt.Chart = (
        alt.Chart(frame, title="Events per year, by type")
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y("sum(events):Q", title="Events", stack="zero"),
            color=alt.Color(
                "label:N", title="Event type",
                scale=alt.Scale(domain=[s.label for s in styles],
                                range=[s.colour for s in styles]),
            ),
            order=alt.Order("label:N"),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("label:N", title="Type"),
                     alt.Tooltip("events:Q", title="Events")],
        )
        .properties(height=320)
    )
    return chart
