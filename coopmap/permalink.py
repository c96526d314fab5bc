"""The dashboard's view in its URL: the filters and the focused country, as short stable codes.
A link may be edited by hand or made for older data, so reading one never fails: a bad part is dropped with
a notice, the rest kept; however long the link, reading it is linear and its notices are bounded."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

from coopmap.dataset.countries import is_iso3
from coopmap.dataset.status import STATUSES
from coopmap.filters import SCOPES, Filters
from coopmap.i18n import LANGUAGES, listing, t

KEYS = ("country", "from", "to", "undated", "verdict", "category", "actor", "scope", "q", "event")
KEYS += ("sourceyears", "groups", "lang", "tab")
TABS = ("map", "timeline", "table")  # what the chart frame shows; a link with an event opens the table
LEGACY = ("focus", "confirmed")  # older links: focus=IRN opens a country, confirmed=1 a verdict
ECHO_LIMIT = 40
SHOWN = 3  # a notice quotes this many of the values it ignored, and counts the rest
SEARCH_LIMIT = 200
_YEAR = re.compile(r"[0-9]{1,4}")  # ASCII digits only: str.isdigit and int() also take '٣'
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Quoted:
    """Values a notice quotes back: the first SHOWN, echoed, and how many more there were."""

    shown: tuple[str, ...]
    more: int = 0

    @classmethod
    def of(cls, values: Collection[str]) -> Quoted:
        return cls(tuple(_echo(v) for v in islice(values, SHOWN)), max(len(values) - SHOWN, 0))

    def text(self, lang: str) -> str:
        quoted = listing(lang, (t(lang, "notice.quote", value=value) for value in self.shown))
        return t(lang, "notice.and_more", values=quoted, n=self.more) if self.more else quoted


class Notice(str):
    """A notice about a link, as English text, that also keeps its code and values for other languages."""

    def __new__(cls, code: str, **values: object) -> Notice:
        notice = super().__new__(cls, _notice_text("en", code, values))
        notice.code, notice.values = code, values
        return notice

    def text(self, lang: str) -> str:
        return _notice_text(lang, self.code, self.values)


def _notice_text(lang: str, code: str, values: Mapping[str, object]) -> str:
    shown = {key: value.text(lang) if isinstance(value, Quoted) else value for key, value in values.items()}
    return t(lang, f"notice.{code}", **shown)


def _ignored(code: str, values: Collection[str]) -> Notice:
    """One notice for every value of one kind that a part of the link holds and the view ignores."""
    return Notice(f"{code}_{'one' if len(values) == 1 else 'many'}", values=Quoted.of(values))


@dataclass(frozen=True)
class Parsed:
    """The view a link asks for, and its notices: one for each key and kind of problem, saying what
    was ignored or changed."""

    filters: Filters
    event: str | None
    notices: tuple[Notice, ...]
    source_years: bool = False  # timeline: undated events at the year an independent source gives
    lang: str = "en"
    tab: str = "map"
    groups: bool = True  # map: members of the groups a claim names shaded as context


def _echo(value: str) -> str:
    """A value quoted back to the user: printable, and short enough for one line."""
    if len(value) > ECHO_LIMIT:  # cut first: a value may be a link's whole 500,000 characters
        value = value[: ECHO_LIMIT - 1] + "…"
    return "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in value)


def _last(value: str | Sequence[str]) -> str:
    """st.query_params keeps the last value of a repeated key; a list given here is read the same way."""
    if isinstance(value, str):
        return value
    return value[-1] if value else ""


def _upper_ascii(item: str) -> str:
    # Only ASCII is upper-cased: 'ı'.upper() is 'I', so 'ırn' would otherwise pass as IRN.
    return item.upper() if item.isascii() else item


def _listed(
    key: str,
    text: str,
    valid: Iterable[str],
    notices: list[Notice],
    normalise: Callable[[str], str] = str,
) -> tuple[str, ...]:
    """A list's valid values, sorted; one notice for its unknown values and one for its duplicates."""
    valid = frozenset(valid)
    kept: dict[str, None] = {}  # dicts as ordered sets: each item is looked up in constant time
    unknown: dict[str, None] = {}
    repeated: dict[str, None] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        value = normalise(item)
        if value in kept:
            repeated[item] = None
        elif value in valid:
            kept[value] = None
        else:
            unknown[item] = None
    if unknown:
        notices.append(_ignored(f"not_{key}", unknown))
    if repeated:
        notices.append(Notice("duplicate", key=key, values=Quoted.of(repeated)))
    return tuple(sorted(kept))


def _year(key: str, text: str, notices: list[Notice]) -> int | None:
    text = text.strip()
    if _YEAR.fullmatch(text):
        return int(text)
    if text:
        notices.append(Notice("not_year", key=key, value=_echo(text)))
    return None


def _in_range(key: str, year: int, bounds: tuple[int, int], notices: list[Notice]) -> int:
    """A year outside the dataset's is ignored, as other bad parts are: "from=2030" shows every year."""
    first, last = bounds
    if first <= year <= last:
        return year
    notices.append(Notice("out_of_range", key=key, year=year, first=first, last=last))
    return first if key == "from" else last


def _years(values: dict[str, str], bounds: tuple[int, int], notices: list[Notice]) -> tuple[int, int] | None:
    low, high = _year("from", values.get("from", ""), notices), _year("to", values.get("to", ""), notices)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        notices.append(Notice("reversed", low=low, high=high))
        low, high = high, low
    return (
        bounds[0] if low is None else _in_range("from", low, bounds, notices),
        bounds[1] if high is None else _in_range("to", high, bounds, notices),
    )


