"""Exploring a corpus's tables: pure functions that return DataFrames or HTML, and ipywidgets that call them.

A report (no kernel) shows what the functions return; JupyterLab adds the widgets on top, which only choose
the arguments. Examples are picked by a stated rule (`article_with_most`), never by a fixed id."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from toolkit.clean import clean_corpus, line_repetition_counts, render_lines_html

# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by a space, or at a line end.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")
# ... but not after a title, a single initial or a dotted acronym
_ABBREVIATION = re.compile(
    r"\W*(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|No|vs|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr"
    r"|Aug|Sept?|Oct|Nov|Dec|[A-Z]|(?:[A-Z]\.)+[A-Z])\."
)
MARK_OPEN, MARK_CLOSE = "«", "»"


# --- picking examples ----------------------------------------------------------------------------


def article_with_most(counts: pd.Series) -> str | None:
    """The id (index) with the highest count, the smallest id among ties; None when nothing counts above 0."""
    counts = counts.dropna()
    counts = counts[counts > 0]
    if counts.empty:
        return None
    best = counts.max()
    return str(min(str(i) for i in counts.index[counts == best]))


# --- lines and their reasons ---------------------------------------------------------------------


def article_lines_html(lines: pd.DataFrame, article_id: str) -> str:
    """One article's raw lines coloured by kind, dropped ones struck through, each with its reason (headers
    aligned with their left-aligned text)."""
    chosen = render_lines_html(lines[lines["article_id"].astype(str) == str(article_id)])
    return f'<div class="toolkit-lines"><style>.toolkit-lines th{{text-align:left}}</style>{chosen}</div>'


def lines_moved(
    articles: pd.DataFrame, lines: pd.DataFrame, *, article_ids: list[str] | None = None, **overrides: Any
) -> pd.DataFrame:
    """The lines whose kind changes when the articles are cleaned again with `overrides` (e.g.
    `teaser_max_words=0`): `article_id, line_no, text, kind, reason, new_kind, new_reason`. Repetition is
    still counted over the whole corpus; `article_ids` limits the re-cleaning to those articles."""
    chosen = articles if article_ids is None else articles[articles["article_id"].astype(str).isin(article_ids)]
    _, relaxed = clean_corpus(
        chosen, progress=False, corpus_line_counts=line_repetition_counts(articles), **overrides
    )
    before = lines[lines["article_id"].isin(chosen["article_id"])]
    both = before.merge(
        relaxed[["article_id", "line_no", "kind", "reason"]].rename(
            columns={"kind": "new_kind", "reason": "new_reason"}
        ),
        on=["article_id", "line_no"],
    )
    moved = both[both["kind"] != both["new_kind"]]
    columns = ["article_id", "line_no", "text", "kind", "reason", "new_kind", "new_reason"]
    return moved[columns].sort_values(["article_id", "line_no"], kind="stable").reset_index(drop=True)


# --- entities ------------------------------------------------------------------------------------


def find_entities(mentions: pd.DataFrame, query: str, *, limit: int = 20) -> list[str]:
    """Canonical names matching `query`: the exact name (any case) first, then names containing it, or whose
    mentions' text does, most mentioned first."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    counts = mentions["canonical"].value_counts()
    exact = [name for name in counts.index if str(name).casefold() == wanted]
    in_name = mentions["canonical"].astype(str).str.casefold().str.contains(wanted, regex=False)
    in_text = mentions["text"].astype(str).str.casefold().str.contains(wanted, regex=False)
    matching = set(mentions.loc[in_name | in_text, "canonical"])
    others = [name for name in counts.index if name in matching and name not in exact]
    return [str(name) for name in [*exact, *others][:limit]]


def _sentence_ends(body: str, start: int, end: int) -> list[re.Match]:
    """Sentence ends between `start` and `end`, less the full stop of an abbreviation (`Ms.`, `U.S.`, `J.`)."""
    ends = []
    for match in _SENTENCE_END.finditer(body, start, end):
        word = body[: match.start() + 1].rsplit(None, 1)[-1] if match.group()[0] == "." else ""
        if word and _ABBREVIATION.fullmatch(word):
            continue
        ends.append(match)
    return ends


