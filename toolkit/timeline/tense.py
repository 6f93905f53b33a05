"""The tense of the clause that governs a temporal expression, read from Penn tags, and the tagging of just
the sentences that need it (the shared parse has no tagger: tagging every sentence would cost more than
the rest of the step)."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

TENSE_COMPONENTS = ("tagger",)  # tags for `clause_tense`, only on sentences whose timex value depends on tense

_FUTURE_MODALS = {"will", "'ll", "shall", "wo", "ll"}
_FUTURE_MARKERS = {"expected", "scheduled", "due", "set", "slated", "planned", "planning", "going", "plans", "plan",
                   "intends", "poised", "likely", "set to"}  # fmt: skip


_SCHEDULED = {"scheduled", "planned", "slated", "due", "set", "expected"}


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """Tense (`past`, `present`, `future`) of the verb governing the characters `start:end`, from the
    tagger's Penn tags: the nearest verb to the left in the sentence (as HeidelTime reads news), else the
    nearest to the right. `will` + verb and `to` + verb (`decided to admit ... in March`) are future,
    `would` + verb the nearest occurrence (`present`: a future seen from a past report may be over by
    publication, `predicted that Humberto would pass by Bermuda Wednesday night` on Thursday), a
    perfect or a bare participle (`shares issued July 1`) past, `is expected/scheduled to` future; a
    deadline (after `until`, `through` or `by`) is ahead (`will double its flights by August`), or the
    nearest occurrence (`present`) in a past-tense clause (`had filed reports by Wednesday`).
    None when the Doc has no tags or no verb decides."""
    if not doc.has_annotation("TAG"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    text = doc.text  # rebuilt from the tokens at every read
    if _EARLIEST_RE.search(text, max(0, start - 20), start):
        return "future"  # `as soon as Tuesday`: the earliest moment something may happen is ahead
    before = text[max(0, start - 10) : start]
    if _SINCE_RE.search(before):
        return "past"
    verb = _governing_verb_tense(doc, span)
    if _DEADLINE_RE.search(before):
        return "present" if verb == "past" else "future"  # `will double by August`; `had filed by Friday`: nearest
    return verb


def _governing_verb_tense(doc: Doc, span: Span) -> str | None:
    """The tense of the nearest verb that decides one, to the left of `span` within its clause, else to the
    right."""
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    for side_is_left, side, stops in (
        (True, reversed(doc[sent.start : span.start]), (".", ":", ",", "CC", "``", "''", "-LRB-")),
        (False, doc[span.end : sent.end], (".", ":", "``", "''", "-LRB-")),
    ):
        for tok in side:
            if tok.tag_ in (",", "CC") and side_is_left and _in_noun_list(tok):
                continue  # `admit Poland, Hungary and the Czech Republic in March`: a list, not a clause break
            if tok.tag_ in stops or tok.text in ('"', ";"):
                break  # the clause ends at punctuation, a quote or (leftwards) a comma or a conjunction
            found = _verb_tense(tok)
            if found != _NOT_A_HEAD:
                return found
    return None


_NOT_A_HEAD = "-"
_EARLIEST_RE = re.compile(r"\bas (?:soon|early) as\s+$", re.IGNORECASE)
_DEADLINE_RE = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)
_SINCE_RE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_NOUNISH = ("NN", "NNS", "NNP", "NNPS")


def _in_noun_list(tok: Token) -> bool:
    """A comma or conjunction between two nouns (`Poland, Hungary and the Czech Republic`) joins a list."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    left, right = doc[tok.i - 1], doc[tok.i + 1]
    if right.tag_ == "DT" and tok.i + 2 < len(doc):
        right = doc[tok.i + 2]
    return left.tag_ in _NOUNISH and right.tag_ in _NOUNISH


def _aux_before(tok: Token, n: int = 3) -> list[str]:
    doc = tok.doc
    out = []
    for t in reversed(doc[max(tok.sent.start, tok.i - n) : tok.i]):
        if t.tag_ in ("MD", "TO") or t.lower_ in ("be", "been", "being", "is", "are", "am", "was", "were", "has",
                                                    "have", "had", "'s", "'re", "'ve", "'d", "do", "does", "did",
                                                    "not", "n't", "also", "still", "already"):  # fmt: skip
            out.append(t.lower_ if t.tag_ != "TO" else "to")
        else:
            break
    return out


def _verb_tense(tok: Token) -> str | None:
    """The tense a verb token gives its clause, `_NOT_A_HEAD` for tokens that decide nothing."""
    tag, low = tok.tag_, tok.lower_
    if tag == "MD":
        if _future_in_the_past(tok):
            return "present"
        return "future" if low in _FUTURE_MODALS else None
    if not tag.startswith("VB") or tag == "VBG":
        return _NOT_A_HEAD
    aux = _aux_before(tok)
    if any(a in _FUTURE_MODALS for a in aux):
        return "future"
    if "would" in aux and "have" not in aux:
        return "present"
    if any(a in _OTHER_MODALS for a in aux):
        return None
    if tag == "VB":
        return _base_form_tense(aux)
    if tag == "VBN":
        return _participle_tense(tok, aux)
    if tag == "VBD":
        return _simple_past_tense(tok)
    return _simple_present_tense(tok)  # VBZ / VBP


