"""Classify every raw line of an article (section, title, dateline, standfirst, body, duplicate,
boilerplate, blank) with a reason a person can read, and build the clean body.

How a line is judged (the signals of jusText, C4/Gopher and CCNet, combined):

1. Shape, per line: length, stopword density, terminal punctuation, a trailing ellipsis (teaser),
   headline casing, link/menu phrases, no words at all. Each non-blank line gets a class
   (`good`, `near-good`, `short`, `bad`) and a numeric `score` (positive: reads like prose).
2. Corpus: a line whose normalised hash recurs in many articles of the corpus is boilerplate
   (`repeats in N of M articles`), as CCNet does; the counts are a reduction that sums over partitions.
3. Context: the article is the contiguous run of lines with the highest total score (short lines
   between body lines are body, a menu or a list of headlines costs more than it brings); further
   runs are added when they carry enough prose. When the article's paragraphs are separated by blank
   lines, lines laid out the same way next to it are kept (captions, lists) unless they are bad.
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
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from toolkit.config import settings
from toolkit.clean.normalise import normalise_line

LINE_COLUMNS = ["article_id", "line_no", "text", "kind", "reason", "score"]
KINDS = ("section", "title", "dateline", "standfirst", "body", "duplicate", "boilerplate", "blank")
DROPPED_KINDS = ("duplicate", "boilerplate")

# Defaults used when toolkit/defaults.toml has no [clean] value (the toml documents each one).
_FALLBACK: dict[str, Any] = {
    "length_low": 70,
    "length_high": 150,
    "stopwords_low": 0.20,
    "stopwords_high": 0.30,
    "short_penalty": 3.0,
    "bad_penalty": 6.0,
    "near_good_weight": 0.6,
    "extra_block_min_score": 25.0,
    "extra_block_ratio": 0.25,
    "near_gap": 3,
    "first_run_ratio": 0.5,
    "near_block_min_score": 10.0,
    "brief_min_words": 5,
    "list_min_items": 6,
    "list_number_share": 0.6,
    "teaser_max_words": 40,
    "duplicate_min_words": 8,
    "title_max_distance": 6,
    "standfirst_max_gap": 10,
    "section_max_words": 3,
    "repeat_min_articles": 3,
    "repeat_min_share": 0.05,
}

# --- word lists ----------------------------------------------------------------------------------

# The most frequent function words of the languages met in scraped news (en, es, pt, fr, de, it, nl,
# id, ru): stopword density is the jusText signal that tells running prose from menus and headlines.
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours out over own said same she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself yet us says may
el la los las de del en y a que es por un una para con no se su al lo como más pero sus le ya o este
sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante
o os as um uma do da dos das em no na nos nas e que com para por se não mais como mas ao à ele ela seu sua
foi são ser ter há ou quando muito também já eu isso esse essa pelo pela
le la les un une des du de et en est que qui dans pour pas sur au aux avec ce cette il elle ne se plus
par son sa ses mais ou ont été être fait comme nous vous ils leur
der die das den dem des ein eine einer eines und ist im in zu mit sich auf für nicht von es an als auch
wird werden dass bei aus nach oder wie sie er wir ich hat haben sind war noch nur so zum zur
il lo gli di da per con non che una sono è del della nel alla anche come più ma questo
de het een en van in op te dat die is niet met voor zijn aan ook als bij er maar om uit wordt
yang dan di ke dari ini itu dengan untuk tidak ada dalam akan pada juga oleh saya kita kami mereka
atau karena sudah bisa jika kalau jadi tapi lebih
и в не на что с по как это он она они но из к у за от то же так для все его ее был была были
бы мы вы или уже если только также может
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CLOSERS = "\"'”’»)]】」』*"
# Emoji and pictographs (with their variation selector, joiner and skin-tone modifiers) may follow the
# punctuation that ends a sentence (`We hope to see you soon! 🙂`).
_EMOJI = "\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff"
_TAIL = r"(?:[" + re.escape(_CLOSERS) + r"]|\s*[" + _EMOJI + r"])*$"
_TERMINAL = re.compile(r"[.!?。！？;:…]" + _TAIL)
_SENTENCE_END = re.compile(r"[.!?。！？]" + _TAIL)
_FULL_STOP = re.compile(r"(?<!\.)[.!。！]" + _TAIL)
_ELLIPSIS = re.compile(r"(\.\.\.|…)[" + re.escape(_CLOSERS) + r"]*$")
# A number standing as a word of its own (`5040`, `60–90`, `1/2`, `½`, `$11.99`, `3rd`), not part of a name
# such as `T20I` or `4PM`: the cells of a table and the quantities of a recipe.
_NUMBER = re.compile(
    r"(?<![^\W\d_])[-+−]?[$€£¥₹₩]?(?:\d+(?:[.,:/–-]\d+)*|[½¼¾⅓⅔⅛])(?:%|st|nd|rd|th)?(?![^\W\d_])"
)
# Numbers of a sidebar rather than of a table: a count after a label (`Akhlaq (47)`), an archive month
# (`November 2019`).
_COUNTER = re.compile(r"\s*\(\d+\)$")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
# Menu, sharing, consent and footer phrases (matched on short lines only; prose may mention them).
_BOILER_PHRASE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcookies?\b|\bprivacy (?:policy|notice|settings)\b|"
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bsign (?:in|up)\b|\blog ?in\b|\bsubscribe\b|"
    r"\bnewsletters?\b|\bfollow us\b|\bshare (?:this|on)\b|\badvertisement\b|^advertising$|\bread more\b|"
    r"^follow \w+(?: \w+)? on (?:twitter|facebook|instagram|linkedin|youtube)\b|"
    r"\bclick here\b|\bskip to (?:main )?content\b|\bback to top\b|\breturn to top\b|\bloading\b|"
    r"\bmost (?:popular|read|viewed)\b|\brelated (?:articles?|stories|posts|content|news)\b|"
    r"^\d*\s*comments?$|\bleave a reply\b|\ball rights\b|\bdownload (?:the|our) app\b|\bjavascript\b",
    re.IGNORECASE,
)
_BOILER_MAX_WORDS = 14
# A label opening a short line that is not a sentence (`Photo: Damian Dovarganes, AP`, `Tags: ...`).
_LABEL_LINE = re.compile(
    r"^(?:related|see also|photo|image|video|source|watch|read|more|tags?|topics)\s*:", re.I
)
# Legal and account notices: boilerplate at any length.
_LEGAL_PHRASE = re.compile(
    r"©|\ball rights reserved\b|\bmay not be reproduced\b|\bunsubscribe\b|\bregistered trademarks? of\b",
    re.IGNORECASE,
)
# Headers of what follows an article on a page (comments, related stories): the article does not go on
# past them, so no run of body lines is looked for beyond the first one after the article.
_COMMENTS_MARKER = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies)\b|^(?:leave a (?:reply|comment)|comments are closed|"
    r"post a comment|add a comment|join the (?:discussion|conversation)|"
    r"(?:show|view|load) (?:all )?comments)\b",
    re.IGNORECASE,
)
_END_MARKER = re.compile(
    r"^(?:you (?:may|might) also (?:like|enjoy)|explore further|further reading|see also$|"
    r"about (?:the )?(?:author|us)\b|(?-i:(?:About|Über|Sobre|À propos de) [A-Z]\w*(?: [A-Z]\w*){0,3}$)|"
    r"more from\b|more stories|(?-i:More [A-Z]\w+(?: [A-Z]\w+)?$)|recommended\b|"
    r"related (?:articles?|stories|posts|content|news|coverage)|"
    r"most (?:popular|read|viewed|shared)|trending (?:now|stories|news)|read next|up next|"
    r"popular (?:stories|posts|articles)|latest (?:news|stories|posts|articles))",
    re.IGNORECASE,
)
_END_MARKER_MAX_WORDS = 8
# A photo credit on a line of its own (`Natalie Naccache | Bloomberg | Getty Images`); the line above it
# is the photo's caption.
_CREDIT = re.compile(
    r"\b(?:getty images|ap photo|associated press|shutterstock|istock|afp|reuters|epa-efe|photo credit|"
    r"image credit|file photo|courtesy of)\b|^(?:photo|image|picture|foto|credit)s?\s*(?:by|:)|"
    r"\S \| \S.* \| \S",
    re.IGNORECASE,
)
_CREDIT_MAX_WORDS = 8
# A picture's label lines: `Image caption` (the caption follows it) and `Image copyright Getty Images` (a
# credit printed above the picture: the line above it is text, not a caption).
_CAPTION_LABEL = re.compile(r"^(?:(?:image|photo|picture|video)\s+)?caption\s*:?$", re.IGNORECASE)
_COPYRIGHT_LABEL = re.compile(r"^(?:image|photo|picture|video)\s+copyright\b", re.IGNORECASE)
# A label that introduces links to other pages (`More:`, `Related:`, `Read more:`, `Tags:`).
_LINK_LABEL = re.compile(
    r"^(?:related(?: \w+)?|see also|more|more on this|read (?:more|also|next)|also read|tags?|topics)\s*:$",
    re.IGNORECASE,
)
_INNER_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
# Words that describe a picture rather than report. Strong cues (`In this Dec. 12, 2006, file photo`,
# `Mark Esper, left, and ...`) mark a caption of up to two sentences, weak ones (`pictured`) one sentence.
_CAPTION_STRONG = re.compile(
    r"\bfile (?:photo|image)\b|\bin this (?:[\w.,-]+ ){0,6}(?:photo|image|picture)\b|"
    r"\(?(?:AP|Getty|Reuters|AFP) (?:Photo|Images)\b|, (?:left|right|centre|center),|"
    r"\b(?:photo )?credit: \S",
    re.IGNORECASE,
)
_CAPTION_WEAK = re.compile(r"\bpictured\b|\billustration (?:of|shows)\b|\(pictured\)", re.IGNORECASE)
_CAPTION_MAX_WORDS = 60
# A byline: `By`, `By Sarah E. Needleman` (names capitalised).
_BYLINE = re.compile(r"^(?i:by|por|von|par|oleh)(?:\s+[A-Z][\w.'-]*(?:,?\s+[A-Z][\w.'-]*){0,4})?\s*$")
_COMMENT_HEADER = re.compile(
    r"^\S+(?: \S+){0,2} (?:says|said|wrote|writes|replied|commented)\s*:?$", re.IGNORECASE
)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}T?)?"
_DATE_CORE = (
    r"(?:"
    + _WEEKDAY
    + r",?\s+)?(?:"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH.replace("month", "month2")
    + r",?(?:\s+(?P<year2>\d{4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
# A line that is only a date (with an optional label, time and time zone): `Friday, January 4, 2019`,
# `1:39 am EST, Wednesday, November 20, 2019`, `Published: 20 Nov 2019 10:05`.
_DATE_LINE = re.compile(
    r"^(?:(?:updated|published|posted|last updated|date)\s*:?\s*)?(?:"
    + _TIME
    + r",?\s*)?"
    + _DATE_CORE
    + r"(?:,?\s*(?:at\s+)?"
    + _TIME
    + r")?\s*$",
    re.IGNORECASE,
)
# A month and a year alone, as archive links list them (`November 2019`, `Nov 2019 (12)`).
_MONTH_YEAR = re.compile(r"^" + _MONTH.replace("(?P<month>", "(?:") + r",?\s+\d{4}(?:\s*\(\d+\))?$", re.I)
# A wire-style dateline at the start of a paragraph: `CLEVELAND, Feb 26 - `, `LONDON (Reuters) - `.
_DATELINE_PREFIX = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?"
    r"(?:,\s*(?i:"
    + _MONTH.replace("(?P<month>", "(?:")
    + r"\s+\d{1,2}(?:,\s*\d{4})?))?(?:\s*\([A-Za-z ]+\))?)"
    r"\s+[-–—]+\s+(?=\S)"
)


# --- options -------------------------------------------------------------------------------------


def options(**overrides: Any) -> dict[str, Any]:
    """The cleaning thresholds: fallbacks, then `[clean]` of the settings files, then `overrides`."""
    merged = dict(_FALLBACK)
    merged.update(settings("clean"))
    unknown = set(overrides) - set(merged)
    if unknown:
        raise TypeError(f"unknown cleaning option(s): {', '.join(sorted(unknown))}")
    merged.update(overrides)
    return merged


# --- line features -------------------------------------------------------------------------------


@dataclass
class _Line:
    index: int  # 0-based raw line index
    raw: str
    text: str  # normalised
    changes: list[str] = field(default_factory=list)
    n_words: int = 0
    n_chars: int = 0
    stop_density: float = 0.0
    terminal: bool = False
    klass: str = "short"  # good, near-good, short, bad
    bad_reason: str = ""
    weight: float = 0.0
    gap_before: int = 0  # blank lines between this line and the previous non-blank one
    soft: bool = False  # bad by shape only: kept when it lies inside the article (a quote may end in `...`)
    fence: str = ""  # `comments` / `related`: a heading after which the article does not go on
    listed: int = -1  # the number of the list or table this line belongs to (-1: none)


_DIGIT = re.compile(r"\d")


def line_key(text: str) -> str:
    """The hash of a line as corpus repetition counts it: case, digits, punctuation and spacing ignored."""
    if not _WORD.search(text):
        return ""  # numbers and punctuation alone (`0`, `1 / 23`) say nothing about a page's template
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _DIGIT.sub("0", folded)
    folded = " ".join(_TOKEN.findall(folded))
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest() if folded else ""


def _shape(line: _Line, opts: Mapping[str, Any]) -> None:
    text = line.text
    words = _WORD.findall(text)
    cjk = len(_CJK.findall(text))
    line.n_words = len(words) + cjk // 2
    line.n_chars = len(text) + cjk  # a CJK character carries about as much as two Latin ones
    if cjk > len(text) * 0.3:
        line.stop_density = float(opts["stopwords_high"])  # no word list for these scripts: neutral-good
    elif words:
        # initials and abbreviations (`R-W.Va.`, `U.S.`) are not words: they would dilute the density
        counted = [w for w in words if len(w) > 1 or w.casefold() in STOPWORDS] or words
        line.stop_density = sum(1 for w in counted if w.casefold() in STOPWORDS) / len(counted)
    line.terminal = bool(_TERMINAL.search(text))
    if not _TOKEN.search(text):
        line.klass, line.bad_reason = "short", "no words"
        return
    if _URL.match(text):
        line.klass, line.bad_reason = "bad", "a link, not text"
        return
    if line.n_words <= _END_MARKER_MAX_WORDS and _COMMENTS_MARKER.match(text):
        line.klass, line.bad_reason, line.fence = "bad", "heading of the comments", "comments"
        return
    if line.n_words <= _END_MARKER_MAX_WORDS and _END_MARKER.match(text):
        line.klass, line.bad_reason, line.fence = "bad", "heading of what follows the article", "related"
        return
    if _DATE_LINE.match(text):
        line.klass, line.bad_reason, line.soft = "bad", "date line", True
        return
    if _COMMENT_HEADER.match(text):
        line.klass, line.bad_reason, line.soft = "bad", "comment header", True
        return
    if _ELLIPSIS.search(text) and line.n_words <= opts["teaser_max_words"]:
        line.klass, line.bad_reason, line.soft = "bad", "ellipsis teaser", True
        return
    if (
        (match := _LEGAL_PHRASE.search(text))
        or (line.n_words <= _BOILER_MAX_WORDS and (match := _BOILER_PHRASE.search(text)))
        or (
            line.n_words <= _BOILER_MAX_WORDS
            and not _SENTENCE_END.search(text)
            and (match := _LABEL_LINE.search(text))
        )
    ):
        line.klass, line.bad_reason = "bad", f"menu or footer phrase {match.group(0).strip(' :')!r}"
        return
    long_enough = line.n_chars >= opts["length_high"]
    if line.stop_density >= opts["stopwords_high"] and (
        long_enough and (line.terminal or line.n_chars >= 2 * opts["length_high"])
    ):
        line.klass = "good"
    elif (
        line.n_chars >= opts["length_low"]
        and line.stop_density >= opts["stopwords_low"]
        and (line.terminal or long_enough)
    ):
        line.klass = "near-good"
    else:
        line.klass = "short"


def _shape_reason(line: _Line, opts: Mapping[str, Any]) -> str:
    """Why a line does not read as body text on its own."""
    if line.bad_reason:
        return line.bad_reason
    if not line.terminal:
        return "ends without terminal punctuation"
    if line.n_chars < opts["length_low"]:
        return f"short line ({line.n_chars} characters)"
    if line.stop_density < opts["stopwords_low"]:
        return f"few function words ({line.stop_density:.0%})"
    return "reads as prose but lies outside the article"


def _hard(line: _Line) -> bool:
    """Bad for a reason that context cannot outweigh (a menu phrase, a repeated line, a credit...)."""
    return line.klass == "bad" and not line.soft


def _weight(line: _Line, opts: Mapping[str, Any]) -> float:
    if line.listed >= 0 and line.klass == "short":
        return 0.0  # an item of a list or table: neither prose nor boilerplate
    if line.klass == "good":
        return float(line.n_words)
    if line.klass == "near-good":
        return float(opts["near_good_weight"]) * line.n_words
    if line.klass == "bad":
        return -max(float(opts["bad_penalty"]), float(line.n_words))
    return -float(opts["short_penalty"])


def _has_number(text: str) -> bool:
    """Whether a line carries a number of its own (not a sidebar count or an archive month)."""
    return bool(_NUMBER.search(_COUNTER.sub("", text))) and not _MONTH_YEAR.match(text)


def _mark_lists(lines: list[_Line], opts: Mapping[str, Any]) -> None:
    """Number the lists and tables of an article in `listed`: runs of short lines that mostly carry numbers.

    A recipe, a standings table or a timetable dumped one cell or item per line is a run of short lines
    (`5040`, `1 cup asparagus, 2 eggs`, `Meal 1`) that no sentence anchors; menus and lists of headlines
    seldom carry a number on most lines. A run has no bad line and no two sentences in a row (that is
    prose); it is a list when it has `list_min_items` short lines, a `list_number_share` of them with a
    number. Its short lines cost nothing in the run of body lines, and the article that reaches it takes
    it in whole.
    """
    block: list[int] = []
    count = 0

    def close() -> None:
        nonlocal count
        while block and lines[block[-1]].klass != "short":
            block.pop()
        items = [pos for pos in block if not lines[pos].bad_reason]
        numbered = sum(1 for pos in items if _has_number(lines[pos].text))
        if len(items) >= opts["list_min_items"] and numbered >= float(opts["list_number_share"]) * len(items):
            for pos in block:
                lines[pos].listed = count
            count += 1
        block.clear()

    for pos, line in enumerate(lines):
        if line.klass == "bad" or line.fence:
            close()
        elif line.klass == "short" or (block and lines[block[-1]].klass == "short"):
            block.append(pos)  # an item, or one sentence between items (a note in a recipe)
        else:
            close()
    close()


def _labelled(lines: list[_Line], duplicate_of: Mapping[int, int]) -> dict[int, str]:
    """Lines a label line marks as not the article's text, with the reason.

    A caption label (`Image caption`) and the caption right below it; a label that introduces links to other
    pages (`More:`, `Related:`, `Read more:`) and the short lines after it that are not sentences.
    """
    found: dict[int, str] = {}
    for pos, line in enumerate(lines):
        if _CAPTION_LABEL.match(line.text):
            found[pos] = "caption label"
            below = lines[pos + 1] if pos + 1 < len(lines) else None
            if below is not None and not _hard(below) and below.n_words <= _CAPTION_MAX_WORDS:
                found[pos + 1] = f"photo caption (below line {line.index + 1}, {line.text!r})"
        elif _LINK_LABEL.match(line.text):
            for after in range(pos + 1, len(lines)):
                if (
                    lines[after].klass != "short"
                    or lines[after].bad_reason
                    or after in duplicate_of
                    or _SENTENCE_END.search(lines[after].text)
                ):
                    break
                found[after] = f"a link under line {line.index + 1} ({line.text!r})"
    return found


# --- regions -------------------------------------------------------------------------------------


def _best_run(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Kadane: the contiguous run in weights[lo:hi] with the largest sum (sum, start, end-exclusive)."""
    best, best_start, best_end = 0.0, lo, lo
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best, best_start, best_end


