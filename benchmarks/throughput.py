"""Throughput of the whole pipeline (load, clean, NER, entity counts, timeline) on Reuters-21578, against
two references on the same texts: the loop an analyst writes by hand (`[nlp(t) for t in texts]`, full
pipeline) and the limit (`nlp.pipe` with NER and senter alone, n_process=2). Also the warm re-run.

    python benchmarks/throughput.py [CORPUS.tar.gz] [--sizes 1000,5000,all] [--quick]

Each measurement runs in a fresh child process; peak memory is the largest total RSS of that process
and its worker processes, sampled with psutil every 0.1 s. Not run by the tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from process_memory import TreePeaks  # benchmarks/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.tar.gz"
REFERENCE_COMPONENTS = ("ner", "senter")  # what the toolkit's entity step parses with


# --- the corpus ------------------------------------------------------------------------------------------


def unpack(archive: Path, into: Path) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The article files of the archive, sorted, and its metadata by article id."""
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    files = sorted(p for p in into.rglob("*.txt") if not p.name.startswith("."))
    meta_path = next(into.rglob("metadata.csv"))
    with meta_path.open(encoding="utf-8", newline="") as handle:
        meta = {row["id"]: row for row in csv.DictReader(handle)}
    return files, meta


def corpus_folder(files: list[Path], meta: dict[str, dict[str, str]], folder: Path) -> Path:
    """A corpus folder as the toolkit reads it: `raw/<id>.txt` (symlinks) and `metadata.csv` with the
    toolkit's column names (`id` -> `article_id`, `date` -> `published`)."""
    raw = folder / "raw"
    raw.mkdir(parents=True)
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "published", "source", "url", "title"])
        for path in files:
            (raw / path.name).symlink_to(path)
            row = meta.get(path.stem, {})
            writer.writerow([path.stem, row.get("date", ""), "Reuters-21578", row.get("source_url", ""),
                             row.get("title", "")])
    return folder


# --- the measured tasks (each in its own child process) -----------------------------------------------------


def _texts(source: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((source / "raw").glob("*.txt"))]


def task_toolkit(source: Path, n_process: int | None) -> dict:
    from toolkit.pipeline import run

    start = time.perf_counter()
    tables = run(source, until="timeline", n_process=n_process, progress=False)
    wall = time.perf_counter() - start
    articles = tables["articles"]
    return {
        "wall": wall,
        "articles": len(articles),
        "raw_chars": int(articles["text"].str.len().sum()),
        "body_chars": int(articles["body"].str.len().sum()),
        "rows": {name: len(table) for name, table in tables.items()},
    }


def task_hand(source: Path, limit: int) -> dict:
    import spacy

    from toolkit.nlp import resolve_model_name

    texts = _texts(source)
    measured = texts[:limit] if limit else texts
    start = time.perf_counter()
    nlp = spacy.load(resolve_model_name())
    docs = [nlp(text) for text in measured]
    wall = time.perf_counter() - start
    words = sum(len(t.split()) for t in measured)
    return {"wall": wall, "articles": len(docs), "words": words, "all_words": sum(len(t.split()) for t in texts)}


def task_limit(source: Path, n_process: int, batch_size: int) -> dict:
    import warnings

    from toolkit.nlp import load_pipeline

    texts = _texts(source)
    start = time.perf_counter()
    nlp = load_pipeline(components=REFERENCE_COMPONENTS)  # spacy.load with every other component excluded
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    return {"wall": time.perf_counter() - start, "articles": n, "pipes": nlp.pipe_names, "n_process": n_process}


# --- running and watching a child ---------------------------------------------------------------------------