_OTHER_MODALS = ("would", "could", "might", "may", "should", "must", "can")


def _future_in_the_past(tok: Token) -> bool:
    """`would` not followed by `have`: the future of a past report (`said it would pay in January`), ahead of
    the report but not always of the publication."""
    return tok.lower_ in ("would", "'d") and _next_word(tok) not in ("have", "'ve", "not", "n't")


def _base_form_tense(aux: list[str]) -> str:
    """`to admit` is ahead, `did admit` past, a bare `admit` present."""
    if "to" in aux:
        return "future"
    if "did" in aux:
        return "past"
    return "present"


def _participle_tense(tok: Token, aux: list[str]) -> str:
    """A past participle: a perfect or a passive past, a plan (`is scheduled`, `a summit set for April`) or
    `to be` + participle (`guidelines to be published in November`) ahead, a bare one past."""
    low = tok.lower_
    if low in _SCHEDULED and any(a in ("is", "are", "am", "'re", "was", "were", "been") for a in aux):
        return "future"  # `was planned for early March`: a plan points ahead of the time it was made
    if "to" in aux and "have" not in aux:
        return "future"  # `to be published`; `believed to have been involved` is past
    if low in _SCHEDULED and not aux and _next_word(tok) in ("for", "to"):
        if _past_verb_after(tok):
            return "present"  # `games scheduled for Wednesday were still held`: a plan told after its day, maybe
        return "future"  # `a summit set for Washington in April`, `scheduled to spend Tuesday morning`
    if any(a in ("has", "have", "'ve", "had", "was", "were") for a in aux):
        return "past"
    if any(a in ("is", "are", "am", "'re") for a in aux):
        return "future" if low in _FUTURE_MARKERS else "present"
    return "past"


def _past_verb_after(tok: Token) -> bool:
    """A simple past later in the sentence (`games scheduled for Wednesday were still held`): the clause a
    bare participle qualifies is told in the past."""
    return any(t.tag_ == "VBD" for t in tok.doc[tok.i + 1 : tok.sent.end])


def _next_word(tok: Token) -> str:
    """The lower-case word after `tok` in its sentence ('' at the end)."""
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < tok.sent.end else ""


def _simple_past_tense(tok: Token) -> str:
    """Past, except `was going (to)`: a past plan that points ahead."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if nxt is not None and nxt.lower_ == "going" and tok.lower_ in ("was", "were"):
        return "future"
    return "past"


def _simple_present_tense(tok: Token) -> str:
    """Present, except `is expected to` (ahead) and `has agreed` (a perfect: past)."""
    following = list(tok.doc[tok.i + 1 : min(tok.i + 4, tok.sent.end)])
    if following and following[0].lower_ in _FUTURE_MARKERS and any(t.lower_ == "to" for t in following[1:]):
        return "future"
    if tok.lower_ in ("has", "have", "'s", "'ve") and any(t.tag_ == "VBN" for t in following[:2]):
        return "past"
    return "present"


@cache
def _tagger(model: str | None) -> Language:
    from toolkit.nlp import load_pipeline

    return load_pipeline(model=model, components=TENSE_COMPONENTS)


def tagged_sentence(doc: Doc, start: int, end: int, *, model: str | None = None) -> Doc | None:
    """The tokens covering `doc.text[start:end]` as a one-sentence Doc with Penn tags: `doc`'s own tags when
    it has them, else tagged by `model`'s tagger. Same tokens, so offsets shift by `user_data["start_char"]`,
    the span's start in `doc`."""
    return tagged_sentences([(doc, start, end)], model=model)[0]


def tagged_sentences(spans: list[tuple[Doc, int, int]], *, model: str | None = None) -> list[Doc | None]:
    """`tagged_sentence` of each `(doc, start, end)`, those to tag in one batch (None for an empty span)."""
    sentences: list[Doc | None] = []
    to_tag: list[tuple[int, Doc, int]] = []  # position, untagged sentence, its start in `doc`
    for doc, start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            sentences.append(None)
        elif doc.has_annotation("TAG"):
            sentence = span.as_doc()
            for token in sentence:
                token.is_sent_start = token.i == 0
            sentence.user_data["start_char"] = span.start_char
            sentences.append(sentence)
        else:
            words, spaces = [t.text for t in span], [bool(t.whitespace_) for t in span]
            starts = [True] + [False] * (len(span) - 1)
            sentence = Doc(_tagger(model).vocab, words=words, spaces=spaces, sent_starts=starts)
            to_tag.append((len(sentences), sentence, span.start_char))
            sentences.append(None)
    if to_tag:
        tagged = _tagger(model).pipe([sentence for _, sentence, _ in to_tag], batch_size=len(to_tag))
        for (position, _, start_char), sentence in zip(to_tag, tagged, strict=True):
            sentence.user_data["start_char"] = start_char
            sentences[position] = sentence
    return sentences
