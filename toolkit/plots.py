"""Every matplotlib figure of the toolkit. Functions return a Figure and never call plt.show()."""

from __future__ import annotations

import warnings
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure


def finish(fig: Figure) -> Figure:
    """Lay out `fig` and detach it from pyplot, so a notebook shows it once (as the value returned) and
    a long session does not keep every figure alive."""
    fig.tight_layout()
    plt.close(fig)
    return fig


def nothing_to_draw(fig: Figure, ax: Any, message: str, *, own: bool = True) -> Figure:
    """A figure that says in words why it is empty (no data for it in this corpus), axes hidden; finished
    when this module made it (`own`), left to the caller otherwise."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return finish(fig) if own else fig


def configure_display() -> None:
    """Fix pandas display options and matplotlib settings so notebook outputs are stable and readable."""
    # Names in non-Latin scripts (a Hindi article's entities) have no glyph in the default font: the
    # boxes in the plot say so, a warning per figure adds nothing.
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    pd.set_option("display.max_rows", 30)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    pd.set_option("display.precision", 3)
    plt.rcParams.update(
        {
            "figure.figsize": (9, 4.5),
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 10,
            "svg.hashsalt": "toolkit",
        }
    )


# --- corpus overview -----------------------------------------------------------------------------


def core_range(values: pd.Series, *, quantile: float = 0.05, stretch: float = 0.5) -> tuple[object, object, int]:
    """The range an axis should span: from the `quantile` to the `1 - quantile` quantile of `values`,
    widened on each side by `stretch` times that spread, then shrunk to the values inside it. Returns
    `(low, high, outside)`, `outside` being how many values fall beyond it (one 2012 article in a 2019-2021
    corpus, a founding year decades back). Works on numbers and timestamps alike."""
    values = values.dropna().sort_values()
    if values.empty:
        return None, None, 0
    low_q, high_q = values.quantile(quantile), values.quantile(1 - quantile)
    spread = high_q - low_q
    inside = values[(values >= low_q - spread * stretch) & (values <= high_q + spread * stretch)]
    return inside.min(), inside.max(), int(len(values) - len(inside))


def articles_per_month(articles: pd.DataFrame) -> Figure:
    """Bar chart of how many articles fall in each month of publication (undated ones are counted apart).
    The axis spans the months where the articles are (`core_range`); the few far outside are counted in the
    title instead of stretching the axis over empty years."""
    dated = articles["published"].dropna()
    fig, ax = plt.subplots()
    if dated.empty:
        return nothing_to_draw(fig, ax, "no article has a publication date")
    low, high, outside = core_range(dated)
    shown = dated[(dated >= low) & (dated <= high)]
    months = shown.dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    ax.bar(counts.index.to_timestamp(), counts.to_numpy(), width=25, color="#4477aa")
    undated = int(articles["published"].isna().sum())
    title = f"Articles per month ({len(dated)} dated, {undated} undated)"
    if outside:
        far = dated[(dated < low) | (dated > high)].dt.strftime("%Y-%m")
        listed = ", ".join(sorted(set(far))[:3]) + (", ..." if far.nunique() > 3 else "")
        title += f"\n{outside} outside {full[0]}..{full[-1]} not drawn ({listed})"
    ax.set_title(title)
    ax.set_ylabel("articles")
    _date_axis(ax)
    return finish(fig)


def _date_axis(ax) -> None:
    """Concise date ticks (`2019`, `Feb`, `Mar` ...), horizontal: no label is rotated or wraps."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


# --- cleaning ------------------------------------------------------------------------------------

_DROPPED_COLOURS = {"boilerplate": "#ff7f00", "duplicate": "#e31a1c"}


def dropped_lines_by_reason(summary: pd.DataFrame, *, top: int = 15) -> Figure:
    """Horizontal bars: how many lines were dropped for each reason, coloured by kind.

    `summary` has columns `kind, reason, lines` (as `toolkit.clean.dropped_by_reason` returns)."""
    fig, ax = plt.subplots(figsize=(9, 0.35 * min(top, max(len(summary), 1)) + 1.5))
    if summary.empty:
        return nothing_to_draw(fig, ax, "no line was dropped")
    shown = summary.sort_values(["lines", "kind", "reason"], ascending=[False, True, True]).head(top)
    shown = shown.iloc[::-1]
    labels = [f"{reason} [{kind}]" if kind != "boilerplate" else reason for kind, reason in
              zip(shown["kind"], shown["reason"], strict=True)]
    colours = [_DROPPED_COLOURS.get(kind, "#777777") for kind in shown["kind"]]
    ax.barh(range(len(shown)), shown["lines"].to_numpy(), color=colours)
    ax.set_yticks(range(len(shown)), [label if len(label) <= 70 else label[:69] + "…" for label in labels])
    total = int(summary["lines"].sum())
    hidden = len(summary) - len(shown)
    note = f", {hidden} rarer reasons not shown" if hidden else ""
    ax.set_title(f"Dropped lines by reason ({total} lines{note})")
    ax.set_xlabel("lines")
    ax.grid(axis="y", visible=False)
    return finish(fig)


