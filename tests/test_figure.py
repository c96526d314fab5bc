"""The figures to take away (coopmap/ui/figure.py): their words, their SVG's structure, their PNG's pixels."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely
from PIL import Image

from coopmap.counts import map_counts, tally, year_counts
from coopmap.filters import Filters
from coopmap.ui import figure, projection
from coopmap.ui.deck import Choropleth
from coopmap.ui.palette import CONTEXT, HATCH, NO_REPORTS, RAMP, RING
from coopmap.ui.words import view_line

SVG = "{http://www.w3.org/2000/svg}"
MADE = "2026-11-29"


def _figures(ready, shapes, classes, filters: Filters, lang: str) -> tuple[dict, dict]:
    """The map's and the timeline's specs for a view, as the page builds them."""
    selection = ready.select(filters)
    selected, names = selection.selected, ready.names[lang]
    line = view_line(
        tally(selected, selection.undated_left_out), filters, ready.span, ready.labels[lang], lang, names
    )
    sources = figure.cited(ready.source_codes.counts(selection.rows()), ready.sources_by_id, lang)
    title, package = ready.package.said("title", lang), ready.package

    on_map = map_counts(selected, package, ready.members, ready.group_names[lang], lang)

    def words(kind):
        groups = on_map.group_claims if kind == "map" else ()
        others = figure.independent(package, selected["event_id"], groups, lang)
        return figure.caption(
            kind, title, line, sources, package.version, package.licence, MADE, lang, others
        )

    view = Choropleth(
        counts=on_map.by_country,
        classes=tuple(classes),
        context=on_map.context,
        focus=filters.countries,
        lang=lang,
        names=names,
    )
    per_year = year_counts(selection.every_year, ready.span, filters.years, None, undated=True)
    timeline = figure.timeline_spec(per_year, ready.span, words("timeline"), lang)
    return figure.map_spec(view, shapes, words("map")), timeline


@pytest.fixture(scope="module")
def loaded():
    from coopmap.app import loading
    from coopmap.paths import DATA_DIR

    return loading.loaded(DATA_DIR)


@pytest.fixture(scope="module")
def iran_zh(loaded):
    return _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(countries=("IRN",)), "zh")


def _texts(svg: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _marks(svg: bytes) -> dict[str, Counter]:
    """Each mark group of the SVG (by its class), with how many items of each fill it draws."""
    return {
        g.get("class"): Counter(item.get("fill") for item in g)
        for g in ET.fromstring(svg).iter(f"{SVG}g")
        if "role-mark" in (g.get("class") or "")
    }


def test_text_is_wrapped_by_the_width_its_characters_take():
    assert figure.wrapped("Iran: 2 events; 2010–2016 and 1 without a stated year", 200, 13) == [
        "Iran: 2 events; 2010–2016",
        "and 1 without a stated year",
    ]
    assert figure.wrapped("伊朗：2 起事件；2010–2016，另有 1 起未注明年份", 150, 13) == [
        "伊朗：2 起事件；",
        "2010–2016，另有 1 起",
        "未注明年份",
    ]
    assert figure.wrapped("", 100) == []


def test_a_caption_names_the_sources_shown_and_counts_the_rest_then_the_independent_ones():
    words = figure.caption(
        "map", "T", "Iran: 2 events", ["A", "B", "C", "D", "E"], "1.0", "CC-BY-4.0", MADE, "en", ["X, 2019"]
    )
    assert words == figure.Caption(
        title="T: reported events per country",
        summary="Iran: 2 events",
        sources="Sources of the events shown: A; B; C; 2 more. "
        "Independent sources of what is shown: X, 2019.",
        origin="T, version 1.0 (CC-BY-4.0); figure made 2026-11-29. What the sources report, attributed; "
        "not established fact. Country shapes: Natural Earth (public domain).",
    )


def test_the_sources_line_names_the_translation_quoted_and_the_article_it_translates(ready):
    shown = ready.source_codes.counts(ready.select(Filters()).rows())
    assert shown == {"gnews-zh-1771034": 15}  # every event rests on the article's translation
    assert figure.cited(shown, ready.sources_by_id, "zh") == [
        "Antonio Graceffo，“北京利用警察和安全培训渗透外国”，GNews，未注明日期，Jenny Ball 译（译自 Antonio "
        "Graceffo，“Beijing Uses Police and Security Training to Infiltrate Foreign Countries”，The Epoch "
        "Times，2021-12-17）"
    ]
    assert figure.cited(shown, ready.sources_by_id, "en") == [
        "Antonio Graceffo, “北京利用警察和安全培训渗透外国”, GNews, date not stated, translated by Jenny "
        "Ball (translation of Antonio Graceffo, “Beijing Uses Police and Security Training to Infiltrate "
        "Foreign Countries”, The Epoch Times, 2021-12-17)"
    ]
    assert figure.cited(["gone"], ready.sources_by_id, "en") == ["gone"]  # not in the package: its id


def test_the_independent_sources_are_those_weighing_the_events_shown_and_naming_group_members(ready):
    package = ready.package
    assert figure.independent(package, ["E002"], [], "en") == [
        "Huanqiu (Global Times, Chinese edition), 2014-06-27"
    ]
    assert figure.independent(package, ["E005"], [], "en") == []  # a search that found none names no source
    named = figure.independent(package, [], ["agg-18-surveillance", "africa"], "en")
    assert named == ["The New York Times, 2019-04-24"]  # Africa's members are its definition's
    every = figure.independent(package, ready.events["event_id"], ready.members, "en")
    assert len(every) == len(set(every)) == 17 and every[0] == "The New York Times, 2019-04-24"


def test_the_map_figures_svg_in_chinese_has_its_words_legend_and_one_shape_per_country(iran_zh):
    svg = figure.svg(iran_zh[0])
    texts = _texts(svg)
    assert texts[:3] == ["1 起已报道事件", "2 起已报道事件", "本数据集中无报道"]  # the key: no group shown
    assert "".join(texts[3:-2]) == (
        "所示事件的来源：Antonio Graceffo，“北京利用警察和安全培训渗透外国”，GNews，未注明日期，"
        "Jenny Ball 译（译自"
        "Antonio Graceffo，“Beijing Uses Police and Security Training to Infiltrate Foreign Countries”，The"
        "Epoch Times，2021-12-17）。所示内容的独立来源：Reuters, 2012-03-22。"
        "已报道的安全合作，版本 0.4.1（CC-BY-4.0）；图表生成于 2026-11-29。记录来源的报道，注明出处，"
        "并非既定事实。国家形状：Natural Earth（公有领域）。"
    )  # lines broken at spaces or between Chinese characters
    assert texts[-2:] == [
        "已报道的安全合作：各国已报道事件",
        "伊朗：2 起事件；2010–2016，另有 1 起未注明年份；全部类别",
    ]
    marks = _marks(svg)
    assert marks["mark-shape role-mark concat_0_layer_0_marks"] == Counter({figure.PAPER: 1})  # the globe
    # Every country: Iran in the darkest class of the dataset's scale, the rest unreported.
    assert marks["mark-shape role-mark concat_0_layer_1_marks"] == Counter({NO_REPORTS: 235, RAMP[-1]: 1})
    assert marks["mark-shape role-mark concat_0_layer_3_marks"] == Counter({None: 1})  # Iran, outlined
    assert marks["mark-text role-mark concat_2_marks"] == Counter({"#333333": 5})  # the footer's lines


def test_the_default_map_figure_shows_group_context_as_a_hatched_light_fill_in_its_map_and_key(loaded):
    spec, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), "en")
    marks = _marks(figure.svg(spec))
    fills = marks["mark-shape role-mark concat_0_layer_1_marks"]
    assert fills[RAMP[0]] == 6 and fills[RAMP[-1]] == 1  # seven countries with claims of their own
    assert fills[CONTEXT] > 50  # members of the regions and blocs the claims name
    hatch = spec["vconcat"][0]["layer"][2]
    assert (
        hatch["mark"]["stroke"] == HATCH and len(hatch["data"]["values"][0]["geometry"]["coordinates"]) > 100
    )
    key = spec["vconcat"][1]["layer"]
    assert [(item["label"], item["fill"]) for item in key[0]["data"]["values"]] == [
        ("1 reported event", RAMP[0]),
        ("2 reported events", RAMP[-1]),
        ("No reports in this dataset", NO_REPORTS),
        ("In a group a claim names (context)", CONTEXT),
    ]
    swatch = key[0]["data"]["values"][-1]
    lines = key[1]["data"]["values"]  # the context swatch hatched as the map is, within the swatch
    assert len(lines) >= 5 and key[1]["mark"]["stroke"] == HATCH
    assert all(swatch["x"] <= line[x] <= swatch["x2"] for line in lines for x in ("x", "x2"))


def test_hiding_the_groups_leaves_no_context_hatch_key_or_note(loaded):
    ready = loaded.ready
    on_map = map_counts(ready.events, ready.package, ready.members, ready.group_names["en"], "en")
    view = Choropleth(
        counts=on_map.by_country,
        classes=tuple(loaded.classes),
        context=on_map.context,
        show_groups=False,
        lang="en",
        names=ready.names["en"],
    )
    spec = figure.map_spec(view, loaded.shapes, figure.Caption("T", "S", "", ""))
    assert CONTEXT not in Counter(
        f["properties"]["fill"] for f in spec["vconcat"][0]["layer"][1]["data"]["values"]
    )
    assert not spec["vconcat"][0]["layer"][2]["data"]["values"][0]["geometry"]["coordinates"]
    assert [item["fill"] for item in spec["vconcat"][1]["layer"][0]["data"]["values"]][-1] == NO_REPORTS
    assert not any("Hatched" in text for text in _texts(figure.svg(spec)))


def test_the_map_figure_notes_the_countries_shaded_only_on_another_sources_word(loaded):
    """Germany is shaded because The New York Times names it among the article's 18 countries, not the
    article; Kenya is one of the 18 too, but Africa, a region the article names, holds it already."""
    spec, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), "en")
    note = (
        "Hatched only because a source other than the article names them as members of a group a claim "
        "names: "
        "Germany, Pakistan, United Arab Emirates (The New York Times, 2019-04-24); Jordan, Lebanon "
        "(The Western Journal, date not stated); Bangladesh, Belarus, India, Pakistan, Saudi Arabia, "
        "Sri Lanka, "
        "United Arab Emirates (Voice of America (via WTOP), date not stated)."
    )
    assert (
        figure.named_elsewhere(
            Choropleth(
                counts={}, classes=(), context=_context(loaded), lang="en", names=loaded.ready.names["en"]
            ),
            _context(loaded),
        )
        == note
    )
    footer = " ".join(_texts(figure.svg(spec)))
    assert "Germany, Pakistan, United Arab Emirates (The New York Times, 2019-04-24)" in footer
    assert "Kenya" not in footer
    spec_zh, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), "zh")
    assert "阿联酋、巴基斯坦、德国（The New York Times," in "".join(_texts(figure.svg(spec_zh)))
    iran, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(countries=("IRN",)), "en")
    assert not any("Hatched" in text for text in _texts(figure.svg(iran)))


def _context(loaded) -> dict:
    """Every country the dataset's group claims shade, with why."""
    ready = loaded.ready
    return map_counts(ready.events, ready.package, ready.members, ready.group_names["en"], "en").context


