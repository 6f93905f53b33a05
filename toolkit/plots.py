"""Every matplotlib figure of the toolkit. Functions return a Figure and never call plt.show()."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure


def finish(fig: Figure) -> Figure:
    """Lay out `fig` and detach it from pyplot, so a notebook shows it once (as the value returned) and
    a long session does not keep every figure alive."""
    fig.tight_layout()
    plt.close(fig)
    return fig


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


def articles_per_month(articles: pd.DataFrame) -> Figure:
    """Bar chart of how many articles fall in each month of publication (undated ones are counted apart)."""
    dated = articles["published"].dropna()
    fig, ax = plt.subplots()
    if dated.empty:
        ax.text(0.5, 0.5, "no article has a publication date", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
    months = dated.dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    ax.bar(counts.index.to_timestamp(), counts.to_numpy(), width=25, color="#4477aa")
    undated = int(articles["published"].isna().sum())
    ax.set_title(f"Articles per month ({len(dated)} dated, {undated} undated)")
    ax.set_ylabel("articles")
    fig.autofmt_xdate()
    return finish(fig)


# --- cleaning ------------------------------------------------------------------------------------

_DROPPED_COLOURS = {"boilerplate": "#ff7f00", "duplicate": "#e31a1c"}


def dropped_lines_by_reason(summary: pd.DataFrame, *, top: int = 15) -> Figure:
    """Horizontal bars: how many lines were dropped for each reason, coloured by kind.

    `summary` has columns `kind, reason, lines` (as `toolkit.clean.dropped_by_reason` returns)."""
    fig, ax = plt.subplots(figsize=(9, 0.35 * min(top, max(len(summary), 1)) + 1.5))
    if summary.empty:
        ax.text(0.5, 0.5, "no line was dropped", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
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
    fig.suptitle(f"Effect of `{option}` on what is kept")
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
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
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
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
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


def timeline(
    events: pd.DataFrame,
    *,
    lanes: str = "article",
    max_lanes: int = 12,
    label_chars: int = 40,
    max_labels: int = 40,
    title: str | None = None,
) -> Figure:
    """Events on a date axis, one lane per article (`lanes="article"`) or per entity (`"entity"`): a point
    for a day, a bar for a longer interval, labelled with the expression and the start of the sentence.
    Events of undated articles (no calendar interval, only offsets from publication) are drawn on a
    relative axis in days, and the axis says so."""
    import matplotlib.dates as mdates

    if lanes not in ("article", "entity"):
        raise ValueError("lanes must be 'article' or 'entity'")
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
        frame = frame.explode("entities").dropna(subset=["entities"]).assign(lane_=lambda f: f["entities"])
    else:
        frame = frame.assign(lane_=frame["article_id"].astype(str))
    fig, ax = plt.subplots(figsize=(10, 1.6 + 1.1 * max(1, min(max_lanes, frame["lane_"].nunique()))))
    if frame.empty:
        ax.text(0.5, 0.5, "no dated event", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
    order = frame.groupby("lane_")["t0_"].count().sort_values(ascending=False, kind="stable")
    keep = sorted(order.index[:max_lanes], key=lambda lane: (frame.loc[frame["lane_"] == lane, "t0_"].min(), lane))
    frame = frame[frame["lane_"].isin(keep)].sort_values(["t0_", "lane_"], kind="stable")
    # labels of events close together on one lane are stacked at increasing heights so none overlap
    span = (frame["t1_"].max() - frame["t0_"].min()) or (1 if relative else pd.Timedelta(days=1))
    level_of: dict[int, int] = {}
    for _lane, group in frame.groupby("lane_", sort=False):
        last_x, level = None, 0
        for idx, x in zip(group.index, group["t0_"], strict=True):
            level = level + 1 if last_x is not None and (x - last_x) / span < 0.45 else 0
            level_of[idx] = level
            last_x = x
    levels = max(level_of.values()) + 1 if level_of else 1
    height = 0.5 + 0.32 * min(levels, 6)
    y_of = {lane: i * height for i, lane in enumerate(keep)}
    one_day = 1 if relative else pd.Timedelta(days=1)
    labelled = 0
    for idx, row in zip(frame.index, frame.itertuples(), strict=True):
        y = y_of[row.lane_]
        length = row.t1_ - row.t0_
        if length >= (2 if relative else pd.Timedelta(days=2)):
            ax.plot([row.t0_, row.t1_ + one_day], [y, y], lw=6, alpha=0.45, color="#4477aa", solid_capstyle="butt")
        else:
            ax.plot([row.t0_], [y], "o", color="#cc3311", ms=6)
        if labelled < max_labels and level_of[idx] < 6:
            label = f"{row.timex}: {_short(row.sentence or '', label_chars)}"
            ax.annotate(label, (row.t0_, y), xytext=(4, 6 + 11 * level_of[idx]), textcoords="offset points",
                        fontsize=7.5, color="#333333",
                        arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "lw": 0.6} if level_of[idx] else None)
            labelled += 1
    ax.set_yticks([y_of[lane] for lane in keep], [_short(lane, 28) for lane in keep])
    ax.set_ylim(-0.4, (len(keep) - 1) * height + height)
    if relative:
        low, high = min(frame["t0_"].min(), 0), max(frame["t1_"].max(), 0)
        pad = max((high - low) * 0.05, 1)
        ax.set_xlim(low - pad, high + pad + (high - low + 2 * pad) * 0.35)
    if relative:
        ax.set_xlabel("days from publication (publication day = 0; no calendar date is known)")
        ax.axvline(0, color="#999999", lw=1, ls="--")
    else:
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlabel("date")
    ax.set_title(title or f"Timeline: {len(frame)} events, one lane per {lanes}")
    ax.grid(axis="y", alpha=0)
    return finish(fig)


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
        ax.text(0.5, 0.5, "no dated article with mentions", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return finish(fig)
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
    fig.autofmt_xdate()
    return finish(fig)
