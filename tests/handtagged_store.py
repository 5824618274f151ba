"""A small hand-tagged store for dashboard tests: no tagger involved, every value known.

``make_store(data_dir, db_path)`` writes four articles (the seed's story, a Paris protest,
a German election piece without events, and a hostile article full of markup) and records
the corpus signature of ``data_dir`` so the app sees the store as current.
"""

from __future__ import annotations

from pathlib import Path

from newsmap.build import corpus_signature
from newsmap.model import (
    Article,
    ArticleTags,
    CountryTag,
    Event,
    EventType,
    PartialDate,
    Place,
    RegionTag,
)
from newsmap.store import connect, get_meta, replace_rejections, set_meta, write_article

SEED_TITLE = "Albania cuts diplomatic ties with Iran"
HOSTILE_TITLE = '<script>alert("t")</script> Evil & <img src=x onerror=alert(1)>'
TIRANA = (41.3275, 19.8189)
DURRES = (41.3231, 19.4414)
PARIS = (48.8534, 2.3488)
BERLIN = (52.5244, 13.4105)

_SEED_BODY = (
    "Albania has ordered all staff of the Iranian Embassy in Tirana to leave the country. "
    "This follows a major cyberattack on July 15th that the Albanian government blames on Iran.\n\n"
    "In 2014, Albania welcomed some 3,000 members of the exiled Iranian opposition group into "
    "the country. The majority settled in a camp near the port city Durres.\n\n"
    "In 1994, the Clinton Administration looked the other way as Iran shipped weapons to "
    "Bosnia.\n\n"
    "An Iranian diplomat was convicted of attempting to launch a terrorist attack on a political "
    "rally in 2018. That 2018 rally took place in Paris."
)


def _article(slug: str, title: str, body: str, published: str | None, **extra: object) -> Article:
    return Article(
        id=slug, title=title, body=body,
        published=PartialDate.parse(published) if published else None,
        source_path=f"/corpus/{slug}.md", content_hash=f"hash-{slug}", **extra,  # type: ignore[arg-type]
    )


