"""Temporal expressions on two dev sets at once: span F1, value accuracy and value F1 of each.

Usage: python benchmarks/timex.py [GOLD_DIR ...] [--out DIR] [--no-cache] [--errors] [--set KEY=VALUE]

Each GOLD_DIR (default: TempEval-3's TBAQ and MEANTIME next to the project) holds one JSON per document
(`text`, `dct`, gold `timexes`) and has the scorer `score.py` in its parent folder (TempEval-3
definitions). One prediction JSON per document (the gold shape: `timexes` with start, end, text, type,
value, mod) is written under OUT/<set name>, scored, and both sets' figures are printed side by side:
the rules are tuned on one set and checked on the other, so a change is judged on both.

`--errors` also lists the errors of each set by kind (missed, spurious, wrong value or type, by the gold
type and the shape of its value: `attribute DURATION vague`, `missed SET`...), with a few examples of
each, and writes them all to OUT/<set name>/errors.jsonl.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "timex"
DEFAULT_SETS = (EVAL / "tbaq", EVAL / "meantime")
EXAMPLES_PER_KIND = 4

from toolkit.nlp import iter_parse  # noqa: E402
from toolkit.timeline import COMPONENTS, build_options, timex_rows, timexes_frame  # noqa: E402


def load_scorer(gold_dir: Path) -> ModuleType:
    """The `score.py` next to a gold folder."""
    path = gold_dir.parent / "score.py"
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location("timex_score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def predict(gold_dir: Path, out_dir: Path, *, cache: bool, options: dict) -> tuple[int, float]:
    """Write one prediction JSON per gold document into `out_dir`; the number of documents and the seconds
    spent parsing and resolving."""
    files = sorted(p for p in gold_dir.glob("*.json") if not p.name.startswith("_"))
    docs_json = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    out_dir.mkdir(parents=True, exist_ok=True)
    opts = build_options(options)
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
    return len(files), time.perf_counter() - began


def value_shape(value: str | None) -> str:
    """What kind of TIMEX3 value `value` is: `day`, `month`, `year`, `decade/century`, `week`, `part of year`,
    `time`, `reference`, `duration`, `vague` (a duration of unknown length), `unknown parts` or `none`."""
    v = (value or "").upper()
    shapes = (
        (r"(PRESENT|PAST|FUTURE)_REF", "reference"), (r"PT?X\w*", "vague"), (r"P[\dT].*", "duration"),
        (r".*T\d\d:\d\d.*|.*T(MO|AF|EV|NI|DT)", "time"), (r".*X.*", "unknown parts"), (r"\d{4}-\d\d-\d\d", "day"),
        (r"\d{4}-\d\d", "month"), (r"\d{4}", "year"), (r"\d{2,3}", "decade/century"), (r"\d{4}-W\d\d.*", "week"),
        (r"\d{4}-(Q\d|H\d|SP|SU|FA|WI)", "part of year"),
    )  # fmt: skip
    if not v:
        return "none"
    return next((name for pattern, name in shapes if re.fullmatch(pattern, v)), "other")


def error_kind(error: dict) -> str:
    """`missed SET`, `spurious DATE year`, `attribute DURATION vague`: what went wrong, on which gold type and
    value shape (the system's for a spurious expression)."""
    kind = error["kind"]
    if kind == "spurious":
        return f"spurious {error.get('sys_type')} {value_shape(error.get('sys_value'))}"
    if kind == "missed":
        return f"missed {error.get('gold_type')} {value_shape(error.get('gold_value'))}"
    wrong = "type" if error.get("value_ok") else "value"
    return f"{wrong} {error.get('gold_type')} {value_shape(error.get('gold_value'))}"


def error_listing(errors_path: Path, *, examples: int = EXAMPLES_PER_KIND) -> str:
    """The errors the scorer wrote to `errors_path` counted by kind, most frequent first, with examples;
    rewrites the file with each error's kind."""
    errors = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines() if line]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for error in errors:
        error["error_kind"] = error_kind(error)
        by_kind[error["error_kind"]].append(error)
    errors_path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
    counts = Counter({kind: len(found) for kind, found in by_kind.items()})
    lines = []
    for kind, n in counts.most_common():
        shown = "; ".join(_example(e) for e in by_kind[kind][:examples])
        lines.append(f"  {n:4d}  {kind}: {shown}")
    return "\n".join(lines)


def _example(error: dict) -> str:
    gold = f"{error.get('gold_text')!r}={error.get('gold_value')}" if "gold_text" in error else ""
    system = f"{error.get('sys_text')!r}={error.get('sys_value')}" if "sys_text" in error else ""
    return " -> ".join(part for part in (gold, system) if part)


def summary_line(name: str, report: dict) -> str:
    """One set's figures on one line, in per cent."""
    pct = lambda x: f"{100 * x:5.2f}"  # noqa: E731
    return (f"{name:<10} strict F1 {pct(report['strict']['F1'])}  relaxed F1 {pct(report['relaxed']['F1'])}  "
            f"value accuracy {pct(report['value']['accuracy'])}  value F1 {pct(report['value']['F1'])}")  # fmt: skip


def parse_options(items: list[str]) -> dict:
    """`--set KEY=VALUE` items as a dict of TOML values (a bare KEY is True)."""
    options = {}
    for item in items:
        key, _, raw = item.partition("=")
        options[key] = tomllib.loads(f"v = {raw}")["v"] if raw else True
    return options


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dirs", type=Path, nargs="*", default=list(DEFAULT_SETS), metavar="GOLD_DIR")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "timex")
    ap.add_argument("--no-cache", action="store_true", help="parse again instead of reading cached Docs")
    ap.add_argument("--errors", action="store_true", help="list the errors by kind, write OUT/<set>/errors.jsonl")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="a [timeline] option, e.g. --set spacy_spans=false")
    args = ap.parse_args(argv)
    options = parse_options(args.set)
    summaries = []
    for gold_dir in args.gold_dirs:
        if not gold_dir.is_dir():
            raise SystemExit(f"not a folder: {gold_dir}")
        scorer = load_scorer(gold_dir)
        out_dir = args.out / gold_dir.name
        n_docs, seconds = predict(gold_dir, out_dir / "predictions", cache=not args.no_cache, options=options)
        errors_path = out_dir / "errors.jsonl" if args.errors else None
        report = scorer.score(gold_dir, out_dir / "predictions", errors_path)
        print(f"== {gold_dir.name}: {n_docs} documents, {n_docs / seconds:.1f} documents/s")
        print(scorer.fmt(report))
        if errors_path is not None:
            print(f"errors by kind ({errors_path}):")
            print(error_listing(errors_path))
        print()
        summaries.append(summary_line(gold_dir.name, report))
    print("\n".join(summaries))
    if not args.no_cache:
        print("(parses read from the cache when present; --no-cache to time parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