def threshold_effect(table: pd.DataFrame, *, option: str) -> Figure:
    """Two panels as one cleaning option varies: lines dropped in the corpus, and articles whose body
    differs from the body with the default settings.

    `table` has columns `value, dropped_lines, articles_changed` (as `toolkit.clean.threshold_sweep` returns)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(table["value"], table["dropped_lines"], marker="s", color="#ee6677")
    left.set_ylabel("lines dropped in the corpus")
    left.set_ylim(bottom=0)
    right.plot(table["value"], table["articles_changed"], marker="o", color="#4477aa")
    right.set_ylabel("articles whose body changes")
    right.set_ylim(bottom=0, top=max(1, int(table["articles_changed"].max()) + 1))
    for ax in (left, right):
        ax.set_xlabel(option)
    fig.suptitle(f"Effect of {option} on what is kept")
    return finish(fig)


# --- entities ------------------------------------------------------------------------------------


def top_entities_by_label(
    entity_counts: pd.DataFrame, *, labels: list[str] | None = None, top: int = 10, ncols: int = 2
) -> Figure:
    """Horizontal bar charts of the `top` most mentioned canonical entities of each label (one panel per
    label, labels ordered by total mentions unless given)."""
    if labels is None:
        totals = entity_counts.groupby("label")["mentions"].sum().sort_values(ascending=False, kind="stable")
        labels = list(totals.index[:6])
    if not labels:
        fig, ax = plt.subplots()
        return nothing_to_draw(fig, ax, "no entities")
    nrows = -(-len(labels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5 * ncols, 0.28 * top * nrows + 1.2 * nrows), squeeze=False)
    for ax, label in zip(axes.flat, labels, strict=False):
        rows = entity_counts[entity_counts["label"] == label]
        rows = rows.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable").head(top)
        ax.barh(rows["canonical"][::-1], rows["mentions"][::-1], color="#4477aa")
        ax.set_title(f"{label} (top {len(rows)})")
        ax.set_xlabel("mentions")
        ax.grid(axis="y", visible=False)
    for ax in list(axes.flat)[len(labels) :]:
        ax.set_axis_off()
    return finish(fig)


def cooccurrence_heatmap(matrix: pd.DataFrame, *, title: str = "Entities mentioned in the same sentence") -> Figure:
    """Heatmap of a square co-occurrence matrix (`toolkit.entities.cooccurrence`), counts written in cells."""
    n = len(matrix)
    size = max(4.0, 0.38 * n + 2.5)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    if n == 0:
        return nothing_to_draw(fig, ax, "no entities")
    values = matrix.to_numpy()
    image = ax.imshow(values, cmap="Blues", vmin=0)
    ax.set_xticks(range(n), labels=[str(c) for c in matrix.columns], rotation=60, ha="right")
    ax.set_yticks(range(n), labels=[str(i) for i in matrix.index])
    ax.grid(False)
    high = values.max() if values.size else 0
    for i in range(n):
        for j in range(n):
            if values[i, j]:
                ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] > high / 2 else "black")
    fig.colorbar(image, ax=ax, label="sentences", shrink=0.8)
    ax.set_title(title)
    return finish(fig)



# --- timeline ------------------------------------------------------------------------------------


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def stack_labels(xs: list[float], widths: list[float], *, gap: float = 0.0) -> list[int]:
    """Levels for labels that start at `xs` and run `widths` to the right, so that no two on a level overlap:
    each label (left to right) takes the lowest level whose last label ends before it starts. Leader lines
    drop straight down from each label to its point, so they never cross one another."""
    ends: list[float] = []
    levels = [0] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: (xs[k], k)):
        level = next((n for n, last in enumerate(ends) if last + gap <= xs[i]), len(ends))
        if level == len(ends):
            ends.append(xs[i] + widths[i])
        else:
            ends[level] = xs[i] + widths[i]
        levels[i] = level
    return levels


def _as_number(values: pd.Series, relative: bool) -> pd.Series:
    """Positions on the x axis in matplotlib's units: days (relative axis) or matplotlib date numbers."""
    import matplotlib.dates as mdates

    return values.astype(float) if relative else pd.Series(mdates.date2num(values), index=values.index)