def _d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def articles() -> list[tuple[Article, ArticleTags]]:
    """The fixture articles with their tags."""
    seed = _article("albania-cuts-diplomatic-ties-with-iran", SEED_TITLE, _SEED_BODY, "2022-09",
                    url="https://example.org/albania-iran", outlet="Brussels Report")
    seed_tags = ArticleTags(
        countries=(
            CountryTag(iso3="ALB", name="Albania", salience=1.0, primary=True, mentions=5,
                       evidence=("Albania has ordered all staff of the Iranian Embassy in Tirana "
                                 "to leave the country.",)),
            CountryTag(iso3="IRN", name="Iran", salience=0.9, primary=True, mentions=5,
                       evidence=("This follows a major cyberattack on July 15th that the Albanian "
                                 "government blames on Iran.",)),
            CountryTag(iso3="BIH", name="Bosnia and Herzegovina", salience=0.3, primary=False,
                       mentions=1, evidence=("In 1994, the Clinton Administration looked the "
                                             "other way as Iran shipped weapons to Bosnia.",)),
            CountryTag(iso3="FRA", name="France", salience=0.3, primary=False, mentions=1,
                       evidence=("That 2018 rally took place in Paris.",)),
        ),
        places=(
            Place(name="Tirana", iso3="ALB", lat=TIRANA[0], lon=TIRANA[1],
                  evidence="Albania has ordered all staff of the Iranian Embassy in Tirana to "
                           "leave the country."),
            Place(name="Durrës", iso3="ALB", lat=DURRES[0], lon=DURRES[1],
                  evidence="The majority settled in a camp near the port city Durres."),
            Place(name="Paris", iso3="FRA", lat=PARIS[0], lon=PARIS[1],
                  evidence="That 2018 rally took place in Paris."),
        ),
        events=(
            Event(date=_d("2022-07-15"), iso3="ALB", place="Tirana", lat=TIRANA[0],
                  lon=TIRANA[1], type=EventType.CYBERATTACK,
                  summary="A major cyberattack on July 15th that the Albanian government "
                          "blames on Iran."),
            Event(date=_d("2022-09"), iso3="ALB", place="Tirana", lat=TIRANA[0], lon=TIRANA[1],
                  type=EventType.DIPLOMATIC,
                  summary="Albania ordered all staff of the Iranian Embassy in Tirana to leave."),
            Event(date=_d("2014"), iso3="ALB", place="Durrës", lat=DURRES[0], lon=DURRES[1],
                  type=EventType.MIGRATION,
                  summary="Albania welcomed some 3,000 members of the exiled Iranian opposition."),
            Event(date=_d("1994"), iso3="BIH", type=EventType.ARMS_TRANSFER,
                  summary="Iran shipped weapons to Bosnia."),
            Event(date=_d("2018"), iso3="FRA", place="Paris", lat=PARIS[0], lon=PARIS[1],
                  type=EventType.TERRORISM,
                  summary="An Iranian diplomat attempted to launch a terrorist attack on a "
                          "rally in Paris."),
            Event(date=_d("1990s"), iso3="IRN", type=EventType.OTHER,
                  summary="Iran's involvement in the Western Balkans dates back to the 1990s."),
        ),
        regions=(RegionTag(name="Western Balkans",
                           evidence="Iran's involvement in the Western Balkans."),),
    )
    protest = _article("paris-protest", "Thousands march in Paris",
                       "Thousands marched in Paris on Saturday against the pension reform.\n\n"
                       "The unions said France would see more strikes.", "2020-05-02",
                       outlet="Le Test")
    protest_tags = ArticleTags(
        countries=(CountryTag(iso3="FRA", name="France", salience=1.0, primary=True, mentions=2,
                              evidence=("Thousands marched in Paris on Saturday against the "
                                        "pension reform.",)),),
        places=(Place(name="Paris", iso3="FRA", lat=PARIS[0], lon=PARIS[1],
                      evidence="Thousands marched in Paris on Saturday against the pension "
                               "reform."),),
        events=(Event(date=_d("2020-05-02"), iso3="FRA", place="Paris", lat=PARIS[0],
                      lon=PARIS[1], type=EventType.PROTEST,
                      summary="Thousands marched in Paris against the pension reform."),),
    )
    election = _article("german-vote", "Germany votes", "Germany voted on Sunday.", "2021",
                        outlet="Le Test")
    election_tags = ArticleTags(countries=(
        CountryTag(iso3="DEU", name="Germany", salience=1.0, primary=True, mentions=1,
                   evidence=("Germany voted on Sunday.",)),
    ))
    hostile_body = ('Berlin said <img src=x onerror=alert(1)> was fine. '
                    '[click](javascript:alert(2)) and **bold** <script>alert(3)</script>.')
    hostile = _article("hostile-markup", HOSTILE_TITLE, hostile_body, "2021-03",
                       url="https://example.org/x?a=1&b=<2>", outlet="<b>Outlet</b> & Co")
    hostile_tags = ArticleTags(
        countries=(CountryTag(iso3="DEU", name="Germany", salience=0.8, primary=True, mentions=1,
                              evidence=("Berlin said <img src=x onerror=alert(1)> was fine.",)),),
        events=(Event(date=_d("2021-03"), iso3="DEU", place="Berlin", lat=BERLIN[0],
                      lon=BERLIN[1], type=EventType.PROTEST,
                      summary="<img src=x onerror=alert(4)> protest in Berlin"),),
    )
    return [(seed, seed_tags), (protest, protest_tags), (election, election_tags),
            (hostile, hostile_tags)]


def make_store(data_dir: Path, db_path: Path) -> Path:
    """Write the fixture articles to a new store at ``db_path``, current for ``data_dir``."""
    (data_dir / "articles").mkdir(parents=True, exist_ok=True)
    conn = connect(db_path)
    try:
        with conn:
            for article, tags in articles():
                write_article(conn, article, tags)
            replace_rejections(conn, [("/corpus/broken.md", "front matter: title is missing")])
            set_meta(conn, "corpus_signature", corpus_signature(data_dir))
            version = int(get_meta(conn, "store_version") or 0) + 1
            set_meta(conn, "store_version", str(version))
    finally:
        conn.close()
    return db_path
