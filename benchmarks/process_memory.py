"""Peak memory of a child process and of every process it starts, sampled by psutil in a thread: what the
scale and throughput benchmarks report beside their timings."""

from __future__ import annotations

import threading
import time
from types import TracebackType


class TreePeaks:
    """While open, samples the RSS of process `pid` and its descendants every `interval` seconds; keeps the
    peak of each process (`by_pid`, bytes) and of their sum (`total`)."""

    def __init__(self, pid: int, *, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.by_pid: dict[int, int] = {}
        self.total = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> TreePeaks:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:  # fmt: skip
        self._done.set()
        self._thread.join()

    def _watch(self) -> None:
        import psutil

        try:
            main = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._done.is_set():
            try:
                tree = [main, *main.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for process in tree:
                try:
                    rss = process.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                self.by_pid[process.pid] = max(self.by_pid.get(process.pid, 0), rss)
                total += rss
            self.total = max(self.total, total)
            time.sleep(self.interval)
