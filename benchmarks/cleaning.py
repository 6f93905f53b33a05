"""Cleaning benchmark: run the cleaner on scraper dumps and score the bodies against gold article text.

    .venv/bin/python benchmarks/cleaning.py EVAL_DIR [EVAL_DIR ...] [--split all|each] [--worst N]
                                            [--out DIR] [--set k=v ...]

Each EVAL_DIR holds raw/, gold/, labels/, manifest.csv and score.py (e.g. ../shared/eval/cleaning and
../shared/eval/cleaning_gn1; default: the first). The clean bodies of a set are written to --out/<set>
(default: a temporary folder) and scored by the set's own score.py. For every set it prints the token
P/R/F1, pages per second of cleaning, and the `--worst` pages by token F1 with their P/R, so that the
kinds of loss can be read (low P: too much of the page kept; low R: a block of the article lost).
`--split each` also scores the even- and odd-indexed pages apart (sorted by id). A summary line gives
the token F1 of every set, the figure a rule must not lower on any of them.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.clean import clean_corpus  # noqa: E402
from toolkit.corpus import load_corpus  # noqa: E402
from toolkit.io import write_text_atomic  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "cleaning"


def option_value(text: str) -> object:
    """A `--set` value as a number or a boolean when it reads as one."""
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def subset_dir(base: Path, names: list[str], into: Path) -> Path:
    """A folder of links to the files `names` of `base` (to score part of a set)."""
    into.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = (base / name).resolve()  # an absolute target: the link lives in a temporary folder
        if source.exists():
            (into / name).symlink_to(source)
    return into


def score(eval_dir: Path, out_dir: Path, ids: list[str], label: str, work: Path) -> list[dict[str, str]]:
    """Print what score.py prints for the pages `ids`; return its per-page rows."""
    gold = subset_dir(eval_dir / "gold", [f"{i}.txt" for i in ids], work / f"gold-{label}")
    labels = subset_dir(eval_dir / "labels", [f"{i}.tsv" for i in ids], work / f"labels-{label}")
    per_doc = work / f"per-doc-{label}.csv"
    print(f"== {label}: {len(ids)} pages", flush=True)
    command = [sys.executable, str(eval_dir / "score.py"), str(out_dir), "--gold", str(gold)]
    command += ["--labels", str(labels), "--manifest", str(eval_dir / "manifest.csv"), "--per-doc", str(per_doc)]
    command += ["--json", str(work / f"score-{label}.json"), "--bootstrap", "200"]
    subprocess.run(command, check=True)
    with open(per_doc, encoding="utf8", newline="") as handle:
        return list(csv.DictReader(handle))


def mean_token_f1(work: Path, label: str) -> float:
    """The token F1 score.py wrote for a scored subset."""
    import json

    return float(json.loads((work / f"score-{label}.json").read_text(encoding="utf8"))["tokens"]["f1"])


def print_worst(rows: list[dict[str, str]], count: int) -> None:
    """The `count` pages with the lowest token F1, with P/R and token counts (the kinds of loss)."""
    if count <= 0:
        return
    worst = sorted(rows, key=lambda row: float(row["tok_f1"] or 0))[:count]
    print(f"   worst {len(worst)} pages by token F1 (P low: page kept; R low: article lost)")
    for row in worst:
        p = float(row["tok_p"]) if row["tok_p"] else 0.0
        r = float(row["tok_r"]) if row["tok_r"] else 0.0
        kind = "kept too much" if p < r else "lost article"
        print(
            f"   {row['id']:<28} F1 {float(row['tok_f1']):.3f}  P {p:.3f}  R {r:.3f}  "
            f"pred {row['pred_tokens']:>5} gold {row['gold_tokens']:>5}  {kind}"
        )


def run_set(eval_dir: Path, out_root: Path | None, work: Path, args: argparse.Namespace, overrides: dict) -> float:
    """Clean and score one evaluation set; return its token F1 over all its pages."""
    name = eval_dir.resolve().name
    corpus = load_corpus(eval_dir / "raw", progress=False)
    articles = corpus.articles.sort_values("article_id", ignore_index=True)
    started = time.perf_counter()
    cleaned, lines = clean_corpus(articles, progress=False, **overrides)
    elapsed = time.perf_counter() - started
    print(
        f"#### {name}: cleaned {len(cleaned)} pages ({int(lines.shape[0])} lines) in {elapsed:.2f} s: "
        f"{len(cleaned) / elapsed:.1f} pages/s"
    )
    set_work = work / name
    out_dir = (out_root / name) if out_root else set_work / "out"
    for article_id, body in zip(cleaned["article_id"], cleaned["body"], strict=True):
        write_text_atomic(out_dir / f"{article_id}.txt", body or "")
    ids = list(cleaned["article_id"])
    rows = score(eval_dir, out_dir, ids, "all", set_work)
    print_worst(rows, args.worst)
    if args.split == "each":
        score(eval_dir, out_dir, ids[0::2], "even", set_work)
        score(eval_dir, out_dir, ids[1::2], "odd", set_work)
    return mean_token_f1(set_work, "all")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("eval_dirs", nargs="*", type=Path, default=[DEFAULT_EVAL], metavar="EVAL_DIR")
    parser.add_argument("--out", type=Path, default=None, help="folder for the clean bodies (<set>/<id>.txt)")
    parser.add_argument("--split", choices=["all", "each"], default="all")
    parser.add_argument("--worst", type=int, default=12, help="how many of the worst pages to list per set")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="cleaning option")
    args = parser.parse_args(argv)
    overrides = dict((k, option_value(v)) for k, v in (item.split("=", 1) for item in args.set))
    for eval_dir in args.eval_dirs:
        if not (eval_dir / "raw").is_dir() or not (eval_dir / "score.py").is_file():
            parser.error(f"{eval_dir}: not an evaluation set (needs raw/ and score.py)")
    with tempfile.TemporaryDirectory(prefix="clean-bench-") as tmp:
        figures = {d.resolve().name: run_set(d, args.out, Path(tmp), args, overrides) for d in args.eval_dirs}
    print("token F1: " + "  ".join(f"{name} {f1:.3f}" for name, f1 in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