def test_the_map_figure_draws_the_screens_equal_earth_shapes_inside_the_whole_globe(loaded):
    spec, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), "en")
    chart = spec["vconcat"][0]
    assert chart["projection"]["type"] == "identity" and chart["projection"]["reflectY"]
    globe = projection.globe()
    assert chart["layer"][0]["data"]["values"][0]["geometry"] == shapely.geometry.mapping(globe)
    countries = {f["properties"]["iso3"]: f["geometry"] for f in chart["layer"][1]["data"]["values"]}
    assert countries == dict(loaded.shapes.plane_coarse)  # the screen's shapes, Antarctica too
    west, south, east, north = globe.bounds
    assert figure.map_point(west, north) == (0, pytest.approx(0, abs=0.5))  # the Arctic whole, at the top
    assert figure.map_point(east, south) == (chart["width"], pytest.approx(chart["height"], abs=1))


def test_the_map_figure_rings_the_small_countries_with_claims_as_the_screen_does(loaded):
    spec, _ = _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), "en")
    [rings] = [layer for layer in spec["vconcat"][0]["layer"] if layer["mark"].get("stroke") == RING]
    assert sorted(r["iso3"] for r in rings["data"]["values"]) == ["ECU", "JAM", "KGZ", "LBR"]
    ecuador = next(r for r in rings["data"]["values"] if r["iso3"] == "ECU")
    lon, lat = projection.to_lonlat(ecuador["x"], ecuador["y"])
    assert -81 < lon < -75 and -5 < lat < 2  # its mainland, not the Galápagos
    groups = ET.fromstring(figure.svg(spec)).iter(f"{SVG}g")
    drawn = [g for g in groups if "concat_0_layer_5_marks" in (g.get("class") or "")]
    assert [len(list(g)) for g in drawn] == [4] and {p.get("stroke") for p in drawn[0]} == {RING}


