"""Per-line signals (the jusText and C4/Gopher ones): length, stopword density, terminal punctuation and
the patterns of menus, teasers, credits and captions give each line a class (`good`, `near-good`,
`short`, `bad`), a reason when it is bad, and a weight for choosing the article's run of lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.clean.dates import BYLINE_DATE, DATE_LINE
from toolkit.clean.lines import Line
from toolkit.clean.normalise import normalise_line
from toolkit.clean.patterns import (
    BOILER_MAX_WORDS,
    BOILER_PHRASE,
    CAPTION_MAX_WORDS,
    CAPTION_STRONG,
    CAPTION_WEAK,
    CJK,
    COMMENT_HEADER,
    COMMENT_SIGNATURE,
    COMMENT_SIGNATURE_MAX_WORDS,
    COMMENT_THREAD_MIN_HEADERS,
    COMMENTS_MARKER,
    COPYRIGHT_LABEL,
    CREDIT,
    CREDIT_MAX_WORDS,
    DISCLOSURE_MAX_WORDS,
    DISCLOSURE_STRONG,
    DISCLOSURE_WEAK,
    ELLIPSIS,
    END_MARKER,
    END_MARKER_MAX_WORDS,
    INNER_SENTENCE_END,
    LABEL_LINE,
    LEGAL_PHRASE,
    SENTENCE_END,
    STOPWORDS,
    TERMINAL,
    TOKEN,
    URL,
    WORD,
)


def read_lines(raws: list[str], opts: Mapping[str, Any]) -> list[Line]:
    """The non-blank lines of an article, normalised and shaped, each with the blank lines above it."""
    lines: list[Line] = []
    gap = 0
    for index, raw in enumerate(raws):
        text, changes = normalise_line(raw)
        if not text:
            gap += 1
            continue
        line = Line(index, raw, text, [c.describe() for c in changes], gap_before=gap)
        gap = 0
        shape(line, opts)
        lines.append(line)
    return lines


def measure(line: Line, opts: Mapping[str, Any]) -> None:
    """Fill in a line's words, characters, stopword density and terminal punctuation."""
    text = line.text
    words = WORD.findall(text)
    cjk = len(CJK.findall(text))
    line.n_words = len(words) + cjk // 2
    line.n_chars = len(text) + cjk  # a CJK character carries about as much as two Latin ones
    if cjk > len(text) * 0.3:
        line.stop_density = float(opts["stopwords_high"])  # no word list for these scripts: neutral-good
    elif words:
        # initials and abbreviations (`R-W.Va.`, `U.S.`) are not words: they would dilute the density
        counted = [w for w in words if len(w) > 1 or w.casefold() in STOPWORDS] or words
        line.stop_density = sum(1 for w in counted if w.casefold() in STOPWORDS) / len(counted)
    line.terminal = bool(TERMINAL.search(text))


def boilerplate_phrase(line: Line) -> str | None:
    """The legal notice, or on a short line the menu/footer phrase or label, that the line carries."""
    text = line.text
    short = line.n_words <= BOILER_MAX_WORDS
    match = (
        LEGAL_PHRASE.search(text)
        or (short and BOILER_PHRASE.search(text))
        or (short and not SENTENCE_END.search(text) and LABEL_LINE.search(text))
    )
    return match.group(0).strip(" :") if match else None


def is_disclosure(line: Line) -> bool:
    """A sponsorship or affiliate disclosure (`This shop has been compensated by ...`)."""
    return (line.n_words <= DISCLOSURE_MAX_WORDS and bool(DISCLOSURE_STRONG.search(line.text))) or (
        line.n_words <= BOILER_MAX_WORDS and bool(DISCLOSURE_WEAK.search(line.text))
    )


def bad_shape(line: Line, opts: Mapping[str, Any]) -> tuple[str, str, bool] | None:
    """`(reason, fence, soft)` when the shape of a measured line alone says it is not article text."""
    text = line.text
    if URL.match(text):
        return "a link, not text", "", False
    if line.n_words <= END_MARKER_MAX_WORDS and COMMENTS_MARKER.match(text):
        return "heading of the comments", "comments", False
    if line.n_words <= END_MARKER_MAX_WORDS and END_MARKER.match(text):
        return "heading of what follows the article", "related", False
    if DATE_LINE.match(text):
        return "date line", "", True
    if BYLINE_DATE.match(text):
        return "byline with the date", "", True
    if COMMENT_HEADER.match(text):
        return "comment header", "", True
    if ELLIPSIS.search(text) and line.n_words <= opts["teaser_max_words"]:
        return "ellipsis teaser", "", True
    phrase = boilerplate_phrase(line)
    if phrase is not None:
        return f"menu or footer phrase {phrase!r}", "", False
    return None


def prose_class(line: Line, opts: Mapping[str, Any]) -> str:
    """`good`, `near-good` or `short`: how much a line that is not bad reads like prose."""
    long_enough = line.n_chars >= opts["length_high"]
    if line.stop_density >= opts["stopwords_high"] and (
        long_enough and (line.terminal or line.n_chars >= 2 * opts["length_high"])
    ):
        return "good"
    if (
        line.n_chars >= opts["length_low"]
        and line.stop_density >= opts["stopwords_low"]
        and (line.terminal or long_enough)
    ):
        return "near-good"
    return "short"


