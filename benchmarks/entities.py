"""Entity counting and canonicalisation on CoNLL-2003 test documents with gold entity ids (AIDA).

    .venv/bin/python benchmarks/entities.py [PATH.jsonl] [--ablation] [--limit N]

Prints, for the raw spaCy model and for `toolkit.entities`:
- entity counting per document: the set of (canonical entity, label) counted vs gold (Jaccard), the mean
  absolute count error over the union of entities, and whether the most mentioned entity agrees. A gold
  entity is a cluster of gold mentions with the same kb_id (a mention without kb_id is its own entity,
  keyed by its text); its name is its longest mention text, its label the majority gold label. Toolkit
  labels are mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/WORK_OF_ART/PRODUCT/LANGUAGE/LAW->MISC.
- B-cubed F1 of canonical clusters against gold kb_id clusters, within each document (mean over documents)
  and across the corpus, over gold mentions with a kb_id: (a) on gold spans (the canonicalisation rules given
  the gold mentions, which is what the README's reference points measure), (b) end to end, on the gold
  mentions the toolkit finds with exactly the same span.
- span F1 of the mentions and words per second (parsing without cache + rules, then rules alone).
The text is already clean: it is parsed as given (no cleaning), so gold offsets match.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc
from spacy.util import filter_spans

from toolkit.entities import RULE_SWITCHES, article_mentions, count_entities
from toolkit.nlp import parse

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_PATH = SHARED / "eval" / "ner" / "conll2003_aida_dev.jsonl"
TO_GOLD = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
    "LAW": "MISC",
}
FROM_GOLD = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "NORP"}


def gold_counts(doc: dict) -> Counter:
    """(name, label) -> mentions of each gold entity of a document."""
    clusters: dict[str, list[dict]] = defaultdict(list)
    for ent in doc["entities"]:
        clusters[ent["kb_id"] or f"text:{ent['text']}"].append(ent)
    counts: Counter = Counter()
    for ents in clusters.values():
        texts = Counter(e["text"] for e in ents)
        name = max(texts, key=lambda t: (len(t), texts[t], t))
        label = Counter(e["label"] for e in ents).most_common(1)[0][0]
        counts[(name, label)] += len(ents)
    return counts


def predicted_counts(mentions: pd.DataFrame) -> Counter:
    counts = count_entities(mentions)
    return Counter(
        {(c, TO_GOLD[lab]): int(n) for c, lab, n in zip(counts.canonical, counts.label, counts.mentions, strict=True)}
    )


def top_entity(counts: Counter) -> set:
    if not counts:
        return set()
    best = max(counts.values())
    return {key for key, n in counts.items() if n == best}


def counting_scores(golds: list[Counter], preds: list[Counter]) -> dict[str, float]:
    jaccard, abs_err, top = [], [], []
    for g, p in zip(golds, preds, strict=True):
        gk, pk = set(g), set(p)
        union = gk | pk
        jaccard.append(len(gk & pk) / len(union) if union else 1.0)
        abs_err.append(sum(abs(g[k] - p[k]) for k in union) / len(union) if union else 0.0)
        pred_top = min(top_entity(p), key=lambda k: (k[0], k[1])) if p else None  # count_entities order
        top.append(pred_top in top_entity(g))
    n = len(golds)
    return {"jaccard": sum(jaccard) / n, "count_mae": sum(abs_err) / n, "top_agree": sum(top) / n}


def bcubed(items: list[tuple]) -> float:
    """B-cubed F1 of (predicted cluster, gold cluster) pairs, one per item."""
    if not items:
        return float("nan")
    pc, gc, both = Counter(p for p, _ in items), Counter(g for _, g in items), Counter(items)
    precision = sum(both[i] / pc[i[0]] for i in items) / len(items)
    recall = sum(both[i] / gc[i[1]] for i in items) / len(items)
    return 2 * precision * recall / (precision + recall)


def bcubed_scores(per_doc: list[list[tuple]]) -> dict[str, float]:
    """per_doc: lists of (doc_id, predicted canonical, gold kb_id)."""
    within = [bcubed([((d, p), g) for d, p, g in items]) for items in per_doc if items]
    across = bcubed([(p, g) for items in per_doc for _, p, g in items])
    return {"b3_within": sum(within) / len(within), "b3_across": across}


def raw_mentions(doc: Doc, doc_id: str) -> pd.DataFrame:
    """The raw model: every entity with a kept label, its exact text as the canonical name."""
    rows = [(doc_id, 0, e.start_char, e.end_char, e.text, e.label_, e.text) for e in doc.ents if e.label_ in TO_GOLD]
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end", "text", "label", "canonical"])


def with_gold_spans(doc: Doc, gold: dict) -> tuple[Doc, dict[int, dict]]:
    """A copy of `doc` whose entities are the gold mentions (token-aligned); start char -> gold mention."""
    copy = doc.copy()
    spans, by_start = [], {}
    for ent in gold["entities"]:
        span = copy.char_span(ent["start"], ent["end"], label=FROM_GOLD[ent["label"]], alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans = filter_spans(spans)
    copy.set_ents(spans, default="outside")
    starts = {span.start_char for span in spans}
    for ent in gold["entities"]:
        span = copy.char_span(ent["start"], ent["end"], alignment_mode="expand")
        if span is not None and span.start_char in starts:
            by_start.setdefault(span.start_char, ent)
    return copy, by_start


def evaluate(path: Path, limit: int | None, ablation: bool) -> None:
    gold_docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_docs = gold_docs[:limit] if limit else gold_docs
    texts = [d["text"] for d in gold_docs]
    n_words = sum(len(t.split()) for t in texts)
    print(
        f"{path.name}: {len(gold_docs)} documents, {n_words} words, "
        f"{sum(len(d['entities']) for d in gold_docs)} gold mentions"
    )

    t0 = time.perf_counter()
    docs = parse(texts, components=("ner", "senter"), cache=False, progress=False, n_process=1)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    toolkit = [article_mentions(doc, d["doc_id"]) for doc, d in zip(docs, gold_docs, strict=True)]
    t_rules = time.perf_counter() - t0
    golds = [gold_counts(d) for d in gold_docs]

    systems: dict[str, dict] = {"raw model": {}}
    variants = {"toolkit": {}}
    if ablation:
        for switch in RULE_SWITCHES:
            variants[f"  - {switch}"] = {switch: False}
        variants["  + merge ORG/GPE/NORP"] = {"merge_labels": ["PERSON", "ORG", "GPE", "NORP"]}
    for name in variants:
        systems[name] = {}

    def run(options: dict | None) -> tuple[list[pd.DataFrame], list[list[tuple]], list[list[tuple]]]:
        mentions, on_gold, end_to_end = [], [], []
        for doc, gold in zip(docs, gold_docs, strict=True):
            doc_id = gold["doc_id"]
            found = raw_mentions(doc, doc_id) if options is None else article_mentions(doc, doc_id, **options)
            mentions.append(found)
            gdoc, by_start = with_gold_spans(doc, gold)
            if options is None:
                canon = {s.start_char: s.text for s in gdoc.ents}
            else:
                on = article_mentions(gdoc, doc_id, **(options | {"consistency": False, "span_repair": False}))
                canon = dict(zip(on.start, on.canonical, strict=True))
            on_gold.append([(doc_id, canon.get(s, f"?{s}"), g["kb_id"]) for s, g in by_start.items() if g["kb_id"]])
            spans = {(s, e): c for s, e, c in zip(found.start, found.end, found.canonical, strict=True)}
            end_to_end.append(
                [
                    (doc_id, spans[(g["start"], g["end"])], g["kb_id"])
                    for g in gold["entities"]
                    if g["kb_id"] and (g["start"], g["end"]) in spans
                ]
            )
        return mentions, on_gold, end_to_end

    rows = []
    for name in systems:
        options = None if name == "raw model" else variants[name]
        mentions, on_gold, end_to_end = (toolkit, *run(options)[1:]) if name == "toolkit" else run(options)
        scores = counting_scores(golds, [predicted_counts(m) for m in mentions])
        gold_b3 = bcubed_scores(on_gold)
        e2e_b3 = bcubed_scores(end_to_end)
        tp = fp = fn = 0
        for m, g in zip(mentions, gold_docs, strict=True):
            gs = {(e["start"], e["end"], e["label"]) for e in g["entities"]}
            ps = {(s, e, TO_GOLD[lab]) for s, e, lab in zip(m.start, m.end, m.label, strict=True)}
            tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
        matched = sum(len(x) for x in end_to_end) / max(1, sum(len(x) for x in on_gold))
        rows.append(
            {
                "system": name,
                "jaccard": scores["jaccard"],
                "count_mae": scores["count_mae"],
                "top_agree": scores["top_agree"],
                "b3_within_gold": gold_b3["b3_within"],
                "b3_across_gold": gold_b3["b3_across"],
                "b3_within_e2e": e2e_b3["b3_within"],
                "b3_across_e2e": e2e_b3["b3_across"],
                "e2e_matched": matched,
                "span_f1": 2 * tp / (2 * tp + fp + fn),
            }
        )
    table = pd.DataFrame(rows).set_index("system")
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(table)
    print(
        f"speed: parse (ner+senter, no cache, 1 process) + rules {n_words / (t_parse + t_rules):,.0f} words/s; "
        f"rules alone {n_words / t_rules:,.0f} words/s"
    )
    print("targets: b3_within_gold >= 0.97, b3_across_gold >= 0.90, jaccard > raw model (README: 0.485 on all 231)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--ablation", action="store_true", help="also score each rule switched off / extra ones on")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"error: {args.path}: no such file", file=sys.stderr)
        return 2
    evaluate(args.path, args.limit, args.ablation)
    return 0


if __name__ == "__main__":
    sys.exit(main())