def timeline(
    events: pd.DataFrame,
    *,
    lanes: str = "article",
    max_lanes: int = 12,
    label_chars: int = 40,
    max_labels: int = 40,
    max_levels: int | None = None,
    title: str | None = None,
) -> Figure:
    """Events on a date axis, one lane per article (`lanes="article"`) or per entity (`"entity"`): a point
    for a day, a bar for a longer interval, labelled with the expression and the start of the sentence.
    Labels of a lane are stacked (`stack_labels`) so none overlaps another; those that would need more than
    `max_levels` rows (default: 14 rows shared among the lanes, at least 3 each) are left out and counted in
    the title, as are the events far outside the dates of the
    others (`core_range`: a birth in 1924 in an article about 2019). Events of undated articles (no calendar
    interval, only offsets from publication) are drawn on a relative axis in days, and the axis says so."""
    if lanes not in ("article", "entity"):
        raise ValueError("lanes must be 'article' or 'entity'")
    frame, relative = _timeline_frame(events, lanes)
    if frame.empty:
        fig, ax = plt.subplots(figsize=(10, 2.5))
        return nothing_to_draw(fig, ax, "no dated event")
    outside = 0
    if not relative:
        low_t, high_t, outside = core_range(frame["t0_"])
        frame = frame[(frame["t0_"] >= low_t) & (frame["t0_"] <= high_t)]
    order = frame.groupby("lane_")["t0_"].count().sort_values(ascending=False, kind="stable")
    keep = sorted(order.index[:max_lanes], key=lambda lane: (frame.loc[frame["lane_"] == lane, "t0_"].min(), lane))
    # one row per label from here on (an exploded or concatenated table repeats index values)
    frame = frame[frame["lane_"].isin(keep)].sort_values(["t0_", "lane_"], kind="stable").reset_index(drop=True)
    if max_levels is None:
        max_levels = max(3, 14 // len(keep))
    x0, x1 = _as_number(frame["t0_"], relative), _as_number(frame["t1_"], relative)
    low, high = min(x0.min(), 0) if relative else x0.min(), max(x1.max(), 0) if relative else x1.max()
    if not relative and high - low < 30:  # a calendar axis spans a month at least: no hour ticks
        low, high = low - (30 - (high - low)) / 2, high + (30 - (high - low)) / 2
    span = max(high - low, 1.0)
    # room on the right for the last labels: the axis runs past the last event by 35% of the span
    x_limits = (low - span * 0.03, high + span * 0.38)
    data_per_char = (x_limits[1] - x_limits[0]) / (_TIMELINE_WIDTH * 0.78 * 72) * _TIMELINE_FONT * 0.55
    level_of = _label_levels(frame.loc[frame.index[:max(0, max_labels)]], x0, data_per_char, label_chars)
    used = min(max(level_of.values(), default=0) + 1, max_levels)
    lane_height = 1.0 + 0.55 * used if level_of else 1.0
    fig, ax = plt.subplots(figsize=(_TIMELINE_WIDTH, 1.4 + 0.32 * lane_height * len(keep)))
    y_of = {lane: i * lane_height for i, lane in enumerate(keep)}
    dropped = _draw_events(ax, frame, y_of, level_of, relative=relative, max_levels=max_levels,
                           label_chars=label_chars)  # fmt: skip
    ax.set_yticks([y_of[lane] for lane in keep], [_short(lane, 28) for lane in keep])
    ax.set_ylim(-0.5, (len(keep) - 1) * lane_height + lane_height)
    _timeline_x_axis(ax, x_limits, relative)
    heading = title or f"Timeline: {len(frame)} events, one lane per {lanes}"
    notes = [f"{outside} event{'s' * (outside != 1)} far from the others not drawn"] * bool(outside)
    notes += [f"{dropped} label{'s' * (dropped != 1)} left out for room"] * bool(dropped)
    if notes:
        heading += f" ({'; '.join(notes)})"
    ax.set_title(heading, loc="left")
    ax.grid(axis="y", alpha=0)
    return finish(fig)


_TIMELINE_WIDTH = 10.0  # inches
_TIMELINE_FONT = 7.5


def _timeline_frame(events: pd.DataFrame, lanes: str) -> tuple[pd.DataFrame, bool]:
    """The events to draw with their start and end (`t0_`, `t1_`) and lane (`lane_`), and whether the axis
    is relative (days from publication: no event has a calendar interval)."""
    frame = events.copy()
    calendar = frame["interval_start"].notna()
    relative = not calendar.any()
    if relative:
        frame = frame[frame["offset_start"].notna()] if "offset_start" in frame else frame.iloc[0:0]
        start, end = frame["offset_start"], frame["offset_end"]
    else:
        frame = frame[calendar]
        start, end = frame["interval_start"], frame["interval_end"]
    frame = frame.assign(t0_=start, t1_=end)
    if lanes == "entity":
        return frame.explode("entities").dropna(subset=["entities"]).assign(lane_=lambda f: f["entities"]), relative
    return frame.assign(lane_=frame["article_id"].astype(str)), relative


def _label_text(timex: str, sentence: str | None, label_chars: int) -> str:
    return f"{timex}: {_short(sentence or '', label_chars)}"


def _label_levels(labelled: pd.DataFrame, x0: pd.Series, data_per_char: float, label_chars: int) -> dict[int, int]:
    """The stacking level of each labelled event, lane by lane (`stack_labels`)."""
    level_of: dict[int, int] = {}
    for _lane, group in labelled.groupby("lane_", sort=False):
        texts = [_label_text(t, s, label_chars) for t, s in zip(group["timex"], group["sentence"], strict=True)]
        levels = stack_labels(list(x0[group.index]), [len(t) * data_per_char for t in texts], gap=data_per_char * 2)
        level_of.update(zip(group.index, levels, strict=True))
    return level_of


def _draw_events(ax: Any, frame: pd.DataFrame, y_of: dict[str, float], level_of: dict[int, int], *,
                 relative: bool, max_levels: int, label_chars: int) -> int:  # fmt: skip
    """A point per day, a bar per longer interval, and the labels that fit; returns how many were left out."""
    one_day = 1 if relative else pd.Timedelta(days=1)
    dropped = 0
    for idx, row in zip(frame.index, frame.itertuples(), strict=True):
        y = y_of[row.lane_]
        if row.t1_ - row.t0_ >= (2 if relative else pd.Timedelta(days=2)):
            ax.plot([row.t0_, row.t1_ + one_day], [y, y], lw=6, alpha=0.45, color="#4477aa", solid_capstyle="butt")
        else:
            ax.plot([row.t0_], [y], "o", color="#cc3311", ms=5)
        if idx not in level_of:
            continue
        if level_of[idx] >= max_levels:
            dropped += 1
            continue
        label_y = y + 0.35 + 0.55 * level_of[idx]
        ax.plot([row.t0_, row.t0_], [y, label_y], color="#bbbbbb", lw=0.6, zorder=1)
        ax.text(row.t0_, label_y, _label_text(row.timex, row.sentence, label_chars), fontsize=_TIMELINE_FONT,
                color="#333333", ha="left", va="bottom")
    return dropped


def _timeline_x_axis(ax: Any, x_limits: tuple[float, float], relative: bool) -> None:
    if relative:
        ax.set_xlim(*x_limits)
        ax.set_xlabel("days from publication (publication day = 0; no calendar date is known)")
        ax.axvline(0, color="#999999", lw=1, ls="--")
    else:
        import matplotlib.dates as mdates

        ax.set_xlim(mdates.num2date(x_limits[0]), mdates.num2date(x_limits[1]))
        _date_axis(ax)
        ax.set_xlabel("date")


def mentions_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    top: int = 6,
    freq: str = "M",
    min_articles: int = 3,
    title: str | None = None,
) -> Figure:
    """Share of each month's articles that mention each of the `top` entities (by articles mentioning
    them), as GDELT plots attention over time; months run on the articles' publication dates. The axis
    spans the months with at least `min_articles` articles (a share of one or two articles is noise);
    months without articles are gaps, not zeros."""
    dated = articles[["article_id", "published"]].dropna()
    fig, ax = plt.subplots()
    if dated.empty or mentions.empty:
        return nothing_to_draw(fig, ax, "no dated article with mentions")
    dated = dated.assign(period=dated["published"].dt.to_period(freq), article_id=dated["article_id"].astype(str))
    per_period = dated.groupby("period")["article_id"].nunique()
    busy = per_period[per_period >= min_articles]
    if busy.empty:
        busy = per_period
    per_period = per_period[(per_period.index >= busy.index.min()) & (per_period.index <= busy.index.max())]
    dated = dated[dated["period"].isin(per_period.index)]
    pairs = mentions[["article_id", "canonical"]].dropna().astype({"article_id": str}).drop_duplicates()
    pairs = pairs.merge(dated, on="article_id")
    leaders = pairs.groupby("canonical")["article_id"].nunique().sort_values(ascending=False, kind="stable")
    leaders = sorted(leaders.index[:top], key=lambda name: (-leaders[name], name))
    full = pd.period_range(per_period.index.min(), per_period.index.max(), freq=freq)
    for name in leaders:
        counts = pairs[pairs["canonical"] == name].groupby("period")["article_id"].nunique()
        share = counts.reindex(full, fill_value=0) / per_period.reindex(full)  # NaN: a month without articles
        ax.plot(full.to_timestamp(), share.to_numpy() * 100, marker="o", ms=3, label=name)
    ax.set_ylabel("% of the month's articles")
    ax.set_title(title or f"Mentions over time: top {len(leaders)} entities (share of each month's articles)")
    ax.legend(fontsize=8, ncol=2, frameon=False)
    _date_axis(ax)
    return finish(fig)


