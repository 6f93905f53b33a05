"""The `toolkit` command: clean, entities, timeline and report on any corpus `load_corpus` reads.

Errors print one line to stderr and exit with status 2; success exits 0.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.io import check_outside

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description="Analyse a corpus of scraped news articles.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("source", type=Path, help="folder of .txt files, one .txt, or a CSV/JSONL/Parquet table")
        sub.add_argument("--out", type=Path, required=True, help="folder for the outputs")
        sub.add_argument("--quiet", action="store_true", help="no progress bars")
        return sub

    clean = add("clean", "classify every raw line and write articles.parquet and lines.parquet (folders of parts)")
    clean.add_argument("--bodies", type=Path, help="also write each clean body as <id>.txt in this folder")
    for name, help_text in (
        ("entities", "clean, then count entities: + mentions.parquet, entity_counts.parquet, corpus_names.parquet"),
        ("timeline", "clean, entities, then temporal expressions: + timexes, events, story_events (.parquet)"),
    ):
        sub = add(name, help_text)
        sub.add_argument("--no-clean", action="store_true", help="take each text as an already clean body")
        sub.add_argument("--aliases", type=Path, help="CSV alias,canonical of entity names to merge")
        sub.add_argument("--model", help="spaCy model package or path (default: the [nlp] models setting)")
        sub.add_argument("--n-process", type=int, help="local worker processes (default: one per core on big corpora)")
    for sub in (clean, commands.choices["entities"], commands.choices["timeline"]):
        sub.add_argument(
            "--scheduler", metavar="ADDRESS",
            help="run on a Dask cluster: scheduler address (tcp://host:8786), or `local` for a local cluster",
        )
        sub.add_argument("--text-column", help="text column of a table source (default: found by name)")
        sub.add_argument("--id-column", help="id column of a table source")
        sub.add_argument("--date-column", help="publication date column of a table source")
        sub.add_argument("--partition-size", type=int, metavar="N",
                         help="articles per partition (default: 250, fewer towards the end)")
        again = sub.add_mutually_exclusive_group()
        again.add_argument("--resume", action="store_true",
                           help="insist on resuming the run in DIR (by default it resumes when DIR holds a run of "
                                "the same corpus and settings)")
        again.add_argument("--fresh", action="store_true", help="start over, even if DIR holds an unfinished run")
    add("report", "execute every notebook on SOURCE and write DIR/index.html plus one HTML per notebook")
    return parser


def _run(args: argparse.Namespace) -> str:
    progress = not args.quiet
    check_outside(args.source, args.out, getattr(args, "bodies", None))
    if args.command == "report":
        from toolkit.report import build_report

        return f"wrote {build_report(args.source, args.out, progress=progress)}"
    from toolkit.pipeline import run_to_folder, save_bodies_of_folder

    options = {
        "text_column": args.text_column, "id_column": args.id_column, "date_column": args.date_column,
        "partition_size": args.partition_size, "resume": True if args.resume else False if args.fresh else None,
        "progress": progress,
    }  # fmt: skip
    if args.command != "clean":
        options.update(clean=not args.no_clean, aliases=args.aliases, model=args.model, n_process=args.n_process)
    client = None
    if args.scheduler:
        from toolkit.dask_backend import connect

        client = connect(args.scheduler)
    try:
        manifest = run_to_folder(args.source, args.out, until=args.command, client=client, **options)
    finally:
        if client is not None:
            from toolkit.dask_backend import disconnect

            disconnect(client, close_cluster=args.scheduler == "local")
    if args.command == "clean" and args.bodies:
        save_bodies_of_folder(args.out, args.bodies)
    folders = {name.split("/")[0] + "/" for entry in manifest["partitions"].values() for name in entry["files"]}
    written = sorted(folder for folder in folders if not folder.startswith("_")) + sorted(manifest["tables"])
    resumed = f", {manifest['resumed']} partitions resumed" if manifest["resumed"] else ""
    n_articles = sum(manifest["partition_sizes"])
    return f"wrote {', '.join(written)} to {args.out} ({n_articles} articles{resumed})"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `toolkit` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    warnings.simplefilter("default")
    warnings.formatwarning = lambda message, category, *rest: f"warning: {message}\n"
    try:
        print(_run(args))
    except ToolkitError as exc:
        print(f"toolkit {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"toolkit {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"toolkit {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


if __name__ == "__main__":
    sys.exit(main())
