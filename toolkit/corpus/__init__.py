"""Find, decode and read raw articles and their metadata into the `articles` table.

A corpus arrives as a folder of `.txt` files (one article each, `<id>.txt`, with an optional
`metadata.csv`), as one `.txt` file, or as a table (CSV, JSON Lines, Parquet) with a text column.
Raw files are only ever read. Files that cannot be used are skipped and listed in `problems`;
errors that make the whole corpus ambiguous (duplicate ids, a bad metadata date) stop the load.

`load_corpus` reads it into memory; `stream_corpus` reads it chunk by chunk, again on each pass, for runs
over corpora bigger than memory. The jobs, one module each: `files` (a folder's text files), `tables`
(a table's rows, in batches), `decode` (bytes to text), `dates` and `metadata`, `articles` (the table's
records and types), `problems` (what was skipped), `load` (the passes over a source).
"""

from toolkit.corpus.articles import ARTICLE_COLUMNS, summarise
from toolkit.corpus.dates import parse_date
from toolkit.corpus.decode import decode_text
from toolkit.corpus.load import DEFAULT_CHUNK_SIZE, CorpusStream, LoadedCorpus, load_corpus, stream_corpus
from toolkit.corpus.metadata import METADATA_COLUMNS
from toolkit.corpus.problems import PROBLEM_COLUMNS, CorpusWarning
from toolkit.corpus.tables import COLUMN_CANDIDATES, TABLE_SUFFIXES

__all__ = [
    "ARTICLE_COLUMNS", "COLUMN_CANDIDATES", "DEFAULT_CHUNK_SIZE", "METADATA_COLUMNS", "PROBLEM_COLUMNS",
    "TABLE_SUFFIXES", "CorpusStream", "CorpusWarning", "LoadedCorpus", "decode_text", "load_corpus",
    "parse_date", "stream_corpus", "summarise",
]
