"""A synthetic archive for scale tests: ``newsmap synth --articles N --out DIR [--seed S]``.

Every article is composed from templates over the region's countries, cities, event types and the
years 1990-2024, and is marked ``synthetic: true`` in its front matter so the app can say so.
Countries follow a Zipf-like spread (a few carry most stories), bodies run 300-1,200 words of
prose with dated events, demonyms, capitals used as metonyms and passing mentions, so tagging,
building and drawing work as they do on real text. The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COUNTRIES",
    "EVENT_TYPES",
    "SynthCountry",
    "SynthReport",
    "add_synth_command",
    "generate_archive",
    "synth_article",
]

FIRST_YEAR = 1990
LAST_YEAR = 2024
MIN_WORDS = 300
MAX_WORDS = 1200
ZIPF_EXPONENT = 1.1


@dataclass(frozen=True, slots=True)
class SynthCountry:
    """A country the generator writes about: its name, demonym, capital and other cities."""

    iso3: str
    name: str
    demonym: str
    capital: str
    cities: tuple[str, ...]


# In the order of how often the magazine writes about them (the Zipf rank).
COUNTRIES: tuple[SynthCountry, ...] = (
    SynthCountry("ALB", "Albania", "Albanian", "Tirana", ("Durrës", "Vlorë", "Shkodër", "Elbasan")),
    SynthCountry("IRN", "Iran", "Iranian", "Tehran", ("Mashhad", "Isfahan", "Tabriz", "Shiraz")),
    SynthCountry("SRB", "Serbia", "Serbian", "Belgrade", ("Novi Sad", "Niš", "Kragujevac")),
    SynthCountry("BIH", "Bosnia and Herzegovina", "Bosnian", "Sarajevo",
                 ("Banja Luka", "Mostar", "Tuzla", "Zenica")),
    SynthCountry("XKX", "Kosovo", "Kosovar", "Pristina", ("Prizren", "Ferizaj", "Gjilan")),
    SynthCountry("TUR", "Turkey", "Turkish", "Ankara", ("Istanbul", "Izmir", "Gaziantep")),
    SynthCountry("UKR", "Ukraine", "Ukrainian", "Kyiv", ("Kharkiv", "Odesa", "Lviv", "Dnipro")),
    SynthCountry("MKD", "North Macedonia", "North Macedonian", "Skopje",
                 ("Bitola", "Kumanovo", "Tetovo")),
    SynthCountry("MNE", "Montenegro", "Montenegrin", "Podgorica", ("Nikšić", "Budva", "Cetinje")),
    SynthCountry("GRC", "Greece", "Greek", "Athens", ("Thessaloniki", "Piraeus", "Patra")),
    SynthCountry("HRV", "Croatia", "Croatian", "Zagreb", ("Rijeka", "Osijek", "Zadar")),
    SynthCountry("IRQ", "Iraq", "Iraqi", "Baghdad", ("Mosul", "Erbil", "Karbala")),
    SynthCountry("SYR", "Syria", "Syrian", "Damascus", ("Aleppo", "Homs", "Latakia")),
    SynthCountry("RUS", "Russia", "Russian", "Moscow",
                 ("Saint Petersburg", "Novosibirsk", "Yekaterinburg")),
    SynthCountry("BGR", "Bulgaria", "Bulgarian", "Sofia", ("Plovdiv", "Varna", "Burgas")),
    SynthCountry("ROU", "Romania", "Romanian", "Bucharest", ("Cluj-Napoca", "Timişoara", "Iaşi")),
    SynthCountry("ISR", "Israel", "Israeli", "Jerusalem", ("Tel Aviv", "Haifa", "Netanya")),
    SynthCountry("LBN", "Lebanon", "Lebanese", "Beirut", ("Sidon", "Tyre", "Aley")),
    SynthCountry("GEO", "Georgia", "Georgian", "Tbilisi", ("Batumi", "Kutaisi", "Rustavi")),
    SynthCountry("ARM", "Armenia", "Armenian", "Yerevan", ("Gyumri", "Vanadzor")),
    SynthCountry("AZE", "Azerbaijan", "Azerbaijani", "Baku", ("Ganja", "Sumgayit", "Lankaran")),
    SynthCountry("HUN", "Hungary", "Hungarian", "Budapest", ("Debrecen", "Szeged", "Miskolc")),
    SynthCountry("MDA", "Moldova", "Moldovan", "Chisinau", ("Tiraspol", "Cahul", "Soroca")),
    SynthCountry("SVN", "Slovenia", "Slovenian", "Ljubljana", ("Maribor", "Celje", "Koper")),
    SynthCountry("CYP", "Cyprus", "Cypriot", "Nicosia", ("Limassol", "Larnaca", "Paphos")),
    SynthCountry("EGY", "Egypt", "Egyptian", "Cairo", ("Giza", "Port Said", "Suez")),
    SynthCountry("SAU", "Saudi Arabia", "Saudi", "Riyadh", ("Jeddah", "Dammam", "Buraydah")),
    SynthCountry("JOR", "Jordan", "Jordanian", "Amman", ("Zarqa", "Irbid")),
    SynthCountry("AUT", "Austria", "Austrian", "Vienna", ("Graz", "Linz", "Salzburg")),
    SynthCountry("ITA", "Italy", "Italian", "Rome", ("Milan", "Turin", "Palermo", "Bari")),
    SynthCountry("DEU", "Germany", "German", "Berlin", ("Hamburg", "Munich", "Stuttgart")),
    SynthCountry("YEM", "Yemen", "Yemeni", "Sanaa", ("Aden", "Taiz", "Mukalla")),
    SynthCountry("QAT", "Qatar", "Qatari", "Doha", ("Lusail",)),
    SynthCountry("ARE", "United Arab Emirates", "Emirati", "Abu Dhabi", ("Dubai", "Sharjah")),
    SynthCountry("BLR", "Belarus", "Belarusian", "Minsk", ("Vitebsk", "Hrodna", "Baranovichi")),
    SynthCountry("POL", "Poland", "Polish", "Warsaw", ("Kraków", "Wrocław", "Gdańsk")),
)

_ZIPF_CUMULATIVE: tuple[float, ...] = tuple(
    sum(1 / (rank**ZIPF_EXPONENT) for rank in range(1, n + 1)) for n in range(1, len(COUNTRIES) + 1)
)

# Sentence templates per event type. Slots: {when} (a dated phrase opening the sentence), {city},
# {country}, {demonym}, {other}, {other_demonym}, {n}. Each names its event in the words the
# tagger's lexicon knows, and nothing else in the body does.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "cyberattack": (
        "{when}, hackers linked to {other} launched a cyberattack that took government websites"
        " in {city} offline for several days.",
        "{when}, a cyber-attack on the {demonym} customs service in {city} wiped records from"
        " hundreds of computers.",
        "{when}, investigators in {city} traced a ransomware attack on the power grid to servers"
        " run from {other}.",
    ),
    "diplomatic": (
        "{when}, {country} expelled two {other_demonym} diplomats and ordered the embassy in"
        " {city} to reduce its staff.",
        "{when}, the foreign ministers of {country} and {other} met in {city} and agreed to"
        " restore diplomatic relations.",
        "{when}, {country} recalled its ambassador from {other} after talks in {city} broke down.",
    ),
    "terrorism": (
        "{when}, a bomb exploded near the central market of {city}, killing {n} people in what"
        " the police called a terrorist attack.",
        "{when}, prosecutors in {city} charged {n} men with plotting a terrorist attack on a"
        " concert hall.",
        "{when}, a suicide bomber struck a checkpoint outside {city}, and a militant group"
        " claimed responsibility.",
    ),
    "arms transfer": (
        "{when}, {other} shipped weapons to {country} through the port of {city}, according"
        " to customs records.",
        "{when}, {country} signed an arms deal with {other} for air-defence systems delivered"
        " to a base near {city}.",
        "{when}, a cargo of rifles and ammunition bound for {country} was seized at {city},"
        " part of an arms shipment from {other}.",
    ),
    "migration": (
        "{when}, more than {n},000 refugees crossed into {country}, and the reception camp near"
        " {city} was soon overcrowded.",
        "{when}, boats carrying migrants from {other} landed near {city}.",
        "{when}, thousands of asylum seekers waited at the border crossing outside {city}.",
    ),
    "protest": (
        "{when}, thousands of protesters marched through {city} to demand the resignation of"
        " the {demonym} government.",
        "{when}, demonstrators blocked the main roads of {city} for three days.",
        "{when}, students staged a mass protest in {city} against the new education law.",
    ),
    "armed conflict": (
        "{when}, fighting broke out between {demonym} forces and rebels outside {city}, and the"
        " shelling lasted for weeks.",
        "{when}, troops from {other} crossed the border and clashed with the {demonym} army"
        " near {city}.",
        "{when}, an artillery offensive on {city} forced the {demonym} troops to retreat.",
    ),
    "election": (
        "{when}, voters in {country} went to the polls in a parliamentary election, and turnout"
        " in {city} was the lowest in a decade.",
        "{when}, the opposition won the presidential election in {country}, carrying {city} by"
        " a wide margin.",
        "{when}, a disputed election count in {city} delayed the results for a week.",
    ),
    "disaster": (
        "{when}, an earthquake of magnitude {mag} struck near {city}, destroying hundreds of"
        " homes.",
        "{when}, floods swept through {city} after days of heavy rain.",
        "{when}, wildfires burned through the forests around {city} and forced villages to"
        " evacuate.",
    ),
}
_EVENT_WEIGHTS = {
    "cyberattack": 6, "diplomatic": 16, "terrorism": 8, "arms transfer": 7, "migration": 11,
    "protest": 16, "armed conflict": 14, "election": 14, "disaster": 8,
}  # fmt: skip

_HEADLINES: dict[str, tuple[str, ...]] = {
    "cyberattack": ("{country} blames {other} for a cyberattack",
                    "Hackers hit {demonym} state servers"),
    "diplomatic": ("{country} and {other}: a diplomatic chill", "{capital} recalls its envoy"),
    "terrorism": ("A bombing shakes {city}", "Terror trial opens in {capital}"),
    "arms transfer": ("The arms pipeline to {country}", "Weapons for {country}, by sea"),
    "migration": ("Refugees at the gates of {city}", "{country} and the new migration routes"),
    "protest": ("Protests fill the streets of {city}", "{demonym} students take to the squares"),
    "armed conflict": ("Fighting returns to {city}", "A frozen conflict thaws in {country}"),
    "election": ("{country} votes, and {city} stays home", "An election count in {country}"),
    "disaster": ("After the earthquake in {city}", "Floods in {country}, and what came after"),
}

# Prose with no dates and no event words: the bulk of every article. Slots as above plus
# {capital} (used as a metonym for the government), {sector}, {thing}, {person}, {role}.
_FILLER: tuple[str, ...] = (
    "The {sector} sector in {country} has grown steadily, and officials in {capital} expect it to"
    " keep doing so.",
    "{capital} has promised to modernise the {thing}, though the plans have changed many times.",
    "Residents of {city} describe a slow but visible change in their neighbourhoods.",
    "Local businesses in {city} depend heavily on {sector}, which employs a large share of young"
    " people.",
    "Analysts note that the {demonym} economy remains small compared with its neighbours.",
    "Investors from {other} have shown growing interest in the {sector} industry of {country}.",
    "The ministry in {capital} declined to comment on the details of the plan.",
    "Many families in {city} still rely on money sent home by relatives working abroad.",
    "A new road linking {city} with the coast has cut travel times by almost half.",
    "Critics say the reforms have done little for ordinary people outside the capital.",
    "The {thing} was built with loans from {other}, and the repayments weigh on the budget.",
    "According to the national statistics office, wages have risen faster than prices.",
    "{person}, {role} based in {capital}, said the figures told only part of the story.",
    "Universities in {city} have opened new programmes in engineering and medicine.",
    "The old town of {city} draws visitors from across the region every summer.",
    "Officials in {capital} insist that the {sector} reforms are on schedule.",
    "{other_demonym} companies now run several hotels and shops along the main avenue of {city}.",
    "The debate over the {thing} has divided the governing coalition.",
    "Few of the promised jobs have materialised, according to local trade unions.",
    "Relations between {country} and {other} have long been shaped by trade and family ties.",
    "Cafés along the river in {city} are full late into the evening.",
    "The central bank has kept interest rates unchanged, citing uncertainty abroad.",
    "Some economists in {capital} argue that the country needs a broader tax base.",
    "The {demonym} diaspora plays a large role in public life at home.",
    "Rail services between {city} and {capital} remain slow and infrequent.",
    "A report by the audit office found gaps in how the {thing} was financed.",
    "Farmers near {city} complain that subsidies arrive late and are too small.",
    "{person}, {role}, has written extensively about the region's recent history.",
    "The parliament in {capital} is expected to debate a new budget soon.",
    "Young graduates often leave {city} for jobs in {other} and further afield.",
    "The opposition accuses the government of favouring companies close to the ruling party.",
    "Energy prices remain a sensitive subject for households in {country}.",
    "The city council of {city} has approved a plan to restore the historic quarter.",
    "Trade between {country} and {other} has doubled over the past decade.",
    "Journalists in {capital} say that access to official information has become harder.",
    "A museum in {city} recently reopened after a long renovation.",
    "{capital} and {other_capital} have discussed closer cooperation on {sector}.",
    "The {demonym} currency has held steady against the euro.",
    "Air pollution in {city} is among the worst in the region during winter.",
    "Courts in {country} are slowly working through a backlog of corruption cases.",
    "Officials say the {thing} will be finished within a few years.",
    "The port of {city} handles a growing share of the region's container traffic.",
    "Most residents of {city} get their news from television and social media.",
    "{person} said that the government had to earn back the public's trust.",
    "Tourism revenues have become a mainstay of the {demonym} budget.",
    "Neighbouring {other} watches these developments closely.",
    "Several ministers have resigned over the handling of the {thing}.",
    "The national airline has added new routes from {capital} to cities in {other}.",
    "Housing prices in {city} have climbed sharply, pushing families to the suburbs.",
    "Observers in {other_capital} describe the mood in {capital} as cautious.",
    "Hospitals in {city} struggle to keep doctors and nurses from moving abroad.",
    "The {sector} ministry has published a long-term strategy for the sector.",
    "The mayor of {city} has become one of the most visible politicians in {country}.",
    "A growing number of {other_demonym} students study at universities in {country}.",
    "Public broadcasters in {country} face questions about their independence.",
    "The region around {city} is known for its vineyards and olive groves.",
)
_QUOTES: tuple[str, ...] = (
    "“Nobody here expected things to move so quickly,” said {person}, {role} in {city}.",
    "“We have seen this pattern before, and it rarely ends well,” said {person}, {role}.",
    "“{capital} is sending mixed signals, and people notice,” {person} told the magazine.",
    "“The question is what {other} wants from all this,” said {person}, {role} in {capital}.",
    "“There is a gap between what is promised and what is delivered,” said {person}.",
    "“It will take a generation to repair the damage,” said {person}, {role} from {city}.",
)
_SECTORS = (
    "energy", "tourism", "banking", "farming", "construction", "shipping", "textile", "mining",
    "software", "telecommunications", "health", "transport", "water", "steel", "media",
)
_THINGS = (
    "new motorway", "port expansion", "pension reform", "power plant", "rail link",
    "airport terminal", "judicial reform", "hydroelectric dam", "gas pipeline",
    "housing programme", "waterfront project", "land registry", "privatisation plan",
)
_ROLES = (
    "a political analyst", "a historian", "an economist", "a former diplomat", "a researcher",
    "a journalist", "a lawyer", "a professor of international relations", "a local councillor",
)
_FIRST_NAMES = (
    "Elena", "Marko", "Ardit", "Leyla", "Nikola", "Sara", "Dritan", "Ivana", "Kemal", "Mira",
    "Tomas", "Amira", "Stefan", "Ana", "Luka", "Nadia", "Petar", "Yasmin", "Goran", "Daria",
)
_LAST_NAMES = (
    "Hoxha", "Petrović", "Karimi", "Novak", "Demir", "Kovač", "Popescu", "Haddad", "Ivanova",
    "Berisha", "Markovic", "Rahimi", "Horvat", "Stoica", "Nasser", "Kuznetsova", "Gashi",
)
_OUTLETS = ("Synthetic Balkan Monitor", "The Synthetic Review", "Synthetic Wire Service")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class SynthReport:
    """What one run of the generator wrote."""

    articles: int
    words: int
    bytes: int
    seconds: float
    out_dir: Path


def synth_article(index: int, seed: int = 0) -> tuple[str, str]:
    """The ``index``-th article for ``seed``: its path relative to the archive and its text."""
    # not for secrets: a reproducible stream per article, so any article can be made alone
    rng = random.Random((seed << 40) ^ (index * 2_654_435_761) ^ 0x5EED)  # noqa: S311
    return _Composer(rng, index).compose()


def generate_archive(out_dir: Path, articles: int, seed: int = 0) -> SynthReport:
    """Write ``articles`` synthetic article files under ``out_dir`` (nested by year and month)."""
    if articles < 0:
        raise ValueError("the number of articles must not be negative")
    started = time.perf_counter()
    made: set[Path] = set()
    words = size = 0
    for index in range(articles):
        relative, text = synth_article(index, seed)
        path = out_dir / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        words += _body_words(text)
    return SynthReport(articles, words, size, time.perf_counter() - started, out_dir)


def add_synth_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``synth --articles N --out DIR [--seed S]`` to the ``newsmap`` command."""
    parser = commands.add_parser(
        "synth", help="write a synthetic archive (marked synthetic: true) for scale tests"
    )
    parser.add_argument("--articles", type=_non_negative, required=True, metavar="N",
                        help="how many article files to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write them under (nested by year and month)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed; the same seed writes the same files (default: 0)")
    parser.set_defaults(run=_run_synth)


