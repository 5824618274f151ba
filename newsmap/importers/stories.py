"""Importing stories into the corpus folder: each feed entry or article page one Markdown file
under ``<corpus>/imported/<outlet>/``, unless the corpus already holds the story."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsmap.errors import ArticleError
from newsmap.importers.articles import IMPORT_FOLDER, CorpusIndex, Draft, write_draft
from newsmap.importers.feed import MAX_FEED_BYTES, PageFetcher, parse_feed
from newsmap.importers.fetch import fetch, is_url, read_input
from newsmap.importers.page import MAX_PAGE_BYTES, draft_from_page
from newsmap.importers.report import ImportReport, InputError, Problem
from newsmap.importers.text import slugify


def import_feed(source: str, data_dir: Path, *, fetch_pages: bool | None = None) -> ImportReport:
    """Write each new entry of the feed at ``source`` (a file or http(s) URL) as an article.

    ``fetch_pages``: fetch the linked page of an entry that holds only a summary; by default
    only for a feed given by URL. InputError when the feed cannot be read at all.
    """
    data = read_input(source, MAX_FEED_BYTES)
    fetch_allowed = is_url(source) if fetch_pages is None else fetch_pages
    fetcher: PageFetcher | None = _page_fetcher if fetch_allowed else None
    feed = parse_feed(data, source, fetcher)
    report = ImportReport()
    if feed.warning:
        report.notes.append(feed.warning)
    index = CorpusIndex.scan(data_dir)
    folder = data_dir / IMPORT_FOLDER / feed.slug
    summaries_only = 0
    for entry in feed.entries:
        if entry.note:
            report.notes.append(entry.note)
        if entry.problem is not None:
            report.problems.append(entry.problem)
            continue
        assert entry.draft is not None
        summaries_only += entry.from_summary
        where = f"entry {entry.number}"
        _write(entry.draft, folder, index, report, source, where)
    if summaries_only:
        report.notes.append(
            f"{source}: {summaries_only} entr{'y holds' if summaries_only == 1 else 'ies hold'} "
            "only a summary, imported as it is (linked pages are fetched for a feed given by "
            "URL, or with --fetch-pages, when they can be read)")
    return report


def import_pages(sources: Sequence[str], data_dir: Path) -> ImportReport:
    """Write the story of each article page (a saved file or an http(s) URL) as an article;
    a page that cannot be read is a problem naming it, the others are still imported."""
    report = ImportReport()
    index = CorpusIndex.scan(data_dir)
    for source in sources:
        try:
            data = read_input(source, MAX_PAGE_BYTES)
            draft = draft_from_page(data, source, source if is_url(source) else None)
        except InputError as error:
            report.problems.append(Problem(error.source, "", None, error.reason))
            continue
        folder = data_dir / IMPORT_FOLDER / (slugify(draft.outlet or "", 40) or "pages")
        _write(draft, folder, index, report, source, "")
    return report


def _write(draft: Draft, folder: Path, index: CorpusIndex, report: ImportReport,
           source: str, where: str) -> None:
    duplicate = index.duplicate_of(draft)
    if duplicate is not None:
        report.duplicates.append(duplicate)
        return
    try:
        report.written.append(str(write_draft(draft, folder, index)))
    except ArticleError as error:
        report.problems.append(Problem(source, where, None, error.reason))
    except OSError as error:
        report.problems.append(Problem(source, where, None,
                                       f"cannot write the article: {error.strerror or error}"))


def _page_fetcher(url: str) -> bytes:
    return fetch(url, MAX_PAGE_BYTES)
