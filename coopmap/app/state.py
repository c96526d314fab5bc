"""The page's state in one object, its conversions to and from the URL and the widgets, and what each
widget's callback does to it. A year range is Filters.years, converted by filters.narrowed and widened."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from coopmap import permalink
from coopmap.dataset.status import STATUSES
from coopmap.filters import Filters, narrowed, widened
from coopmap.permalink import Notice

# Session-state keys of the widgets that hold the view, each named as the page's widget is keyed.
WIDGETS = ("countries", "years", "undated", "verdicts", "categories", "actors", "scopes", "search")
PAGE = {"timeline_notice": None}  # the page's own state, reset with the filters
Session = MutableMapping[str, object]  # st.session_state, or a dict in tests


@dataclass(frozen=True)
class View:
    """What the reader asked to see: the filters, the open event, the language, placed years."""

    filters: Filters = field(default_factory=Filters)
    event: str | None = None
    lang: str = "en"
    source_years: bool = False
    tab: str = "map"
    groups: bool = True  # the map's context shading of group members

    def __post_init__(self) -> None:
        # One form per view: whether undated events show is always stated, never left to the year range.
        if self.filters.include_undated is None:
            object.__setattr__(
                self, "filters", replace(self.filters, include_undated=self.filters.undated_shown)
            )

    def widget_values(self, span: tuple[int, int]) -> dict[str, object]:
        """The widgets' session-state values showing this view (the slider always holds a span)."""
        f = self.filters
        return {
            "countries": list(f.countries),
            "years": widened(f.years, span),
            "undated": f.undated_shown,
            "verdicts": list(f.statuses),
            "categories": list(f.categories),
            "actors": list(f.actors),
            "scopes": list(f.scopes),
            "search": f.search,
            "event": self.event,
            "lang": self.lang,
            "source_years": self.source_years,
            "tab": self.tab,
            "show_groups": self.groups,
        }

    @classmethod
    def from_widgets(cls, values: Mapping[str, object], span: tuple[int, int]) -> View:
        """The view the widgets' session-state values show."""
        filters = Filters(
            countries=tuple(values["countries"]),
            years=narrowed(tuple(values["years"]), span),
            include_undated=bool(values["undated"]),
            statuses=tuple(s for s in STATUSES if s in values["verdicts"]),
            categories=tuple(values["categories"]),
            actors=tuple(values["actors"]),
            scopes=tuple(values["scopes"]),
            search=str(values["search"]),
        )
        return cls(
            filters,
            values.get("event"),
            str(values.get("lang", "en")),
            bool(values.get("source_years")),
            str(values.get("tab") or "map"),
            bool(values.get("show_groups", True)),
        )

    def url(self, shown_events: Collection[str] = ()) -> dict[str, str]:
        """The link's query parameters; the open event only while the filters show it."""
        event = self.event if self.event in shown_events else None
        return permalink.encode(self.filters, event, self.source_years, self.lang, self.tab, self.groups)


VIEW_KEYS = tuple(View().widget_values((0, 0)))  # the session keys that hold a view


def from_url(
    params: Mapping[str, str | Sequence[str]],
    *,
    countries: Collection[str],
    categories: Collection[str],
    actors: Collection[str],
    span: tuple[int, int],
    events: Collection[str],
) -> tuple[View, tuple[Notice, ...]]:
    """The view a link asks for, and a notice for each part of it that was ignored or changed."""
    parsed = permalink.parse(
        params, countries=countries, categories=categories, actors=actors, year_bounds=span, events=events
    )
    filters = replace(parsed.filters, years=narrowed(parsed.filters.years, span))
    view = View(filters, parsed.event, parsed.lang, parsed.source_years, parsed.tab, parsed.groups)
    return view, parsed.notices


def query_string(params: Mapping[str, str]) -> str:
    """A link's query as typed in an address bar: '?country=ECU,IRN&q=ZTE+camera', or '' for none."""
    return "?" + urlencode(params, safe=",") if params else ""


# What each widget's callback does to the session, before the page is drawn again.