def timeline_thumbnail(events: pd.DataFrame) -> Figure:
    """A small bar chart of the events on the calendar per month (per year over more than five years), over
    the dates where most are (`core_range`), for a report's landing page; those far outside are counted in
    the title."""
    dated = events["interval_start"].dropna() if "interval_start" in events else pd.Series(dtype="datetime64[ns]")
    fig, ax = plt.subplots(figsize=(5, 2))
    if dated.empty:
        return nothing_to_draw(fig, ax, "no event on the calendar")
    low, high, outside = core_range(dated)
    shown = dated[(dated >= low) & (dated <= high)]
    by_year = (high - low) > pd.Timedelta(days=5 * 365)
    freq, width, unit = ("Y", 300, "year") if by_year else ("M", 25, "month")
    counts = shown.dt.to_period(freq).value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq)
    counts = counts.reindex(full, fill_value=0)
    ax.bar(full.to_timestamp(), counts.to_numpy(), width=width, color="#4477aa")
    note = f", {outside} far outside not drawn" if outside else ""
    ax.set_title(f"{len(dated)} dated events per {unit}{note}", fontsize=9, loc="left")
    ax.tick_params(labelsize=8)
    _date_axis(ax)
    return finish(fig)


# --- stories ---------------------------------------------------------------------------------------


