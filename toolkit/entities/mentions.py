"""Where an article's mentions are: the model's entity spans (on lines in capitals, those it finds once
their case is restored) trimmed and repaired after a title, the other occurrences of a string tagged once
(document consistency), acronyms defined in the article, and the spans that are never mentions (an
interview's speaker labels, text without a Latin letter)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from toolkit.entities import canonical as cn
from toolkit.entities.aliases import is_country
from toolkit.entities.options import Options
from toolkit.entities.truecase import dateline_places, headline_parts, restore_case, shouted_spans
from toolkit.nlp import iter_parse


@dataclass
class Mention:
    """One mention of an article while its name is worked out: the span, the model's label, and what the
    rules found."""

    span: Span
    model_label: str
    origin: str  # "model", "recased" (read on a case-restored copy), "repaired" (after a title), "matched"
    name: str = ""  # the stripped name, then the canonical name
    core: str = ""  # the stripped name before any merge (the alias table is looked up on it first)
    source: str = "model"  # what gave the canonical name: "model" (the span's text), "article", "alias"
    country: str | None = None  # the country a nationality (NORP) derives from (`French` -> `France`)
    after_title: bool = False  # a personal title stands just before the span (`President [Trump]`)
    platform: bool = False  # read as a platform or product (`on [Twitter]`, `[Twitter] account`)
    team: bool = False  # a place in a results or standings row (`[MIAMI] 14 4 .778`): the club, an ORG
    nation: bool = False  # a country or national side the model read as an ORG (`[Wales]` the side): a place
    dateline: bool = False  # the place opening a dateline (`[AL-AIN], United Arab Emirates 1996-12-06`): a place
    surname: bool = False  # the surname of the article's one full name of a person (`[Klaus]` of Vaclav Klaus)

    @property
    def context(self) -> str:
        """The context that gave the mention's vote: `title` (a person), `surname` (of the article's one full
        name of a person, a person), `dateline` (the place opening a dateline, a place), `platform` (not one),
        `team` (a club named after its city, an ORG), `nation` (a country, a place), or none."""
        if self.after_title:
            return "title"
        if self.surname:
            return "surname"
        if self.dateline:
            return "dateline"
        return "platform" if self.platform else "team" if self.team else "nation" if self.nation else ""


# Labels whose names never start or end with a number or punctuation (`Ipswich 0`, `-- David Brinkerhoff`
# in a results table); product, event and work titles may (`Windows 95`, `World War 2`).
_TRIM_EDGES = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})


def _edge_junk(token: Token) -> bool:
    return token.is_punct or token.like_num or token.is_space


def _trim(span: Span, rules: cn.Rules) -> Span | None:
    """The span without a trailing possessive, without a leading article (`the [United States]`, as the
    canonical name drops it, unless the whole is a place: `The Hague`) and, for name labels, without
    numbers or punctuation at either end; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and doc[end - 1].text in cn.POSSESSIVES:
        end -= 1
    if end - start > 1 and doc[start].lower_ in rules.articles and not cn.is_place(span.text, rules):
        start += 1
    if span.label_ in _TRIM_EDGES:
        while start < end and _edge_junk(doc[start]):
            start += 1
        while end > start and (_edge_junk(doc[end - 1]) and doc[end - 1].text not in {".", ")"}):
            end -= 1
        opening = [t.i for t in doc[start:end] if t.text == "("]
        if opening and opening[0] > start:  # `World Health Organization (WHO`: the name ends before `(`
            end = opening[0]
        while end > start and doc[end - 1].text in {")", "("}:
            end -= 1
        if start == end or not any(c.isalpha() for c in doc[start:end].text):
            return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label)


def line_pieces(span: Span) -> list[Span]:
    """The parts of `span` on each line of the text: a name never runs over a line break (`Attendance
    33,000\nKarlsruhe`, `Jocelyn\nGourvennec` in a wrapped results table are two spans, each read alone)."""
    doc = span.doc
    pieces, start = [], span.start
    for token in span:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                pieces.append(Span(doc, start, end, label=span.label))
            start = token.i + 1
    if span.end > start:
        pieces.append(Span(doc, start, span.end, label=span.label))
    return pieces


def _continues_name(token: Token, rules: cn.Rules) -> bool:
    """A capitalised word inside a sentence: a name the match would cut through."""
    return not token.is_sent_start and token.is_alpha and cn.is_name_word(token.text, rules)


