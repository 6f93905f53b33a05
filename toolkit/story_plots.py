"""The story timeline figure (to join `toolkit.plots`, the one module that imports matplotlib)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def story_timeline(story_events: pd.DataFrame, *, ax: Axes | None = None, top: int = 15, label_chars: int = 60,
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
        ax.text(0.5, 0.5, "no story event on the calendar", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return _finish(fig, own)
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
    return _finish(fig, own)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _finish(fig: Figure, own: bool) -> Figure:
    """Lay out and detach a figure this function made (as `plots.finish` does); leave a caller's alone."""
    if own:
        fig.tight_layout()
        plt.close(fig)
    return fig
