"""The claim cards and the countries' panel (coopmap/claims.py), on the real data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from coopmap.claims import (
    Paragraph,
    SourceRef,
    card,
    counted_claims,
    mentioned_countries,
    paragraphs_of,
    partner_name,
    source_short,
)
from coopmap.dataset.countries import name_en
from coopmap.dataset.status import with_status
from coopmap.filters import Filters

ECUADOR_PASSAGE = "2011 年，厄瓜多尔政府在全国安装了中共国设计的监控系统，资金来自中共贷款以换取石油。"
ECUADOR_FOLLOW_UP = "今天，那里犯罪仍然猖獗，但警察和内部情报界只监控他们想要控制的任何人。"


@pytest.fixture(scope="module")
def names():
    return {c: name_en(c) for c in ("ECU", "IRN", "KGZ", "KAZ", "SGP", "ARG", "DEU", "ARE")}


@pytest.fixture(scope="module")
def events(package):
    """The events as the page holds them, each with its status."""
    return with_status(package["events"], package["corroborations"])


def event(events, event_id: str):
    return events[events["event_id"] == event_id].iloc[0]


def test_country_panel_lists_own_claims_then_group_claims_apart(ready):
    panel = ready.panel(("KGZ",), ready.events, "en")
    (kyrgyzstan,) = panel.countries
    own, via = [c.event_id for c in kyrgyzstan.own], [c.event_id for c in panel.via_groups]
    assert (kyrgyzstan.name, own, via) == ("Kyrgyzstan", ["E014"], ["E005", "E015"])
    assert [c.partner for c in panel.via_groups] == [
        "Central Asia",
        "Shanghai Cooperation Organisation (SCO)",
    ]
    assert panel.includes == ("Includes Kyrgyzstan by the group's definition.",) * 2


def test_member_of_a_group_has_no_claim_of_its_own(ready):
    panel = ready.panel(("SGP",), ready.events, "en")
    assert panel.countries[0].own == () and [c.event_id for c in panel.via_groups] == ["E004", "E013"]
    # ASEAN membership is by definition; the count of 36 is the article's, Singapore's name a later source's.
    assert panel.includes == (
        "Includes Singapore by the group's definition.",
        "The article names no country here; Voice of America (via WTOP), date not stated "
        "names Singapore as one. Named as one of the 36; the part of the source read names fourteen, "
        "and its list goes on.",
    )


def test_a_country_without_cards_says_whether_filters_hide_them_or_the_dataset_names_it_at_all(
    ready, package
):
    ecuador_hidden = ready.events[ready.events["country_iso3"] != "ECU"]
    panel = ready.panel(("ECU", "SGP", "VEN"), ecuador_hidden, "en")
    assert [(s.iso3, s.why_none) for s in panel.countries] == [
        ("ECU", "filtered"),
        ("SGP", "no_claim"),
        ("VEN", "never"),
    ]
    assert {"ECU", "SGP"} <= mentioned_countries(package) and "VEN" not in mentioned_countries(package)


def test_a_group_claim_is_listed_once_however_many_chosen_countries_it_includes(ready):
    panel = ready.panel(("KGZ", "KAZ"), ready.events, "en")
    sections = [(s.iso3, [c.event_id for c in s.own]) for s in panel.countries]
    assert sections == [("KGZ", ["E014"]), ("KAZ", [])]
    assert [c.event_id for c in panel.via_groups] == ["E005", "E015"]
    assert panel.includes == ("Includes Kazakhstan, Kyrgyzstan by the group's definition.",) * 2
    both = ready.panel(("ARE", "SGP"), ready.events, "en")
    assert [c.event_id for c in both.via_groups] == ["E004", "E012", "E013"]
    assert both.includes == (
        "Includes Singapore by the group's definition.",
        "The article names no country here; The New York Times, 2019-04-24 "
        "names United Arab Emirates as one. Named as one of the 18; the source names six.",
        "The article names no country here; Voice of America (via WTOP), date not stated names Singapore, "
        "United Arab Emirates as one. Named as one of the 36; the part of the source read names "
        "fourteen, and its list goes on.",
    )


def test_panel_in_chinese(ready):
    panel = ready.panel(("SGP",), ready.events, "zh")
    assert (panel.countries[0].name, [c.partner for c in panel.via_groups]) == (
        "新加坡",
        ["东南亚国家联盟（东盟）", "接受中共“舆论引导”培训的 36 个国家"],
    )
    assert panel.includes == (
        "按该群体的定义包括新加坡。",
        "文章在此未点名任何国家；Voice of America (via WTOP), 未注明日期 点名新加坡为其中之一。"
        "被列为这 36 个国家之一；所读的来源部分列出了十四个，其列举还在继续。",
    )


def test_a_member_named_on_a_project_reading_says_so_with_its_source(ready):
    """Egypt is one of the 36 only on this project's reading of a quoted report: the card says so."""
    panel = ready.panel(("EGY",), ready.events, "en")
    assert [c.event_id for c in panel.via_groups] == ["E003", "E008", "E013"]
    assert panel.includes[-1] == (
        "The article names no country here; The Western Journal, date not stated names Egypt as one. "
        "Named, in Freedom House's report as this source quotes it, among the countries whose "
        "representatives attended a three-week 'Seminar for Senior Media Staff in Arab Countries', one of "
        "the report's examples of such trainings; that this makes it one of the 36 is this project's reading."
    )