def _repair_after_title(span: Span, taken: set[int], rules: cn.Rules, max_words: int = 3) -> Span:
    """`Col [Hassan] Merei al-Hamade`: when the model's PERSON span is preceded, inside the sentence, by up
    to `max_words` name words that follow a title, extend the span over those words (not the title)."""
    doc = span.doc
    words = [t.text for t in doc[max(0, span.start - max_words - 4) : span.start]]
    offset = span.start - len(words)
    j = span.start
    while True:
        if cn.title_ending_at(words, j - offset, rules):
            break
        if span.start - j >= max_words or j == 0:
            return span
        prev = doc[j - 1]
        if prev.i in taken or doc[j].is_sent_start or not (prev.is_alpha or "-" in prev.text):
            return span
        if not cn.is_name_word(prev.text, rules) or not prev.text[:1].isupper():
            return span
        j -= 1
    if j == span.start or doc[j].is_sent_start:
        return span
    return Span(doc, j, span.end, label=span.label)


def restored_pieces(text: str, opts: Options) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """The spans of `text` in capitals (`shouted_spans`, with `case_restore`) and what the model reads again
    for them: (offset, case-restored text) of each part of a headline in capitals, of the line of a dateline
    (the copy has the same length, so offsets found in it are offsets into `text`)."""
    spans = shouted_spans(text) if opts.switches["case_restore"] else []
    if not spans:
        return spans, []
    restored = restore_case(text, spans, STOP_WORDS, is_place=lambda word: cn.is_place(word, opts.rules))
    return spans, [(a, restored[a:b]) for span in spans for a, b in _pieces(text, span)]


def recased_entities(
    texts: Sequence[str], opts: Options, *, cache: bool = False, cache_dir: Path | str | None = None
) -> list[list[tuple[int, int, str]]]:
    """For each of `texts`, the (start, end, label) of the entities the model finds on the case-restored
    copies of its text in capitals (`restored_pieces`), in offsets of the text: the copies of all the texts
    parsed in one batch (with `cache`, kept in the Doc cache like any parsed text)."""
    pieces = [restored_pieces(text, opts)[1] for text in texts]
    flat = [piece for found in pieces for _, piece in found]
    parsed = iter_parse(
        flat, components=("ner",), model=opts.model, n_process=1, cache=cache, cache_dir=cache_dir, progress=False
    )
    docs = iter(parsed)
    return [
        [(offset + e.start_char, offset + e.end_char, e.label_) for offset, _ in found for e in next(docs).ents]
        for found in pieces
    ]


def entity_spans(
    doc: Doc, text: str, opts: Options, recased: Sequence[tuple[int, int, str]] | None = None
) -> tuple[list[Span], set[tuple[int, int]]]:
    """The model's entities of the Doc of `text`, those on text in capitals (`shouted_spans`) replaced, with
    `case_restore`, by the entities the same model finds on a case-restored copy (`recased`: this text's
    item of `recased_entities`, computed here when not given); and the (start, end) token bounds of the
    replacements."""
    ents = list(doc.ents)  # built anew at every read
    spans = shouted_spans(text) if opts.switches["case_restore"] else []
    if not spans:
        return ents, set()
    if recased is None:
        recased = recased_entities([text], opts)[0]
    found = []
    for start, end, label in recased:
        if _overlaps(spans, start, end):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                found.append(span)
    found = filter_spans(found)
    kept = [ent for ent in ents if not _overlaps(spans, ent.start_char, ent.end_char)]
    replaced = {(span.start, span.end) for span in found}
    return sorted(filter_spans([*found, *kept]), key=lambda span: span.start), replaced


def _pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """What the model reads again for a span in capitals: each part of a whole line (`headline_parts`),
    or the whole line around a shorter span (the place opening a dateline, read with the rest of its line)."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    if span == (line_start, line_end):
        return headline_parts(text, span)
    return [(line_start, line_end)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def _model_spans(ents: list[Span], recased: set[tuple[int, int]], opts: Options) -> list[Mention]:
    taken = {t.i for ent in ents for t in ent}
    mentions = []
    pieces = [(ent, piece) for ent in ents if ent.label_ in opts.labels for piece in line_pieces(ent)]
    for ent, piece in pieces:
        span = _trim(piece, opts.rules)
        if span is None:
            continue
        origin = "recased" if (ent.start, ent.end) in recased else "model"
        if opts.switches["span_repair"] and ent.label_ in opts.rules.title_labels:
            repaired = _repair_after_title(span, taken, opts.rules)
            if repaired.start != span.start:
                span, origin = repaired, "repaired"
                taken.update(range(span.start, span.end))
        mentions.append(Mention(span, ent.label_, origin))
    return mentions


_SPEAKER_RE = re.compile(
    r"^[ \t]*(?:\(\((?P<paren>[^()\n]{1,60})\)\)|\[(?P<bracket>[^\]\n]{1,60})\]"
    r"|(?P<colon>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})[ \t]*:(?=[ \t]))",
    re.MULTILINE,
)


def speaker_label_spans(text: str, *, min_turns: int = 3) -> list[tuple[int, int]]:
    """Character spans of the speaker labels of an interview transcript: a name opening a line in double
    parentheses, brackets or before a colon (`((WN))`, `[Interviewer]`, `Perttu Ahola:`), the same label
    opening at least `min_turns` lines. They mark turns of the conversation, not mentions in the text."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _SPEAKER_RE.finditer(text):
        label = next(group for group in m.groups() if group is not None)
        found[label.strip().lower()].append((m.start(), m.end()))
    return sorted(span for spans in found.values() if len(spans) >= min_turns for span in spans)


