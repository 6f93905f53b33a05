"""The spaCy layer: only the components asked for, and a Doc cache that is never trusted blindly."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import nlp

TEXTS = ["Bashar al-Assad met Kofi Annan in Damascus on Thursday. He left.", "Jordan granted him asylum."]


def entities(docs):
    return [[(e.text, e.label_) for e in doc.ents] for doc in docs]


def test_only_the_requested_components_run():
    assert nlp.load_pipeline(components=("ner",)).pipe_names == ["ner"]
    assert set(nlp.load_pipeline(components=("ner", "senter")).pipe_names) == {"ner", "senter"}
    assert nlp.load_pipeline(components=("attribute_ruler",)).pipe_names == ["tok2vec", "tagger", "attribute_ruler"]


def test_cache_hit_gives_the_same_docs(tmp_path):
    first = nlp.parse(TEXTS, components=("ner", "senter"), cache_dir=tmp_path, progress=False)
    again = nlp.parse(TEXTS, components=("ner", "senter"), cache_dir=tmp_path, progress=False)
    assert entities(first) == entities(again) and ("Kofi Annan", "PERSON") in entities(again)[0]
    assert [len(list(d.sents)) for d in again] == [2, 1]
    assert len(list(tmp_path.rglob("*.doc"))) == 2


def test_corrupt_and_foreign_cache_entries_are_rebuilt(tmp_path):
    fresh = entities(nlp.parse(TEXTS, cache_dir=tmp_path, progress=False))
    first, second = sorted(tmp_path.rglob("*.doc"))
    first.write_bytes(first.read_bytes()[:20])  # a run killed mid-write by something other than us
    second.write_bytes(b"garbage")
    docs = nlp.parse(TEXTS, cache_dir=tmp_path, progress=False)
    assert [d.text for d in docs] == TEXTS and entities(docs) == fresh
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_a_cached_doc_for_another_text_is_not_used(tmp_path):
    nlp.parse(TEXTS[:1], cache_dir=tmp_path, progress=False)
    [entry] = tmp_path.rglob("*.doc")
    target = next(iter(nlp.parse(TEXTS[1:], cache_dir=tmp_path / "other", progress=False)))
    assert target.text == TEXTS[1]
    # Put the first text's Doc where the second text's entry belongs: the text check must reject it.
    [other_entry] = (tmp_path / "other").rglob("*.doc")
    other_entry.write_bytes(entry.read_bytes())
    assert nlp.parse(TEXTS[1:], cache_dir=tmp_path / "other", progress=False)[0].text == TEXTS[1]


def test_a_text_over_the_model_limit_is_parsed_in_pieces_with_its_offsets(tmp_path):
    """Regression: a body over `nlp.max_length` raised spaCy's E088 from deep inside the pipeline."""
    pipeline = nlp.load_pipeline(components=("ner", "senter"))
    paragraph = "Kofi Annan arrived in Damascus on Thursday. Officials in Jordan welcomed the talks.\n"
    text = paragraph * 40
    limit = pipeline.max_length
    pipeline.max_length = 1000
    try:
        [doc] = nlp.parse([text], components=("ner", "senter"), cache_dir=tmp_path, progress=False)
    finally:
        pipeline.max_length = limit
    assert doc.text == text
    assert sum(ent.text == "Kofi Annan" for ent in doc.ents) == 40
    assert all(text[ent.start_char : ent.end_char] == ent.text for ent in doc.ents)


def test_split_long_text_keeps_every_character():
    text = "word " * 999 + "x" * 3000
    pieces = nlp.split_long_text(text, 700)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 700


