"""A synthetic data package of N events in this project's schema, valid and reproducible, to measure at scale.

.venv/bin/python bench/synth.py --events 10000 --out /tmp/synth-10k --seed 1"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import json
import random
import re
import shutil
import sys
import time
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from urllib.parse import quote

import pycountry

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's code is not an installed package
    sys.path.insert(0, str(ROOT))

from coopmap.dataset.amounts import parse_usd  # noqa: E402
from coopmap.dataset.countries import UnknownCountryName, is_iso3, name_en, name_zh, resolve  # noqa: E402
from coopmap.dataset.package import DESCRIPTOR, descriptor, read_rows  # noqa: E402
from coopmap.dataset.rules import CHINA_OWN, CLAIMED  # noqa: E402
from coopmap.dataset.shapes import iso3_codes  # noqa: E402
from coopmap.paths import DATA_DIR  # noqa: E402

EVENTS_PER_TEXT = 2000
FURTHER_EVERY = 9  # every 9th event has a further passage
SECOND_CHECK_EVERY = 5  # every 5th event is weighed against two sources
ORIGINAL_EVERY = 20  # every 20th event links to its paragraph of the English original
CONTEXT_EVERY = 6  # a text has a context sentence per 6 events, besides its apparatus
APPARATUS = 5  # title, account, translator, references, disclaimer
EVENTS_PER_SOURCE = 20  # independent sources: one per 20 events (at least 8)
YEARS = range(2003, 2023)
UNDATED = 0.10
SYNTHETIC_ZH = "（合成文本，未译）"  # marks the Chinese twin of a synthetic English text
NOT_PARTNERS = set(CHINA_OWN) | set(CLAIMED)  # never a partner in this dataset: the validator rejects them
UNINHABITED = {"ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "UMI"}
ID_LETTERS = {"events": "E", "event_passages": "P", "context": "C", "corroborations": "K"}
_PURE_CJK = re.compile(r"[\u4e00-\u9fff·]+")


def pairs(block: str) -> list[tuple[str, ...]]:
    """'Chinese | English' lines as (Chinese, English) tuples; a line may go on at '| English' below it."""
    return [
        tuple(part.strip() for part in entry.split("|")) for entry in re.split(r"\n(?!\s*\|)", block.strip())
    ]


# Words as (Chinese, English). Templates take Y year, A actor, P partner, X object, L place,
# F financing, M amount, K a number; a template without {M} never states an amount.
ACTORS = pairs("""
中共 | the CCP
公安部 | the Ministry of Public Security
解放军 | the People's Liberation Army
武警部队 | the People's Armed Police
国家安全部 | the Ministry of State Security
中共国 | the 'CCP state'
甲省警察学院 | the police college of Province A
乙省警察学院 | the police college of Province B
丙省公安厅 | the public security department of Province C
甲安防科技公司 | Security Technology Company A
乙通信设备公司 | Communications Company B
丙监控技术公司 | Monitoring Technology Company C
""")
LENDERS = pairs("""
中国进出口银行 | the Export-Import Bank of China
国家开发银行 | China Development Bank
甲商业银行 | Commercial Bank A
""")
FUNDS = pairs("""
中方贷款 | Chinese loans
中共贷款以换取石油 | CCP loans in exchange for oil
中国进出口银行 | the Export-Import Bank of China
无偿援助资金 | grant aid
""")
CATEGORY_WEIGHTS = {
    "police_training": 24,
    "surveillance_system": 20,
    "equipment_donation": 16,
    "agreement": 14,
    "facility": 8,
    "joint_exercise": 8,
    "financing": 6,
    "public_opinion_training": 4,
}
OBJECTS = {
    "police_training": pairs("""
        刑侦培训班 | a criminal-investigation course
        反恐培训班 | a counter-terrorism course
        警务指挥培训班 | a police-command course
        网络安全培训班 | a cybersecurity course
        边境管理研修班 | a border-management seminar
        禁毒执法培训班 | a counter-narcotics course
    """),
    "equipment_donation": pairs("""
        一批警用车辆 | a batch of police vehicles
        防暴装备 | riot-control equipment
        通信设备 | communications equipment
        无人机 | drones
        安检设备 | security-screening equipment
        执法记录仪 | body-worn cameras
    """),
    "surveillance_system": pairs("""
        视频监控系统 | a video surveillance system
        人脸识别系统 | a facial-recognition system
        “平安城市”系统 | a 'Safe City' system
        网络监控平台 | an internet-monitoring platform
        社会信用体系 | a social credit system
        车牌识别系统 | a licence-plate recognition system
    """),
    "agreement": pairs("""
        执法安全合作 | law-enforcement and security cooperation
        警务合作 | police cooperation
        网络安全合作 | cybersecurity cooperation
        情报交流 | intelligence sharing
        反恐合作 | counter-terrorism cooperation
        边境执法合作 | border law enforcement
    """),
    "financing": pairs("""
        安全指挥中心 | a security command centre
        监控网络 | a surveillance network
        警用通信网 | a police communications network
        边境监控站 | border monitoring posts
        应急指挥系统 | an emergency command system
    """),
    "facility": pairs("""
        卫星地面站 | a satellite ground station
        警务联络中心 | a police liaison centre
        安全培训中心 | a security training centre
        监控指挥中心 | a monitoring and command centre
        后勤保障基地 | a logistics base
        雷达站 | a radar station
    """),
    "joint_exercise": pairs("""
        天山之盾 | Tianshan Shield
        丝路卫士 | Silk Road Guardian
        蓝色利剑 | Blue Sword
        金色雄鹰 | Golden Eagle
        长城守望 | Great Wall Watch
        和平之桥 | Bridge of Peace
    """),
    "public_opinion_training": pairs("""
        “舆论引导”培训 | 'public opinion guidance' training
        新媒体管理研修班 | a new-media management seminar
        网络舆情应对培训 | training in handling online opinion
    """),
}
TEMPLATES = {
    "police_training": pairs("""
        {Y}{A}为{P}{L}的执法人员举办了{X} | {Y}{A} held {X} for law-enforcement personnel from {P}{L}
        {Y}{A}在{P}{L}开展警务培训，培训了{K}名警官
            | {Y}{A} carried out police training in {P}{L}, training {K} officers
    """),
    "equipment_donation": pairs("""
        {Y}{A}向{P}{L}警方捐赠了{X} | {Y}{A} donated {X} to the police in {P}{L}
        {Y}{A}向{P}安全部队移交了价值 {M}的{X} | {Y}{A} handed {X} worth {M} to the security forces of {P}
    """),
    "surveillance_system": pairs("""
        {Y}{A}向{P}{L}提供了{X}{F} | {Y}{A} supplied {X} to {P}{L}{F}
        {Y}{P}采用了{A}的{X}，以监测和控制本国公民{F}
            | {Y}{P} adopted {X} from {A} to monitor and control its citizens{F}
        {Y}{A}与{P}签署了价值 {M}的协议，为其安装{X}
            | {Y}{A} signed an agreement worth {M} with {P} to install {X}
    """),
    "agreement": pairs("""
        {Y}{A}与{P}签署了{X}协议{F} | {Y}{A} signed an agreement on {X} with {P}{F}
        {Y}{A}与{P}签订了一份价值 {M}的{X}合同 | {Y}{A} signed a contract on {X} worth {M} with {P}
    """),
    "financing": pairs("""
        {Y}{A}向{P}{L}提供了{M}贷款，用于建设{X} | {Y}{A} lent {M} to {P}{L} to build {X}
        {Y}{A}为{P}建设{X}提供资金 | {Y}{A} funded {X} for {P}
    """),
    "facility": pairs("""
        {Y}{A}在{P}{L}建造了一个{X} | {Y}{A} built {X} in {P}{L}
        {Y}在{P}{L}，{A}建造了一个价值 {M}的{X} | {Y}in {P}{L}, {A} built {X} worth {M}
    """),
    "joint_exercise": pairs("""
        {Y}{A}与{P}{L}举行了“{X}”联合演习 | {Y}{A} held the joint exercise '{X}' with {P}{L}
        {Y}在{P}{L}举行的联合反恐演习中，{A}派出了{K}名官兵
            | {Y}{A} sent {K} troops to a counter-terrorism exercise in {P}{L}
    """),
    "public_opinion_training": pairs("""
        {Y}{A}为{P}的媒体官员举办了{X} | {Y}{A} held {X} for media officials from {P}
        {Y}{P}的{K}名宣传官员参加了{A}举办的{X}
            | {Y}{K} propaganda officials from {P} attended {X} held by {A}
    """),
}
SUMMARY_VERBS = {
    "police_training": "trained law-enforcement personnel from {P}",
    "equipment_donation": "gave equipment to the police or security forces of {P}",
    "surveillance_system": "supplied surveillance technology to {P}",
    "agreement": "signed a security cooperation agreement with {P}",
    "financing": "financed a security project in {P}",
    "facility": "built a facility in {P}",
    "joint_exercise": "held a joint exercise with {P}",
    "public_opinion_training": "gave 'public opinion guidance' training to officials from {P}",
}
FOLLOW_UP, SAME_EVENT = pairs("""
目前，该项目仍在运行，当地官员用它监控{T}
    | the project is still running, and local officials use it to watch {T}
{P}的这一项目由{A}负责实施 | this project in {P} was carried out by {A}
""")
FURTHER = {"follow_up": FOLLOW_UP, "same_event": SAME_EVENT}
TARGETS = pairs("""
政治对手 | political opponents
记者 | journalists
少数民族 | ethnic minorities
抗议者 | protesters
""")
PREFIXES = pairs("""
据第{n}号简报， | According to bulletin no. {n},
第{n}号报告显示， | Report no. {n} shows that
根据第{n}号档案， | According to file no. {n},
另据第{n}号通报， | Notice no. {n} further says that
""")
CAPTION = ("图{n}：", "Figure {n}:")
CN_PLACES = pairs("""
北京 | Beijing
新疆 | Xinjiang
香港 | Hong Kong
上海 | Shanghai
西藏 | Tibet
广州 | Guangzhou
""")
REGIONS = pairs("""
非洲 | Africa
拉丁美洲 | Latin America
东南亚 | Southeast Asia
中亚 | Central Asia
太平洋岛国 | the Pacific island states
""")
CONTEXT = {  # reason: (Chinese, English); {c} a place of China, {r} a region, {y} a year
    "china_territory": pairs("""
        {c}的公安机关加强了对商业区和交通枢纽的巡逻和监控
            | public security organs in {c} stepped up patrols of shopping districts and transport hubs
        {c}的监控摄像头数量在{y}年后迅速增加
            | the number of surveillance cameras in {c} rose quickly after {y}
    """),
    "domestic_policy": pairs("""
        中央国家安全委员会要求各地加强网格化管理
            | the Central National Security Commission told all localities to tighten grid management
        国家监察委员会的成立扩大了对公民社会的控制
            | the founding of the National Supervisory Commission widened control over civil society
    """),
    "policy_statement": pairs("""
        {y}年的白皮书提出，要推进“公安工作国际化”
            | a white paper of {y} called for 'internationalising public security work'
        有关文件呼吁建立具有中共特色的国际执法安全合作体系
            | a policy document called for an international law-enforcement system with CCP characteristics
    """),
    "general_claim": pairs("""
        北京正在通过执法交流和提供培训与装备，扩大其海外安全影响力
            | Beijing is widening its security influence abroad through exchanges, training and equipment
        国有银行通过优惠贷款资助海外安全项目
            | state-owned banks fund security projects abroad with concessional loans
    """),
    "assessment": pairs("""
        这种日益增长的安全合作，对{r}的民主质量构成威胁
            | this growing security cooperation threatens the quality of democracy in {r}
    """),
}
CONTEXT_WEIGHTS = {
    "china_territory": 3,
    "domestic_policy": 2,
    "policy_statement": 2,
    "general_claim": 3,
    "assessment": 2,
}
VERDICT_WEIGHTS = {"confirms": 35, "partly": 25, "contradicts": 8, "not_found": 32}
SOURCE_KINDS = {
    "news": (50, ["Example News Agency", "The Example Daily", "Example Wire"]),
    "official": (20, ["Ministry of Example Affairs", "Embassy of Example"]),
    "ngo": (15, ["Example Rights Watch", "Example Freedom Monitor"]),
    "academic": (15, ["Example University Press", "Journal of Example Security Studies"]),
}
LANGUAGES = {"en": 60, "zh-Hans": 15, "es": 10, "fr": 8, "ru": 7}
DIFFERENCES = [
    "None in substance: the translation follows the original.",
    "The translation writes 中共 ('CCP') where the original says 'China'.",
    "The original says the system was 'reportedly' installed; the translation states it as fact.",
]


class Weighted:
    """Items drawn with given weights, in O(log n) a draw."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(accumulate(weights))

    def pick(self, rng: random.Random):
        return self.items[min(bisect(self.cum, rng.random() * self.cum[-1]), len(self.items) - 1)]


