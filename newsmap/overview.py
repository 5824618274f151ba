"""Per-country totals under the current filters, in the shapes the map page asks for."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CountryCounts:
    """Stories and events per country (only countries with at least one of them)."""

    by_iso3: dict[str, tuple[int, int]]

    def of(self, iso3: str) -> tuple[int, int]:
        """(stories, events) of one country; (0, 0) when it has none."""
        return self.by_iso3.get(iso3, (0, 0))

    @property
    def with_stories(self) -> int:
        """How many countries have at least one matching story."""
        return sum(1 for stories, _ in self.by_iso3.values() if stories)

    @property
    def max_stories(self) -> int:
        """The largest story count of any country (0 when none)."""
        return max((stories for stories, _ in self.by_iso3.values()), default=0)

    def top(self, n: int) -> list[tuple[str, int]]:
        """The ``n`` countries with the most stories, as (iso3, stories)."""
        ranked = sorted(((iso3, s) for iso3, (s, _) in self.by_iso3.items() if s),
                        key=lambda item: (-item[1], item[0]))
        return ranked[:n]

    def unmapped(self, drawn: Collection[str]) -> list[tuple[str, int]]:
        """Countries with stories that the map has no polygon for, as (iso3, stories)."""
        return [(iso3, s) for iso3, (s, _) in sorted(self.by_iso3.items())
                if s and iso3 not in drawn]


def country_counts(counts: pd.DataFrame) -> CountryCounts:
    """From the frame ``count_by_country`` returns (iso3, stories, events)."""
    return CountryCounts({
        str(iso3): (int(stories), int(events))
        for iso3, stories, events in zip(counts["iso3"], counts["stories"], counts["events"],
                                         strict=True)
    })
