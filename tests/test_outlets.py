"""Outlet metadata: the shipped table, user files, and matching documents to outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.outlets import OutletDirectory, OutletError, load_outlets


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_outlets_load_with_kind_country_and_owner() -> None:
    directory = load_outlets()
    wire = directory.match("Meridian Press Agency")
    assert wire is not None and wire.kind == "wire" and wire.country == "GBR"
    assert {o.kind for o in directory.outlets} >= {"wire", "state", "public", "partisan"}


def test_documents_match_by_name_alias_slug_or_url_domain() -> None:
    directory = load_outlets()
    assert directory.match("mpa").slug == "meridian-press"
    assert directory.match("alborz-broadcasting").name == "Alborz Broadcasting Network"
    assert (
        directory.match(None, "https://www.alborznews.ir/en/news/x").slug == "alborz-broadcasting"
    )
    assert directory.match(None, "https://m.severtv.ru/a").slug == "sever-tv"
    assert directory.match("Some Blog", "https://example.org/a") is None


def test_unknown_documents_keep_their_own_outlet_or_stand_alone() -> None:
    directory = load_outlets()
    assert directory.label("NordRadio", None, "x.txt") == "NordRadio International"
    assert directory.label("Daily Bugle", None, "x.txt") == "Daily Bugle"
    assert directory.label(None, "https://www.bugle.example/a", "x.txt") == "bugle.example"
    assert directory.label(None, None, "/in/004_abc.txt") == "(no outlet) 004_abc.txt"


def test_a_user_file_adds_and_overrides_outlets_by_slug(tmp_path: Path) -> None:
    path = write(tmp_path, """
outlets:
  - {slug: harbor-times, name: Harbor Times, aliases: [HT], country: KEN, kind: private,
     domain: harbortimes.co.ke, owner: Harbor Media}
  - {slug: nordradio, name: NordRadio International, country: NOR, kind: public}
""")  # fmt: skip
    directory = OutletDirectory.load([path])
    assert directory.match("HT").country == "KEN"
    assert directory.match(None, "harbortimes.co.ke/x").name == "Harbor Times"
    assert directory.match("nordradio").owner is None


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ("{slug: x, name: X, kind: tabloid}", "kind"),
        ("{slug: x, name: X, kind: wire, country: XXX}", "alpha-3"),
        ("{slug: x, name: X, kind: wire, rating: left}", "rating"),
        ("{slug: x, name: Meridian Press Agency, kind: wire}", "used by"),
    ],
)
def test_invalid_outlet_files_fail_loudly_naming_the_problem(
    tmp_path: Path, entry: str, complaint: str
) -> None:
    path = write(tmp_path, f"outlets:\n  - {entry}\n")
    with pytest.raises(OutletError, match=complaint):
        OutletDirectory.load([path])


def test_a_missing_outlet_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutletError, match="file not found"):
        OutletDirectory.load([tmp_path / "none.yaml"])