def start(
    session: Session,
    view: View,
    notices: tuple[Notice, ...],
    span: tuple[int, int],
    held: Collection[str] = (),
) -> None:
    """A session's first run: the link's view, its notices, and the page's own state.

    Started again as the package changes under an open page, it keeps what the address was last given,
    so the reader's change in that run is a new entry of the browser's history like any other. held: the
    widgets whose values the browser sent with this run; they keep them (see arrive).
    """
    # The year slider is a range only when given one: its value is always set.
    kept = [key for key in VIEW_KEYS if key in held and key != "years"]
    session.update(
        {key: value for key, value in view.widget_values(span).items() if key not in kept},
        **PAGE,
        notices=list(notices),
        linked=view,
        restoring=kept,
        resets=0,
        year_moves=0,
        in_address=session.get("in_address"),
    )


def arrive(
    session: Session,
    serial: int,
    asked: Mapping[str, str | Sequence[str]],
    read: Callable[[Mapping], tuple[View, tuple[Notice, ...]]],
    span: tuple[int, int],
    history: bool,
    held: Collection[str] = (),
) -> bool:
    """Before a run draws the page: the view a link asks for on a session's first run (read checks it
    against the package); the view as the reader left it when a new version of the package (serial)
    came meanwhile; the address's view after Back or Forward (history).

    A page open while the server restarted wakes a new session with the reader's first tap, whose run
    brings every widget's value (held): those stay as the reader left them, the tap included, and the
    page is to run again once they are drawn (True), as only then does the session hold them. A tap on
    the map had no callback to call in the new session: the page notes its country (WOKEN) for that run.
    """
    if session.get("package_serial") != serial:
        if "package_serial" in session:  # the package changed under an open page: the view as it is
            now = current(session, span)
            asked = now.url([now.event])
            held = ()
        start(session, *read(asked), span, held)
        session["package_serial"] = serial
        return bool(held)
    session["restoring"] = []
    country_clicked(session, session.pop(WOKEN, None))
    if history:
        returned(session, read(asked)[0], span)
    return False


WOKEN = "woken_by_map"  # the country a map tap chose as it woke a page open through a restart (see arrive)
RETURNED = "returned"  # in_address after Back or Forward: the browser holds the view's address already


def returned(session: Session, view: View, span: tuple[int, int]) -> None:
    """Back or Forward took the browser to an address of this page: the page shows that address's view.

    The address is one this page wrote, and stays as it is: neither pushed nor put in place again,
    as Back pressed again before this run's answer arrived would take the browser to another entry.
    The map fits the view afresh; a view that is the one shown (#passages came or went, or Forward
    undid a Back not yet answered) keeps the page as it is.
    """
    session["in_address"] = RETURNED
    if view == current(session, span):
        return
    for key, value in {**view.widget_values(span), **PAGE}.items():
        session[key] = value  # one by one: AppTest's session state has no update()
    session["resets"] += 1


def addressed(session: Session, wanted: Mapping[str, str]) -> str:
    """How the browser's address is to follow the view whose link is wanted, noted as done.

    "push" when the reader changed the view, so Back returns to the one before; "replace" when a
    link's first view is to be put in place of its address, so opening a link adds no entry; "" when
    the address shows the view already, or Back or Forward brought it there.
    """
    written, session["in_address"] = session["in_address"], dict(wanted)
    if written is None:
        return "replace"
    return "push" if written not in (wanted, RETURNED) else ""


def notices(session: Session, view: View) -> list[Notice]:
    """The link's notices while the view is the one it opened, in any language and on any tab; the
    reader's first change of it dismisses them for good, so no later rerun sends them again."""
    linked = session["linked"]
    if session["notices"] and replace(view, lang=linked.lang, tab=linked.tab) != linked:
        session["notices"] = []
    return session["notices"]