def test_each_paragraph_marks_every_passage_of_the_claim_it_holds(ready):
    ecuador = ready.panel(("ECU",), ready.events, "en").countries[0].own[0]
    first, second = ecuador.paragraphs
    # Paragraph 8 is the event's passage and the follow-up P001, both marked, nothing else.
    assert first == Paragraph(
        8,
        ((ECUADOR_PASSAGE, True), (ECUADOR_FOLLOW_UP, True)),
        (
            "In 2011, the government of Ecuador installed across the country a surveillance system "
            "designed by the 'CCP state', financed by CCP loans in exchange for oil.",
            "Today crime there is still rampant, but the police and the domestic intelligence community "
            "monitor only whomever they want to control.",
        ),
    )
    # Paragraph 23 holds P002, the same system described again.
    assert second.number == 23
    text, quoted = second.runs[-1]
    assert quoted and text.startswith("在厄瓜多尔，作为中共建立的视频监控系统的一部分")
    assert [quoted for _, quoted in second.runs].count(True) == 1
    (translation,) = second.translations
    assert translation.startswith("In Ecuador, as part of the video surveillance system built by the CCP")


def test_a_passage_of_another_claim_in_the_same_paragraph_is_not_marked(package, events, names):
    surveillance = card(package, event(events, "E012"), names)
    (paragraph,) = surveillance.paragraphs
    assert paragraph.number == 24
    assert paragraph.runs == (
        ("目前已有18个国家使用中共制造的情报监控系统。", True),
        (" 36个国家接受了中共的“舆论引导”培训。", False),  # E013's passage
        ("除了视频监控外，这些系统还允许安全官员跟踪电话，有些系统现在正在添加面部识别功能。", True),  # P003
    )


def test_a_passage_the_text_does_not_hold_is_shown_on_its_own_after_the_rest(package):
    paras = package.paragraphs["gnews-zh-1771034"]
    out = paragraphs_of(paras, [("不在文中", "Not in the text"), (ECUADOR_FOLLOW_UP, "Today")])
    assert [(p.number, p.translations) for p in out] == [(8, ("Today",)), (None, ("Not in the text",))]
    assert out[1].runs == (("不在文中", True),)
    assert out[0].runs == ((ECUADOR_PASSAGE, False), (ECUADOR_FOLLOW_UP, True))


def test_a_claim_names_its_sources(package, events, names):
    ecuador = card(package, event(events, "E001"), names)
    assert (ecuador.source.publisher, ecuador.source.translator, ecuador.source.date) == (
        "GNews",
        "Jenny Ball",
        "date not stated",
    )
    assert (ecuador.original.publisher, ecuador.original.date) == ("The Epoch Times", "2021-12-17")
    assert ecuador.source.short == "GNews, date not stated"
    assert ecuador.original.short == "The Epoch Times, 2021-12-17"
    assert ecuador.year == "2011"
    assert [(p.source.source_id, p.paragraph) for p in ecuador.in_original] == [("epochtimes-4161229", 2)]


