"""The real dataset: what it holds, and that every row rests on its stored source text."""

from __future__ import annotations

import pytest

from coopmap.dataset.text import TextIndex, locate

# The extraction as reviewed: id, scope, country or group, year, category.
EXPECTED_EVENTS = """\
E001 country ECU 2011 surveillance_system
E002 country LBR 2014 police_training
E003 group africa - police_training
E004 group asean - police_training
E005 group central-asia - agreement
E006 country IRN - surveillance_system
E007 country IRN 2010 surveillance_system
E008 group africa - surveillance_system
E009 country BOL - agreement
E010 country JAM - equipment_donation
E011 country ARG - facility
E012 aggregate agg-18-surveillance - surveillance_system
E013 aggregate agg-36-opinion-training - public_opinion_training
E014 country KGZ 2016 joint_exercise
E015 group sco 2016 joint_exercise
"""


def test_events_are_the_reviewed_extraction(package):
    events = package["events"].astype("string").fillna("")
    lines = [
        f"{e.event_id} {e.scope} {e.country_iso3 or e.group_id} {e.year or '-'} {e.category}"
        for e in events.itertuples()
    ]
    assert "\n".join(lines) + "\n" == EXPECTED_EVENTS


@pytest.mark.parametrize("table", ["events", "event_passages", "context"])
def test_every_passage_occurs_verbatim_in_its_stored_source_text(package, table):
    rows = package[table]
    assert len(rows) > 0
    for row in rows.itertuples():
        text = package.texts[row.source_id]
        assert row.passage in text, (table, row[1], row.passage)


def test_passages_are_shown_inside_their_paragraph(package):
    paras = package.paragraphs["gnews-zh-1771034"]
    found = locate("在牙买加，中共向警察部队捐赠了装备。", paras)
    assert (found.paragraph, found.before, found.after) == (21, "- ", "")
    found = locate("山东省警察学院每年举办一次非洲执法人员培训班。", paras)
    assert found.before.startswith("2014年，中共在利比里亚开展警务培训")
    assert found.after.startswith("位于昆明的云南警察学院")


def test_the_text_index_finds_each_passage_where_a_scan_of_the_paragraphs_does(package):
    paras = package.paragraphs["gnews-zh-1771034"]
    index = TextIndex(paras)
    for table in ("events", "event_passages", "context"):
        for passage in package[table]["passage"]:
            assert index.quote(passage) == locate(passage, paras), passage
    assert list(index.unquoted()) == []  # every sentence is quoted


def test_a_passage_that_stands_twice_quotes_both_places():
    said = "某国警方接受了为期两周的刑侦培训。"  # long enough to be looked up by the words before its 。
    index = TextIndex(["甲", f"乙说：{said}再说一句", f"- {said}", "短句。"])
    assert (index.quote(said).paragraph, index.quote("再说一句").paragraph) == (2, 2)
    assert index.quote("短句。").paragraph == 4 and index.quote("没有这句。") is None
    assert list(index.unquoted()) == [(1, "甲"), (2, "乙说： ")]


def test_china_own_territory_is_context_never_an_event(package):
    events = package["events"]
    assert not events["country_iso3"].isin(["CHN", "HKG", "MAC", "TWN"]).any()
    assert not events["passage"].str.contains("香港|新疆").any()
    context = package["context"]
    territory = context[context["reason"] == "china_territory"]
    assert set(";".join(territory["places_src"]).split(";")) == {"北京", "香港", "新疆"}


def test_one_claim_naming_a_country_and_a_group_gives_a_row_each(package):
    caption = package["events"].set_index("event_id").loc[["E014", "E015"]]
    assert caption["passage"].nunique() == 1
    assert list(caption["scope"]) == ["country", "group"]


def test_a_system_described_twice_is_one_event_with_a_linked_passage(package):
    ecuador = package["events"][package["events"]["country_iso3"] == "ECU"]
    assert list(ecuador["event_id"]) == ["E001"]
    linked = package["event_passages"]
    assert (
        "在厄瓜多尔，作为中共建立的视频监控系统的一部分"
        in linked.set_index("passage_id").loc["P002", "passage"]
    )
    assert linked.set_index("passage_id").loc["P002", "event_id"] == "E001"