def _run_synth(args: argparse.Namespace) -> int:
    out_dir: Path = args.out
    if out_dir.exists() and not out_dir.is_dir():
        print(f"newsmap: {out_dir} exists and is not a folder", file=sys.stderr)
        return 2
    report = generate_archive(out_dir, args.articles, args.seed)
    print(
        f"wrote {report.articles:,} synthetic articles ({report.words:,} words, "
        f"{report.bytes / 1e6:.1f} MB) to {out_dir} in {report.seconds:.1f} s (seed {args.seed})"
    )
    return 0


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _body_words(text: str) -> int:
    return len(text.split("\n---\n", 1)[-1].split())


class _Composer:
    """Writes one article from one random stream; every choice comes from ``rng``."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.year, self.month, self.day = self._published()
        picked = self._countries(rng.choice((1, 2, 2, 3, 3, 4)))
        self.main = picked[0]
        self.others = picked[1:] or self._countries(2)[1:]
        self.person = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"

    def compose(self) -> tuple[str, str]:
        rng = self.rng
        types = rng.choices(list(_EVENT_WEIGHTS), weights=list(_EVENT_WEIGHTS.values()),
                            k=rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)))
        title = self._fill(rng.choice(_HEADLINES[types[0]]), self.main)
        target = self._target_words()
        body = self._body(types, target)
        day_part = f"-{self.day:02d}" if self.day else ""
        published = f"{self.year:04d}-{self.month:02d}{day_part}"
        slug = re.sub(r"[^a-z0-9]+", "-", _ascii(title).lower()).strip("-")[:60].strip("-")
        name = f"synth-{self.index:06d}-{slug}"
        front = [
            "---",
            f"title: {json.dumps(title)}",
            f"published: {published}",
            f"outlet: {rng.choice(_OUTLETS)}",
            f"url: https://synthetic.newsmap.invalid/{self.year}/{name}",
            f"topics: [{', '.join(sorted(set(types)))}]",
            "synthetic: true",
        ]
        if rng.random() < 0.08:  # a few carry curated tags, as edited articles would
            front.append(f"countries: [{self.main.iso3}]")
        front.append("---")
        text = "\n".join(front) + "\n" + body + "\n"
        return f"{self.year:04d}/{self.month:02d}/{name}.md", text

    def _published(self) -> tuple[int, int, int | None]:
        rng = self.rng
        span = LAST_YEAR - FIRST_YEAR + 1
        # more recent years hold more stories (the archive grows), 1 : 3 from 1990 to 2024
        year = self._recent_year(span)
        month = rng.randint(1, 12)
        day = rng.randint(1, _DAYS_IN_MONTH[month - 1]) if rng.random() < 0.7 else None
        return year, month, day

    def _recent_year(self, span: int) -> int:
        # density rising linearly from 1 to 3 across the span: invert its distribution function
        u = self.rng.random()
        x = (-1 + math.sqrt(1 + 8 * u)) / 2  # solves x + x^2 = 2u for x in [0, 1]
        return min(FIRST_YEAR + int(x * span), LAST_YEAR)

    def _countries(self, k: int) -> list[SynthCountry]:
        chosen: list[SynthCountry] = []
        while len(chosen) < k:
            country = self.rng.choices(COUNTRIES, cum_weights=_ZIPF_CUMULATIVE)[0]
            if country not in chosen:
                chosen.append(country)
        return chosen

    def _target_words(self) -> int:
        words = self.rng.lognormvariate(math.log(620), 0.35)
        return int(min(max(words, MIN_WORDS + 10), MAX_WORDS - 40))

    def _body(self, types: list[str], target: int) -> str:
        rng = self.rng
        events = [self._event_sentence(kind) for kind in types]
        paragraphs: list[list[str]] = [[
            self._fill(rng.choice(_FILLER), self.main),
            events[0],
            self._fill(rng.choice(_FILLER), self.main),
        ]]
        words = sum(len(s.split()) for s in paragraphs[0])
        pending = events[1:]
        while words < target or pending:
            paragraph: list[str] = []
            for _ in range(rng.randint(3, 6)):
                if pending and rng.random() < 0.3:
                    sentence = pending.pop(0)
                elif rng.random() < 0.08:
                    sentence = self._fill(rng.choice(_QUOTES), self._about())
                else:
                    sentence = self._fill(rng.choice(_FILLER), self._about())
                paragraph.append(sentence)
                words += len(sentence.split())
                if words >= target and not pending:
                    break
            paragraphs.append(paragraph)
        return "\n\n".join(" ".join(p) for p in paragraphs)

    def _about(self) -> SynthCountry:
        return self.main if self.rng.random() < 0.75 else self.rng.choice(self.others)

    def _event_sentence(self, kind: str) -> str:
        rng = self.rng
        where = self.main if rng.random() < 0.8 else rng.choice(self.others)
        sentence = self._fill(rng.choice(EVENT_TYPES[kind]), where, when=self._when())
        return sentence

    def _when(self) -> str:
        """A date phrase no later than publication, at a random precision."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.12 and self.month > 1:
            month = rng.randint(1, self.month - 1)
            return f"On {rng.randint(1, 28)} {_MONTHS[month - 1]}"
        year = self.year - min(int(rng.expovariate(0.25)), self.year - FIRST_YEAR)
        last_month = self.month - 1 if year == self.year else 12
        if last_month < 1:  # published in January: the event falls in an earlier year
            year -= 1
            last_month = 12
        month = rng.randint(1, last_month)
        if roll < 0.45:
            return f"In {_MONTHS[month - 1]} {year}"
        if roll < 0.65:
            return f"On {rng.randint(1, 28)} {_MONTHS[month - 1]} {year}"
        if roll < 0.92:
            return f"In {year}"
        return f"In the {year // 10 * 10}s"

    def _fill(self, template: str, country: SynthCountry, when: str = "") -> str:
        rng = self.rng
        other = rng.choice(self.others) if country is self.main else self.main
        return template.format(
            when=when,
            country=country.name,
            demonym=country.demonym,
            capital=country.capital,
            city=rng.choice(country.cities) if rng.random() < 0.8 else country.capital,
            other=other.name,
            other_demonym=other.demonym,
            other_capital=other.capital,
            sector=rng.choice(_SECTORS),
            thing=rng.choice(_THINGS),
            role=rng.choice(_ROLES),
            person=self.person,
            n=rng.randint(2, 40),
            mag=f"{rng.uniform(5.0, 7.4):.1f}",
        )


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
