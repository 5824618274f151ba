"""The synthetic archive: valid, marked synthetic, deterministic, skewed, and realistic in size."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from newsmap.cli import main
from newsmap.corpus import discover, read_article
from newsmap.geo.gazetteer import load_gazetteer
from newsmap.synth import COUNTRIES, MAX_WORDS, MIN_WORDS, generate_archive, synth_article


def _write(tmp_path: Path, index: int, seed: int = 0) -> Path:
    relative, text = synth_article(index, seed)
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_same_seed_same_text_other_seed_other_text() -> None:
    assert synth_article(7, seed=3) == synth_article(7, seed=3)
    assert synth_article(7, seed=3) != synth_article(7, seed=4)
    assert synth_article(7, seed=3) != synth_article(8, seed=3)


def test_articles_are_valid_synthetic_and_of_realistic_length(tmp_path: Path) -> None:
    for index in range(150):
        article = read_article(_write(tmp_path, index))
        assert article.synthetic
        assert (article.url or "").startswith("https://")
        assert article.published is not None
        assert 1990 <= article.published.year <= 2024
        assert MIN_WORDS <= len(article.body.split()) <= MAX_WORDS


def test_archive_is_nested_and_discovered_with_unique_ids(tmp_path: Path) -> None:
    report = generate_archive(tmp_path / "archive", 60, seed=1)
    files = discover(tmp_path / "archive")
    assert report.articles == len(files) == 60
    assert all(len(f.relative_to(tmp_path / "archive").parts) == 3 for f in files)
    assert len({read_article(f).id for f in files}) == 60


def test_countries_follow_a_skewed_spread() -> None:
    first_lines = Counter()
    for index in range(1500):
        _, text = synth_article(index)
        body = text.split("\n---\n", 1)[1]
        for country in COUNTRIES:
            if country.name in body or country.demonym in body:
                first_lines[country.iso3] += 1
    ranked = [iso3 for iso3, _ in first_lines.most_common()]
    assert ranked[0] in {"ALB", "IRN"}
    assert first_lines[ranked[0]] > 4 * first_lines[COUNTRIES[-1].iso3]


def test_every_city_is_in_the_gazetteer() -> None:
    gazetteer = load_gazetteer()
    for country in COUNTRIES:
        for name in (country.capital, *country.cities):
            city = gazetteer.resolve(name, prefer=[country.iso3])
            assert city is not None, (country.iso3, name)
            assert city.iso3 == country.iso3, (country.iso3, name)


def test_bodies_carry_dated_events() -> None:
    for index in range(100):
        _, text = synth_article(index)
        body = text.split("\n---\n", 1)[1]
        assert re.search(r"\b(?:19[89]\d|20[0-2]\d)s?\b|\bOn \d+ [A-Z][a-z]+\b", body)


def test_cli_writes_the_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--articles", "5", "--out", str(tmp_path / "out"), "--seed", "2"]) == 0
    assert len(discover(tmp_path / "out")) == 5
    assert "5 synthetic articles" in capsys.readouterr().out


def test_cli_refuses_a_negative_count(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["synth", "--articles", "-1", "--out", str(tmp_path)])