def _sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the sentence holding `body[start:end]` (ends at . ! ? and a space, or a line end)."""
    before = _sentence_ends(body, 0, start)
    left = before[-1].end() if before else 0
    after = _sentence_ends(body, end, len(body))
    right = after[0].start() + len(after[0].group().rstrip()) if after else len(body)
    return left, max(right, end)


def mentions_in_context(mentions: pd.DataFrame, articles: pd.DataFrame, canonical: str) -> pd.DataFrame:
    """Keyword in context: every mention of the entity `canonical`, with the sentence of the clean body it is
    in and the mention marked «like this». Columns: `article_id, published, start, end, text, label, before,
    after, sentence`, in publication order (undated last), then by article and offset."""
    columns = ["article_id", "published", "start", "end", "text", "label", "before", "after", "sentence"]
    chosen = mentions[mentions["canonical"] == canonical]
    bodies = articles.set_index(articles["article_id"].astype(str))
    rows = []
    for row in chosen.itertuples(index=False):
        article_id = str(row.article_id)
        if article_id not in bodies.index:
            continue
        body = bodies.at[article_id, "body"]
        if not isinstance(body, str):
            continue
        left, right = _sentence_around(body, int(row.start), int(row.end))
        before, after = body[left : row.start].lstrip(), body[row.end : right].rstrip()
        published = bodies.at[article_id, "published"] if "published" in bodies.columns else pd.NaT
        rows.append((article_id, published, int(row.start), int(row.end), row.text, row.label, before, after,
                     f"{before}{MARK_OPEN}{row.text}{MARK_CLOSE}{after}"))
    frame = pd.DataFrame(rows, columns=columns)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame.sort_values(["published", "article_id", "start"], kind="stable", na_position="last").reset_index(
        drop=True
    )


def context_html(context: pd.DataFrame) -> str:
    """The keyword-in-context table as HTML: the mention highlighted in its sentence, article and date beside."""
    if context.empty:
        return "<p>No mention.</p>"
    rows = "".join(
        f"<tr><td>{html.escape(str(r.article_id))}</td>"
        f"<td>{'' if pd.isna(r.published) else f'{r.published:%Y-%m-%d}'}</td>"
        f'<td style="text-align:left">{html.escape(r.before)}<mark>{html.escape(str(r.text))}</mark>'
        f"{html.escape(r.after)}</td></tr>"
        for r in context.itertuples(index=False)
    )
    return (
        '<table class="tex2jax_ignore"><thead><tr><th style="text-align:left">article</th>'
        '<th style="text-align:left">published</th><th style="text-align:left">sentence</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def entity_over_time(
    mentions: pd.DataFrame, articles: pd.DataFrame, canonical: str, *, freq: str = "M"
) -> pd.DataFrame:
    """Per period of publication: the mentions of `canonical`, the articles mentioning it, and the share of the
    period's articles that do. Undated articles are left out; periods without articles are left out too."""
    dated = articles[["article_id", "published"]].dropna().astype({"article_id": str})
    dated = dated.assign(period=dated["published"].dt.to_period(freq))
    chosen = mentions.loc[mentions["canonical"] == canonical, ["article_id"]].astype(str).merge(dated, on="article_id")
    per_period = dated.groupby("period")["article_id"].nunique().rename("articles_in_period")
    frame = pd.DataFrame({
        "mentions": chosen.groupby("period").size(),
        "articles": chosen.groupby("period")["article_id"].nunique(),
    }).reindex(per_period.index, fill_value=0)
    frame = frame.join(per_period)
    frame["share"] = frame["articles"] / frame["articles_in_period"]
    return frame.astype({"mentions": int, "articles": int}).rename_axis("period").reset_index()


# --- timeline ------------------------------------------------------------------------------------


def narrow_events(
    events: pd.DataFrame, *, entity: str | None = None, start: Any = None, end: Any = None
) -> pd.DataFrame:
    """The events that mention `entity` (a canonical name) and lie within `start`..`end` (dates, inclusive;
    an event counts when its interval overlaps the range). Any of them may be None: no limit."""
    chosen = events
    if entity:
        chosen = chosen[chosen["entities"].map(lambda names: entity in list(names) if names is not None else False)]
    if start is not None:
        chosen = chosen[chosen["interval_end"] >= pd.Timestamp(start)]
    if end is not None:
        chosen = chosen[chosen["interval_start"] <= pd.Timestamp(end)]
    return chosen


