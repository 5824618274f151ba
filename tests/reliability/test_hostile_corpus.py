"""The corpus and the store under hostile or unlucky conditions (issue 12): odd file names,
huge files, links, a vanishing folder, odd store paths, files changing during a build, and
front matter that says one thing twice. Real files, real builds, the real command."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsmap.build import build_store, check_corpus
from newsmap.corpus import MAX_FILE_BYTES, read_article, read_limited
from newsmap.errors import ArticleError, SourceError, StoreError
from newsmap.freshness import Freshness, store_freshness
from newsmap.store import connect
from tests.conftest import SEED

GOOD = "---\ntitle: Protests in Tbilisi\npublished: 2019-06\n---\nThousands protested in Tbilisi.\n"


def newsmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``newsmap`` command as a user runs it."""
    return subprocess.run([sys.executable, "-m", "newsmap.cli", *args], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def titles(db_path: Path) -> list[str]:
    conn = connect(db_path, readonly=True)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY title")]
    finally:
        conn.close()


def rejections(db_path: Path) -> dict[str, str]:
    conn = connect(db_path, readonly=True)
    try:
        return {r[0]: r[1] for r in conn.execute("SELECT source_path, reason FROM rejections")}
    finally:
        conn.close()


# --- 1: a file name that is not UTF-8 ----------------------------------------------------------

def test_a_name_that_is_not_utf8_is_refused_by_its_escaped_name(corpus: Path,
                                                                db_path: Path) -> None:
    folder = os.fsencode(corpus / "articles")
    with open(folder + b"/caf\xe9.md", "wb") as handle:
        handle.write(GOOD.encode())
    built = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert built.returncode == 1, built.stderr
    assert "Traceback" not in built.stderr
    shown = f"{corpus}/articles/caf\\xe9.md"
    assert f"rejected {shown}: file name is not valid UTF-8" in built.stderr
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    assert list(rejections(db_path)) == [shown]
    checked = newsmap("check", "--data", str(corpus))
    assert checked.returncode == 1
    assert shown in checked.stdout
    assert store_freshness(corpus, db_path) is Freshness.CURRENT  # the signature copes too


# --- 3: a file far over the size limit --------------------------------------------------------

def test_a_huge_file_is_refused_without_being_read(corpus: Path, db_path: Path) -> None:
    huge = corpus / "articles" / "big.md"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse: reading it would take 3 GB of memory
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from newsmap.build import build_store\n"
        "report = build_store(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "print([r.reason for r in report.rejected], report.added)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(corpus), str(db_path)],
                         capture_output=True, text=True, timeout=300, check=True)
    reasons, peak_mb = run.stdout.splitlines()
    assert reasons == f"['file is {3 * 1024**3:,} bytes; the limit is {MAX_FILE_BYTES:,}'] 1"
    # the build's own peak (tagger, gazetteer index, a first build of its disk cache) is a few
    # hundred MB; reading the file would add 3,072 MB
    assert int(peak_mb) < 1_000, f"the build peaked at {peak_mb} MB"


def test_reading_stops_at_the_limit_plus_one_byte() -> None:
    """A file whose size says 0 but that holds more (as one growing while read would) is cut
    off after the limit plus one byte: /proc/kallsyms is such a file, of several megabytes."""
    grows = Path("/proc/kallsyms")
    if not grows.exists() or grows.stat().st_size != 0:
        pytest.skip("needs Linux's /proc/kallsyms (a regular file of size 0 holding megabytes)")
    with pytest.raises(ArticleError, match="grew past the limit of 2,000,000 bytes"):
        read_limited(str(grows))
    with pytest.raises(ArticleError, match="grew past the limit of 2,000,000 bytes"):
        read_article(grows)


# --- 4: symbolic links ------------------------------------------------------------------------