def test_a_source_row_is_named_by_one_rule_its_missing_date_in_the_readers_words(package, events, names):
    row = package.row("sources", "source_id", "gnews-zh-1771034")
    zh = SourceRef.of(row, "zh")
    assert zh == SourceRef(
        "gnews-zh-1771034",
        "北京利用警察和安全培训渗透外国",
        "GNews",
        "Antonio Graceffo",
        "Jenny Ball",
        "zh-Hans",
        "未注明日期",
        "https://gnews.org/zh-hans/1771034/",
    )
    assert card(package, event(events, "E001"), names, "zh").source == zh  # a card's source is the same
    assert SourceRef.of(row, "en") == card(package, event(events, "E001"), names).source
    # the short name keeps its comma in both languages
    assert (zh.short, source_short(package, "gnews-zh-1771034", "zh")) == ("GNews, 未注明日期",) * 2
    assert source_short(package, "epochtimes-4161229", "zh") == "The Epoch Times, 2021-12-17"
    assert source_short(package, "no-such-source", "en") == "no-such-source"


def test_a_claim_shows_what_the_independent_source_says_apart(package, events, names):
    (check,) = card(package, event(events, "E007"), names).checks
    assert (check.verdict, check.source.short, check.differs, check.amount, check.countries) == (
        "partly",
        "Reuters, 2012-03-22",
        "buyer; what the amount covers",
        "US$130,600,000",
        ("Iran",),
    )


def test_a_claim_reads_the_status_the_page_computed(package, events, names):
    assert [card(package, event(events, e), names).status for e in ("E004", "E007", "E006")] == [
        "confirmed",
        "partly",
        "not_found",
    ]
    row = event(events, "E001").copy()
    row["status"] = "conflicting"  # read from the row, never recomputed
    assert card(package, row, names).status == "conflicting"


def test_claim_fields_never_say_more_than_the_row(package, events, ready):
    argentina = card(package, event(events, "E011"), ready.names["en"])
    assert (argentina.year, argentina.amount, argentina.place, argentina.actor) == (
        "year not stated",
        "US$50,000,000 (5000 万美元)",
        "昆图科",
        "解放军",
    )
    for _, event_row in events.iterrows():  # every event: each field is its row's, or says it has none
        shown = card(package, event_row, ready.names["en"])
        row = {field: "" if pd.isna(value) else value for field, value in event_row.items()}
        year = str(row["year"]) if row["year"] != "" else "year not stated"
        words = (shown.year, shown.actor, shown.actor_en, shown.place, shown.summary, shown.notes)
        fields = ("actor", "actor_en", "place", "summary_en", "notes_en")
        assert words == (year, *(row[field] for field in fields))
        assert (shown.event_id, shown.scope, shown.status) == (row["event_id"], row["scope"], row["status"])
        if row["amount_usd"] == "":
            assert shown.amount == ""
        else:  # the amount in US dollars, then the source's own words for it
            assert re.sub(r"\D", "", shown.amount.partition(" (")[0]) == str(int(row["amount_usd"]))
            assert shown.amount.endswith(f" ({row['amount_text']})")


def test_filters_hide_a_countrys_events_and_the_panel_says_how_many(ready):
    selected = ready.select(Filters(years=(2011, 2016))).selected
    (iran,) = ready.panel(("IRN",), selected, "en").countries
    assert (iran.own, iran.hidden) == ((), 2)


def test_aggregates_are_apart_name_no_country_and_are_not_shown_twice(ready):
    claims = [ready.cards["en"][i] for i in counted_claims(ready.events)]
    assert [(c.event_id, c.partner) for c in claims] == [
        ("E012", "18 countries using intelligence surveillance systems made by the CCP"),
        ("E013", "36 countries given the CCP's 'public opinion guidance' training"),
    ]
    assert counted_claims(ready.events, shown=frozenset({"E013"})) == ("E012",)


def test_partner_name_is_the_country_or_the_group_in_the_language(package, names):
    assert partner_name(package, "country", "IRN", "", names, "en") == "Iran"
    assert partner_name(package, "country", "FRA", "", names, "en") == "FRA"  # a name not given: the code
    assert partner_name(package, "group", "", "sco", names, "zh") == "上海合作组织（上合组织）"
    assert partner_name(package, "aggregate", "", "agg-18-surveillance", names, "en") == (
        "18 countries using intelligence surveillance systems made by the CCP"
    )
