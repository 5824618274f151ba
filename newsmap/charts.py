"""Charts as Altair specifications (plain objects: the app only displays them)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from newsmap.mapping.markers import EVENT_STYLES, event_style


def timeline_chart(per_year: pd.DataFrame, title: str = "Events per year, by type") -> alt.Chart:
    """Events per year stacked by type (``per_year``: year, type, events), in the map's colours.

    Years are a continuous axis (1994 and 2008 stand 14 years apart), counts are whole numbers,
    and the legend lists only the types present.
    """
    frame = per_year.copy()
    frame["label"] = [event_style(t).label for t in frame["type"]]
    present = set(frame["label"])
    styles = [s for s in EVENT_STYLES.values() if s.label in present]
    first, last = (int(frame["year"].min()), int(frame["year"].max())) if len(frame) else (0, 1)
    span = max(last - first, 1)
    chart: alt.Chart = (
        alt.Chart(frame, title=title)
        .mark_bar(width={"band": 0.9} if span < 2 else alt.Undefined, size=_bar_size(span))
        .encode(
            x=alt.X("year:Q", title="Year",
                    scale=alt.Scale(domain=[first - 0.5, last + 0.5], nice=False, zero=False),
                    axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True)),
            y=alt.Y("sum(events):Q", title="Events", stack="zero",
                    axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color(
                "label:N", title="Event type",
                scale=alt.Scale(domain=[s.label for s in styles],
                                range=[s.colour for s in styles]),
            ),
            order=alt.Order("label:N"),
            tooltip=[alt.Tooltip("year:Q", title="Year", format="d"),
                     alt.Tooltip("label:N", title="Type"),
                     alt.Tooltip("events:Q", title="Events", format="d")],
        )
        .properties(height=320)
    )
    return chart


def _bar_size(span: int) -> float:
    """Bar width in pixels for a span of years on a chart about 700 pixels wide."""
    return max(2.0, min(40.0, 600.0 / (span + 1)))
