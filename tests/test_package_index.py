"""What is computed once per loaded package: statuses, names, labels, members, years; cards on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopmap.dataset.package import load
from coopmap.dataset.shapes import load_countries
from coopmap.dataset.validate import validate
from coopmap.export import table
from coopmap.filters import Filters
from coopmap.package_index import prepare, release_freed_memory
from tests.support.unused import unused_categories


def test_every_event_has_its_status_and_search_text(ready):
    statuses = dict(zip(ready.events["event_id"], ready.events["status"], strict=True))
    assert [e for e, s in statuses.items() if s == "confirmed"] == ["E004", "E014", "E015"]
    assert statuses["E007"] == "partly" and statuses["E006"] == "not_found"
    assert list(ready.events.loc[ready.found("zte"), "event_id"]) == ["E007"]
    assert ready.found("zte") is ready.found("zte")  # a term is searched for once per package


def test_names_labels_and_groups_are_ready_in_both_languages(ready):
    assert (ready.names["en"]["IRN"], ready.names["zh"]["IRN"]) == ("Iran", "伊朗")
    assert ready.names["en"]["XKX"] == ready.names["zh"]["XKX"] == "Kosovo"  # no ISO code: the map's name
    assert (ready.labels["en"]["facility"], ready.labels["zh"]["facility"]) == ("Facility", "设施")
    assert ready.group_names["en"]["agg-18-surveillance"] == (
        "18 countries using intelligence surveillance systems made by the CCP "
        "(countries named by later sources; partial)"
    )
    assert ready.members["central-asia"] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_only_categories_events_use_are_offered_and_only_sources_they_rest_on_cited(ready):
    categories = [
        "police_training",
        "equipment_donation",
        "surveillance_system",
        "agreement",
        "facility",
        "joint_exercise",
        "public_opinion_training",
    ]
    assert "financing" in set(ready.package["categories"]["category_id"])  # listed, and no event uses it
    assert list(ready.offered["en"]) == list(ready.offered["zh"]) == categories
    assert ready.offered["zh"]["facility"] == "设施"
    assert [s["source_id"] for s in ready.cited_sources] == ["epochtimes-4161229", "gnews-zh-1771034"]


def test_a_package_listing_100000_unused_categories_and_sources_is_prepared_as_the_real_one(ready, data_copy):
    data_copy.write("categories.csv", data_copy.rows("categories.csv") + unused_categories(100_000))
    sources = data_copy.rows("sources.csv")
    data_copy.write("sources.csv", sources + [dict(sources[0], source_id=f"unused-{n}") for n in range(1000)])
    countries = load_countries()
    copy = prepare(load(data_copy.root), dict(zip(countries["iso3"], countries["name"], strict=True)))
    assert copy.offered == ready.offered
    assert copy.cited_sources == ready.cited_sources


def test_a_package_names_countries_by_its_own_aliases_on_the_page_and_in_its_downloads(ready, data_copy):
    """Not by this checkout's data/: a package shown with --data names countries as its own aliases do."""
    rows = data_copy.rows("country_aliases.csv")  # still valid: the events' spelling stays an alias
    kept = [dict(r, preferred="false") if r["name"] == "吉尔吉斯斯坦" else r for r in rows]
    preferred = dict(rows[0], name="吉尔吉斯共和国", preferred="true")
    kirghizia = dict(rows[0], name="Kirghizia", language="en", preferred="false")
    data_copy.write("country_aliases.csv", [*kept, preferred, kirghizia])
    assert validate(data_copy.root) == []
    countries = load_countries()
    copy = prepare(load(data_copy.root), dict(zip(countries["iso3"], countries["name"], strict=True)))
    assert (ready.names["zh"]["KGZ"], copy.names["zh"]["KGZ"]) == ("吉尔吉斯斯坦", "吉尔吉斯共和国")
    assert "Kirghizia" not in ready.aliases.get("KGZ", ()) and "Kirghizia" in copy.aliases["KGZ"]
    kyrgyz = copy.events[copy.events["country_iso3"] == "KGZ"]
    assert set(table(kyrgyz, copy.package)["country_name_zh"]) == {"吉尔吉斯共和国"}


def test_years_actors_and_the_count_scale_are_the_datasets(ready):
    assert ready.span == (2010, 2016)
    assert ready.most_own == 2  # Iran
    assert ready.actors["中兴通讯"] == "ZTE"
    assert (ready.placed_years["E010"], ready.placed_years["E013"]) == (2021, 2018)  # two undated events


def test_every_event_has_its_card_in_both_languages(ready):
    ids = list(ready.events["event_id"])
    assert list(ready.cards["en"]) == list(ready.cards["zh"]) == ids
    assert (ready.cards["en"]["E006"].year, ready.cards["zh"]["E006"].year) == (
        "year not stated",
        "未注明年份",
    )


def test_panels_reuse_the_cards_built_once_and_build_only_what_is_shown(ready):
    selected = ready.select(Filters(countries=("KGZ",))).selected
    cards = ready.cards["en"]
    panel = ready.panel(("KGZ",), selected, "en")
    assert panel.countries[0].own[0] is cards["E014"]
    assert [c.event_id for c in panel.via_groups] == ["E005", "E015"] and panel.via_groups[0] is cards["E005"]
    assert panel.countries[0].hidden == 0 and ready.own_counts["IRN"] == 2


def test_a_card_is_built_when_first_asked_for_and_then_kept():
    countries = load_countries()
    fresh = prepare(load(), dict(zip(countries["iso3"], countries["name"], strict=True)))
    built = fresh.cards["zh"]._build
    assert built.cache_info().currsize == 0  # nothing is built up front
    first = fresh.cards["zh"]["E003"]
    assert fresh.cards["zh"]["E003"] is first and built.cache_info().currsize == 1
    assert len(fresh.cards["zh"]) == 15 and "E999" not in fresh.cards["zh"]
    with pytest.raises(KeyError):
        fresh.cards["zh"]["E999"]


def test_freed_memory_goes_back_to_the_system():
    """Strings freed out of order leave holes in glibc's heap; released, they leave the process's RSS."""

    def rss_mb() -> float:
        status = Path("/proc/self/status").read_text().splitlines()
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

    freed = [("x" * 2000) + str(n) for n in range(60_000)]  # ~120 MB from malloc, not Python's own pool
    kept = freed[::100]
    del freed
    before = rss_mb()
    release_freed_memory()
    assert before - rss_mb() > 50, (before, rss_mb())
    assert len(kept) == 600
