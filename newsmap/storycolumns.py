"""Stories and events per country for a search, from the archive's tags and events held as
columns in memory.

A common search word matches a third of a 100,000-article archive. Counting its stories and
events per country in SQL walks ~270,000 tag rows and ~270,000 event rows, testing each row's
story against the match list: 80-120 ms a question on SQLite, asked three times per search.
The same counts over numpy columns, loaded once per build of the store, take a few
milliseconds. The columns also choose the stories and events a list shows (the country panel,
the Stories and Timeline pages), which in SQL cost up to a second at 100,000 articles under a
year span. :func:`holds` says which filters the columns can answer (search text, tagged
countries, event years and types); :func:`counts_from_columns` which counts they answer (those
of a search or of tagged countries: the summary tables answer the others). The store's SQL
answers every other filter, and the tests hold both to the same answers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from newsmap.gcpause import collector_paused
from newsmap.query import Filters, fts_query

ARTICLE_ROWS = "SELECT id, pk, published, title FROM articles"
"""The story rows :func:`load_columns` takes (the same text on both backends)."""
TAG_ROWS = "SELECT article_id, iso3, is_primary, salience FROM country_tags"
"""The tag rows :func:`load_columns` takes (the same text on both backends)."""
EVENT_ROWS = ("SELECT article_id, iso3, year_from, year_to, type, lat, lon, sort_key, pk"
              " FROM events")
"""The event rows :func:`load_columns` takes (the same text on both backends)."""

MARKER_COLUMNS = ["lat", "lon", "place", "iso3", "type", "events", "rank",
                  "date", "precision", "summary", "title", "article_id", "site_of"]
"""The columns of :func:`newsmap.query.event_markers`."""
EVENT_DETAILS = ("SELECT e.pk, e.place, e.iso3, e.date, e.precision, e.summary, a.title,"
                 " e.article_id, e.site_of FROM events e JOIN articles a ON a.id = e.article_id"
                 " WHERE e.pk")
"""What a marker shows of an event; each backend ends it with its test of a list of row keys."""
LOG = logging.getLogger(__name__)
KEPT_SEARCHES = 8
"""How many searches' story sets a build's columns keep."""

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def holds(filters: Filters) -> bool:
    """Whether the columns hold what ``filters`` ask of a story: no filter on outlets, regions
    or publication years."""
    if filters.outlets or filters.regions:
        return False
    return filters.years is None or filters.year_basis == "event"


def counts_from_columns(filters: Filters) -> bool:
    """Whether the columns count ``filters``: they hold them, and a search or tagged countries
    select the stories (what the summary tables cannot answer)."""
    return holds(filters) and (fts_query(filters.text) is not None or bool(filters.countries))


@dataclass(frozen=True)
class StoryColumns:
    """Every country tag and event of one build, one array element each; stories are numbered
    in the order they were first seen, countries and event types are codes into their lists."""

    version: int
    """The build (store version) they were read from."""
    story_number: pd.Index
    """Story ids; a story's number is its position."""
    story_pk: Ints
    """Each story's row key."""
    story_recency: Ints
    """Each story's place in the order of story lists: newest first (undated last), then by
    title, then by row key."""
    countries: list[str]
    types: list[str]
    tag_story: Ints
    tag_country: Ints
    tag_primary: Bools
    tag_salience: Floats
    primary_pairs: Ints
    """story * len(countries) + country of every primary tag, sorted."""
    event_story: Ints
    event_country: Ints
    """-1 for an event with no country."""
    event_dated: Bools
    event_year_from: Ints
    event_year_to: Ints
    """0 where the event is not dated (``event_dated`` says which)."""
    event_type: Ints
    event_located: Bools
    event_pk: Ints
    event_order: Ints
    """Each event's place in date order (undated last, then by row key), as markers list them."""
    event_listed: Ints
    """Each event's place in event lists: date order (undated last), then its story's title,
    then row key."""
    event_point: Ints
    """The code of each located event's (lat, lon, type), -1 for an event without coordinates."""
    point_lat: Floats
    point_lon: Floats
    point_type: Ints
    """Latitude, longitude and type code of each point code."""
    _kept_stories: dict[tuple[str, tuple[str, ...]], Bools] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def count_by_country(self, filters: Filters, matched: Sequence[str] | None,
                         primary: bool = False) -> pd.DataFrame:
        """As :func:`newsmap.query.count_by_country` for filters the columns cover, the search's
        matching story ids given (``matched``; None without a search)."""
        stories = self._stories(filters, matched)
        width = len(self.countries)
        if filters.filters_events:
            chosen = self._events(filters, stories) & (self.event_country >= 0)
            story, country = self.event_story[chosen], self.event_country[chosen]
            n_events = np.bincount(country, minlength=width)
            pairs = np.unique(story * width + country)  # a story counts once per country
            if primary:
                pairs = pairs[np.isin(pairs, self.primary_pairs, assume_unique=True)]
            n_stories = np.bincount(pairs % width, minlength=width)
            shown = n_events > 0  # a country with matching events, about it or not
        else:
            tagged = stories[self.tag_story]
            if primary:
                tagged &= self.tag_primary
            n_stories = np.bincount(self.tag_country[tagged], minlength=width)
            witnessed = stories[self.event_story] & (self.event_country >= 0)
            n_events = np.bincount(self.event_country[witnessed], minlength=width)
            shown = (n_stories > 0) | (n_events > 0)
        rows = sorted((self.countries[code], int(n_stories[code]), int(n_events[code]))
                      for code in np.flatnonzero(shown))
        frame = pd.DataFrame(rows, columns=["iso3", "stories", "events"])
        return frame.astype({"stories": "int64", "events": "int64"})

    def event_counts(self, filters: Filters, matched: Sequence[str] | None,
                     country: str | None = None) -> dict[str, int]:
        """As :func:`newsmap.query.event_counts` for filters the columns cover."""
        chosen = self._events(filters, self._stories(filters, matched))
        if country is not None:
            chosen &= self.event_country == self._code(self.countries, country)
        located = chosen & self.event_located
        dated = chosen & self.event_dated
        return {
            "events": int(chosen.sum()),
            "dated": int(dated.sum()),
            "located": int(located.sum()),
            "country_only": int((chosen & ~self.event_located
                                 & (self.event_country >= 0)).sum()),
            "spans": int((dated & (self.event_year_from < self.event_year_to)).sum()),
        }

    def event_markers(self, filters: Filters, matched: Sequence[str] | None, *,
                      per_marker: int, limit: int,
                      details: Callable[[list[int]], dict[int, Sequence[Any]]]) -> pd.DataFrame:
        """As :func:`newsmap.query.event_markers` for filters the columns cover: the groups and
        their first events found here, the shown events' text read with ``details`` (event row
        keys to ``(place, iso3, date, precision, summary, title, article_id, site_of)``)."""
        chosen = self._events(filters, self._stories(filters, matched)) & self.event_located
        sizes = np.bincount(self.event_point[chosen], minlength=len(self.point_lat))
        found = np.flatnonzero(sizes)
        type_rank = np.argsort(np.argsort(np.array(self.types, dtype=object)))
        busiest = found[np.lexsort((type_rank[self.point_type[found]], self.point_lon[found],
                                    self.point_lat[found], -sizes[found]))][:max(limit, 0)]
        place_of_group = np.full(len(self.point_lat), -1, dtype=np.int64)
        place_of_group[busiest] = np.arange(len(busiest))
        shown = np.flatnonzero(chosen & (place_of_group[np.maximum(self.event_point, 0)] >= 0))
        group = place_of_group[self.event_point[shown]]
        shown = shown[np.lexsort((self.event_order[shown], group))]
        group = place_of_group[self.event_point[shown]]
        starts = np.searchsorted(group, group)  # each event's group begins here (sorted)
        rank = np.arange(len(shown)) - starts + 1
        first = rank <= per_marker
        shown, group, rank = shown[first], group[first], rank[first]
        text = details([int(pk) for pk in self.event_pk[shown]])
        rows = []
        for event, place, event_rank in zip(shown, group, rank, strict=True):
            point = busiest[place]
            about = text.get(int(self.event_pk[event]))
            if about is None:  # gone in a build that landed meanwhile
                continue
            place_name, iso3, date, precision, summary, title, article_id, site_of = about
            rows.append((float(self.point_lat[point]), float(self.point_lon[point]), place_name,
                         iso3, self.types[self.point_type[point]], int(sizes[point]),
                         int(event_rank), date, precision, summary, title, article_id, site_of))
        frame = pd.DataFrame(rows, columns=MARKER_COLUMNS)
        return frame.astype({"events": "int64", "rank": "int64"})

    def count_stories(self, filters: Filters, matched: Sequence[str] | None) -> int:
        """As :func:`newsmap.query.count_stories` for filters the columns cover."""
        return int(self._listed(filters, matched, None).sum())

    def story_page(self, filters: Filters, matched: Sequence[str] | None,
                   country: str | None = None,
                   limit: int | None = None) -> tuple[Ints, Bools | None]:
        """The row keys of the stories :func:`newsmap.query.stories` lists for these arguments,
        in its order, with (for ``country``) whether each is about the country; the rows
        themselves are read by row key."""
        listed = self._listed(filters, matched, country)
        end = None if limit is None else max(limit, 0)
        if country is None:
            found = np.flatnonzero(listed)
            found = found[np.argsort(self.story_recency[found], kind="stable")][:end]
            return self.story_pk[found], None
        tags = np.flatnonzero((self.tag_country == self._code(self.countries, country))
                              & listed[self.tag_story])
        story = self.tag_story[tags]
        order = np.lexsort((self.story_recency[story], -self.tag_salience[tags],
                            ~self.tag_primary[tags]))[:end]
        return self.story_pk[story[order]], self.tag_primary[tags[order]]

    def event_page(self, filters: Filters, matched: Sequence[str] | None,
                   country: str | None = None, *, located_only: bool = False,
                   limit: int | None = None) -> Ints:
        """The row keys of the events :func:`newsmap.query.events` lists for these arguments,
        in its order."""
        chosen = self._events(filters, self._stories(filters, matched))
        if country is not None:
            chosen &= self.event_country == self._code(self.countries, country)
        if located_only:
            chosen &= self.event_located
        found = np.flatnonzero(chosen)
        end = None if limit is None else max(limit, 0)
        return self.event_pk[found[np.argsort(self.event_listed[found], kind="stable")][:end]]

    def _listed(self, filters: Filters, matched: Sequence[str] | None,
                country: str | None) -> Bools:
        """Which stories a story list shows: those passing the story-level filters that, when
        the filters select by events, have such an event (in ``country`` when given)."""
        stories = self._stories(filters, matched)
        if not filters.filters_events:
            return stories
        chosen = self._events(filters, stories)
        if country is not None:
            chosen &= self.event_country == self._code(self.countries, country)
        witnessed = np.zeros(len(self.story_number), dtype=np.bool_)
        witnessed[self.event_story[chosen]] = True
        return witnessed

    def _stories(self, filters: Filters, matched: Sequence[str] | None) -> Bools:
        """Which stories pass the story-level filters (the search's matches, tagged countries),
        indexed by story number; kept for the last few searches, as the questions of one search
        all ask it."""
        key = (filters.text, filters.countries)
        with self._lock:
            kept = self._kept_stories.get(key)
        if kept is not None:
            return kept
        stories = self._find_stories(filters, matched)
        with self._lock:
            self._kept_stories[key] = stories
            while len(self._kept_stories) > KEPT_SEARCHES:
                self._kept_stories.pop(next(iter(self._kept_stories)))
        return stories

    def _find_stories(self, filters: Filters, matched: Sequence[str] | None) -> Bools:
        if matched is None:
            stories = np.ones(len(self.story_number), dtype=np.bool_)
        else:
            stories = np.zeros(len(self.story_number), dtype=np.bool_)
            found = self.story_number.get_indexer(pd.Index(matched, dtype=object))
            stories[found[found >= 0]] = True
        if filters.countries:
            codes = [self._code(self.countries, iso3) for iso3 in filters.countries]
            tagged = np.zeros(len(self.story_number), dtype=np.bool_)
            tagged[self.tag_story[np.isin(self.tag_country, codes)]] = True
            stories &= tagged
        return stories

    def _events(self, filters: Filters, stories: Bools) -> Bools:
        """Which events belong to ``stories`` and pass the event filters (years, types)."""
        chosen = stories[self.event_story]
        if filters.years is not None and filters.year_basis == "event":
            start, end = filters.years
            chosen &= self.event_dated
            chosen &= (self.event_year_to >= start) & (self.event_year_from <= end)
        if filters.event_types:
            codes = [self._code(self.types, kind) for kind in filters.event_types]
            chosen &= np.isin(self.event_type, codes)
        return chosen

    @staticmethod
    def _code(names: list[str], name: str) -> int:
        """The code of ``name`` (-2, matching nothing, when the archive has none)."""
        try:
            return names.index(name)
        except ValueError:
            return -2


