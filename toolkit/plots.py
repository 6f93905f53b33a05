"""Every matplotlib figure of the toolkit. Functions return a Figure and never call plt.show()."""

from __future__ import annotations

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


# --- entities ------------------------------------------------------------------------------------


# --- timeline ------------------------------------------------------------------------------------
