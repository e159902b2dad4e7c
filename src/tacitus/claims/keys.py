"""Grouping claims that state the same quantity: what, where, which month, of whom."""

from __future__ import annotations

from tacitus.claims.extract import Claim
from tacitus.events.places import PROVINCE, fold, gazetteer

# Counted groups that stand for everyone ("153 people", "600 Israelis" is the total).
GENERIC_WHOM = frozenset({"people", "persons", "person", "individuals", "residents", "lives"})
# Spellings of the same sub-group.
WHOM_ALIASES = {
    "child": "children", "kids": "children", "minors": "children", "boys": "children",
    "girls": "children", "woman": "women", "troops": "soldiers", "soldier": "soldiers",
    "servicemen": "soldiers", "reporters": "journalists", "journalist": "journalists",
    "medics": "medical workers", "doctors": "medical workers", "nurses": "medical workers",
}  # fmt: skip
UNKNOWN = "?"


def claim_key(claim: Claim) -> str:
    """``kind|place|period|group``: claims with equal keys count the same thing.

    The place is a region when the claim lies in one (so Gaza City and the Gaza
    Strip agree), else the country; the period is the month of ``as_of`` (the
    year when only the year is known).
    """
    return "|".join((_kind(claim), _place(claim), _period(claim), _group(claim)))


def _kind(claim: Claim) -> str:
    return f"{claim.kind}:{claim.unit}" if claim.unit else claim.kind


def _place(claim: Claim) -> str:
    place = claim.place
    if place is None:
        return UNKNOWN
    if place.resolution == PROVINCE and place.resolved_place:
        return fold(place.resolved_place)
    region = gazetteer().region_of(place.lat, place.lon, place.country_code)
    if region is not None:
        return fold(region.name)
    return place.country_code or fold(place.resolved_place or place.extracted_place)


def _period(claim: Claim) -> str:
    if claim.as_of is None:
        return UNKNOWN
    if claim.as_of_precision == "year":
        return f"{claim.as_of.year:04d}"
    return f"{claim.as_of.year:04d}-{claim.as_of.month:02d}"


def _group(claim: Claim) -> str:
    whom = (claim.whom or "").strip()
    if not whom or whom[0].isupper() or whom.lower() in GENERIC_WHOM:
        return "all"
    return WHOM_ALIASES.get(whom.lower(), whom.lower())
