"""PostgreSQL as the shared store of many app replicas: reads from a connection pool, the
build in one transaction under an advisory lock.

Library: psycopg 3 with psycopg_pool. The queries are hand-written SQL in both backends already
(:mod:`newsmap.query` is tuned line by line to SQLite's planner: covering indexes, ``+`` to keep
an index out, materialised pages), and full-text search is the part that differs most (FTS5
``MATCH``/``snippet`` against ``tsvector``/``websearch_to_tsquery``/``ts_headline``). SQLAlchemy
Core could not keep one query definition for both without giving up those tunings, and would add
a layer between the SQL we measure and the SQL that runs. psycopg is the driver a geo/data
engineer reaches for (server-side binding, pipeline mode for the build's many small inserts,
``COPY`` when needed), and psycopg_pool gives each replica a small bounded pool.

Concurrency: one build at a time holds ``pg_try_advisory_xact_lock`` inside its transaction
(another build waits up to ``--wait`` seconds, then is told); readers never wait: they see the
last committed build (MVCC) and poll its number in the ``meta`` table (``store_version``).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from newsmap import correction_book, storycolumns, summaries
from newsmap.build import BuildReport, Progress, corpus_signature, tagger_fingerprint
from newsmap.buildplan import Plan, plan_build, scan_sources, scans_signature
from newsmap.correction_book import CorrectionBook
from newsmap.errors import BuildLockedError, SourceError, StoreError
from newsmap.eventids import event_uids
from newsmap.freshness import Freshness
from newsmap.imported_query import NEAR_DAYS
from newsmap.imported_store import RowCounts, remove_datasets, write_dataset
from newsmap.model import Article, ArticleTags
from newsmap.printable import printable
from newsmap.query import Filters, TextMatches, YearBasis, fts_query
from newsmap.sites import event_sites
from newsmap.sources import sources_for
from newsmap.sources.base import ImportedEvents, Rejection
from newsmap.store import StoredFile, event_rows, primary_countries
from newsmap.stores import pg_imported, pg_query
from newsmap.stores.pg_schema import LATEST_VERSION, migrate, schema_version
from newsmap.tagpool import Fresh, Same, read_and_tag_all

BUILD_LOCK = 0x6E65_7773_6D61_7002
"""Advisory lock key a build holds for its transaction ("newsmap" + 2)."""
POOL_MAX = 4
"""Connections per app replica: Streamlit runs each session's script in its own thread."""
CONNECT_TIMEOUT_S = 10.0
IMPORT_WAIT_S = 30.0
"""How long an import waits for a running build (SQLite's busy timeout is as long)."""

Conn = psycopg.Connection[tuple[Any, ...]]
T = TypeVar("T")