def _has_latin_letter(text: str) -> bool:
    return any(ch.isalpha() and (ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")) for ch in text)


# Only a figure after a word on its line, after a colon or in thousands (`Attendance: 24,602`, `Attendance
# 33,000`), not a score (`Karlsruhe 3`).
_FIGURE_REST_RE = re.compile(r"(?:[ \t]*:[ \t]*\d[\d,.]*|[ \t]+\d{1,3}(?:,\d{3})+\.?)[ \t]*$", re.MULTILINE)


def is_field_label(text: str, start: int, end: int) -> bool:
    """`Attendance 33,000` on a line of a results table: one word opening its line with only a figure after
    it labels the figure; it names nothing (a score is no such figure: `Karlsruhe 3`)."""
    opens_line = start == 0 or text[start - 1] == "\n"
    return opens_line and not any(c.isspace() for c in text[start:end]) and bool(_FIGURE_REST_RE.match(text, end))


def _mention_filter(text: str, opts: Options) -> Callable[[Span], bool]:
    """Whether a span of the Doc of `text` may be a mention: not inside an interview's speaker label
    (`speaker_labels`), not a table's field label (`field_labels`), and with at least one Latin letter
    (`latin_script`: the English model's labels on other scripts are noise)."""
    labels = speaker_label_spans(text) if opts.switches["speaker_labels"] else []
    starts = [start for start, _ in labels]
    latin = opts.switches["latin_script"]
    fields = opts.switches["field_labels"]

    def keep(span: Span) -> bool:
        i = bisect_right(starts, span.start_char) - 1
        if i >= 0 and span.end_char <= labels[i][1]:
            return False
        if fields and is_field_label(text, span.start_char, span.end_char):
            return False
        return not latin or _has_latin_letter(span.text)

    return keep


def _words(span: Span) -> list[str]:
    return [t.text for t in span]


def _acronym_definitions(doc: Doc, mentions: list[Mention], opts: Options) -> dict[str, str]:
    """`United Nations (UN)` and `UN (United Nations)`: acronym -> stripped long name, when the letters
    match the long name's initials."""
    found: dict[str, str] = {}
    for m in mentions:
        s = m.span
        if s.end + 2 < len(doc) and doc[s.end].text == "(" and doc[s.end + 2].text == ")":
            short, long_name = doc[s.end + 1].text, m.name
        elif s.start >= 2 and s.end < len(doc) and doc[s.start - 1].text == "(" and doc[s.end].text == ")":
            short, long_name = doc[s.start - 2].text, m.name
        else:
            continue
        if cn.is_acronym(short) and cn.acronym_letters(short) in cn.initials(long_name, opts.rules):
            found.setdefault(short, long_name)
    return found


def _consistency_matches(
    doc: Doc, ents: list[Span], mentions: list[Mention], acronyms: Mapping[str, str], opts: Options
) -> list:
    """Other exact occurrences (same case, token for token) of strings tagged once in the article, and of
    acronyms it defines, that no entity of any label covers and that do not cut through a longer name."""
    labels_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    label_of_name: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        words = _words(m.span)
        i, j = cn.core_bounds(words, m.model_label, opts.rules)
        for form in {tuple(words), tuple(words[i:j])}:
            text = "".join(form)
            if any(c.isupper() for c in text) and len(text) > 1:
                labels_of[form].append(m.model_label)
        label_of_name[m.name].append(m.model_label)
    for short, long_name in acronyms.items():
        labels_of[(short,)].extend(label_of_name.get(long_name, []))
    if not labels_of:
        return []
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    keys = {}
    for n, form in enumerate(sorted(labels_of)):
        key = f"form{n}"
        keys[doc.vocab.strings.add(key)] = form
        matcher.add(key, [Doc(doc.vocab, words=list(form))])
    covered = {t.i for ent in ents for t in ent} | {t.i for m in mentions for t in m.span}
    candidates = []
    for match_id, start, end in matcher(doc):
        if any(i in covered for i in range(start, end)):
            continue
        if start > 0 and _continues_name(doc[start - 1], opts.rules):
            continue
        if end < len(doc) and _continues_name(doc[end], opts.rules):
            continue
        form = keys[match_id]
        label = cn.vote(labels_of[form], " ".join(form), opts.rules)
        candidates.append(Span(doc, start, end, label=label))

    return [Mention(span, span.label_, "matched") for span in filter_spans(candidates)]


def _stripped_name(m: Mention, opts: Options) -> str:
    spaces = [t.whitespace_ for t in m.span]
    return cn.canonical_name(_words(m.span), m.model_label, opts.rules, spaces=spaces)


def _after_title(span: Span, opts: Options) -> bool:
    """A capitalised personal title just before the span, inside the sentence (`President [Trump]`, `Col
    [Hassan Merei]`): the mention is a person whatever the model said (its vote counts as PERSON)."""
    if "PERSON" not in opts.rules.title_labels or span.start == 0 or span.doc[span.start].is_sent_start:
        return False
    before = span.doc[max(0, span.start - 4) : span.start]
    n = cn.title_ending_at([t.text for t in before], len(before), opts.rules)
    if n == 0:
        return False
    title = before[len(before) - n]
    return title.text[:1].isupper() and not title.is_sent_start


def _reads_as_platform(span: Span, opts: Options) -> bool:
    """`on Twitter`, `via Zoom`, `Twitter account`: words around the span that read it as a platform."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in opts.platform_before or after in opts.platform_after


# A score or a standings figure after a name on its line (`Plymouth 4 Exeter 1`, `MIAMI 14 4 .778`), then
# another figure, a name, a bracket or the end of the line: not a dateline's date (`LONDON 1996-12-06`) nor a
# number the sentence goes on about (`Tasmania 352 for 7`).
_SCORE_AFTER_RE = re.compile(
    r"[ \t]+(?!\d{4}-\d)\d{1,3}(?=[ \t]+\d|[ \t]*(?:[.,;]?[ \t]*$|\(|[ \t]+[A-Z]))", re.MULTILINE
)


# A fixture line: two sides and nothing else (`NEW JERSEY AT BOSTON`, `Leeds v Chelsea`).
_FIXTURE_RE = re.compile(r"^([^\W\d][^\n]*?)[ \t]+(?:AT|at|v|vs\.?)[ \t]+([^\W\d][^\n]*?)[ \t]*$", re.MULTILINE)


def _is_fixture_side(text: str, start: int, end: int) -> bool:
    """The span is one side of a fixture line (`[NEW JERSEY] AT [BOSTON]`)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    found = _FIXTURE_RE.fullmatch(text, line_start, len(text) if line_end < 0 else line_end)
    return found is not None and (start, end) in (found.span(1), found.span(2))


# A result line: two sides, each with its score, maybe its country and its scorers or the half-time score in
# brackets (`Hapoel Tel Aviv 1 Betar Jerusalem 4`, `Charleroi (Belgium) 75 Estudiantes Madrid (Spain) 82`).
_SIDE = r"([^\W\d][^\n()]*?)(?:[ \t]*\([^()\n]*\))?[ \t]+\d{1,3}(?:[ \t]*\([^()\n]*\))?"
_RESULT_RE = re.compile(rf"^{_SIDE}[ \t]+{_SIDE}[ \t]*\.?[ \t]*$", re.MULTILINE)
# The figures of a standings row after its name: at least five whole numbers, or wins, losses and a share.
_STANDINGS_RE = re.compile(r"((?:[ \t]+\d{1,3}){5,})[ \t]*$|[ \t]+\d{1,3}[ \t]+\d{1,3}[ \t]+\.\d{3}\b", re.MULTILINE)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _is_result_side(text: str, start: int, end: int) -> bool:
    """The span is one side of a result line (`[Orrell] 22 [West Hartlepool] 15`)."""
    found = _RESULT_RE.fullmatch(text, *_line_bounds(text, start, end))
    return found is not None and (start, end) in (found.span(1), found.span(2))


def _is_standings_row(text: str, start: int, end: int) -> bool:
    """The span opens a standings row of clubs: played = won + drawn + lost (`Twente Enschede 18 10 4 4 28 15
    34`), points = 2 x won + tied (`ST LOUIS 14 14 0 82 84 28`) or a share of wins (`MIAMI 14 4 .778`); a
    golfer's rounds (`Tom Lehman 67 70 69 66 272`) add up to neither."""
    line_start, line_end = _line_bounds(text, start, end)
    found = _STANDINGS_RE.fullmatch(text, end, line_end) or _STANDINGS_RE.match(text, end, line_end)
    if start != line_start or found is None:
        return False
    if found.group(1) is None:
        return True
    n = [int(x) for x in found.group(1).split()]
    return n[0] == n[1] + n[2] + n[3] or n[-1] == 2 * n[0] + n[2]


def _reads_as_team(span: Span, text: str, opts: Options) -> bool:
    """A place name followed on its line by a score or standings figures (`Plymouth 4 Exeter 1`, `MIAMI 14
    4 .778`), or one side of a fixture line (`NEW JERSEY AT BOSTON`), names the club of that city, an ORG;
    so does a name the model read as a person that is a side of a result line (`Orrell 22 West Hartlepool
    15`) or opens a standings row of clubs (`_is_standings_row`). A country (`Japan 2 Syria 1`) or a
    national side (`national_sides`: `England`, `Wales`) stays a place, as CoNLL-2003 labels them."""
    start, end = span.start_char, span.end_char
    if span.label_ == "PERSON":
        if not _is_result_side(text, start, end) and not _is_standings_row(text, start, end):
            return False
    elif span.label_ not in ("GPE", "LOC"):
        return False
    elif not _SCORE_AFTER_RE.match(text, end) and not _is_fixture_side(text, start, end):
        return False
    name = span.text
    return not _is_nation(name, opts)


def _is_nation(name: str, opts: Options, *, codes: bool = True) -> bool:
    """A country (by its name, or with `codes` also a code or short form: `USA`, `Britain`) or a national side
    (`Wales`, `England`): its team is named after it and stays a place."""
    return is_country(name, codes=codes) or name.lower() in opts.national_sides


def _dateline_mentions(
    doc: Doc, text: str, mentions: list[Mention], keep: Callable[[Span], bool], opts: Options
) -> list[Mention]:
    """`mentions` with the place opening each dateline (`dateline_places`) marked `dateline` (it votes GPE
    whatever the model read: `AL-AIN` is no person), or added as a GPE mention (`dateline`) when no mention
    covers any of it (`BUCHAREST 1996-12-06`, missed in capitals)."""
    added = []
    for start, end in dateline_places(text):
        near = [m for m in mentions if m.span.start_char < end and start < m.span.end_char]
        for m in near:
            m.dateline = start <= m.span.start_char and m.span.end_char <= end
        span = doc.char_span(start, end, label="GPE")
        if not near and span is not None and keep(span):
            name = _stripped_name(Mention(span, "GPE", ""), opts)
            added.append(Mention(span, "GPE", "dateline", name=name, dateline=True))
    return sorted([*mentions, *added], key=lambda m: m.span.start) if added else mentions


def find_mentions(
    doc: Doc, text: str, opts: Options, recased: Sequence[tuple[int, int, str]] | None = None
) -> tuple[list[Mention], dict[str, str]]:
    """The mentions of a parsed article in text order, each with its stripped name (`name` and `core`),
    and the acronyms the article defines (acronym -> stripped long name): the model's spans (trimmed,
    repaired after a title), then, with `consistency`, the other occurrences of their strings; none
    inside a speaker label, without a Latin letter, or a time zone. `text` is the text `doc` was parsed from,
    `recased` its item of `recased_entities` when the caller read many texts in one batch."""
    keep = _mention_filter(text, opts)
    if opts.time_zones:
        keep_span = keep

        def keep(span: Span) -> bool:
            return keep_span(span) and span.text not in opts.time_zones

    ents, replaced = entity_spans(doc, text, opts, recased)
    mentions = [m for m in _model_spans(ents, replaced, opts) if keep(m.span)]
    for m in mentions:
        m.name = _stripped_name(m, opts)
    defined = _acronym_definitions(doc, mentions, opts) if opts.switches["acronyms"] else {}
    if opts.switches["consistency"]:
        extra = [m for m in _consistency_matches(doc, ents, mentions, defined, opts) if keep(m.span)]
        for m in extra:
            m.name = _stripped_name(m, opts)
        mentions = sorted([*mentions, *extra], key=lambda m: m.span.start)
    if opts.switches["case_restore"]:
        mentions = _dateline_mentions(doc, text, mentions, keep, opts)
    for m in mentions:
        m.core = m.name
        m.after_title = _after_title(m.span, opts)
        m.platform = _reads_as_platform(m.span, opts)
        m.team = opts.switches["teams"] and _reads_as_team(m.span, text, opts)
        m.nation = opts.switches["teams"] and m.model_label == "ORG" and _is_nation(m.name, opts, codes=False)
    return mentions, defined
