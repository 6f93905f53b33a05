"""Classify every raw line of an article (section, title, dateline, standfirst, body, duplicate,
boilerplate, blank) with a reason a person can read, and build the clean body.

How a line is judged (the signals of jusText, C4/Gopher and CCNet, combined):

1. Shape, per line: length, stopword density, terminal punctuation, a trailing ellipsis (teaser),
   headline casing, link/menu phrases, no words at all; three or more headline + short summary pairs in a
   row are a list of teasers; three or more comment headers (`Posted by: NAME | DATE`) are a thread of
   comments, whose first header after the article is the heading of the comments. Each non-blank line
   gets a class (`good`, `near-good`, `short`, `bad`) and a numeric `score` (positive: reads like prose).
   Lines of a paragraph wrapped at a fixed width (a break every 70-80 characters) are measured as the
   paragraph.
2. Corpus: a line whose normalised hash recurs in many articles of the corpus is boilerplate
   (`repeats in N of M articles`), as CCNet does; the counts are a reduction that sums over partitions.
3. Context: the article is the contiguous run of lines with the highest total score (short lines
   between body lines are body, a menu or a list of headlines costs more than it brings; no run crosses
   a long stretch of cheap lines, a break, so a sidebar's prose beyond a long menu is judged on its
   own); further runs are added when they carry enough prose (past a break, half the article's), or,
   past a box of links inside the article (`Related`), when they read like the article's main run (its
   style is the yardstick: line length, function words, share of prose). When the article's paragraphs
   are separated by blank lines, lines laid out the same way next to it are kept (captions, lists)
   unless they are bad.
   Lists and tables dumped one item or cell per line (a recipe, a standings table: short lines that
   mostly carry numbers) cost nothing in the run, and the article that reaches one takes it in whole;
   so do the short lines right after a body line ending in a colon (the items it introduces). Label
   lines take out what they label: the caption under `Image caption`, the links under `More:`.
   Everything before the first and after the last body line is dropped with a reason.
4. Structure: a copy of an earlier line is a `duplicate` (`copy of line 2`) and its first occurrence at
   the top of the article is the `standfirst` (so is a summary line just above a byline or date line);
   a short upper-case first line is the `section`; a headline-shaped line just above the article is
   the `title`; a date-only line above it (or a `CITY, Feb 26 -` prefix of the first paragraph) is the
   `dateline`.

Kept text is normalised (see `toolkit.clean.normalise`) and every change is written in the line's `reason`.
`clean_article` is pure, so a corpus can be split across processes.

The package, one job per module: `patterns` and `dates` (the rules as data), `lines` (the records the stages
fill in), `normalise`, `shape`, `wrapping` and `teasers` (1), `repetition` and `totals` (2), `lists`, `regions`,
`style` and `body` (3), `structure` (4), `language` (the language of an article and the filter of the steps that
read only some), `article` (the stages run for one article), `tables` (a corpus), `render` (reading the
result), `options` (the thresholds).
"""

from toolkit.clean.article import clean_article
from toolkit.clean.dates import parse_dateline_date
from toolkit.clean.language import detect_language, language_filter
from toolkit.clean.lines import DROPPED_KINDS, KINDS, LINE_COLUMNS, raw_lines
from toolkit.clean.options import options
from toolkit.clean.patterns import STOPWORDS
from toolkit.clean.render import dropped_by_reason, normalisations, reason_group, render_lines_html
from toolkit.clean.repetition import LineCounts, article_line_keys, line_key, line_repetition_counts, repeat_floor
from toolkit.clean.tables import clean_corpus, save_tables, threshold_sweep
from toolkit.clean.totals import LineTotals

__all__ = [
    "DROPPED_KINDS",
    "KINDS",
    "LINE_COLUMNS",
    "STOPWORDS",
    "LineCounts",
    "LineTotals",
    "article_line_keys",
    "clean_article",
    "clean_corpus",
    "detect_language",
    "dropped_by_reason",
    "language_filter",
    "line_key",
    "line_repetition_counts",
    "normalisations",
    "options",
    "parse_dateline_date",
    "raw_lines",
    "reason_group",
    "repeat_floor",
    "render_lines_html",
    "save_tables",
    "threshold_sweep",
]
