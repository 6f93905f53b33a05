"""The article's block(s) of lines from the lines' weights: the contiguous run with the highest total
(short lines between body lines are body, a menu or a list of headlines costs more than it brings), plus
further runs that carry enough prose, never across a heading of what follows the article. A break (a long
stretch of cheap lines: a menu, a list of headlines) ends a run; a block beyond it joins only as a further
run that weighs half as much as the article (a sidebar's prose beyond a menu outweighs the menu)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any


def best_run(weights: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Kadane: the contiguous run in weights[lo:hi] with the largest sum (sum, start, end-exclusive)."""
    best, best_start, best_end = 0.0, lo, lo
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best, best_start, best_end


def split_at(lo: int, hi: int, cuts: frozenset[int]) -> list[tuple[int, int]]:
    """The stretch lo..hi cut before each position of `cuts` inside it."""
    bounds = [lo, *sorted(k for k in cuts if lo < k < hi), hi]
    return list(zip(bounds, bounds[1:], strict=False))


def fenced_segments(
    weights: list[float], fences: list[str], opts: Mapping[str, Any]
) -> tuple[list[tuple[int, int]], int]:
    """The stretches between fences (`related` / `comments` headings), and the end of what is looked at.

    Comments can outweigh the article they follow: nothing after a comments heading that follows some
    prose (`extra_block_min_score`) counts."""
    segments: list[tuple[int, int]] = []
    lo = 0
    for hi in [i for i, fence in enumerate(fences) if fence] + [len(weights)]:
        segments.append((lo, hi))
        if (
            hi < len(weights)
            and fences[hi] == "comments"
            and best_run(weights, lo, hi)[0] >= opts["extra_block_min_score"]
        ):
            return segments, hi
        lo = hi + 1
    return segments, len(weights)


@dataclass(frozen=True)
class FurtherRuns:
    """What a run besides the main one needs to join the article: `heavy` enough and not fenced off
    from the main run (`main_start`..`main_end`; `heavy_past_break` when a break lies between), or within
    `near_gap` lines of the article with `near_score`, or heavy, within `style_gap` lines and in the style
    of the runs already found (`same_style`: a box of links under a `Related` heading inside the article
    does not end it)."""

    heavy: float
    near_gap: int
    near_score: float
    main_start: int
    main_end: int
    style_gap: int = 0
    same_style: Callable[[list[tuple[int, int]], tuple[int, int]], bool] | None = None
    breaks: frozenset[int] = frozenset()
    heavy_past_break: float = float("inf")

    def accepts(self, score: float, start: int, end: int, found: list[tuple[int, int]], fences: list[str]) -> bool:
        distance = min(min(abs(start - rb), abs(ra - end)) for ra, rb in found)
        between = range(min(start, self.main_start), max(end, self.main_end))
        fenced = any(fences[k] for k in between)
        needed = self.heavy_past_break if any(k in self.breaks for k in between) else self.heavy
        if (score >= needed and not fenced) or (distance <= self.near_gap and score >= self.near_score):
            return True
        return (
            self.same_style is not None
            and score >= self.heavy
            and distance <= self.style_gap
            and self.same_style(found, (start, end))
        )


def uncovered_stretches(covered: list[bool], lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Each maximal stretch `(start, end-exclusive)` of `covered[lo:hi]` that is not covered."""
    i = lo
    while i < hi:
        if covered[i]:
            i += 1
            continue
        j = i
        while j < hi and not covered[j]:
            j += 1
        yield i, j
        i = j


def next_further_run(
    weights: list[float],
    good: list[bool],
    fences: list[str],
    segments: list[tuple[int, int]],
    limit: int,
    found: list[tuple[int, int]],
    rule: FurtherRuns,
) -> tuple[int, int] | None:
    """The first run outside those `found` (in segment order) that the rule lets join, if any."""
    covered = [False] * limit
    for a, b in found:
        for i in range(a, min(b, limit)):
            covered[i] = True
    for a, b in segments:
        for lo, hi in uncovered_stretches(covered, a, min(b, limit)):
            score, start, end = best_run(weights, lo, hi)
            if score > 0 and any(good[start:end]) and rule.accepts(score, start, end, found, fences):
                return start, end
    return None


def regions(
    weights: list[float],
    good: list[bool],
    fences: list[str],
    opts: Mapping[str, Any],
    *,
    same_style: Callable[[list[tuple[int, int]], tuple[int, int]], bool] | None = None,
    breaks: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """The main run of body lines plus further runs carrying enough prose, in order.

    No run crosses a fence (a `related` or `comments` heading) or a break (a position of `breaks`, where
    a long stretch of cheap lines begins); nothing after a comments heading that follows some prose is
    looked at. A further run is added when it is heavy (`extra_block_ratio` of the main run, or
    `break_block_ratio` past a break; same fenced stretch), or when it is close to the article
    (`near_gap` lines, across a caption or a small box of links) and carries `near_block_min_score`, or
    when it is heavy, within `style_gap` lines and reads like the runs found so far
    (`same_style(found, run)`).
    """
    fenced, limit = fenced_segments(weights, fences, opts)
    stretches = [split_at(a, b, breaks) for a, b in fenced]
    # The heaviest run of each fenced stretch; no run crosses a break.
    runs = [max((best_run(weights, lo, hi) for lo, hi in pieces), key=lambda run: run[0]) for pieces in stretches]
    best = max(score for score, _, _ in runs)
    if best <= 0:
        return []
    # Footers and teasers after a `related` heading can outweigh a short article above it.
    main_score, start, end = next(run for run in runs if run[0] >= float(opts["first_run_ratio"]) * best)
    segments = [piece for pieces in stretches for piece in pieces]
    rule = FurtherRuns(
        heavy=max(float(opts["extra_block_min_score"]), float(opts["extra_block_ratio"]) * main_score),
        near_gap=int(opts["near_gap"]),
        near_score=float(opts["near_block_min_score"]),
        main_start=start,
        main_end=end,
        style_gap=int(opts["style_gap"]),
        same_style=same_style,
        breaks=breaks,
        heavy_past_break=max(float(opts["extra_block_min_score"]), float(opts["break_block_ratio"]) * main_score),
    )
    found = [(start, end)]
    while (further := next_further_run(weights, good, fences, segments, limit, found, rule)) is not None:
        found.append(further)
    return sorted(found)
