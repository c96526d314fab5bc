"""The validator passes the real package and rejects each kind of defect precisely."""

from __future__ import annotations

import json

import pytest

from coopmap.dataset.rules import CELL_RULES, PACKAGE_RULES, ROW_RULES
from coopmap.dataset.schema import TABLES
from coopmap.dataset.validate import main, validate
from coopmap.paths import DATA_DIR
from tests.test_hostile import HOSTILE

TEXT = "texts/gnews-zh-1771034.md"


def messages(root, **options) -> list[str]:
    """Problems as printed, with the temporary folder cut off the front of each path."""
    return [str(p).replace(f"{root.parent}/", "") for p in validate(root, **options)]


def test_real_package_is_valid():
    assert [str(p) for p in validate()] == []


def test_cli_reports_valid_package(capsys):
    assert main([]) == 0
    assert (
        capsys.readouterr().out == f"{DATA_DIR}: valid (15 events, 3 further passages, 19 context passages)\n"
    )


def test_unchanged_copy_is_valid(data_copy):
    assert messages(data_copy.root) == []


# Helpers for breaks that are more than one cell of one CSV.


def rewrite(d, name: str, old: str, new: str) -> None:
    """Replace every occurrence of old (which must be there) in a file of the copy."""
    path = d.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def store_text(d, source_id: str, content: bytes | None) -> None:
    """Give a source a stored text; content None: the file named in text_path was never added."""
    d.change("sources.csv", source_id, text_path=f"texts/{source_id}.md")
    if content is not None:
        (d.root / "texts" / f"{source_id}.md").write_bytes(content)


