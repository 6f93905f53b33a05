"""Cleaning benchmark: run the cleaner on scraper dumps and score the bodies against gold article text.

    .venv/bin/python benchmarks/cleaning.py [EVAL_DIR] [--out DIR] [--split all|even|odd|each] [--set k=v ...]

EVAL_DIR defaults to ../shared/eval/cleaning (raw/, gold/, labels/, score.py). The clean bodies are
written to --out (default: a temporary folder) and scored by the benchmark's own score.py (token,
4-shingle and line P/R/F1). `--split each` also scores the even- and odd-indexed pages apart (sorted
by id), so rules tuned on one half can be checked on the other. Prints pages per second of cleaning.
"""

from __future__ import annotations

import argparse
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


def _value(text: str) -> object:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def _subset_dir(base: Path, names: list[str], into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = (base / name).resolve()  # an absolute target: the link lives in a temporary folder
        if source.exists():
            (into / name).symlink_to(source)
    return into


def score(eval_dir: Path, out_dir: Path, ids: list[str], label: str, work: Path) -> None:
    """Print what score.py prints for the pages `ids`."""
    gold = _subset_dir(eval_dir / "gold", [f"{i}.txt" for i in ids], work / f"gold-{label}")
    labels = _subset_dir(eval_dir / "labels", [f"{i}.tsv" for i in ids], work / f"labels-{label}")
    print(f"== {label}: {len(ids)} pages", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(eval_dir / "score.py"),
            str(out_dir),
            "--gold",
            str(gold),
            "--labels",
            str(labels),
            "--manifest",
            str(eval_dir / "manifest.csv"),
            "--per-doc",
            str(work / f"per-doc-{label}.csv"),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("eval_dir", nargs="?", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=None, help="folder for the clean bodies (<id>.txt)")
    parser.add_argument("--split", choices=["all", "even", "odd", "each"], default="each")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="cleaning option")
    args = parser.parse_args(argv)
    overrides = dict((k, _value(v)) for k, v in (item.split("=", 1) for item in args.set))

    corpus = load_corpus(args.eval_dir / "raw", progress=False)
    articles = corpus.articles.sort_values("article_id", ignore_index=True)
    started = time.perf_counter()
    cleaned, lines = clean_corpus(articles, progress=False, **overrides)
    elapsed = time.perf_counter() - started
    print(
        f"cleaned {len(cleaned)} pages ({int(lines.shape[0])} lines) in {elapsed:.2f} s: "
        f"{len(cleaned) / elapsed:.1f} pages/s"
    )

    with tempfile.TemporaryDirectory(prefix="clean-bench-") as tmp:
        work = Path(tmp)
        out_dir = args.out or work / "out"
        for article_id, body in zip(cleaned["article_id"], cleaned["body"], strict=True):
            write_text_atomic(out_dir / f"{article_id}.txt", body or "")
        ids = list(cleaned["article_id"])
        if args.split in ("all", "each"):
            score(args.eval_dir, out_dir, ids, "all", work)
        if args.split in ("even", "each"):
            score(args.eval_dir, out_dir, ids[0::2], "even", work)
        if args.split in ("odd", "each"):
            score(args.eval_dir, out_dir, ids[1::2], "odd", work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
