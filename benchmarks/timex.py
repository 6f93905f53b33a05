"""Temporal expressions on TempEval-3 (TimeBank + AQUAINT): span F1, value accuracy and value F1.

Usage: python benchmarks/timex.py [TBAQ_DIR] [--out DIR] [--no-cache] [--errors]

Writes one prediction JSON per document (the gold shape: `timexes` with start, end, text, type, value,
mod) under OUT/all, scores them with the scorer next to the data (`score.py`, TempEval-3 definitions) on
all documents and on two fixed halves: `dev` (even positions in name order, used to develop the rules)
and `held-out` (odd positions, only reported), and prints documents per second for parsing + resolution.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "timex" / "tbaq"

from toolkit.nlp import iter_parse  # noqa: E402
from toolkit.timeline import COMPONENTS, build_options, timex_rows, timexes_frame  # noqa: E402


def load_scorer(gold_dir: Path):
    path = gold_dir.parent / "score.py"
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location("timex_score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def predict(gold_dir: Path, out_dir: Path, *, cache: bool, options: dict | None = None) -> tuple[list[Path], float]:
    files = sorted(p for p in gold_dir.glob("*.json") if not p.name.startswith("_"))
    docs_json = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    out_dir.mkdir(parents=True, exist_ok=True)
    opts = build_options(options or {})
    began = time.perf_counter()
    texts = [d["text"] for d in docs_json]
    for path, gold, doc in zip(files, docs_json, iter_parse(texts, components=COMPONENTS, cache=cache,
                                                            progress=False), strict=True):  # fmt: skip
        ref = pd.Timestamp(gold["dct"]) if gold.get("dct") else None
        table = timexes_frame(timex_rows(doc, gold.get("docid", path.stem), ref, "published" if ref else "none", opts))
        timexes = [
            {"start": int(r.start), "end": int(r.end), "text": r.text, "type": r.type, "value": r.value,
             "mod": r.mod}  # fmt: skip
            for r in table.itertuples()
            if r.value is not None
        ]
        (out_dir / path.name).write_text(json.dumps({"docid": gold.get("docid"), "timexes": timexes}, indent=1))
    return files, time.perf_counter() - began


def score_subset(scorer, files: list[Path], pred_dir: Path, errors: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            (Path(tmp) / f.name).symlink_to(f.resolve())
        return scorer.score(Path(tmp), pred_dir, errors)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", type=Path, nargs="?", default=DEFAULT_EVAL)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "timex")
    ap.add_argument("--no-cache", action="store_true", help="parse again instead of reading cached Docs")
    ap.add_argument("--errors", action="store_true", help="write OUT/errors_dev.jsonl (dev half only)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="a [timeline] option, e.g. --set spacy_spans=false")
    args = ap.parse_args(argv)
    if not args.gold_dir.is_dir():
        raise SystemExit(f"not a folder: {args.gold_dir}")
    scorer = load_scorer(args.gold_dir)
    pred_dir = args.out / "all"
    options = {}
    for item in args.set:
        key, _, raw = item.partition("=")
        options[key] = tomllib.loads(f"v = {raw}")["v"] if raw not in ("", None) else True
    files, seconds = predict(args.gold_dir, pred_dir, cache=not args.no_cache, options=options)
    halves = {"all": files, "dev": files[0::2], "held-out": files[1::2]}
    for name, subset in halves.items():
        errors = args.out / "errors_dev.jsonl" if (args.errors and name == "dev") else None
        report = score_subset(scorer, subset, pred_dir, errors)
        print(f"== {name}: {len(subset)} documents")
        print(scorer.fmt(report))
        print()
    cached = "" if args.no_cache else " (parses read from the cache when present; --no-cache to time parsing)"
    print(f"speed: {len(files) / seconds:.1f} documents/s, {seconds:.1f} s for {len(files)} documents{cached}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