def measure(task: list[str], env: dict[str, str]) -> dict:
    """Run `throughput.py --task ...` in a child; its JSON result plus the peak RSS of its process tree."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--task", *task], stdout=subprocess.PIPE, env={**os.environ, **env}, text=True
    )
    with TreePeaks(child.pid, interval=0.1) as peaks:
        out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"task {' '.join(task)} failed with status {child.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    assert result.get("code", "").startswith(os.environ.get("PYTHONPATH", "-").split(os.pathsep)[0]), result
    result["peak_mb"] = peaks.total / 2**20
    return result


def words_in(folder: Path) -> int:
    return sum(len(t.split()) for t in _texts(folder))


def bench_size(files, meta, n: int, work: Path, args: argparse.Namespace) -> dict:
    folder = corpus_folder(files[:n], meta, work / f"corpus-{n}")
    words = words_in(folder)
    cache = {"TOOLKIT_CACHE_DIR": str(work / f"cache-{n}")}
    n_process = [str(args.n_process)] if args.n_process else []
    cold = measure(["toolkit", str(folder), *n_process], cache)
    warm = measure(["toolkit", str(folder), *n_process], cache)
    limit = measure(["limit", str(folder), str(args.limit_processes), str(args.batch_size)], {})
    hand_limit = min(args.hand_limit, n) if args.hand_limit else 0
    hand = measure(["hand", str(folder), str(hand_limit)], {})
    hand_wall = hand["wall"] * hand["all_words"] / hand["words"]  # extrapolated by words when sampled
    return {"n": cold["articles"], "words": words, "cold": cold, "warm": warm, "limit": limit, "hand": hand,
            "hand_wall": hand_wall, "hand_sampled": hand["articles"] < n}  # fmt: skip


def report(row: dict) -> None:
    n, words = row["n"], row["words"]
    cold, warm, limit = row["cold"], row["warm"], row["limit"]
    print(f"\n== {n} articles, {words:,} words (clean bodies: {cold['body_chars'] / cold['raw_chars']:.0%} "
          f"of the raw characters)")  # fmt: skip
    for name, wall, peak in (
        ("toolkit, cold", cold["wall"], cold["peak_mb"]),
        ("toolkit, warm re-run", warm["wall"], warm["peak_mb"]),
        (f"limit: nlp.pipe {'+'.join(limit['pipes'])}, n_process={limit['n_process']}", limit["wall"],
         limit["peak_mb"]),
        ("hand loop [nlp(t) for t in texts]" + (f" (timed on {row['hand']['articles']}, scaled by words)"
                                               if row["hand_sampled"] else ""), row["hand_wall"],
         row["hand"]["peak_mb"]),
    ):  # fmt: skip
        print(f"  {name:<62} {wall:8.1f} s  {n / wall:8.1f} art/s  {words / wall:9,.0f} words/s  "
              f"peak {peak:6,.0f} MB")  # fmt: skip
    print(f"  ratios: toolkit / limit = {limit['wall'] / cold['wall']:.2f}x (target >= 0.85), "
          f"toolkit / hand loop = {row['hand_wall'] / cold['wall']:.2f}x (target >= 3), "
          f"warm speed-up = {cold['wall'] / warm['wall']:.1f}x (target >= 20)")
    print(f"  toolkit time per 1000 articles: {1000 * cold['wall'] / n:.2f} s; rows: {cold['rows']}")



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="reuters21578.tar.gz")
    parser.add_argument("--sizes", default="1000,5000,all", help="comma-separated article counts, `all` for all")
    parser.add_argument("--quick", action="store_true", help="development: 300 and 1000 articles, hand loop on 200")
    parser.add_argument("--n-process", type=int, default=0, help="toolkit worker processes (default: its own)")
    parser.add_argument("--limit-processes", type=int, default=2, help="n_process of the nlp.pipe reference")
    parser.add_argument("--batch-size", type=int, default=64, help="batch size of the nlp.pipe reference")
    parser.add_argument("--hand-limit", type=int, default=2000,
                        help="time the hand loop on at most this many texts and scale by words (0: all)")
    parser.add_argument("--task", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        name, source, *rest = args.task
        if name == "toolkit":
            result = task_toolkit(Path(source), int(rest[0]) if rest else None)
        elif name == "hand":
            result = task_hand(Path(source), int(rest[0]))
        else:
            result = task_limit(Path(source), int(rest[0]), int(rest[1]))
        import toolkit

        print(json.dumps({**result, "code": str(Path(toolkit.__file__).parent)}))
        return 0
    if not args.corpus.is_file():
        print(f"throughput: {args.corpus}: no such archive", file=sys.stderr)
        return 2
    if args.quick:
        args.sizes, args.hand_limit = "300,1000", 200
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as tmp:
        work = Path(tmp)
        files, meta = unpack(args.corpus, work / "unpacked")
        # Measure one version of the code: children import a snapshot of the package (other edits to the
        # working tree during the run would otherwise invalidate the result cache between cold and warm).
        shutil.copytree(ROOT / "toolkit", work / "code" / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(work / "code"), os.environ.get("PYTHONPATH")]))
        sizes = [len(files) if s.strip() == "all" else min(int(s), len(files)) for s in args.sizes.split(",")]
        print(f"{args.corpus.name}: {len(files)} articles; sizes {sizes}; cores "
              f"{len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        rows = []
        for n in sizes:
            rows.append(bench_size(files, meta, n, work, args))
            report(rows[-1])
        if len(rows) > 1:
            per_k = [1000 * r["cold"]["wall"] / r["n"] for r in rows]
            print(f"\nlinear growth: seconds per 1000 articles {', '.join(f'{p:.2f}' for p in per_k)} "
                  f"(largest / smallest = {per_k[-1] / per_k[0]:.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