# --- widgets -------------------------------------------------------------------------------------


def _output_of(render: Any) -> Any:
    """An Output widget and a function that replaces its content by `render(...)`'s value. The content is set
    directly rather than captured (`with out:`), which a notebook run without a browser cannot always follow."""
    import ipywidgets as widgets

    out = widgets.Output()

    def refresh(*args: Any, **kwargs: Any) -> None:
        out.outputs = ()
        out.append_display_data(render(*args, **kwargs))

    return out, refresh


def article_explorer(lines: pd.DataFrame, *, first: str | None = None) -> Any:
    """Pick an article: its lines coloured by kind with their reasons."""
    import ipywidgets as widgets
    from IPython.display import HTML

    ids = sorted(lines["article_id"].astype(str).unique())
    picker = widgets.Dropdown(options=ids, value=first if first in ids else ids[0], description="article")
    out, refresh = _output_of(lambda article_id: HTML(article_lines_html(lines, article_id)))
    picker.observe(lambda change: refresh(change["new"]), names="value")
    refresh(picker.value)
    return widgets.VBox([picker, out])


def threshold_explorer(articles: pd.DataFrame, lines: pd.DataFrame, *, option: str, values: list[Any],
                       article_id: str | None = None) -> Any:
    """Move a cleaning threshold: the lines of `article_id` (all articles when None) that change kind."""
    import ipywidgets as widgets

    slider = widgets.SelectionSlider(options=values, description=option, continuous_update=False)
    ids = [article_id] if article_id else None
    out, refresh = _output_of(lambda value: lines_moved(articles, lines, article_ids=ids, **{option: value}))
    slider.observe(lambda change: refresh(change["new"]), names="value")
    refresh(slider.value)
    return widgets.VBox([slider, out])


def entity_explorer(mentions: pd.DataFrame, articles: pd.DataFrame, *, first: str = "") -> Any:
    """Type an entity: its mentions in context and its counts over time."""
    import ipywidgets as widgets
    from IPython.display import HTML

    box = widgets.Text(value=first, description="entity", continuous_update=False)

    def render(query: str) -> Any:
        names = find_entities(mentions, query)
        if not names:
            return HTML(f"<p>No entity matches {html.escape(query)!r}.</p>")
        name = names[0]
        others = f"<p>Also matching: {html.escape(', '.join(names[1:]))}</p>" if len(names) > 1 else ""
        over_time = entity_over_time(mentions, articles, name)
        return HTML(f"<h4>{html.escape(name)}</h4>{others}{over_time.to_html(index=False)}"
                    f"{context_html(mentions_in_context(mentions, articles, name))}")

    out, refresh = _output_of(render)
    box.observe(lambda change: refresh(change["new"]), names="value")
    refresh(box.value)
    return widgets.VBox([box, out])


def timeline_explorer(events: pd.DataFrame) -> Any:
    """Narrow the timeline by entity and date range: the plot and the events kept."""
    import ipywidgets as widgets

    from toolkit.plots import timeline

    dated = events.dropna(subset=["interval_start"])
    names = sorted({name for names in dated["entities"] for name in (names if names is not None else [])})
    entity = widgets.Combobox(options=names, placeholder="any entity", description="entity")
    low = dated["interval_start"].min() if len(dated) else None
    high = dated["interval_end"].max() if len(dated) else None
    start = widgets.DatePicker(description="from", value=low.date() if low is not None else None)
    end = widgets.DatePicker(description="to", value=high.date() if high is not None else None)

    def render(*_: Any) -> Any:
        chosen = narrow_events(dated, entity=entity.value if entity.value in names else None,
                               start=start.value, end=end.value)
        return timeline(chosen, lanes="article", max_labels=20)

    out, refresh = _output_of(render)
    for control in (entity, start, end):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([entity, start, end]), out])
