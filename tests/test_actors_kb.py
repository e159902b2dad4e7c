"""The actor knowledge base and name keys, without spaCy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tacitus.actors import KnowledgeBase, KnowledgeBaseError, describe_actor
from tacitus.actors.normalize import light, name_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Esmail Ghaani", "Ismail Qaani"),
        ("Haniyeh", "Haniya"),
        ("Ziyad al-Nakhalah", "Ziad Nakhaleh"),
        ("Amir-Abdollahian", "Amir Abdolahian"),
        ("Hezbollah", "Hizbullah"),
        ("Soleimani", "Suleimani"),
    ],
)
def test_romanised_variants_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


def test_light_form_folds_articles_accents_and_lookalike_letters() -> None:
    assert light("al-Nakhalah") == "nakhalah"
    assert light("Hamas’s") == "hamas"
    assert light("Khamеnеi") == "khamenei"  # Cyrillic е


def test_states_come_with_demonyms_and_capitals() -> None:
    kb = KnowledgeBase.load()
    iran = kb.get("IRN")
    assert iran is not None and iran.kind == "state"
    assert "Iranian" in iran.demonyms and "Tehran" in iran.metonyms
    assert kb.get("PRI") is None  # a territory folds into its state
    assert [e.actor_id for e in kb.lookup("Puerto Rico")] == ["USA"]


def test_parent_chain() -> None:
    kb = KnowledgeBase.load()
    assert kb.ancestors("quds-force") == ["irgc", "iran-armed-forces"]
    described = describe_actor(kb, "quds-force")
    assert [p["id"] for p in described["parents"]] == ["irgc", "iran-armed-forces"]
    assert "Qods Force" in described["aliases"]


def test_offices_are_held_by_date() -> None:
    kb = KnowledgeBase.load()
    iranian = [
        a.id for a, _ in kb.office_holders("president", date(2023, 10, 1)) if a.country == "IRN"
    ]
    assert iranian == ["ebrahim-raisi"]


def test_invalid_file_names_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "actors:\n"
        "  - {id: ok-group, name: Ok Group, kind: organization, country: IRQ, sector: REB}\n"
        "  - {id: bad-group, name: Bad Group, kind: organization, country: IRQ, sector: XYZ}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"mine\.yaml.*bad-group.*sector"):
        KnowledgeBase.load([bad])


def test_missing_file_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="file not found"):
        KnowledgeBase.load([tmp_path / "absent.yaml"])


def river_brigade(folder: Path, **fields: object) -> Path:
    """A user's extra knowledge-base file holding one invented armed group."""
    actor = {"id": "river-brigade", "name": "River Brigade", "kind": "organization",
             "country": "IRQ", "sector": "REB"} | fields  # fmt: skip
    path = folder / "local.yaml"
    path.write_text(yaml.safe_dump({"actors": [actor]}), encoding="utf-8")
    return path


def test_extra_file_adds_actors(tmp_path: Path) -> None:
    kb = KnowledgeBase.load([river_brigade(tmp_path, parent="pmf")])
    assert kb.ancestors("river-brigade") == ["pmf"]
    assert [e.actor_id for e in kb.lookup("River Brigade")] == ["river-brigade"]


def test_no_name_or_alias_names_two_actors() -> None:
    kb = KnowledgeBase.load()
    owners: dict[str, set[str]] = {}
    for actor in kb.actors.values():
        for surface in [actor.name, *actor.aliases]:
            owners.setdefault(light(surface), set()).add(actor.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_an_extra_alias_naming_another_actor_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="'Hamas' already names 'hamas'"):
        KnowledgeBase.load([river_brigade(tmp_path, aliases=["Hamas"])])
