"""The ``newsmap`` command: build, check, tag (and the synthetic-archive generator)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsmap.cli_import import add_import_command
from newsmap.errors import ArticleError, NewsmapError
from newsmap.printable import printable, printable_path
from newsmap.settings import Settings

if TYPE_CHECKING:
    from newsmap.sources.base import Rejection


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except NewsmapError as error:
        print(f"newsmap: {printable(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsmap: interrupted", file=sys.stderr)
        return 130
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsmap",
        description="Turn a news archive into a map of countries, places and events.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="read, validate, tag and store the corpus")
    _add_settings(build)
    build.add_argument("--rebuild", action="store_true",
                       help="re-read and re-tag every file (a corrupt store is deleted and "
                       "built anew)")
    build.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                       help="wait this long for another running build to finish (default: 0)")
    build.add_argument("--quiet", action="store_true", help="print only the summary line")
    build.set_defaults(run=_run_build)

    check = commands.add_parser("check", help="validate the corpus without writing anything")
    check.add_argument("--data", type=Path, metavar="DIR", help="corpus folder (NEWSMAP_DATA)")
    check.set_defaults(run=_run_check)

    tag = commands.add_parser("tag", help="tag article files without storing them")
    tag.add_argument("files", nargs="+", type=Path, metavar="FILE")
    tag.add_argument("--json", action="store_true", required=True,
                     help="print a JSON array, one object per file (the only output format)")
    tag.set_defaults(run=_run_tag)

    _add_synth(commands)
    add_import_command(commands)
    _add_research(commands)
    return parser


def _add_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="DIR", help="corpus folder (NEWSMAP_DATA)")
    parser.add_argument("--db", metavar="PATH|URL",
                        help="store file, or postgresql://... database (NEWSMAP_DB)")


def _add_synth(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsmap.synth import add_synth_command

    add_synth_command(commands)


def _add_research(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsmap.cli_export import add_research_commands

    add_research_commands(commands)


def _run_build(args: argparse.Namespace) -> int:
    settings = Settings.from_env(data_dir=args.data, db_path=args.db)
    if settings.db_url is not None:  # a shared PostgreSQL store (newsmap.stores)
        from newsmap.stores.command import build_shared

        return build_shared(settings, rebuild=args.rebuild, wait_seconds=args.wait,
                            quiet=args.quiet, print_progress=_print_progress)
    # The scan starts on the other core first; the build's heavy imports (the model, the
    # tagger) happen meanwhile, here.
    from newsmap.survey import start_survey

    pending = None if args.rebuild else start_survey(settings.data_dir.resolve(),
                                                     settings.db_path)
    # pydantic's plugin search reads every installed package's entry points (newsmap uses no
    # plugin); a user may still ask for plugins by setting the variable to 0
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from newsmap.gcpause import collector_paused

    # the model classes and the store's modules hold no garbage and live until the command ends
    with collector_paused(freeze=True):
        from newsmap.background import StatusWriter
        from newsmap.build import build_store
        from newsmap.errors import BuildLockedError

    status = StatusWriter(settings.db_path)
    terminal = not args.quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        status(done, total)
        if terminal:
            _print_progress(done, total)

    try:
        report = build_store(settings.data_dir, settings.db_path, rebuild=args.rebuild,
                             progress=progress, wait_seconds=args.wait,
                             on_locked=status.start, pending=pending)
    except BuildLockedError:
        raise  # the running build's status stands
    except NewsmapError as error:
        status.fail(printable(str(error)))
        raise
    status.finish(report.summary(), report.unchanged + report.added + report.updated)
    for rejection in report.rejected:
        print(f"rejected {rejection}", file=sys.stderr)
    print(f"{report.summary()} -> {printable_path(settings.db_path)}")
    return 0 if report.ok else 1


def _print_progress(done: int, total: int) -> None:
    if done == total or done % 500 == 0:
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} files", end=end, file=sys.stderr, flush=True)


def _run_check(args: argparse.Namespace) -> int:
    from newsmap.build import check_corpus
    from newsmap.corpus import discover

    settings = Settings.from_env(data_dir=args.data)
    problems = check_corpus(settings.data_dir)
    problems += _correction_problems(settings)
    for problem in problems:
        print(problem)
    folder = printable_path(settings.data_dir)
    found = discover(settings.data_dir)
    refused = {problem.path for problem in problems}
    valid = sum(1 for path in found if str(path) not in refused)
    counts = f"{len(found)} files, {valid} valid, {len(problems)} rejected"
    if problems:
        print(f"{counts} in {folder}", file=sys.stderr)
        return 1
    print(f"corpus {folder} is valid: {counts}")
    return 0


def _correction_problems(settings: Settings) -> list[Rejection]:
    from newsmap.corrections_check import correction_problems

    return correction_problems(settings.data_dir)


def _run_tag(args: argparse.Namespace) -> int:
    from newsmap.corpus import read_article
    from newsmap.tagging import tag_article, tags_to_json

    results = []
    failed = False
    for path in args.files:
        try:
            article = read_article(path)
        except ArticleError as error:
            print(f"newsmap: {printable(str(error))}", file=sys.stderr)
            results.append({"path": str(path), "error": error.reason})
            failed = True
            continue
        results.append(tags_to_json(article, tag_article(article)))
    json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if failed else 0


def command() -> None:
    """The ``newsmap`` program: :func:`main` on the command line's arguments.

    After a build the process ends as soon as its output is flushed: the build has committed,
    closed the store and released its lock, and tearing down the tagger's tables (a tenth of
    a second on a loaded machine) would only free memory the system takes back anyway.
    """
    arguments = sys.argv[1:]
    code = main(arguments)
    if arguments[:1] == ["build"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":
    command()