def test_group_claims_are_never_counted_per_member(package):
    members = package["group_members"]
    assert sorted(members[members["group_id"] == "asean"]["country_iso3"]) == [
        "BRN",
        "IDN",
        "KHM",
        "LAO",
        "MMR",
        "MYS",
        "PHL",
        "SGP",
        "THA",
        "VNM",
    ]
    assert len(members[members["group_id"] == "africa"]) == 55
    assert set(members.loc[~members["group_id"].str.startswith("agg-"), "basis"]) == {"definition"}
    # No country event exists merely because its country belongs to a group.
    country_events = set(package["events"].query("scope == 'country'")["country_iso3"])
    assert country_events == {"ECU", "LBR", "IRN", "BOL", "JAM", "ARG", "KGZ"}


def test_aggregates_state_their_count_and_only_sources_name_members(package):
    groups = package["groups"].set_index("group_id")
    aggregates = package["events"].query("scope == 'aggregate'")
    assert list(aggregates["count_stated"]) == [18, 36]
    assert (groups.loc[aggregates["group_id"], "kind"] == "aggregate").all()
    members = package["group_members"][package["group_members"]["group_id"].isin(aggregates["group_id"])]
    assert members.groupby("group_id")["basis"].unique().map(list).to_dict() == {
        "agg-18-surveillance": ["nyt-2019-04-24-surveillance"],
        "agg-36-opinion-training": ["voa-2018-10-surveillance-training", "westernjournal-fotn-2018-seminars"],
    }
    assert members.groupby("group_id").size().to_dict() == {
        "agg-18-surveillance": 6,
        "agg-36-opinion-training": 19,
    }


def test_sources_record_the_translation_and_its_original(package):
    sources = package["sources"].set_index("source_id")
    zh, en = sources.loc["gnews-zh-1771034"], sources.loc["epochtimes-4161229"]
    assert (zh["relation"], zh["related_source_id"], zh["translator"]) == (
        "translation_of",
        "epochtimes-4161229",
        "Jenny Ball",
    )
    assert (en["author"], en["date_published"], en["date_updated"]) == (
        "Antonio Graceffo",
        "2021-12-17",
        "2022-01-10",
    )
    assert en["url"].endswith(
        "beijing-uses-police-and-security-training-to-infiltrate-foreign-countries_4161229.html"
    )


# Where "China" may stand in the project's English: inside proper names only.
NAMES_WITH_CHINA = ("Export-Import Bank of China", "China–ASEAN")
CCP_WORDS = {"中共国": "'CCP state'", "中共士兵": "CCP soldiers", "中共": "CCP"}


def _says_china(text: str) -> bool:
    for name in NAMES_WITH_CHINA:
        text = text.replace(name, "")
    return "China" in text or "Chinese" in text


def test_the_ccp_is_rendered_as_the_source_writes_it_in_every_text_of_an_event(package):
    """One rule (data/README.md): an event whose passage names 中共 says 'CCP' in its actor,
    translation and summary, and never 'China' in its own words; its Chinese summary keeps 中共."""
    events = package["events"].astype("string").fillna("")
    checked = []
    for e in events.itertuples():
        word = next((w for w in CCP_WORDS if w in e.passage), None)
        if word is None:
            continue
        checked.append(e.event_id)
        assert CCP_WORDS[word] in e.passage_en and "CCP" in e.summary_en, e.event_id
        assert "中共" in e.summary_zh, e.event_id
        assert not _says_china(e.summary_en) and not _says_china(e.passage_en), e.event_id
        if e.actor in CCP_WORDS:
            assert CCP_WORDS[e.actor] in e.actor_en, e.event_id
    assert checked == ["E001", "E002", "E006", "E007", "E009", "E010", "E012", "E013", "E014", "E015"]
    corroborations = package["corroborations"].astype("string").fillna("")
    ccp_events = corroborations["event_id"].isin(checked)
    assert not any(_says_china(text) for text in corroborations.loc[ccp_events, "article_says_en"])
    groups = package["groups"].astype("string").fillna("")
    assert not any(
        _says_china(name) for name in groups.loc[groups["name_zh"].str.contains("中共"), "name_en"]
    )


def test_every_further_passage_is_weighed_against_independent_reporting(package):
    weighed = set(package["corroborations"]["passage_id"].dropna()) - {""}
    assert set(package["event_passages"]["passage_id"]) == weighed == {"P001", "P002", "P003"}