def current(session: Session, span: tuple[int, int]) -> View:
    """The view the widgets show now. On a restored page's first run (see arrive) the widgets the browser
    holds show the address's view, as the page did: drawn so, with the same labels, they take the values
    the browser sent, which a label changed by the tap (the language) would lose."""
    if not (restoring := session.get("restoring")):
        return View.from_widgets(session, span)
    linked = session["linked"].widget_values(span)
    values = {key: linked[key] if key in restoring else session[key] for key in VIEW_KEYS}
    return View.from_widgets(values, span)


def reset(session: Session, span: tuple[int, int]) -> None:
    """Every filter back to the first view, the link's notices gone; the language, the tab, the placed years
    and the groups stay."""
    kept = View(
        lang=str(session["lang"]),
        source_years=bool(session["source_years"]),
        tab=str(session["tab"]),
        groups=bool(session["show_groups"]),
    )
    session.update(kept.widget_values(span), **PAGE, notices=[])
    session["resets"] += 1
    session["year_moves"] += 1


def dismiss_notices(session: Session) -> None:
    """The reader has read the link's notices: gone for good, whatever the view."""
    session["notices"] = []


def searched(session: Session, search: str) -> None:
    """A suggestion or the clear button sets the search box, as typing there would (before it is drawn)."""
    session["search"] = search


def years_changed(session: Session, span: tuple[int, int]) -> None:
    """A narrowed year range leaves out events of no stated year until the reader asks for them.

    The timeline forgets the bars clicked before (a new count of moves gives it a new key): a click
    on one of them chooses it again, and a shift-click spans from it no more."""
    session["undated"] = tuple(session["years"]) == tuple(span)
    session["timeline_notice"] = None
    session["year_moves"] += 1


ENDS = ("years_from", "years_to")  # the timeline's two year boxes: the sidebar's years, one end each


def year_ends(session: Session) -> dict[str, int]:
    """The timeline's year boxes showing the years chosen, however they were chosen."""
    low, high = session["years"]
    return {"years_from": low, "years_to": high}


def end_chosen(session: Session, span: tuple[int, int], end: str) -> None:
    """One end of the span chosen in its box, as the sidebar's slider would: the end chosen wins, and
    the other end follows it past it."""
    low, high = session["years_from"], session["years_to"]
    if low > high:
        low, high = (low, low) if end == "years_from" else (high, high)
    session["years"] = (low, high)
    years_changed(session, span)


def country_clicked(session: Session, code: str | None) -> None:
    """A click on the map chooses its country, as typing its name under Countries does."""
    if code:
        session["countries"] = [code]


@dataclass(frozen=True)
class YearPick:
    """What a click on the timeline asks for."""

    years: tuple[int, int] | None  # the years to choose; None keeps the current ones
    undated: bool | None  # show (True) or leave out (False) the undated events; None keeps the choice
    refused: int | None  # a year the year filter cannot hold (one only an independent source gives)


def year_pick(years: Sequence[int], undated: bool, span: tuple[int, int]) -> YearPick:
    """The bars clicked as a choice: stated years choose their span; a source's year is refused, never reset.

    Undated events come along only when their bar is among those clicked, or the whole span is chosen.
    """
    years = sorted(years)
    outside = [y for y in years if not span[0] <= y <= span[1]]
    if outside:
        return YearPick(None, None, outside[0])
    if years:
        chosen = (years[0], years[-1])
        return YearPick(chosen, undated or chosen == span, None)
    return YearPick(None, True if undated else None, None)


def bar_clicked(session: Session, years: Sequence[int], undated: bool, span: tuple[int, int]) -> None:
    """Bars choose their years; a year the article does not state (a source's) is refused visibly."""
    pick = year_pick(years, undated, span)
    session["timeline_notice"] = pick.refused
    if pick.years:
        session["years"] = pick.years
    if pick.undated is not None:
        session["undated"] = pick.undated


def row_picked(session: Session, rows: list[int], shown: list[str]) -> None:
    """A picked table row opens its event, and clearing the pick closes it (the table's callback).

    rows are the grid's picked row positions, shown the event ids in the table's order.
    """
    if not rows:
        session["event"] = None
    elif rows[0] < len(shown):
        session["event"] = shown[rows[0]]
