"""The validator passes the real package and rejects each kind of defect precisely."""

from __future__ import annotations

import pytest

from coopmap.dataset.validate import main, validate


def messages(root) -> list[str]:
    """Problems as printed, with the temporary folder cut off the front of each path."""
    return [str(p).replace(f"{root.parent}/", "") for p in validate(root)]


def test_real_package_is_valid():
    assert [str(p) for p in validate()] == []


def test_cli_reports_valid_package(capsys):
    assert main([]) == 0
    assert "valid (15 events, 3 further passages, 19 context passages)" in capsys.readouterr().out


def test_unchanged_copy_is_valid(data_copy):
    assert messages(data_copy.root) == []


# Each case breaks one thing in a copy and names the exact line the validator must print.
CASES = {
    "type": (
        lambda d: d.change("events.csv", "E003", year="twenty"),
        "data/events.csv, row 4, field year: type-error: 'twenty': type is \"integer/default\"",
    ),
    "enum": (
        lambda d: d.change("events.csv", "E002", scope="planet"),
        "data/events.csv, row 3, field scope: constraint-error: 'planet': "
        "constraint \"enum\" is \"['country', 'group', 'aggregate']\"",
    ),
    "required": (
        lambda d: d.change("events.csv", "E010", passage_en=""),
        'data/events.csv, row 11, field passage_en: constraint-error: constraint "required" is "True"',
    ),
    "primary_key": (
        lambda d: d.change("events.csv", "E006", event_id="E005"),
        "data/events.csv, row 7, field event_id: primary-key: the same as in the row at position 6",
    ),
    "foreign_key": (
        lambda d: d.change("events.csv", "E009", source_id="no-such-source"),
        'data/events.csv, row 10, field source_id: foreign-key: for "source_id": values '
        '"no-such-source" not found in the lookup table "sources" as "source_id"',
    ),
    "category_vocabulary": (
        lambda d: d.change("events.csv", "E010", category="bribery"),
        'data/events.csv, row 11, field category: foreign-key: for "category": values '
        '"bribery" not found in the lookup table "categories" as "category_id"',
    ),
    "iso_code": (
        lambda d: d.change("events.csv", "E010", country_iso3="XJM"),
        "data/events.csv, row 11, field country_iso3: 'XJM' is not an ISO 3166-1 alpha-3 code",
    ),
    "no_shape": (
        lambda d: d.change("events.csv", "E010", country_iso3="TUV"),
        "data/events.csv, row 11, field country_iso3: 'TUV' has no shape in countries.geojson",
    ),
    "china_territory": (
        lambda d: d.change("events.csv", "E010", country_iso3="HKG"),
        "data/events.csv, row 11, field country_iso3: 'HKG' (Hong Kong) is China's own territory, "
        "not a foreign partner: record it in context.csv",
    ),
    "name_mismatch": (
        lambda d: d.change("events.csv", "E010", country_iso3="HTI"),
        "data/events.csv, row 11, field country_iso3: '牙买加' is JAM, not HTI",
    ),
    "unknown_name": (
        lambda d: d.change("events.csv", "E002", partner_src="利比里"),
        "data/events.csv, row 3, field partner_src: unknown country name '利比里': "
        "add it to country_aliases.csv if it is a real spelling",
    ),
    "scope_needs_country": (
        lambda d: d.change("events.csv", "E010", country_iso3=""),
        "data/events.csv, row 11, field country_iso3: required when scope is country",
    ),
    "scope_needs_group": (
        lambda d: d.change("events.csv", "E003", group_id=""),
        "data/events.csv, row 4, field group_id: required when scope is group",
    ),
    "aggregate_painted_as_group": (
        lambda d: d.change("events.csv", "E012", scope="group"),
        "data/events.csv, row 13, field group_id: group 'agg-18-surveillance' is a aggregate, "
        "which does not fit scope group",
    ),
    "group_member_code": (
        lambda d: d.append("group_members.csv", "asean", country_iso3="ZZZ"),
        "data/group_members.csv, row 97, field country_iso3: 'ZZZ' is not an ISO 3166-1 alpha-3 code",
    ),
    "group_member_basis": (
        lambda d: d.append("group_members.csv", "asean", country_iso3="TLS", basis="rumour"),
        "data/group_members.csv, row 97, field basis: 'rumour' is neither 'definition' nor a source_id",
    ),
    "aggregate_member_by_definition": (
        lambda d: d.append("group_members.csv", "asean", group_id="agg-18-surveillance"),
        "data/group_members.csv, row 97, field basis: aggregate 'agg-18-surveillance' has no "
        "definition: a member needs the source that names it",
    ),
    "duplicate_event": (
        lambda d: d.append("events.csv", "E010", event_id="E016"),
        "data/events.csv, row 17, field passage: duplicate of event E010: same partner, category and passage",
    ),
    "passage_not_verbatim": (
        lambda d: d.change("events.csv", "E010", passage="在牙买加，中共向警察部队捐赠了武器。"),
        "data/events.csv, row 11, field passage: not found verbatim in the stored text of "
        "gnews-zh-1771034: '在牙买加，中共向警察部队捐赠了武器。'",
    ),
    "actor_not_in_passage": (
        lambda d: d.change("events.csv", "E011", actor="中国航天"),
        "data/events.csv, row 12, field actor: '中国航天' does not stand in the passage",
    ),
    "year_not_in_passage": (
        lambda d: d.change("events.csv", "E009", year="2013"),
        "data/events.csv, row 10, field year: '2013' does not stand in the passage",
    ),
    "amount_mismatch": (
        lambda d: d.change("events.csv", "E011", amount_usd="500000000"),
        "data/events.csv, row 12, field amount_usd: 500000000 differs from '5000 万美元' = 50000000",
    ),
    "further_passage_is_event_passage": (
        lambda d: d.change(
            "event_passages.csv", "P003", passage="目前已有18个国家使用中共制造的情报监控系统。"
        ),
        "data/event_passages.csv, row 4, field passage: already the passage of event E012",
    ),
    "event_not_weighed": (
        lambda d: d.delete("corroborations.csv", "K006"),
        "data/events.csv, row 7, field event_id: event E006 has no corroboration row (not_found, with the "
        "search described, is an honest answer)",
    ),
    "verdict_vocabulary": (
        lambda d: d.change("corroborations.csv", "K001", verdict="probably"),
        "data/corroborations.csv, row 2, field verdict: constraint-error: 'probably': constraint \"enum\" is "
        "\"['confirms', 'partly', 'contradicts', 'not_found']\"",
    ),
    "partly_without_what_differs": (
        lambda d: d.change("corroborations.csv", "K007", differs=""),
        "data/corroborations.csv, row 8, field differs: required when verdict is partly: say what differs",
    ),
    "not_found_without_search": (
        lambda d: d.change("corroborations.csv", "K005", searched=""),
        "data/corroborations.csv, row 6, field searched: a not_found verdict must describe the search",
    ),
    "corroboration_source_unknown": (
        lambda d: d.change("corroborations.csv", "K001", source_id="no-such-source"),
        'data/corroborations.csv, row 2, field source_id: foreign-key: for "source_id": values '
        '"no-such-source" not found in the lookup table "sources" as "source_id"',
    ),
    "article_corroborating_itself": (
        lambda d: d.change("corroborations.csv", "K001", source_id="gnews-zh-1771034"),
        "data/corroborations.csv, row 2, field source_id: 'gnews-zh-1771034' is not independent of the "
        "article (relation 'translation_of')",
    ),
    "sentence_left_unclassified": (
        lambda d: d.delete("context.csv", "C012"),
        "data/texts/gnews-zh-1771034.md, paragraph 16: not quoted by any event, further passage "
        "or context row: '该局还举办了外国警官国际警察座谈会。'",
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_broken_copy_is_rejected_with_file_row_and_field(data_copy, kind):
    breaks, expected = CASES[kind]
    breaks(data_copy)
    assert expected in messages(data_copy.root)


def test_tampered_source_text_is_rejected(data_copy):
    path = data_copy.root / "texts" / "gnews-zh-1771034.md"
    path.write_text(path.read_text(encoding="utf-8").replace("牙买加", "海地"), encoding="utf-8")
    found = messages(data_copy.root)
    assert any(m.startswith("data/texts/gnews-zh-1771034.md: hash-count") for m in found), found
    assert (
        "data/events.csv, row 11, field passage: not found verbatim in the stored text of "
        "gnews-zh-1771034: '在牙买加，中共向警察部队捐赠了装备。'"
    ) in found


def test_every_problem_is_reported_not_just_the_first(data_copy):
    data_copy.change("events.csv", "E003", year="twenty")
    data_copy.change("events.csv", "E010", country_iso3="XJM")
    assert len(messages(data_copy.root)) == 2


def test_cli_fails_on_a_broken_copy(data_copy, capsys):
    data_copy.change("events.csv", "E003", year="twenty")
    assert main([str(data_copy.root)]) == 1
    assert "row 4, field year" in capsys.readouterr().out