def story_timeline(story_events: pd.DataFrame, *, ax: Any = None, top: int = 15, label_chars: int = 60,
                   title: str | None = None) -> Figure:  # fmt: skip
    """One row per story event on a date axis: a marker at its interval (a bar when it lasts longer than a
    day) whose area grows with the number of articles reporting it, labelled with the start of its
    sentence. The `top` story events reported by the most articles are drawn (ties: earliest first)."""
    import matplotlib.dates as mdates

    own = ax is None
    fig, ax = plt.subplots(figsize=(10, 1.5 + 0.38 * min(top, max(1, len(story_events))))) if own else (ax.figure, ax)
    dated = story_events[story_events["interval_start"].notna()]
    chosen = dated.sort_values(["n_articles", "interval_start", "story_event_id"], ascending=[False, True, True],
                               kind="stable").head(top)  # fmt: skip
    if chosen.empty:
        return nothing_to_draw(fig, ax, "no story event on the calendar", own=own)
    chosen = chosen.sort_values(["interval_start", "story_event_id"], kind="stable").reset_index(drop=True)
    rows = range(len(chosen))
    middle = chosen["interval_start"] + (chosen["interval_end"] - chosen["interval_start"]) / 2
    for y, start, end in zip(rows, chosen["interval_start"], chosen["interval_end"], strict=True):
        if end - start >= pd.Timedelta(days=1):
            ax.plot([start, end], [y, y], lw=5, alpha=0.35, color="#4477aa", solid_capstyle="butt")
    sizes = 30 + 60 * (chosen["n_articles"] - 1)
    ax.scatter(middle, list(rows), s=sizes, color="#cc3311", alpha=0.8, zorder=3)
    labels = [f"{_short(sentence or '', label_chars)}  ({n} article{'s' if n != 1 else ''})"
              for sentence, n in zip(chosen["sentence"], chosen["n_articles"], strict=True)]  # fmt: skip
    ax.set_yticks(list(rows), labels, fontsize=8)
    ax.set_ylim(len(chosen) - 0.5, -0.5)  # the earliest at the top
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("date (marker area: articles reporting the event)")
    ax.grid(axis="y", alpha=0)
    ax.set_title(title or f"Story timeline: the {len(chosen)} events reported by the most articles")
    return finish(fig) if own else fig
