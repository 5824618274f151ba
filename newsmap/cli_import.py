"""``newsmap import feed|html|acled|gdelt``: bring sources into the corpus (and events into
the store). Each refused entry, page or row is printed with its place and reason; the exit
code is 1 when anything was refused, 0 when all was imported."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsmap.importers.report import InputError
from newsmap.settings import Settings


def add_import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``newsmap import`` and its four kinds."""
    parser = commands.add_parser("import", help="import feeds, article pages or event datasets")
    kinds = parser.add_subparsers(required=True, metavar="KIND")

    feed = kinds.add_parser("feed", help="an RSS or Atom feed: one article per entry")
    feed.add_argument("source", metavar="PATH_OR_URL")
    pages = feed.add_mutually_exclusive_group()
    pages.add_argument("--fetch-pages", dest="fetch_pages", action="store_true", default=None,
                       help="fetch the linked page of entries that hold only a summary "
                       "(the default for a feed given by URL)")
    pages.add_argument("--no-fetch-pages", dest="fetch_pages", action="store_false",
                       help="never fetch linked pages; keep the summaries")
    _data_option(feed)
    feed.set_defaults(run=_run_feed)

    html = kinds.add_parser("html", help="saved or online article pages: one article each")
    html.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
    _data_option(html)
    html.set_defaults(run=_run_html)

    for kind, what in (("acled", "an ACLED CSV export"),
                       ("gdelt", "a GDELT 2.0 event export (tab-separated)")):
        events = kinds.add_parser(kind, help=f"{what}: events beside the stories")
        events.add_argument("source", metavar="FILE")
        _data_option(events)
        events.add_argument("--db", metavar="PATH|URL",
                            help="store file, or postgresql://... database (NEWSMAP_DB)")
        events.set_defaults(run=_run_events, kind=kind)


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="DIR", help="corpus folder (NEWSMAP_DATA)")


def _run_feed(args: argparse.Namespace) -> int:
    from newsmap.importers.stories import import_feed

    settings = Settings.from_env(data_dir=args.data)
    report = import_feed(args.source, settings.data_dir, fetch_pages=args.fetch_pages)
    return _finish_stories(report)


def _run_html(args: argparse.Namespace) -> int:
    from newsmap.importers.stories import import_pages

    settings = Settings.from_env(data_dir=args.data)
    return _finish_stories(import_pages(args.sources, settings.data_dir))


def _finish_stories(report: object) -> int:
    from newsmap.importers.report import ImportReport

    assert isinstance(report, ImportReport)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in report.problems:
        print(f"refused {problem}", file=sys.stderr)
    for path in report.written:
        print(f"wrote {path}")
    print(report.summary() + ("; run `newsmap build` (or open the app) to tag them"
                              if report.written else ""))
    return 0 if report.ok else 1


def _run_events(args: argparse.Namespace) -> int:
    from newsmap.importers.events import import_events

    settings = Settings.from_env(data_dir=args.data, db_path=args.db)
    try:
        result = import_events(args.kind, args.source, settings.data_dir,
                               settings.db_url or settings.db_path)
    except InputError as error:
        print(f"newsmap: {error}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(f"refused {problem}", file=sys.stderr)
    print(f"kept {result.path}")
    print(f"{args.kind}: {result.summary()} -> {_shown(settings)}")
    return 0 if not result.problems else 1


def _shown(settings: Settings) -> str:
    """Where the store is, fit to print (a URL without its password)."""
    if settings.db_url is not None:
        from newsmap.stores.postgres import printable_url

        return printable_url(settings.db_url)
    return str(settings.db_path)