def shape(line: Line, opts: Mapping[str, Any]) -> None:
    """Measure a line and give it its class, and its reason, fence and softness when it is bad."""
    measure(line, opts)
    if not TOKEN.search(line.text):
        line.klass, line.bad_reason = "short", "no words"
        return
    verdict = bad_shape(line, opts)
    if verdict is not None:
        line.klass = "bad"
        line.bad_reason, line.fence, line.soft = verdict
        return
    line.klass = prose_class(line, opts)


def mark_credits_and_captions(lines: list[Line]) -> None:
    """Photo credits, the captions right above them, and lines worded as captions are bad."""
    for pos, line in enumerate(lines):
        if line.bad_reason or line.n_words > CREDIT_MAX_WORDS:
            continue
        if COPYRIGHT_LABEL.match(line.text):
            line.klass, line.bad_reason = "bad", "photo credit"
            continue
        if not SENTENCE_END.search(line.text) and CREDIT.search(line.text):
            line.klass, line.bad_reason = "bad", "photo credit"
            above = lines[pos - 1] if pos > 0 else None
            if above is not None and not above.bad_reason and above.n_words <= CAPTION_MAX_WORDS:
                above.klass, above.bad_reason = "bad", "photo caption (above a photo credit)"
    for line in lines:
        if not line.bad_reason and is_caption(line):
            line.klass, line.bad_reason = "bad", "photo caption"


def mark_comment_thread(lines: list[Line]) -> None:
    """A thread of comments (`COMMENT_THREAD_MIN_HEADERS` comment headers or more) starts at its first
    header after a line of prose: that header is a heading of the comments, as `Leave a reply` is."""
    headers = [pos for pos, line in enumerate(lines) if line.bad_reason in ("comment header", "byline with the date")]
    if len(headers) < COMMENT_THREAD_MIN_HEADERS:
        return
    first_prose = next((pos for pos, line in enumerate(lines) if line.klass == "good"), len(lines))
    start = next((pos for pos in headers if pos > first_prose), None)
    if start is not None:
        lines[start].fence = "comments"
        lines[start].bad_reason = "comment header: the first of a thread of comments"


def is_signature(lines: list[Line], pos: int) -> bool:
    """A short `Name, Place` line right under a line of prose: the signature of a reader's comment."""
    line = lines[pos]
    return (
        pos > 0
        and line.n_words <= COMMENT_SIGNATURE_MAX_WORDS
        and not line.bad_reason
        and lines[pos - 1].klass in ("good", "near-good")
        and bool(COMMENT_SIGNATURE.match(line.text))
    )


def mark_signed_comments(lines: list[Line]) -> None:
    """Readers' comments each signed `Name, Place` below it (`COMMENT_THREAD_MIN_HEADERS` or more, each
    within a few lines of the last): the comments and their signatures are bad, the first comment a
    heading of the comments."""
    signed = [pos for pos in range(len(lines)) if is_signature(lines, pos)]
    threads: list[list[int]] = []
    for pos in signed:
        if threads and pos - threads[-1][-1] <= 4:
            threads[-1].append(pos)
        else:
            threads.append([pos])
    for thread in (t for t in threads if len(t) >= COMMENT_THREAD_MIN_HEADERS):
        start = thread[0] - 1
        lines[start].fence = "comments"
        for pos in range(start, thread[-1] + 1):
            lines[pos].klass, lines[pos].soft = "bad", False
            lines[pos].bad_reason = f"a reader's comment or its signature, one of {len(thread)} signed 'Name, Place'"


def is_caption(line: Line) -> bool:
    """Worded as a picture's caption: a strong cue in up to two sentences, a weak one in one sentence."""
    if line.n_words > CAPTION_MAX_WORDS:
        return False
    sentences = len(INNER_SENTENCE_END.findall(line.text)) + 1
    return sentences <= 2 and bool(
        CAPTION_STRONG.search(line.text) or (sentences == 1 and CAPTION_WEAK.search(line.text))
    )


def shape_reason(line: Line, opts: Mapping[str, Any]) -> str:
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


def is_hard(line: Line) -> bool:
    """Bad for a reason that context cannot outweigh (a menu phrase, a repeated line, a credit...)."""
    return line.klass == "bad" and not line.soft


def weight(line: Line, opts: Mapping[str, Any]) -> float:
    """What a line brings to a run of body lines: its words if prose, a penalty if short or bad."""
    if line.listed >= 0 and line.klass == "short":
        return 0.0  # an item of a list or table: neither prose nor boilerplate
    if line.klass == "good":
        return float(line.n_words)
    if line.klass == "near-good":
        return float(opts["near_good_weight"]) * line.n_words
    if line.klass == "bad":
        return -max(float(opts["bad_penalty"]), float(line.n_words))
    return -float(opts["short_penalty"])
