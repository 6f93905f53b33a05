"""Errors the toolkit raises for bad input: one line, naming the file or row, never a deep traceback."""


class ToolkitError(Exception):
    """Base class: the CLI prints the message on one line and exits with status 2."""


class CorpusError(ToolkitError):
    """A corpus cannot be read as asked: missing path, duplicate ids, bad metadata, missing column."""