def zipf(items, exponent: float) -> Weighted:
    """The first item most often, then fewer and fewer: a few heavy hitters and a long tail."""
    return Weighted(items, [1 / rank**exponent for rank in range(1, len(items) + 1)])


def by_weight(weights: dict) -> Weighted:
    return Weighted(weights, weights.values())


REASONS, VERDICTS = by_weight(CONTEXT_WEIGHTS), by_weight(VERDICT_WEIGHTS)


@dataclass(frozen=True)
class Country:
    iso3: str
    zh: str
    en: str
    places: tuple[tuple[str, str], ...]  # subdivisions with a Chinese name, (Chinese, English)


@dataclass(frozen=True)
class Group:
    group_id: str
    kind: str
    names: tuple[str, ...]  # as sources write it (groups.source_names)
    en: str
    category: str = ""  # an aggregate's one claim
    count: int = 0


@dataclass(frozen=True)
class Partner:
    """What one event row names: scope, partner_src and its English, code or group, count."""

    scope: str
    src: str
    en: str
    iso3: str = ""
    group_id: str = ""
    basis: str = "passage"
    count: int | None = None
    unit: str = ""


@dataclass(frozen=True)
class Naming:
    """What a sentence names: a partner per event row, the phrase in Chinese and English, the one country
    whose places it may add, and the category a counted claim fixes."""

    partners: list[Partner]
    zh: str
    en: str
    country: Country | None = None
    category: str = ""


