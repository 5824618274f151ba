"""``newsmap export``, ``newsmap gold export`` and ``newsmap editor``: take what a researcher
found elsewhere, turn editors' corrections into gold, and set up the editor's password.

The filters are the app's: they are read through :func:`newsmap.viewstate.from_params`, the
same definition the app's links use, and a value it cannot use is an error here.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsmap.errors import NewsmapError
from newsmap.settings import Settings

if TYPE_CHECKING:
    from newsmap.query import Filters
    from newsmap.stores import Store

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

CITATION_FORMATS = ("csl", "ris", "bibtex")
EVENT_FORMATS = ("acled-csv", "geojson", "geoparquet")


def add_research_commands(commands: Commands) -> None:
    """Register ``export``, ``gold`` and ``editor`` on the ``newsmap`` command."""
    export = commands.add_parser("export", help="write citations or events of the filtered view")
    kinds = export.add_subparsers(required=True, metavar="WHAT")
    citations = kinds.add_parser("citations", help="the stories as CSL-JSON, RIS or BibTeX")
    citations.add_argument("--format", choices=CITATION_FORMATS, required=True)
    citations.add_argument("--accessed", metavar="YYYY-MM-DD",
                           help="the access date to cite (default: today, UTC)")
    events = kinds.add_parser("events", help="the events as ACLED-shaped CSV, GeoJSON or "
                              "GeoParquet")
    events.add_argument("--format", choices=EVENT_FORMATS, required=True)
    for sub, run in ((citations, _run_citations), (events, _run_events)):
        _add_filters(sub)
        sub.add_argument("--db", metavar="PATH|URL",
                         help="store file, or postgresql://... database (NEWSMAP_DB)")
        sub.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")
        sub.set_defaults(run=run)

    gold = commands.add_parser("gold", help="turn corrected stories into gold-set entries")
    gold_kinds = gold.add_subparsers(required=True, metavar="WHAT")
    gold_export = gold_kinds.add_parser(
        "export", help="write NAME.md and NAME.gold.json for every corrected story")
    gold_export.add_argument("--out", type=Path, required=True, metavar="DIR")
    gold_export.add_argument("--db", metavar="PATH|URL",
                             help="store file, or postgresql://... database (NEWSMAP_DB)")
    gold_export.set_defaults(run=_run_gold_export)

    editor = commands.add_parser("editor", help="set up editing in the app")
    editor_kinds = editor.add_subparsers(required=True, metavar="WHAT")
    hashing = editor_kinds.add_parser(
        "hash-password", help="print the hash to put in NEWSMAP_EDITOR_PASSWORD_HASH "
        "(the password is read from the terminal, or from standard input)")
    hashing.set_defaults(run=_run_hash_password)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--country", action="append", default=[], metavar="ISO3",
                        help="stories tagged with this country (repeatable, or comma-separated)")
    parser.add_argument("--years", metavar="FROM-TO", help="a span of years, e.g. 2019-2022")
    parser.add_argument("--year-basis", choices=("event", "published"), default="event",
                        help="the years are event years (default) or publication years")
    parser.add_argument("--type", action="append", default=[], metavar="TYPE",
                        help="stories with an event of this type (repeatable)")
    parser.add_argument("--outlet", action="append", default=[], metavar="NAME")
    parser.add_argument("--region", action="append", default=[], metavar="NAME")
    parser.add_argument("--q", default="", metavar="TEXT", help="full-text search")


def filters_from_args(args: argparse.Namespace) -> Filters:
    """The app's filters for these options; NewsmapError names an option it cannot use."""
    # Imported here: the query layer pulls in pandas, and every ``newsmap`` command (a
    # one-file ``newsmap build`` too) registers these options without running them.
    from newsmap.viewstate import from_params

    countries = [c.strip() for value in args.country for c in value.split(",") if c.strip()]
    params: dict[str, Any] = {"in": countries, "type": list(args.type), "q": args.q,
                              "outlet": list(args.outlet), "region": list(args.region),
                              "basis": args.year_basis}
    if args.years:
        params["years"] = args.years
    filters = from_params(params).filters
    if args.years and filters.years is None:
        raise NewsmapError(f"--years {args.years!r}: expected a year or a span like 2019-2022")
    dropped = {c.upper() for c in countries} - set(filters.countries)
    if dropped:
        raise NewsmapError(f"--country {', '.join(sorted(dropped))}: expected ISO 3166-1 "
                           "alpha-3 codes such as ALB")
    bad_types = set(args.type) - set(filters.event_types)
    if bad_types:
        from newsmap.model import EventType

        known = ", ".join(t.value for t in EventType)
        raise NewsmapError(f"--type {', '.join(sorted(bad_types))}: not an event type ({known})")
    return filters


def _open(args: argparse.Namespace) -> Store:
    """The store to read (``--db`` or NEWSMAP_DB: a SQLite file or a PostgreSQL URL)."""
    from newsmap.stores import open_store

    return open_store(Settings.from_env(db_path=args.db), readonly=True)


def _write(args: argparse.Namespace, data: bytes) -> int:
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
    except OSError as error:
        raise NewsmapError(f"cannot write {args.out}: {error.strerror or error}") from error
    print(f"wrote {len(data):,} bytes to {args.out}", file=sys.stderr)
    return 0


def _run_citations(args: argparse.Namespace) -> int:
    from datetime import date

    from newsmap import citations

    filters = filters_from_args(args)
    accessed = None
    if args.accessed:
        try:
            accessed = date.fromisoformat(args.accessed)
        except ValueError:
            raise NewsmapError(f"--accessed {args.accessed!r}: expected YYYY-MM-DD") from None
    store = _open(args)
    try:
        rows = citations.records(store.article_records(filters))
    finally:
        store.close()
    writer: Callable[..., bytes] = {"csl": citations.csl_json, "ris": citations.ris,
                                    "bibtex": citations.bibtex}[args.format]
    return _write(args, writer(rows, accessed))


def _run_events(args: argparse.Namespace) -> int:
    from newsmap import event_export

    filters = filters_from_args(args)
    store = _open(args)
    try:
        found = store.event_records(filters)
    finally:
        store.close()
    writer: Callable[..., bytes] = {"acled-csv": event_export.acled_csv,
                                    "geojson": event_export.geojson,
                                    "geoparquet": event_export.geoparquet}[args.format]
    return _write(args, writer(found))


def _run_gold_export(args: argparse.Namespace) -> int:
    from newsmap.gold import export_gold

    store = _open(args)
    try:
        written = export_gold(store, args.out)
    finally:
        store.close()
    for path in written:
        print(path)
    print(f"{len(written)} corrected stories written to {args.out}", file=sys.stderr)
    return 0


def _run_hash_password(args: argparse.Namespace) -> int:
    from newsmap.editors import MIN_PASSWORD, hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Editor password: ")
        if getpass.getpass("Again: ") != password:
            raise NewsmapError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < MIN_PASSWORD:
        raise NewsmapError(f"the password needs at least {MIN_PASSWORD} characters")
    print(hash_password(password))
    return 0