def test_the_timeline_figure_has_every_year_on_its_axis_and_a_bar_where_there_are_events(iran_zh):
    svg = figure.svg(iran_zh[1])
    texts = _texts(svg)
    assert texts[:9] == ["2010", "2011", "2012", "2013", "2014", "2015", "2016", "", "未注明年份"]  # a gap
    assert texts[-2:] == [
        "已报道的安全合作：各年已报道事件",
        "伊朗：2 起事件；2010–2016，另有 1 起未注明年份；全部类别",
    ]
    assert (
        "已报道的安全合作，版本 0.4.1（CC-BY-4.0）；图表生成于 2026-11-29。记录来源的报道，注明出处，"
        "并非既定事实。年份为文章所述。" in "".join(texts)
    )
    bars = _marks(svg)["mark-rect role-mark concat_0_marks"]
    (striped,) = set(bars) - {RAMP[-1]}
    assert bars == Counter({RAMP[-1]: 1, striped: 1})  # Iran's two: 2010, and the year not stated, striped
    gradient = next(
        g for g in ET.fromstring(svg).iter(f"{SVG}linearGradient") if striped == f"url(#{g.get('id')})"
    )
    assert [stop.get("stop-color") for stop in gradient] == [RAMP[-1], RAMP[-1], "#ffffff", "#ffffff"] * 4