def test_links_are_refused_and_listed_and_never_stored(corpus: Path, db_path: Path,
                                                       tmp_path: Path) -> None:
    articles = corpus / "articles"
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD)
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "outside.md").symlink_to(outside)
    (articles / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (articles / "loop.md").symlink_to(articles / "loop.md")
    (articles / "folder").symlink_to(tmp_path)
    os.mkfifo(articles / "pipe.md")  # reading it would block the build forever
    report = build_store(corpus, db_path)
    refused = {Path(r.path).name: r.reason for r in report.rejected}
    assert sorted(refused) == ["dangling.md", "folder", "loop.md", "outside.md", "passwd.txt",
                               "pipe.md"]
    assert refused.pop("pipe.md") == "not a regular file (a pipe, socket or device)"
    assert all("symbolic link" in reason for reason in refused.values())
    assert "dangling link" in refused["dangling.md"]
    assert "link loop" in refused["loop.md"]
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    conn = connect(db_path, readonly=True)
    leaked = conn.execute("SELECT COUNT(*) FROM articles WHERE body LIKE '%root:%'").fetchone()
    assert leaked[0] == 0


def test_a_stored_file_turned_into_a_dangling_link_is_reported_and_kept(corpus: Path,
                                                                        db_path: Path) -> None:
    path = corpus / "articles" / "tbilisi.md"
    path.write_text(GOOD)
    build_store(corpus, db_path)
    path.unlink()
    path.symlink_to(corpus / "gone.md")
    report = build_store(corpus, db_path)
    assert report.removed == 0
    assert [r.path for r in report.rejected] == [str(path)]
    assert "dangling link" in report.rejected[0].reason
    assert "stored version is kept" in report.rejected[0].reason
    assert "Protests in Tbilisi" in titles(db_path)


# --- 5: a corpus folder that disappears -------------------------------------------------------

def test_a_missing_corpus_folder_is_an_error_that_keeps_the_store(corpus: Path,
                                                                  db_path: Path) -> None:
    build_store(corpus, db_path)
    moved = corpus.rename(corpus.with_name("renamed"))
    with pytest.raises(SourceError, match="cannot be read"):
        build_store(corpus, db_path)
    with pytest.raises(SourceError):
        store_freshness(corpus, db_path)
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    ran = newsmap("build", "--db", str(db_path), env={"NEWSMAP_DATA": str(corpus)})
    assert ran.returncode == 2
    assert ran.stderr.count("\n") == 1
    assert "Traceback" not in ran.stderr
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    moved.rename(corpus)


def test_an_emptied_corpus_folder_keeps_the_store_unless_rebuilt(corpus: Path,
                                                                 db_path: Path) -> None:
    """An unmounted disk leaves an empty mount point: that is not an archive of no articles."""
    build_store(corpus, db_path)
    (corpus / "articles" / SEED.name).unlink()
    with pytest.raises(SourceError, match="holds no articles"):
        build_store(corpus, db_path)
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    assert build_store(corpus, db_path, rebuild=True).removed == 1
    assert titles(db_path) == []


# --- 7: store paths SQLite would read as a URI ------------------------------------------------

@pytest.mark.parametrize("relative", ["v#1/news.db", "news?.db", "p%41/news.db", "a b&c=d/n.db"])
def test_any_store_path_names_exactly_that_file(corpus: Path, tmp_path: Path,
                                                relative: str) -> None:
    db_path = tmp_path / "stores" / relative
    built = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert built.returncode == 0, built.stderr
    assert db_path.is_file()
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted(
        [db_path.name, f"{db_path.name}.lock", f"{db_path.name}.build.json",
         f"{db_path.name}.files"])
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    assert store_freshness(corpus, db_path) is Freshness.CURRENT


# --- 9: names that would write to the terminal ------------------------------------------------

def test_names_with_terminal_escapes_and_newlines_are_printed_escaped(corpus: Path,
                                                                      db_path: Path) -> None:
    hostile = corpus / "articles" / "x\x1b[2J\x1b[31mfake\nrejected nothing.md"
    hostile.write_text("---\ntitle: [broken\n---\nBody.\n")
    built = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    checked = newsmap("check", "--data", str(corpus))
    for output in (built.stderr, built.stdout, checked.stdout, checked.stderr):
        assert "\x1b" not in output
    shown = f"{corpus}/articles/x\\x1b[2J\\x1b[31mfake\\nrejected nothing.md: front matter"
    assert [x for x in built.stderr.splitlines() if x.startswith("rejected ")] == [
        x for x in built.stderr.splitlines() if x.startswith(f"rejected {shown}")]
    assert len([x for x in built.stderr.splitlines() if x.startswith(f"rejected {shown}")]) == 1
    assert [x for x in checked.stdout.splitlines() if x.startswith(shown)] == \
        checked.stdout.splitlines()


# --- 11: the recorded size and time belong to the bytes hashed --------------------------------

def test_a_file_changed_during_a_build_and_restored_is_read_again(corpus: Path,
                                                                  db_path: Path) -> None:
    first = corpus / "articles" / "a-first.md"
    later = corpus / "articles" / "b-later.md"
    first.write_text(GOOD)
    original = GOOD.replace("Protests in Tbilisi", "Original title")
    later.write_text(original)
    old = 1_600_000_000_000_000_000  # long ago: the build trusts these times
    for path in (first, later, corpus / "articles" / SEED.name):
        os.utime(path, ns=(old, old))

    def edit_later_once(done: int, total: int) -> None:
        if done == 1:  # after the first file is read, before the later one is
            later.write_text(original.replace("Original", "Edited"))
            os.utime(later, ns=(old + 10**9, old + 10**9))

    build_store(corpus, db_path, progress=edit_later_once)
    assert "Edited title" in titles(db_path)
    later.write_text(original)  # restored, with its old size and modification time
    os.utime(later, ns=(old, old))
    again = build_store(corpus, db_path)
    assert again.updated == 1
    assert "Original title" in titles(db_path)


# --- 12, 13: what front matter may say --------------------------------------------------------

@pytest.mark.parametrize(("front", "reason"), [
    ("title: A\nurl: javascript:alert(1)\nurl: https://example.org",
     "front matter gives the key 'url' twice (lines 3 and 4); keep one"),
    ("title: A\ntitle: B", "front matter gives the key 'title' twice (lines 2 and 3); keep one"),
    ("title: A\npublished: 0000", "published: '0000' is not a calendar date"),
    ('title: "\u200b\u200b\u2060"', "no title (or a title of blank or invisible characters only)"),
    ('title: "\u202e"', "no title (or a title of blank or invisible characters only)"),
])
def test_front_matter_that_cannot_be_trusted_is_refused_by_reason(tmp_path: Path, front: str,
                                                                  reason: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}\n---\nOfficials met in Tirana.\n")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.reason.startswith(reason)


def test_a_store_from_a_newer_newsmap_says_what_works_and_it_does(corpus: Path,
                                                                  db_path: Path) -> None:
    build_store(corpus, db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer newsmap") as caught:
        connect(db_path, readonly=True)
    assert "newsmap build --rebuild" in str(caught.value)
    refused = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert refused.returncode == 2
    assert "newer newsmap" in refused.stderr
    assert "newsmap build --rebuild" in refused.stderr
    rebuilt = newsmap("build", "--rebuild", "--data", str(corpus), "--db", str(db_path))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert titles(db_path) == ["Albania cuts diplomatic ties with Iran"]


def test_every_build_writes_its_status_for_readers(corpus: Path, db_path: Path) -> None:
    built = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert built.returncode == 0
    status = json.loads(Path(f"{db_path}.build.json").read_text())
    assert (status["state"], status["done"], status["total"]) == ("done", 1, 1)
    assert status["message"].startswith("added 1,")
    assert not check_corpus(corpus)