def _flag(key: str, text: str, default: bool | None, notices: list[Notice]) -> bool | None:
    text = text.strip()
    if text not in ("", "0", "1"):
        notices.append(Notice("not_flag", key=key, value=_echo(text)))
        return default
    return default if text == "" else text == "1"


def _focus(text: str, countries: Collection[str], notices: list[Notice]) -> tuple[str, ...]:
    """An older link's open country, which now is the country chosen."""
    text = text.strip()
    code = _upper_ascii(text)
    if code in countries:
        return (code,)
    if _ISO3.fullmatch(code) and is_iso3(code):
        notices.append(Notice("no_shape", value=_echo(text)))
    elif text:
        notices.append(Notice("not_code", value=_echo(text)))
    return ()


def _event(text: str, events: Collection[str], notices: list[Notice]) -> str | None:
    text = text.strip()
    if text.upper() in events:
        return text.upper()
    if text:
        notices.append(Notice("not_event", value=_echo(text)))
    return None


def _search(text: str, notices: list[Notice]) -> str:
    if hidden := sum(not c.isprintable() and not c.isspace() for c in text):
        notices.append(Notice("control_search", n=hidden))
    words = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if len(words) > SEARCH_LIMIT:
        notices.append(Notice("long_search", limit=SEARCH_LIMIT))
    return words[:SEARCH_LIMIT].rstrip()


def parse(
    params: Mapping[str, str | Sequence[str]],
    *,
    countries: Collection[str],
    categories: Collection[str],
    actors: Collection[str],
    year_bounds: tuple[int, int],
    events: Collection[str] = (),
) -> Parsed:
    """The view a link's query parameters ask for; never raises, whatever the link holds.

    Lists come back sorted and without duplicates, so two links for the same view give
    equal Filters. countries are every country the map can show, reported or not. Older
    links keep working: focus=IRN chooses Iran, confirmed=1 asks for confirmed events.
    """
    notices: list[Notice] = []
    values: dict[str, str] = {}
    unknown: dict[str, None] = {}
    for key, value in params.items():
        if key in KEYS or key in LEGACY:
            values[key] = _last(value)
            if not isinstance(value, str) and len(value) > 1:
                notices.append(Notice("repeated", key=key, n=len(value), value=_echo(values[key])))
        else:
            unknown[key] = None
    if unknown:
        notices.append(_ignored("unknown_param", unknown))
    chosen = _listed("country", values.get("country", ""), countries, notices, _upper_ascii)
    chosen = tuple(sorted({*chosen, *_focus(values.get("focus", ""), countries, notices)}))
    statuses = _listed("verdict", values.get("verdict", ""), STATUSES, notices)
    if _flag("confirmed", values.get("confirmed", ""), False, notices):
        statuses = tuple(sorted({*statuses, "confirmed"}))
    filters = Filters(
        countries=chosen,
        years=_years(values, year_bounds, notices),
        include_undated=_flag("undated", values.get("undated", ""), None, notices),
        statuses=tuple(s for s in STATUSES if s in statuses),
        categories=_listed("category", values.get("category", ""), categories, notices),
        actors=_listed("actor", values.get("actor", ""), actors, notices),
        scopes=_listed("scope", values.get("scope", ""), SCOPES, notices),
        search=_search(values.get("q", ""), notices),
    )
    source_years = bool(_flag("sourceyears", values.get("sourceyears", ""), False, notices))
    event = _event(values.get("event", ""), events, notices)
    lang = _lang(values.get("lang", ""), notices)
    tab = _tab(values.get("tab", ""), event, notices)
    groups = bool(_flag("groups", values.get("groups", ""), True, notices))
    return Parsed(filters, event, tuple(notices), source_years, lang, tab, groups)


def _lang(text: str, notices: list[Notice]) -> str:
    text = text.strip()
    if text and text not in LANGUAGES:
        notices.append(Notice("not_lang", value=_echo(text)))
    return text if text in LANGUAGES else "en"


def _tab(text: str, event: str | None, notices: list[Notice]) -> str:
    text = text.strip()
    if text and text not in TABS:
        notices.append(Notice("not_tab", value=_echo(text), tabs=", ".join(TABS)))
    return text if text in TABS else default_tab(event)


def default_tab(event: str | None) -> str:
    """The table when a link opens an event (older links have no tab), else the map."""
    return "table" if event else "map"


def encode(
    filters: Filters,
    event: str | None = None,
    source_years: bool = False,
    lang: str = "en",
    tab: str = "map",
    groups: bool = True,
) -> dict[str, str]:
    """The query parameters of a view, defaults left out, so the same view always gives the same link.

    Values are joined with commas; the dataset's codes and actor names contain none.
    """
    params: dict[str, str] = {}
    if filters.countries:
        params["country"] = ",".join(sorted(set(filters.countries)))
    if filters.years is not None:
        params["from"], params["to"] = (str(year) for year in filters.years)
    if filters.undated_shown != (filters.years is None):
        params["undated"] = "1" if filters.undated_shown else "0"
    for key, chosen in (
        ("verdict", filters.statuses),
        ("category", filters.categories),
        ("actor", filters.actors),
        ("scope", filters.scopes),
    ):
        if chosen:
            params[key] = ",".join(sorted(set(chosen)))
    if filters.search.strip():
        params["q"] = " ".join(filters.search.split())
    if event:
        params["event"] = event
    if source_years:
        params["sourceyears"] = "1"
    if not groups:
        params["groups"] = "0"
    if lang != "en":
        params["lang"] = lang
    if tab != default_tab(event):
        params["tab"] = tab
    return params
