"""Entity mentions and canonical names on CoNLL-2003 test documents with gold entity ids (AIDA), scored by
the project's judged scorer.

    .venv/bin/python benchmarks/entities.py [GOLD.jsonl] [--scorer score.py] [--ablation] [--limit N]

Each document's text is taken as its clean body (as `toolkit entities --no-clean` does), so the mentions'
offsets are offsets into the gold text. The toolkit's mentions, and the raw spaCy model's (every entity of
the full pipeline, canonical = mention text: the scorer's reference), are written as a `mentions.parquet`
and scored by running the scorer beside the gold file (`score.py`, see its docstring): span F1, entity-set
Jaccard, top entity, B-cubed F1 of the canonical clusters within documents and across the corpus, count
MAE. The figures are therefore the judged ones, on every document and on each half (even and odd positions
in the file: tune on one, check on the other). Also prints words per second (parsing without cache +
rules, then rules alone).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd
import spacy
from spacy.tokens import Doc

from toolkit.entities import RULE_SWITCHES, Options, batch_mention_rows, mentions_frame
from toolkit.entities.corpus import apply_corpus_names, combine_summaries, corpus_names, name_summary
from toolkit.nlp import parse, resolve_model_name

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_PATH = SHARED / "eval" / "ner" / "conll2003_aida_dev.jsonl"
# The scorer's output lines, in the order printed here, and the column each one goes to.
METRICS = {
    "span F1": "span_f1",
    "set Jaccard": "jaccard",
    "top entity agrees": "top_entity",
    "B3 F1 within documents": "b3_within",
    "B3 F1 across corpus": "b3_across",
    "count MAE": "count_mae",
}


def raw_mentions(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The raw model: every entity, its exact text as the canonical name (the scorer drops unscored labels)."""
    rows = [(doc_id, e.start_char, e.end_char, e.text, e.label_, e.text) for e in doc.ents]
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "text", "label", "canonical"])


def toolkit_mentions(
    docs: list[Doc], gold_docs: list[dict], options: dict[str, Any], *, corpus: bool = True, partition: int = 25
) -> pd.DataFrame:
    """The toolkit's `mentions` table of the parsed documents, with `options` over the `[entities]` settings,
    built as the pipeline builds it: per partition of `partition` documents, then, with `corpus`, the names
    joined across the corpus from the sum of the partitions' summaries."""
    opts = Options.build(options)
    parts = []
    for first in range(0, len(docs), partition):
        golds = gold_docs[first : first + partition]
        ids, texts = [gold["doc_id"] for gold in golds], [gold["text"] for gold in golds]
        parts.append(mentions_frame(batch_mention_rows(docs[first : first + partition], ids, texts, opts)))
    if corpus:
        mapping = corpus_names(combine_summaries(name_summary(part) for part in parts))
        parts = [apply_corpus_names(part, mapping) for part in parts]
    return pd.concat(parts, ignore_index=True)


def judged_scores(scorer: Path, gold: Path, mentions: pd.DataFrame, workdir: Path) -> dict[str, float]:
    """The scorer's figures for `mentions`, written as a parquet and scored in a subprocess."""
    path = workdir / "mentions.parquet"
    mentions.to_parquet(path, index=False)
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"error: {scorer}: {result.stderr.strip() or 'failed'}")
    scores = {}
    for line in result.stdout.splitlines():
        name, _, value = line.rpartition(": ")
        for prefix, column in METRICS.items():
            if name.startswith(prefix):
                scores[column] = float(value)
    missing = [prefix for prefix, column in METRICS.items() if column not in scores]
    if missing:
        raise SystemExit(f"error: {scorer}: no line for {', '.join(missing)} in its output")
    return scores


def variants(ablation: bool) -> dict[str, dict[str, Any]]:
    """The toolkit's options to score: as configured, and with `ablation` each rule switched off / extra ones on."""
    found: dict[str, dict[str, Any]] = {"toolkit": {}}
    if ablation:
        for switch in RULE_SWITCHES:
            found[f"  - {switch}"] = {switch: False}
        found["  + merge ORG/GPE/NORP"] = {"merge_labels": ["PERSON", "ORG", "GPE", "NORP"]}
        found["  - corpus names"] = {}
    return found


def halves(gold_docs: list[dict]) -> dict[str, list[dict]]:
    """Every document, and the two halves a rule is tuned on and checked on: even and odd positions in the
    file (a rule is kept only when it helps both)."""
    return {"all": gold_docs, "even": gold_docs[0::2], "odd": gold_docs[1::2]}


def evaluate(path: Path, scorer: Path, limit: int | None, ablation: bool, keep: Path | None = None) -> None:
    gold_docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_docs = gold_docs[:limit] if limit else gold_docs
    texts = [d["text"] for d in gold_docs]
    n_words = sum(len(t.split()) for t in texts)
    print(
        f"{path.name}: {len(gold_docs)} documents, {n_words} words, "
        f"{sum(len(d['entities']) for d in gold_docs)} gold mentions; scored by {scorer}"
    )
    t0 = time.perf_counter()
    docs = parse(texts, components=("ner", "senter"), cache=False, progress=False, n_process=1)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    systems = {"toolkit": toolkit_mentions(docs, gold_docs, {})}
    t_rules = time.perf_counter() - t0
    full = spacy.load(resolve_model_name())  # the raw reference runs every component (sentences from the parser)
    systems["raw model"] = pd.concat(
        [raw_mentions(doc, gold["doc_id"]) for doc, gold in zip(full.pipe(texts), gold_docs, strict=True)],
        ignore_index=True,
    )
    for name, options in variants(ablation).items():
        if name not in systems:
            systems[name] = toolkit_mentions(docs, gold_docs, options, corpus=name != "  - corpus names")

    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        for name, mentions in systems.items():
            mentions.to_parquet(keep / f"{name.strip(' +-').replace(' ', '_').replace('/', '_')}.parquet", index=False)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        rows = []
        for half, docs_of_half in halves(gold_docs).items():
            gold = workdir / f"{half}.jsonl"
            gold.write_text("".join(json.dumps(d) + "\n" for d in docs_of_half), encoding="utf-8")
            rows.extend(
                {"system": name, "documents": half} | judged_scores(scorer, gold, mentions, workdir)
                for name, mentions in systems.items()
            )
    table = pd.DataFrame(rows).set_index(["documents", "system"])[list(METRICS.values())]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(table)
    print(
        f"speed: parse (ner+senter, no cache, 1 process) + rules {n_words / (t_parse + t_rules):,.0f} words/s; "
        f"rules alone {n_words / t_rules:,.0f} words/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help="gold JSONL")
    parser.add_argument("--scorer", type=Path, default=None, help="the judged scorer (default: score.py beside PATH)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--ablation", action="store_true", help="also score each rule switched off / extra ones on")
    parser.add_argument("--keep", type=Path, default=None, help="also write each system's mentions.parquet here")
    args = parser.parse_args(argv)
    scorer = args.scorer or args.path.parent / "score.py"
    for path in (args.path, scorer):
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
    evaluate(args.path, scorer, args.limit, args.ablation, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
