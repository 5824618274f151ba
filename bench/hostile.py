"""Hostile articles, measured: how long the worst known inputs take to tag and to show.

    .venv/bin/python bench/hostile.py

1. Issue 12's 50 KB article of 1,000 one-sentence paragraphs, each on a different date: built
   into a real store, then rendered as the Stories page renders it (the stored article and its
   tags read back, every evidence sentence highlighted in the body).
2. The same rendering for a 2 MB article (the size limit) of short dated sentences.
3. Tagging files of short dated sentences of 0.5, 1 and 2 MB (CPU seconds, one core).

CPU time (``time.process_time``) is reported beside wall time, so a busy machine does not
inflate the numbers. Writes ``bench/results/hostile.json``.
"""

from __future__ import annotations

import argparse
import calendar
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.build import build_store  # noqa: E402
from newsmap.highlight import highlight_evidence  # noqa: E402
from newsmap.model import Article  # noqa: E402
from newsmap.present import detail_evidence  # noqa: E402
from newsmap.query import article_detail  # noqa: E402
from newsmap.store import connect  # noqa: E402
from newsmap.tagging import tag_article  # noqa: E402

RESULTS = REPO / "bench" / "results" / "hostile.json"


def dated_paragraphs(count: int) -> str:
    """Issue 12's article body: ``count`` paragraphs, each a protest on its own date."""
    paragraphs = []
    for index in range(count):
        month = calendar.month_name[1 + (index // 28) % 12]
        paragraphs.append(f"On {1 + index % 28} {month} {1990 + index // 336}, protesters "
                          "marched in Tirana.")
    return "\n\n".join(paragraphs)


def dated_sentences(size: int) -> str:
    """Short dated sentences in one run of text, ``size`` characters long."""
    sentences, length, index = [], 0, 0
    while length < size:
        month = calendar.month_name[1 + index % 12]
        sentence = (f"On {1 + index % 28} {month} {1990 + index % 30}, protesters marched in "
                    "Tirana. ")
        sentences.append(sentence)
        length += len(sentence)
        index += 1
    return "".join(sentences)[:size]


def _timed(work: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def render_stored(body: str, folder: Path, name: str) -> dict[str, Any]:
    """Store one article with a real build, then time rendering it as the Stories page does."""
    data = folder / name / "data"
    data.mkdir(parents=True)
    (data / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n{body}\n")
    db = folder / name / "news.db"
    report, build_wall, build_cpu = _timed(lambda: build_store(data, db, workers=1))
    assert report.added == 1, report.rejected
    conn = connect(db, readonly=True)
    detail = article_detail(conn, name)
    assert detail is not None
    html, wall, cpu = _timed(lambda: highlight_evidence(str(detail["body"]),
                                                        detail_evidence(detail)))
    conn.close()
    return {"bytes": len(body.encode()), "events": len(detail.get("events", [])),
            "build_seconds": round(build_wall, 2), "build_cpu_seconds": round(build_cpu, 2),
            "render_seconds": round(wall, 3), "render_cpu_seconds": round(cpu, 3),
            "marks": html.count("<mark")}


def tag_size(size: int) -> dict[str, Any]:
    """Tag one article of short dated sentences of ``size`` characters."""
    article = Article(id="dated", title="Dated", body=dated_sentences(size), source_path="x",
                      content_hash="0")
    tags, wall, cpu = _timed(lambda: tag_article(article))
    return {"bytes": size, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "events": len(tags.events)}


def main() -> int:
    """Run the measurements and write their JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500000,1000000,1990000",
                        help="sizes in bytes of the dated-sentence files to tag")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    tag_article(Article(id="warm", title="Warm", body="Officials met in Tirana.",
                        source_path="w", content_hash="0"))
    with tempfile.TemporaryDirectory() as folder:
        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version()},
            "render_1000_dated_paragraphs": render_stored(dated_paragraphs(1000), Path(folder),
                                                          "thousand"),
            "render_2mb_dated_sentences": render_stored(dated_sentences(1_990_000),
                                                        Path(folder), "limit"),
            "tag_dated_sentences": [tag_size(int(s)) for s in args.sizes.split(",")],
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
