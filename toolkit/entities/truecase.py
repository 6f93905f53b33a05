"""Case restoration of shouted text: the lines of an article written in capitals (`SOCCER - JAPAN GET LUCKY
WIN`) and the capitalised place opening a dateline (`AL-AIN, United Arab Emirates`), where a small model
reads every word as a name. Each word takes the casing the article itself uses most for it elsewhere,
else lower case for a function word and a capital first letter otherwise. The restored copy has exactly
the length of the original, so offsets found in it are offsets into the article. No spaCy here: the
rules are tested on strings alone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LINE_RE = re.compile(r"[^\n]+")
# A dateline: capitals opening the line up to a comma or a dash (`AL-AIN, United...`, `LONDON - `), or before
# the date that is all the rest of the line (`BUCHAREST 1996-12-06`).
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*?)[ \t]*"
    r"(?:,|\s-{1,2}\s|(?<=[ \t])(?=\d{4}-\d\d-\d\d[ \t]*$))"
)
_POSSESSIVE_RE = re.compile(r"['’][sS]$")
_SEPARATOR_RE = re.compile(r"\s+-{1,2}\s+")
_SENTENCE_END = frozenset('.!?:;"“”(')


def is_shouted(line: str, *, min_letters: int, min_words: int) -> bool:
    """A line in capitals: at least `min_words` words and `min_letters` cased letters, none in lower case."""
    words = _WORD_RE.findall(line)
    letters = [c for c in line if c.isalpha() and c.lower() != c.upper()]
    return len(words) >= min_words and len(letters) >= min_letters and not any(c.islower() for c in letters)


def dateline_place(line: str) -> tuple[int, int] | None:
    """The span of the place in capitals opening a dateline line (`AL-AIN, United Arab Emirates 1996-12-06`,
    `BUCHAREST 1996-12-06`): the rest of the line reads normally or is the date; None when there is none."""
    dateline = _DATELINE_RE.match(line)
    if dateline is None or not is_shouted(dateline.group("place"), min_letters=3, min_words=1):
        return None
    rest = line[dateline.end() :]
    if any(c.islower() for c in rest) or rest[:1].isdigit():
        return dateline.span("place")
    return None


def shouted_spans(text: str, *, min_letters: int = 6, min_words: int = 2) -> list[tuple[int, int]]:
    """Character spans of `text` written in capitals: the place in capitals opening a dateline
    (`dateline_place`), and whole lines (`is_shouted`), in text order."""
    spans = []
    for line in _LINE_RE.finditer(text):
        place = dateline_place(line.group())
        if place is not None:
            spans.append((line.start() + place[0], line.start() + place[1]))
        elif is_shouted(line.group(), min_letters=min_letters, min_words=min_words):
            spans.append(line.span())
    return spans


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character spans of the places opening the dateline lines of `text` (`dateline_place`)."""
    found = ((line.start(), dateline_place(line.group())) for line in _LINE_RE.finditer(text))
    return [(start + place[0], start + place[1]) for start, place in found if place is not None]


def case_forms(text: str, skip: Sequence[tuple[int, int]] = ()) -> dict[str, Counter]:
    """How `text` outside the `skip` spans writes each word: lower-cased word -> Counter of its forms, not
    counting forms in capitals (but short acronyms), and a word opening a sentence or a line (its capital
    says little) only when the word is never seen elsewhere."""
    forms: dict[str, Counter] = defaultdict(Counter)
    openers: dict[str, Counter] = defaultdict(Counter)
    starts = [start for start, _ in skip]
    ends = [end for _, end in skip]
    k = 0
    for match in _WORD_RE.finditer(text):
        while k < len(skip) and ends[k] <= match.start():
            k += 1
        if k < len(skip) and starts[k] <= match.start() < ends[k]:
            continue
        word = _POSSESSIVE_RE.sub("", match.group())
        if word.isupper() and len(word) > 1 and not _is_short_acronym(word):
            continue
        before = text[max(0, match.start() - 3) : match.start()].rstrip(" \t")
        opening = not before or before[-1] in _SENTENCE_END or before[-1] == "\n"
        (openers if opening else forms)[word.lower()][word] += 1
    for key, seen in openers.items():
        forms.setdefault(key, seen)
    for seen in forms.values():  # an acronym form counts only for a word never written otherwise
        if len(seen) > 1:
            for form in [form for form in seen if form.isupper() and len(form) > 1]:
                del seen[form]
    return dict(forms)


def _is_short_acronym(word: str) -> bool:
    return word.isupper() and len(word) <= 5


def restore_word(
    word: str, forms: dict[str, Counter], function_words: Iterable[str] | frozenset[str], *, unseen_lower: bool = False
) -> str:
    """The casing of `word` (written in capitals): the article's most frequent form of it, else lower case
    for a function word (or, with `unseen_lower`, any word), else a capital first letter (`JAPAN` ->
    `Japan`); same length, else unchanged."""
    seen = forms.get(_POSSESSIVE_RE.sub("", word).lower())
    if seen:
        best = max(seen, key=lambda form: (seen[form], form)) + word[len(_POSSESSIVE_RE.sub("", word)) :].lower()
    elif unseen_lower or word.lower() in function_words:
        best = word.lower()
    else:
        best = word[:1].upper() + word[1:].lower()
    return best if len(best) == len(word) else word


def restore_case(
    text: str,
    spans: Sequence[tuple[int, int]],
    function_words: Iterable[str] | frozenset[str],
    *,
    is_place: Callable[[str], bool] = lambda word: False,
) -> str:
    """`text` with the words inside `spans` recased by `restore_word` from the article's own word forms,
    the first word of each span and of each part of a headline (`SOCCER - JAPAN GET...`) capitalised;
    every other character unchanged, the length the same. In a part that reads as a sentence (`SPAIN PICK
    UNCAPPED ARMANDO FOR WORLD CUP CLASH`: 3 words or more, no digit, unlike a standings row), a word the
    article never writes otherwise is lower case (a headline's names come back in its article), but for a
    place (`is_place`: `NEW YORK AT BOSTON`)."""
    forms = case_forms(text, spans)
    function_words = frozenset(function_words)
    chars = list(text)
    for span in spans:
        for start, end in headline_parts(text, span):
            first = True
            words = list(_WORD_RE.finditer(text, start, end))
            sentence = len(words) >= 3 and not any(c.isdigit() for c in text[start:end])
            for match in words:
                unseen_lower = sentence and not is_place(match.group())
                word = restore_word(match.group(), forms, function_words, unseen_lower=unseen_lower)
                if first:
                    word = word[:1].upper() + word[1:]
                    first = False
                if len(word) == len(match.group()):
                    chars[match.start() : match.end()] = word
    return "".join(chars)


def headline_parts(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of `text[span]` between dashes standing apart (`SOCCER - JAPAN GET LUCKY WIN`: a topic,
    then the headline), each read on its own."""
    start, end = span
    parts = []
    for separator in _SEPARATOR_RE.finditer(text, start, end):
        parts.append((start, separator.start()))
        start = separator.end()
    parts.append((start, end))
    return [(a, b) for a, b in parts if b > a]