def test_the_png_is_twice_the_svgs_size_with_the_map_drawn(iran_zh):
    svg, png = figure.svg(iran_zh[0]), figure.png(iran_zh[0])
    root = ET.fromstring(svg)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (2 * int(root.get("width")), 2 * int(root.get("height")))
    colours = Counter({colour: n for n, colour in image.getcolors(maxcolors=1 << 24)})
    iran = tuple(int(RAMP[-1][i : i + 2], 16) for i in (1, 3, 5))
    assert colours[iran] > 2000  # Iran, filled, at twice the scale
    assert colours[(0xEC, 0xEC, 0xEC)] > 200_000  # the rest of the world


def test_the_png_draws_chinese_characters_not_boxes():
    """Two different characters give different pixels only where a CJK font draws them."""

    def drawn(text: str) -> bytes:
        spec = figure._framed(
            {"mark": "point", "width": 40, "height": 10}, figure.Caption(text, "", "", ""), 60
        )
        return figure.png(spec, scale=1)

    assert drawn("中") != drawn("国")


ROOT = Path(__file__).resolve().parents[1]
CONVERT = """
import json, sys
from pathlib import Path
from coopmap.ui import figure
for at, spec in enumerate(json.load(sys.stdin)):
    Path(sys.argv[1], f"{at}.svg").write_bytes(figure.svg(spec))
    Path(sys.argv[1], f"{at}.png").write_bytes(figure.png(spec, scale=1))
"""