def printable_url(url: str) -> str:
    """The URL without its password, fit for messages and logs."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1@", url)


class PostgresStore:
    """A newsmap store in a PostgreSQL database named by a ``postgresql://`` URL."""

    kind = "postgresql"

    def __init__(self, url: str, *, migrate: bool = False, pool_size: int = POOL_MAX) -> None:
        """Connect (StoreError when the server cannot be reached). A reader (``migrate``
        False) opens its pool now; a writer migrates the schema over a plain connection and
        opens the pool only when it first asks a question: a build forks its tagging workers,
        which it does not do while the pool's threads run."""
        self.url = url
        self.location = printable_url(url)
        self._matches: TextMatches[list[str]] = TextMatches()
        """The last searches' matches, shared by the questions each search asks."""
        self._columns = storycolumns.ColumnsCache(self._load_columns)
        """Tags and events as columns, for the counts of a search (:mod:`newsmap.storycolumns`)."""
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                    kwargs={"autocommit": True}, name="newsmap")
        self._pool_lock = threading.Lock()
        self._pool_open = False
        self._closed = False
        if migrate:
            try:
                with self._connect() as conn:
                    _migrate(conn, self.location)
            except psycopg.OperationalError as error:
                raise StoreError(f"cannot connect to the PostgreSQL store {self.location}; is "
                                 f"the server running? ({error})") from error
        else:
            self._open_pool()

    def _connect(self) -> Conn:
        """A plain connection outside the pool (no threads), for a build or an import."""
        return psycopg.connect(self.url, autocommit=True, connect_timeout=int(CONNECT_TIMEOUT_S))

    def _open_pool(self) -> None:
        with self._pool_lock:
            if self._closed:  # a closed pool would open again, and retry a gone server forever
                raise StoreError(f"the PostgreSQL store {self.location} is closed")
            if self._pool_open:
                return
            try:
                self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
            except PoolTimeout as error:
                self._pool.close()
                raise StoreError(f"cannot connect to the PostgreSQL store {self.location} "
                                 f"within {CONNECT_TIMEOUT_S:.0f} s; is the server "
                                 "running?") from error
            self._pool_open = True

    def _ask(self, question: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one question on a pooled connection, as StoreError when the store is unusable."""
        if not self._pool_open or self._closed:
            self._open_pool()
        try:
            with self._pool.connection(timeout=CONNECT_TIMEOUT_S) as conn:
                return question(conn, *args, **kwargs)
        except psycopg.errors.UndefinedTable as error:
            raise StoreError(f"the database {self.location} holds no newsmap store yet, or "
                             "one built by an older newsmap; run `newsmap build`") from error
        except psycopg.errors.UndefinedColumn as error:  # a schema older than the readers
            raise StoreError(f"the database {self.location} was built by an older newsmap; "
                             "run `newsmap build` to upgrade it") from error
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise StoreError(f"the PostgreSQL store {self.location} cannot be reached "
                             f"({error})") from error

    def identity(self) -> int:
        """Always 0: a database is named by its URL, never replaced under it."""
        return 0

    def store_version(self) -> int:
        """The build counter in the meta table (0 before the first build)."""
        value = self._ask(_meta_or_none, "store_version")
        return int(value) if value else 0

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table, or None."""
        return self._ask(_meta_or_none, key)

    def sqlite_connection(self) -> None:
        """None: there is no SQLite connection (every reader sees the last committed build)."""
        return None

    def freshness(self, data_dir: Path) -> Freshness:
        """MISSING before the first build, STALE after a schema or corpus change, else CURRENT."""
        state = self._ask(_stored_state)
        if state is None:
            return Freshness.MISSING
        version, signature = state
        if version < LATEST_VERSION:
            return Freshness.STALE
        return Freshness.CURRENT if signature == corpus_signature(data_dir) else Freshness.STALE

    def import_dataset(self, batch: ImportedEvents) -> RowCounts:
        """Apply one dataset's rows in one transaction, holding the build lock (waiting up to
        :data:`IMPORT_WAIT_S` for a running build); readers see the rows once it commits."""
        try:
            with self._connect() as conn:
                _migrate(conn, self.location)
                with conn.transaction():
                    _hold_build_lock(conn, IMPORT_WAIT_S, self.location)
                    with conn.cursor() as cur:
                        counts = write_dataset(cur, batch, "%s")
                    version = int(pg_query.get_meta(conn, "store_version") or 0) + 1
                    _set_meta(conn, {"store_version": str(version)})
        except psycopg.OperationalError as error:
            raise StoreError(f"the PostgreSQL store {self.location} failed during the import "
                             f"({error}); nothing was imported") from error
        return counts

    def build(self, data_dir: Path, *, rebuild: bool = False, progress: Progress | None = None,
              wait_seconds: float = 0.0, workers: int | None = None) -> BuildReport:
        """Bring the database up to date with ``data_dir``: one transaction, one build at a
        time (BuildLockedError after ``wait_seconds``); readers keep the last build meanwhile."""
        started = time.perf_counter()
        data_dir = data_dir.resolve()
        try:
            with self._connect() as conn:
                _migrate(conn, self.location)
                with conn.transaction():
                    _hold_build_lock(conn, wait_seconds, self.location)
                    report = _build_locked(conn, data_dir, progress, workers, rebuild)
                if report.added or report.updated or report.removed:
                    conn.execute("ANALYZE")  # fresh statistics for the readers' plans
        except psycopg.OperationalError as error:
            raise StoreError(f"the PostgreSQL store {self.location} failed during the build "
                             f"({error}); it keeps its last complete state") from error
        report.seconds = time.perf_counter() - started
        return report

    def close(self) -> None:
        """Close the pool, for good: the store answers no more questions (nor loads columns)."""
        self._columns.close()
        with self._pool_lock:
            self._closed = True
        self._pool.close()

    def _story_columns(self, filters: Filters, *,
                       counts: bool = True) -> storycolumns.StoryColumns | None:
        """The build's tags and events as columns when they answer ``filters`` (its ``counts``,
        or its lists) and are loaded."""
        return self._columns.covering(filters, self.store_version(), counts=counts)

    def _load_columns(self) -> storycolumns.StoryColumns:
        """The current build's tags and events as columns, read in one snapshot."""
        return self._ask(_story_columns_snapshot)

    def load_story_columns(self) -> None:
        """Load the current build's tags and events as columns now (see the Store protocol)."""
        self._columns.get()

    def _event_details(self, pks: list[int]) -> dict[int, Sequence[Any]]:
        """What markers show of the events with these row keys."""
        rows = self._ask(lambda conn: conn.execute(
            storycolumns.EVENT_DETAILS + " = ANY(%s)", (pks,)).fetchall())
        return {int(row[0]): tuple(row[1:]) for row in rows}

    def _matching_ids(self, filters: Filters) -> list[str] | None:
        """The ids of the stories the search text matches (None without a search)."""
        if fts_query(filters.text) is None:
            return None
        return self._ask(pg_query.matching_ids, filters, matches=self._matches)

    def count_by_country(self, filters: Filters, primary: bool = False) -> pd.DataFrame:
        """As :func:`newsmap.query.count_by_country` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.count_by_country(filters, self._matching_ids(filters), primary)
        return self._ask(pg_query.count_by_country, filters, primary,
                         matches=self._matches)

    def count_stories(self, filters: Filters) -> int:
        """As :func:`newsmap.query.count_stories` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.count_stories(filters, self._matching_ids(filters))
        return self._ask(pg_query.count_stories, filters, matches=self._matches)

    def stories(self, filters: Filters, country: str | None = None,
                limit: int | None = None, *, snippets: bool = True) -> pd.DataFrame:
        """As :func:`newsmap.query.stories` (the page chosen from columns when they answer)."""
        columns = self._story_columns(filters, counts=False)
        if columns is not None:
            pks, primary = columns.story_page(filters, self._matching_ids(filters), country,
                                              limit)
            return self._ask(pg_query.listed_stories, filters, pks.tolist(),
                             None if primary is None else primary.tolist(), country,
                             snippets=snippets)
        return self._ask(pg_query.stories, filters, country=country, limit=limit,
                         snippets=snippets, matches=self._matches)

    def events(self, filters: Filters, country: str | None = None, *,
               located_only: bool = False, limit: int | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.events` (chosen from columns when they answer)."""
        columns = self._story_columns(filters, counts=False)
        if columns is not None:
            return self._ask(pg_query.listed_events, columns.event_page(
                filters, self._matching_ids(filters), country, located_only=located_only,
                limit=limit).tolist())
        return self._ask(pg_query.events, filters, country=country,
                         located_only=located_only, limit=limit, matches=self._matches)

    def event_markers(self, filters: Filters, *, per_marker: int = 3,
                      limit: int = 1000) -> pd.DataFrame:
        """As :func:`newsmap.query.event_markers` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.event_markers(filters, self._matching_ids(filters),
                                         per_marker=per_marker, limit=limit,
                                         details=self._event_details)
        return self._ask(pg_query.event_markers, filters, per_marker=per_marker, limit=limit,
                         matches=self._matches)

    def event_counts(self, filters: Filters, country: str | None = None) -> dict[str, int]:
        """As :func:`newsmap.query.event_counts` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.event_counts(filters, self._matching_ids(filters), country)
        return self._ask(pg_query.event_counts, filters, country, matches=self._matches)

    def events_by_year(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.events_by_year`."""
        return self._ask(pg_query.events_by_year, filters, country, matches=self._matches)

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """As :func:`newsmap.query.article_detail`."""
        return self._ask(pg_query.article_detail, article_id)

    def outlets(self) -> list[str]:
        """As :func:`newsmap.query.outlets`."""
        return self._ask(pg_query.outlets)

    def tagged_countries(self) -> list[str]:
        """As :func:`newsmap.query.tagged_countries`."""
        return self._ask(pg_query.tagged_countries)

    def regions(self) -> list[str]:
        """As :func:`newsmap.query.regions`."""
        return self._ask(pg_query.regions)

    def event_types(self) -> list[str]:
        """As :func:`newsmap.query.event_types`."""
        return self._ask(pg_query.event_types)

    def year_bounds(self, basis: YearBasis = "event") -> tuple[int, int] | None:
        """As :func:`newsmap.query.year_bounds`."""
        return self._ask(pg_query.year_bounds, basis)

    def rejections(self) -> pd.DataFrame:
        """As :func:`newsmap.query.rejections`."""
        return self._ask(pg_query.rejections)

    def store_stats(self) -> dict[str, int]:
        """As :func:`newsmap.query.store_stats`."""
        return self._ask(pg_query.store_stats)

    def imported_sources(self) -> dict[str, int]:
        """As :func:`newsmap.imported_query.imported_sources`."""
        return self._ask(pg_imported.imported_sources)

    def imported_count(self, filters: Filters | None = None) -> int:
        """As :func:`newsmap.imported_query.imported_count`."""
        return self._ask(pg_imported.imported_count, filters)

    def imported_markers(self, filters: Filters, limit: int = 500) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.imported_markers`."""
        return self._ask(pg_imported.imported_markers, filters, limit)

    def country_imported(self, filters: Filters, iso3: str, limit: int = 100) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.country_imported`."""
        return self._ask(pg_imported.country_imported, filters, iso3, limit)

    def story_imported(self, article_id: str, days: int = NEAR_DAYS,
                       limit: int = 50) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.story_imported`."""
        return self._ask(pg_imported.story_imported, article_id, days, limit)

    def corrections_for(self, article_id: str) -> list[dict[str, Any]]:
        """As :func:`newsmap.correction_book.for_article`."""
        return self._ask(_corrections(correction_book.for_article, []), article_id, "%s")

    def orphaned_corrections(self) -> list[dict[str, Any]]:
        """As :func:`newsmap.correction_book.orphaned`."""
        return self._ask(_corrections(correction_book.orphaned, []))

    def corrected_article_ids(self) -> list[str]:
        """As :func:`newsmap.correction_book.corrected_article_ids`."""
        return self._ask(_corrections(correction_book.corrected_article_ids, []))

    def article_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.article_records`."""
        return self._ask(pg_query.article_records, filters, country, matches=self._matches)

    def event_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.event_records`."""
        return self._ask(pg_query.event_records, filters, country, matches=self._matches)


def _corrections(question: Callable[..., T], none: T) -> Callable[..., T]:
    """A question about the recorded corrections written for a cursor (the SQL both backends
    share), asked on a connection; ``none`` before the schema has the table (a store built by
    an older newsmap, until its next build)."""
    def ask(conn: Conn, *args: Any) -> T:
        exists = conn.execute("SELECT to_regclass('corrections')").fetchone()
        if exists is None or exists[0] is None:
            return none
        with conn.cursor() as cur:
            return question(cur, *args)
    return ask


def _migrate(conn: Conn, location: str) -> None:
    try:
        migrate(conn)
    except psycopg.errors.InsufficientPrivilege as error:
        raise StoreError(f"cannot create the newsmap schema in {location}: {error}") from error


def _story_columns_snapshot(conn: Conn) -> storycolumns.StoryColumns:
    """The build's tags and events as columns, read in one snapshot."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        version = _meta_or_none(conn, "store_version")
        return storycolumns.load_columns(int(version or 0),
                                         conn.execute(storycolumns.ARTICLE_ROWS),
                                         conn.execute(storycolumns.TAG_ROWS),
                                         conn.execute(storycolumns.EVENT_ROWS))


def _meta_or_none(conn: Conn, key: str) -> str | None:
    """A value from the meta table; None before the first build (no table yet). One round
    trip: every rerun of every session asks for the store's version."""
    try:
        return pg_query.get_meta(conn, key)
    except psycopg.errors.UndefinedTable:  # autocommit: the connection stays usable
        return None


def _stored_state(conn: Conn) -> tuple[int, str | None] | None:
    """(schema version, corpus signature) of a built store; None before the first build."""
    version = schema_version(conn)
    if version == 0 or pg_query.get_meta(conn, "store_version") is None:
        return None
    return version, pg_query.get_meta(conn, "corpus_signature")


def _hold_build_lock(conn: Conn, wait_seconds: float, location: str) -> None:
    """Take the build lock for the current transaction, waiting up to ``wait_seconds``."""
    deadline = time.monotonic() + wait_seconds
    while True:
        row = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (BUILD_LOCK,)).fetchone()
        if row is not None and row[0]:
            return
        if time.monotonic() >= deadline:
            raise BuildLockedError(f"another build is writing {location}; wait for it to "
                                   "finish (or pass --wait SECONDS)")
        time.sleep(0.1)


def _build_locked(conn: Conn, data_dir: Path, progress: Progress | None,
                  workers: int | None, rebuild: bool) -> BuildReport:
    """The build inside its transaction: the steps of :mod:`newsmap.build`, written here."""
    corrections = CorrectionBook.load(data_dir)  # editors' corrections, applied after tagging
    scans = scan_sources(sources_for(data_dir))
    signature = scans_signature(scans)
    stored = _stored_files(conn)
    if not rebuild and stored and not any(scan.items or scan.refused for _, scan in scans):
        raise SourceError(
            f"the corpus folder {printable(str(data_dir))} holds no articles but the store "
            f"holds {len(stored):,}; is a disk unmounted? The store is kept as it is "
            "(build with --rebuild to empty it)"
        )
    retag_all = rebuild or pg_query.get_meta(conn, "tagger_version") != tagger_fingerprint()
    plan = plan_build(scans, stored, _file_signatures(conn), retag_all)
    report = _write(conn, plan, stored, progress, workers, corrections)
    with conn.cursor() as cur:
        corrections.finish(cur, "%s", lambda article, tags: write_article(conn, article, tags))
    version = int(pg_query.get_meta(conn, "store_version") or 0) + 1
    _set_meta(conn, {"tagger_version": tagger_fingerprint(), "corpus_signature": signature,
                     "data_dir": str(data_dir), "store_version": str(version)})
    return report


def _write(conn: Conn, plan: Plan, stored: dict[str, StoredFile], progress: Progress | None,
           workers: int | None, corrections: CorrectionBook) -> BuildReport:
    report = BuildReport(unchanged=plan.unchanged, rejected=list(plan.refused))
    report.removed = _remove_articles(conn, plan.gone)
    seen: list[tuple[str, int, int, str]] = []
    # the summaries: what new versions add is summed here and written once at the end; what
    # old versions held is read and subtracted as they are replaced (see write_article)
    known = {f.article_id for f in stored.values()} | set(stored)
    added = summaries.Contribution()
    total = plan.total
    if progress is not None and plan.unchanged:
        progress(plan.unchanged, total)
    with closing(read_and_tag_all(plan.tasks, workers)) as outcomes, _pipeline(conn):
        for done, (task, outcome) in enumerate(outcomes, start=plan.unchanged + 1):
            if isinstance(outcome, Rejection):
                report.rejected.append(outcome)
            elif isinstance(outcome, Same):
                report.unchanged += 1
                if outcome.pinned is not None and task.stored_hash is not None:
                    pin = outcome.pinned
                    seen.append((pin.key, pin.size, pin.mtime_ns, task.stored_hash))
            else:
                _store(conn, outcome, added, known, corrections)
                if isinstance(outcome.content, Article):
                    known.add(outcome.content.id)
                else:  # the rows of a dataset it could not read
                    report.rejected.extend(outcome.content.refused)
                if outcome.pinned is not None:
                    pin = outcome.pinned
                    seen.append((pin.key, pin.size, pin.mtime_ns, outcome.content.content_hash))
                if task.key in stored:
                    report.updated += 1
                else:
                    report.added += 1
            if progress is not None:
                progress(done, total)
    with conn.cursor() as cur:
        summaries.apply(cur, "%s", added, 1)
    _record_file_signatures(conn, seen, plan.gone)
    report.rejected.sort(key=lambda r: r.path)
    _replace_rejections(conn, [(r.path, r.reason) for r in report.rejected])
    return report


@contextmanager
def _pipeline(conn: Conn) -> Iterator[None]:
    """Send the build's many small writes without waiting for each answer."""
    with conn.pipeline():
        yield


def _store(conn: Conn, outcome: Fresh, added: summaries.Contribution, known: set[str],
           corrections: CorrectionBook) -> None:
    """Write one tagged article with its corrections applied (its summary rows into
    ``added``), or one event dataset; ``known``: the ids and paths of the articles that may be
    stored, the only ones an article can replace."""
    content = outcome.content
    if isinstance(content, ImportedEvents):
        with conn.cursor() as cur:
            write_dataset(cur, content, "%s")
        return
    tags = corrections.apply(content, outcome.tags or ArticleTags())
    write_article(conn, content, tags, added=added,
                  replaces=content.id in known or content.source_path in known)


def _stored_files(conn: Conn) -> dict[str, StoredFile]:
    """Every stored article by its source path, and every event dataset by its file (with an
    empty article id), as :func:`newsmap.store.stored_files`."""
    rows = conn.execute("SELECT source_path, id, content_hash FROM articles UNION ALL"
                        " SELECT dataset, '', content_hash FROM imported_datasets").fetchall()
    return {row[0]: StoredFile(row[1], row[2]) for row in rows}


def _file_signatures(conn: Conn) -> dict[str, tuple[int, int, str]]:
    rows = conn.execute(
        "SELECT source_path, size, mtime_ns, content_hash FROM file_stats").fetchall()
    return {row[0]: (int(row[1]), int(row[2]), row[3]) for row in rows}


def write_article(conn: Conn, article: Article, tags: ArticleTags, *,
                  added: summaries.Contribution | None = None, replaces: bool = True) -> None:
    """Store one article and its tags, replacing any version with the same id or path, and
    keep the summary tables: the replaced version's rows are subtracted (``replaces`` False:
    the caller knows there is none), the new rows added (or summed into ``added``, for the
    caller to write)."""
    with conn.cursor() as cur:
        # Only when a version may be stored: a full build's first statements run against an
        # empty table, and the plan PostgreSQL caches for them then (a sequential scan) would
        # read every article stored so far for each new one (quadratic: hours at 100,000)
        if replaces:  # a read: in the build's pipeline it waits for the writes before it
            summaries.forget(cur, "%s", "SELECT id FROM articles WHERE id = %s"
                             " OR source_path = %s", (article.id, article.source_path))
            cur.execute("DELETE FROM articles WHERE id = %s OR source_path = %s",
                        (article.id, article.source_path))
        published = article.published
        cur.execute(
            "INSERT INTO articles (id, title, body, published, published_precision,"
            " published_year, url, outlet, authors, topics, curated_countries, synthetic,"
            " source_path, content_hash, sample)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                article.id, article.title, article.body,
                published.iso() if published else None,
                published.precision.value if published else None,
                published.year if published else None,
                article.url, article.outlet,
                json.dumps(list(article.authors)), json.dumps(list(article.topics)),
                json.dumps(list(article.curated_countries)), int(article.synthetic),
                article.source_path, article.content_hash, int(article.sample),
            ),
        )
        _insert_many(cur,
            "INSERT INTO country_tags (article_id, iso3, name, salience, is_primary, mentions,"
            " evidence) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(article.id, c.iso3, c.name, c.salience, int(c.primary), c.mentions,
              json.dumps(list(c.evidence), ensure_ascii=False)) for c in tags.countries])
        _insert_many(cur,
            "INSERT INTO places (article_id, name, iso3, lat, lon, evidence, site_of)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(article.id, p.name, p.iso3, p.lat, p.lon, p.evidence, p.site_of)
             for p in tags.places])
        _insert_many(cur,
            "INSERT INTO events (article_id, date, precision, year_from, year_to, sort_key,"
            " iso3, place, lat, lon, type, summary, uid, site_of)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(
                article.id,
                e.date.iso() if e.date else None,
                e.date.precision.value if e.date else None,
                e.date.year_range[0] if e.date else None,
                e.date.year_range[1] if e.date else None,
                "{:04d}-{:02d}-{:02d}".format(*e.date.sort_key()) if e.date else None,
                e.iso3, e.place, e.lat, e.lon, e.type.value, e.summary, uid, site_of,
            ) for e, uid, site_of in zip(tags.events, event_uids(article.id, tags.events),
                                         event_sites(tags), strict=True)])
        _insert_many(cur,
            "INSERT INTO regions (article_id, name, evidence) VALUES (%s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            [(article.id, r.name, r.evidence) for r in tags.regions])
        if added is None:
            summaries.apply(cur, "%s", summaries.of_article(event_rows(tags),
                                                            primary_countries(tags)), 1)
        else:
            added.add(event_rows(tags), primary_countries(tags))


def _insert_many(cur: psycopg.Cursor[tuple[Any, ...]], sql: str,
                 rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cur.executemany(sql, rows)


def _remove_articles(conn: Conn, source_paths: Iterable[str]) -> int:
    paths = list(source_paths)
    if not paths:
        return 0
    with conn.cursor() as forgetting:
        summaries.forget(forgetting, "%s", "SELECT id FROM articles WHERE source_path = ANY(%s)",
                         (paths,))
    cur = conn.execute("DELETE FROM articles WHERE source_path = ANY(%s)", (paths,))
    removed = cur.rowcount
    with conn.cursor() as datasets:
        removed += remove_datasets(datasets, paths, "%s")
    return removed


def _record_file_signatures(conn: Conn, seen: list[tuple[str, int, int, str]],
                            gone: list[str]) -> None:
    if gone:
        conn.execute("DELETE FROM file_stats WHERE source_path = ANY(%s)", (gone,))
    with conn.cursor() as cur:
        _insert_many(cur,
            "INSERT INTO file_stats (source_path, size, mtime_ns, content_hash)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (source_path) DO UPDATE SET"
            " size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " content_hash = excluded.content_hash", seen)


def _replace_rejections(conn: Conn, rejections: list[tuple[str, str]]) -> None:
    conn.execute("DELETE FROM rejections")
    with conn.cursor() as cur:
        _insert_many(cur,
            "INSERT INTO rejections (source_path, reason) VALUES (%s, %s)"
            " ON CONFLICT (source_path) DO UPDATE SET reason = excluded.reason", rejections)


def _set_meta(conn: Conn, values: dict[str, str]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO meta (key, value) VALUES (%s, %s)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()))