def describe(d, name: str, **properties) -> None:
    """Set properties of one resource in the copy's descriptor."""
    desc = json.loads((d.root / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in desc["resources"] if r["name"] == name).update(properties)
    (d.root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")


def two_tables_broken(d) -> None:
    d.change("events.csv", "E003", year="twenty")
    d.change("group_members.csv", "asean", basis="")


def two_defects(d) -> None:
    d.change("events.csv", "E003", year="twenty")
    d.change("events.csv", "E010", country_iso3="XJM")


GROUPS_BYTES = (DATA_DIR / "groups.csv").stat().st_size
NOT_WEIGHED = "(not_found, with the search described, is an honest answer)"
EPOCH_URL = (
    "https://www.theepochtimes.com/beijing-uses-police-and-security-training-to-infiltrate-foreign-countries_"
    "4161229.html"
)

# Each case breaks one thing in a copy and lists every line the validator must print, in order.
CASES = {
    # The descriptor and the files it names
    "descriptor_missing": (
        lambda d: (d.root / "datapackage.json").unlink(),
        [
            "data/datapackage.json: cannot read the descriptor: [Errno 2] No such file or directory: "
            "'data/datapackage.json'"
        ],
    ),
    "resource_path_leaves_the_folder": (
        lambda d: rewrite(d, "datapackage.json", '"path": "groups.csv"', '"path": "../groups.csv"'),
        ["data/datapackage.json, field resources.groups.path: '../groups.csv' leaves the package folder"],
    ),
    "stored_text_leaves_the_folder": (
        lambda d: d.change("sources.csv", "epochtimes-4161229", text_path="/etc/hostname"),
        ["data/sources.csv, row 2, field text_path: '/etc/hostname' leaves the package folder"],
    ),
    "descriptor_not_json": (
        lambda d: rewrite(d, "datapackage.json", '{\n  "$schema"', '<<<<<<< HEAD\n{\n  "$schema"'),
        ["data/datapackage.json: cannot read the descriptor: Expecting value: line 1 column 1 (char 0)"],
    ),
    "version_not_a_text": (
        lambda d: rewrite(d, "datapackage.json", '"version": "0.4.1"', '"version": 2'),
        ["data/datapackage.json, field version: required: a non-empty text"],
    ),
    "bytes_declared_wrong": (
        lambda d: describe(d, "groups", bytes=1),
        [f'data/groups.csv: byte-count: expected is "1" and actual is "{GROUPS_BYTES}"'],
    ),
    "dialect_declared": (  # not this project's schema: refused before frictionless reads a row
        lambda d: describe(d, "country_aliases", dialect={"delimiter": ","}),
        [
            "data/datapackage.json, field resources.country_aliases.dialect: is not part of this project's "
            "schema"
        ],
    ),
    "table_file_missing": (
        lambda d: (d.root / "categories.csv").unlink(),
        [
            "data/categories.csv: scheme-error: [Errno 2] No such file or directory: 'data/categories.csv'",
        ],  # once: not again in events.csv, whose foreign key looks it up
    ),
    "stored_text_tampered": (
        lambda d: rewrite(d, TEXT, "牙买加", "海地"),
        [
            "data/events.csv, row 11, field passage: not found verbatim in the stored text of "
            "gnews-zh-1771034: '在牙买加，中共向警察部队捐赠了装备。'",
            "data/texts/gnews-zh-1771034.md: hash-count: expected is "
            '"7f0fa8ff823c0f02f64eb4d009ef3afcf695c538f7d290421ccc49ab93345520" and actual is '
            '"f6df6a4b5fe3cd894df5b4440f9c74966bff669989d79dfd88f10506820879f7"',
            "data/texts/gnews-zh-1771034.md, paragraph 21: not quoted by any event, further passage "
            "or context row: '- 在海地，中共向警察部队捐赠了装备。'",
        ],
    ),
    "stored_text_missing": (
        lambda d: store_text(d, "epochtimes-4161229", None),
        [
            "data/sources.csv, row 2, field text_path: cannot read the stored text "
            "data/texts/epochtimes-4161229.md: [Errno 2] No such file or directory: "
            "'data/texts/epochtimes-4161229.md'"
        ],
    ),
    "stored_text_not_utf8": (
        lambda d: store_text(d, "epochtimes-4161229", "北京利用警察".encode("gb18030")),
        [
            "data/sources.csv, row 2, field text_path: cannot read the stored text "
            "data/texts/epochtimes-4161229.md: 'utf-8' codec can't decode byte 0xb1 in position 0: "
            "invalid start byte"
        ],
    ),
    # Schema checks (frictionless)
    "type": (
        lambda d: d.change("events.csv", "E003", year="twenty"),
        ["data/events.csv, row 4, field year: type-error: 'twenty': type is \"integer/default\""],
    ),
    "integer_with_a_space": (  # frictionless reads ' 2014' as 2014; the loader's rule refuses it
        lambda d: d.change("events.csv", "E002", year=" 2014"),
        [
            "data/events.csv, row 3, field year: ' 2014' is not written as this project reads an integer: "
            "ASCII digits, '-' before a negative"
        ],
    ),
    "enum": (
        lambda d: d.change("events.csv", "E002", scope="planet"),
        [
            "data/events.csv, row 3, field scope: constraint-error: 'planet': "
            "constraint \"enum\" is \"['country', 'group', 'aggregate']\""
        ],
    ),
    "required": (
        lambda d: d.change("events.csv", "E010", passage_en=""),
        ['data/events.csv, row 11, field passage_en: constraint-error: constraint "required" is "True"'],
    ),
    "passage_missing": (
        lambda d: d.change("events.csv", "E010", passage=""),
        [
            'data/events.csv, row 11, field passage: constraint-error: constraint "required" is "True"',
            "data/texts/gnews-zh-1771034.md, paragraph 21: not quoted by any event, further passage "
            "or context row: '- 在牙买加，中共向警察部队捐赠了装备。'",
        ],
    ),
    "primary_key": (
        lambda d: d.change("events.csv", "E006", event_id="E005"),
        [
            'data/corroborations.csv, row 7, field event_id: foreign-key: for "event_id": values "E006" '
            'not found in the lookup table "events" as "event_id"',
            "data/events.csv, row 7, field event_id: primary-key: the same as in the row at position 6",
            "data/events.csv, row 7, field event_id: unique-error: 'E005': "
            "the same as in the row at position 6",
        ],
    ),
    "foreign_key": (
        lambda d: d.change("events.csv", "E009", source_id="no-such-source"),
        [
            'data/events.csv, row 10, field source_id: foreign-key: for "source_id": values '
            '"no-such-source" not found in the lookup table "sources" as "source_id"',
            "data/texts/gnews-zh-1771034.md, paragraph 20: not quoted by any event, further passage "
            "or context row: '- 中共和玻利维亚签署协议，建立次区域安全综合指挥和控制系统，"
            "由中国进出口银行提供资金。'",
        ],
    ),
    "category_vocabulary": (
        lambda d: d.change("events.csv", "E010", category="bribery"),
        [
            'data/events.csv, row 11, field category: foreign-key: for "category": values '
            '"bribery" not found in the lookup table "categories" as "category_id"'
        ],
    ),
    "group_unknown": (
        lambda d: d.change("events.csv", "E003", group_id="west-africa"),
        [
            'data/events.csv, row 4, field group_id: foreign-key: for "group_id": values "west-africa" '
            'not found in the lookup table "groups" as "group_id"'
        ],
    ),
    "source_url_javascript": (
        lambda d: d.change("sources.csv", "gleaner-2021-07-02-jcf", url="javascript:alert(document.cookie)"),
        [
            "data/sources.csv, row 13, field url: constraint-error: 'javascript:alert(document.cookie)': "
            'constraint "pattern" is "https?://.+"',
            "data/sources.csv, row 13, field url: holds markup ('javascript:a'): texts are plain, never "
            "HTML or Markdown",
        ],
    ),
    "source_url_javascript_naming_a_site": (
        lambda d: d.change(
            "sources.csv", "gleaner-2021-07-02-jcf", url="javascript:alert('https://jamaica-gleaner.com')"
        ),
        [
            "data/sources.csv, row 13, field url: constraint-error: "
            '"javascript:alert(\'https://jamaica-gleaner.com\')": constraint "pattern" is "https?://.+"',
            "data/sources.csv, row 13, field url: holds markup ('javascript:a'): texts are plain, never "
            "HTML or Markdown",
        ],
    ),
    "read_at_javascript": (
        lambda d: d.change("sources.csv", "reuters-2019-01-31-argentina", read_at="javascript:alert(1)"),
        [
            "data/sources.csv, row 15, field read_at: constraint-error: 'javascript:alert(1)': "
            'constraint "pattern" is "https?://.+"',
            "data/sources.csv, row 15, field read_at: holds markup ('javascript:a'): texts are plain, never "
            "HTML or Markdown",
        ],
    ),
    # Sources and aliases
    "date_not_zero_padded": (  # frictionless reads it as a date; the loader's rule refuses it
        lambda d: d.change("sources.csv", "epochtimes-4161229", date_published="2021-12-7"),
        [
            "data/sources.csv, row 2, field date_published: '2021-12-7' is not written as this project reads "
            "a date: YYYY-MM-DD"
        ],
    ),
    "translation_without_original": (
        lambda d: d.change("sources.csv", "gnews-zh-1771034", related_source_id=""),
        ["data/sources.csv, row 3, field related_source_id: a translation must name its original"],
    ),
    "alias_code_not_iso": (
        lambda d: d.change("country_aliases.csv", "柬埔寨", iso3="CAM"),
        ["data/country_aliases.csv, row 4, field iso3: 'CAM' is not an ISO 3166-1 alpha-3 code"],
    ),
    "two_preferred_names": (
        lambda d: d.change("country_aliases.csv", "Democratic Republic of the Congo", preferred="true"),
        ["data/country_aliases.csv, row 11, field preferred: COD already has a preferred en name, DR Congo"],
    ),
    # Event partners: codes, names and scope
    "iso_code": (
        lambda d: d.change("events.csv", "E010", country_iso3="XJM"),
        ["data/events.csv, row 11, field country_iso3: 'XJM' is not an ISO 3166-1 alpha-3 code"],
    ),
    "no_shape": (
        lambda d: d.change("events.csv", "E010", country_iso3="TUV"),
        ["data/events.csv, row 11, field country_iso3: 'TUV' has no shape in countries.geojson"],
    ),
    "china_territory": (
        lambda d: d.change("events.csv", "E010", country_iso3="HKG"),
        [
            "data/events.csv, row 11, field country_iso3: 'HKG' (Hong Kong) is China's own territory, "
            "not a foreign partner: record it in context.csv"
        ],
    ),
    "taiwan_claimed": (
        lambda d: d.change("events.csv", "E010", country_iso3="TWN"),
        [
            "data/events.csv, row 11, field country_iso3: 'TWN' (Taiwan) is claimed by the PRC as its own "
            "territory, out of this dataset's scope: record it in context.csv"
        ],
    ),
    "name_mismatch": (
        lambda d: d.change("events.csv", "E010", country_iso3="HTI"),
        ["data/events.csv, row 11, field country_iso3: '牙买加' is JAM, not HTI"],
    ),
    "unknown_name": (
        lambda d: d.change("events.csv", "E002", partner_src="利比里"),
        [
            "data/events.csv, row 3, field partner_src: unknown country name '利比里': "
            "add it to country_aliases.csv if it is a real spelling"
        ],
    ),
    "scope_needs_country": (
        lambda d: d.change("events.csv", "E010", country_iso3=""),
        ["data/events.csv, row 11, field country_iso3: required when scope is country"],
    ),
    "scope_needs_group": (
        lambda d: d.change("events.csv", "E003", group_id=""),
        ["data/events.csv, row 4, field group_id: required when scope is group"],
    ),
    "country_scope_with_group": (
        lambda d: d.change("events.csv", "E010", group_id="africa"),
        ["data/events.csv, row 11, field group_id: must be empty when scope is country"],
    ),
    "group_scope_with_country": (
        lambda d: d.change("events.csv", "E003", country_iso3="NGA"),
        ["data/events.csv, row 4, field country_iso3: must be empty when scope is group"],
    ),
    "aggregate_scope_with_country": (
        lambda d: d.change("events.csv", "E012", country_iso3="PAK"),
        ["data/events.csv, row 13, field country_iso3: must be empty when scope is aggregate"],
    ),
    "aggregate_painted_as_group": (
        lambda d: d.change("events.csv", "E012", scope="group"),
        [
            "data/events.csv, row 13, field group_id: group 'agg-18-surveillance' is a aggregate, "
            "which does not fit scope group"
        ],
    ),
    "region_counted_as_aggregate": (
        lambda d: d.change("events.csv", "E003", scope="aggregate"),
        [
            "data/events.csv, row 4, field group_id: group 'africa' is a region, "
            "which does not fit scope aggregate"
        ],
    ),
    "partner_not_a_group_name": (
        lambda d: d.change("events.csv", "E004", group_id="africa"),
        [
            "data/events.csv, row 5, field partner_src: '东盟' is not one of the names of "
            "group 'africa' (非洲)"
        ],
    ),
    "partner_not_in_passage": (
        lambda d: d.change("events.csv", "E007", partner_basis="passage"),
        ["data/events.csv, row 8, field partner_src: '伊朗' does not stand in the passage (paragraph 18)"],
    ),
    "partner_not_in_paragraph": (
        lambda d: d.change("events.csv", "E007", partner_src="Iran"),
        ["data/events.csv, row 8, field partner_src: 'Iran' does not stand in the paragraph (paragraph 18)"],
    ),
    # Event values: verbatim, paired and parsed
    "duplicate_event": (
        lambda d: d.append("events.csv", "E010", event_id="E016"),
        [
            f"data/events.csv, row 17, field event_id: event E016 has no corroboration row {NOT_WEIGHED}",
            "data/events.csv, row 17, field passage: duplicate of event E010: "
            "same partner, category and passage",
        ],
    ),
    "passage_not_verbatim": (
        lambda d: d.change("events.csv", "E010", passage="在牙买加，中共向警察部队捐赠了武器。"),
        [
            "data/events.csv, row 11, field passage: not found verbatim in the stored text of "
            "gnews-zh-1771034: '在牙买加，中共向警察部队捐赠了武器。'",
            "data/texts/gnews-zh-1771034.md, paragraph 21: not quoted by any event, further passage "
            "or context row: '- 在牙买加，中共向警察部队捐赠了装备。'",
        ],
    ),
    "actor_not_in_passage": (
        lambda d: d.change("events.csv", "E011", actor="中国航天"),
        ["data/events.csv, row 12, field actor: '中国航天' does not stand in the passage"],
    ),
    "year_not_in_passage": (
        lambda d: d.change("events.csv", "E009", year="2013"),
        ["data/events.csv, row 10, field year: '2013' does not stand in the passage"],
    ),
    "count_without_unit": (
        lambda d: d.change("events.csv", "E005", count_unit=""),
        ["data/events.csv, row 6, field count_unit: count_stated and count_unit go together"],
    ),
    "unit_without_count": (
        lambda d: d.change("events.csv", "E012", count_stated=""),
        ["data/events.csv, row 13, field count_unit: count_stated and count_unit go together"],
    ),
    "amount_mismatch": (
        lambda d: d.change("events.csv", "E011", amount_usd="500000000"),
        ["data/events.csv, row 12, field amount_usd: 500000000 differs from '5000 万美元' = 50000000"],
    ),
    "amount_text_without_usd": (
        lambda d: d.change("events.csv", "E011", amount_usd=""),
        ["data/events.csv, row 12, field amount_usd: amount_usd and amount_text go together"],
    ),
    "amount_usd_without_text": (
        lambda d: d.change("events.csv", "E011", amount_text=""),
        ["data/events.csv, row 12, field amount_usd: amount_usd and amount_text go together"],
    ),
    "amount_not_in_dollars": (
        lambda d: d.change("events.csv", "E011", amount_text="5000 万"),
        ["data/events.csv, row 12, field amount_text: not an amount in US dollars: '5000 万'"],
    ),
    "amount_not_whole_dollars": (
        lambda d: d.change("events.csv", "E007", amount_text="1.3 美元"),
        [
            "data/events.csv, row 8, field amount_text: '1.3 美元' does not stand in the passage",
            "data/events.csv, row 8, field amount_text: not a whole number of dollars: '1.3 美元'",
        ],
    ),
    "two_tables_broken": (
        two_tables_broken,
        [
            "data/events.csv, row 4, field year: type-error: 'twenty': type is \"integer/default\"",
            "data/group_members.csv, row 57, field basis: '' is neither 'definition' nor a source_id",
            'data/group_members.csv, row 57, field basis: constraint-error: constraint "required" is "True"',
        ],
    ),
    "two_defects_both_reported": (
        two_defects,
        [
            "data/events.csv, row 4, field year: type-error: 'twenty': type is \"integer/default\"",
            "data/events.csv, row 11, field country_iso3: 'XJM' is not an ISO 3166-1 alpha-3 code",
        ],
    ),
    # Groups
    "group_member_code": (
        lambda d: d.append("group_members.csv", "asean", country_iso3="ZZZ"),
        ["data/group_members.csv, row 102, field country_iso3: 'ZZZ' is not an ISO 3166-1 alpha-3 code"],
    ),
    "group_member_basis": (
        lambda d: d.append("group_members.csv", "asean", country_iso3="TLS", basis="rumour"),
        ["data/group_members.csv, row 102, field basis: 'rumour' is neither 'definition' nor a source_id"],
    ),
    "aggregate_member_by_definition": (
        lambda d: d.append("group_members.csv", "asean", group_id="agg-18-surveillance"),
        [
            "data/group_members.csv, row 102, field basis: aggregate 'agg-18-surveillance' has no "
            "definition: a member needs the source that names it"
        ],
    ),
    "group_without_members": (
        lambda d: d.delete("group_members.csv", "central-asia"),
        ["data/groups.csv, row 4, field group_id: region 'central-asia' has no members"],
    ),
    # Further passages, context and coverage of the stored text
    "further_passage_is_event_passage": (
        lambda d: d.change(
            "event_passages.csv", "P003", passage="目前已有18个国家使用中共制造的情报监控系统。"
        ),
        [
            "data/event_passages.csv, row 4, field passage: already the passage of event E012",
            "data/texts/gnews-zh-1771034.md, paragraph 24: not quoted by any event, further passage "
            "or context row: '除了视频监控外，这些系统还允许安全官员跟踪电话，"
            "有些系统现在正在添加面部识别功能。'",
        ],
    ),
    "context_passage_is_event_passage": (
        lambda d: d.change("context.csv", "C012", passage="目前已有18个国家使用中共制造的情报监控系统。"),
        [
            "data/context.csv, row 13, field passage: already the passage of event E012",
            "data/texts/gnews-zh-1771034.md, paragraph 16: not quoted by any event, further passage "
            "or context row: '该局还举办了外国警官国际警察座谈会。'",
        ],
    ),
    "further_passage_duplicated": (
        lambda d: d.append("event_passages.csv", "P003", passage_id="P004"),
        ["data/event_passages.csv, row 5, field passage: duplicate of row 4"],
    ),
    "context_passage_duplicated": (
        lambda d: d.append("context.csv", "C012", context_id="C020"),
        ["data/context.csv, row 21, field passage: duplicate of row 13"],
    ),
    "passage_from_a_source_not_stored": (
        lambda d: d.append(
            "event_passages.csv",
            "P003",
            passage_id="P004",
            source_id="epochtimes-4161229",
            passage="Besides video surveillance, these systems also allow security officials to track phones",
        ),
        [
            "data/event_passages.csv, row 5, field source_id: source 'epochtimes-4161229' has no stored "
            "text to quote from"
        ],
    ),
    "sentence_left_unclassified": (
        lambda d: d.delete("context.csv", "C012"),
        [
            "data/texts/gnews-zh-1771034.md, paragraph 16: not quoted by any event, further passage "
            "or context row: '该局还举办了外国警官国际警察座谈会。'"
        ],
    ),
    # Corroborations
    "event_not_weighed": (
        lambda d: d.delete("corroborations.csv", "K006"),
        [f"data/events.csv, row 7, field event_id: event E006 has no corroboration row {NOT_WEIGHED}"],
    ),
    "verdict_vocabulary": (
        lambda d: d.change("corroborations.csv", "K001", verdict="probably"),
        [
            "data/corroborations.csv, row 2, field verdict: constraint-error: 'probably': constraint "
            "\"enum\" is \"['confirms', 'partly', 'contradicts', 'not_found']\""
        ],
    ),
    "partly_without_what_differs": (
        lambda d: d.change("corroborations.csv", "K007", differs_en="", differs_zh=""),
        [
            "data/corroborations.csv, row 8, field differs_en: required when verdict is partly: "
            "say what differs"
        ],
    ),
    "contradicts_without_what_differs": (
        lambda d: d.change("corroborations.csv", "K004", verdict="contradicts"),
        [
            "data/corroborations.csv, row 5, field article_says_en: required when verdict is contradicts: "
            "say what differs",
            "data/corroborations.csv, row 5, field differs_en: required when verdict is contradicts: "
            "say what differs",
            "data/corroborations.csv, row 5, field source_says_en: required when verdict is contradicts: "
            "say what differs",
        ],
    ),
    "not_found_without_search": (
        lambda d: d.change("corroborations.csv", "K005", searched_en="", searched_zh=""),
        ["data/corroborations.csv, row 6, field searched_en: a not_found verdict must describe the search"],
    ),
    "passage_of_another_event": (
        lambda d: d.change("corroborations.csv", "K001", passage_id="P003"),
        ["data/corroborations.csv, row 2, field passage_id: P003 is a passage of E012, not of E001"],
    ),
    "passage_unknown": (
        lambda d: d.change("corroborations.csv", "K001", passage_id="P999"),
        [
            'data/corroborations.csv, row 2, field passage_id: foreign-key: for "passage_id": values "P999" '
            'not found in the lookup table "event_passages" as "passage_id"'
        ],
    ),
    # Both languages
    "english_without_chinese": (
        lambda d: d.change("corroborations.csv", "K003", note_zh=""),
        [
            "data/corroborations.csv, row 4, field note_zh: empty where note_en is not: "
            "every text needs both languages"
        ],
    ),
    "chinese_without_english": (
        lambda d: d.change("group_members.csv", "agg-18-surveillance", notes_en=""),
        [
            "data/group_members.csv, row 77, field notes_en: empty where notes_zh is not: "
            "every text needs both languages"
        ],
    ),
    "chinese_text_in_english": (
        lambda d: d.change("categories.csv", "facility", definition_zh="A station or base."),
        ["data/categories.csv, row 7, field definition_zh: 'A station or base.' holds no Chinese character"],
    ),
    "summary_in_one_language": (
        lambda d: d.change("events.csv", "E010", summary_zh=""),
        [
            'data/events.csv, row 11, field summary_zh: constraint-error: constraint "required" is "True"',
            "data/events.csv, row 11, field summary_zh: empty where summary_en is not: every text needs both "
            "languages",
        ],
    ),
    "not_found_with_source": (
        lambda d: d.change("corroborations.csv", "K005", source_id="reuters-2012-03-22-zte"),
        ["data/corroborations.csv, row 6, field source_id: must be empty when verdict is not_found"],
    ),
    "confirms_without_source": (
        lambda d: d.change("corroborations.csv", "K004", source_id=""),
        ["data/corroborations.csv, row 5, field source_id: required when verdict is confirms"],
    ),
    "partly_without_source": (
        lambda d: d.change("corroborations.csv", "K003", source_id=""),
        ["data/corroborations.csv, row 4, field source_id: required when verdict is partly"],
    ),
    "corroboration_source_unknown": (
        lambda d: d.change("corroborations.csv", "K001", source_id="no-such-source"),
        [
            'data/corroborations.csv, row 2, field source_id: foreign-key: for "source_id": values '
            '"no-such-source" not found in the lookup table "sources" as "source_id"'
        ],
    ),
    "article_corroborating_itself": (
        lambda d: d.change("corroborations.csv", "K001", source_id="gnews-zh-1771034"),
        [
            "data/corroborations.csv, row 2, field source_id: 'gnews-zh-1771034' is not independent of the "
            "article (relation 'translation_of')"
        ],
    ),
    "original_corroborating_itself": (
        lambda d: d.change("corroborations.csv", "K001", source_id="epochtimes-4161229"),
        [
            "data/corroborations.csv, row 2, field source_id: 'epochtimes-4161229' is not independent of the "
            "article (relation 'original')"
        ],
    ),
    "corroboration_country_not_iso": (
        lambda d: d.change("corroborations.csv", "K004", countries="LAO;KHM;ZZZ"),
        ["data/corroborations.csv, row 5, field countries: 'ZZZ' is not an ISO 3166-1 alpha-3 code"],
    ),
    # Passages in the original
    "original_passage_from_the_translation": (
        lambda d: d.change("original_passages.csv", "E001", source_id="gnews-zh-1771034"),
        ["data/original_passages.csv, row 2, field source_id: 'gnews-zh-1771034' is not the original"],
    ),
    "original_passage_source_unknown": (
        lambda d: d.change("original_passages.csv", "E001", source_id="no-such-source"),
        [
            'data/original_passages.csv, row 2, field source_id: foreign-key: for "source_id": values '
            '"no-such-source" not found in the lookup table "sources" as "source_id"'
        ],
    ),
    "original_passage_url_elsewhere": (
        lambda d: d.change(
            "original_passages.csv",
            "E001",
            url="https://www.theepochtimes.com/another-article_4161230.html#:~:text=financed%20by",
        ),
        [
            f"data/original_passages.csv, row 2, field url: must be the source's url {EPOCH_URL} "
            "with a text fragment"
        ],
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_broken_copy_is_rejected_with_file_row_and_field(data_copy, kind):
    breaks, expected = CASES[kind]
    breaks(data_copy)
    assert messages(data_copy.root) == expected


# Each of the project's rules (rules.py), and a case above or in test_hostile.py that it refuses.
RULE_CASES = {
    "plain_cells": ["source_url_javascript"],
    "written_as_read": ["integer_with_a_space", "date_not_zero_padded"],
    "both_languages": ["english_without_chinese", "chinese_text_in_english"],
    "translation_names_its_original": ["translation_without_original"],
    "stored_text_readable": ["stored_text_leaves_the_folder", "stored_text_missing", "stored_text_not_utf8"],
    "alias_code_is_iso": ["alias_code_not_iso"],
    "one_preferred_name": ["two_preferred_names"],
    "verdict_has_its_source": ["not_found_with_source", "confirms_without_source"],
    "search_described": ["not_found_without_search"],
    "source_independent": ["article_corroborating_itself", "original_corroborating_itself"],
    "difference_said": ["partly_without_what_differs", "contradicts_without_what_differs"],
    "corroborated_countries_are_iso": ["corroboration_country_not_iso"],
    "event_weighed": ["event_not_weighed"],
    "partner_country": ["iso_code", "no_shape", "china_territory", "taiwan_claimed", "name_mismatch"],
    "country_scope_without_group": ["country_scope_with_group"],
    "group_scope_without_country": ["group_scope_with_country", "aggregate_scope_with_country"],
    "group_fits_scope": ["scope_needs_group", "aggregate_painted_as_group", "region_counted_as_aggregate"],
    "partner_names_the_group": ["partner_not_a_group_name"],
    "passage_verbatim": ["passage_not_verbatim", "passage_from_a_source_not_stored"],
    "event_once": ["duplicate_event"],
    "amount_matches": ["amount_mismatch", "amount_text_without_usd", "amount_not_in_dollars"],
    "count_has_its_unit": ["count_without_unit", "unit_without_count"],
    "values_in_the_passage": ["actor_not_in_passage", "year_not_in_passage"],
    "partner_where_stated": ["partner_not_in_passage", "partner_not_in_paragraph"],
    "member_country": ["group_member_code", "group_member_not_a_country"],
    "member_basis": ["group_member_basis"],
    "aggregate_member_named": ["aggregate_member_by_definition"],
    "not_an_event_passage": ["further_passage_is_event_passage", "context_passage_is_event_passage"],
    "passage_once": ["further_passage_duplicated", "context_passage_duplicated"],
    "original_is_the_original": ["original_passage_from_the_translation"],
    "original_url_fragment": ["original_passage_url_elsewhere"],
    "groups_have_members": ["group_without_members"],
    "passage_weighed_is_its_events": ["passage_of_another_event"],
    "stored_texts_show_every_character": ["right_to_left_override_in_the_stored_text"],
    "every_sentence_accounted_for": ["sentence_left_unclassified"],
}


def test_every_rule_of_the_project_has_a_broken_copy_it_refuses():
    row_rules = [rule for rules in ROW_RULES.values() for rule in rules]
    registered = {rule.__name__ for rule in (*CELL_RULES, *row_rules, *PACKAGE_RULES)}
    assert registered == set(RULE_CASES)
    assert [case for cases in RULE_CASES.values() for case in cases if case not in CASES | HOSTILE] == []


def test_the_rules_read_every_table_of_the_schema():
    assert sorted(ROW_RULES) == sorted(TABLES)


# The country shapes live outside the package: each test gives its own, broken, in the temporary folder.
SHAPES = {
    "missing": (
        None,
        "geo/countries.geojson: cannot read shapes: [Errno 2] No such file or directory: "
        "'geo/countries.geojson'",
    ),
    "not_json": (
        "<html>",
        "geo/countries.geojson: cannot read shapes: Expecting value: line 1 column 1 (char 0)",
    ),
    "feature_without_iso3": (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Jamaica"}, '
        '"geometry": null}]}',
        "geo/countries.geojson: cannot read shapes: 'iso3'",
    ),
}


@pytest.mark.parametrize("kind", sorted(SHAPES))
def test_unreadable_shapes_are_reported_once(data_copy, kind):
    content, expected = SHAPES[kind]
    geometry = data_copy.root.parent / "geo" / "countries.geojson"
    geometry.parent.mkdir()
    if content is not None:
        geometry.write_text(content, encoding="utf-8")
    assert messages(data_copy.root, geometry=geometry) == [expected]


def test_cli_fails_on_a_broken_copy(data_copy, capsys):
    data_copy.change("events.csv", "E003", year="twenty")
    assert main([str(data_copy.root)]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"{data_copy.root}/events.csv, row 4, field year: type-error: 'twenty': type is \"integer/default\"\n"
    )
    assert err == f"1 problem(s) in {data_copy.root}\n"
