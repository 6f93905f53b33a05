"""Corpus size against memory and time: Reuters-21578 texts reused under distinct ids up to 200,000 articles,
run through the toolkit CLI into a folder of Parquet parts; the same through a Dask LocalCluster.

    python benchmarks/scale.py [reuters21578.tar.gz | unpacked folder] [--sizes 20000,50000,200000]
                               [--dask-size 20000] [--n-process 2] [--cache DIR]

Every size runs `toolkit timeline CORPUS.parquet --out DIR --fresh` in a fresh child process; psutil samples
every process of its tree each 0.2 s and keeps the peak RSS of each (the main process, each worker) and
of their sum. The Doc cache is warmed first by one run over the distinct texts, so that every measured size
parses nothing and reads every Doc from the cache (reused texts would otherwise be parsed once and read
back after): the time per 1,000 articles is comparable across sizes and measures all but the parse. The
result cache never hits (partition keys include the corpus). Not run by the tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from process_memory import TreePeaks  # benchmarks/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.tar.gz"
ROW_GROUP = 5000


def distinct_articles(source: Path, work: Path) -> list[dict[str, str]]:
    """The Reuters articles (id, text, date, title) of an unpacked folder, or of the archive unpacked."""
    if source.is_file():
        with tarfile.open(source) as tar:
            tar.extractall(work / "unpacked", filter="data")
        source = work / "unpacked"
    meta_path = next(source.rglob("metadata.csv"))
    with meta_path.open(encoding="utf-8", newline="") as handle:
        meta = {row["id"]: row for row in csv.DictReader(handle)}
    files = sorted(p for p in meta_path.parent.rglob("*.txt") if not p.name.startswith("."))
    return [{"text": p.read_text(encoding="utf-8"), "published": meta.get(p.stem, {}).get("date", ""),
             "title": meta.get(p.stem, {}).get("title", ""), "stem": p.stem} for p in files]  # fmt: skip


def write_corpus(articles: list[dict[str, str]], n: int, path: Path) -> Path:
    """A Parquet table of `n` articles: the distinct ones in turn, each under a new id, written in row groups."""
    with pq.ParquetWriter(path, pa.schema([(name, pa.string()) for name in ("article_id", "text", "published",
                                                                            "title")])) as writer:  # fmt: skip
        for start in range(0, n, ROW_GROUP):
            rows = [articles[i % len(articles)] for i in range(start, min(n, start + ROW_GROUP))]
            writer.write_table(pa.table({
                "article_id": [f"a{start + k:07d}-{row['stem']}" for k, row in enumerate(rows)],
                "text": [row["text"] for row in rows],
                "published": [row["published"] for row in rows],
                "title": [row["title"] for row in rows],
            }))  # fmt: skip
    return path


def measure(command: list[str], env: dict[str, str]) -> dict:
    """Run `command`; its wall time, stdout, and peak RSS (MB) of its main process, of its largest other
    process, and of the whole tree."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, **env})  # fmt: skip
    with TreePeaks(child.pid) as peaks:
        out, err = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {err.strip()[-500:]}")
    others = [rss for pid, rss in peaks.by_pid.items() if pid != child.pid]
    return {"wall": wall, "stdout": out.strip(), "main_mb": peaks.by_pid.get(child.pid, 0) / 2**20,
            "worker_mb": max(others, default=0) / 2**20, "n_others": len(others), "total_mb": peaks.total / 2**20}


def run_size(label: str, corpus: Path, out: Path, n: int, extra: list[str], env: dict[str, str]) -> dict:
    command = [sys.executable, "-m", "toolkit.cli", "timeline", str(corpus), "--out", str(out), "--quiet",
               "--fresh", *extra]  # fmt: skip
    result = measure(command, env)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = {}
    for entry in manifest["partitions"].values():
        for name, info in entry["files"].items():
            table = name.split("/")[0].removesuffix(".parquet")
            rows[table] = rows.get(table, 0) + info["rows"]
    row = {"label": label, "n": n, **result, "rows": rows, "per_1000": 1000 * result["wall"] / n}
    print(f"{label:>22} {n:>8} articles  {result['wall']:8.1f} s  {row['per_1000']:6.2f} s/1000  "
          f"main {result['main_mb']:6.0f} MB  largest worker {result['worker_mb']:6.0f} MB "
          f"({result['n_others']} processes)  total {result['total_mb']:6.0f} MB  "
          f"mentions {rows.get('mentions', 0)}", flush=True)  # fmt: skip
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="reuters21578.tar.gz or its unpacked folder")  # fmt: skip
    parser.add_argument("--sizes", default="20000,50000,200000", help="comma-separated article counts")
    parser.add_argument("--dask-size", type=int, default=20000, help="articles through a LocalCluster (0: none)")
    parser.add_argument("--n-process", type=int, default=2, help="local worker processes of the toolkit")
    parser.add_argument("--work", type=Path, help="folder for the corpora, outputs and caches (default: a temp)")
    parser.add_argument("--cache", type=Path, help="Doc cache kept across runs (default: one in the work folder), "
                        "so that a second run, e.g. of other code, parses nothing in its warm-up")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"scale: {args.corpus}: no such archive or folder", file=sys.stderr)
        return 2
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="toolkit-scale-", dir=args.work) as tmp:
        work = Path(tmp)
        articles = distinct_articles(args.corpus, work)
        env = {"TOOLKIT_CACHE_DIR": str(args.cache or work / "cache"), "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}  # fmt: skip
        print(f"{len(articles)} distinct Reuters articles; sizes {sizes}; Dask {args.dask_size}; cores "
              f"{len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        workers = ["--n-process", str(args.n_process)]
        warm_n = min(len(articles), max([*sizes, args.dask_size]))
        run_size("warm-up (parses)", write_corpus(articles, warm_n, work / "warm.parquet"), work / "out-warm",
                 warm_n, workers, env)  # fmt: skip
        rows = []
        for n in sizes:
            corpus = write_corpus(articles, n, work / f"corpus-{n}.parquet")
            rows.append(run_size("local workers", corpus, work / f"out-{n}", n, workers, env))
            (work / f"corpus-{n}.parquet").unlink()
        if args.dask_size:
            corpus = write_corpus(articles, args.dask_size, work / "corpus-dask.parquet")
            run_size("Dask LocalCluster", corpus, work / "out-dask", args.dask_size, ["--scheduler", "local"], env)
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            print(f"\n{first['n']} -> {last['n']} articles: seconds per 1000 {first['per_1000']:.2f} -> "
                  f"{last['per_1000']:.2f} ({last['per_1000'] / first['per_1000']:.2f}x); peak main "
                  f"{last['main_mb'] / first['main_mb']:.2f}x, largest worker "
                  f"{last['worker_mb'] / max(first['worker_mb'], 1):.2f}x, total "
                  f"{last['total_mb'] / first['total_mb']:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