def test_sentence_bounds_from_arrays_match_doc_sents():
    from toolkit.nlp import load_pipeline, sentence_spans, sentence_starts

    nlp = load_pipeline(components=("ner", "senter"))
    texts = ["First one here.  Second sentence, longer.\nThird line without stop\nFourth.", "x", "a. b. c.",
             "\n\nAfter blank lines. Another."]  # fmt: skip
    for doc in nlp.pipe(texts):
        assert sentence_starts(doc) == [s.start for s in doc.sents]
        assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    untagged = nlp.make_doc("No boundaries set. At all.")
    assert sentence_starts(untagged) == [0] and sentence_spans(untagged) == [(0, len(untagged.text))]
    assert sentence_spans(nlp.make_doc("")) == []


def test_a_cached_doc_keeps_every_annotation_of_the_pipeline(tmp_path, monkeypatch):
    components = ("tagger", "parser", "lemmatizer", "ner")
    texts = [*TEXTS, "", "  Spaces  around.\n\nAnd a second paragraph's end "]
    first = nlp.parse(texts, components=components, cache_dir=tmp_path, progress=False)

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again instead of reading the cache")

    monkeypatch.setattr(nlp.load_pipeline(components=components), "pipe", no_parsing)
    again = nlp.parse(texts, components=components, cache_dir=tmp_path, progress=False)
    attrs = ["ORTH", "IDX", "SPACY", "NORM", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB",
             "ENT_TYPE"]  # fmt: skip
    for fresh, cached in zip(first, again, strict=True):
        assert cached.text == fresh.text
        assert (cached.to_array(attrs) == fresh.to_array(attrs)).all()
        assert [str(t.morph) for t in cached] == [str(t.morph) for t in fresh]


DAMAGE_TEXT = "Kofi Annan met officials in Damascus on Thursday. They agreed to meet again next week in Geneva."
DAMAGE_COMPONENTS = ("ner", "senter", "tagger")


def test_any_damage_to_a_doc_entry_is_refused_and_the_entry_rebuilt(tmp_path):
    """Regression: one flipped byte in an entry's token table changed labels silently. Flip any byte or cut
    the entry anywhere: the Doc read back equals a fresh parse, and the entry is rewritten whole."""
    options = {"components": DAMAGE_COMPONENTS, "cache_dir": tmp_path, "progress": False}
    fresh = nlp.parse([DAMAGE_TEXT], cache=False, **options)[0].to_json()
    nlp.parse([DAMAGE_TEXT], **options)
    [entry] = tmp_path.rglob("*.doc")
    pristine = entry.read_bytes()

    @settings(max_examples=150, deadline=None)
    @given(st.integers(0, len(pristine) - 1), st.integers(1, 255), st.booleans())
    def damaged_entry_is_never_used(position: int, mask: int, cut: bool) -> None:
        flipped = pristine[:position] + bytes([pristine[position] ^ mask]) + pristine[position + 1 :]
        damaged = pristine[:position] if cut else flipped
        entry.write_bytes(damaged)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert nlp.parse([DAMAGE_TEXT], **options)[0].to_json() == fresh
        assert entry.read_bytes() == pristine

    damaged_entry_is_never_used()


def test_a_damaged_entry_is_named_in_one_warning_and_an_old_format_recomputed_quietly(tmp_path):
    options = {"components": ("ner",), "cache_dir": tmp_path, "progress": False}
    nlp.parse(TEXTS[:1], **options)
    [entry] = tmp_path.rglob("*.doc")
    pristine = entry.read_bytes()
    entry.write_bytes(pristine[:-1] + bytes([pristine[-1] ^ 1]))
    with pytest.warns(UserWarning) as caught:
        nlp.parse(TEXTS[:1], **options)
    [warning] = [w for w in caught if "parse cache" in str(w.message)]
    assert str(entry) in str(warning.message) and "\n" not in str(warning.message) and entry.read_bytes() == pristine
    magic = pristine[: pristine.index(b"\n") + 1]
    entry.write_bytes(b"toolkit-doc/1\n" + pristine[len(magic) + 32 :])  # the format before checksums
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nlp.parse(TEXTS[:1], **options)[0].text == TEXTS[0]
    assert entry.read_bytes() == pristine