def load_columns(version: int, articles: Iterable[Sequence[Any]], tags: Iterable[Sequence[Any]],
                 events: Iterable[Sequence[Any]]) -> StoryColumns:
    """Columns of build ``version`` from the rows of :data:`ARTICLE_ROWS`, :data:`TAG_ROWS`
    and :data:`EVENT_ROWS` (numbered by pandas in C: a Python loop over 540,000 rows took a
    second). Titles and dates are ordered by code point, as SQLite's default collation and
    the PostgreSQL queries' ``COLLATE "C"`` order them."""
    with collector_paused():  # rows hold no cycles; a collection would walk them again and again
        article_columns = _transposed(articles, 4)
        tag_columns = _transposed(tags, 4)
        event_columns = _transposed(events, 9)
    n_tags = len(tag_columns[0])
    story_number = pd.Index(article_columns[0], dtype=object)
    story_codes = story_number.get_indexer(pd.Index(tag_columns[0] + event_columns[0],
                                                    dtype=object))
    story_pk = np.array(article_columns[1], dtype=np.int64)
    published, _ = pd.factorize(np.array(article_columns[2], dtype=object), sort=True)
    titles, _ = pd.factorize(np.array(article_columns[3], dtype=object), sort=True)
    recency = np.empty(len(story_pk), dtype=np.int64)  # newest first, undated (-1) last
    recency[np.lexsort((story_pk, titles, -published, published < 0))] = np.arange(len(story_pk))
    country_codes, countries = pd.factorize(np.array(tag_columns[1] + event_columns[1],
                                                     dtype=object))  # no country: -1
    type_codes, types = pd.factorize(np.array(event_columns[4], dtype=object))
    year_from = np.array(event_columns[2], dtype=np.float64)  # not dated: NaN
    year_to = np.array(event_columns[3], dtype=np.float64)
    dated = ~np.isnan(year_from)
    lat = np.array(event_columns[5], dtype=np.float64)  # no coordinates: NaN
    lon = np.array(event_columns[6], dtype=np.float64)
    located = ~np.isnan(lat)
    pks = np.array(event_columns[8], dtype=np.int64)
    dates, distinct_dates = pd.factorize(np.array(event_columns[7], dtype=object), sort=True)
    dates[dates < 0] = len(distinct_dates)  # sort keys have one form (YYYY-MM-DD): any
    order = np.empty(len(pks), dtype=np.int64)  # collation orders them alike; undated last
    order[np.lexsort((pks, dates))] = np.arange(len(pks))
    event_story = story_codes[n_tags:].astype(np.int64)
    listed = np.empty(len(pks), dtype=np.int64)
    listed[np.lexsort((pks, titles[event_story], dates))] = np.arange(len(pks))
    lat_codes, lats = pd.factorize(lat)
    lon_codes, lons = pd.factorize(lon)
    combined = (lat_codes.astype(np.int64) * (len(lons) + 1) + lon_codes) * (len(types) + 1)
    point_codes, points = pd.factorize((combined + type_codes)[located])
    event_point = np.full(len(pks), -1, dtype=np.int64)
    event_point[located] = point_codes
    point_lat = np.array(lats, dtype=np.float64)[points // (len(types) + 1) // (len(lons) + 1)]
    point_lon = np.append(np.array(lons, dtype=np.float64), np.nan)[  # the store writes both
        points // (len(types) + 1) % (len(lons) + 1)]  # coordinates or none: NaN is never used
    point_type = points % (len(types) + 1)
    tag_story = story_codes[:n_tags].astype(np.int64)
    tag_country = country_codes[:n_tags].astype(np.int64)
    tag_primary = np.array(tag_columns[2], dtype=np.int64) != 0
    return StoryColumns(
        version=version,
        story_number=story_number, story_pk=story_pk, story_recency=recency,
        countries=[str(iso3) for iso3 in countries], types=[str(kind) for kind in types],
        tag_story=tag_story, tag_country=tag_country, tag_primary=tag_primary,
        tag_salience=np.array(tag_columns[3], dtype=np.float64),
        primary_pairs=np.unique(tag_story[tag_primary] * len(countries)
                                + tag_country[tag_primary]),
        event_story=event_story,
        event_country=country_codes[n_tags:].astype(np.int64),
        event_dated=dated,
        event_year_from=np.where(dated, year_from, 0).astype(np.int64),
        event_year_to=np.where(dated, year_to, 0).astype(np.int64),
        event_type=type_codes.astype(np.int64),
        event_located=located,
        event_pk=pks,
        event_order=order,
        event_listed=listed,
        event_point=event_point,
        point_lat=point_lat, point_lon=point_lon, point_type=point_type.astype(np.int64),
    )


def _transposed(rows: Iterable[Sequence[Any]], width: int) -> list[list[Any]]:
    """``rows`` as ``width`` column lists (empty lists when there are no rows)."""
    columns = [list(column) for column in zip(*list(rows), strict=True)]
    return columns or [[] for _ in range(width)]


class ColumnsCache:
    """One store's columns for its latest build. Loading them takes a second of CPU at 100,000
    articles, so it runs once per build in a background thread, started by the first question
    they would answer; until they are loaded the store answers in SQL (the same answers)."""

    def __init__(self, load: Callable[[], StoryColumns]) -> None:
        """``load`` reads the columns of the store's current build in one snapshot."""
        self._load = load
        self._kept: StoryColumns | None = None
        self._loading: int | None = None
        self._closed = False
        self._lock = threading.Lock()

    def close(self) -> None:
        """Start no more loads: the store is closing (a load running now ends quietly)."""
        with self._lock:
            self._closed = True

    def covering(self, filters: Filters, version: int, *, counts: bool) -> StoryColumns | None:
        """The columns of build ``version`` when they answer ``filters`` (for ``counts``, as
        :func:`counts_from_columns` says; for lists, as :func:`holds` says) and are loaded;
        otherwise None, having started their load when they would answer."""
        if not (counts_from_columns(filters) if counts else holds(filters)):
            return None
        with self._lock:
            if self._kept is not None and self._kept.version == version:
                return self._kept
            if self._loading == version or self._closed:
                return None
            self._loading = version
        threading.Thread(target=self._load_quietly, name="newsmap-story-columns",
                         daemon=True).start()
        return None

    def get(self) -> StoryColumns:
        """The columns of the store's current build, loaded now when not kept."""
        columns = self._load()
        with self._lock:
            self._kept = columns
        return columns

    def _load_quietly(self) -> None:
        try:
            columns = self._load()
        except Exception:  # the store keeps answering in SQL; say why the columns did not load
            with self._lock:
                closed = self._closed
            if not closed:  # a store closed meanwhile has no reader left to answer
                LOG.exception("story columns not loaded; searches are counted in SQL")
            return
        with self._lock:
            if self._kept is None or self._kept.version < columns.version:
                self._kept = columns
