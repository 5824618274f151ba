"""Fuzzing the parsers: any text gives a valid result or the project's own clear error, quickly.

Covers front matter and plain-text articles (:func:`read_article` on arbitrary bytes), publication
dates (:meth:`PartialDate.parse`), dates in prose (:func:`find_dates`), sentences, the
country-name resolver and the tagger. Each call is bounded in time as well as in outcome.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmap.corpus import (
    MAX_FILE_BYTES,
    MAX_FRONT_MATTER_BYTES,
    MAX_YAML_DEPTH,
    read_article,
)
from newsmap.errors import ArticleError
from newsmap.model import Article, PartialDate, Precision, is_visible
from newsmap.tagging import tag_article
from newsmap.tagging.dates import find_dates
from newsmap.tagging.sentences import MAX_SENTENCE_CHARS, split_sentences

FUZZ = settings(
    max_examples=int(os.environ.get("NEWSMAP_FUZZ_EXAMPLES", "150")),
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECONDS_PER_CALL = 5.0
"""A generous bound on the CPU time (not wall time: a busy machine does not make it fail) of one
parse of any fuzzed input; a quadratic regression takes minutes."""

# Characters that break naive text handling: bidi controls, RTL scripts, combining marks,
# zero-width joiners, a BOM, line and paragraph separators, astral emoji, a Turkish dotted I.
AWKWARD = [
    "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u200e", "שלום", "مرحبا", "ایران",
    "e\u0301", "\u0300", "\u200d", "\u200b", "\ufeff", "\u2028", "\u2029", "\U0001f600",
    "İ", "ß", "ǅ", "\x85", "\x0b", "\x0c", "\t", "---", "\n---\n", ": ", "- ", "&a ", "*a",
    "!!python/object:os.system", "{", "[", "'", '"', "#", "%", "@", "`", "|", ">",
    "<script>alert(1)</script>", "2022-09", "July 15th", "the 1990s", "last month", "Iran",
]
awkward_text = st.lists(
    st.one_of(st.sampled_from(AWKWARD), st.text(max_size=12)), max_size=40
).map("".join)
any_text = st.one_of(st.text(max_size=400), awkward_text)

FRONT_MATTER_KEYS = ["title", "published", "url", "outlet", "authors", "author", "topics",
                     "countries", "synthetic", "other", "<<", "? x"]
yaml_scalar = st.one_of(
    awkward_text, st.integers(), st.sampled_from(["~", "null", "yes", "no", ".nan", "0x1f",
                                                  "2022-09-15", "2022-13", "0000", "1e9",
                                                  "[ALB, IRN]", "{a: b}", "*x", "&x y"]),
)


def _yaml_value(depth: int) -> st.SearchStrategy[str]:
    if depth <= 0:
        return yaml_scalar.map(str)
    inner = _yaml_value(depth - 1)
    return st.one_of(
        yaml_scalar.map(str),
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(inner, max_size=3).map(
            lambda items: "{" + ", ".join(f"k{i}: {v}" for i, v in enumerate(items)) + "}"
        ),
    )


front_matter = st.lists(
    st.tuples(st.sampled_from(FRONT_MATTER_KEYS), _yaml_value(3)), max_size=8
).map(lambda pairs: "\n".join(f"{key}: {value}" for key, value in pairs))


def _read_within_bound(path: Path, data: bytes) -> Article | ArticleError:
    """Read ``data`` as the file ``path``; returns the Article or the ArticleError, timed."""
    started = time.process_time()
    try:
        result: Article | ArticleError = read_article(path, data)
    except ArticleError as error:
        result = error
    elapsed = time.process_time() - started
    assert elapsed < SECONDS_PER_CALL, f"{len(data):,} bytes took {elapsed:.1f} s"
    return result


def _assert_clear(result: Article | ArticleError, path: Path) -> None:
    if isinstance(result, ArticleError):
        assert result.path == str(path)
        assert result.reason.strip(), "an error must say why"
        assert str(result).startswith(str(path))
    else:
        assert result.title.strip()
        assert result.body.strip()
        assert result.url is None or result.url.lower().startswith(("http://", "https://"))


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt", ".markdown"]))
def test_random_bytes_give_an_article_or_an_article_error(data: bytes, suffix: str) -> None:
    path = Path(f"/corpus/fuzzed{suffix}")
    _assert_clear(_read_within_bound(path, data), path)


@FUZZ
@given(text=any_text, suffix=st.sampled_from([".md", ".txt"]))
def test_awkward_unicode_text_gives_an_article_or_an_article_error(text: str, suffix: str) -> None:
    path = Path(f"/corpus/unicode{suffix}")
    _assert_clear(_read_within_bound(path, text.encode("utf-8")), path)


@FUZZ
@given(fm=front_matter, body=any_text)
def test_fuzzed_front_matter_gives_an_article_or_an_article_error(fm: str, body: str) -> None:
    path = Path("/corpus/front-matter.md")
    data = f"---\n{fm}\n---\n{body}".encode()
    _assert_clear(_read_within_bound(path, data), path)


@FUZZ
@given(text=any_text)
def test_partial_date_parse_returns_a_date_or_value_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except ValueError as error:  # pydantic's ValidationError is a ValueError too
        message = str(error)
        date = None
    if date is None:
        assert message
        return
    assert PartialDate.parse(date.iso()) == date
    assert 1 <= date.year <= 9999


published_dates = st.one_of(
    st.none(),
    st.builds(lambda y: PartialDate(year=y, precision=Precision.YEAR),
              st.sampled_from([1, 2, 1990, 2022, 9998, 9999])),
    st.builds(lambda y, m: PartialDate(year=y, month=m, precision=Precision.MONTH),
              st.sampled_from([1, 2022, 9999]), st.integers(1, 12)),
    st.builds(lambda y, m, d: PartialDate(year=y, month=m, day=d, precision=Precision.DAY),
              st.sampled_from([1, 2022, 9999]), st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda y: PartialDate(year=y, precision=Precision.DECADE),
              st.sampled_from([10, 1990, 9990])),
)
DATE_WORDS = ["last month", "next month", "yesterday", "last year", "next year", "this year",
              "three years ago", "99 months ago", "on Monday", "last Sunday", "In March",
              "July 15th", "15 July", "March last year", "in December", "the 1990s", "the '90s",
              "1994", "1992-95", "September 2022", "31 February 2022", "February 29"]
date_text = st.lists(st.one_of(st.sampled_from(DATE_WORDS), any_text), max_size=12).map(" ".join)


@FUZZ
@given(text=date_text, published=published_dates)
def test_find_dates_never_raises_and_spans_match(text: str, published: PartialDate | None) -> None:
    for mention in find_dates(text, published):
        assert text[mention.start : mention.end] == mention.surface
        if mention.date is not None:
            assert 1 <= mention.date.year <= 9999


@pytest.mark.parametrize(
    ("published", "text"),
    [("0001-01", "It happened last month."), ("0001-01-01", "It was yesterday."),
     ("0002", "three years ago"), ("0001-01", "In March it rained."),
     ("9999", "They meet next year."), ("0001", "In March last year.")],
)
def test_dates_beyond_the_calendar_stay_undated(published: str, text: str) -> None:
    """Regression: these raised ValidationError/OverflowError from the tagger (year 0 or 10000)."""
    mentions = find_dates(text, PartialDate.parse(published))
    assert mentions
    assert all(m.date is None for m in mentions)


@FUZZ
@given(text=any_text)
def test_sentences_cover_their_own_offsets(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text
        assert len(sentence.text) <= MAX_SENTENCE_CHARS


@FUZZ
@given(title=awkward_text, body=date_text, published=published_dates,
       curated=st.lists(st.sampled_from(["ALB", "IRN", "XKX", "FRA"]), max_size=2, unique=True))
def test_tagger_returns_valid_tags_for_any_text(
    title: str, body: str, published: PartialDate | None, curated: list[str]
) -> None:
    from newsmap.geo.names import known_iso3

    if not is_visible(title[:500]) or not is_visible(body):
        return
    article = Article(id="fuzzed", title=title[:500], body=body, published=published,
                      curated_countries=tuple(curated), source_path="/corpus/fuzzed.md",
                      content_hash="0")
    tags = tag_article(article)
    assert set(curated) <= {c.iso3 for c in tags.countries}
    for country in tags.countries:
        assert country.iso3 in known_iso3()
    for event in tags.events:
        assert event.summary.strip()
        assert event.date is None or 1 <= event.date.year <= 9999


HOSTILE_BODIES = {
    "one date repeated, no full stop": "July 15th, ",
    "one undated date repeated": "On Monday, ",
    "a country name repeated": "Iran ",
    "dots only": ". ",
    "capital and date": "In 1994 Tirana said, ",
}


@pytest.mark.parametrize("unit", list(HOSTILE_BODIES.values()), ids=list(HOSTILE_BODIES))
def test_tagger_stays_fast_on_half_a_megabyte_of_repetition(unit: str) -> None:
    """Regression: one 2 MB sentence of repeated dates took over ten minutes (quadratic)."""
    body = unit * (500_000 // len(unit))
    article = Article(id="big", title="Big", body=body, published=PartialDate.parse("2022-09"),
                      source_path="/corpus/big.md", content_hash="0")
    tag_article(Article(id="warm", title="Warm", body="Tirana, 1994.", source_path="w",
                        content_hash="0"))
    started = time.process_time()
    tags = tag_article(article)
    assert time.process_time() - started < 20 * SECONDS_PER_CALL / 5
    assert all(len(e.summary) <= MAX_SENTENCE_CHARS for e in tags.events)
    # regression: 45,000 copies of one 2,000-character sentence as events (90 MB from 0.5 MB)
    assert sum(len(e.summary) for e in tags.events) <= len(body)


@FUZZ
@given(text=any_text)
def test_country_resolver_returns_a_code_or_none(text: str) -> None:
    from newsmap.geo.names import find_country_mentions, known_iso3, resolve_country

    code = resolve_country(text)
    assert code is None or code in known_iso3()
    for mention in find_country_mentions(text):
        assert text[mention.start : mention.end] == mention.surface
        assert mention.iso3 in known_iso3()


# --- the limits: refused beyond them, with a message; quick on the biggest accepted input ---


def test_file_over_the_size_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"# Title\n\n" + b"word " * (MAX_FILE_BYTES // 5 + 10))
    with pytest.raises(ArticleError, match=f"limit is {MAX_FILE_BYTES:,}"):
        read_article(path)


def test_front_matter_over_its_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big-front-matter.md"
    path.write_text("---\ntitle: x\ntopics: [" + "a, " * MAX_FRONT_MATTER_BYTES + "b]\n---\nbody\n")
    with pytest.raises(ArticleError, match="front matter is over"):
        read_article(path)


@pytest.mark.parametrize(
    "front",
    [
        "title: " + "[" * 40_000,  # parser recursion
        "title: " + "{a: " * 10_000,
        "title: x\ntopics: " + "[" * (MAX_YAML_DEPTH + 2) + "a" + "]" * (MAX_YAML_DEPTH + 2),
    ],
)
def test_deep_yaml_is_refused_quickly(tmp_path: Path, front: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text(f"---\n{front}\n---\nbody\n")
    started = time.process_time()
    with pytest.raises(ArticleError, match="nest"):
        read_article(path)
    assert time.process_time() - started < SECONDS_PER_CALL


@pytest.mark.parametrize("self_reference", [False, True])
def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path, self_reference: bool) -> None:
    """Regression: nine levels of nine aliases made the depth check walk 9**9 values (a hang)."""
    lines = ["title: bomb", "authors:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    if self_reference:
        lines = ["title: loop", "topics: &me [" + ", ".join(["*me"] * 50) + "]"]
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(lines) + "\n---\nbody\n")
    started = time.process_time()
    with pytest.raises(ArticleError, match=r"values|nested|YAML"):
        read_article(path)
    assert time.process_time() - started < SECONDS_PER_CALL


def test_python_object_tags_are_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.md"
    path.write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nbody\n"
    )
    with pytest.raises(ArticleError, match="YAML"):
        read_article(path)
    assert not marker.exists()


def test_largest_accepted_file_with_one_huge_line_reads_quickly(tmp_path: Path) -> None:
    path = tmp_path / "one-line.md"
    head = b"---\ntitle: One line\npublished: 2022-09\n---\n"
    path.write_bytes(head + b"x" * (MAX_FILE_BYTES - len(head)))
    started = time.process_time()
    article = read_article(path)
    assert len(article.body) == MAX_FILE_BYTES - len(head)
    assert time.process_time() - started < SECONDS_PER_CALL


def test_unclosed_front_matter_and_bad_encoding_name_the_reason(tmp_path: Path) -> None:
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text("---\ntitle: x\nbody without a closing line\n")
    with pytest.raises(ArticleError, match="never closed"):
        read_article(unclosed)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Durrës\n\nbody".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article(latin1)
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Title\n\nbo\x00dy")
    with pytest.raises(ArticleError, match="NUL"):
        read_article(nul)


@pytest.mark.parametrize(("published", "body"), [
    ("0001", "In March in December"),  # found by the fuzz test above (seed 2)
    ("0001-02", "The strike began on 3 February. The union had warned of it in May."),
    ("0001", "A year earlier, in late autumn, the previous winter had been mild."),
    ("9999-12", "On 30 December the talks ended. In January they resumed, a year later."),
])
def test_dates_past_the_ends_of_the_calendar_stay_unresolved(published: str, body: str) -> None:
    """A narrative date that would fall before year 1 or after 9999 is left without a date,
    never a crash."""
    article = Article(id="edge", title="Edge", body=body, published=PartialDate.parse(published),
                      source_path="/corpus/edge.md", content_hash="0")
    for event in tag_article(article).events:
        assert event.date is None or 1 <= event.date.year <= 9999
