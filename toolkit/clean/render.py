"""Reading the result: one article's lines as HTML, dropped lines counted by reason, the normalisations
applied (for the notebooks and reports)."""

from __future__ import annotations

import html
import re

import pandas as pd

from toolkit.clean.lines import DROPPED_KINDS


def reason_group(reason: str) -> str:
    """A reason without its numbers and quoted details, to count dropped lines by kind of reason."""
    text = re.sub(r"\(.*\)", "", reason or "")
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "…", text)
    text = re.sub(r"\d+", "N", text)
    return text.strip() or "(none)"


def dropped_by_reason(lines: pd.DataFrame) -> pd.DataFrame:
    """Dropped lines counted by kind and reason group (`repeats in N of N articles`), largest first."""
    dropped = lines[lines["kind"].isin(DROPPED_KINDS)]
    counts = (
        dropped.assign(reason=dropped["reason"].map(reason_group))
        .groupby(["kind", "reason"], as_index=False)
        .size()
        .rename(columns={"size": "lines"})
    )
    return counts.sort_values(["lines", "kind", "reason"], ascending=[False, True, True], ignore_index=True)


def normalisations(lines: pd.DataFrame) -> pd.DataFrame:
    """Every normalisation applied to a kept line: `article_id, line_no, change` (from `reason`)."""
    rows = []
    for article_id, line_no, reason in zip(lines["article_id"], lines["line_no"], lines["reason"], strict=True):
        if reason and "normalised: " in reason:
            for change in reason.split("normalised: ", 1)[1].split(", "):
                rows.append((article_id, int(line_no), change))
    return pd.DataFrame(rows, columns=["article_id", "line_no", "change"])


_COLOURS = {
    "section": "#6a3d9a",
    "title": "#1f78b4",
    "dateline": "#33a02c",
    "standfirst": "#b15928",
    "duplicate": "#e31a1c",
    "boilerplate": "#ff7f00",
}


def render_lines_html(lines: pd.DataFrame, *, max_chars: int = 240) -> str:
    """One article's lines as HTML: body plain, dropped lines struck through and coloured, reason on the
    right, other kinds labelled. Shows in a notebook via `IPython.display.HTML`."""
    rows = []
    for line_no, text, kind, reason in zip(
        lines["line_no"], lines["text"], lines["kind"], lines["reason"], strict=True
    ):
        if kind == "blank":
            continue
        shown = text if len(text) <= max_chars else text[: max_chars - 1] + "…"
        colour = _COLOURS.get(kind, "#222222")
        style = f"color:{colour};" + ("text-decoration:line-through;" if kind in DROPPED_KINDS else "")
        label = "" if kind == "body" else kind
        rows.append(
            f'<tr><td style="text-align:right;color:#888;padding-right:6px">{int(line_no)}</td>'
            f'<td style="color:{colour};padding-right:6px">{html.escape(label)}</td>'
            f'<td style="{style}text-align:left">{html.escape(shown)}</td>'
            f'<td style="color:#666;font-size:85%;text-align:left">{html.escape(reason or "")}</td></tr>'
        )
    legend = " ".join(
        f'<span style="color:{c};{"text-decoration:line-through;" if k in DROPPED_KINDS else ""}">{k}</span>'
        for k, c in _COLOURS.items()
    )
    return (
        f'<div style="font-size:90%"><div>Legend: body (plain) {legend}</div>'
        '<table style="border-collapse:collapse"><thead><tr><th>line</th><th>kind</th><th>text</th>'
        f"<th>reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