def _regions(
    weights: list[float], good: list[bool], fences: list[str], opts: Mapping[str, Any]
) -> list[tuple[int, int]]:
    """The main run of body lines plus further runs carrying enough prose, in order.

    No run crosses a fence (a `related` or `comments` heading); nothing after a comments heading that
    follows some prose is looked at. A further run is added when it is heavy (`extra_block_ratio` of the
    main run, same fenced stretch), or when it is close to the article (`near_gap` lines, across a
    caption or a small box of links) and carries `near_block_min_score`.
    """
    limit = len(weights)
    segments: list[tuple[int, int]] = []
    lo = 0
    for hi in [i for i, fence in enumerate(fences) if fence] + [len(weights)]:
        segments.append((lo, hi))
        if (
            hi < len(weights)
            and fences[hi] == "comments"
            and _best_run(weights, lo, hi)[0] >= opts["extra_block_min_score"]
        ):
            limit = hi  # comments can outweigh the article they follow: nothing after their heading counts
            break
        lo = hi + 1
    runs = [_best_run(weights, a, b) for a, b in segments]
    best = max(score for score, _, _ in runs)
    if best <= 0:
        return []
    # Footers and teasers after a `related` heading can outweigh a short article above it.
    main_score, start, end = next(run for run in runs if run[0] >= float(opts["first_run_ratio"]) * best)
    regions = [(start, end)]
    heavy = max(float(opts["extra_block_min_score"]), float(opts["extra_block_ratio"]) * main_score)
    near_gap, near_score = int(opts["near_gap"]), float(opts["near_block_min_score"])
    while True:
        covered = [False] * limit
        for a, b in regions:
            for i in range(a, min(b, limit)):
                covered[i] = True
        added = False
        for a, b in segments:
            # each uncovered stretch of this segment
            i = a
            while i < min(b, limit):
                if covered[i]:
                    i += 1
                    continue
                j = i
                while j < min(b, limit) and not covered[j]:
                    j += 1
                score, s, e = _best_run(weights, i, j)
                if score > 0 and any(good[s:e]):
                    distance = min(min(abs(s - rb), abs(ra - e)) for ra, rb in regions)
                    fenced = any(fences[k] for k in range(min(s, start), max(e, end)))
                    if (score >= heavy and not fenced) or (distance <= near_gap and score >= near_score):
                        regions.append((s, e))
                        added = True
                        break
                i = j
            if added:
                break
        if not added:
            return sorted(regions)


