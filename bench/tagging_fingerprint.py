"""Tagging fingerprint: the exact ``tag_article`` output over fixed articles, to prove that a
speed change altered no tag.

The articles are every gold, blind, holdout, blind3, blind4, blind5, blind6 and blind7 article
(``tests/data/{gold,blind,holdout,blind3,blind4,blind5,blind6,blind7}``) and
the first ``--long`` (default 400) of the ~650-word ``long`` articles that
``bench/tagging_speed.py`` times. Each article's tags are serialised with
``ArticleTags.model_dump_json()`` (every field, in order) and written one per line, named.

``--write FILE`` records the fingerprint; ``--check FILE`` compares against a recorded one and
prints every article whose tags differ (exit status 1 if any does). Run before a change with
``--write``, after it with ``--check``:
``.venv/bin/python bench/tagging_fingerprint.py --write /tmp/tags-before.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.tagging_speed import load_gold, long_articles  # noqa: E402
from newsmap.corpus import read_article  # noqa: E402
from newsmap.model import Article  # noqa: E402
from newsmap.tagging import tag_article  # noqa: E402

SETS = ("gold", "blind", "holdout", "blind3", "blind4", "blind5", "blind6", "blind7")


def fingerprint_articles(long_count: int) -> list[tuple[str, Article]]:
    """The named articles fingerprinted: every set article, then ``long_count`` long ones."""
    named: list[tuple[str, Article]] = []
    for set_name in SETS:
        folder = REPO / "tests" / "data" / set_name
        paths = sorted([*folder.glob("*.md"), *folder.glob("*.txt")], key=lambda p: p.name)
        paths = [path for path in paths if path.name != "README.md"]  # how the set was made
        named.extend((f"{set_name}/{path.name}", read_article(path)) for path in paths)
    for i, article in enumerate(long_articles(load_gold(), long_count)):
        named.append((f"long/{i}", article))
    return named


def fingerprint(long_count: int) -> dict[str, str]:
    """Each article's name and its tags as JSON."""
    return {
        name: tag_article(article).model_dump_json()
        for name, article in fingerprint_articles(long_count)
    }


def main(argv: list[str] | None = None) -> int:
    """Write or check a fingerprint; 1 when a check finds a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="record the fingerprint in this file")
    group.add_argument("--check", type=Path, help="compare with the fingerprint in this file")
    parser.add_argument("--long", type=int, default=400, help="long articles to include")
    args = parser.parse_args(argv)
    current = fingerprint(args.long)
    if args.write is not None:
        lines = [json.dumps({"name": n, "tags": t}) for n, t in current.items()]
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(current)} articles fingerprinted into {args.write}")
        return 0
    recorded = {}
    for line in args.check.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        recorded[row["name"]] = row["tags"]
    differing = [
        n for n in sorted(recorded.keys() | current.keys()) if recorded.get(n) != current.get(n)
    ]
    for name in differing:
        print(f"DIFFERS {name}\n  before: {recorded.get(name)}\n  after:  {current.get(name)}")
    print(f"{len(current)} articles checked, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
