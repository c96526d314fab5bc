"""Long lists a page at a time, on a synthetic package of 300 events (bench/synth.py), through AppTest."""

from __future__ import annotations

import csv
import io

import pytest

from bench.synth import write_package
from coopmap.dataset.package import load
from tests.support.app import card_ids, downloads, run


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages") / "package"
    write_package(root, 300, 11)
    return root


@pytest.fixture
def events(synthetic, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(synthetic))
    return load(synthetic)["events"]


def pager(at, name: str):
    return next(box for box in at.number_input if box.key.startswith(f"page-{name}-"))


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_the_table_shows_fifty_rows_a_page_and_says_which(events):
    at = run(tab="table")
    assert list(at.dataframe[0].value["Event"]) == list(events["event_id"][:50])
    assert "Events 1–50 of 300" in captions(at)
    pager(at, "table").set_value(6).run()
    assert list(at.dataframe[0].value["Event"]) == list(events["event_id"][250:])
    assert "Events 251–300 of 300" in captions(at)


def test_a_new_filter_starts_the_table_again_at_page_one(events):
    at = run(tab="table")
    pager(at, "table").set_value(3).run()
    at.slider(key="years").set_value((2005, 2020)).run()
    dated = events[events["year"].between(2005, 2020)]
    assert list(at.dataframe[0].value["Event"]) == list(dated["event_id"][:50])
    assert pager(at, "table").value == 1 and f"Events 1–50 of {len(dated)}" in captions(at)


def test_a_countrys_own_cards_come_ten_a_page(events):
    own = events[events["scope"] == "country"]
    top = own["country_iso3"].value_counts().index[0]
    ids = list(own.loc[own["country_iso3"] == top, "event_id"])
    assert len(ids) > 20
    at = run(country=top)

    def own_cards() -> list[str]:  # the panel's own cards, without those of the claims about its groups
        return [card for card in card_ids(at) if card in set(own["event_id"])]

    assert own_cards() == ids[:10] and f"1–10 of {len(ids)}" in captions(at)
    pager(at, top).set_value(2).run()
    assert own_cards() == ids[10:20] and f"11–20 of {len(ids)}" in captions(at)


def test_the_downloads_hold_every_selected_row_not_only_the_page(events):
    files = downloads()
    rows = list(csv.DictReader(io.StringIO(files["reported-cooperation_all.csv"].decode("utf-8-sig"))))
    assert [r["event_id"] for r in rows] == list(events["event_id"])