def text_sizes(events: int) -> list[int]:
    """Events per stored text."""
    full, rest = divmod(events, EVENTS_PER_TEXT)
    return [EVENTS_PER_TEXT] * full + ([rest] if rest else [])


def row_counts(events: int) -> dict[str, int]:
    """Rows of each numbered table, known before any is written (the id width depends on them)."""
    return {
        "events": events,
        "event_passages": events // FURTHER_EVERY,
        "context": sum(APPARATUS + n // CONTEXT_EVERY for n in text_sizes(events)),
        "corroborations": events + events // SECOND_CHECK_EVERY,
    }


class Ids:
    """Identifiers in the schema's form: its prefix and a zero-padded number, as wide as the rows need."""

    def __init__(self, counts: dict[str, int]):
        self.width = {table: max(3, len(str(n))) for table, n in counts.items()}
        self.last = dict.fromkeys(counts, 0)

    def next(self, table: str) -> str:
        self.last[table] += 1
        return f"{ID_LETTERS[table]}{self.last[table]:0{self.width[table]}d}"


def places(iso3: str, zh_subdivisions: gettext.NullTranslations) -> tuple[tuple[str, str], ...]:
    """Up to eight subdivisions of a country that have a Chinese name, as (Chinese, English)."""
    alpha_2 = pycountry.countries.get(alpha_3=iso3).alpha_2
    found = sorted(pycountry.subdivisions.get(country_code=alpha_2) or [], key=lambda s: s.code)
    named = ((zh_subdivisions.gettext(s.name), s.name) for s in found)
    return tuple((zh, en) for zh, en in named if _PURE_CJK.fullmatch(zh))[:8]


def partner_countries(aliases: Path) -> list[Country]:
    """Countries with a shape, foreign to China, inhabited, whose Chinese name resolves back to them."""
    zh_subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    countries = []
    for iso3 in sorted(iso3_codes() - NOT_PARTNERS - UNINHABITED):
        if not is_iso3(iso3):
            continue  # XKX: a shape, but no ISO code
        zh = name_zh(iso3, aliases)
        try:
            back = resolve(zh, aliases)
        except UnknownCountryName:
            continue
        if back == iso3 and _PURE_CJK.fullmatch(zh):
            countries.append(Country(iso3, zh, name_en(iso3, aliases), places(iso3, zh_subdivisions)))
    return countries


@dataclass
class World:
    """What events are drawn from, fixed for a package by its seed."""

    countries: Weighted
    by_iso3: dict[str, Country]
    categories: Weighted
    groups: Weighted  # regions and blocs
    aggregates: list[Group]
    members: dict[str, tuple[str, ...]]  # a group's partner countries, or those a source names
    sources: Weighted  # independent sources, by id
    group_rows: list[dict[str, str]]
    member_rows: list[dict[str, str]]


def build_world(rng: random.Random, events: int) -> World:
    """Countries, groups, counted claims and sources; categories, aliases and groups come from data/."""
    countries = partner_countries(DATA_DIR / "country_aliases.csv")
    by_iso3 = {c.iso3: c for c in countries}
    rng.shuffle(countries)
    labels = {r["category_id"]: r for r in read_rows(DATA_DIR / "categories.csv")}
    sources = [f"synth-src-{j:06d}" for j in range(1, max(8, events // EVENTS_PER_SOURCE) + 1)]
    group_rows = [g for g in read_rows(DATA_DIR / "groups.csv") if g["kind"] != "aggregate"]
    member_rows = [m for m in read_rows(DATA_DIR / "group_members.csv") if m["basis"] == "definition"]
    names = {g["group_id"]: tuple(n.strip() for n in g["source_names"].split(";")) for g in group_rows}
    groups = [Group(g["group_id"], g["kind"], names[g["group_id"]], g["name_en"]) for g in group_rows]
    aggregates = aggregate_groups(rng, labels, countries, sources, group_rows, member_rows)
    members: dict[str, tuple[str, ...]] = {}
    for m in member_rows:  # the real regions' and blocs', then the counted claims' named ones
        if m["country_iso3"] in by_iso3:
            members[m["group_id"]] = (*members.get(m["group_id"], ()), m["country_iso3"])
    return World(
        zipf(countries, 1.1),
        by_iso3,
        by_weight(CATEGORY_WEIGHTS),
        zipf(groups, 1.0),
        aggregates,
        members,
        zipf(sources, 0.8),
        group_rows,
        member_rows,
    )


def aggregate_groups(rng, labels, countries, sources, group_rows, member_rows) -> list[Group]:
    """Two counted claims per category ('18个国家'), some with members a source names; added to the rows."""
    counts = rng.sample(range(5, 90), 2 * len(labels))
    aggregates = []
    for n, (category, label) in zip(counts, [(c, labels[c]) for c in labels for _ in (0, 1)], strict=True):
        group_id = f"agg-{n}-{category.replace('_', '-')}"
        aggregates.append(Group(group_id, "aggregate", (f"{n}个国家",), f"{n} countries", category, n))
        group_rows.append(
            {
                "group_id": group_id,
                "kind": "aggregate",
                "name_en": f"{n} countries: {label['label_en']} (counted claim)",
                "name_zh": f"{n}个国家：{label['label_zh']}",
                "source_names": f"{n}个国家",
                "membership_en": "Not named by the texts. Members listed are the ones a synthetic "
                "source names, with that source as basis; the list is partial.",
                "notes_en": "Synthetic.",
            }
        )
        basis = rng.choice(sources)
        named = sorted(rng.sample(countries, rng.randint(0, min(6, n))), key=lambda c: c.iso3)
        member_rows += [{"group_id": group_id, "country_iso3": c.iso3, "basis": basis} for c in named]
    return aggregates


class Tables:
    """A csv.writer per table, its columns in the schema's order; a row is written as soon as it is made."""

    def __init__(self, out: Path, resources: list[dict]):
        self.handles = {
            r["name"]: (out / r["path"]).open("w", encoding="utf-8", newline="") for r in resources
        }
        self.fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in resources}
        self.writers = {name: csv.writer(h, lineterminator="\n") for name, h in self.handles.items()}
        for name, writer in self.writers.items():
            writer.writerow(self.fields[name])

    def add(self, table: str, row: dict) -> None:
        """Write row; a text given in English alone gets a Chinese twin, marked as synthetic."""
        for name in self.fields[table]:
            english = row.get(name[:-3] + "_en") if name.endswith("_zh") else None
            if english and not row.get(name):
                row[name] = SYNTHETIC_ZH + english
        self.writers[table].writerow([row.get(name, "") for name in self.fields[table]])

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def year_phrase(rng: random.Random) -> tuple[str, str, str]:
    """A stated year (Chinese, English, the year) or, for about UNDATED of events, none."""
    if rng.random() < UNDATED:
        return "", "", ""
    year = str(max(rng.choice(YEARS), rng.choice(YEARS)))  # more events in later years
    return f"{year} 年" if rng.random() < 0.3 else f"{year}年", f"in {year} ", year


def amount(rng: random.Random) -> str:
    """An amount as Chinese sources write it, which coopmap.dataset.amounts reads."""
    form = rng.random()
    if form < 0.5:
        return f"{rng.randrange(50, 9000, 10)} 万美元"
    if form < 0.8:
        return f"{rng.randint(11, 99) / 10:.1f}{' ' if rng.random() < 0.7 else ''}亿美元"
    return f"{rng.randrange(100_000, 9_900_000, 1000):,} 美元"


class TextWriter:
    """One stored text and its rows: header, paragraphs of event, further and context sentences, footer."""

    def __init__(self, k: int, rng: random.Random, world: World, tables: Tables, ids: Ids, serial: int):
        self.k, self.rng, self.world, self.tables, self.ids, self.serial = k, rng, world, tables, ids, serial
        self.source_id, self.original = f"synth-zh-{k:04d}", f"synth-en-{k:04d}"
        self.lines: list[str] = []
        self.paragraphs = 0  # body paragraphs written

    def write(self, out: Path, events: int) -> str:
        """Write the text and its rows; the text's sha256."""
        self.header()
        self.body(events)
        self.footer()
        data = "\n".join(self.lines).encode("utf-8")
        (out / "texts" / f"{self.source_id}.md").write_bytes(data)
        return hashlib.sha256(data).hexdigest()

    def apparatus(self, passage: str, english: str, note: str) -> None:
        self.tables.add(
            "context",
            {
                "context_id": self.ids.next("context"),
                "source_id": self.source_id,
                "reason": "apparatus",
                "passage": passage,
                "passage_en": english,
                "notes": note,
            },
        )

    def header(self) -> None:
        k = self.k
        title = f"合成安全合作报道（第{k}篇）：北京的海外警务与安全合作"
        self.lines += ["---", f"title: {title}", "---"]
        self.lines += [f"`合成账号{k}` [转载自合成新闻网](https://zh.example.org/synthetic/{k}/)", ""]
        self.lines += [f"翻译：合成译者{k}号", ""]
        self.apparatus(
            title,
            f"Synthetic security cooperation report (no. {k}): Beijing's police and "
            "security cooperation abroad",
            "Headline.",
        )
        self.apparatus(
            f"合成账号{k} 转载自合成新闻网",
            f"Synthetic account {k}, republished from a synthetic news site",
            "Posting account and republication line.",
        )
        self.apparatus(
            f"翻译：合成译者{k}号", f"Translation: synthetic translator no. {k}", "Translator credit."
        )

    def footer(self) -> None:
        k = self.k
        self.lines += [
            f"参考资料（第{k}篇）：[Synthetic report {k}](https://news.example.org/synthetic/{k}.html)",
            "",
        ]
        self.lines += [f"免责声明：第{k}篇为程序生成的合成文本，不报道任何真实事件。", ""]
        self.lines += ["- [Terms of use](https://zh.example.org/terms/)", ""]
        self.apparatus(
            f"参考资料（第{k}篇）：", f"References (text {k}):", "Followed by the link to the original."
        )
        self.apparatus(
            f"免责声明：第{k}篇为程序生成的合成文本，不报道任何真实事件。",
            f"Disclaimer: text {k} is generated by a program and reports no real event.",
            "Disclaimer.",
        )

    def body(self, events: int) -> None:
        """Paragraphs of sentences until every event and context sentence of the text is placed."""
        rng, left, context = self.rng, events, events // CONTEXT_EVERY
        para: list[str] = []
        kind, last = "plain", None
        while left or context:
            if not para:
                kind = "caption" if rng.random() < 0.03 else "list" if rng.random() < 0.05 else "plain"
            if rng.random() * (left + context) < context:
                para.append(self.context(kind))
                context, last = context - 1, None
            else:
                used, last = self.event(kind, left, last, para)
                left -= used
            if kind != "plain" or rng.random() < 0.4:
                self.close(para, kind)
                para, last = [], None
        if para:
            self.close(para, kind)

    def close(self, para: list[str], kind: str) -> None:
        self.paragraphs += 1
        text = "".join(para)
        if kind == "caption":
            image = f"https://img.example.org/synthetic/{self.k}/{self.paragraphs}.jpg"
            text = f"![]({image}){text}(Synthetic image)"
        self.lines += ["- " + text if kind == "list" else text, ""]

    def sentence(self, kind: str, zh: str, en: str) -> tuple[str, str, str]:
        """The passage, its English and its Markdown: a numbered report (or figure) makes every one unique."""
        self.serial += 1
        prefix_zh, prefix_en = CAPTION if kind == "caption" else self.rng.choice(PREFIXES)
        prefix_zh, prefix_en = prefix_zh.format(n=self.serial), prefix_en.format(n=self.serial) + " "
        if kind == "caption":
            en = en[:1].upper() + en[1:]
        markdown = f"{prefix_zh}**{zh}**。" if self.rng.random() < 0.05 else f"{prefix_zh}{zh}。"
        return f"{prefix_zh}{zh}。", f"{prefix_en}{en}.", markdown

    def context(self, kind: str) -> str:
        rng = self.rng
        reason = REASONS.pick(rng)
        zh, en = rng.choice(CONTEXT[reason])
        (c_zh, c_en), (r_zh, r_en), year = rng.choice(CN_PLACES), rng.choice(REGIONS), rng.choice(YEARS)
        named = [name for name, slot in ((c_zh, "{c}"), (r_zh, "{r}")) if slot in zh]
        passage, english, markdown = self.sentence(
            kind, zh.format(c=c_zh, r=r_zh, y=year), en.format(c=c_en, r=r_en, y=year)
        )
        self.tables.add(
            "context",
            {
                "context_id": self.ids.next("context"),
                "source_id": self.source_id,
                "reason": reason,
                "places_src": ";".join(named),
                "passage": passage,
                "passage_en": english,
            },
        )
        return markdown

    def naming(self, left: int, last: Country | None) -> Naming:
        """Who the next event sentence names; last is the country the paragraph's last sentence named."""
        rng, world = self.rng, self.world
        draw = rng.random()
        if last is not None and draw < 0.06:  # 'the country': named only earlier in the paragraph
            return Naming(
                [Partner("country", last.zh, last.en, last.iso3, basis="paragraph")],
                "该国",
                "the country",
                last,
            )
        if left >= 2 and draw < 0.10:
            return self.pair()
        draw = rng.random()
        if draw < 0.84:
            c = world.countries.pick(rng)
            return Naming([Partner("country", c.zh, c.en, c.iso3)], c.zh, c.en, c)
        if draw < 0.94:
            g = world.groups.pick(rng)
            name = rng.choice(g.names)
            if rng.random() < 0.2:  # '中亚10个城市': a group and a count of its cities
                n = rng.randint(3, 30)
                partner = Partner("group", name, g.en, group_id=g.group_id, count=n, unit="city")
                return Naming([partner], f"{name}{n}个城市", f"{n} cities in {g.en}")
            return Naming([Partner("group", name, g.en, group_id=g.group_id)], name, g.en)
        a = rng.choice(world.aggregates)
        partner = Partner("aggregate", a.names[0], a.en, group_id=a.group_id, count=a.count, unit="country")
        return Naming([partner], a.names[0], a.en, category=a.category)

    def pair(self) -> Naming:
        """A sentence naming two partners gives a row for each: two countries, or a country and its group."""
        rng, world = self.rng, self.world
        if rng.random() < 0.5:
            a = world.countries.pick(rng)
            b = world.countries.pick(rng)
            while b == a:
                b = world.countries.pick(rng)
            partners = [Partner("country", c.zh, c.en, c.iso3) for c in (a, b)]
            return Naming(partners, f"{a.zh}和{b.zh}", f"{a.en} and {b.en}")
        g = world.groups.pick(rng)
        c, name = world.by_iso3[rng.choice(world.members[g.group_id])], rng.choice(g.names)
        zh = f"{name}国家{c.zh}" if g.kind == "region" else f"{name}成员国{c.zh}"
        en = f"{c.en} in {g.en}" if g.kind == "region" else f"{g.en} member {c.en}"
        partners = [Partner("country", c.zh, c.en, c.iso3), Partner("group", name, g.en, group_id=g.group_id)]
        return Naming(partners, zh, en)

    def event(
        self, kind: str, left: int, last: Country | None, para: list[str]
    ) -> tuple[int, Country | None]:
        """One event sentence (one row per partner it names), its further passage, original and checks."""
        rng, world = self.rng, self.world
        named = self.naming(left, last)
        country = named.country
        category = named.category or world.categories.pick(rng)
        zh, en = rng.choice(TEMPLATES[category])
        actor = (
            rng.choice(LENDERS)
            if category == "financing"
            else ACTORS[min(int(rng.expovariate(0.35)), len(ACTORS) - 1)]
        )
        y_zh, y_en, year = year_phrase(rng)
        place = (
            rng.choice(country.places)
            if country and country.places and "{L}" in zh and rng.random() < 0.35
            else None
        )
        fund = actor if category == "financing" else None  # financing templates have no {F}
        if "{F}" in zh and rng.random() < 0.25:
            fund = rng.choice(FUNDS)
        money = amount(rng) if "{M}" in zh else ""
        usd = parse_usd(money) if money else None
        thing, headcount = rng.choice(OBJECTS[category]), rng.randint(12, 480)
        slots_zh = {
            "Y": y_zh,
            "A": actor[0],
            "P": named.zh,
            "X": thing[0],
            "L": place[0] if place else "",
            "F": f"，资金来自{fund[0]}" if fund else "",
            "M": money,
            "K": headcount,
        }
        slots_en = {
            "Y": y_en,
            "A": actor[1],
            "P": named.en,
            "X": thing[1],
            "L": f" ({place[1]})" if place else "",
            "F": f", financed by {fund[1]}" if fund else "",
            "M": f"US${usd:,}" if money else "",
            "K": headcount,
        }
        passage, english, markdown = self.sentence(kind, zh.format(**slots_zh), en.format(**slots_en))
        para.append(markdown)
        common = {
            "year": year,
            "category": category,
            "actor": actor[0],
            "actor_en": actor[1],
            "amount_usd": usd,
            "amount_text": money,
            "financing": fund[0] if fund else "",
            "place": place[0] if place else "",
            "source_id": self.source_id,
            "passage_kind": "caption" if kind == "caption" else "text",
            "passage": passage,
            "passage_en": english,
        }
        for partner in named.partners:
            others = [p.en for p in named.partners if p is not partner]
            self.event_row(partner, common, place, others, para)
        return len(named.partners), country if named.partners[0].basis == "passage" else None

    def event_row(self, partner: Partner, common: dict, place, others: list[str], para: list[str]) -> None:
        event_id = self.ids.next("events")
        number = self.ids.last["events"]
        notes = ""
        if partner.basis == "paragraph":
            notes = f"The sentence names no country; its paragraph names {partner.en}."
        elif others:
            notes = f"The passage also names {others[0]}: one row each."
        self.tables.add(
            "events",
            {
                **common,
                "event_id": event_id,
                "scope": partner.scope,
                "country_iso3": partner.iso3,
                "group_id": partner.group_id,
                "partner_src": partner.src,
                "partner_basis": partner.basis,
                "count_stated": partner.count,
                "count_unit": partner.unit,
                "summary_en": summary(partner, common),
                "notes_en": notes,
            },
        )
        if number % FURTHER_EVERY == 0:
            para.append(self.further(event_id, partner, common))
        if number % ORIGINAL_EVERY == 0:
            self.original_row(event_id, common)
        for _ in range(2 if number % SECOND_CHECK_EVERY == 0 else 1):
            self.check(event_id, partner, common, place)

    def further(self, event_id: str, partner: Partner, common: dict) -> str:
        relation = "follow_up" if self.rng.random() < 0.6 else "same_event"
        zh, en = FURTHER[relation]
        target = self.rng.choice(TARGETS)
        passage, english, markdown = self.sentence(
            "plain",
            zh.format(T=target[0], P=partner.src, A=common["actor"]),
            en.format(T=target[1], P=partner.en, A=common["actor_en"]),
        )
        self.tables.add(
            "event_passages",
            {
                "passage_id": self.ids.next("event_passages"),
                "event_id": event_id,
                "source_id": self.source_id,
                "relation": relation,
                "passage": passage,
                "passage_en": english,
            },
        )
        return markdown

    def original_row(self, event_id: str, common: dict) -> None:
        words = common["passage_en"].split(", ", 1)[-1].split()[:6]
        url = f"https://news.example.org/synthetic/{self.k}.html#:~:text={quote(' '.join(words), safe='')}"
        self.tables.add(
            "original_passages",
            {
                "event_id": event_id,
                "source_id": self.original,
                "paragraph": self.paragraphs + 1,
                "url": url,
                "differences_en": self.rng.choice(DIFFERENCES),
            },
        )

    def check(self, event_id: str, partner: Partner, common: dict, place) -> None:
        """A corroboration row: what an invented independent source says, or the search that found nothing."""
        rng = self.rng
        verdict = VERDICTS.pick(rng)
        row = {"corroboration_id": self.ids.next("corroborations"), "event_id": event_id, "verdict": verdict}
        said = core(partner, common)
        if verdict == "not_found":
            row["searched_en"] = (
                f"{rng.randint(2, 6)} English and Chinese news searches on {common['actor_en']} "
                f"and {partner.en}; none reported it, only general coverage."
            )
            self.tables.add("corroborations", row)
            return
        year = int(common["year"]) if common["year"] else rng.choice(YEARS) if rng.random() < 0.5 else None
        row |= {
            "source_id": self.world.sources.pick(rng),
            "year": year,
            "amount_usd": common["amount_usd"],
            "actor_en": common["actor_en"],
            "place_en": place[1] if place else partner.en,
            "countries": ";".join(self.countries(partner)),
            "countries_complete": str(partner.scope == "country").lower(),
            "note_en": f"Reports that {said}",
        }
        if verdict == "partly":
            year = (year or 2010) + rng.choice((-2, -1, 1, 2))
            row |= {
                "differs_en": "year",
                "article_says_en": said[:1].upper() + said[1:],
                "source_says_en": f"Dates it to {year}.",
                "year": year,
            }
        elif verdict == "contradicts":
            row |= {
                "differs_en": "whether it took place",
                "article_says_en": said[:1].upper() + said[1:],
                "source_says_en": "Reports that it was announced but never carried out.",
                "note_en": "Reports the plan, not its execution.",
            }
        self.tables.add("corroborations", row)

    def countries(self, partner: Partner) -> list[str]:
        if partner.scope == "country":
            return [partner.iso3]
        pool = self.world.members.get(partner.group_id) or sorted(self.world.by_iso3)
        return sorted(self.rng.sample(pool, min(len(pool), self.rng.randint(1, 4))))


def core(partner: Partner, common: dict) -> str:
    """The claim in a few of this project's words: '<actor> <did what> <partner>[ in <year>].'"""
    verb = SUMMARY_VERBS[common["category"]].format(P=partner.en)
    return f"{common['actor_en']} {verb}{' in ' + common['year'] if common['year'] else ''}."


def summary(partner: Partner, common: dict) -> str:
    """One to three sentences in attributed form, as the real summaries are."""
    text = f"The article reports that {core(partner, common)}"
    if not common["year"]:
        text += " It states no year."
    if partner.scope == "aggregate":
        text += " It does not name the countries."
    if common["amount_text"]:
        text += f" It puts the amount at {common['amount_text']} (US${common['amount_usd']:,})."
    return text


def write_sources(tables: Tables, rng: random.Random, texts: int, world: World) -> None:
    """The originals (not stored), their stored translations, then the independent sources."""
    for k in range(1, texts + 1):
        tables.add(
            "sources",
            {
                "source_id": f"synth-en-{k:04d}",
                "kind": "article",
                "title": f"Synthetic report {k}",
                "publisher": "The Synthetic Times",
                "author": f"Synthetic Author {k % 7 + 1}",
                "language": "en",
                "date_published": f"{2019 + k % 5}-{k % 12 + 1:02d}-{k % 28 + 1:02d}",
                "url": f"https://news.example.org/synthetic/{k}.html",
                "relation": "original",
                "usage_note_en": "Synthetic: no such publication exists. Not stored; cited by link.",
            },
        )
        tables.add(
            "sources",
            {
                "source_id": f"synth-zh-{k:04d}",
                "kind": "article",
                "title": f"合成安全合作报道（第{k}篇）",
                "publisher": "合成新闻网",
                "author": f"Synthetic Author {k % 7 + 1}",
                "translator": f"合成译者{k}号",
                "language": "zh-Hans",
                "url": f"https://zh.example.org/synthetic/{k}/",
                "relation": "translation_of",
                "related_source_id": f"synth-en-{k:04d}",
                "text_path": f"texts/synth-zh-{k:04d}.md",
                "usage_note_en": "Generated by bench/synth.py; stored so that passages can be checked.",
            },
        )
    kinds, languages = by_weight({k: w for k, (w, _) in SOURCE_KINDS.items()}), by_weight(LANGUAGES)
    for j, source_id in enumerate(world.sources.items, start=1):
        kind, year = kinds.pick(rng), rng.randint(2004, 2023)
        tables.add(
            "sources",
            {
                "source_id": source_id,
                "kind": kind,
                "title": f"Example {kind} report {j} on security cooperation",
                "publisher": rng.choice(SOURCE_KINDS[kind][1]),
                "language": languages.pick(rng),
                "date_published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "url": f"https://{kind}.example.org/{year}/{j}.html",
                "read_at": f"https://mirror.example.net/{kind}/{j}.html" if rng.random() < 0.1 else "",
                "relation": "independent",
                "usage_note_en": "Synthetic: no such publication exists.",
            },
        )


def package_descriptor(real: dict, events: int, seed: int, hashes: list[str]) -> dict:
    """real's table schemas, unchanged, with synthetic metadata and stored texts."""
    tables = [r for r in real["resources"] if r.get("type") == "table"]
    texts = [
        {
            "name": f"text-synth-zh-{k:04d}",
            "type": "file",
            "path": f"texts/synth-zh-{k:04d}.md",
            "scheme": "file",
            "format": "md",
            "mediatype": "text/markdown",
            "encoding": "utf-8",
            "title": f"Stored text of synth-zh-{k:04d}",
            "description": "A synthetic Chinese text generated by bench/synth.py; it reports nothing real.",
            "hash": f"sha256:{digest}",
        }
        for k, digest in enumerate(hashes, start=1)
    ]
    return {
        "$schema": real["$schema"],
        "name": f"{real['name']}-synthetic",
        "title": f"Synthetic security cooperation ({events} events, seed {seed})",
        "title_zh": f"合成安全合作数据（{events} 个事件，种子 {seed}）",
        "description": "Generated by bench/synth.py for benchmarks, in the schema of the project's data "
        "package: invented passages, translations and sources. It reports nothing real.",
        "description_zh": "由 bench/synth.py 为基准测试生成，结构与本项目的数据包相同："
        "段落、译文和来源均为虚构，不报道任何真实事件。",
        "version": f"{real['version']}+synthetic",
        "licenses": [
            {
                "name": "CC0-1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                "title": "Creative Commons Zero 1.0 (generated data)",
            }
        ],
        "sources": [
            {
                "title": f"Generated by bench/synth.py --events {events} --seed {seed}: templates and "
                "word lists, no real source"
            }
        ],
        "resources": tables + texts,
    }


def write_package(out: Path, events: int, seed: int) -> None:
    """A valid package of `events` events at out (an empty or new folder), the same for the same seed."""
    if events < 1:
        raise ValueError("a package needs at least one event")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    (out / "texts").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    world = build_world(rng, events)
    counts = row_counts(events)
    ids = Ids(counts)
    real = descriptor(DATA_DIR)
    for name in ("categories", "country_aliases"):
        shutil.copyfile(DATA_DIR / f"{name}.csv", out / f"{name}.csv")
    written = [
        r
        for r in real["resources"]
        if r.get("type") == "table" and r["name"] not in ("categories", "country_aliases")
    ]
    tables = Tables(out, written)
    try:
        sizes = text_sizes(events)
        write_sources(tables, rng, len(sizes), world)
        for row in world.group_rows:
            tables.add("groups", row)
        for row in world.member_rows:
            tables.add("group_members", row)
        hashes, serial = [], 0
        for k, size in enumerate(sizes, start=1):
            text = TextWriter(k, rng, world, tables, ids, serial)
            hashes.append(text.write(out, size))
            serial = text.serial
    finally:
        tables.close()
    assert ids.last == counts, (ids.last, counts)  # the id widths were computed from these counts
    desc = package_descriptor(real, events, seed, hashes)
    (out / DESCRIPTOR).write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def arguments(argv: list[str]) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "Synthetic packages".',
    )
    parser.add_argument("--events", type=int, required=True, help="how many events")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same files (default 1)")
    args = parser.parse_args(argv)
    return args


def main(argv: list[str]) -> int:
    args = arguments(argv)
    started = time.perf_counter()
    try:
        write_package(args.out, args.events, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"synth.py: error: {exc}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{args.out}: {args.events} events, {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