def _blank_separated(lines: list[_Line], members: list[int]) -> int:
    """The usual number of blank lines between consecutive body lines (0 when they are contiguous)."""
    gaps = [lines[i].gap_before for i in members[1:]]
    if len(gaps) < 2:
        return 0
    common, count = Counter(gaps).most_common(1)[0]
    return common if common > 0 and count >= 0.6 * len(gaps) else 0


# --- dates ---------------------------------------------------------------------------------------


def parse_dateline_date(text: str) -> pd.Timestamp:
    """The full date of a dateline (`Friday, January 4, 2019` -> 2019-01-04); NaT without day and year."""
    match = _DATE_LINE.match(text.strip()) or re.search(_DATE_CORE, text, re.IGNORECASE)
    if not match:
        return pd.NaT
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return pd.Timestamp(groups["iso"])
        month = groups.get("month") or groups.get("month2")
        day = groups.get("day") or groups.get("day2")
        year = groups.get("year") or groups.get("year2")
        if not (month and day and year):
            return pd.NaT
        return pd.Timestamp(year=int(year), month=_MONTHS[month.lower().rstrip(".")], day=int(day))
    except (ValueError, KeyError):
        return pd.NaT


# --- the article ---------------------------------------------------------------------------------


def raw_lines(raw_text: str) -> list[str]:
    """The raw lines as the loader counts them (a final newline does not start another line)."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _is_section(line: _Line, opts: Mapping[str, Any]) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return (
        0 < line.n_words <= opts["section_max_words"]
        and not line.bad_reason
        and bool(letters)
        and all(c.isupper() for c in letters)
        and not _SENTENCE_END.search(line.text)
    )


def _is_headline(line: _Line) -> bool:
    return (
        3 <= line.n_words <= 30
        and not line.bad_reason
        and not (_SENTENCE_END.search(line.text) and not line.text.rstrip(_CLOSERS).endswith(("?", "!")))
    )


def clean_article(
    raw_text: str,
    *,
    article_id: str = "article",
    corpus_line_counts: Mapping[str, int] | None = None,
    n_articles: int | None = None,
    title: str | None = None,
    **overrides: Any,
) -> tuple[dict[str, Any], pd.DataFrame]:
    """Classify every raw line of one article; return the article fields and its `lines` table.

    `corpus_line_counts` (from `line_repetition_counts`) turns on the corpus-repetition rule; the number
    of articles is its `n_articles` attribute or the `n_articles` argument. `title` is a known headline
    (from metadata): a line equal to it is the title. Other keyword options override the thresholds in
    the `[clean]` settings (see `options()`).
    """
    fields, columns = _clean_article(
        raw_text, article_id, corpus_line_counts, n_articles, title, options(**overrides)
    )
    return fields, _lines_frame(columns)


def _clean_article(
    raw_text: str,
    article_id: str,
    corpus_line_counts: Mapping[str, int] | None,
    n_articles: int | None,
    title: str | None,
    opts: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """`clean_article` with its `lines` rows as columns of plain lists: a corpus types one table per
    partition instead of building a DataFrame per article (that was 40% of the cleaning time)."""
    raws = raw_lines(raw_text if isinstance(raw_text, str) else "")
    lines: list[_Line] = []
    kinds = ["blank"] * len(raws)
    reasons = [""] * len(raws)
    scores = [0.0] * len(raws)
    gap = 0
    for index, raw in enumerate(raws):
        text, changes = normalise_line(raw)
        if not text:
            gap += 1
            continue
        line = _Line(index, raw, text, [c.describe() for c in changes], gap_before=gap)
        gap = 0
        _shape(line, opts)
        lines.append(line)

    # Photo credits, and the captions right above them.
    for pos, line in enumerate(lines):
        if line.bad_reason:
            continue
        if line.n_words <= _CREDIT_MAX_WORDS and _COPYRIGHT_LABEL.match(line.text):
            line.klass, line.bad_reason = "bad", "photo credit"
            continue
        if line.n_words <= _CREDIT_MAX_WORDS and not _SENTENCE_END.search(line.text) and _CREDIT.search(line.text):
            line.klass, line.bad_reason = "bad", "photo credit"
            above = lines[pos - 1] if pos > 0 else None
            if above is not None and not above.bad_reason and above.n_words <= _CAPTION_MAX_WORDS:
                above.klass, above.bad_reason = "bad", "photo caption (above a photo credit)"

    for line in lines:
        if (
            not line.bad_reason
            and line.n_words <= _CAPTION_MAX_WORDS
            and (sentences := len(_INNER_SENTENCE_END.findall(line.text)) + 1) <= 2
            and (_CAPTION_STRONG.search(line.text) or (sentences == 1 and _CAPTION_WEAK.search(line.text)))
        ):
            line.klass, line.bad_reason = "bad", "photo caption"

    # Corpus repetition.
    total = n_articles if n_articles is not None else getattr(corpus_line_counts, "n_articles", None)
    if corpus_line_counts is not None and total:
        floor = max(int(opts["repeat_min_articles"]), float(opts["repeat_min_share"]) * total)
        for line in lines:
            key = line_key(line.text)
            seen = corpus_line_counts.get(key, 0) if key else 0
            if seen >= floor and seen >= 2:
                line.klass, line.bad_reason = "bad", f"repeats in {seen} of {total} articles"

    _mark_lists(lines, opts)

    # In-article duplicates (long lines only: a repeated caption such as `Hobbits` is not a copy; nor is an
    # item repeated in a list, such as the same meal in two weekly plans).
    first_seen: dict[str, int] = {}
    duplicate_of: dict[int, int] = {}
    for pos, line in enumerate(lines):
        if line.n_words < opts["duplicate_min_words"]:
            continue
        key = line_key(line.text)
        if key in first_seen and line.listed >= 0 and lines[first_seen[key]].listed == line.listed:
            continue
        if key in first_seen:
            duplicate_of[pos] = first_seen[key]
        else:
            first_seen[key] = pos

    for line in lines:
        line.weight = _weight(line, opts)
    weights = [0.0 if pos in duplicate_of else line.weight for pos, line in enumerate(lines)]
    regions = _regions(
        weights, [line.klass == "good" for line in lines], [line.fence for line in lines], opts
    )
    in_body = [False] * len(lines)
    for start, end in regions:
        for pos in range(start, end):
            in_body[pos] = not _hard(lines[pos])

    # A brief (a wire item of two or three sentences) has no long paragraph to anchor a run: its full
    # sentences are its body rather than nothing at all.
    brief = not any(in_body)
    if brief:
        for pos, line in enumerate(lines):
            in_body[pos] = (
                not _hard(line)
                and pos not in duplicate_of
                and line.n_words >= opts["brief_min_words"]
                and line.stop_density >= opts["stopwords_low"]
                and bool(_FULL_STOP.search(line.text))
            )
    # Paragraphs laid out with blank lines: neighbours laid out the same way belong to the article.
    members = [pos for pos, flag in enumerate(in_body) if flag]
    if members and _blank_separated(lines, list(range(len(lines)))):
        for pos in range(members[-1] + 1, len(lines)):
            if lines[pos].gap_before < 1 and not lines[pos].terminal:
                break
            in_body[pos] = in_body[pos] or (pos not in duplicate_of and not _hard(lines[pos]))
        for pos in range(members[0] - 1, -1, -1):
            if lines[pos + 1].gap_before < 1 or (pos == 0 and _DATE_LINE.match(lines[pos].text)):
                break
            in_body[pos] = pos not in duplicate_of and not _hard(lines[pos])
    # Full sentences right after the article's last line end it (`We rate the statement Mostly True.`);
    # a list of headlines does not end in full stops.
    members = [pos for pos, flag in enumerate(in_body) if flag]
    if members:
        for pos in range(members[-1] + 1, len(lines)):
            line = lines[pos]
            if (
                line.klass == "bad"
                or pos in duplicate_of
                or line.n_words < 3
                or not _FULL_STOP.search(line.text)
            ):
                break
            in_body[pos] = True
    kept_as: dict[int, str] = {}
    # A list or table the article runs into goes on to its end (the items of a recipe or a standings table
    # after the paragraph that introduces them).
    for pos in [pos for pos in range(len(lines) - 1) if in_body[pos] and lines[pos + 1].listed >= 0]:
        following = pos + 1
        while following < len(lines) and lines[following].listed == lines[pos + 1].listed:
            if not in_body[following]:
                in_body[following] = True
                kept_as[following] = "an item of a list or table the article runs into"
            following += 1
    # A body line ending in a colon introduces what follows: the short lines right after it are its items
    # (a bullet list whose items end without a full stop).
    for pos in [pos for pos in range(len(lines) - 1) if in_body[pos] and lines[pos].text.endswith(":")]:
        following = pos + 1
        while (
            following < len(lines)
            and not in_body[following]
            and lines[following].klass == "short"
            and not lines[following].bad_reason
            and following not in duplicate_of
        ):
            in_body[following] = True
            kept_as[following] = f"an item of the list introduced by line {lines[pos].index + 1}"
            following += 1
    # Short lines between two body lines are body even across an added run (context smoothing).
    members = [pos for pos, flag in enumerate(in_body) if flag]
    if members:
        for pos in range(members[0], members[-1] + 1):
            if (
                not in_body[pos]
                and not _hard(lines[pos])
                and lines[pos].klass != "good"
                and pos not in duplicate_of
            ):
                prev_body = in_body[pos - 1] if pos > 0 else False
                next_body = pos + 1 < len(lines) and in_body[pos + 1]
                if prev_body and next_body:
                    in_body[pos] = True
    # Labels inside the article and what they label: the links under `More:`, a caption under `Image caption`.
    # They do not split the article (they weigh as short lines), they are only taken out of it.
    labelled = _labelled(lines, duplicate_of)
    for pos in labelled:
        in_body[pos] = False
    members = [pos for pos, flag in enumerate(in_body) if flag]
    first_body = members[0] if members else len(lines)
    last_body = members[-1] if members else -1

    fields: dict[str, Any] = {
        "section": None,
        "title": None,
        "dateline": None,
        "standfirst": None,
        "dateline_date": pd.NaT,
    }
    kind_of: dict[int, str] = {}
    reason_of: dict[int, str] = {}
    for pos, line in enumerate(lines):
        if in_body[pos]:
            kind_of[pos] = "body"
            if pos in kept_as:
                reason_of[pos] = f"kept: {kept_as[pos]}"
            elif line.klass != "good":
                detail = f" ({line.bad_reason})" if line.bad_reason else ""
                reason_of[pos] = (
                    "kept: a full sentence of a short article"
                    if brief
                    else f"kept by context: within the article's run of body lines{detail}"
                )
        elif pos in duplicate_of and duplicate_of[pos] in set(members) | {first_body - 1}:
            kind_of[pos] = "duplicate"
            reason_of[pos] = f"copy of line {lines[duplicate_of[pos]].index + 1}"
        else:
            kind_of[pos] = "boilerplate"
            shape = _shape_reason(line, opts)
            if pos in labelled:
                reason_of[pos] = labelled[pos]
            elif line.bad_reason:
                reason_of[pos] = shape
            elif pos in duplicate_of:
                reason_of[pos] = f"copy of line {lines[duplicate_of[pos]].index + 1}"
                kind_of[pos] = "duplicate"
            elif pos > last_body:
                reason_of[pos] = (
                    f"after the last body line ({shape})" if members else f"no article text found ({shape})"
                )
            elif pos < first_body:
                reason_of[pos] = f"before the first body line ({shape})"
            else:
                reason_of[pos] = f"between blocks of the article ({shape})"
    # Duplicates inside the body run: the copy is dropped, the first occurrence stays.
    for pos, original in duplicate_of.items():
        if kind_of[pos] == "body":
            kind_of[pos] = "duplicate"
            reason_of[pos] = f"copy of line {lines[original].index + 1}"
    # Standfirst: the first line of the article when a copy of it follows in the article.
    copied = set(duplicate_of.values())
    body_positions = [pos for pos in range(len(lines)) if kind_of[pos] == "body"]
    if body_positions and body_positions[0] in copied and len(body_positions) > 1:
        pos = body_positions[0]
        kind_of[pos], reason_of[pos] = "standfirst", "first paragraph, repeated below"
        fields["standfirst"] = lines[pos].text
        body_positions = body_positions[1:]
    # Standfirst: a summary line followed by the byline or the date, then the article (news layout:
    # headline, standfirst, byline, date, text).
    if fields["standfirst"] is None and len(body_positions) > 1:
        first = body_positions[0]
        for pos in range(first + 1, min(first + 1 + int(opts["standfirst_max_gap"]), len(lines))):
            if _DATE_LINE.match(lines[pos].text) or _BYLINE.match(lines[pos].text):
                if lines[first].n_words >= 8 and any(p > pos for p in body_positions):
                    kind_of[first], reason_of[first] = "standfirst", "summary above the byline or date"
                    fields["standfirst"] = lines[first].text
                    body_positions = body_positions[1:]
                break
            if kind_of[pos] == "body" and lines[pos].klass in ("good", "near-good"):
                break
    # Date lines at the top of the article are its dateline, not its text.
    while body_positions and _DATE_LINE.match(lines[body_positions[0]].text):
        kind_of[body_positions[0]] = "boilerplate"
        body_positions = body_positions[1:]
    lead = body_positions[0] if body_positions else len(lines)
    above = [pos for pos in range(lead) if kind_of[pos] == "boilerplate"]

    # Dateline: a date-only line above the article, or a wire prefix of its first paragraph.
    for pos in above:
        if _DATE_LINE.match(lines[pos].text):
            kind_of[pos], reason_of[pos] = "dateline", "date line above the article"
            fields["dateline"] = lines[pos].text
            fields["dateline_date"] = parse_dateline_date(lines[pos].text)
            break
    body_texts = {pos: lines[pos].text for pos in body_positions}
    if body_positions and fields["dateline"] is None:
        match = _DATELINE_PREFIX.match(body_texts[lead])
        if match and len(match.group("dateline").split()) <= 8:
            fields["dateline"] = match.group("dateline").strip()
            fields["dateline_date"] = parse_dateline_date(fields["dateline"])
            body_texts[lead] = body_texts[lead][match.end() :]
            reason_of[lead] = "; ".join(
                filter(None, [reason_of.get(lead), "dateline prefix moved to dateline"])
            )

    # Title: the metadata headline if a line matches it, else the nearest headline-shaped line above.
    above = [pos for pos in range(lead) if kind_of[pos] == "boilerplate"]
    title_pos = None
    if title:
        wanted = line_key(title)
        title_pos = next((pos for pos in above if line_key(lines[pos].text) == wanted), None)
    if title_pos is None:
        near = [
            pos for pos in above if lead - pos <= opts["title_max_distance"] and not lines[pos].bad_reason
        ]
        shaped = [pos for pos in near if _is_headline(lines[pos]) and not _DATE_LINE.match(lines[pos].text)]
        if shaped and body_positions:
            title_pos = max(shaped, key=lambda pos: (lines[pos].n_words >= 5, pos))
    if title_pos is not None:
        kind_of[title_pos], reason_of[title_pos] = "title", "headline above the article"
        fields["title"] = lines[title_pos].text

    # Section: a short upper-case first line (`WORLD`) right above the article.
    if lines and kind_of[0] == "boilerplate" and _is_section(lines[0], opts):
        following = next((pos for pos in range(1, len(lines)) if kind_of[pos] != "boilerplate"), None)
        if following is not None and following <= 2 and following <= lead:
            kind_of[0], reason_of[0] = "section", "upper-case label above the article"
            fields["section"] = lines[0].text

    for pos, line in enumerate(lines):
        kinds[line.index] = kind_of[pos]
        note = reason_of.get(pos, "")
        if line.changes and kind_of[pos] not in DROPPED_KINDS:
            note = "; ".join(filter(None, [note, "normalised: " + ", ".join(line.changes)]))
        reasons[line.index] = note
        scores[line.index] = round(line.weight, 3)
    for index in range(len(raws)):
        if kinds[index] == "blank":
            reasons[index] = ""

    body = [body_texts[pos] for pos in body_positions if body_texts[pos]]
    fields.update(
        body="\n\n".join(body),  # one paragraph per line, a blank line between paragraphs
        n_raw_lines=len(raws),
        n_body_lines=len(body_positions),
        n_dropped_lines=sum(1 for k in kinds if k in DROPPED_KINDS),
    )
    columns = {
        "article_id": [article_id] * len(raws),
        "line_no": list(range(1, len(raws) + 1)),
        "text": raws,
        "kind": kinds,
        "reason": reasons,
        "score": scores,
    }
    return fields, columns


def _lines_frame(columns: Mapping[str, list[Any]]) -> pd.DataFrame:
    """The typed `lines` table from columns of plain lists."""
    return pd.DataFrame(
        {
            "article_id": pd.Series(columns["article_id"], dtype=object),
            "line_no": pd.Series(columns["line_no"], dtype="int64"),
            "text": pd.Series(columns["text"], dtype=object),
            "kind": pd.Series(columns["kind"], dtype=object),
            "reason": pd.Series(columns["reason"], dtype=object),
            "score": pd.Series(columns["score"], dtype="float64"),
        },
        columns=LINE_COLUMNS,
    )


# --- the corpus ----------------------------------------------------------------------------------


class LineCounts(Counter):
    """Per normalised-line hash, in how many articles it occurs; `n_articles` counts the articles.

    Counts from partitions of a corpus add up with `+` (a reduction, no pairwise comparison)."""

    def __init__(self, *args: Any, n_articles: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.n_articles = n_articles

    def __add__(self, other: Counter) -> LineCounts:  # type: ignore[override]
        merged = LineCounts(n_articles=self.n_articles + getattr(other, "n_articles", 0))
        merged.update(self)
        merged.update(other)
        return merged

    def __reduce__(self) -> tuple:
        return (_rebuild_counts, (dict(self), self.n_articles))


def _rebuild_counts(counts: dict[str, int], n_articles: int) -> LineCounts:
    return LineCounts(counts, n_articles=n_articles)


def article_line_keys(raw_text: str) -> set[str]:
    """The distinct normalised-line hashes of one article."""
    keys = {line_key(normalise_line(raw)[0]) for raw in raw_lines(raw_text or "")}
    keys.discard("")
    return keys


def line_repetition_counts(articles: pd.DataFrame | Iterable[str]) -> LineCounts:
    """In how many articles each normalised line occurs (the CCNet signal); sums across partitions."""
    texts = articles["text"] if isinstance(articles, pd.DataFrame) else articles
    counts = LineCounts()
    for text in texts:
        counts.update(article_line_keys(text if isinstance(text, str) else ""))
        counts.n_articles += 1
    return counts


_FILLED = ("section", "title", "dateline", "standfirst", "body", "n_body_lines", "n_dropped_lines")


def clean_corpus(
    articles: pd.DataFrame,
    *,
    progress: bool = True,
    corpus_line_counts: LineCounts | None = None,
    **overrides: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every article of the loader's `articles` table; return it filled in and the `lines` table.

    Repetition is counted over this table unless `corpus_line_counts` (e.g. summed over partitions) is
    given. A title from metadata is kept; a detected one fills a missing title. An article without a
    metadata date gets the full date of its dateline as `published` (`date_source="inferred"`).
    """
    opts = options(**overrides)  # read once; fails early on a misspelt option
    if "text" not in articles.columns:
        from toolkit.errors import ToolkitError

        raise ToolkitError("articles table has no 'text' column (use toolkit.corpus.load_corpus)")
    counts = corpus_line_counts if corpus_line_counts is not None else line_repetition_counts(articles)
    out = articles.copy()
    line_columns: dict[str, list[Any]] = {name: [] for name in LINE_COLUMNS}
    results: dict[str, list[Any]] = {name: [] for name in (*_FILLED, "dateline_date")}
    has_title = "title" in out.columns
    rows = zip(out["article_id"], out["text"], out["title"] if has_title else [None] * len(out), strict=True)
    for article_id, text, known_title in tqdm(
        rows, total=len(out), desc="cleaning", unit="article", disable=not progress
    ):
        known = known_title if isinstance(known_title, str) and known_title.strip() else None
        fields, columns = _clean_article(text if isinstance(text, str) else "", str(article_id), counts, None,
                                         known, opts)  # fmt: skip
        if known:
            fields["title"] = known
        for name in results:
            results[name].append(fields[name])
        for name, values in columns.items():
            line_columns[name].extend(values)
    for name in _FILLED:
        out[name] = pd.Series(results[name], index=out.index, dtype=object)
    for name in ("n_body_lines", "n_dropped_lines"):
        out[name] = out[name].astype("Int64")
    if "n_raw_lines" not in out.columns:
        out["n_raw_lines"] = [len(raw_lines(t if isinstance(t, str) else "")) for t in out["text"]]
    inferred = pd.to_datetime(pd.Series(results["dateline_date"], index=out.index, dtype=object)).astype(
        "datetime64[ns]"
    )
    if "published" not in out.columns:
        out["published"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    if "date_source" not in out.columns:
        out["date_source"] = "none"
    fill = out["published"].isna() & inferred.notna()
    out.loc[fill, "published"] = inferred[fill]
    out.loc[fill, "date_source"] = "inferred"
    return out, _lines_frame(line_columns)


# --- reading the result --------------------------------------------------------------------------


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
    for article_id, line_no, reason in zip(
        lines["article_id"], lines["line_no"], lines["reason"], strict=True
    ):
        if reason and "normalised: " in reason:
            for change in reason.split("normalised: ", 1)[1].split(", "):
                rows.append((article_id, int(line_no), change))
    return pd.DataFrame(rows, columns=["article_id", "line_no", "change"])


def threshold_sweep(
    articles: pd.DataFrame, option: str, values: Iterable[Any], **overrides: Any
) -> pd.DataFrame:
    """Clean `articles` once per value of one option; count body and dropped lines for each value.

    Returns `value, body_lines, dropped_lines, articles_changed` (articles whose body differs from the
    body with the default settings), to see what a threshold does before changing it."""
    counts = line_repetition_counts(articles)
    base, _ = clean_corpus(articles, progress=False, corpus_line_counts=counts, **overrides)
    rows = []
    for value in values:
        cleaned, lines = clean_corpus(
            articles, progress=False, corpus_line_counts=counts, **{**overrides, option: value}
        )
        rows.append(
            {
                "value": value,
                "body_lines": int((lines["kind"] == "body").sum()),
                "dropped_lines": int(lines["kind"].isin(DROPPED_KINDS).sum()),
                "articles_changed": int((cleaned["body"] != base["body"]).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["value", "body_lines", "dropped_lines", "articles_changed"])


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


def save_tables(articles: pd.DataFrame, lines: pd.DataFrame, processed_dir: str | Path) -> list[Path]:
    """Write `articles.parquet` and `lines.parquet` under `processed_dir`, each atomically."""
    from toolkit.io import write_parquet_atomic

    folder = Path(processed_dir)
    return [
        write_parquet_atomic(articles, folder / "articles.parquet"),
        write_parquet_atomic(lines, folder / "lines.parquet"),
    ]