def _converted(specs: list[dict], folder: Path) -> list[tuple[bytes, Image.Image]]:
    """Each spec drawn as SVG and PNG in a process of their own, so that an abort fails tests, not the run."""
    done = subprocess.run(
        [sys.executable, "-c", CONVERT, str(folder)],
        input=json.dumps(specs),  # ASCII, with \\uXXXX escapes: a lone surrogate travels as it is
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [
        ((folder / f"{at}.svg").read_bytes(), Image.open(folder / f"{at}.png")) for at in range(len(specs))
    ]


def _hostile_words(kind: str, char: str) -> figure.Caption:
    """A caption with char in every text a figure draws: title, summary, sources, version, licence, date."""
    return figure.caption(
        kind,
        f"Title{char}",
        f"Summary{char}",
        [f"Source{char}"],
        f"1.0{char}",
        f"CC-BY-4.0{char}",
        f"2026-11-29{char}",
        "en",
    )


HOSTILE = {  # a character, and what of it the figure keeps
    "\uffff": "",
    "\ufffe": "",
    "\ufdd0": "",
    "\U0010ffff": "",
    "\ud800": "",  # a lone surrogate
    "\x00": "",
    "\x0b": "",
    "\x1f": "",
    "\u202e": "\u202e",  # the right-to-left override: the converter takes it, the validator refuses it
    "\u3164": "\u3164",
    "\u2800": "\u2800",
}


@pytest.fixture(scope="module")
def hostile_timelines(ready, tmp_path_factory) -> dict[str, tuple[bytes, Image.Image]]:
    """The timeline figure with each hostile character in every text, all drawn by one converter process."""
    per_year = year_counts(ready.select(Filters()).every_year, ready.span, None, None, undated=True)
    specs = [figure.timeline_spec(per_year, ready.span, _hostile_words("timeline", c), "en") for c in HOSTILE]
    return dict(zip(HOSTILE, _converted(specs, tmp_path_factory.mktemp("hostile")), strict=True))


@pytest.mark.parametrize(("char", "kept"), HOSTILE.items())
def test_a_figure_with_a_hostile_character_in_every_text_is_drawn_without_it(hostile_timelines, char, kept):
    svg, png = hostile_timelines[char]
    texts = _texts(svg)
    assert texts[-2:] == [f"Title{kept}: reported events per year", f"Summary{kept}"]
    footer = " ".join(texts)
    assert f"Sources of the events shown: Source{kept}" in footer
    assert f"version 1.0{kept} (CC-BY-4.0{kept}); figure made 2026-11-29{kept}." in footer
    root = ET.fromstring(svg)
    assert png.format == "PNG" and png.size == (int(root.get("width")), int(root.get("height")))


def test_a_map_figure_with_every_hostile_character_in_its_words_and_names_is_drawn(loaded, tmp_path):
    hostile = "\uffff\ufffe\ufdd0\U0010ffff\ud800\x00\x0b\x1f\u202e\u3164\u2800"
    kept = "\u202e\u3164\u2800"
    ready, view_names = loaded.ready, dict(loaded.ready.names["en"], IRN=f"Iran{hostile}")
    on_map = map_counts(ready.events, ready.package, ready.members, ready.group_names["en"], "en")
    view = Choropleth(
        counts=on_map.by_country,
        classes=tuple(loaded.classes),
        context=on_map.context,
        focus=("IRN",),
        lang="en",
        names=view_names,
    )
    spec = figure.map_spec(view, loaded.shapes, _hostile_words("map", hostile))
    shapes = spec["vconcat"][0]["layer"][1]["data"]["values"]
    assert f"Iran{hostile}" in [shape["properties"]["name"] for shape in shapes]  # in the data, not drawn
    [(svg, png)] = _converted([spec], tmp_path)
    texts = _texts(svg)
    assert texts[-2:] == [f"Title{kept}: reported events per country", f"Summary{kept}"]
    assert f"Sources of the events shown: Source{kept}" in " ".join(texts)
    root = ET.fromstring(svg)
    assert png.size == (int(root.get("width")), int(root.get("height")))


def test_only_texts_lose_what_the_converter_cannot_take():
    spec = {"title": ["a\uffffb", "\x00"], "k\ufffe": {"n": 1.5, "at": (2, "\ud800c")}, "none": None}
    assert figure._convertible(spec) == {"title": ["ab", ""], "k": {"n": 1.5, "at": [2, "c"]}, "none": None}


@pytest.fixture(scope="module")
def default_figures(loaded):
    """The map's and timeline's figures of the first view, in English and in Chinese."""
    return {
        lang: _figures(loaded.ready, loaded.shapes, loaded.classes, Filters(), lang) for lang in ("en", "zh")
    }


def _least_px(svg: bytes, scale: int = 1) -> float:
    """8 pt in the figure's px when it is placed 6.5 in wide: the least size a report's type may take."""
    return 8 / 72 * float(ET.fromstring(svg).get("width")) * scale / 6.5


def _last_line(png: bytes) -> int:
    """How many pixel rows the figure's last line of text takes, ascenders to descenders."""
    dark = (np.asarray(Image.open(io.BytesIO(png)).convert("L")) < 128).any(axis=1)
    bottom = int(np.flatnonzero(dark)[-1])
    top = bottom
    while dark[top - 1]:
        top -= 1
    return bottom - top + 1


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", [0, 1], ids=["map", "timeline"])
def test_every_text_prints_at_8_pt_or_more_when_the_figure_is_placed_6_5_in_wide(default_figures, lang, kind):
    spec = default_figures[lang][kind]
    svg = figure.svg(spec)
    sizes = [
        float(text.get("font-size").removesuffix("px")) for text in ET.fromstring(svg).iter(f"{SVG}text")
    ]
    assert len(sizes) > 10 and min(sizes) >= _least_px(svg)  # key, axes, notes and sources alike
    # In the PNG, the last line (sources' size, the least) is as tall as 8-pt type: ascenders to descenders
    # span about one em (0.9 or more in Latin and Chinese alike); the old 11-px footer spanned 0.6.
    png = figure.png(spec)
    assert _last_line(png) >= 0.9 * _least_px(svg, figure.PNG_SCALE)


def _origin(svg: bytes) -> tuple[float, float]:
    """Where the figure's first chart starts in its SVG: the offset of its root group."""
    moved = next(g.get("transform") for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("transform"))
    x, y = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", moved).groups()
    return float(x), float(y)


def test_group_context_and_no_reports_differ_in_greyscale_print(default_figures, loaded):
    """The two light greys alone differ by 24 of 255 levels, and merge on paper: context's hatch must make
    its countries at least half as far apart again (36 levels), with a texture of lines no tone gives."""
    spec = default_figures["en"][0]
    svg, png = figure.svg(spec), figure.png(spec)
    grey = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    x0, y0 = _origin(svg)

    def patch(iso3: str) -> np.ndarray:
        x, y = figure.map_point(*loaded.shapes.plane_points[iso3])
        cx, cy = round((x0 + x) * figure.PNG_SCALE), round((y0 + y) * figure.PNG_SCALE)
        return grey[cy - 15 : cy + 15, cx - 15 : cx + 15]

    context, unreported = patch("KAZ"), patch("BRA")  # Kazakhstan: Central Asia's; Brazil: no report
    assert unreported.min() == unreported.max() == 236  # NO_REPORTS in grey, untouched
    assert unreported.mean() - context.mean() >= 36
    assert (context < 160).mean() > 0.08  # the hatch's lines
